// Dates as secretaries type them. Their notebooks and Word files say 2024.3.15, 2024/3/15 or
// 2024年3月15日; the data file keeps 2024-03-15. Read strictly: a month 13 or a 31 April is
// refused rather than rolled over into another date, as a loose date library would.

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** The ISO date (YYYY-MM-DD) a typed date means, or null when it is not one. */
export function parseTypedDate(text: string): string | null {
  const t = text.trim().replace(FULL_WIDTH_DIGIT, (d) => String(d.charCodeAt(0) - 0xff10));
  const parts =
    /^(\d{4})\s*[-./／－．。年]\s*(\d{1,2})\s*[-./／－．。月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!parts) return null;
  const [y, m, d] = parts.slice(1).map(Number);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (months here are 1-based).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
