/** Model choice by rolling-origin backtest, the candidates, and the band model. */
import { parseConfig } from '../../src/config';
import { dayNumber, hourNumber } from '../../src/domain';
import {
  CANDIDATES,
  COMBINATION,
  DEFAULT_MODEL,
  backtestOrigins,
  bandModel,
  bandOffsets,
  calendarIndex,
  dshwForecast,
  forecastDemand,
  forecastQueue,
  leadGrowth,
  openWeekHours,
  seriesOf,
  trainingSet,
  type OriginResiduals,
} from '../../src/forecast';
import { HOUR_SHARE, WEEKDAY, syntheticHistory } from './synthetic';

const none = parseConfig({ calendar: { region: 'none' } });

describe('backtest origins', () => {
  it('are ten weekly origins ending where the scored days reach the training end, plus the same point a year back', () => {
    const o = 800;
    expect(backtestOrigins(o, 14, DEFAULT_MODEL.selection)).toEqual([436, 723, 730, 737, 744, 751, 758, 765, 772, 779, 786]);
    // No year-back origin without a year of history before it; none with fewer than 28 days to train.
    expect(backtestOrigins(60, 7, DEFAULT_MODEL.selection)).toEqual([32, 39, 46, 53]);
  });
});

describe('forecastQueue', () => {
  const history = syntheticHistory({ start: '2025-01-06', end: '2026-03-01', perDay: 2400, seed: 5 });
  const firstDay = dayNumber('2025-01-06');
  const s = seriesOf(history, 'all', 0);
  const cal = calendarIndex(none, firstDay, '2026-04-30');
  const origin = dayNumber('2026-03-02') - firstDay;
  const r = forecastQueue(s, cal, origin, 7, DEFAULT_MODEL, { keepFamilies: true });

  it('scores every candidate and the combination, and picks the lowest backtest WAPE', () => {
    expect(r.model.scores.map((x) => x.name)).toEqual([...CANDIDATES.map((c) => c.name), COMBINATION]);
    const best = Math.min(...r.model.scores.map((x) => x.wape));
    expect(r.model.wape).toBe(best);
    expect(r.model.scores.find((x) => x.name === r.model.name)?.wape).toBe(best);
    expect(r.model.origins).toEqual(backtestOrigins(origin, 7, DEFAULT_MODEL.selection));
  });

  it('makes the combination the hourly median of the family winners', () => {
    const families = r.families!;
    const members = [...families.entries()].filter(([f]) => f !== COMBINATION).map(([, v]) => v.forecast);
    expect(members).toHaveLength(5);
    for (const i of [3, 50, 100]) {
      const sorted = members.map((m) => m[i]!).sort((a, b) => a - b);
      expect(families.get(COMBINATION)!.forecast[i]).toBeCloseTo(sorted[2]!, 9);
    }
  });

  it('lands every candidate near the true mean on a stationary series (within 6% a day)', () => {
    for (const [, v] of r.families!) {
      for (let k = 0; k < 7; k++) {
        const w = (dayNumber('2026-03-02') + k + 3) % 7;
        const day = v.forecast.slice(k * 24, k * 24 + 24).reduce((a, b) => a + b, 0);
        expect(Math.abs(day / (2400 * WEEKDAY[w]!) - 1)).toBeLessThan(0.06);
      }
    }
  });

  it('chooses a fast-adapting model after a lasting step in the level', () => {
    const step = syntheticHistory({ start: '2025-06-02', end: '2026-03-01', perDay: 2400, seed: 9, event: (day) => (day >= dayNumber('2026-02-02') ? 1.5 : 1) });
    const ss = seriesOf(step, 'all', 0);
    const rr = forecastQueue(ss, calendarIndex(none, dayNumber('2025-06-02'), '2026-04-30'), dayNumber('2026-03-02') - dayNumber('2025-06-02'), 7);
    const wapeOf = (name: string): number => rr.model.scores.find((x) => x.name === name)!.wape;
    expect(wapeOf('week-mean-2')).toBeLessThan(wapeOf('week-mean-8'));
    expect(rr.model.name).not.toBe('week-mean-8');
    const day = rr.forecast.slice(0, 24).reduce((a, b) => a + b, 0);
    expect(Math.abs(day / (3600 * WEEKDAY[0]!) - 1)).toBeLessThan(0.08);
  });

  it('is deterministic', () => {
    const again = forecastQueue(s, cal, origin, 7);
    expect(Array.from(again.forecast)).toEqual(Array.from(r.forecast));
    expect(Array.from(again.p90)).toEqual(Array.from(r.p90));
  });
});

