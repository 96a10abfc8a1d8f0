/**
 * Event effects learned from history. Each past day inside an event window is
 * compared with what an ordinary day at that time would have looked like (the
 * in-sample baseline: local level x weekday factor x local hour profile), and
 * the ratios are pooled across years by day relative to the anchor and hour of
 * day. Overlapping events add their uplifts (618 shoppers and zongzi buyers
 * are different people): factor = 1 + sum of (effect - 1). They are separated
 * by backfitting: each event's ratio is taken after subtracting the other
 * active events' uplifts.
 */
import type { ActiveEvent } from '../calendar';
import type { DayStats } from './baseline';
import { calendarDay, effectiveWeekday, type CalendarIndex, type DaySeries } from './series';

export interface LearnedDay {
  /** Multiplier per hour of day. */
  factor: Float64Array;
  /** The day's multiplier (expectation-weighted over its hours). */
  dayRatio: number;
  /** Standard deviation of the log day ratio across years; undefined from one year. */
  sdLog: number | undefined;
  /** Past occurrences this relative day was seen in. */
  occurrences: number;
}

/** event name → day relative to anchor → learned effect. */
export type Effects = Map<string, Map<number, LearnedDay>>;

export interface EffectSettings {
  /** Prior weight (in expected inquiries) pulling an hour's shape toward the day's ratio. */
  shapePrior: number;
  /** Backfitting passes over overlapping events. */
  passes: number;
}

export const DEFAULT_EFFECTS: EffectSettings = { shapePrior: 20, passes: 3 };

interface EventDayRecord {
  d: number;
  active: ActiveEvent[];
  /** In-sample ordinary-day expectation per hour (NaN where the hour has no data). */
  expected: Float64Array;
}

/** Ordinary-day expectation for a past day: local level x weekday factor x local profile. */
function inSampleExpectation(s: DaySeries, cal: CalendarIndex, stats: DayStats, d: number, fallbackProfile: Float64Array): Float64Array | undefined {
  const w = effectiveWeekday(cal, s.firstDay + d);
  const f = stats.weekdayFactor[w] as number;
  if (f <= 0) return undefined;
  let level = NaN;
  for (const radius of [28, 56, 112]) {
    let sw = 0;
    let sz = 0;
    for (let e = Math.max(0, d - radius); e < Math.min(stats.end, d + radius + 1); e++) {
      if (!stats.ordinary[e]) continue;
      const fe = stats.weekdayFactor[effectiveWeekday(cal, s.firstDay + e)] as number;
      if (fe <= 0) continue;
      const weight = 1 - Math.abs(e - d) / (radius + 1);
      sw += weight;
      sz += (weight * (stats.total[e] as number)) / fe;
    }
    if (sw > 0) {
      level = sz / sw;
      break;
    }
  }
  if (Number.isNaN(level)) return undefined;
  // Hour profile from the nearest ordinary days of the same weekday (up to 6 within 8 weeks).
  const sums = new Float64Array(24);
  let total = 0;
  let used = 0;
  for (let k = 1; k <= 8 && used < 6; k++) {
    for (const e of [d - 7 * k, d + 7 * k]) {
      if (e < 0 || e >= stats.end || !stats.ordinary[e] || effectiveWeekday(cal, s.firstDay + e) !== w) continue;
      for (let h = 0; h < 24; h++) {
        const v = s.y[e * 24 + h] as number;
        if (Number.isNaN(v) || !stats.open[w * 24 + h]) continue;
        sums[h] = (sums[h] as number) + v;
        total += v;
      }
      used += 1;
    }
  }
  const out = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    const p = used > 0 && total > 0 ? (sums[h] as number) / total : (fallbackProfile[w * 24 + h] as number);
    out[h] = Number.isNaN(s.y[d * 24 + h] as number) ? NaN : level * f * p;
  }
  return out;
}

/**
 * One event's table (relative day -> effect) from the event-day records:
 * `member` picks the records' entry for this event (by name, or by group for
 * pooled holidays); the other active events' current uplifts are taken out first.
 */
