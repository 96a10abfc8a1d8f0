/**
 * Hourly series laid out as whole local days: index `d * 24 + h` is hour `h`
 * of day `firstDay + d`; NaN marks an hour with no data (never zero).
 */
import type { CalendarDay } from '../calendar';

export interface DaySeries {
  /** Day number (days since 1970-01-01) of row 0. */
  firstDay: number;
  days: number;
  /** Hourly values, NaN where missing. */
  y: Float64Array;
}

/** Lay out `values` (starting at hour number `startHour`) on whole days, at least `minDays` of them. */
export function toDaySeries(values: ReadonlyArray<number | null>, startHour: number, minDays = 0): DaySeries {
  const firstDay = Math.floor(startHour / 24);
  const offset = startHour - firstDay * 24;
  const days = Math.max(minDays, Math.ceil((offset + values.length) / 24));
  const y = new Float64Array(days * 24).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) y[offset + i] = v;
  }
  return { firstDay, days, y };
}

/** Monday = 0 … Sunday = 6 for a day number (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Calendar days from `start` (a day number), looked up by day number. */
export interface CalendarIndex {
  start: number;
  days: CalendarDay[];
}

export function calendarDay(cal: CalendarIndex, day: number): CalendarDay | undefined {
  return cal.days[day - cal.start];
}

/**
 * The weekday whose level and hour profile a day follows. A make-up workday
 * (调休) keeps its own weekday: how it differs is learned as the event
 * `makeup-workday` (operations differ: shoppers at work, or not).
 */
export function effectiveWeekday(_cal: CalendarIndex, day: number): number {
  return weekdayIndex(day);
}

export function hasEvent(cal: CalendarIndex, day: number): boolean {
  return (calendarDay(cal, day)?.active.length ?? 0) > 0;
}
