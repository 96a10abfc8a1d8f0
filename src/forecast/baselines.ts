/** The reference forecasts every model is judged against. */
import { dateFromDayNumber, dayNumber } from '../domain';
import type { DaySeries } from './series';

/**
 * Seasonal naive: the same hour one week earlier; past the first week of the
 * horizon, the last observed week repeats. A missing hour falls back to the
 * week before (up to 4 weeks back). NaN when none is known.
 */
export function seasonalNaive(s: DaySeries, origin: number, days: number): Float64Array {
  const out = new Float64Array(days * 24).fill(NaN);
  const start = origin * 24;
  for (let i = 0; i < days * 24; i++) {
    const weeks = Math.floor(i / 168) + 1;
    for (let k = weeks; k < weeks + 4; k++) {
      const t = start + i - 168 * k;
      if (t < 0) break;
      const v = s.y[t] as number;
      if (!Number.isNaN(v)) {
        out[i] = v;
        break;
      }
    }
  }
  return out;
}

/** Last year by calendar date: the same month-day and hour one year earlier (Feb 29 uses Feb 28). NaN when unknown. */
export function lastYearSameDate(s: DaySeries, origin: number, days: number): Float64Array {
  const out = new Float64Array(days * 24).fill(NaN);
  for (let k = 0; k < days; k++) {
    const date = dateFromDayNumber(s.firstDay + origin + k);
    let prior = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    if (prior.endsWith('02-29')) prior = prior.replace('02-29', '02-28');
    const d = dayNumber(prior) - s.firstDay;
    if (d < 0 || d >= origin) continue;
    for (let h = 0; h < 24; h++) out[k * 24 + h] = s.y[d * 24 + h] as number;
  }
  return out;
}

/**
 * N-week mean: the mean of the same weekday-hour over the last `weeks` weeks
 * that have data there (missing weeks skipped, up to 26 weeks back), repeated
 * over the horizon. NaN when none is known.
 */
export function weekdayHourMean(s: DaySeries, origin: number, days: number, weeks = 4): Float64Array {
  const out = new Float64Array(days * 24).fill(NaN);
  for (let i = 0; i < Math.min(days * 24, 168); i++) {
    let sum = 0;
    let n = 0;
    for (let k = 1; k <= 26 && n < weeks; k++) {
      const t = origin * 24 + i - 168 * k;
      if (t < 0) break;
      const v = s.y[t] as number;
      if (Number.isNaN(v)) continue;
      sum += v;
      n += 1;
    }
    if (n > 0) out[i] = sum / n;
  }
  for (let i = 168; i < days * 24; i++) out[i] = out[i - 168] as number;
  return out;
}
