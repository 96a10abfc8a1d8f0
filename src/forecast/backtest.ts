/**
 * Rolling-origin evaluation: at each origin the forecaster is trained on the
 * days before it (choosing its model by its own backtest on those days only)
 * and forecasts the next `horizonDays`; so is every candidate family (with the
 * parameter its own backtest chose) and the benchmarks. Errors pool over
 * origins and queues, split into event-window and ordinary hours.
 */
import type { Config } from '../config';
import { UsageError, dateFromDayNumber, dayNumber, hourNumber, type History } from '../domain';
import { lastYearSameDate, seasonalNaive, weekdayHourMean } from './baselines';
import { FAMILIES } from './candidates';
import { MIN_HISTORY_DAYS, calendarIndex, seriesOf } from './demand';
import { addHour, bias, coverage, emptySums, mase, seasonalNaiveScale, wape, type ErrorSums } from './metrics';
import { COMBINATION, DEFAULT_MODEL, forecastQueue, type ModelSettings } from './model';

/** Benchmarks: seasonal naive (same hour a week earlier), the 4-week weekday-hour mean, last year by date. */
export const BENCHMARKS = ['seasonal-naive', '4-week-mean', 'last-year-date'] as const;
/** Rows of the result: the forecaster, each candidate family and the combination, the benchmarks. */
export const METHODS = ['model', ...FAMILIES, COMBINATION, ...BENCHMARKS] as const;
export type MethodName = (typeof METHODS)[number];
export const SEGMENTS = ['all', 'event', 'ordinary'] as const;
export type SegmentName = (typeof SEGMENTS)[number];

export interface Scores {
  hours: number;
  wape: number;
  mase: number;
  bias: number;
  /** p10-p90 coverage; NaN for methods without a band. */
  coverage: number;
}

export interface ChosenModel {
  queue: string;
  origin: string;
  /** The model the forecaster chose there, and its backtest WAPE on the days before the origin. */
  model: string;
  wape: number;
  /** Each family's chosen parameter there (`week-mean-6`, `ewma-0.15`, ...). */
  families: Record<string, string>;
}

export interface BacktestResult {
  origins: string[];
  horizonDays: number;
  queues: string[];
  /** scores[method][segment] */
  scores: Record<MethodName, Record<SegmentName, Scores>>;
  chosen: ChosenModel[];
  /** The forecast's and the actuals' busiest day over all origins (by total of queues). */
  peakDay: { forecast: string; actual: string };
}

export interface BacktestRequest {
  /** First forecast day of each origin, `YYYY-MM-DD`. */
  origins: string[];
  horizonDays: number;
  settings?: ModelSettings;
}

function firstAndLastDay(history: History): { first: number; last: number } {
  const start = hourNumber(history.startHour);
  return { first: Math.floor(start / 24), last: Math.floor((start + history.hours - 1) / 24) };
}

/** Origins for `count` back-to-back holdouts of `holdoutDays` ending on the history's last day. */
export function rollingOrigins(history: History, holdoutDays: number, count: number): string[] {
  const { first, last } = firstAndLastDay(history);
  const out: string[] = [];
  for (let k = count; k >= 1; k--) out.push(dateFromDayNumber(last + 1 - holdoutDays * k));
  const earliest = out[0];
  if (earliest !== undefined && dayNumber(earliest) - first < MIN_HISTORY_DAYS) {
    throw new UsageError(
      `${count} origins of ${holdoutDays} days leave ${dayNumber(earliest) - first} days to train the first one; expected at least ${MIN_HISTORY_DAYS}`,
      'use fewer --origins or a shorter --holdout-days',
    );
  }
  return out;
}

/** Check origins given as dates: each with enough history before it and inside the history. */
export function checkOrigins(history: History, origins: string[]): void {
  const { first, last } = firstAndLastDay(history);
  for (const origin of origins) {
    const o = dayNumber(origin);
    if (o - first < MIN_HISTORY_DAYS) {
      throw new UsageError(`origin ${origin} leaves ${Math.max(0, o - first)} days of history to train on; expected at least ${MIN_HISTORY_DAYS}`, 'choose a later origin');
    }
    if (o > last) throw new UsageError(`origin ${origin} is after the history's last day ${dateFromDayNumber(last)}; expected an origin with actuals to score`);
  }
}

