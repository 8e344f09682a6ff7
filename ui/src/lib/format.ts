// How the roster's dates and people read in Chinese. The labels of codes come from the core
// (lib/labels); no rule lives here.
import type { Member } from '../bindings/Member';
import { LABELS, codesOf } from './labels';

/** 2026-11-26 → 2026年11月26日 (official documents use no leading zeros). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 1985-03-01 → 1985.03, the usual form for birth dates in rosters. */
export function formatYearMonth(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.slice(0, 7).replace('-', '.');
}

/** Short status marks shown next to a name. */
export function statusTags(m: Member): { text: string; type: 'info' | 'warning' | 'danger' }[] {
  const tags: { text: string; type: 'info' | 'warning' | 'danger' }[] = [];
  if (m.status === 'left') {
    const reason = m.left_reason ? LABELS.MembershipReason[m.left_reason] : '已离开';
    tags.push({ text: `${reason} ${formatDate(m.left_date)}`, type: 'info' });
  }
  if (m.party_post) tags.push({ text: m.party_post, type: 'danger' });
  if (m.membership_elsewhere) tags.push({ text: '组织关系在外', type: 'info' });
  if (m.retired) tags.push({ text: '离退休', type: 'info' });
  if (m.is_mobile) tags.push({ text: '流动党员', type: 'warning' });
  if (m.lost_contact) tags.push({ text: '失联', type: 'danger' });
  return tags;
}

/** The number of each category, in the official order, for the roster's summary line. */
export function categoryCounts(members: Member[]): string {
  return codesOf(LABELS.Category)
    .map((c) => [c, members.filter((m) => m.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${LABELS.Category[c]}${n}人`)
    .join('，');
}
