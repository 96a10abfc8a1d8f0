/**
 * The committed sample data (data/) is exactly what the seeded generator
 * writes, and it has the shape data/README.md promises. Festival dates come
 * from lunar-javascript here too, independently of the generator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEED, generateSampleData } from '../../scripts/make-sample-data';
import { addDays, dayNumber, type History } from '../../src/domain';
import { readConfig, readHistory } from '../../src/io';
import { repoRoot, tempDir } from '../helpers/paths';

interface LunarStatic {
  fromYmd(year: number, month: number, day: number): { getSolar(): { toYmd(): string } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Lunar } = require('lunar-javascript') as { Lunar: LunarStatic };
const solarOf = (year: number, month: number, day: number): string => Lunar.fromYmd(year, month, day).getSolar().toYmd();

const DATA = path.join(repoRoot, 'data');
const GENERATED = ['inquiries.csv', 'config.json', 'agents.csv', 'nov11-morning.csv', 'excel-export.csv', 'agents-zh.csv'];
const FIRST_HOUR = '2023-11-01T00:00';
/** 2023-11-01T00:00 .. 2026-10-31T23:00: 1,096 days (2024 is a leap year) x 24. */
const HOURS = 26_304;

describe('sample data generator', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = tempDir('peakshift-sample-');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('regenerates data/ byte for byte from the default seed', () => {
    const summary = generateSampleData(tmp, DEFAULT_SEED);
    expect(summary.files.sort()).toEqual([...GENERATED].sort());
    for (const file of GENERATED) {
      const fresh = fs.readFileSync(path.join(tmp, file));
      const committed = fs.readFileSync(path.join(DATA, file));
      expect({ file, same: fresh.equals(committed) }).toEqual({ file, same: true });
    }
  });

  it('gives different volumes for a different seed', () => {
    const other = path.join(tmp, 'other');
    generateSampleData(other, DEFAULT_SEED + 1);
    expect(fs.readFileSync(path.join(other, 'inquiries.csv')).equals(fs.readFileSync(path.join(DATA, 'inquiries.csv')))).toBe(false);
    expect(fs.readFileSync(path.join(other, 'config.json'), 'utf8')).toBe(fs.readFileSync(path.join(DATA, 'config.json'), 'utf8'));
  });

  it('keeps all of data/ under 2 MB', () => {
    const bytes = fs.readdirSync(DATA).reduce((sum, f) => sum + fs.statSync(path.join(DATA, f)).size, 0);
    expect(bytes).toBeLessThan(2_000_000);
  });
});