function learnOne(s: DaySeries, records: EventDayRecord[], effects: Effects, member: (a: ActiveEvent) => boolean, settings: EffectSettings, noiseSdLog: number): Map<number, LearnedDay> {
  const num = new Map<number, Float64Array>();
  const den = new Map<number, Float64Array>();
  // Per relative day and occurrence (anchor day): the day's own volume and expectation, for the spread across years.
  const byYear = new Map<number, Map<string, [number, number]>>();
  for (const r of records) {
    const me = r.active.find(member);
    if (!me) continue;
    let n = num.get(me.relDay);
    let m = den.get(me.relDay);
    if (!n || !m) {
      n = new Float64Array(24);
      m = new Float64Array(24);
      num.set(me.relDay, n);
      den.set(me.relDay, m);
    }
    let dayNum = 0;
    let dayDen = 0;
    for (let h = 0; h < 24; h++) {
      const y = s.y[r.d * 24 + h] as number;
      const e = r.expected[h] as number;
      if (Number.isNaN(y) || Number.isNaN(e) || e <= 0) continue;
      let others = 0;
      for (const o of r.active) if (!member(o)) others += (effects.get(o.name)?.get(o.relDay)?.factor[h] ?? 1) - 1;
      const own = y - e * others;
      n[h] = (n[h] as number) + own;
      m[h] = (m[h] as number) + e;
      dayNum += own;
      dayDen += e;
    }
    let years = byYear.get(me.relDay);
    if (!years) {
      years = new Map();
      byYear.set(me.relDay, years);
    }
    if (dayDen > 0) years.set(`${me.name}\u0000${r.d - me.relDay}`, [dayNum, dayDen]);
  }
  const table = new Map<number, LearnedDay>();
  for (const [rel, n] of num) {
    const m = den.get(rel) as Float64Array;
    let sn = 0;
    let sm = 0;
    for (let h = 0; h < 24; h++) {
      sn += n[h] as number;
      sm += m[h] as number;
    }
    if (sm <= 0) continue;
    const dayRatio = Math.max(0, sn / sm);
    const factor = new Float64Array(24);
    for (let h = 0; h < 24; h++) {
      const mh = m[h] as number;
      if (mh <= 0) {
        factor[h] = dayRatio;
        continue;
      }
      const weight = mh / (mh + settings.shapePrior);
      factor[h] = Math.max(0, weight * ((n[h] as number) / mh) + (1 - weight) * dayRatio);
    }
    const ratios = [...(byYear.get(rel)?.values() ?? [])].filter(([a, b]) => a > 0 && b > 0).map(([a, b]) => Math.log(a / b));
    let sdLog: number | undefined;
    if (ratios.length >= 2) {
      const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      sdLog = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (ratios.length - 1));
    }
    table.set(rel, { factor, sdLog, occurrences: byYear.get(rel)?.size ?? 0, dayRatio });
  }
  shrinkTowardNone(table, noiseSdLog);
  smoothDays(table);
  return table;
}

/**
 * Empirical-Bayes shrinkage of an event's day ratios toward no effect
 * (James-Stein): each relative day's log ratio z (from n occurrences, noise
 * variance v = sigma^2 / n, sigma the ordinary days' spread) is multiplied by
 * tau^2 / (tau^2 + v), where tau^2 = max(0, mean z^2 - mean v) is the event's
 * own variance. An event whose days differ from ordinary days no more than
 * ordinary days differ from each other (a festival of another country) ends
 * near 1; Double 11 keeps nearly all of its effect.
 */
function shrinkTowardNone(table: Map<number, LearnedDay>, noiseSdLog: number): void {
  const rows = [...table.values()].filter((d) => d.dayRatio > 0 && d.occurrences > 0);
  if (rows.length === 0) return;
  const sigma2 = noiseSdLog * noiseSdLog;
  let meanZ2 = 0;
  let meanV = 0;
  for (const d of rows) {
    const z = Math.log(d.dayRatio);
    meanZ2 += z * z;
    meanV += sigma2 / d.occurrences;
  }
  meanZ2 /= rows.length;
  meanV /= rows.length;
  const tau2 = Math.max(0, meanZ2 - meanV);
  for (const d of rows) {
    const z = Math.log(d.dayRatio);
    const keep = tau2 / (tau2 + sigma2 / d.occurrences);
    const scale = Math.exp(keep * z - z);
    for (let h = 0; h < 24; h++) d.factor[h] = (d.factor[h] as number) * scale;
    d.dayRatio *= scale;
  }
}

