/**
 * One queue's hourly forecast, with the model chosen by backtest:
 *
 * 1. Every candidate (candidates.ts) is trained at earlier origins (ten
 *    weekly ones before the training end, and the same point one and two
 *    years before) and scored by WAPE on the days after each, event days
 *    included. Each origin sees only the days before it; the event effects
 *    layered on the candidates are learned before the earliest recent origin
 *    (and before each year-back origin), so no candidate sees the days it is
 *    scored on.
 * 2. Per family the best parameter wins; the median of the family winners
 *    (the combination) is scored from the same forecasts. The lowest WAPE of
 *    all is the queue's model.
 * 3. p10/p90 come from the chosen model's out-of-sample errors at those
 *    origins (bands.ts), widened on event days by the uncertainty of the
 *    event's effect.
 */
import { DEFAULT_BASELINE, type BaselineSettings } from './baseline';
import { CANDIDATES, trainingSet, type Candidate, type TrainingSet } from './candidates';
import { DEFAULT_EFFECTS, eventMultiplier, type EffectSettings, type Effects } from './effects';
import { bandModel, bandOffsets, floorWidths, type OriginResiduals } from './bands';
import { calendarDay, hasEvent, type CalendarIndex, type DaySeries } from './series';

export interface SelectionSettings {
  /** Recent backtest origins, `spacingDays` apart, the last one `scoreDays` before the training end. */
  recentOrigins: number;
  spacingDays: number;
  /** Origins at the same point 1, 2, ... years (52 weeks) earlier. */
  seasonalOrigins: number;
  /** Days each backtest origin is scored on: the forecast length, within these bounds. */
  minScoreDays: number;
  maxScoreDays: number;
  /** Least days of history before a backtest origin. */
  minTrainingDays: number;
}

export interface ModelSettings {
  baseline: BaselineSettings;
  effects: EffectSettings;
  selection: SelectionSettings;
  /** Candidate names or families to choose from (default: all). */
  candidates?: readonly string[];
}

export const DEFAULT_SELECTION: SelectionSettings = {
  recentOrigins: 10,
  spacingDays: 7,
  seasonalOrigins: 2,
  minScoreDays: 7,
  maxScoreDays: 14,
  minTrainingDays: 28,
};

export const DEFAULT_MODEL: ModelSettings = {
  baseline: DEFAULT_BASELINE,
  effects: DEFAULT_EFFECTS,
  selection: DEFAULT_SELECTION,
};

/** Name of the median of the family winners. */
export const COMBINATION = 'combination' as const;

export interface CandidateScore {
  name: string;
  family: string;
  /** Backtest WAPE; NaN when nothing could be scored. */
  wape: number;
}

export interface ModelChoice {
  /** The chosen candidate, or `combination`. */
  name: string;
  /** Its backtest WAPE (NaN when there was no backtest: too little history). */
  wape: number;
  /** Candidates combined (the family winners) when `name` is `combination`, else [name]. */
  members: string[];
  /** Every candidate's and the combination's backtest score. */
  scores: CandidateScore[];
  /** Backtest origins (series day indices) and the days scored after each. */
  origins: number[];
  scoreDays: number;
  /** Log residuals behind the band (count). */
  residuals: number;
  /** Factor the band's widths were scaled by after the sequential check (bands.ts). */
  bandScale: number;
}

export interface QueueForecast {
  forecast: Float64Array;
  p10: Float64Array;
  p90: Float64Array;
  /** Per forecast hour: true inside an event window. */
  eventHour: Uint8Array;
  model: ModelChoice;
  /** Open hours of the week at the training end: open[w * 24 + h], Monday 0. */
  open: Uint8Array;
  /** Per family: its winner and that winner's forecast (only with `keepFamilies`). */
  families?: Map<string, { name: string; forecast: Float64Array }>;
}

export interface ForecastOptions {
  /** Days to score each backtest origin on (default: `days`, within the settings' bounds). */
  scoreDays?: number;
  /** Also return each family winner's forecast (for the backtest listing). */
  keepFamilies?: boolean;
}

const Z90 = 1.2815515655446004;


interface Layered {
  mean: Float64Array;
  sdLog: Float64Array;
  eventHour: Uint8Array;
}

