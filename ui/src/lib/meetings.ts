// Organizational life as the pages show it: periods, the calendar laid out as a grid, and the
// meeting form's input. No rule is decided here and no label kept; the core owns both.
import type { AttendanceEntry } from '../bindings/AttendanceEntry';
import type { CalendarCell } from '../bindings/CalendarCell';
import type { Meeting } from '../bindings/Meeting';
import type { MeetingInput } from '../bindings/MeetingInput';
import type { MeetingKind } from '../bindings/MeetingKind';
import type { Participation } from '../bindings/Participation';
import { LABELS, RULES } from './labels';

/** The kinds a meeting of `kind` may also count as: only the pairs the core accepts. */
export function alsoKinds(kind: MeetingKind | null | undefined): readonly MeetingKind[] {
  return kind ? RULES.meetingCombinations[kind] : [];
}

/** 2025-03 → 3月; 2025-Q2 → 第二季度; 2025 → 全年. */
export function periodLabel(period: string): string {
  const q = /^\d{4}-Q(\d)$/.exec(period);
  if (q) return `第${'一二三四'[Number(q[1]) - 1]}季度`;
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (m) return `${Number(m[1])}月`;
  return '全年';
}

/** The calendar as rows, one per kind, in the order the rules list them. */
export function calendarRows(cells: CalendarCell[]): { kind: MeetingKind; cells: CalendarCell[] }[] {
  const rows: { kind: MeetingKind; cells: CalendarCell[] }[] = [];
  for (const c of cells) {
    let row = rows.find((r) => r.kind === c.kind);
    if (!row) {
      row = { kind: c.kind, cells: [] };
      rows.push(row);
    }
    row.cells.push(c);
  }
  return rows;
}

export function emptyMeeting(date: string): MeetingInput {
  return {
    kind: 'theme_day', also_kind: null, date, time: '', place: '', host: '', recorder: '',
    topics: '', content: '', resolutions: '', group_id: null, attendance: [], grades: [], followups: [],
    counts_as_life: false, lecturer_id: null, lecturer: '', hours: null, theme: '',
  };
}

export function meetingInput(m: Meeting): MeetingInput {
  return {
    kind: m.summary.kind, also_kind: m.summary.also_kind, date: m.summary.date, time: m.summary.time,
    place: m.place, host: m.host, recorder: m.recorder, topics: m.summary.topics, content: m.content,
    resolutions: m.resolutions, group_id: m.group_id, attendance: m.attendance.map((a) => ({ ...a })),
    grades: m.grades.map((g) => ({ ...g })),
    followups: m.followups.map((f) => ({ ...f })),
    // An `other` record keeps its mark; every other kind is organizational life anyway.
    counts_as_life: m.summary.kind === 'other' && m.summary.counts_as_life,
    lecturer_id: m.lecturer_id, lecturer: m.lecturer_id === null ? m.lecturer : '',
    hours: m.summary.hours, theme: m.theme,
  };
}

/** Keeps the marks already made for people who are still expected when the list reloads
 * (a changed date or kind), and the observers. */
export function mergeAttendance(expected: AttendanceEntry[], current: AttendanceEntry[]): AttendanceEntry[] {
  const merged = expected.map((e) => {
    const had = current.find((c) => c.member_id !== null && c.member_id === e.member_id && c.status !== 'observer');
    return had ? { ...e, status: had.status, reason: had.reason } : e;
  });
  const observers = current.filter((c) => c.status === 'observer');
  return [...merged, ...observers];
}

export function attendanceLine(counts: { expected: number; present: number; excused: number; absent: number }): string {
  const s = LABELS.AttendanceStatus;
  const parts = [`应到${counts.expected}人`, `${s.present}${counts.present}人`];
  if (counts.excused) parts.push(`${s.excused}${counts.excused}人`);
  if (counts.absent) parts.push(`${s.absent}${counts.absent}人`);
  return parts.join('，');
}

/** A photo chosen for a record not yet saved: stored with the record when it is. */
export interface PendingPhoto {
  name: string;
  mime: string;
  /** The file's bytes, base64. */
  data: string;
}

/** A member's year of organizational life in a few characters: 2/3（67%，缺席1）. The share is
 * shown only where there are absences without leave; leave alone reads 0/1（请假1）, not 0%. */
export function participationText(p: Participation): string {
  const parts: string[] = [];
  if (p.absent > 0 && p.rate !== null) parts.push(`${Math.round(p.rate * 100)}%`);
  if (p.excused > 0) parts.push(`请假${p.excused}`);
  if (p.absent > 0) parts.push(`缺席${p.absent}`);
  return `${p.present}/${p.expected}${parts.length ? `（${parts.join('，')}）` : ''}`;
}

/** How it is marked: `absent` (red) when absences without leave keep them from more than 40 %
 * of the meetings they could attend; `excused` when they missed some with leave; else none.
 * Leave is a good reason: it does not count against them. */
export function participationTone(p: Participation): 'absent' | 'excused' | '' {
  const couldAttend = p.expected - p.excused;
  if (p.absent > 0 && couldAttend > 0 && p.present / couldAttend < 0.6) return 'absent';
  return p.excused > 0 ? 'excused' : '';
}
