/**
 * Local wall-clock hours as plain strings (`YYYY-MM-DDTHH:00`) and whole-hour
 * arithmetic on them. The arithmetic is zone-free on purpose: an hour index is a
 * position on the wall clock of the configured zone, so a forecast for
 * Asia/Shanghai (no DST) and a reader for a DST zone share one representation.
 */

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01 (proleptic Gregorian, zone-free). */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateFromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:00` → hours since 1970-01-01T00:00 on the wall clock. */
export function hourNumber(hourKey: string): number {
  return dayNumber(hourKey.slice(0, 10)) * 24 + Number(hourKey.slice(11, 13));
}

/** Hours since 1970-01-01T00:00 → `YYYY-MM-DDTHH:00`. */
export function hourKeyFromNumber(hour: number): string {
  return new Date(hour * MS_PER_HOUR).toISOString().slice(0, 13) + ':00';
}

export function addDays(date: string, days: number): string {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Inclusive list of dates from `start` to `end`. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(start); d <= dayNumber(end); d++) out.push(dateFromDayNumber(d));
  return out;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const dow = new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date `YYYY-MM-DD`. */
export function isValidDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** `HH:MM` (00:00–23:59) → minutes after midnight, or undefined when malformed. */
export function parseClockMinutes(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
