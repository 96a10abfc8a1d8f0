/**
 * Years after the holiday table: provisional statutory days from the lunar and
 * solar rules, said wherever a forecast reaches them, replaced by the user's
 * own holiday calendar, and listed by `peakshift calendar`.
 */
import { parseConfig } from '../../src/config';
import {
  PUBLIC_HOLIDAY_YEARS,
  calendarListing,
  formatCalendarListing,
  holidayBlocks,
  isMakeupWorkday,
  isProvisionalYear,
  isPublicHoliday,
  occurrences,
  provisionalCalendarNote,
  provisionalHolidays,
  provisionalYears,
  resolveEvents,
  yearHolidays,
} from '../../src/calendar';
import { forecastDemand } from '../../src/forecast';
import { syntheticHistory } from '../forecast/synthetic';

const blocks = (list: ReturnType<typeof provisionalHolidays>): string[] => list.map((b) => `${b.name} ${b.start}..${b.end}`);

describe('the statutory days of a year (regulations as revised 2024, in force from 2025)', () => {
  it('gives 2027 from the lunar and solar rules: 13 days, Spring Festival from its eve', () => {
    // Spring Festival 2027-02-06, Dragon Boat 2027-06-09, Mid-Autumn 2027-09-15 (Hong Kong
    // Observatory conversion tables); Qingming (清明) 2027-04-05.
    expect(blocks(provisionalHolidays(2027))).toEqual([
      'new-year 2027-01-01..2027-01-01',
      'spring-festival 2027-02-05..2027-02-08',
      'tomb-sweeping 2027-04-05..2027-04-05',
      'labour-day 2027-05-01..2027-05-02',
      'dragon-boat 2027-06-09..2027-06-09',
      'mid-autumn 2027-09-15..2027-09-15',
      'national-day 2027-10-01..2027-10-03',
    ]);
    expect(provisionalHolidays(2027).every((b) => b.provisional === true)).toBe(true);
  });

  it.each([2025, 2026])('reproduces the statutory core of every official %i block (State Council notices)', (year) => {
    const official = yearHolidays(year);
    expect(official.some((b) => b.provisional)).toBe(false);
    for (const p of provisionalHolidays(year)) {
      const block = official.find((b) => b.name === p.name && b.start <= p.start && p.end <= b.end);
      expect({ holiday: `${p.name} ${p.start}..${p.end}`, inside: block !== undefined }).toEqual({ holiday: `${p.name} ${p.start}..${p.end}`, inside: true });
    }
  });
});

