import { parseConfig } from '../../src/config';
import {
  MAKEUP_WORKDAY,
  PUBLIC_HOLIDAY_YEARS,
  buildCalendar,
  isMakeupWorkday,
  isPublicHoliday,
  lunarToGregorian,
  occurrences,
  resolveEvents,
} from '../../src/calendar';
import { ConfigError } from '../../src/domain';

function anchorsOf(name: string, year: number, config = parseConfig({})): string[] {
  const def = resolveEvents(config).find((d) => d.name === name);
  if (!def) throw new Error(`no event ${name}`);
  return occurrences(def, `${year}-01-01`, `${year}-12-31`)
    .map((o) => o.anchor)
    .filter((a) => a.startsWith(String(year)));
}

describe('lunar festivals', () => {
  // Published dates: State Council holiday notices (国务院办公厅关于节假日安排的通知) for 2023-2026,
  // Hong Kong Observatory Gregorian-lunar conversion tables for 2000 and 2030.
  const published: Array<[string, string]> = [
    ['spring-festival', '2000-02-05'],
    ['spring-festival', '2023-01-22'],
    ['spring-festival', '2024-02-10'],
    ['spring-festival', '2025-01-29'],
    ['spring-festival', '2026-02-17'],
    ['spring-festival', '2030-02-03'],
    ['lantern', '2026-03-03'],
    ['dragon-boat', '2023-06-22'],
    ['dragon-boat', '2024-06-10'],
    ['dragon-boat', '2025-05-31'],
    ['dragon-boat', '2026-06-19'],
    ['qixi', '2025-08-29'],
    ['mid-autumn', '2023-09-29'],
    ['mid-autumn', '2024-09-17'],
    ['mid-autumn', '2025-10-06'],
    ['mid-autumn', '2026-09-25'],
  ];
  it.each(published)('%s falls on %s', (name, date) => {
    expect(anchorsOf(name, Number(date.slice(0, 4)))).toEqual([date]);
  });

  it('covers 2000-2100 and maps day 30 of a 29-day month to its last day', () => {
    expect(lunarToGregorian(2100, 8, 15)).toBe('2100-09-18');
    // Lunar 2025 month 12 has 29 days: New Year's Eve is 2026-02-16, the day before Spring Festival.
    expect(lunarToGregorian(2025, 12, 30)).toBe('2026-02-16');
  });
});

describe('Gregorian promotions and windows', () => {
  it('places 618 with its June 1 warm-up and Double 11 with the configured presale start', () => {
    const config = parseConfig({ calendar: { double11PresaleStart: '10-24' } });
    const defs = resolveEvents(config);
    const d11 = occurrences(defs.find((d) => d.name === 'double-11')!, '2026-01-01', '2026-12-31');
    expect(d11).toEqual([{ name: 'double-11', anchor: '2026-11-11', last: '2026-11-11', start: '2026-10-24', end: '2026-11-20', hours: [0, 2] }]);
    const d618 = occurrences(defs.find((d) => d.name === '618')!, '2026-01-01', '2026-12-31');
    expect(d618[0]?.start).toBe('2026-06-01');
    expect(anchorsOf('goddess-day', 2026)).toEqual(['2026-03-08']);
    expect(anchorsOf('double-12', 2025)).toEqual(['2025-12-12']);
  });

  it('labels a day with the active event nearest its anchor and lists every active one', () => {
    const days = buildCalendar(resolveEvents(parseConfig({})), '2026-06-17', '2026-06-19');
    expect(days.map((d) => d.label)).toEqual(['618', '618', 'dragon-boat']);
    expect(days[2]?.active.map((a) => [a.name, a.relDay])).toEqual([
      ['dragon-boat', 0],
      ['618', 1],
    ]);
  });
});

