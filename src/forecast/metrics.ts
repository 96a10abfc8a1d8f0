/**
 * Forecast accuracy measures over paired actuals and forecasts (Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., ch. 5.8).
 */

/** Running sums from which every measure below is computed, so origins and queues pool. */
export interface ErrorSums {
  hours: number;
  absError: number;
  error: number;
  actual: number;
  covered: number;
  banded: number;
}

export function emptySums(): ErrorSums {
  return { hours: 0, absError: 0, error: 0, actual: 0, covered: 0, banded: 0 };
}

/** Add one hour: actual y, forecast f, optional band [lo, hi]. */
export function addHour(s: ErrorSums, y: number, f: number, lo?: number, hi?: number): void {
  s.hours += 1;
  s.absError += Math.abs(y - f);
  s.error += f - y;
  s.actual += y;
  if (lo !== undefined && hi !== undefined) {
    s.banded += 1;
    if (y >= lo - 1e-9 && y <= hi + 1e-9) s.covered += 1;
  }
}

/** WAPE = sum |y - f| / sum y. */
export function wape(s: ErrorSums): number {
  return s.actual > 0 ? s.absError / s.actual : NaN;
}

/** Bias = sum (f - y) / sum y: positive means over-forecast. */
export function bias(s: ErrorSums): number {
  return s.actual > 0 ? s.error / s.actual : NaN;
}

/** MASE = mean |y - f| / scale, scale = in-sample mean |y_t - y_(t-m)| of the seasonal naive (m = 168). */
export function mase(s: ErrorSums, scale: number): number {
  return s.hours > 0 && scale > 0 ? s.absError / s.hours / scale : NaN;
}

/** Share of hours whose actual lies inside [p10, p90]. */
export function coverage(s: ErrorSums): number {
  return s.banded > 0 ? s.covered / s.banded : NaN;
}

/** In-sample mean absolute difference between each hour and the same hour a week earlier. */
export function seasonalNaiveScale(y: ArrayLike<number>, end: number, lag = 168): number {
  let sum = 0;
  let n = 0;
  for (let t = lag; t < end; t++) {
    const a = y[t] as number;
    const b = y[t - lag] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sum += Math.abs(a - b);
    n += 1;
  }
  return n > 0 ? sum / n : NaN;
}