/** Learn every event's effect from the training days (series indices before stats.end), and each holiday group's pooled effect. */
export function learnEffects(s: DaySeries, cal: CalendarIndex, stats: DayStats, profile: Float64Array, settings: EffectSettings = DEFAULT_EFFECTS): Effects {
  const records: EventDayRecord[] = [];
  const names: string[] = [];
  const groups: string[] = [];
  for (let d = 0; d < stats.end; d++) {
    const day = calendarDay(cal, s.firstDay + d);
    if (!day || day.active.length === 0 || !stats.usable[d]) continue;
    const expected = inSampleExpectation(s, cal, stats, d, profile);
    if (!expected) continue;
    records.push({ d, active: day.active, expected });
    for (const a of day.active) {
      if (!names.includes(a.name)) names.push(a.name);
      if (a.group !== undefined && !groups.includes(a.group)) groups.push(a.group);
    }
  }
  const effects: Effects = new Map();
  for (let pass = 0; pass < settings.passes; pass++) {
    for (const name of names) effects.set(name, learnOne(s, records, effects, (a) => a.name === name, settings, stats.noiseSdLog));
  }
  // Pooled groups are learned after the events, with the other events' uplifts taken out; they only stand in for unseen holidays.
  const pooled = new Map<string, Map<number, LearnedDay>>();
  for (const g of groups) pooled.set(g, learnOne(s, records, effects, (a) => a.group === g, settings, stats.noiseSdLog));
  for (const [g, table] of pooled) effects.set(groupKey(g), table);
  return effects;
}

/** Key of a holiday group's pooled effect in Effects (cannot clash with an event name). */
export function groupKey(group: string): string {
  return `\u0000${group}`;
}

function dayLevel(d: LearnedDay): number {
  let sum = 0;
  for (let h = 0; h < 24; h++) sum += d.factor[h] as number;
  return sum / 24;
}

/**
 * Empirical-Bayes smoothing across neighbouring days: a day whose level differs
 * from the mean of its two neighbours by no more than the year-to-year noise is
 * pulled toward them (by sigma^2 / (sigma^2 + diff^2), at most half way); a
 * real spike (Double 11, 618 day) is far outside the noise and stays.
 */
function smoothDays(table: Map<number, LearnedDay>): void {
  const sds = [...table.values()].map((d) => d.sdLog).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const sd = sds.length > 0 ? (sds[sds.length >> 1] as number) : 0.05;
  const levels = new Map<number, number>();
  for (const [rel, d] of table) levels.set(rel, dayLevel(d));
  for (const [rel, d] of table) {
    const own = levels.get(rel) as number;
    const before = levels.get(rel - 1);
    const after = levels.get(rel + 1);
    if (before === undefined || after === undefined || own <= 0 || before <= 0 || after <= 0) continue;
    const diff = Math.log(own) - Math.log((before + after) / 2);
    const sigma2 = (sd * sd) / Math.max(1, d.occurrences);
    const pull = sigma2 / (sigma2 + diff * diff);
    const scale = Math.exp((-pull * diff) / 2);
    for (let h = 0; h < 24; h++) d.factor[h] = (d.factor[h] as number) * scale;
    d.dayRatio *= scale;
  }
}

/**
 * Default shape for an event never seen in history: the configured uplift on
 * the anchor day, fading linearly to none at the window's edges; limited to the
 * event's hours when it has them.
 */
export function defaultShape(a: ActiveEvent, hour: number, uplift: number): number {
  if (a.hours && (hour < a.hours[0] || hour >= a.hours[1])) return 1;
  const side = a.relDay < 0 ? a.daysBefore : a.daysAfter;
  const weight = 1 - Math.abs(a.relDay) / (side + 1);
  return 1 + (uplift - 1) * weight;
}

/** Log-scale uncertainty of a holiday's effect borrowed from its group (p10/p90 about -32%/+47%). */
export const BORROWED_SD_LOG = 0.3;

/** Combined multiplier (1 + the sum of the uplifts) and log-scale uncertainty of the events active in an hour. */
export function eventMultiplier(effects: Effects, active: ActiveEvent[], hour: number): { factor: number; sdLog: number } {
  let factor = 1;
  let variance = 0;
  for (const a of active) {
    if (a.closed) return { factor: 0, sdLog: 0 };
    let learned = effects.get(a.name)?.get(a.relDay);
    let borrowed = false;
    // A holiday of the user's calendar never seen before: the pooled effect of its group's past holidays.
    if (!learned && a.uplift === undefined && a.group !== undefined) {
      learned = effects.get(groupKey(a.group))?.get(a.relDay);
      borrowed = learned !== undefined;
    }
    if (learned) {
      factor += (learned.factor[hour] as number) * (a.uplift ?? 1) - 1;
      // Another holiday's effect is a guess for this one: at least BORROWED_SD_LOG of uncertainty.
      const sd = borrowed ? Math.max(BORROWED_SD_LOG, learned.sdLog ?? 0) : (learned.sdLog ?? 0.15);
      variance += sd * sd;
    } else if (a.uplift !== undefined) {
      const f = defaultShape(a, hour, a.uplift);
      factor += f - 1;
      const sd = Math.max(0.1, Math.abs(Math.log(f)) / 2);
      variance += sd * sd;
    }
  }
  return { factor: Math.max(0, factor), sdLog: Math.sqrt(variance) };
}
