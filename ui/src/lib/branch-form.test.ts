import { describe, expect, it } from 'vitest';
import { monthsToTermEnd, rulesSummary } from './branch-form';

describe('term end', () => {
  it('counts the months left in the term', () => {
    expect(monthsToTermEnd('2027-03-15', '2026-11-26')).toBe(4);
    expect(monthsToTermEnd('2026-03-15', '2026-11-26')).toBe(-8);
    expect(monthsToTermEnd(null, '2026-11-26')).toBeNull();
  });
});

describe('the rules in one paragraph', () => {
  it('names each required meeting and leaves out those turned off', () => {
    const text = rulesSummary({
      requirements: [
        { kind: 'general_meeting', period: 'quarter', count: 1 },
        { kind: 'committee_meeting', period: 'month', count: 0 },
        { kind: 'theme_day', period: 'month', count: 1 },
      ],
      six_month_warn: 3, six_month_alarm: 5, six_month_line: 6, probation_notice_days: 30,
      term_notice_months: 3, committee_min_full_members: 7, attachment_max_bytes: 5_000_000, excellent_max_percent: null,
    });
    expect(text).toBe(
      '支部党员大会每季度1次，主题党日每月1次。连续3个月未参加组织生活提醒，5个月警告，6个月为界线；预备期满前30天提醒转正，任期届满前3个月提醒换届；正式党员达到7人设立支部委员会。',
    );
  });
});