describe('public holidays (chinese-days)', () => {
  it('covers 2004 through at least 2026', () => {
    expect(PUBLIC_HOLIDAY_YEARS.first).toBe(2004);
    expect(PUBLIC_HOLIDAY_YEARS.last).toBeGreaterThanOrEqual(2026);
  });

  it('knows the 2026 National Day block and its make-up workdays (State Council notice 2025-11)', () => {
    expect(isPublicHoliday('2026-10-01')).toBe(true);
    expect(isPublicHoliday('2026-10-07')).toBe(true);
    expect(isMakeupWorkday('2026-09-20')).toBe(true);
    expect(isMakeupWorkday('2026-10-10')).toBe(true);
    expect(isMakeupWorkday('2026-10-11')).toBe(false);
    const nd = occurrences(resolveEvents(parseConfig({})).find((d) => d.name === 'national-day')!, '2026-01-01', '2026-12-31');
    expect(nd).toEqual([{ name: 'national-day', anchor: '2026-10-01', last: '2026-10-07', start: '2026-09-28', end: '2026-10-09' }]);
  });

  it('adds a make-up workday event, and none when public holidays are off', () => {
    const defs = resolveEvents(parseConfig({ calendar: { publicHolidays: false } }));
    expect(defs.some((d) => d.name === 'national-day')).toBe(false);
    expect(buildCalendar(defs, '2026-09-20', '2026-09-20', false)[0]?.active.some((a) => a.name === MAKEUP_WORKDAY)).toBe(false);
    const on = buildCalendar(resolveEvents(parseConfig({})), '2026-09-20', '2026-09-20');
    expect(on[0]?.active.map((a) => a.name)).toContain(MAKEUP_WORKDAY);
  });
});

describe('user events', () => {
  it('adjusts a built-in by name and adds anchored events', () => {
    const config = parseConfig({
      events: [
        { name: 'dragon-boat', uplift: 1.3 },
        { name: 'brand-day', monthDay: '08-08', startOffsetDays: -2, endOffsetDays: 1, hours: [20, 24], uplift: 2 },
        { name: 'launch', date: '2026-07-15', uplift: 1.5 },
        { name: 'lunar-sale', lunarDate: '02-02', endOffsetDays: 1 },
      ],
    });
    const defs = resolveEvents(config);
    expect(defs.find((d) => d.name === 'dragon-boat')).toMatchObject({ uplift: 1.3, startOffsetDays: -14, source: 'builtin' });
    expect(anchorsOf('brand-day', 2026, config)).toEqual(['2026-08-08']);
    expect(anchorsOf('launch', 2026, config)).toEqual(['2026-07-15']);
    expect(anchorsOf('launch', 2027, config)).toEqual([]);
    // Lunar 2/2 of 2026 (龙抬头) is 2026-03-20.
    expect(anchorsOf('lunar-sale', 2026, config)).toEqual(['2026-03-20']);
  });

  it('rejects an unknown name without an anchor at events[i].name, listing the built-ins', () => {
    expect(() => parseConfig({ events: [{ name: 'dragon-boat' }, { name: 'black-friday', uplift: 2 }] })).toThrow(ConfigError);
    expect(() => parseConfig({ events: [{ name: 'dragon-boat' }, { name: 'black-friday', uplift: 2 }] })).toThrow(
      /^config events\[1\]\.name: expected a built-in event name \(spring-festival, lantern, dragon-boat, .*double-11.*\) or an anchor \(date, monthDay or lunarDate\), got "black-friday"$/,
    );
  });
});

