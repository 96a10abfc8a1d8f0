/**
 * p10/p90 bands from out-of-sample errors (split conformal prediction; see
 * Angelopoulos & Bates 2023, "Conformal prediction: a gentle introduction").
 *
 * The errors are log residuals r = log((y+1)/(f+1)) of the chosen model on
 * the ordinary hours of its backtest origins (event hours are widened by the
 * uncertainty of the event's effect instead, see model.ts).
 *
 * 1. By hour of day: each hour pooled with its two neighbours, the 10th and
 *    90th percentiles give log half-widths [lo, hi].
 * 2. By lead time: errors grow with the days ahead (the level wanders). With
 *    z = r / (its hour's half-width), the mean z^2 per lead day is fitted by
 *    a + b x lead (b >= 0, least squares) and the widths at lead L are scaled
 *    by sqrt(fit(L) / mean z^2). Past the scored days S (a long horizon, or a
 *    forecast that starts after a gap in the history) the growth is at least
 *    sqrt(1 + r (L - S) / S), r the share of the error variance that is the
 *    whole day's (at least a half), taken as a random walk of the level; at
 *    most x4.
 * 3. Errors are not exchangeable over time: a calm summer says little about a
 *    holiday autumn. The widths are scaled once more by a factor m calibrated
 *    the way the band is used: at each backtest origin, the band built from
 *    the origins before it (whose scored days ended before it starts) is
 *    checked against the origin's own errors, and m is the least factor
 *    (>= 1, at most 3) under which those bands held 80% of the time (adaptive
 *    conformal inference in spirit: Gibbs & Candes 2021).
 * 4. A floor: never narrower than an 8-week weekday-hour mean's errors over the
 *    whole history (floorWidths).
 */
import { quantile } from './quantiles';

/** Residuals of one backtest origin, per scored hour. */
export interface OriginResiduals {
  origin: number;
  /** Hour of day. */
  hours: number[];
  /** Days ahead of the origin, 1 for its first day. */
  leads: number[];
  /** Log residual. */
  values: number[];
  /** Log error of each scored day's total (its ordinary hours). */
  days: number[];
}

export interface BandModel {
  /** Log half-widths per hour of day (lo <= 0 <= hi). */
  lo: Float64Array;
  hi: Float64Array;
  /** Variance line over lead days: mean z^2 = a + b x lead, and its mean on the residuals. */
  a: number;
  b: number;
  mean: number;
  /** The calibrated factor m. */
  scale: number;
  /** Share of the hours' error variance that is the whole day's (a level error), 0-1. */
  levelShare: number;
  /** Days scored after each backtest origin. */
  scoreDays: number;
  /** Ordinary-hour residuals behind the widths. */
  count: number;
  /** Floor log half-widths per hour of day (floorWidths); the band is never narrower. */
  floorLo: Float64Array;
  floorHi: Float64Array;
}

/** Coverage the calibration aims for (the middle of the 70-90% a p10-p90 band should hold). */
export const BAND_TARGET = 0.8;
/** Least share of the error taken as level drift past the scored days (a prior against a calm backtest). */
export const MIN_LEVEL_SHARE = 0.5;
/** Widest growth of the band with the lead time. */
export const MAX_LEAD_GROWTH = 4;
const SCALES = [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.65, 1.8, 2, 2.25, 2.5, 2.75, 3];
/** Log half-width used when fewer than 20 residuals reach an hour. */
const FALLBACK = 0.2;

/**
 * Growth of the widths at `lead` days ahead: the fitted line, and past the
 * scored days S at least sqrt(1 + r (lead - S) / S), r the share of the error
 * variance that is the whole day's (at least MIN_LEVEL_SHARE): that part taken
 * as a random walk of the level (what was not scored is not known to be
 * calm); at most x4.
 */
export function leadGrowth(band: Pick<BandModel, 'a' | 'b' | 'mean' | 'scoreDays' | 'levelShare'>, lead: number): number {
  const fitted = band.mean > 0 ? Math.sqrt(Math.max(0.25 * band.mean, band.a + band.b * lead) / band.mean) : 1;
  const walk = lead > band.scoreDays ? Math.sqrt(1 + (band.levelShare * (lead - band.scoreDays)) / band.scoreDays) : 1;
  return Math.min(MAX_LEAD_GROWTH, Math.max(fitted, walk));
}

