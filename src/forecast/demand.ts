/**
 * From History and Config to Demand: builds the event calendar, forecasts each
 * queue, and maps the history's queues onto the config's.
 */
import { buildCalendar, resolveEvents } from '../calendar';
import type { Config } from '../config';
import { UsageError, addDays, dateFromDayNumber, dayNumber, hourKeyFromNumber, hourNumber, type Demand, type History, type QueueDemand } from '../domain';
import { DEFAULT_MODEL, forecastQueue, type ModelSettings, type QueueForecast } from './model';
import { toDaySeries, type CalendarIndex, type DaySeries } from './series';

/** Days of history the forecaster needs before the first forecast day. */
export const MIN_HISTORY_DAYS = 28;

export interface QueuePlan {
  /** Output queue names, in order. */
  names: string[];
  /** Per output queue: the history queue it is forecast from, or undefined when split from the total. */
  sources: Array<string | undefined>;
  /** Share of the total for queues split from it. */
  shares: number[];
  notes: string[];
}

/**
 * Which series each output queue comes from. `wanted` are the config's queue
 * names (undefined: keep the history's queues).
 */
export function planQueues(history: History, wanted: Config['queues'] | undefined): QueuePlan {
  const historyNames = history.queues.map((q) => q.name);
  const notes: string[] = [];
  if (!wanted) {
    return { names: historyNames, sources: historyNames, shares: historyNames.map(() => 1), notes };
  }
  const names = wanted.map((q) => q.name);
  const single = historyNames.length === 1 && historyNames[0] === 'all';
  if (!single && names.every((n) => historyNames.includes(n))) {
    const extra = historyNames.filter((n) => !names.includes(n));
    if (extra.length > 0) notes.push(`history queue(s) ${extra.join(', ')} not in the config: not forecast`);
    return { names, sources: names, shares: names.map(() => 1), notes };
  }
  if (!single) {
    notes.push(`history queues (${historyNames.join(', ')}) differ from the config's (${names.join(', ')}): forecasting their total and splitting it by config share`);
  }
  // Queues without a share split what the others leave, equally.
  const given = wanted.reduce((a, q) => a + (q.share ?? 0), 0);
  const unset = wanted.filter((q) => q.share === undefined).length;
  const rest = unset > 0 ? Math.max(0, 1 - given) / unset : 0;
  const raw = wanted.map((q) => q.share ?? rest);
  const sum = raw.reduce((a, b) => a + b, 0);
  const shares = raw.map((r) => (sum > 0 ? r / sum : 1 / raw.length));
  return { names, sources: names.map(() => undefined), shares, notes };
}

export interface ForecastRequest {
  /** First and last forecast date, `YYYY-MM-DD` (whole days). */
  start: string;
  end: string;
  /** The config's queues to forecast for; undefined keeps the history's queues. */
  queues?: Config['queues'];
  settings?: ModelSettings;
}

export interface ForecastResult {
  demand: Demand;
  notes: string[];
  /** Per output queue and hour: inside an event window. */
  eventHours: Uint8Array;
}

/** Calendar covering the history's first day through `end`. */
export function calendarIndex(config: Pick<Config, 'events' | 'calendar'>, firstDay: number, end: string): CalendarIndex {
  const defs = resolveEvents(config);
  const from = dateFromDayNumber(firstDay);
  return { start: firstDay, days: buildCalendar(defs, from, end, config.calendar.region === 'cn' && config.calendar.publicHolidays) };
}

/** The total of all queues per hour (null only where every queue is missing). */
export function totalSeries(history: History): Array<number | null> {
  const out = new Array<number | null>(history.hours).fill(null);
  for (const q of history.queues) {
    q.values.forEach((v, i) => {
      if (v !== null) out[i] = (out[i] ?? 0) + v;
    });
  }
  return out;
}

/** Series of one history queue (or the total), laid out to reach at least day `minDays`. */
export function seriesOf(history: History, source: string | undefined, minDays: number): DaySeries {
  const values = source === undefined ? totalSeries(history) : (history.queues.find((q) => q.name === source)?.values ?? []);
  return toDaySeries(values, hourNumber(history.startHour), minDays);
}

/** Forecast every queue for [start, end], trained on the history before `start`. */
export function forecastDemand(history: History, config: Pick<Config, 'events' | 'calendar'>, request: ForecastRequest): ForecastResult {
  const startDay = dayNumber(request.start);
  const endDay = dayNumber(request.end);
  if (endDay < startDay) throw new UsageError(`--end ${request.end} is before --start ${request.start}`);
  const firstDay = Math.floor(hourNumber(history.startHour) / 24);
  const trainDays = startDay - firstDay;
  if (trainDays < MIN_HISTORY_DAYS) {
    throw new UsageError(
      `the history before ${request.start} covers ${Math.max(0, trainDays)} days (from ${history.startHour.slice(0, 10)}); expected at least ${MIN_HISTORY_DAYS}`,
      'forecast a later period or give a longer history',
    );
  }
  const days = endDay - startDay + 1;
  const cal = calendarIndex(config, firstDay, addDays(request.end, 1));
  const plan = planQueues(history, request.queues);
  const cache = new Map<string, QueueForecast>();
  const forecastOf = (source: string | undefined): QueueForecast => {
    const key = source ?? '\u0000total';
    let f = cache.get(key);
    if (!f) {
      f = forecastQueue(seriesOf(history, source, trainDays), cal, trainDays, days, request.settings ?? DEFAULT_MODEL);
      cache.set(key, f);
    }
    return f;
  };
  const queues: QueueDemand[] = plan.names.map((name, i) => {
    const f = forecastOf(plan.sources[i]);
    const share = plan.shares[i] as number;
    const forecast = Array.from(f.forecast, (v) => v * share);
    return { name, forecast, p10: Array.from(f.p10, (v) => v * share), p50: forecast.slice(), p90: Array.from(f.p90, (v) => v * share) };
  });
  const events: string[] = [];
  for (let k = 0; k < days; k++) {
    const label = cal.days[trainDays + k]?.label ?? '';
    for (let h = 0; h < 24; h++) events.push(label);
  }
  const eventHours = forecastOf(plan.sources[0]).eventHour;
  return {
    demand: { timezone: history.timezone, startHour: hourKeyFromNumber(startDay * 24), hours: days * 24, queues, events },
    notes: plan.notes,
    eventHours,
  };
}