describe('calendars of any country', () => {
  const us = (extra: Record<string, unknown> = {}) =>
    parseConfig({
      calendar: {
        region: 'none',
        holidays: [
          { date: '2025-11-27', name: 'Thanksgiving Day' },
          { date: '2026-11-26', name: 'Thanksgiving Day' },
          { date: '2026-12-24', name: 'Christmas', kind: 'closed' },
          { date: '2026-12-25', name: 'Christmas', kind: 'closed' },
          { date: '2026-07-10', name: 'Summer Sale', kind: 'event' },
        ],
        ...extra,
      },
    });

  it('region none has no built-in events, public holidays or make-up workdays', () => {
    const config = parseConfig({ calendar: { region: 'none' } });
    expect(resolveEvents(config)).toEqual([]);
    expect(buildCalendar(resolveEvents(config), '2026-09-20', '2026-11-11', false).every((d) => d.active.length === 0 && d.label === '')).toBe(true);
  });

  it('builtinEvents false keeps the mainland public holidays and drops the promotions and festivals', () => {
    const names = resolveEvents(parseConfig({ calendar: { builtinEvents: false } })).map((d) => d.name);
    expect(names).toEqual(['new-year', 'tomb-sweeping', 'labour-day', 'national-day']);
  });

  it('makes one event per holiday name: eve and three days after for holidays and closures, the dates only for events', () => {
    const defs = resolveEvents(us());
    expect(defs.map((d) => [d.name, d.startOffsetDays, d.endOffsetDays, d.group, d.closed])).toEqual([
      ['Thanksgiving Day', -1, 3, 'any-holiday', undefined],
      ['Christmas', -1, 3, 'any-closed', true],
      ['Summer Sale', 0, 0, undefined, undefined],
    ]);
    const thanksgiving = occurrences(defs[0]!, '2026-01-01', '2026-12-31');
    expect(thanksgiving).toEqual([{ name: 'Thanksgiving Day', anchor: '2026-11-26', last: '2026-11-26', start: '2026-11-25', end: '2026-11-29' }]);
    // Consecutive dates of one name are one block; offsets count from its first and last day.
    expect(occurrences(defs[1]!, '2026-01-01', '2026-12-31')).toEqual([{ name: 'Christmas', anchor: '2026-12-24', last: '2026-12-25', start: '2026-12-23', end: '2026-12-28' }]);
  });

  it('marks a closure closed on its own dates only, and holidays as holidays', () => {
    const days = buildCalendar(resolveEvents(us()), '2026-12-23', '2026-12-27', false);
    expect(days.map((d) => [d.date, d.label, d.closed])).toEqual([
      ['2026-12-23', 'Christmas', false],
      ['2026-12-24', 'Christmas', true],
      ['2026-12-25', 'Christmas', true],
      ['2026-12-26', 'Christmas', false],
      ['2026-12-27', 'Christmas', false],
    ]);
    expect(days[1]?.active[0]).toMatchObject({ name: 'Christmas', relDay: 0, group: 'any-closed', closed: true, holiday: true });
  });

  it('lets a name-only config event adjust a holiday of the calendar', () => {
    const defs = resolveEvents(us({}));
    expect(defs.find((d) => d.name === 'Thanksgiving Day')?.uplift).toBeUndefined();
    const adjusted = resolveEvents({ ...us(), events: parseConfig({ calendar: us().calendar, events: [{ name: 'Thanksgiving Day', uplift: 0.7, endOffsetDays: 4 }] }).events });
    expect(adjusted.find((d) => d.name === 'Thanksgiving Day')).toMatchObject({ uplift: 0.7, endOffsetDays: 4, group: 'any-holiday' });
  });

  it('rejects a built-in name-only event when the calendar has no built-ins, saying why', () => {
    expect(() => parseConfig({ calendar: { region: 'none' }, events: [{ name: 'double-11', uplift: 1.2 }] }, 'c.json')).toThrow(
      'config events[0].name: expected an anchor (date, monthDay or lunarDate): "double-11" is built in only with calendar.region "cn", got "double-11" (in c.json)',
    );
    expect(() => parseConfig({ calendar: { builtinEvents: false }, events: [{ name: 'qixi', uplift: 1.2 }] }, 'c.json')).toThrow(
      'config events[0].name: expected a built-in event name (new-year, tomb-sweeping, labour-day, national-day) or an anchor (date, monthDay or lunarDate): "qixi" is built in only with calendar.builtinEvents true, got "qixi" (in c.json)',
    );
  });

  it('rejects a holiday on a date that does not exist, and a bad kind, at their paths', () => {
    expect(() => parseConfig({ calendar: { holidays: [{ date: '2026-02-30', name: 'x' }] } }, 'c.json')).toThrow(
      'config calendar.holidays[0].date: expected a real calendar date, got "2026-02-30" (in c.json)',
    );
    expect(() => parseConfig({ calendar: { holidays: [{ date: '2026-02-03', name: 'x', kind: 'bank' }] } }, 'c.json')).toThrow(
      'config calendar.holidays[0].kind: expected one of holiday, closed, event, got "bank" (in c.json)',
    );
    expect(() => parseConfig({ calendar: { region: 'us' } }, 'c.json')).toThrow('config calendar.region: expected cn or none, got "us" (in c.json)');
  });
});