describe('double seasonal exponential smoothing (Taylor)', () => {
  it('repeats an exact double seasonal pattern', () => {
    const history = syntheticHistory({ start: '2025-09-01', end: '2026-02-28', perDay: 2400, noise: false });
    const s = seriesOf(history, 'all', 0);
    const t = trainingSet(s, calendarIndex(none, dayNumber('2025-09-01'), '2026-03-31'), dayNumber('2026-03-01') - dayNumber('2025-09-01'));
    const f = dshwForecast(t, 7, { alpha: 0.01, delta: 0.05, omega: 0.1, phi: 0.9 });
    for (let i = 0; i < 7 * 24; i++) {
      const w = (dayNumber('2026-03-01') + Math.floor(i / 24) + 3) % 7;
      expect(f[i]! / (2400 * WEEKDAY[w]! * HOUR_SHARE[i % 24]!)).toBeCloseTo(1, 6);
    }
  });
});

describe('open and closed hours', () => {
  const closed = (day: number, hour: number): boolean => (day + 3) % 7 >= 5 || hour < 8 || hour >= 20;

  it('closes the hours with no volume on at most 2% of their dates, not before 4 dates of evidence', () => {
    const h = syntheticHistory({ start: '2026-01-05', end: '2026-03-01', perDay: 3000, missing: closed, seed: 2 });
    const open = openWeekHours(seriesOf(h, 'all', 0), 0, 56);
    for (let w = 0; w < 7; w++) for (let hour = 0; hour < 24; hour++) expect(open[w * 24 + hour]).toBe(w < 5 && hour >= 8 && hour < 20 ? 1 : 0);
    expect(Array.from(openWeekHours(seriesOf(h, 'all', 0), 0, 21)).every((v) => v === 1)).toBe(true);
  });

  it('reads zeros like absences: a full grid with zeros at night has the same closed hours', () => {
    const h = syntheticHistory({ start: '2026-01-05', end: '2026-03-01', perDay: 3000, seed: 2, event: (day, hour) => (closed(day, hour) ? 0 : 1) });
    const open = openWeekHours(seriesOf(h, 'all', 0), 0, 56);
    expect(open[2 * 24 + 3]).toBe(0);
    expect(open[2 * 24 + 10]).toBe(1);
    const r = forecastDemand(h, none, { start: '2026-03-02', end: '2026-03-08' });
    r.demand.queues[0]!.forecast.forEach((v, i) => (closed(dayNumber('2026-03-02') + Math.floor(i / 24), i % 24) ? expect(v).toBe(0) : expect(v).toBeGreaterThan(0)));
  });
});

