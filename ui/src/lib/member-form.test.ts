import { describe, expect, it } from 'vitest';
import { emptyInput, toInput } from './member-form';

describe('the member form sends only what the category shows', () => {
  it('drops join and full dates for people not yet members', () => {
    const form = { ...emptyInput(), category: 'activist' as const, joined: '2020-01-01', full_date: '2021-01-01' };
    const sent = toInput(form, true);
    expect(sent.joined).toBeNull();
    expect(sent.full_date).toBeNull();
  });

  it('keeps the join date but not the full date for probationary members', () => {
    const form = { ...emptyInput(), category: 'probationary' as const, joined: '2026-06-01', full_date: '2027-06-01', probation_extension_months: 6 };
    const sent = toInput(form, true);
    expect(sent.joined).toBe('2026-06-01');
    expect(sent.full_date).toBeNull();
    expect(sent.probation_extension_months).toBe(0);
  });

  it('forgets where membership is kept once it is back in the branch', () => {
    const form = { ...emptyInput(), membership_elsewhere: false, membership_org: '某党委' };
    expect(toInput(form, false).membership_org).toBe('');
    expect(toInput({ ...form, membership_elsewhere: true }, false).membership_org).toBe('某党委');
  });

  it('sends blank dates as absent and the arrival only when adding', () => {
    const form = { ...emptyInput(), joined: '  ', since: '2020-01-01', since_reason: 'transfer' as const, since_org: '某党委' };
    expect(toInput(form, true).joined).toBeNull();
    expect(toInput(form, true).since_org).toBe('某党委');
    expect(toInput(form, false).since).toBeNull();
    expect(toInput(form, false).since_org).toBe('');
  });
});
