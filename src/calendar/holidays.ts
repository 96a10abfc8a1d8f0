/**
 * Mainland China public holidays and make-up workdays (调休), from the
 * `chinese-days` package (State Council notices, 2004 through 2026 in 1.5.7).
 *
 * The State Council publishes each year's dates in November of the year
 * before, so the next peak may fall in a year the table does not hold. For a
 * year after the table, the statutory days off of the holiday regulations
 * (全国年节及纪念日放假办法, as revised 2024-11-10, in force from 2025) stand
 * in, marked provisional: New Year's Day Jan 1; Spring Festival New Year's Eve
 * and lunar 1/1-1/3; Qingming on the solar term 清明; Labour Day May 1-2;
 * Dragon Boat lunar 5/5; Mid-Autumn lunar 8/15; National Day Oct 1-3. The
 * notices add bridge days and weekend make-up workdays around these; a
 * provisional year has neither. A year the user's holiday calendar
 * (`calendar.holidays`, `calendar.holidaysFile`) gives dates for uses those
 * instead (resolveEvents). Before the table (before 2004) there are no public
 * holidays (the rules differed); the Gregorian and lunar events still apply.
 */
import { Lunar } from 'lunar-javascript';
import { addDays, dayNumber } from '../domain';
import { lunarToGregorian } from './lunar';

interface ChineseDaysData {
  /** date → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package's data table: plain JSON, no code run at import time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DATA = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** The seven statutory holidays, by event name (the calendar's and the catalogue's `event_<name>`). */
export const STATUTORY_HOLIDAYS = ['new-year', 'spring-festival', 'tomb-sweeping', 'labour-day', 'dragon-boat', 'mid-autumn', 'national-day'] as const;
export type StatutoryHoliday = (typeof STATUTORY_HOLIDAYS)[number];

/** The package's English names. */
const TABLE_NAMES: Record<string, StatutoryHoliday> = {
  "New Year's Day": 'new-year',
  'Spring Festival': 'spring-festival',
  'Tomb-sweeping Day': 'tomb-sweeping',
  'Labour Day': 'labour-day',
  'Dragon Boat Festival': 'dragon-boat',
  'Mid-autumn Festival': 'mid-autumn',
  'National Day': 'national-day',
};

/** Public holidays not already covered by a lunar festival event: these are events of their own. */
export const PUBLIC_HOLIDAY_EVENTS = ['new-year', 'tomb-sweeping', 'labour-day', 'national-day'] as const;

function years(): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const date of Object.keys(DATA.holidays)) {
    const y = Number(date.slice(0, 4));
    first = Math.min(first, y);
    last = Math.max(last, y);
  }
  return { first, last };
}

/** First and last year the holiday table covers. */
export const PUBLIC_HOLIDAY_YEARS: Readonly<{ first: number; last: number }> = years();

/** Last year the lunar and solar-term tables reach (lunar-javascript). */
const LAST_RULE_YEAR = 2099;

/** True for a year whose holidays come from the provisional rules (after the table). */
export function isProvisionalYear(year: number): boolean {
  return year > PUBLIC_HOLIDAY_YEARS.last && year <= LAST_RULE_YEAR;
}

/** One public holiday block: consecutive days off under one name. */
export interface HolidayBlock {
  name: StatutoryHoliday;
  start: string;
  end: string;
  /** From the statutory rules, not from a State Council notice. */
  provisional?: boolean;
}

function tableBlocks(): HolidayBlock[] {
  const dates = Object.keys(DATA.holidays).sort();
  const blocks: HolidayBlock[] = [];
  for (const date of dates) {
    const english = (DATA.holidays[date] ?? '').split(',')[0] ?? '';
    const name = TABLE_NAMES[english];
    if (!name) continue;
    const last = blocks[blocks.length - 1];
    if (last && last.name === name && dayNumber(date) - dayNumber(last.end) <= 1) last.end = date;
    else blocks.push({ name, start: date, end: date });
  }
  return blocks;
}

/** Every holiday of the table, the lunar festivals included (for listing). */
const TABLE_BLOCKS = tableBlocks();

/** Gregorian date of the solar term 清明 (Qingming) in `year`. */
function qingming(year: number): string {
  const date = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'];
  if (!date) throw new Error(`no Qingming in ${year}`);
  return date.toYmd();
}

/** The statutory days off of `year` by the rules in force from 2025, as blocks, in date order. */
export function provisionalHolidays(year: number): HolidayBlock[] {
  const springFestival = lunarToGregorian(year, 1, 1);
  const blocks: HolidayBlock[] = [
    { name: 'new-year', start: `${year}-01-01`, end: `${year}-01-01` },
    // New Year's Eve (the day before lunar 1/1) and lunar 1/1-1/3.
    { name: 'spring-festival', start: addDays(springFestival, -1), end: addDays(springFestival, 2) },
    { name: 'tomb-sweeping', start: qingming(year), end: qingming(year) },
    { name: 'labour-day', start: `${year}-05-01`, end: `${year}-05-02` },
    { name: 'dragon-boat', start: lunarToGregorian(year, 5, 5), end: lunarToGregorian(year, 5, 5) },
    { name: 'mid-autumn', start: lunarToGregorian(year, 8, 15), end: lunarToGregorian(year, 8, 15) },
    { name: 'national-day', start: `${year}-10-01`, end: `${year}-10-03` },
  ];
  return blocks.map((b) => ({ ...b, provisional: true })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Every public holiday block of `year`: the table's, or the provisional ones after it (none before it). */
export function yearHolidays(year: number): HolidayBlock[] {
  if (isProvisionalYear(year)) return provisionalHolidays(year);
  return TABLE_BLOCKS.filter((b) => b.start.startsWith(String(year)) || b.end.startsWith(String(year)));
}

/**
 * Holiday blocks of the events of their own (new-year, tomb-sweeping,
 * labour-day, national-day) overlapping [from, to]: the table's, and the
 * provisional ones of later years except `ownYears` (years the user's holiday
 * calendar gives).
 */
export function holidayBlocks(from: string, to: string, ownYears: readonly number[] = []): HolidayBlock[] {
  const events = PUBLIC_HOLIDAY_EVENTS as readonly string[];
  const out = TABLE_BLOCKS.filter((b) => events.includes(b.name) && b.end >= from && b.start <= to);
  for (let y = Math.max(Number(from.slice(0, 4)), PUBLIC_HOLIDAY_YEARS.last + 1); y <= Math.min(Number(to.slice(0, 4)), LAST_RULE_YEAR); y++) {
    if (ownYears.includes(y)) continue;
    out.push(...provisionalHolidays(y).filter((b) => events.includes(b.name) && b.end >= from && b.start <= to));
  }
  return out;
}

/** True when `date` is a weekend day that is an official make-up workday (调休上班); never in a provisional year. */
export function isMakeupWorkday(date: string): boolean {
  return DATA.workdays[date] !== undefined;
}

/** True when `date` is an official day off (any holiday in the table, lunar ones included), or a provisional one. */
export function isPublicHoliday(date: string): boolean {
  if (DATA.holidays[date] !== undefined) return true;
  const year = Number(date.slice(0, 4));
  return isProvisionalYear(year) && provisionalHolidays(year).some((b) => date >= b.start && date <= b.end);
}

/** Make-up workdays between two dates, inclusive (for listing). */
export function makeupWorkdays(from: string, to: string): string[] {
  return Object.keys(DATA.workdays)
    .filter((d) => d >= from && d <= to)
    .sort();
}