describe('band model', () => {
  /** Errors cycling through -1, -0.5, 0, 0.5, 1 (x spread) at every hour and lead. */
  const set = (origin: number, spread: number): OriginResiduals => {
    const out: OriginResiduals = { origin, hours: [], leads: [], values: [], days: new Array<number>(7).fill(spread) };
    for (let k = 0; k < 7 * 24; k++) {
      out.hours.push(k % 24);
      out.leads.push(Math.floor(k / 24) + 1);
      out.values.push((spread * ((k % 5) - 2)) / 2);
    }
    return out;
  };

  it('keeps the widths of exchangeable errors (m = 1) and grows them past the scored days, at most x4', () => {
    const band = bandModel([0, 7, 14, 21, 28, 35].map((o) => set(o, 0.1)), 7);
    expect(band.scale).toBe(1);
    expect([band.lo[12], band.hi[12]]).toEqual([-0.1, 0.1]);
    expect(leadGrowth(band, 7)).toBeCloseTo(1, 1);
    expect(leadGrowth(band, 28)).toBeCloseTo(2, 6);
    expect(leadGrowth(band, 700)).toBe(4);
    const [lo, hi] = bandOffsets(band, 12, 1, 0.2);
    expect(hi - band.hi[12]! * leadGrowth(band, 1)).toBeCloseTo(0.2, 12);
    expect(band.lo[12]! * leadGrowth(band, 1) - lo).toBeCloseTo(0.2, 12);
  });

  it('scales the widths up when later origins had bigger errors than the earlier ones foretold', () => {
    const band = bandModel([set(0, 0.05), set(7, 0.05), set(14, 0.05), set(21, 0.1), set(28, 0.1), set(35, 0.1)], 7);
    expect(band.scale).toBe(2);
  });
});

describe('event effects on a series that does not feel them', () => {
  it('leaves a non-Chinese series almost as if it had no Chinese calendar (goddess day, 618, Mid-Autumn shrunk to nothing)', () => {
    const history = syntheticHistory({ start: '2024-01-01', end: '2026-02-28', perDay: 3000, seed: 11 });
    const cn = forecastDemand(history, parseConfig({}), { start: '2026-03-01', end: '2026-03-14' }).demand.queues[0]!.forecast;
    const plain = forecastDemand(history, none, { start: '2026-03-01', end: '2026-03-14' }).demand.queues[0]!.forecast;
    const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum(cn) / sum(plain) - 1)).toBeLessThan(0.02);
    for (let k = 0; k < 14; k++) expect(Math.abs(sum(cn.slice(k * 24, k * 24 + 24)) / sum(plain.slice(k * 24, k * 24 + 24)) - 1)).toBeLessThan(0.05);
  });

  it('changes nothing for an event never seen before and given no uplift', () => {
    const history = syntheticHistory({ start: '2025-06-01', end: '2026-02-28', perDay: 3000, seed: 12 });
    const without = forecastDemand(history, none, { start: '2026-03-01', end: '2026-03-14' }).demand.queues[0]!.forecast;
    const withEvent = forecastDemand(history, parseConfig({ calendar: { region: 'none' }, events: [{ name: 'launch', date: '2026-03-05', endOffsetDays: 2 }] }), { start: '2026-03-01', end: '2026-03-14' }).demand;
    expect(withEvent.queues[0]!.forecast).toEqual(without);
    expect(withEvent.events[4 * 24]).toBe('launch');
  });

  it('leaves holidays out of the fit and forecasts a closure as 0', () => {
    // A holiday each month halves the volume; a fit that kept them would run about 3% low.
    const days = ['2025-10-06', '2025-11-03', '2025-12-01', '2026-01-05', '2026-02-02'];
    const dates = new Set(days.map(dayNumber));
    const history = syntheticHistory({ start: '2025-09-01', end: '2026-02-28', perDay: 3000, noise: false, event: (day) => (dates.has(day) ? 0.5 : 1) });
    const holidays = [...days, '2026-03-02'].map((date) => ({ date, name: 'Bank Day', kind: 'closed' as const }));
    const r = forecastDemand(history, parseConfig({ calendar: { region: 'none', holidays } }), { start: '2026-03-02', end: '2026-03-15' }).demand.queues[0]!.forecast;
    expect(r.slice(0, 24).every((v) => v === 0)).toBe(true);
    const tuesday = r.slice(8 * 24, 9 * 24).reduce((a, b) => a + b, 0);
    expect(Math.abs(tuesday / (3000 * WEEKDAY[1]!) - 1)).toBeLessThan(0.01);
  });
});

it('gives hour numbers the tests above assume', () => {
  expect(hourNumber('2026-03-02T00:00') % 24).toBe(0);
});
