import { ConfigError, InputError } from '../../src/domain';
import { breaksOf, breakStarts, configWarnings, DEFAULT_COST_PER_LOST_INQUIRY, defaultConfig, lostInquiryCost, parseConfig, serviceFloorOf, shiftHoursOfDay } from '../../src/config';
import { loadConfigText, readConfig } from '../../src/io/config';

const vendor = (extra: Record<string, unknown> = {}) => ({
  name: 'vendor-a',
  kind: 'vendor',
  pricing: { model: 'perHour', rate: 30 },
  ...extra,
});
const inhouse = (extra: Record<string, unknown> = {}) => ({ name: 'in-house', kind: 'inhouse', headcount: 10, hourlyCost: 32, ...extra });

function message(json: unknown): string {
  try {
    parseConfig(json, 'c.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('an empty object is a complete config', () => {
    const c = defaultConfig();
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(c.shrinkage).toBe(0.3);
    expect(c.shifts.map((s) => [s.name, s.code, s.start, s.hours, s.startOffsets])).toEqual([
      ['day', 'D', '08:00', 9, [0, 1, 2]],
      ['middle', 'M', '13:00', 9, [0, 1]],
      ['night', 'N', '22:00', 10, [0]],
    ]);
    expect(c.queues).toEqual([
      { name: 'inquiries', ahtSeconds: 180, concurrency: 1, target: { serviceLevel: 0.8, answerSeconds: 20 }, maxOccupancy: 0.85 },
    ]);
    expect(c.outsourcing).toEqual({ min: 0, max: 1, scope: 'horizon' });
    expect(c.solver).toEqual({ name: 'highs', mipRelGap: 0.005, mipAbsGap: 1, timeLimitSeconds: 300, windowsFromDays: 0 });
    expect(c.understaffingPenalty).toBeUndefined();
    expect(c.costPerLostInquiry).toBeUndefined();
    expect(lostInquiryCost(c, c.queues[0]!)).toBe(DEFAULT_COST_PER_LOST_INQUIRY);
    expect(serviceFloorOf(c.queues[0]!)).toBe(0.6);
    expect(c.pools).toHaveLength(1);
  });

  test('pool defaults are filled per kind', () => {
    const c = parseConfig({ pools: [inhouse(), vendor()], outsourcing: { min: 0.6, max: 0.7 } });
    expect(c.pools[0]).toMatchObject({ kind: 'inhouse', nightPremium: 0, maxDaysPerWeek: 5, productivity: 1, minAgentsPerDay: 0 });
    expect(c.pools[1]).toMatchObject({ kind: 'vendor', engagementFee: 0, trainingDays: 3, pricing: { model: 'perHour', rate: 30, fixedFee: 0 } });
    expect(c.outsourcing.scope).toBe('horizon');
  });

  test('a night shift covers hours after midnight', () => {
    const night = defaultConfig().shifts[2];
    expect([...shiftHoursOfDay(night!)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 22, 23]);
  });
});