/** Multiply an ordinary forecast (days from series index `from`) by the learned event effects. */
function layerEvents(t: TrainingSet, effects: Effects | undefined, point: Float64Array, from: number): Layered {
  const n = point.length;
  const mean = new Float64Array(n);
  const sdLog = new Float64Array(n);
  const eventHour = new Uint8Array(n);
  for (let k = 0; k < n / 24; k++) {
    const active = calendarDay(t.cal, t.s.firstDay + from + k)?.active ?? [];
    for (let h = 0; h < 24; h++) {
      const i = k * 24 + h;
      let v = point[i] as number;
      if (active.length > 0) {
        eventHour[i] = 1;
        if (effects) {
          const e = eventMultiplier(effects, active, h);
          v *= e.factor;
          sdLog[i] = e.sdLog;
        }
      }
      mean[i] = v > 0 && Number.isFinite(v) ? v : 0;
    }
  }
  return { mean, sdLog, eventHour };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 ? (values[m] as number) : ((values[m - 1] as number) + (values[m] as number)) / 2;
}

/** Per-hour median of several forecasts of the same length. */
function hourlyMedian(forecasts: Float64Array[]): Float64Array {
  const n = forecasts[0]?.length ?? 0;
  const out = new Float64Array(n);
  const buf: number[] = [];
  for (let i = 0; i < n; i++) {
    buf.length = 0;
    for (const f of forecasts) buf.push(f[i] as number);
    out[i] = median(buf);
  }
  return out;
}

/** Backtest origins (series day indices) for a forecast trained up to `origin`. */
export function backtestOrigins(origin: number, scoreDays: number, sel: SelectionSettings): number[] {
  const out: number[] = [];
  for (let k = sel.recentOrigins - 1; k >= 0; k--) out.push(origin - scoreDays - k * sel.spacingDays);
  // A year-back origin needs a year of history before it, so the yearly events of its window were seen once.
  for (let y = 1; y <= sel.seasonalOrigins; y++) if (origin - 364 * y >= 365) out.push(origin - 364 * y);
  return [...new Set(out.filter((o) => o >= sel.minTrainingDays && o + scoreDays <= origin))].sort((a, b) => a - b);
}

function candidatesOf(settings: ModelSettings): Candidate[] {
  const only = settings.candidates;
  const list = only ? CANDIDATES.filter((c) => only.includes(c.name) || only.includes(c.family)) : [...CANDIDATES];
  return list.length > 0 ? list : [CANDIDATES[0] as Candidate];
}

/**
 * Forecast `days` whole days starting at series index `origin`, trained only on
 * the days before it. `s` may extend past the origin; those values are not read.
 */
