import { describe, expect, it } from 'vitest';
import type { DuesMonth } from '../bindings/DuesMonth';
import { cellState, yuan } from './dues';

const month = (month: number, due: boolean, paid: number | null = null): DuesMonth => ({
  month, due, paid_fen: paid, paid_on: paid === null ? null : '2026-01-20', proxy: '',
});

describe('a month of the dues grid', () => {
  it('is paid, owed once the month is over, open while it runs, or not due', () => {
    expect(cellState(month(1, true, 4800), 2026, '2026-11-26')).toBe('paid');
    expect(cellState(month(10, true), 2026, '2026-11-26')).toBe('owed');
    expect(cellState(month(11, true), 2026, '2026-11-26')).toBe('open');
    expect(cellState(month(12, true), 2026, '2026-11-26')).toBe('open');
    expect(cellState(month(3, false), 2026, '2026-11-26')).toBe('none');
    // The last day of a month still belongs to it.
    expect(cellState(month(11, true), 2026, '2026-11-30')).toBe('open');
    expect(cellState(month(2, true), 2026, '2026-03-01')).toBe('owed');
  });
  it('shows money with two decimals', () => {
    expect(yuan(4800)).toBe('48.00');
    expect(yuan(20)).toBe('0.20');
    expect(yuan(345670)).toBe('3456.70');
  });
});