describe('service floor, lost-inquiry price and breaks', () => {
  test('the floor defaults to the lower of 0.6 and the target', () => {
    const c = parseConfig({ queues: [{ name: 'a', target: { serviceLevel: 0.5 } }, { name: 'b', target: { serviceLevel: 0.9, minServiceLevel: 0.7 } }, { name: 'c' }] });
    expect(c.queues.map(serviceFloorOf)).toEqual([0.5, 0.7, 0.6]);
  });

  test('the deprecated flat penalty becomes a price per inquiry, with a warning', () => {
    // 500 per agent-hour over 150 s / (3600 x 3 x 0.85) agent-hours per inquiry = 8.17 per inquiry.
    const c = parseConfig({ queues: [{ name: 'chat', ahtSeconds: 150, concurrency: 3, maxOccupancy: 0.85 }], understaffingPenalty: 500 });
    expect(lostInquiryCost(c, c.queues[0]!)).toBeCloseTo((500 * 150) / (3600 * 3 * 0.85), 9);
    expect(configWarnings(c)).toEqual(['config understaffingPenalty is deprecated: read as costPerLostInquiry = 500 x agent-hours per inquiry per queue (chat 8.17); set costPerLostInquiry instead']);
    const both = parseConfig({ understaffingPenalty: 500, costPerLostInquiry: 3, queues: [{ name: 'chat', costPerLostInquiry: 7 }, { name: 'mail' }] });
    expect(both.queues.map((q) => lostInquiryCost(both, q))).toEqual([7, 3]);
    expect(configWarnings(both)).toEqual(['config understaffingPenalty is deprecated and ignored: costPerLostInquiry is set']);
    expect(configWarnings(parseConfig({}))).toEqual([]);
  });

  test('a shift with unpaid time gets one break of that length in its middle', () => {
    expect(breaksOf({ hours: 9, paidHours: 8 })).toEqual([{ minutes: 60, earliest: 3, latest: 6 }]);
    expect(breakStarts({ minutes: 60, earliest: 3, latest: 6 })).toEqual([3, 4, 5]);
    expect(breaksOf({ hours: 10, paidHours: 9 })).toEqual([{ minutes: 60, earliest: 3, latest: 6 }]);
    expect(breaksOf({ hours: 8, paidHours: 7.5 })).toEqual([{ minutes: 30, earliest: 2, latest: 5 }]);
    expect(breaksOf({ hours: 4, paidHours: 4 })).toEqual([]);
    expect(breaksOf({ hours: 4 })).toEqual([]);
    expect(breaksOf({ hours: 9, paidHours: 8, breaks: [{ minutes: 45, earliest: 4, latest: 5 }] })).toEqual([{ minutes: 45, earliest: 4, latest: 5 }]);
  });
});

