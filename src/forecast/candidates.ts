/**
 * The candidate models a queue's forecast is chosen from. Each gives the
 * ordinary-day forecast (what the hours would bring with no event) for whole
 * days from the training end; learned event effects are layered on top of
 * every candidate. Closed hours of the week are 0 in every candidate.
 *
 * Families (the parameter of each is chosen by the backtest, see model.ts):
 * - level-shape: level with a damped trend x weekday factor x hour profile (baseline.ts);
 * - week-mean-N: mean of the same weekday-hour over the last N ordinary weeks;
 * - ewma-a: exponentially weighted (weight a on the newest) same weekday-hour profile;
 * - dshw-*: double seasonal exponential smoothing (dshw.ts, Taylor 2008);
 * - last-week: seasonal naive, event-aware: the same hour of the latest ordinary day of the same weekday
 *   (the same hour one week earlier, skipping event days).
 */
import { dayStats, fitBaseline, hourProfile, levelAt, DEFAULT_BASELINE, type BaselineSettings, type DayStats } from './baseline';
import { DEFAULT_EFFECTS, learnEffects, type EffectSettings, type Effects } from './effects';
import { dshwForecast, type DshwParameters } from './dshw';
import { calendarDay, effectiveWeekday, type CalendarIndex, type DaySeries } from './series';

/** What every candidate is trained on: one queue's series up to (not including) day `origin`. */
export interface TrainingSet {
  s: DaySeries;
  cal: CalendarIndex;
  origin: number;
  stats: DayStats;
  /** Event effects learned from the same days. */
  effects: Effects;
}

/**
 * Stats and event effects of the days before `origin` (`learned`: effects
 * already learned on an earlier stretch of the same days). An event day counts
 * as ordinary after all when every event active on it has a learned effect
 * within one noise deviation of none there (a festival the shop does not
 * feel), unless it is a public holiday: holidays are never fitted on.
 */
export function trainingSet(
  s: DaySeries,
  cal: CalendarIndex,
  origin: number,
  settings: { baseline: BaselineSettings; effects: EffectSettings } = { baseline: DEFAULT_BASELINE, effects: DEFAULT_EFFECTS },
  learned?: Effects,
): TrainingSet {
  const first = dayStats(s, cal, origin, settings.baseline);
  const effects = learned ?? learnEffects(s, cal, first, hourProfile(s, cal, first, origin, settings.baseline), settings.effects);
  const limit = first.noiseSdLog;
  const negligible = (d: number): boolean =>
    (calendarDay(cal, s.firstDay + d)?.active ?? []).every((a) => {
      if (a.holiday || a.closed || a.uplift !== undefined) return false;
      const effect = effects.get(a.name)?.get(a.relDay);
      return effect !== undefined && Math.abs(Math.log(Math.max(1e-9, effect.dayRatio))) <= limit;
    });
  let any = false;
  for (let d = 0; d < origin && !any; d++) any = first.usable[d] === 1 && first.ordinary[d] === 0 && negligible(d);
  const stats = any && !first.eventsEverywhere ? dayStats(s, cal, origin, settings.baseline, negligible) : first;
  return { s, cal, origin, stats, effects };
}

export const FAMILIES = ['level-shape', 'week-mean', 'ewma', 'dshw', 'last-week'] as const;
export type Family = (typeof FAMILIES)[number];

export interface Candidate {
  /** Family and parameter, e.g. `week-mean-4`. */
  name: string;
  family: Family;
  /** Learned event effects are layered on this candidate's forecast. */
  withEvents: boolean;
  /** Ordinary-day forecast for `days` whole days from the training end. */
  predict(t: TrainingSet, days: number): Float64Array;
}

/** Weeks back the same-weekday profiles look for ordinary days. */
const PROFILE_WEEKS = 26;

/** Ordinary days (series indices) of each weekday before the origin, newest first, at most `n` each. */
function recentDaysByWeekday(t: TrainingSet, n: number): number[][] {
  const out: number[][] = Array.from({ length: 7 }, () => []);
  const limit = Math.max(0, t.origin - PROFILE_WEEKS * 7);
  for (const flags of [t.stats.ordinary, t.stats.usable]) {
    for (let d = t.origin - 1; d >= limit; d--) {
      if (!flags[d]) continue;
      const list = out[effectiveWeekday(t.cal, t.s.firstDay + d)] as number[];
      if (list.length < n && !list.includes(d)) list.push(d);
    }
    // Usable event days fill in only for a weekday with no ordinary day at all.
    if (out.every((l) => l.length > 0)) break;
  }
  return out;
}

