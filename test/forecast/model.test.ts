import { parseConfig } from '../../src/config';
import { dayNumber } from '../../src/domain';
import { forecastDemand } from '../../src/forecast';
import { formatForecastCsv } from '../../src/io';
import { HOUR_SHARE, syntheticHistory } from './synthetic';

// Qixi (lunar 7/7): 2024-08-10, 2025-08-29, 2026-08-19. The synthetic effect: x1.8 on the eve and the day.
const QIXI = new Set(['2024-08-09', '2024-08-10', '2025-08-28', '2025-08-29', '2026-08-18', '2026-08-19'].map(dayNumber));
const qixiEffect = (day: number): number => (QIXI.has(day) ? 1.8 : 1);
const config = parseConfig({});

function dayTotal(values: number[], day: number): number {
  return values.slice(day * 24, day * 24 + 24).reduce((a, b) => a + b, 0);
}

describe('forecastDemand', () => {
  const history = syntheticHistory({ start: '2024-01-01', end: '2026-07-31', perDay: 4800, event: qixiEffect, noise: false });
  const result = forecastDemand(history, config, { start: '2026-08-11', end: '2026-08-31' });
  const f = result.demand.queues[0]!.forecast;

  it('recovers a known multiplicative event effect within 5% (aligned on the lunar date)', () => {
    // 2026-08-18 (Tue, qixi eve) against 2026-08-25 (Tue, ordinary): 1.8 by construction.
    const ratio = dayTotal(f, 7) / dayTotal(f, 14);
    expect(ratio).toBeGreaterThan(1.8 * 0.95);
    expect(ratio).toBeLessThan(1.8 * 1.05);
    // The same Gregorian date a year earlier (2025-08-18) had no effect; the forecast must not be there.
    expect(result.demand.events[7 * 24]).toBe('qixi');
    expect(result.demand.events[14 * 24]).toBe('');
  });

  it('recovers an ordinary day within 5% of the true mean', () => {
    // 2026-08-25 is a Tuesday: 4800 x 0.97.
    expect(Math.abs(dayTotal(f, 14) / (4800 * 0.97) - 1)).toBeLessThan(0.05);
  });

  it('keeps p10 <= forecast <= p90 and never goes negative', () => {
    const noisy = syntheticHistory({ start: '2025-01-01', end: '2026-07-31', perDay: 800, event: qixiEffect, seed: 7 });
    const r = forecastDemand(noisy, config, { start: '2026-08-01', end: '2026-09-30' });
    for (const q of r.demand.queues) {
      q.forecast.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(q.p10[i]).toBeGreaterThanOrEqual(0);
        expect(q.p10[i]!).toBeLessThanOrEqual(v);
        expect(q.p90[i]!).toBeGreaterThanOrEqual(v);
      });
    }
  });

  it('gives the same bytes for the same input', () => {
    const again = forecastDemand(history, config, { start: '2026-08-11', end: '2026-08-31' });
    expect(formatForecastCsv(again.demand)).toBe(formatForecastCsv(result.demand));
  });

  it('applies a configured uplift on top of the learned effect', () => {
    const bigger = forecastDemand(history, parseConfig({ events: [{ name: 'qixi', uplift: 1.3 }] }), { start: '2026-08-11', end: '2026-08-31' });
    const ratio = dayTotal(bigger.demand.queues[0]!.forecast, 7) / dayTotal(f, 7);
    expect(ratio).toBeCloseTo(1.3, 2);
  });

  it('uses the configured uplift and a default shape for an event never seen', () => {
    const cfg = parseConfig({ events: [{ name: 'brand-day', date: '2026-08-26', startOffsetDays: -1, endOffsetDays: 1, uplift: 2 }] });
    const r = forecastDemand(history, cfg, { start: '2026-08-11', end: '2026-08-31' }).demand.queues[0]!.forecast;
    const base = dayTotal(f, 15);
    expect(dayTotal(r, 15) / base).toBeCloseTo(2, 6);
    // Half-way down on the window's edge days.
    expect(dayTotal(r, 14) / dayTotal(f, 14)).toBeCloseTo(1.5, 6);
  });
});

describe('missing hours', () => {
  // A bank-like series: open 08:00-20:00 on weekdays only, nights and weekends absent (not zero).
  const closed = (day: number, hour: number): boolean => {
    const w = (((day + 3) % 7) + 7) % 7;
    return w >= 5 || hour < 8 || hour >= 20;
  };
  const history = syntheticHistory({ start: '2025-09-01', end: '2026-02-28', perDay: 3000, missing: closed, noise: false });
  const r = forecastDemand(history, parseConfig({ calendar: { publicHolidays: false } }), { start: '2026-03-02', end: '2026-03-08' });
  const f = r.demand.queues[0]!.forecast;

  it('forecasts 0 for hours that were never open and the open hours at their level', () => {
    for (let i = 0; i < f.length; i++) {
      const day = dayNumber('2026-03-02') + Math.floor(i / 24);
      if (closed(day, i % 24)) expect(f[i]).toBe(0);
      else expect(f[i]).toBeGreaterThan(0);
    }
    // Missing nights are not zeros: the open hours keep the full level, not a level diluted by 12 empty hours.
    const openShare = HOUR_SHARE.slice(8, 20).reduce((a, b) => a + b, 0);
    expect(Math.abs(dayTotal(f, 0) / (3000 * 0.97 * openShare) - 1)).toBeLessThan(0.03);
  });
});