export function forecastQueue(s: DaySeries, cal: CalendarIndex, origin: number, days: number, settings: ModelSettings = DEFAULT_MODEL, options: ForecastOptions = {}): QueueForecast {
  const sel = settings.selection;
  const candidates = candidatesOf(settings);
  const scoreDays = Math.max(sel.minScoreDays, Math.min(sel.maxScoreDays, options.scoreDays ?? days));
  const origins = backtestOrigins(origin, scoreDays, sel);

  // 1. Backtest every candidate at every origin.
  const stored = new Map<string, Float64Array[]>();
  const eventHours: Uint8Array[] = [];
  const sums = new Map<string, { abs: number; actual: number }>();
  for (const c of candidates) {
    stored.set(c.name, []);
    sums.set(c.name, { abs: 0, actual: 0 });
  }
  const add = (name: string, o: number, f: Float64Array): void => {
    const acc = sums.get(name) as { abs: number; actual: number };
    for (let i = 0; i < f.length; i++) {
      const y = s.y[o * 24 + i] as number;
      if (Number.isNaN(y)) continue;
      acc.abs += Math.abs(y - (f[i] as number));
      acc.actual += y;
    }
  };
  // The recent origins share the event effects learned before the earliest of them: a
  // yearly event is known from its earlier years either way, and learning them costs most.
  const recent = origins.filter((o) => o > origin - 364 + sel.maxScoreDays);
  let shared: Effects | undefined;
  for (const o of origins) {
    const t = trainingSet(s, cal, o, settings, o === recent[0] || !recent.includes(o) ? undefined : shared);
    if (o === recent[0]) shared = t.effects;
    const effects = t.effects;
    eventHours.push(layerEvents(t, effects, new Float64Array(scoreDays * 24).fill(1), o).eventHour);
    for (const c of candidates) {
      const f = layerEvents(t, c.withEvents ? effects : undefined, c.predict(t, scoreDays), o).mean;
      (stored.get(c.name) as Float64Array[]).push(f);
      add(c.name, o, f);
    }
  }
  const wapeOf = (name: string): number => {
    const acc = sums.get(name);
    return acc && acc.actual > 0 ? acc.abs / acc.actual : NaN;
  };
  const scores: CandidateScore[] = candidates.map((c) => ({ name: c.name, family: c.family, wape: wapeOf(c.name) }));

  // 2. Family winners, their median, and the best of all.
  const winners = new Map<string, string>();
  for (const c of candidates) {
    const best = winners.get(c.family);
    const w = wapeOf(c.name);
    if (best === undefined || (Number.isFinite(w) && !(wapeOf(best) <= w * (1 + 1e-9) + 1e-12))) winners.set(c.family, c.name);
  }
  const members = [...winners.values()];
  if (members.length >= 3 && origins.length > 0) {
    sums.set(COMBINATION, { abs: 0, actual: 0 });
    const combined = origins.map((o, j) => hourlyMedian(members.map((m) => (stored.get(m) as Float64Array[])[j] as Float64Array)));
    stored.set(COMBINATION, combined);
    origins.forEach((o, j) => add(COMBINATION, o, combined[j] as Float64Array));
    scores.push({ name: COMBINATION, family: COMBINATION, wape: wapeOf(COMBINATION) });
  }
  // Lowest WAPE; a tie (within rounding) keeps the earlier one.
  let chosen = (candidates[0] as Candidate).name;
  for (const sc of scores) if (Number.isFinite(sc.wape) && !(wapeOf(chosen) <= sc.wape * (1 + 1e-9) + 1e-12)) chosen = sc.name;
  const chosenMembers = chosen === COMBINATION ? members : [chosen];

  // 3. Out-of-sample log residuals of the chosen model, per origin.
  const residualSets: OriginResiduals[] = (stored.get(chosen) ?? []).map((f, j) => {
    const o = origins[j] as number;
    const events = eventHours[j] as Uint8Array;
    const set: OriginResiduals = { origin: o, hours: [], leads: [], values: [], days: [] };
    for (let k = 0; k < f.length / 24; k++) {
      let dayY = 0;
      let dayF = 0;
      for (let i = k * 24; i < k * 24 + 24; i++) {
        const y = s.y[o * 24 + i] as number;
        const v = f[i] as number;
        if (Number.isNaN(y) || v <= 0 || events[i]) continue;
        set.hours.push(i % 24);
        set.leads.push(k + 1);
        set.values.push(Math.log((y + 1) / (v + 1)));
        dayY += y;
        dayF += v;
      }
      if (dayF > 0) set.days.push(Math.log((dayY + 1) / (dayF + 1)));
    }
    return set;
  });
  const band = bandModel(residualSets, scoreDays);
  const floor = floorWidths(s.y, (hour) => hasEvent(cal, s.firstDay + Math.floor(hour / 24)), origin * 24);
  band.floorLo = floor.lo;
  band.floorHi = floor.hi;

  // 4. The forecast itself.
  const t = trainingSet(s, cal, origin, settings);
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const effects = t.effects;
  const layeredOf = new Map<string, Layered>();
  const run = (name: string): Layered => {
    let l = layeredOf.get(name);
    if (!l) {
      const c = byName.get(name) as Candidate;
      l = layerEvents(t, c.withEvents ? effects : undefined, c.predict(t, days), origin);
      layeredOf.set(name, l);
    }
    return l;
  };
  const parts = chosenMembers.map(run);
  const point = parts.length === 1 ? (parts[0] as Layered).mean : hourlyMedian(parts.map((p) => p.mean));
  const eventLayer = layerEvents(t, effects, new Float64Array(days * 24).fill(1), origin);

  const n = days * 24;
  const p10 = new Float64Array(n);
  const p90 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = point[i] as number;
    if (f <= 0) continue;
    const [below, above] = bandOffsets(band, i % 24, Math.floor(i / 24) + 1, Z90 * (eventLayer.sdLog[i] as number));
    p10[i] = Math.max(0, (f + 1) * Math.exp(below) - 1);
    p90[i] = (f + 1) * Math.exp(above) - 1;
    if (p10[i]! > f) p10[i] = f;
    if (p90[i]! < f) p90[i] = f;
  }

  const result: QueueForecast = {
    forecast: point,
    p10,
    p90,
    eventHour: eventLayer.eventHour,
    open: t.stats.open,
    model: { name: chosen, wape: wapeOf(chosen), members: chosenMembers, scores, origins, scoreDays, residuals: band.count, bandScale: band.scale },
  };
  if (options.keepFamilies) {
    const families = new Map<string, { name: string; forecast: Float64Array }>();
    for (const [family, name] of winners) families.set(family, { name, forecast: run(name).mean });
    if (members.length >= 3) families.set(COMBINATION, { name: COMBINATION, forecast: hourlyMedian(members.map((m) => run(m).mean)) });
    result.families = families;
  }
  return result;
}
