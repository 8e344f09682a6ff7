// The venue checklist form: a new check starts from the latest one, so only what changed
// needs touching.
import type { CheckInput } from '../bindings/CheckInput';
import type { Venue } from '../bindings/Venue';

export const STANDARD_LABELS = {
  basic: '有场所、有设施、有标志、有党旗、有书报、有制度',
  plaque: '有牌匾、有党旗、有党员活动室、有资料柜、有电教设备、有宣传阵地',
  work: '有人管、有阵地、有经费、有载体、有活动、有氛围',
} as const;

export function newCheck(v: Venue, today: string, checkedBy: string): CheckInput {
  const last = v.checks[0];
  return {
    date: today,
    checked_by: last?.checked_by ?? checkedBy,
    note: '',
    items: v.items.map((item) => {
      const prev = last?.items.find((i) => i.item_id === item.id);
      return { item_id: item.id, status: prev?.status ?? null, explanation: prev?.explanation ?? '', remark: prev?.remark ?? '' };
    }),
  };
}
