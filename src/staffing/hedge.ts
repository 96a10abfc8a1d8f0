/**
 * The arrivals an hour may bring, as a few equally likely volumes drawn from
 * the forecast's band, so lost service can be priced by its expectation
 * (`forecast.hedge`) instead of at the median alone.
 *
 * The forecaster builds its band in log(x + 1): p10 and p90 are the 10th and
 * 90th percentiles of its out-of-sample log errors around the point forecast
 * (forecast/bands.ts). So the hour's volume X is taken as a split normal in
 * log(X + 1) around m = log(p50 + 1): a half normal of spread
 *
 *   s_lo = (m - log(p10 + 1)) / z90   below,   s_hi = (log(p90 + 1) - m) / z90   above,
 *
 * z90 = Φ⁻¹(0.9), each side holding half the mass; p10, p50 and p90 are then
 * its quantiles exactly, and a lopsided band (wider above) stays lopsided.
 *
 * It is discretized by bracket means (Clemen & Reilly, "Making Hard
 * Decisions", ch. 8; Miller & Rice, Management Science 29(3), 1983): K equally
 * likely strata of the standard normal, each stood for by its conditional mean
 *
 *   z_i = K · (φ(a_{i-1}) − φ(a_i)),   a_i = Φ⁻¹(i / K),  a_0 = −∞, a_K = +∞,
 *
 * mapped through the split normal: x_i = exp(m + s · z_i) − 1, s = s_lo below
 * the median and s_hi above. With K = 7 the outer points stand for the lowest
 * and highest 14% (z = ∓1.58), so a buffer that pays only beyond p90 is still
 * priced; the expected loss is a mix of convex loss curves, hence convex.
 */
import type { VolumeOutcome } from '../domain';

/** Points of the discretization (odd, so the median is one of them). */
export const HEDGE_POINTS = 7;

/** Φ⁻¹(0.9). */
export const Z90 = 1.2815515655446004;

/**
 * Φ⁻¹(p), the standard normal quantile: Acklam's rational approximation
 * (relative error below 1.15e-9 over (0, 1)).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? -Infinity : Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  return x;
}

const density = (z: number): number => (Number.isFinite(z) ? Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI) : 0);

/** The bracket means z_i of K equally likely strata of the standard normal (ascending, symmetric). */
export function bracketMeans(points: number): number[] {
  const edges = Array.from({ length: points + 1 }, (_, i) => (i === 0 ? -Infinity : i === points ? Infinity : normalQuantile(i / points)));
  return Array.from({ length: points }, (_, i) => points * (density(edges[i] as number) - density(edges[i + 1] as number)));
}

const BRACKETS = bracketMeans(HEDGE_POINTS);

/**
 * The hour's volume as HEDGE_POINTS equally likely outcomes from its band
 * (p10 <= p50 <= p90; a collapsed band gives p50 alone).
 */
export function volumeOutcomes(p10: number, p50: number, p90: number): VolumeOutcome[] {
  const median = Math.max(0, p50);
  const m = Math.log(median + 1);
  const below = Math.max(0, m - Math.log(Math.max(0, Math.min(p10, median)) + 1)) / Z90;
  const above = Math.max(0, Math.log(Math.max(p90, median) + 1) - m) / Z90;
  if (below === 0 && above === 0) return [{ inquiries: median, weight: 1 }];
  const weight = 1 / BRACKETS.length;
  return BRACKETS.map((z) => ({ inquiries: Math.max(0, Math.exp(m + (z < 0 ? below : above) * z) - 1), weight }));
}
