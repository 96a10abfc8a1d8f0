/**
 * Double seasonal exponential smoothing for hourly arrivals (Taylor 2003,
 * "Short-term electricity demand forecasting using double seasonal
 * exponential smoothing", JORS 54; applied to call-centre arrivals in Taylor
 * 2008, "A comparison of univariate time series methods for forecasting
 * intraday arrivals at a call center", Management Science 54(2)), in its
 * multiplicative form without trend, with an AR(1) adjustment of the error:
 *
 *   level      l_t = alpha * y_t / (d_{t-24} w_{t-168}) + (1 - alpha) * l_{t-1}
 *   daily      d_t = delta * y_t / (l_t w_{t-168}) + (1 - delta) * d_{t-24}
 *   weekly     w_t = omega * y_t / (l_t d_{t-24}) + (1 - omega) * w_{t-168}
 *   forecast   y_t(k) = l_t d_{t-24+k} w_{t-168+k} + phi^k e_t,  e_t = y_t - l_{t-1} d_{t-24} w_{t-168}
 *
 * Hours that are closed, missing or inside an event window do not update the
 * state (their value is what the model expected), so holidays do not bend the
 * level and the seasonal indices.
 */
import type { TrainingSet } from './candidates';
import { hasEvent, weekdayIndex } from './series';

export interface DshwParameters {
  alpha: number;
  delta: number;
  omega: number;
  phi: number;
}

/** Weeks of history the state runs over before the origin (the first ordinary days of each weekday initialise it). */
export const DSHW_WEEKS = 16;

export function dshwForecast(t: TrainingSet, days: number, p: DshwParameters): Float64Array {
  const { s, cal, origin, stats } = t;
  const out = new Float64Array(days * 24);
  const firstDay = Math.max(0, origin - DSHW_WEEKS * 7);
  const slot = (d: number, h: number): number => weekdayIndex(s.firstDay + d) * 24 + h;
  const isOpen = (d: number, h: number): boolean => stats.open[slot(d, h)] === 1;
  const usable = (d: number): boolean => stats.ordinary[d] === 1;

  // Initial state: per weekday, the mean of its first two ordinary days in the window.
  const sums = new Float64Array(168);
  const counts = new Float64Array(168);
  const seen = new Float64Array(7);
  for (let d = firstDay; d < origin; d++) {
    const w = weekdayIndex(s.firstDay + d);
    if (!usable(d) || (seen[w] as number) >= 2) continue;
    seen[w] = (seen[w] as number) + 1;
    for (let h = 0; h < 24; h++) {
      const v = s.y[d * 24 + h] as number;
      if (Number.isNaN(v) || !isOpen(d, h)) continue;
      sums[w * 24 + h] = (sums[w * 24 + h] as number) + v;
      counts[w * 24 + h] = (counts[w * 24 + h] as number) + 1;
    }
  }
  let total = 0;
  let n = 0;
  for (let i = 0; i < 168; i++) {
    if ((counts[i] as number) === 0) continue;
    sums[i] = (sums[i] as number) / (counts[i] as number);
    total += sums[i] as number;
    n += 1;
  }
  if (n === 0 || total <= 0) return out;
  let level = total / n;
  const weekly = new Float64Array(168);
  for (let i = 0; i < 168; i++) weekly[i] = (counts[i] as number) > 0 ? (sums[i] as number) / level : 0;
  const daily = new Float64Array(24).fill(1);
  let error = 0;

  for (let d = firstDay; d < origin; d++) {
    const skipDay = !usable(d) || hasEvent(cal, s.firstDay + d);
    for (let h = 0; h < 24; h++) {
      const i = slot(d, h);
      const y = s.y[d * 24 + h] as number;
      const seasonal = (daily[h] as number) * (weekly[i] as number);
      if (skipDay || Number.isNaN(y) || !isOpen(d, h) || seasonal <= 1e-9) {
        error = 0;
        continue;
      }
      error = y - level * seasonal;
      const newLevel = p.alpha * (y / seasonal) + (1 - p.alpha) * level;
      if (newLevel <= 0) continue;
      daily[h] = p.delta * (y / (newLevel * (weekly[i] as number))) + (1 - p.delta) * (daily[h] as number);
      weekly[i] = p.omega * (y / (newLevel * (daily[h] as number))) + (1 - p.omega) * (weekly[i] as number);
      level = newLevel;
    }
  }
  let ar = error;
  for (let k = 0; k < days; k++) {
    const d = origin + k;
    for (let h = 0; h < 24; h++) {
      ar *= p.phi;
      if (!isOpen(d, h)) continue;
      const v = level * (daily[h] as number) * (weekly[slot(d, h)] as number) + ar;
      out[k * 24 + h] = v > 0 && Number.isFinite(v) ? v : 0;
    }
  }
  return out;
}
