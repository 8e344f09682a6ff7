import { describe, expect, it } from 'vitest';
import type { AttendanceEntry } from '../bindings/AttendanceEntry';
import type { CalendarCell } from '../bindings/CalendarCell';
import { alsoKinds, attendanceLine, calendarRows, mergeAttendance, participationText, participationTone, periodLabel } from './meetings';

const person = (id: number, name: string, status: AttendanceEntry['status'] = 'present'): AttendanceEntry => ({
  member_id: id, name, status, reason: '',
});

describe('calendar labels', () => {
  it('names months, quarters and the year as a secretary says them', () => {
    expect(periodLabel('2026-03')).toBe('3月');
    expect(periodLabel('2026-Q2')).toBe('第二季度');
    expect(periodLabel('2026')).toBe('全年');
  });

  it('groups cells into one row per kind, keeping their order', () => {
    const cells: CalendarCell[] = [
      { kind: 'general_meeting', period: '2026-Q1', held: 1, required: 1, status: 'met' },
      { kind: 'general_meeting', period: '2026-Q2', held: 0, required: 1, status: 'gap' },
      { kind: 'theme_day', period: '2026-01', held: 1, required: 1, status: 'met' },
    ];
    const rows = calendarRows(cells);
    expect(rows.map((r) => r.kind)).toEqual(['general_meeting', 'theme_day']);
    expect(rows[0].cells.map((c) => c.status)).toEqual(['met', 'gap']);
  });
});

describe('attendance', () => {
  it('keeps marks made before the list reloads, drops people no longer expected, keeps observers', () => {
    const current = [person(1, '张三', 'absent'), person(2, '李四', 'excused'), { member_id: null, name: '来宾', status: 'observer' as const, reason: '' }];
    current[1].reason = '出差';
    const merged = mergeAttendance([person(2, '李四'), person(3, '王五')], current);
    expect(merged.map((a) => [a.name, a.status, a.reason])).toEqual([
      ['李四', 'excused', '出差'],
      ['王五', 'present', ''],
      ['来宾', 'observer', ''],
    ]);
  });

  it('says who came in one line', () => {
    expect(attendanceLine({ expected: 19, present: 16, excused: 2, absent: 1 })).toBe('应到19人，出席16人，请假2人，缺席1人');
    expect(attendanceLine({ expected: 3, present: 3, excused: 0, absent: 0 })).toBe('应到3人，出席3人');
  });
});

describe("a member's year of organizational life", () => {
  const p = (present: number, excused: number, absent: number) => {
    const expected = present + excused + absent;
    return { member_id: 1, name: '张三', expected, present, excused, absent, rate: expected ? present / expected : null };
  };
  it('tells leave apart from absence', () => {
    expect(participationText(p(0, 1, 0))).toBe('0/1（请假1）');
    expect(participationTone(p(0, 1, 0))).toBe('excused');
    expect(participationText(p(0, 0, 1))).toBe('0/1（0%，缺席1）');
    expect(participationTone(p(0, 0, 1))).toBe('absent');
  });
  it('does not count leave against the member', () => {
    // Two of three with leave, one attended: nothing missed without reason.
    expect(participationTone(p(1, 2, 0))).toBe('excused');
    // Attended 2 of the 3 they could: fine, though one absence is shown.
    expect(participationTone(p(2, 2, 1))).toBe('excused');
    expect(participationText(p(2, 2, 1))).toBe('2/5（40%，请假2，缺席1）');
    expect(participationTone(p(1, 0, 2))).toBe('absent');
    expect(participationText(p(3, 0, 0))).toBe('3/3');
    expect(participationTone(p(3, 0, 0))).toBe('');
  });
});

describe('also counts as', () => {
  it('offers only the pairs the core accepts', () => {
    expect(alsoKinds('theme_day')).toEqual(['general_meeting', 'party_lecture']);
    expect(alsoKinds('general_meeting')).toEqual(['theme_day']);
    expect(alsoKinds('committee_meeting')).toEqual([]);
    expect(alsoKinds(null)).toEqual([]);
  });
});