function fitBand(sets: readonly OriginResiduals[], scoreDays: number): BandModel {
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  let count = 0;
  for (const set of sets) {
    set.values.forEach((r, k) => {
      (byHour[set.hours[k] as number] as number[]).push(r);
      count += 1;
    });
  }
  const lo = new Float64Array(24);
  const hi = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    const pool = [...(byHour[(h + 23) % 24] as number[]), ...(byHour[h] as number[]), ...(byHour[(h + 1) % 24] as number[])].sort((x, y) => x - y);
    if (pool.length >= 20) {
      lo[h] = Math.min(0, quantile(pool, 0.1));
      hi[h] = Math.max(0, quantile(pool, 0.9));
    } else {
      lo[h] = -FALLBACK;
      hi[h] = FALLBACK;
    }
  }
  // Mean z^2 by lead day, then a weighted least-squares line through it.
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const set of sets) {
    set.values.forEach((r, k) => {
      const h = set.hours[k] as number;
      const half = r >= 0 ? (hi[h] as number) : -(lo[h] as number);
      if (!(half > 0)) return;
      const z2 = Math.min(25, (r / half) ** 2);
      const x = set.leads[k] as number;
      sw += 1;
      sx += x;
      sy += z2;
      sxx += x * x;
      sxy += x * z2;
    });
  }
  // The days' share of the error variance.
  let dayVar = 0;
  let dayCount = 0;
  let hourVar = 0;
  let hourCount = 0;
  for (const set of sets) {
    for (const d of set.days) {
      dayVar += d * d;
      dayCount += 1;
    }
    for (const r of set.values) {
      hourVar += r * r;
      hourCount += 1;
    }
  }
  const levelShare = Math.max(MIN_LEVEL_SHARE, dayCount > 0 && hourVar > 0 ? Math.min(1, dayVar / dayCount / (hourVar / hourCount)) : 1);
  let a = 1;
  let b = 0;
  let mean = 1;
  if (sw > 0) {
    mean = sy / sw;
    const vx = sxx / sw - (sx / sw) ** 2;
    b = vx > 0 ? Math.max(0, (sxy / sw - (sx / sw) * (sy / sw)) / vx) : 0;
    a = mean - b * (sx / sw);
  }
  return { lo, hi, a, b, mean, scale: 1, levelShare, scoreDays, count, floorLo: new Float64Array(24), floorHi: new Float64Array(24) };
}

function covers(band: BandModel, m: number, h: number, lead: number, r: number): boolean {
  const g = leadGrowth(band, lead) * m;
  return r >= (band.lo[h] as number) * g - 1e-12 && r <= (band.hi[h] as number) * g + 1e-12;
}

/** The band model from the residuals of the backtest origins (`scoreDays` scored after each). */
export function bandModel(sets: readonly OriginResiduals[], scoreDays: number): BandModel {
  const band = fitBand(sets, scoreDays);
  // Sequential check: each origin against the band of the origins that ended before it.
  const covered = new Float64Array(SCALES.length);
  let checked = 0;
  for (const target of sets) {
    const before = sets.filter((p) => p.origin + scoreDays <= target.origin);
    if (before.reduce((n, p) => n + p.values.length, 0) < 20 * 24) continue;
    const prior = fitBand(before, scoreDays);
    target.values.forEach((r, k) => {
      checked += 1;
      SCALES.forEach((m, j) => {
        if (covers(prior, m, target.hours[k] as number, target.leads[k] as number, r)) covered[j] = (covered[j] as number) + 1;
      });
    });
  }
  if (checked > 0) {
    const j = SCALES.findIndex((_, i) => (covered[i] as number) / checked >= BAND_TARGET);
    band.scale = j >= 0 ? (SCALES[j] as number) : (SCALES[SCALES.length - 1] as number);
  }
  return band;
}

/** Log offsets [below, above] of the band at hour `h`, `lead` days ahead, with event widening `extra`. */
export function bandOffsets(band: BandModel, h: number, lead: number, extra: number): [number, number] {
  const g = leadGrowth(band, lead) * band.scale;
  let lo = (band.lo[h] as number) * g;
  let hi = (band.hi[h] as number) * g;
  lo = Math.min(lo, band.floorLo[h] as number);
  hi = Math.max(hi, band.floorHi[h] as number);
  return [lo - extra, hi + extra];
}

/** Weeks of the same weekday-hour the floor's reference mean takes. */
export const FLOOR_WEEKS = 8;

/**
 * Floor widths per hour of day: the 10th and 90th percentiles of how far an
 * ordinary hour fell from the mean of the same weekday-hour over the 8 weeks
 * before it, over the whole training history. However calm the recent
 * backtests were, the band is never narrower than this simple mean's errors
 * over the whole history (a year with its holiday seasons, where it has one).
 */
export function floorWidths(y: Float64Array, eventHour: (t: number) => boolean, end: number): { lo: Float64Array; hi: Float64Array } {
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (let t = FLOOR_WEEKS * 168; t < end; t++) {
    const a = y[t] as number;
    if (Number.isNaN(a) || eventHour(t)) continue;
    let m = 0;
    let n = 0;
    for (let k = 1; k <= FLOOR_WEEKS; k++) {
      const v = y[t - 168 * k] as number;
      if (Number.isNaN(v) || eventHour(t - 168 * k)) continue;
      m += v;
      n += 1;
    }
    if (n < FLOOR_WEEKS / 2 || (a === 0 && m === 0)) continue;
    (byHour[t % 24] as number[]).push(Math.log((a + 1) / (m / n + 1)));
  }
  const lo = new Float64Array(24);
  const hi = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    const pool = [...(byHour[(h + 23) % 24] as number[]), ...(byHour[h] as number[]), ...(byHour[(h + 1) % 24] as number[])].sort((x, z) => x - z);
    if (pool.length < 20) continue;
    lo[h] = Math.min(0, quantile(pool, 0.1));
    hi[h] = Math.max(0, quantile(pool, 0.9));
  }
  return { lo, hi };
}