describe('a year after the table', () => {
  const next = PUBLIC_HOLIDAY_YEARS.last + 1;

  it('is provisional, with its holidays and without make-up workdays', () => {
    expect(PUBLIC_HOLIDAY_YEARS.last).toBe(2026);
    expect(isProvisionalYear(next)).toBe(true);
    expect(isProvisionalYear(PUBLIC_HOLIDAY_YEARS.last)).toBe(false);
    expect(isProvisionalYear(2003)).toBe(false);
    expect(isPublicHoliday('2027-02-05')).toBe(true);
    expect(isPublicHoliday('2027-02-09')).toBe(false);
    expect(isMakeupWorkday('2027-02-07')).toBe(false);
    expect(holidayBlocks('2027-09-25', '2027-10-10').map((b) => `${b.name} ${b.start}..${b.end} ${b.provisional === true}`)).toEqual(['national-day 2027-10-01..2027-10-03 true']);
  });

  it('gives the forecaster the provisional public-holiday events', () => {
    const nationalDay = resolveEvents(parseConfig({})).find((d) => d.name === 'national-day');
    expect(occurrences(nationalDay!, '2027-09-01', '2027-10-31')).toEqual([{ name: 'national-day', anchor: '2027-10-01', last: '2027-10-03', start: '2027-09-28', end: '2027-10-05' }]);
  });

  it('takes the user\'s holiday calendar instead where it gives that year\'s days off', () => {
    const config = parseConfig({ calendar: { holidays: [{ date: '2027-10-01', name: 'Golden Week' }, { date: '2027-10-02', name: 'Golden Week' }] } });
    const nationalDay = resolveEvents(config).find((d) => d.name === 'national-day');
    expect(occurrences(nationalDay!, '2027-09-01', '2027-10-31')).toEqual([]);
    expect(occurrences(nationalDay!, '2026-09-01', '2026-10-31').map((o) => o.anchor)).toEqual(['2026-10-01']);
    expect(provisionalYears(config.calendar, '2027-01-01', '2028-12-31')).toEqual([2028]);
    // Events of the calendar (kind event) give no days off: the year stays provisional.
    const events = parseConfig({ calendar: { holidays: [{ date: '2027-03-01', name: 'Launch', kind: 'event' }] } });
    expect(provisionalYears(events.calendar, '2027-01-01', '2027-12-31')).toEqual([2027]);
  });

  it('is named in one note, and not at all without the mainland calendar', () => {
    expect(provisionalYears(parseConfig({}).calendar, '2026-12-20', '2027-02-10')).toEqual([2027]);
    expect(provisionalYears(parseConfig({ calendar: { region: 'none' } }).calendar, '2027-01-01', '2027-02-10')).toEqual([]);
    expect(provisionalYears(parseConfig({ calendar: { publicHolidays: false } }).calendar, '2027-01-01', '2027-02-10')).toEqual([]);
    expect(provisionalCalendarNote([])).toBeUndefined();
    expect(provisionalCalendarNote([2027])).toBe(
      'the mainland holiday table covers 2004-2026, not 2027: 2027 uses provisional holidays (the statutory days from the lunar and solar rules, without bridge days or make-up workdays); `peakshift calendar --year 2027` lists them, and calendar.holidaysFile with the official dates replaces them',
    );
  });

  it('is noted by every forecast that reaches it, and only by those', () => {
    const history = syntheticHistory({ start: '2026-11-01', end: '2026-12-31', perDay: 2000, seed: 3 });
    const config = parseConfig({});
    const into = forecastDemand(history, config, { start: '2027-02-05', end: '2027-02-06' });
    expect(into.notes).toContain(provisionalCalendarNote([2027]));
    const before = forecastDemand(history, config, { start: '2026-12-20', end: '2026-12-21' });
    expect(before.notes.some((n) => n.includes('provisional'))).toBe(false);
  });
});

describe('calendarListing', () => {
  it('lists 2027 provisional, with the events whose windows touch the year', () => {
    const listing = calendarListing(parseConfig({}), 2027);
    expect(listing.provisional).toBe(true);
    expect(listing.makeupWorkdays).toEqual([]);
    expect(listing.holidays.map((h) => `${h.name} ${h.start} ${h.source}`)).toEqual([
      'new-year 2027-01-01 provisional',
      'spring-festival 2027-02-05 provisional',
      'tomb-sweeping 2027-04-05 provisional',
      'labour-day 2027-05-01 provisional',
      'dragon-boat 2027-06-09 provisional',
      'mid-autumn 2027-09-15 provisional',
      'national-day 2027-10-01 provisional',
    ]);
    expect(listing.events.find((e) => e.name === 'spring-festival')).toEqual({ name: 'spring-festival', anchor: '2027-02-06', start: '2027-01-12', end: '2027-02-20', source: 'builtin', provisional: false });
    expect(listing.events.filter((e) => e.provisional).map((e) => e.anchor)).toEqual(['2027-01-01', '2027-04-05', '2027-05-01', '2027-10-01', '2028-01-01']);
  });

  it('lists a table year as official, with its make-up workdays', () => {
    const listing = calendarListing(parseConfig({}), 2026);
    expect(listing.provisional).toBe(false);
    expect(listing.holidays.find((h) => h.name === 'national-day')).toEqual({ name: 'national-day', start: '2026-10-01', end: '2026-10-07', source: 'table' });
    expect(listing.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('prints in English and Chinese, provisional days marked', () => {
    const listing = calendarListing(parseConfig({}), 2027);
    const en = formatCalendarListing(listing, 'en').split('\n');
    expect(en.slice(0, 2)).toEqual([
      'calendar 2027 (region cn)',
      'PROVISIONAL public holidays: the holiday table covers 2004-2026; 2027 has the statutory days from the lunar and solar rules, without bridge days or make-up workdays (put the official dates in calendar.holidaysFile)',
    ]);
    expect(en).toContain('  2027-02-05 .. 02-08      Spring Festival       provisional');
    const zh = formatCalendarListing(listing, 'zh').split('\n');
    expect(zh[0]).toBe('2027 年日历（地区 cn）');
    expect(zh).toContain('  2027-02-05 .. 02-08      春节          暂定');
  });
});
