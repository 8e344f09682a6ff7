// The dues page's display: money shown as the ledger shows it, and what a month cell of the
// grid means for the secretary today. Categories, amounts and rules come from the core.
import type { DuesCategory } from '../bindings/DuesCategory';
import type { DuesMonth } from '../bindings/DuesMonth';
import { RULES } from './labels';

/** Whether the amount of a category is a share of an income the form must ask for. */
export function needsIncome(category: DuesCategory): boolean {
  return (RULES.duesNeedsIncome as readonly DuesCategory[]).includes(category);
}

/** Fen as yuan, the way a ledger writes it: 4800 → "48.00". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export type CellState = 'paid' | 'owed' | 'open' | 'before' | 'none';

/** paid; owed (overdue, as the core says); open (payable now or in advance); before (a month
 * before the records start: not asked, an older payment can be entered); none (not due). */
export function cellState(m: DuesMonth): CellState {
  if (m.paid_fen !== null) return 'paid';
  if (m.before_records) return 'before';
  if (!m.due) return 'none';
  return m.overdue ? 'owed' : 'open';
}
