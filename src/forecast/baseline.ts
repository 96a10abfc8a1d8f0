/**
 * The ordinary-day baseline: level (with a damped trend) x day-of-week factor
 * x hour-of-day profile per weekday. Fitted only on "ordinary" days: days
 * outside every event window whose usual open hours all have data.
 */
import { openWeekHours } from './openHours';
import { effectiveWeekday, hasEvent, type CalendarIndex, type DaySeries } from './series';

export interface BaselineSettings {
  /** Days of history the level and trend are fitted on. */
  levelDays: number;
  /** Half-life (days) of the level fit's weights. */
  levelHalfLifeDays: number;
  /** Per-day damping of the trend. */
  trendDamping: number;
  /** Days after the last training day the trend runs; the level is flat beyond. */
  trendDays: number;
  /** Largest trend as a share of the level per day. */
  maxTrendPerDay: number;
  /** Same-weekday ordinary days the hour profile averages. */
  profileDays: number;
  /** Weeks the day-of-week factors and open hours are taken from. */
  weekdayWeeks: number;
}

export const DEFAULT_BASELINE: BaselineSettings = {
  levelDays: 112,
  levelHalfLifeDays: 42,
  trendDamping: 0.98,
  trendDays: 60,
  maxTrendPerDay: 0.003,
  profileDays: 8,
  weekdayWeeks: 52,
};

/** What the ordinary days of a training period look like. */
export interface DayStats {
  total: Float64Array;
  /** Ordinary (usable, no event) day flags. */
  ordinary: Uint8Array;
  /** Usable: has data in nearly all of its weekday's usual open hours. */
  usable: Uint8Array;
  /** open[w * 24 + h]: weekday w usually has data in hour h. */
  open: Uint8Array;
  /** Day-of-week factor relative to the mean open day; 0 for weekdays never open. */
  weekdayFactor: Float64Array;
  /** Last day (exclusive, index into the series) the stats may use. */
  end: number;
  /** Robust standard deviation of an ordinary day's log total around its local weekday-adjusted mean. */
  noiseSdLog: number;
  /** Fewer than 14 of the last 112 days are outside every event: event days count as ordinary. */
  eventsEverywhere: boolean;
}

/**
 * Day totals, open hours, ordinary days and weekday factors from days before
 * `end` (series index). Days inside an event window are not ordinary unless
 * `eventDayIsOrdinary` says so (an event whose learned effect is nil).
 */