describe('data/inquiries.csv', () => {
  let history: History;
  /** Total inquiries (both queues) per hour and per day. */
  let hourly: number[];
  let daily: Map<string, number>;
  let byQueue: Map<string, number[]>;

  const hourIndex = (stamp: string): number => (dayNumber(stamp.slice(0, 10)) - dayNumber(FIRST_HOUR.slice(0, 10))) * 24 + Number(stamp.slice(11, 13));
  const dayTotal = (date: string): number => daily.get(date) ?? NaN;
  const meanDaily = (from: string, to: string): number => {
    let sum = 0;
    let n = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      sum += dayTotal(d);
      n += 1;
    }
    return sum / n;
  };
  const sumRange = (from: string, to: string): number => meanDaily(from, to) * (dayNumber(to) - dayNumber(from) + 1);

  beforeAll(() => {
    history = readHistory(path.join(DATA, 'inquiries.csv'), { timezone: 'Asia/Shanghai' });
    byQueue = new Map(history.queues.map((q) => [q.name, q.values.map((v) => v ?? NaN)]));
    hourly = new Array<number>(history.hours).fill(0);
    for (const values of byQueue.values()) values.forEach((v, i) => (hourly[i] = (hourly[i] ?? 0) + v));
    daily = new Map();
    for (let i = 0; i < hourly.length; i += 24) {
      daily.set(addDays(FIRST_HOUR.slice(0, 10), i / 24), hourly.slice(i, i + 24).reduce((a, v) => a + v, 0));
    }
  });

  it('has 26,304 hours per queue, none missing, every count a whole number >= 0', () => {
    expect(history.startHour).toBe(FIRST_HOUR);
    expect(history.hours).toBe(HOURS);
    expect(history.missingHours).toBe(0);
    expect(history.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    for (const queue of history.queues) {
      expect(queue.values).toHaveLength(HOURS);
      const bad = queue.values.filter((v) => v === null || !Number.isInteger(v) || v < 0);
      expect(bad).toEqual([]);
    }
  });

  it('has an ordinary 2026 day of 5,000-7,000 inquiries, 60-65% presales overall', () => {
    // 2026-03-02..2026-03-29: four whole weeks clear of every event window.
    const ordinary = meanDaily('2026-03-02', '2026-03-29');
    expect(ordinary).toBeGreaterThan(5000);
    expect(ordinary).toBeLessThan(7000);
    const presales = (byQueue.get('presales') ?? []).reduce((a, v) => a + v, 0);
    const share = presales / hourly.reduce((a, v) => a + v, 0);
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.65);
  });

  it('is quiet 02:00-07:00 and peaks around 10:00 and 21:00 on ordinary days', () => {
    const byHour = new Array<number>(24).fill(0);
    const start = hourIndex('2026-03-02T00:00');
    for (let i = start; i < start + 28 * 24; i++) byHour[i % 24] = (byHour[i % 24] ?? 0) + (hourly[i] ?? 0);
    const mean = byHour.reduce((a, v) => a + v, 0) / 24;
    for (let h = 2; h < 7; h++) expect(byHour[h]).toBeLessThan(mean / 3);
    const morning = byHour.slice(8, 13);
    const evening = byHour.slice(18, 24);
    expect(8 + morning.indexOf(Math.max(...morning))).toBe(10);
    expect(18 + evening.indexOf(Math.max(...evening))).toBe(21);
  });

  it('grows 10-20% from one history year (Nov-Oct) to the next', () => {
    const y1 = sumRange('2023-11-01', '2024-10-31') / 366;
    const y2 = sumRange('2024-11-01', '2025-10-31') / 365;
    const y3 = sumRange('2025-11-01', '2026-10-31') / 365;
    for (const ratio of [y2 / y1, y3 / y2]) {
      expect(ratio).toBeGreaterThan(1.1);
      expect(ratio).toBeLessThan(1.2);
    }
  });

  // Dragon Boat 2024-06-10, 2025-05-31, 2026-06-19 (lunar 5/5). Asserted for the
  // window May 1 - June 30: (1) leaving out June 18 (618), the busiest day is one of
  // the last three days before Dragon Boat; (2) the busiest day of the whole window is
  // one of those days or June 18, whichever is larger (2026: 618 is Dragon Boat eve);
  // (3) that Dragon Boat peak is at least 2.5x the window's median day.
  it.each([2024, 2025, 2026])('puts the busiest May-June day of %i just before Dragon Boat (or on 618)', (year) => {
    const dragonBoat = solarOf(year, 5, 5);
    const peakDays = [-3, -2, -1].map((k) => addDays(dragonBoat, k));
    const window: string[] = [];
    for (let d = `${year}-05-01`; d <= `${year}-06-30`; d = addDays(d, 1)) window.push(d);
    const busiest = (days: string[]) => days.reduce((best, d) => (dayTotal(d) > dayTotal(best) ? d : best));

    const withoutSixEighteen = busiest(window.filter((d) => d !== `${year}-06-18`));
    expect(peakDays).toContain(withoutSixEighteen);
    expect([...peakDays, `${year}-06-18`]).toContain(busiest(window));
    const sorted = window.map(dayTotal).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    expect(dayTotal(withoutSixEighteen) / median).toBeGreaterThan(2.5);
  });

  // "Usual hour": the mean hourly total over Nov 22 - Dec 5, two whole weeks after
  // the Double 11 after-sales wave and before Double 12.
  it.each([2023, 2024, 2025])('spikes Nov 11 00:00-01:59 of %i at about 8x the usual hour', (year) => {
    const from = hourIndex(`${year}-11-22T00:00`);
    const usual = hourly.slice(from, from + 14 * 24).reduce((a, v) => a + v, 0) / (14 * 24);
    const first = hourly[hourIndex(`${year}-11-11T00:00`)] ?? NaN;
    const second = hourly[hourIndex(`${year}-11-11T01:00`)] ?? NaN;
    expect((first + second) / 2 / usual).toBeGreaterThan(6.5);
    expect((first + second) / 2 / usual).toBeLessThan(9.5);
    for (const hour of [first, second]) expect(hour / usual).toBeGreaterThan(5);
    // The day is several ordinary days' volume.
    expect(dayTotal(`${year}-11-11`) / (usual * 24)).toBeGreaterThan(3);
  });

  it.each([2024, 2025, 2026])('drops over Spring Festival %i and rebounds in after-sales', (year) => {
    const newYear = solarOf(year, 1, 1);
    const before = meanDaily(addDays(newYear, -45), addDays(newYear, -32));
    expect(meanDaily(addDays(newYear, -5), addDays(newYear, 5)) / before).toBeLessThan(0.5);
    const aftersales = byQueue.get('aftersales') ?? [];
    const aftersalesDay = (date: string) => aftersales.slice(hourIndex(`${date}T00:00`), hourIndex(`${date}T00:00`) + 24).reduce((a, v) => a + v, 0);
    let usualAftersales = 0;
    for (let k = -45; k <= -32; k++) usualAftersales += aftersalesDay(addDays(newYear, k)) / 14;
    expect(aftersalesDay(addDays(newYear, 8)) / usualAftersales).toBeGreaterThan(1.5);
  });
});

