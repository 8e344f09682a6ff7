// How the roster's codes and dates read in Chinese. Labels only: no rule lives here.
import type { Category } from '../bindings/Category';
import type { Member } from '../bindings/Member';
import type { MembershipReason } from '../bindings/MembershipReason';
import type { OrgType } from '../bindings/OrgType';
import type { Sex } from '../bindings/Sex';

export const CATEGORY_LABELS: Record<Category, string> = {
  full: '正式党员',
  probationary: '预备党员',
  candidate: '发展对象',
  activist: '入党积极分子',
  applicant: '入党申请人',
};

export const SEX_LABELS: Record<Sex, string> = { male: '男', female: '女' };

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会',
  community: '社区社会组织',
  other: '其他',
};

export const LEAVE_REASON_LABELS: Record<MembershipReason, string> = {
  new: '新加入',
  transfer: '组织关系转出',
  deceased: '去世',
  removed: '出党、除名',
  other: '其他',
};

export const COMMITTEE_ROLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '统战委员', '青年委员', '委员'];

export const EDUCATION_OPTIONS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下'];

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
    const reason = m.left_reason ? LEAVE_REASON_LABELS[m.left_reason] : '已离开';
    tags.push({ text: `${reason} ${formatDate(m.left_date)}`, type: 'info' });
  }
  if (m.party_post) tags.push({ text: m.party_post, type: 'danger' });
  if (m.membership_elsewhere) tags.push({ text: '组织关系在外', type: 'info' });
  if (m.is_mobile) tags.push({ text: '流动党员', type: 'warning' });
  if (m.lost_contact) tags.push({ text: '失联', type: 'danger' });
  return tags;
}

/** The number of each category, in the official order, for the roster's summary line. */
export function categoryCounts(members: Member[]): string {
  const order: Category[] = ['full', 'probationary', 'candidate', 'activist', 'applicant'];
  return order
    .map((c) => [c, members.filter((m) => m.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${CATEGORY_LABELS[c]}${n}人`)
    .join('，');
}
