/**
 * A history that ends well before the forecast: trained on the sample cut
 * 0, 30, 120 and 365 days before Double 11's month, the Nov 1-14 forecast keeps
 * the level (within 35% of the same window a year earlier, scaled by the level
 * of the history's last 8 weeks against the same 8 weeks a year before),
 * keeps the Nov 11 spike, widens its band with the gap, and says so.
 */
import * as path from 'node:path';
import { addDays, hourNumber, type History } from '../../src/domain';
import { forecastDemand, type ForecastResult } from '../../src/forecast';
import { parseConfig } from '../../src/config';
import { readConfig, readHistory } from '../../src/io';
import { repoRoot } from '../helpers/paths';

const config = readConfig(path.join(repoRoot, 'data/config.json'));
const full = readHistory(path.join(repoRoot, 'data/inquiries.csv'), { timezone: config.timezone });

function cut(last: string): History {
  const hours = hourNumber(`${addDays(last, 1)}T00:00`) - hourNumber(full.startHour);
  return { ...full, hours, queues: full.queues.map((q) => ({ ...q, values: q.values.slice(0, hours) })) };
}

function total(h: History, from: string, to: string): number {
  const a = hourNumber(`${from}T00:00`) - hourNumber(h.startHour);
  const b = hourNumber(`${addDays(to, 1)}T00:00`) - hourNumber(h.startHour);
  let sum = 0;
  for (const q of h.queues) for (let i = a; i < b; i++) sum += q.values[i] ?? 0;
  return sum;
}

const GAPS = [0, 30, 120, 365];
const runs = new Map<number, { result: ForecastResult; last: string; history: History }>();
beforeAll(() => {
  for (const gap of GAPS) {
    const last = addDays('2026-11-01', -gap - 1);
    const history = cut(last);
    runs.set(gap, { result: forecastDemand(history, config, { start: '2026-11-01', end: '2026-11-14', queues: config.queues }), last, history });
  }
}, 60_000);

const sums = (r: ForecastResult, key: 'forecast' | 'p10' | 'p90'): number[] => {
  const days: number[] = new Array<number>(14).fill(0);
  r.demand.queues.forEach((q) => q[key].forEach((v, i) => (days[Math.floor(i / 24)]! += v)));
  return days;
};

describe.each(GAPS)('history ending %i days before 2026-11-01', (gap) => {
  it('keeps the Nov 1-14 total within 35% of the same window a year earlier scaled by the level', () => {
    const { result, last, history } = runs.get(gap)!;
    const level = total(history, addDays(last, -55), last) / total(full, addDays(last, -55 - 364), addDays(last, -364));
    const reference = total(full, '2025-11-02', '2025-11-15') * level;
    const forecast = sums(result, 'forecast').reduce((a, b) => a + b, 0);
    expect(forecast / reference).toBeGreaterThan(0.65);
    expect(forecast / reference).toBeLessThan(1.35);
  });

  it('keeps the Nov 11 spike: the day over twice its neighbours, its 00:00 hour the busiest', () => {
    const { result } = runs.get(gap)!;
    const days = sums(result, 'forecast');
    expect(days[10]! / ((days[8]! + days[12]!) / 2)).toBeGreaterThan(2);
    const hourly = result.demand.queues[0]!.forecast;
    expect(hourly.indexOf(Math.max(...hourly))).toBe(10 * 24);
  });

  it('reports the gap in days, in the notes and as a field', () => {
    const { result, last } = runs.get(gap)!;
    expect(result.gapDays).toBe(gap);
    expect(result.historyEnd).toBe(last);
    const note = result.notes.find((n) => n.startsWith('the history ends'));
    if (gap === 0) expect(note).toBeUndefined();
    else expect(note).toBe(`the history ends ${last}, ${gap} days before the forecast starts (2026-11-01): the forecast keeps the level of its last weeks (no trend after 60 days), its weekly and daily shape and the learned events, with a band widened for the gap`);
  });
});

it('widens the band as the gap grows', () => {
  const width = GAPS.map((gap) => {
    const r = runs.get(gap)!.result;
    const f = sums(r, 'forecast').reduce((a, b) => a + b, 0);
    return (sums(r, 'p90').reduce((a, b) => a + b, 0) - sums(r, 'p10').reduce((a, b) => a + b, 0)) / f;
  });
  for (let i = 1; i < width.length; i++) expect(width[i]!).toBeGreaterThan(width[i - 1]!);
});

it('forecasts the level, not zeros, when the config has events covering the whole year', () => {
  const events = Array.from({ length: 12 }, (_, m) => ({ name: `month-${m + 1}`, monthDay: `${String(m + 1).padStart(2, '0')}-15`, startOffsetDays: -16, endOffsetDays: 16 }));
  const everywhere = parseConfig({ ...(JSON.parse(JSON.stringify(config)) as Record<string, unknown>), events });
  const plain = sums(runs.get(0)!.result, 'forecast').reduce((a, b) => a + b, 0);
  const r = forecastDemand(full, everywhere, { start: '2026-11-01', end: '2026-11-14', queues: config.queues });
  const total = sums(r, 'forecast').reduce((a, b) => a + b, 0);
  expect(total / plain).toBeGreaterThan(0.65);
  expect(total / plain).toBeLessThan(1.35);
});
