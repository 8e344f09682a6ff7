// The branch profile as the form edits it.
import type { BranchInput } from '../bindings/BranchInput';
import type { BranchProfile } from '../bindings/BranchProfile';

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
