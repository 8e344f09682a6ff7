// The branch profile as the form edits it, and its rules as they read.
import type { BranchInput } from '../bindings/BranchInput';
import type { BranchProfile } from '../bindings/BranchProfile';
import type { Rules } from '../bindings/Rules';
import { LABELS } from './labels';

export function emptyBranch(): BranchInput {
  return {
    name: '', org_name: '', org_type: 'social_group', org_type_other: '', superior: '',
    founded: null, term_start: null, term_years: 3, committee: [],
    structure: null, structure_reason: '', committee_elected: null, records_from: null,
  };
}

export function branchInput(p: BranchProfile): BranchInput {
  return {
    name: p.name, org_name: p.org_name, org_type: p.org_type, org_type_other: p.org_type_other,
    superior: p.superior, founded: p.founded, term_start: p.term_start, term_years: p.term_years,
    committee: p.committee.map((s) => ({ ...s })),
    structure: p.structure, structure_reason: p.structure_reason, committee_elected: p.committee_elected,
    records_from: p.records_from,
  };
}

/** Months from today to the end of the term; negative once it has passed. */
export function monthsToTermEnd(termEnd: string | null, today: string): number | null {
  if (!termEnd) return null;
  const [ey, em] = termEnd.split('-').map(Number);
  const [ty, tm] = today.split('-').map(Number);
  return (ey - ty) * 12 + (em - tm);
}

/** The rules in one paragraph, as the secretary reads them before deciding to change any. */
export function rulesSummary(r: Rules): string {
  const meetings = r.requirements
    .filter((q) => q.count > 0)
    .map((q) => `${LABELS.MeetingKind[q.kind]}${LABELS.Period[q.period]}${q.count}次`)
    .join('，');
  return [
    meetings ? `${meetings}。` : '不要求召开会议。',
    `连续${r.six_month_warn}个月未参加组织生活提醒，${r.six_month_alarm}个月警告，${r.six_month_line}个月为界线；`,
    `预备期满前${r.probation_notice_days}天提醒转正，任期届满前${r.term_notice_months}个月提醒换届；`,
    `正式党员达到${r.committee_min_full_members}人设立支部委员会。`,
  ].join('');
}