describe('located errors', () => {
  const cases: Array<[string, unknown, string]> = [
    ['ill-typed rate', { pools: [inhouse(), vendor({ pricing: { model: 'perHour', rate: 'abc' } })] }, 'config pools[1].pricing.rate: expected a positive number, got "abc" (in c.json)'],
    ['negative rate', { pools: [vendor({ pricing: { model: 'perHour', rate: -1 } })] }, 'config pools[0].pricing.rate: expected a positive number, got -1 (in c.json)'],
    ['unknown pricing model', { pools: [vendor({ pricing: { model: 'perMonth', rate: 1 } })] }, 'config pools[0].pricing.model: expected one of perHour, perSeatShift, perInquiry, fixedPlusHourly, got "perMonth" (in c.json)'],
    ['missing pricing', { pools: [{ name: 'v', kind: 'vendor' }] }, 'config pools[0].pricing: expected object, got nothing (in c.json)'],
    ['unknown pool kind', { pools: [{ name: 'x', kind: 'robot' }] }, 'config pools[0].kind: expected kind "inhouse" or "vendor", got "robot" (in c.json)'],
    ['unknown top-level field', { shrinkag: 0.2 }, 'config shrinkag: unknown field; expected one of the documented fields (see docs/config-reference.md) (in c.json)'],
    ['unknown nested field', { pools: [inhouse({ headcont: 3 })] }, 'config pools[0].headcont: unknown field; expected one of the documented fields (see docs/config-reference.md) (in c.json)'],
    ['fractional headcount', { pools: [inhouse({ headcount: 2.5 })] }, 'config pools[0].headcount: expected a whole number >= 0, got 2.5 (in c.json)'],
    ['shrinkage of 1', { shrinkage: 1 }, 'config shrinkage: expected a shrinkage from 0 to below 1, got 1 (in c.json)'],
    ['service level as percent', { queues: [{ name: 'q', target: { serviceLevel: 80 } }] }, 'config queues[0].target.serviceLevel: expected a service level above 0 and below 1, got 80 (in c.json)'],
    ['queue named all', { queues: [{ name: 'all' }] }, 'config queues[0].name: expected a queue name other than "all" (reserved for totals), got "all" (in c.json)'],
    ['bad shift start', { shifts: [{ name: 'd', code: 'D', start: '8am', hours: 24 }] }, 'config shifts[0].start: expected a time HH:MM (00:00-23:59), got "8am" (in c.json)'],
    ['shift too long', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 24 }] }, 'config shifts[0].hours: expected shift hours from 1 to 16, got 24 (in c.json)'],
    ['paid above length', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, paidHours: 13 }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, "config shifts[0].paidHours: expected at most the shift's 12 hours, got 13 (in c.json)"],
    ['shift code OFF', { shifts: [{ name: 'off', code: 'OFF', start: '00:00', hours: 12 }] }, 'config shifts[0].code: expected a shift code other than OFF, got "OFF" (in c.json)'],
    ['duplicate shift name', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12 }, { name: 'd', code: 'E', start: '12:00', hours: 12 }] }, 'config shifts[1].name: expected a unique shift name, got "d" twice (in c.json)'],
    ['unknown shift in pool', { pools: [inhouse({ shifts: ['dawn'] })] }, 'config pools[0].shifts[0]: expected one of the shifts (day, middle, night), got "dawn" (in c.json)'],
    ['unknown queue in pool', { pools: [inhouse({ queues: ['vip'] })] }, 'config pools[0].queues[0]: expected one of the queues (inquiries), got "vip" (in c.json)'],
    ['duplicate vendor names', { pools: [inhouse(), vendor(), vendor()] }, 'config pools[2].name: expected a unique pool name, got "vendor-a" twice (in c.json)'],
    ['ratio band inverted', { pools: [inhouse(), vendor()], outsourcing: { min: 0.7, max: 0.6 } }, 'config outsourcing.min: expected at most outsourcing.max (0.6), got 0.7 (in c.json)'],
    ['ratio without vendors', { outsourcing: { min: 0.5 } }, 'config outsourcing.min: expected 0 when no pool has kind "vendor", got 0.5 (in c.json)'],
    ['ratio scope', { outsourcing: { scope: 'month' } }, 'config outsourcing.scope: expected one of horizon, week, day, got "month" (in c.json)'],
    ['bad time zone', { timezone: 'Mars/Base' }, 'config timezone: expected an IANA time zone name like "Asia/Shanghai", got "Mars/Base" (in c.json)'],
    ['horizon backwards', { horizon: { start: '2026-11-14', end: '2026-11-01' } }, 'config horizon.end: expected a date on or after horizon.start (2026-11-14), got "2026-11-01" (in c.json)'],
    ['horizon Feb 30', { horizon: { start: '2026-02-30', end: '2026-03-01' } }, 'config horizon.start: expected a real calendar date, got "2026-02-30" (in c.json)'],
    ['queue shares', { queues: [{ name: 'a', share: 0.5 }, { name: 'b', share: 0.4 }] }, 'config queues: expected the queue shares to add up to 1, got 0.9 (in c.json)'],
    ['duplicate queue', { queues: [{ name: 'a' }, { name: 'a' }] }, 'config queues[1].name: expected a unique queue name, got "a" twice (in c.json)'],
    ['min above max per day', { pools: [inhouse(), vendor({ minAgentsPerDay: 5, maxAgentsPerDay: 2 })] }, 'config pools[1].minAgentsPerDay: expected at most maxAgentsPerDay (2), got 5 (in c.json)'],
    ['event with two anchors', { events: [{ name: 'x', date: '2026-01-01', lunarDate: '01-01' }] }, 'config events[0]: expected at most one of date, monthDay, lunarDate, got 2 (in c.json)'],
    ['event hours backwards', { events: [{ name: 'x', date: '2026-01-01', hours: [5, 2] }] }, 'config events[0].hours: expected [from, to] with to > from, got [5, 2] (in c.json)'],
    ['pools not a list', { pools: {} }, 'config pools: expected a list of pools, got an object (in c.json)'],
    ['floor above the target', { queues: [{ name: 'q', target: { serviceLevel: 0.8, minServiceLevel: 0.85 } }] }, "config queues[0].target.minServiceLevel: expected at most the queue's serviceLevel (0.8), got 0.85 (in c.json)"],
    ['negative cost per lost inquiry', { costPerLostInquiry: -1 }, 'config costPerLostInquiry: expected a cost >= 0, got -1 (in c.json)'],
    ['hedge not a boolean', { forecast: { hedge: 'yes' } }, 'config forecast.hedge: expected true or false, got "yes" (in c.json)'],
    ['break outside the shift', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, paidHours: 11, breaks: [{ minutes: 60, earliest: 10, latest: 13 }] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, "config shifts[0].breaks[0].latest: expected at most the shift's 12 hours, got 13 (in c.json)"],
    ['break window too small', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, paidHours: 11, breaks: [{ minutes: 90, earliest: 4, latest: 5 }] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].breaks[0]: expected a window [earliest, latest] that holds the 90-minute break, got [4, 5] (in c.json)'],
    ['breaks shorter than the unpaid time', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, paidHours: 11, breaks: [{ minutes: 30, earliest: 4, latest: 6 }] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].breaks: expected breaks of at least the unpaid time (60 minutes = hours - paidHours), got 30 minutes (in c.json)'],
    ['overlapping break windows', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, breaks: [{ minutes: 30, earliest: 2, latest: 5 }, { minutes: 30, earliest: 4, latest: 8 }] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].breaks[1].earliest: expected breaks in order with windows that do not overlap (the break before may run to hour 5), got 4 (in c.json)'],
    ['onlyOn unknown event', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, onlyOn: ['black-friday'] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].onlyOn[0]: expected a date, a date range A..B or an event name (spring-festival, lantern, dragon-boat, qixi, mid-autumn, goddess-day, 618, double-11, double-12, new-year, tomb-sweeping, labour-day, national-day), got "black-friday" (in c.json)'],
    ['onlyOn range backwards', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, onlyOn: ['2026-11-12..2026-11-10'] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].onlyOn[0]: expected a date range YYYY-MM-DD..YYYY-MM-DD with real dates in order, got "2026-11-12..2026-11-10" (in c.json)'],
    ['onlyOn Feb 30', { shifts: [{ name: 'd', code: 'D', start: '00:00', hours: 12, onlyOn: ['2026-02-30'] }, { name: 'n', code: 'N', start: '12:00', hours: 12 }] }, 'config shifts[0].onlyOn[0]: expected a real calendar date, got "2026-02-30" (in c.json)'],
    ['overtime multiplier below 1', { pools: [inhouse({ overtime: { multiplier: 0.5 } })] }, 'config pools[0].overtime.multiplier: expected a multiplier from 1 to 5, got 0.5 (in c.json)'],
    ['surge without a cap', { pools: [inhouse(), vendor({ surge: { rate: 45 } })] }, 'config pools[1].surge.maxAgentsPerDay: expected a whole number >= 1, got nothing (in c.json)'],
    ['surge on a perInquiry vendor', { pools: [inhouse(), vendor({ pricing: { model: 'perInquiry', rate: 2 }, surge: { maxAgentsPerDay: 5, rate: 3 } })] }, 'config pools[1].surge: expected no surge seats on a perInquiry vendor (it is paid per inquiry, not per seat), got a surge entry (in c.json)'],
  ];
  test.each(cases)('%s', (_name, json, expected) => {
    expect(message(json)).toBe(expected);
  });
});

describe('reading JSON files', () => {
  test('a syntax error names line and column', () => {
    expect(() => loadConfigText('{\n  "shrinkage": 0.2,\n  "timezone" "Asia/Shanghai"\n}', 'bad.json')).toThrow(
      new InputError({ file: 'bad.json', line: 3, column: 14 }, 'invalid JSON at "\\""', 'a JSON value (check commas, quotes and brackets)'),
    );
  });
  test('a truncated file', () => {
    expect(() => loadConfigText('{"shrinkage": 0.2', 'cut.json')).toThrow('cut.json:1:18: invalid JSON at the end of the file; expected a JSON value (check commas, quotes and brackets)');
  });
  test('a missing file', () => {
    expect(() => readConfig('/nope/config.json')).toThrow('/nope/config.json: no such file; expected a readable JSON config file');
  });
});