export function runBacktest(history: History, config: Pick<Config, 'events' | 'calendar'>, request: BacktestRequest): BacktestResult {
  checkOrigins(history, request.origins);
  const { first: firstDay } = firstAndLastDay(history);
  const lastOrigin = Math.max(...request.origins.map(dayNumber));
  const cal = calendarIndex(config, firstDay, dateFromDayNumber(lastOrigin + request.horizonDays));
  const sums = {} as Record<MethodName, Record<SegmentName, ErrorSums>>;
  for (const m of METHODS) sums[m] = { all: emptySums(), event: emptySums(), ordinary: emptySums() };
  const names = history.queues.map((q) => q.name);
  const scaleSum = { sum: 0, n: 0 };
  const dayTotals = new Map<number, [number, number]>();
  const chosen: ChosenModel[] = [];
  for (const name of names) {
    const s = seriesOf(history, name, lastOrigin - firstDay + request.horizonDays);
    const firstOrigin = Math.min(...request.origins.map(dayNumber)) - firstDay;
    const scale = seasonalNaiveScale(s.y, firstOrigin * 24);
    if (Number.isFinite(scale)) {
      scaleSum.sum += scale;
      scaleSum.n += 1;
    }
    for (const origin of request.origins) {
      const o = dayNumber(origin) - firstDay;
      const model = forecastQueue(s, cal, o, request.horizonDays, request.settings ?? DEFAULT_MODEL, { keepFamilies: true });
      const families = model.families ?? new Map<string, { name: string; forecast: Float64Array }>();
      chosen.push({ queue: name, origin, model: model.model.name, wape: model.model.wape, families: Object.fromEntries([...families].map(([f, v]) => [f, v.name])) });
      const others: Array<[MethodName, Float64Array]> = [
        ...[...FAMILIES, COMBINATION].map((f): [MethodName, Float64Array] => [f, families.get(f)?.forecast ?? new Float64Array(request.horizonDays * 24).fill(NaN)]),
        ['seasonal-naive', seasonalNaive(s, o, request.horizonDays)],
        ['4-week-mean', weekdayHourMean(s, o, request.horizonDays, 4)],
        ['last-year-date', lastYearSameDate(s, o, request.horizonDays)],
      ];
      for (let i = 0; i < request.horizonDays * 24; i++) {
        const y = s.y[o * 24 + i] as number;
        if (Number.isNaN(y)) continue;
        const segment: SegmentName = model.eventHour[i] ? 'event' : 'ordinary';
        const f = model.forecast[i] as number;
        for (const seg of ['all', segment] as const) addHour(sums.model[seg], y, f, model.p10[i] as number, model.p90[i] as number);
        for (const [method, values] of others) {
          const v = values[i] as number;
          if (!Number.isNaN(v)) for (const seg of ['all', segment] as const) addHour(sums[method][seg], y, v);
        }
        const day = s.firstDay + o + Math.floor(i / 24);
        const t = dayTotals.get(day) ?? [0, 0];
        t[0] += f;
        t[1] += y;
        dayTotals.set(day, t);
      }
    }
  }
  const meanScale = scaleSum.n > 0 ? scaleSum.sum / scaleSum.n : NaN;
  const scores = {} as Record<MethodName, Record<SegmentName, Scores>>;
  for (const m of METHODS) {
    const bySeg = {} as Record<SegmentName, Scores>;
    for (const seg of SEGMENTS) {
      const e = sums[m][seg];
      bySeg[seg] = { hours: e.hours, wape: wape(e), mase: mase(e, meanScale), bias: bias(e), coverage: coverage(e) };
    }
    scores[m] = bySeg;
  }
  let peakF = -1;
  let peakA = -1;
  let dayF = 0;
  let dayA = 0;
  for (const [day, [f, a]] of [...dayTotals].sort((x, y) => x[0] - y[0])) {
    if (f > peakF) {
      peakF = f;
      dayF = day;
    }
    if (a > peakA) {
      peakA = a;
      dayA = day;
    }
  }
  return {
    origins: request.origins,
    horizonDays: request.horizonDays,
    queues: names,
    scores,
    chosen,
    peakDay: { forecast: dateFromDayNumber(dayF), actual: dateFromDayNumber(dayA) },
  };
}