/** Repeat a weekday-hour profile (profile[w * 24 + h]) over `days` days, 0 at closed hours. */
function repeatProfile(t: TrainingSet, profile: Float64Array, days: number): Float64Array {
  const out = new Float64Array(days * 24);
  for (let k = 0; k < days; k++) {
    const w = effectiveWeekday(t.cal, t.s.firstDay + t.origin + k);
    for (let h = 0; h < 24; h++) out[k * 24 + h] = t.stats.open[w * 24 + h] ? (profile[w * 24 + h] as number) : 0;
  }
  return out;
}

function weekMean(n: number): Candidate {
  return {
    name: `week-mean-${n}`,
    family: 'week-mean',
    withEvents: true,
    predict(t, days) {
      const byWeekday = recentDaysByWeekday(t, n);
      const profile = new Float64Array(168);
      for (let w = 0; w < 7; w++) {
        for (let h = 0; h < 24; h++) {
          let sum = 0;
          let count = 0;
          for (const d of byWeekday[w] as number[]) {
            const v = t.s.y[d * 24 + h] as number;
            if (Number.isNaN(v)) continue;
            sum += v;
            count += 1;
          }
          profile[w * 24 + h] = count > 0 ? sum / count : 0;
        }
      }
      return repeatProfile(t, profile, days);
    },
  };
}

function ewma(weight: number): Candidate {
  return {
    name: `ewma-${weight}`,
    family: 'ewma',
    withEvents: true,
    predict(t, days) {
      const byWeekday = recentDaysByWeekday(t, PROFILE_WEEKS);
      const profile = new Float64Array(168).fill(NaN);
      for (let w = 0; w < 7; w++) {
        const list = byWeekday[w] as number[];
        for (let j = list.length - 1; j >= 0; j--) {
          const d = list[j] as number;
          for (let h = 0; h < 24; h++) {
            const v = t.s.y[d * 24 + h] as number;
            if (Number.isNaN(v)) continue;
            const old = profile[w * 24 + h] as number;
            profile[w * 24 + h] = Number.isNaN(old) ? v : weight * v + (1 - weight) * old;
          }
        }
      }
      for (let i = 0; i < 168; i++) if (Number.isNaN(profile[i] as number)) profile[i] = 0;
      return repeatProfile(t, profile, days);
    },
  };
}

const levelShape: Candidate = {
  name: 'level-shape',
  family: 'level-shape',
  withEvents: true,
  predict(t, days) {
    const b = fitBaseline(t.s, t.cal, t.stats, DEFAULT_BASELINE);
    const out = new Float64Array(days * 24);
    for (let k = 0; k < days; k++) {
      const d = t.origin + k;
      const w = effectiveWeekday(t.cal, t.s.firstDay + d);
      const dayLevel = levelAt(b, d) * (b.weekdayFactor[w] as number);
      for (let h = 0; h < 24; h++) {
        const v = dayLevel * (b.profile[w * 24 + h] as number);
        out[k * 24 + h] = v > 0 && Number.isFinite(v) ? v : 0;
      }
    }
    return out;
  },
};

function dshw(label: string, p: DshwParameters): Candidate {
  return { name: `dshw-${label}`, family: 'dshw', withEvents: true, predict: (t, days) => dshwForecast(t, days, p) };
}

/** Seasonal naive, event-aware: the same hour of the latest ordinary day of the same weekday. */
const naive: Candidate = { ...weekMean(1), name: 'last-week', family: 'last-week' };

/** Every candidate, in the order ties are broken. */
export const CANDIDATES: readonly Candidate[] = [
  levelShape,
  ...[2, 3, 4, 6, 8].map(weekMean),
  ...[0.15, 0.3, 0.5].map(ewma),
  dshw('slow', { alpha: 0.005, delta: 0.02, omega: 0.05, phi: 0.95 }),
  dshw('mid', { alpha: 0.01, delta: 0.05, omega: 0.1, phi: 0.9 }),
  naive,
];
