// Between the form and the core: which fields a category shows, and the input sent. Fields
// a category does not show are sent empty, so a hidden old value can never be saved.
import type { Category } from '../bindings/Category';
import type { Member } from '../bindings/Member';
import type { MemberInput } from '../bindings/MemberInput';

export function emptyInput(): MemberInput {
  return {
    name: '', id_number: '', sex: null, birth_date: null, ethnicity: '汉族', native_place: '',
    education: '', work_started: null, category: 'full', joined: null, full_date: null,
    probation_extension_months: 0, since: null, since_reason: 'new', since_org: '', position: '',
    phone: '', address: '', membership_elsewhere: false, membership_org: '', is_mobile: false,
    lost_contact: false, retired: false, note: '', dues_here: false, org_id: null,
  };
}

export function inputFromMember(m: Member): MemberInput {
  return {
    ...emptyInput(),
    name: m.name, id_number: m.id_number, ethnicity: m.ethnicity, native_place: m.native_place,
    education: m.education, work_started: m.work_started, category: m.category, joined: m.joined,
    full_date: m.full_date, probation_extension_months: m.probation_extension_months,
    position: m.position, phone: m.phone, address: m.address,
    membership_elsewhere: m.membership_elsewhere, membership_org: m.membership_org, is_mobile: m.is_mobile,
    lost_contact: m.lost_contact, retired: m.retired, note: m.note, dues_here: m.dues_here, org_id: m.org_id,
  };
}

export function showsJoined(c: Category | null | undefined): boolean {
  return c === 'full' || c === 'probationary';
}

export function showsFullDate(c: Category | null | undefined): boolean {
  return c === 'full';
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

export function toInput(form: MemberInput, adding: boolean): MemberInput {
  const c = form.category;
  return {
    ...form,
    birth_date: blankToNull(form.birth_date),
    work_started: blankToNull(form.work_started),
    joined: showsJoined(c) ? blankToNull(form.joined) : null,
    full_date: showsFullDate(c) ? blankToNull(form.full_date) : null,
    probation_extension_months: showsFullDate(c) ? form.probation_extension_months : 0,
    since: adding ? blankToNull(form.since) : null,
    since_org: adding && form.since_reason === 'transfer' ? form.since_org : '',
    membership_org: form.membership_elsewhere ? form.membership_org : '',
    dues_here: form.membership_elsewhere && form.dues_here,
  };
}
