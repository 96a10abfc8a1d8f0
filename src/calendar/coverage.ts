/**
 * Which years of a date range the mainland holiday table does not cover, so
 * that the provisional statutory days stand in (holidays.ts), and the note
 * that says so wherever a forecast is made.
 */
import type { CalendarConfig } from '../config';
import { userHolidayYears } from './events';
import { PUBLIC_HOLIDAY_YEARS, isProvisionalYear } from './holidays';

/**
 * Years from `from` to `to` (dates) whose public holidays are provisional: region cn with
 * public holidays on, after the table, and not given by the user's holiday calendar.
 */
export function provisionalYears(calendar: Pick<CalendarConfig, 'region' | 'publicHolidays' | 'holidays'>, from: string, to: string): number[] {
  if (calendar.region !== 'cn' || !calendar.publicHolidays) return [];
  const own = userHolidayYears(calendar.holidays);
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (isProvisionalYear(y) && !own.includes(y)) out.push(y);
  return out;
}

/** The note for people (stderr, summary.json notes) naming the provisional years; undefined when there are none. */
export function provisionalCalendarNote(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  const list = years.join(', ');
  return `the mainland holiday table covers ${PUBLIC_HOLIDAY_YEARS.first}-${PUBLIC_HOLIDAY_YEARS.last}, not ${list}: ${list} uses provisional holidays (the statutory days from the lunar and solar rules, without bridge days or make-up workdays); \`peakshift calendar --year ${years[0]}\` lists them, and calendar.holidaysFile with the official dates replaces them`;
}
