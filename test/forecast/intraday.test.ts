/** updateIntraday: re-scaling the rest of a day from its actuals so far. */
import * as path from 'node:path';
import { UsageError, addDays, hourNumber, isoWeekday, type Demand, type History } from '../../src/domain';
import { DEFAULT_PERSISTENCE, forecastDemand, updateIntraday } from '../../src/forecast';
import { parseConfig } from '../../src/config';
import { readHistory } from '../../src/io';
import { hasRealData, realDataDir } from '../helpers/paths';

/** Two days, one queue, 100 an hour. */
const demand: Demand = {
  timezone: 'Asia/Shanghai',
  startHour: '2026-11-10T00:00',
  hours: 48,
  queues: [{ name: 'chat', forecast: new Array(48).fill(100), p10: new Array(48).fill(80), p50: new Array(48).fill(100), p90: new Array(48).fill(130) }],
  events: new Array(48).fill(''),
};

function actuals(values: Array<number | null>, name = 'chat', start = '2026-11-11T00:00'): History {
  return { timezone: 'Asia/Shanghai', startHour: start, hours: values.length, queues: [{ name, values }], missingHours: 0, sourceRows: values.length, rowsPerHour: 1 };
}

describe('updateIntraday', () => {
  // Day 2 runs 20% above forecast for its first 12 hours.
  const result = updateIntraday(demand, actuals(new Array(12).fill(120)), '2026-11-11T12:00');
  const q = result.demand.queues[0]!;
  // Every hour weighs 0.5^(k/2) in the ratio, which is 1.2 here; the forecast behind it is large, so w = 0.75 x F / (F + 44.4).
  const weights = Array.from({ length: 12 }, (_, k) => 0.5 ** (k / 2));
  const volume = (100 * weights.reduce((a, b) => a + b, 0)) ** 2 / (100 * weights.reduce((a, b) => a + b * b, 0));
  const factor = 1 + DEFAULT_PERSISTENCE * (volume / (volume + 1 / 0.15 ** 2)) * 0.2;

  it('re-scales the rest of the day by the shrunk, recency-weighted ratio so far', () => {
    expect(result.scales).toEqual([{ queue: 'chat', date: '2026-11-11', actual: 1440, forecast: 1200, factor: expect.closeTo(factor, 12) as number }]);
    for (let i = 36; i < 48; i++) {
      expect(q.forecast[i]).toBeCloseTo(100 * factor, 9);
      expect(q.p10[i]).toBeCloseTo(80 * factor, 9);
      expect(q.p90[i]).toBeCloseTo(130 * factor, 9);
    }
  });

  it('puts the actuals in the hours before, band collapsed onto them, and leaves days without actuals alone', () => {
    for (let i = 24; i < 36; i++) expect([q.forecast[i], q.p10[i], q.p50[i], q.p90[i]]).toEqual([120, 120, 120, 120]);
    expect(q.forecast.slice(0, 24)).toEqual(new Array(24).fill(100));
    expect(demand.queues[0]!.forecast[40]).toBe(100);
  });

  it('moves the rest of a quiet queue less than a busy one', () => {
    const small: Demand = { ...demand, queues: [{ ...demand.queues[0]!, forecast: new Array(48).fill(2), p50: new Array(48).fill(2) }] };
    const r = updateIntraday(small, actuals(new Array(12).fill(4)), '2026-11-11T12:00');
    expect(r.scales[0]!.factor).toBeGreaterThan(1);
    expect(r.scales[0]!.factor - 1).toBeLessThan(0.5 * (2 - 1));
  });

  it('splits a total (a file without a queue column) by the forecast shares', () => {
    const two: Demand = { ...demand, queues: [demand.queues[0]!, { ...demand.queues[0]!, name: 'phone', forecast: new Array(48).fill(300), p50: new Array(48).fill(300) }] };
    const r = updateIntraday(two, actuals(new Array(12).fill(480), 'all'), '2026-11-11T12:00');
    expect(r.demand.queues.map((x) => x.forecast[30])).toEqual([120, 360]);
    // Both 20% up so far; the busier queue's ratio rests on more volume, so it is shrunk less.
    const [chat, phone] = r.scales.map((s) => s.factor);
    expect(chat!).toBeGreaterThan(1);
    expect(phone!).toBeGreaterThan(chat!);
    expect(phone!).toBeLessThan(1.2);
  });

  it('rejects an hour outside the forecast and actuals of other queues', () => {
    expect(() => updateIntraday(demand, actuals([1]), '2026-11-13T01:00')).toThrow(
      new UsageError('--actuals-until 2026-11-13T01:00 is outside the forecast 2026-11-10T00:00 .. 2026-11-12T00:00; expected an hour within it'),
    );
    expect(() => updateIntraday(demand, actuals([1], 'phone'), '2026-11-11T12:00')).toThrow(
      new UsageError('the actuals have queue(s) phone; expected chat or a file without a queue column'),
    );
  });
});

const real = hasRealData ? describe : describe.skip;
if (!hasRealData) console.warn(`skipping the intraday check on real data: ${realDataDir} not found`);
real('US bank calls: actuals to 12:00', () => {
  it('cut the WAPE of 13:00-21:00 to at most 0.8 x the same-day forecast without them, over 30 weekdays', () => {
    const history = readHistory(path.join(realDataDir, 'us_bank_calls_2003_hourly.csv'), { timezone: 'Asia/Shanghai' });
    const config = parseConfig({ calendar: { region: 'none' } });
    const calls = history.queues[0]!.values;
    let without = 0;
    let withActuals = 0;
    let days = 0;
    for (let d = '2003-05-05'; days < 30; d = addDays(d, 1)) {
      const at = hourNumber(`${d}T00:00`) - hourNumber(history.startHour);
      if (isoWeekday(d) >= 6 || calls.slice(at + 13, at + 22).every((v) => v === null)) continue;
      const forecast = forecastDemand(history, config, { start: d, end: d }).demand;
      const updated = updateIntraday(forecast, history, `${d}T12:00`).demand;
      for (let h = 13; h <= 21; h++) {
        const y = calls[at + h];
        if (y === null || y === undefined) continue;
        without += Math.abs(y - forecast.queues[0]!.forecast[h]!);
        withActuals += Math.abs(y - updated.queues[0]!.forecast[h]!);
      }
      days += 1;
    }
    expect(withActuals / without).toBeLessThanOrEqual(0.8);
  }, 60_000);
});
