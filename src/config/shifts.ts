/**
 * Facts about configured shifts that several stages need: the breaks in force
 * (configured, or the default one that takes the unpaid time) and the dates a
 * shift limited with `onlyOn` may be worked on.
 */
import type { BreakConfig, ShiftConfig } from './schema';

/**
 * Hours 00:00 until this hour are night hours for the night_ok rule: an agent
 * without night_ok works none of them (overtime included).
 */
export const NIGHT_OK_END_HOUR = 6;

/** Paid hours of a shift (hours minus unpaid breaks). */
export function paidHoursOf(shift: Pick<ShiftConfig, 'hours' | 'paidHours'>): number {
  return shift.paidHours ?? shift.hours;
}

/**
 * The breaks of a shift. Without a `breaks` list, a shift whose paid hours are
 * below its hours gets one break of the unpaid time, placed in the middle of
 * the shift: it may start from max(1, floor((hours - length) / 2) - 1) hours after
 * the shift start and must end by 3 hours later than that (a 9 h shift with 1 h
 * unpaid: the break lies in hours 3-6, starting at 3, 4 or 5).
 */
export function breaksOf(shift: Pick<ShiftConfig, 'hours' | 'paidHours' | 'breaks'>): BreakConfig[] {
  if (shift.breaks) return shift.breaks;
  const minutes = Math.round((shift.hours - paidHoursOf(shift)) * 60);
  if (minutes <= 0) return [];
  const length = minutes / 60;
  const earliest = Math.max(1, Math.floor((shift.hours - length) / 2) - 1);
  const latest = Math.min(shift.hours, earliest + Math.ceil(length) + 2);
  return [{ minutes, earliest, latest }];
}

/** Whole-hour start offsets (hours after the shift start) a break may take. */
export function breakStarts(b: BreakConfig): number[] {
  const out: number[] = [];
  for (let k = b.earliest; k * 60 + b.minutes <= b.latest * 60; k++) out.push(k);
  return out;
}

export const DATE_RANGE_RE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