export function dayStats(s: DaySeries, cal: CalendarIndex, end: number, settings: BaselineSettings = DEFAULT_BASELINE, eventDayIsOrdinary?: (d: number) => boolean): DayStats {
  const total = new Float64Array(s.days);
  const count = new Uint8Array(s.days);
  for (let d = 0; d < end; d++) {
    let t = 0;
    let n = 0;
    for (let h = 0; h < 24; h++) {
      const v = s.y[d * 24 + h] as number;
      if (!Number.isNaN(v)) {
        t += v;
        n += 1;
      }
    }
    total[d] = t;
    count[d] = n;
  }
  const from = Math.max(0, end - settings.weekdayWeeks * 7);
  const open = openWeekHours(s, from, end);
  const openCount = new Float64Array(7);
  for (let w = 0; w < 7; w++) for (let h = 0; h < 24; h++) openCount[w] = (openCount[w] as number) + (open[w * 24 + h] as number);
  const usable = new Uint8Array(s.days);
  const ordinary = new Uint8Array(s.days);
  for (let d = 0; d < end; d++) {
    const w = effectiveWeekday(cal, s.firstDay + d);
    const need = openCount[w] as number;
    if (need === 0) continue;
    let present = 0;
    for (let h = 0; h < 24; h++) if (open[w * 24 + h] && !Number.isNaN(s.y[d * 24 + h] as number)) present += 1;
    if (present >= 0.9 * need) {
      usable[d] = 1;
      if (!hasEvent(cal, s.firstDay + d) || eventDayIsOrdinary?.(d)) ordinary[d] = 1;
    }
  }
  // Events that cover (nearly) every recent day leave nothing to fit a baseline on: fit on every usable day instead.
  let recentOrdinary = 0;
  let recentUsable = 0;
  for (let d = Math.max(0, end - 112); d < end; d++) {
    recentOrdinary += ordinary[d] as number;
    recentUsable += usable[d] as number;
  }
  const eventsEverywhere = recentOrdinary < 14 && recentUsable >= 14;
  if (eventsEverywhere) ordinary.set(usable);
  // Weekday factor: a day's total over the mean ordinary day within two weeks either side.
  const prefixT = new Float64Array(end + 1);
  const prefixN = new Float64Array(end + 1);
  for (let d = 0; d < end; d++) {
    prefixT[d + 1] = (prefixT[d] as number) + (ordinary[d] ? (total[d] as number) : 0);
    prefixN[d + 1] = (prefixN[d] as number) + (ordinary[d] ? 1 : 0);
  }
  const num = new Float64Array(7);
  const den = new Float64Array(7);
  for (let d = from; d < end; d++) {
    if (!ordinary[d]) continue;
    const a = Math.max(0, d - 14);
    const b = Math.min(end, d + 15);
    const n = (prefixN[b] as number) - (prefixN[a] as number);
    if (n < 5) continue;
    const local = ((prefixT[b] as number) - (prefixT[a] as number)) / n;
    const w = effectiveWeekday(cal, s.firstDay + d);
    num[w] = (num[w] as number) + (total[d] as number);
    den[w] = (den[w] as number) + local;
  }
  const weekdayFactor = new Float64Array(7);
  for (let w = 0; w < 7; w++) weekdayFactor[w] = (openCount[w] as number) > 0 && (den[w] as number) > 0 ? (num[w] as number) / (den[w] as number) : 0;
  // Day-to-day noise: robust spread of ordinary days' log ratio to their local weekday-adjusted mean (last 26 weeks).
  const logRatios: number[] = [];
  for (let d = Math.max(0, end - 182); d < end; d++) {
    if (!ordinary[d]) continue;
    const a = Math.max(0, d - 14);
    const b = Math.min(end, d + 15);
    const n = (prefixN[b] as number) - (prefixN[a] as number);
    const f = weekdayFactor[effectiveWeekday(cal, s.firstDay + d)] as number;
    if (n < 5 || f <= 0 || (total[d] as number) <= 0) continue;
    logRatios.push(Math.log((total[d] as number) / ((((prefixT[b] as number) - (prefixT[a] as number)) / n) * f)));
  }
  let noiseSdLog = 0.1;
  if (logRatios.length >= 10) {
    const med = medianOf(logRatios);
    noiseSdLog = Math.max(0.01, 1.4826 * medianOf(logRatios.map((r) => Math.abs(r - med))));
  }
  return { total, ordinary, usable, open, weekdayFactor, end, noiseSdLog, eventsEverywhere };
}

