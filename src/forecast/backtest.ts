/**
 * Rolling-origin evaluation: at each origin the model is trained on the days
 * before it and forecasts the next `horizonDays`; so are the two baselines.
 * Errors pool over origins and queues, split into event-window and ordinary hours.
 */
import type { Config } from '../config';
import { dayNumber, hourNumber, type History } from '../domain';
import { lastYearSameDate, seasonalNaive } from './baselines';
import { MIN_HISTORY_DAYS, calendarIndex, seriesOf } from './demand';
import { addHour, bias, coverage, emptySums, mase, seasonalNaiveScale, wape, type ErrorSums } from './metrics';
import { DEFAULT_MODEL, forecastQueue, type ModelSettings } from './model';
import { UsageError, dateFromDayNumber } from '../domain';

export const METHODS = ['model', 'seasonal-naive', 'last-year-date'] as const;
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

export interface BacktestResult {
  origins: string[];
  horizonDays: number;
  queues: string[];
  /** scores[method][segment] */
  scores: Record<MethodName, Record<SegmentName, Scores>>;
  /** The forecast's and the actuals' busiest day over all origins (by total of queues). */
  peakDay: { forecast: string; actual: string };
}

export interface BacktestRequest {
  /** First forecast day of each origin, `YYYY-MM-DD`. */
  origins: string[];
  horizonDays: number;
  settings?: ModelSettings;
}

/** Origins for `count` back-to-back holdouts of `holdoutDays` ending on the history's last day. */
export function rollingOrigins(history: History, holdoutDays: number, count: number): string[] {
  const lastDay = Math.floor((hourNumber(history.startHour) + history.hours - 1) / 24);
  const firstDay = Math.floor(hourNumber(history.startHour) / 24);
  const out: string[] = [];
  for (let k = count; k >= 1; k--) out.push(dateFromDayNumber(lastDay + 1 - holdoutDays * k));
  const earliest = out[0];
  if (earliest !== undefined && dayNumber(earliest) - firstDay < MIN_HISTORY_DAYS) {
    throw new UsageError(
      `${count} origins of ${holdoutDays} days leave ${dayNumber(earliest) - firstDay} days to train the first one; expected at least ${MIN_HISTORY_DAYS}`,
      'use fewer --origins or a shorter --holdout-days',
    );
  }
  return out;
}

export function runBacktest(history: History, config: Pick<Config, 'events' | 'calendar'>, request: BacktestRequest): BacktestResult {
  const firstDay = Math.floor(hourNumber(history.startHour) / 24);
  const lastOrigin = Math.max(...request.origins.map(dayNumber));
  const cal = calendarIndex(config, firstDay, dateFromDayNumber(lastOrigin + request.horizonDays));
  const sums = {} as Record<MethodName, Record<SegmentName, ErrorSums>>;
  for (const m of METHODS) sums[m] = { all: emptySums(), event: emptySums(), ordinary: emptySums() };
  const names = history.queues.map((q) => q.name);
  const scaleSum = { sum: 0, n: 0 };
  const dayTotals = new Map<number, [number, number]>();
  for (const name of names) {
    const minDays = lastOrigin - firstDay + request.horizonDays;
    const s = seriesOf(history, name, minDays);
    const firstOrigin = Math.min(...request.origins.map(dayNumber)) - firstDay;
    const scale = seasonalNaiveScale(s.y, firstOrigin * 24);
    if (Number.isFinite(scale)) {
      scaleSum.sum += scale;
      scaleSum.n += 1;
    }
    for (const origin of request.origins) {
      const o = dayNumber(origin) - firstDay;
      if (o < MIN_HISTORY_DAYS) throw new UsageError(`origin ${origin} leaves ${o} days of history to train on; expected at least ${MIN_HISTORY_DAYS}`);
      const model = forecastQueue(s, cal, o, request.horizonDays, request.settings ?? DEFAULT_MODEL);
      const naive = seasonalNaive(s, o, request.horizonDays);
      const lastYear = lastYearSameDate(s, o, request.horizonDays);
      for (let i = 0; i < request.horizonDays * 24; i++) {
        const y = s.y[o * 24 + i] as number;
        if (Number.isNaN(y)) continue;
        const segment: SegmentName = model.eventHour[i] ? 'event' : 'ordinary';
        const f = model.forecast[i] as number;
        const lo = model.p10[i] as number;
        const hi = model.p90[i] as number;
        for (const seg of ['all', segment] as const) addHour(sums.model[seg], y, f, lo, hi);
        const n = naive[i] as number;
        if (!Number.isNaN(n)) for (const seg of ['all', segment] as const) addHour(sums['seasonal-naive'][seg], y, n);
        const l = lastYear[i] as number;
        if (!Number.isNaN(l)) for (const seg of ['all', segment] as const) addHour(sums['last-year-date'][seg], y, l);
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
      bySeg[seg] = { hours: e.hours, wape: wape(e), mase: mase(e, meanScale * 1), bias: bias(e), coverage: coverage(e) };
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
    peakDay: { forecast: dateFromDayNumber(dayF), actual: dateFromDayNumber(dayA) },
  };
}
