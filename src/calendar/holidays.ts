/**
 * Mainland China public holidays and make-up workdays (调休), from the
 * `chinese-days` package (State Council notices, 2004 through 2026 in 1.5.7).
 * Outside the covered years there are no public holidays or make-up days; the
 * Gregorian and lunar events still apply.
 */
import { dayNumber } from '../domain';

interface ChineseDaysData {
  /** date → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package's data table: plain JSON, no code run at import time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DATA = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** Public holidays not already covered by a lunar festival event, by the package's English name. */
const HOLIDAY_EVENT_NAMES: Record<string, string> = {
  "New Year's Day": 'new-year',
  'Tomb-sweeping Day': 'tomb-sweeping',
  'Labour Day': 'labour-day',
  'National Day': 'national-day',
};

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

/** One public holiday block: consecutive days off under one name. */
export interface HolidayBlock {
  name: string;
  start: string;
  end: string;
}

function buildBlocks(): HolidayBlock[] {
  const dates = Object.keys(DATA.holidays).sort();
  const blocks: HolidayBlock[] = [];
  for (const date of dates) {
    const english = (DATA.holidays[date] ?? '').split(',')[0] ?? '';
    const name = HOLIDAY_EVENT_NAMES[english];
    if (!name) continue;
    const last = blocks[blocks.length - 1];
    if (last && last.name === name && dayNumber(date) - dayNumber(last.end) <= 1) last.end = date;
    else blocks.push({ name, start: date, end: date });
  }
  return blocks;
}

const BLOCKS = buildBlocks();

/** Holiday blocks (new-year, tomb-sweeping, labour-day, national-day) overlapping [from, to]. */
export function holidayBlocks(from: string, to: string): HolidayBlock[] {
  return BLOCKS.filter((b) => b.end >= from && b.start <= to);
}

/** True when `date` is a weekend day that is an official make-up workday (调休上班). */
export function isMakeupWorkday(date: string): boolean {
  return DATA.workdays[date] !== undefined;
}

/** True when `date` is an official day off (any holiday in the table, lunar ones included). */
export function isPublicHoliday(date: string): boolean {
  return DATA.holidays[date] !== undefined;
}

/** Make-up workdays between two dates, inclusive (for listing). */
export function makeupWorkdays(from: string, to: string): string[] {
  return Object.keys(DATA.workdays)
    .filter((d) => d >= from && d <= to)
    .sort();
}
