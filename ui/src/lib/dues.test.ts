import { describe, expect, it } from 'vitest';
import type { DuesMonth } from '../bindings/DuesMonth';
import { cellState, needsIncome, yuan } from './dues';

const month = (m: number, due: boolean, paid: number | null, overdue = false, before = false): DuesMonth => ({
  month: m, due, paid_fen: paid, paid_on: paid === null ? null : '2026-01-20', proxy: '', overdue,
  before_records: before,
});

describe('a month of the dues grid', () => {
  // Which months are overdue is the core's rule (tests/dues.rs); the grid shows it.
  it('is paid, owed when the core says overdue, open otherwise, or not due', () => {
    expect(cellState(month(1, true, 4800))).toBe('paid');
    expect(cellState(month(10, true, null, true))).toBe('owed');
    expect(cellState(month(11, true, null))).toBe('open');
    expect(cellState(month(3, false, null))).toBe('none');
  });
  it('shows a month before the records start apart, and a payment entered for it as paid', () => {
    expect(cellState(month(3, false, null, false, true))).toBe('before');
    expect(cellState(month(3, false, 4800, false, true))).toBe('paid');
  });
  it('shows money with two decimals', () => {
    expect(yuan(4800)).toBe('48.00');
    expect(yuan(20)).toBe('0.20');
    expect(yuan(345670)).toBe('3456.70');
  });
});

describe('the standard form', () => {
  it('asks for an income only where the core computes the amount from one', () => {
    expect(needsIncome('in_service')).toBe(true);
    expect(needsIncome('retired')).toBe(true);
    expect(needsIncome('student')).toBe(false);
  });
});