export interface Baseline {
  /** Level (a mean ordinary day with weekday factor 1) on the last training day. */
  level: number;
  /** Trend per day at the origin (already capped). */
  trendPerDay: number;
  damping: number;
  /** Days the trend runs past the origin. */
  trendDays: number;
  weekdayFactor: Float64Array;
  /** Hour shares per weekday, profile[w * 24 + h], summing to 1 over open hours (0 for closed). */
  profile: Float64Array;
  /** Series index of the first forecast day (= training end). */
  origin: number;
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Fit the baseline on the days before series index `origin`. */
export function fitBaseline(s: DaySeries, cal: CalendarIndex, stats: DayStats, settings: BaselineSettings = DEFAULT_BASELINE): Baseline {
  const origin = stats.end;
  const xs: number[] = [];
  const zs: number[] = [];
  for (let d = Math.max(0, origin - settings.levelDays); d < origin; d++) {
    if (!stats.ordinary[d]) continue;
    const f = stats.weekdayFactor[effectiveWeekday(cal, s.firstDay + d)] as number;
    if (f <= 0) continue;
    xs.push(d - (origin - 1));
    zs.push((stats.total[d] as number) / f);
  }
  let level = 0;
  let trend = 0;
  if (zs.length > 0) {
    // Drop outliers beyond 4 robust standard deviations (storms, outages) before the fit.
    const med = medianOf(zs);
    const mad = medianOf(zs.map((z) => Math.abs(z - med))) * 1.4826;
    let sw = 0;
    let sx = 0;
    let sz = 0;
    let sxx = 0;
    let sxz = 0;
    for (let i = 0; i < zs.length; i++) {
      const z = zs[i] as number;
      const x = xs[i] as number;
      if (mad > 0 && Math.abs(z - med) > 4 * mad) continue;
      const w = Math.pow(0.5, -x / settings.levelHalfLifeDays);
      sw += w;
      sx += w * x;
      sz += w * z;
      sxx += w * x * x;
      sxz += w * x * z;
    }
    const mx = sx / sw;
    const mz = sz / sw;
    const vx = sxx / sw - mx * mx;
    trend = zs.length >= 14 && vx > 0 ? (sxz / sw - mx * mz) / vx : 0;
    level = mz - trend * mx;
    const cap = settings.maxTrendPerDay * Math.max(level, 0);
    trend = Math.max(-cap, Math.min(cap, trend));
    if (level < 0) level = 0;
  }
  return { level, trendPerDay: trend, damping: settings.trendDamping, trendDays: settings.trendDays, weekdayFactor: stats.weekdayFactor, profile: hourProfile(s, cal, stats, origin, settings), origin };
}

/** Hour shares per weekday from recent ordinary days, shrunk toward the weekday/weekend group profile. */
export function hourProfile(s: DaySeries, cal: CalendarIndex, stats: DayStats, before: number, settings: BaselineSettings = DEFAULT_BASELINE, after = -1): Float64Array {
  const sums = new Float64Array(7 * 24);
  const totals = new Float64Array(7);
  const used = new Float64Array(7);
  const groupSums = new Float64Array(2 * 24);
  const groupTotals = new Float64Array(2);
  const limit = Math.max(0, before - 16 * 7);
  const addDay = (d: number, w: number): void => {
    for (let h = 0; h < 24; h++) {
      const v = s.y[d * 24 + h] as number;
      if (Number.isNaN(v)) continue;
      sums[w * 24 + h] = (sums[w * 24 + h] as number) + v;
      totals[w] = (totals[w] as number) + v;
    }
    used[w] = (used[w] as number) + 1;
  };
  for (let d = before - 1; d >= limit && d > after; d--) {
    if (!stats.ordinary[d]) continue;
    const w = effectiveWeekday(cal, s.firstDay + d);
    if ((used[w] as number) >= settings.profileDays) continue;
    addDay(d, w);
  }
  for (let w = 0; w < 7; w++) {
    const g = w >= 5 ? 1 : 0;
    for (let h = 0; h < 24; h++) groupSums[g * 24 + h] = (groupSums[g * 24 + h] as number) + (sums[w * 24 + h] as number);
    groupTotals[g] = (groupTotals[g] as number) + (totals[w] as number);
  }
  const profile = new Float64Array(7 * 24);
  const shrink = 2;
  for (let w = 0; w < 7; w++) {
    const g = w >= 5 ? 1 : 0;
    const n = used[w] as number;
    let norm = 0;
    for (let h = 0; h < 24; h++) {
      if (!stats.open[w * 24 + h]) continue;
      const own = (totals[w] as number) > 0 ? (sums[w * 24 + h] as number) / (totals[w] as number) : 0;
      const group = (groupTotals[g] as number) > 0 ? (groupSums[g * 24 + h] as number) / (groupTotals[g] as number) : 0;
      const p = (n * own + shrink * group) / (n + shrink);
      profile[w * 24 + h] = p;
      norm += p;
    }
    if (norm > 0) for (let h = 0; h < 24; h++) profile[w * 24 + h] = (profile[w * 24 + h] as number) / norm;
  }
  return profile;
}

/** Level on series day index `d` (>= origin): damped trend from the last training day. */
export function levelAt(b: Baseline, d: number): number {
  const k = Math.min(d - (b.origin - 1), b.trendDays);
  let sum = 0;
  let phi = 1;
  for (let j = 1; j <= k; j++) {
    phi *= b.damping;
    sum += phi;
  }
  return Math.max(0, b.level + b.trendPerDay * sum);
}
