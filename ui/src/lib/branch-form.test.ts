import { describe, expect, it } from 'vitest';
import { monthsToTermEnd } from './branch-form';

describe('term end', () => {
  it('counts the months left in the term', () => {
    expect(monthsToTermEnd('2027-03-15', '2026-11-26')).toBe(4);
    expect(monthsToTermEnd('2026-03-15', '2026-11-26')).toBe(-8);
    expect(monthsToTermEnd(null, '2026-11-26')).toBeNull();
  });
});
