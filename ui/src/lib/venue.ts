// The venue check form: a new check starts from the latest one, so only what changed
// needs touching.
import type { CheckInput } from '../bindings/CheckInput';
import type { Venue } from '../bindings/Venue';

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