describe('the Double 11 morning and the Excel files', () => {
  it('nov11-morning.csv holds the actuals of 2026-11-11 00:00-09:00 of both queues', () => {
    const actuals = readHistory(path.join(DATA, 'nov11-morning.csv'), { timezone: 'Asia/Shanghai' });
    expect(actuals.startHour).toBe('2026-11-11T00:00');
    expect(actuals.hours).toBe(10);
    expect(actuals.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    // The midnight rush: 00:00 and 01:00 are the busiest hours of the morning.
    const total = actuals.queues[0]!.values.map((v, i) => (v ?? 0) + (actuals.queues[1]!.values[i] ?? 0));
    expect(Math.max(...total.slice(2))).toBeLessThan(Math.min(total[0]!, total[1]!));
  });

  it('excel-export.csv is GBK with CRLF, Excel\'s headers, empty rows and a 合计 row', () => {
    const bytes = fs.readFileSync(path.join(DATA, 'excel-export.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gb18030').decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('日期,时间,咨询人数,渠道');
    expect(lines[1]).toMatch(/^2026\/11\/2,8:00,\d+,售前$/);
    expect(lines.filter((l) => l === ',,,')).toHaveLength(7);
    expect(lines[lines.length - 3]).toMatch(/^合计,,"\d{3},\d{3}",$/);
    const history = readHistory(path.join(DATA, 'excel-export.csv'), { timezone: 'Asia/Shanghai' });
    expect(history.queues.map((q) => q.name)).toEqual(['售前', '售后']);
    expect([history.startHour, history.hours]).toEqual(['2026-11-02T08:00', 41 * 24 + 16]);
    const total = history.queues.flatMap((q) => q.values).reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(lines[lines.length - 3]).toBe(`合计,,"${total.toLocaleString('en-US')}",`);
  });

  it('agents-zh.csv is GBK with the headers roster.xlsx writes', () => {
    const text = new TextDecoder('gb18030').decode(fs.readFileSync(path.join(DATA, 'agents-zh.csv')));
    expect(text.split('\r\n')[0]).toBe('工号,姓名,人员池,可上夜班,请假日期');
    expect(text.trimEnd().split('\r\n')).toHaveLength(9);
  });
});

describe('data/config.json and data/agents.csv', () => {
  it('is a valid config with the three pools', () => {
    const config = readConfig(path.join(DATA, 'config.json'));
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.horizon).toEqual({ start: '2026-11-01', end: '2026-11-14' });
    expect(config.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(config.pools.map((p) => `${p.name}:${p.kind}`)).toEqual(['in-house:inhouse', 'vendor-a:vendor', 'vendor-b:vendor']);
    expect(config.outsourcing).toEqual({ min: 0.6, max: 0.7, scope: 'horizon' });
  });

  it('lists the 24 in-house agents, unique ids, day and middle shifts only', () => {
    const config = readConfig(path.join(DATA, 'config.json'));
    const inhouse = config.pools.find((p) => p.kind === 'inhouse');
    const lines = fs.readFileSync(path.join(DATA, 'agents.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(inhouse?.kind === 'inhouse' ? inhouse.headcount : -1);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    for (const [id, name, pool, shifts, nightOk, maxDays, unavailable] of rows) {
      expect(id).toMatch(/^IH\d{3}$/);
      expect(name).not.toBe('');
      expect([pool, shifts, maxDays]).toEqual(['in-house', 'day;middle', '5']);
      expect(['true', 'false']).toContain(nightOk);
      for (const part of (unavailable ?? '').split(';').filter((p) => p !== '')) {
        const [from = '', to = from] = part.split('..');
        expect({ part, inHorizon: from >= '2026-11-01' && to <= '2026-11-14' && from <= to }).toEqual({ part, inHorizon: true });
      }
    }
  });
});
