// The dues page's small rules: money shown as the ledger shows it, and what a month cell of
// the grid means for the secretary today.
import type { DuesCategory } from '../bindings/DuesCategory';
import type { DuesMonth } from '../bindings/DuesMonth';

export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  in_service: '在职（按月工资收入）',
  retired: '离退休（按基本离退休费）',
  student: '学生（每月0.2元）',
  low_income: '下岗失业或低保（每月0.2元）',
  farmer: '农民（每月0.2–1元）',
  mobile_no_income: '无固定收入的流动党员（每月0.5元）',
};

export const NEEDS_INCOME: DuesCategory[] = ['in_service', 'retired'];

/** Fen as yuan, the way a ledger writes it: 4800 → "48.00". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export type CellState = 'paid' | 'owed' | 'open' | 'none';

/** paid; owed (overdue, as the core says); open (payable now or in advance); none (not due). */
export function cellState(m: DuesMonth): CellState {
  if (m.paid_fen !== null) return 'paid';
  if (!m.due) return 'none';
  return m.overdue ? 'owed' : 'open';
}
