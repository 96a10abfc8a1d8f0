/**
 * One queue's hourly forecast:
 *
 *   forecast(d, h) = level(d) x weekday(d) x profile(weekday(d), h) x events(d, h)
 *
 * level: weighted linear fit on the last 8 weeks of ordinary days (weekday-adjusted
 * totals, half-life 3 weeks, outliers dropped), trend damped by 0.98 a day.
 * events: learned multipliers per day-relative-to-anchor and hour (see effects.ts).
 * p10/p90: empirical quantiles of out-of-sample log residuals per hour of day,
 * from re-fitting the baseline at 16 earlier origins, widened on event days by
 * the spread of the event's ratio across years.
 */
import { dayStats, fitBaseline, levelAt, DEFAULT_BASELINE, type Baseline, type BaselineSettings } from './baseline';
import { DEFAULT_EFFECTS, eventMultiplier, learnEffects, type EffectSettings, type Effects } from './effects';
import { quantile } from './quantiles';
import { calendarDay, effectiveWeekday, type CalendarIndex, type DaySeries } from './series';

export interface ModelSettings {
  baseline: BaselineSettings;
  effects: EffectSettings;
  /** Earlier origins whose errors give the quantiles. */
  residualOrigins: number;
  /** Longest horizon (days) the residual origins forecast. */
  residualHorizonDays: number;
}

export const DEFAULT_MODEL: ModelSettings = {
  baseline: DEFAULT_BASELINE,
  effects: DEFAULT_EFFECTS,
  residualOrigins: 16,
  residualHorizonDays: 14,
};

export interface QueueForecast {
  forecast: Float64Array;
  p10: Float64Array;
  p90: Float64Array;
  /** Per forecast hour: true inside an event window. */
  eventHour: Uint8Array;
}

const Z90 = 1.2815515655446004;

/** Point forecast for `days` days from series index `from`, with the log-uncertainty of the events. */
function predict(s: DaySeries, cal: CalendarIndex, b: Baseline, effects: Effects, from: number, days: number): { mean: Float64Array; sdLog: Float64Array; eventHour: Uint8Array } {
  const mean = new Float64Array(days * 24);
  const sdLog = new Float64Array(days * 24);
  const eventHour = new Uint8Array(days * 24);
  for (let k = 0; k < days; k++) {
    const d = from + k;
    const day = s.firstDay + d;
    const w = effectiveWeekday(cal, day);
    const dayLevel = levelAt(b, d) * (b.weekdayFactor[w] as number);
    const active = calendarDay(cal, day)?.active ?? [];
    for (let h = 0; h < 24; h++) {
      let v = dayLevel * (b.profile[w * 24 + h] as number);
      if (active.length > 0) {
        const e = eventMultiplier(effects, active, h);
        v *= e.factor;
        sdLog[k * 24 + h] = e.sdLog;
        eventHour[k * 24 + h] = 1;
      }
      mean[k * 24 + h] = v > 0 && Number.isFinite(v) ? v : 0;
    }
  }
  return { mean, sdLog, eventHour };
}

/**
 * Forecast `days` whole days starting at series index `origin`, trained only on
 * the days before it. `s` may extend past the origin; those values are not read.
 */
export function forecastQueue(s: DaySeries, cal: CalendarIndex, origin: number, days: number, settings: ModelSettings = DEFAULT_MODEL): QueueForecast {
  const stats = dayStats(s, cal, origin, settings.baseline);
  const baseline = fitBaseline(s, cal, stats, settings.baseline);
  const effects = learnEffects(s, cal, stats, baseline.profile, settings.effects);
  const point = predict(s, cal, baseline, effects, origin, days);

  // Out-of-sample residuals of the same model at earlier origins (ordinary hours only).
  const horizon = Math.max(1, Math.min(days, settings.residualHorizonDays));
  const residuals: number[][] = Array.from({ length: 24 }, () => []);
  for (let k = 1; k <= settings.residualOrigins; k++) {
    const o = origin - k * horizon;
    if (o < 28) break;
    const st = dayStats(s, cal, o, settings.baseline);
    const b = fitBaseline(s, cal, st, settings.baseline);
    const p = predict(s, cal, b, effects, o, horizon);
    for (let i = 0; i < horizon * 24; i++) {
      if (p.eventHour[i]) continue;
      const y = s.y[o * 24 + i] as number;
      const f = p.mean[i] as number;
      if (Number.isNaN(y) || f <= 0) continue;
      (residuals[i % 24] as number[]).push(Math.log((y + 1) / (f + 1)));
    }
  }
  const lo = new Float64Array(24);
  const hi = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    // Pool each hour with its neighbours for steadier tails.
    const pool = [...(residuals[(h + 23) % 24] as number[]), ...(residuals[h] as number[]), ...(residuals[(h + 1) % 24] as number[])].sort((a, b) => a - b);
    if (pool.length >= 20) {
      lo[h] = Math.min(0, quantile(pool, 0.1));
      hi[h] = Math.max(0, quantile(pool, 0.9));
    } else {
      lo[h] = -0.2;
      hi[h] = 0.2;
    }
  }
  const n = days * 24;
  const p10 = new Float64Array(n);
  const p90 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = point.mean[i] as number;
    if (f <= 0) continue;
    const h = i % 24;
    const dayAhead = Math.floor(i / 24) + 1;
    // Errors grow with the horizon: scale the band beyond the residual horizon, at most twice.
    const grow = Math.min(2, Math.sqrt(Math.max(1, dayAhead / horizon)));
    const widen = Z90 * (point.sdLog[i] as number);
    p10[i] = Math.max(0, (f + 1) * Math.exp((lo[h] as number) * grow - widen) - 1);
    p90[i] = (f + 1) * Math.exp((hi[h] as number) * grow + widen) - 1;
    if (p10[i]! > f) p10[i] = f;
    if (p90[i]! < f) p90[i] = f;
  }
  return { forecast: point.mean, p10, p90, eventHour: point.eventHour };
}
