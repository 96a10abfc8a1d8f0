/**
 * From History and Config to Demand: builds the event calendar, forecasts each
 * queue, and maps the history's queues onto the config's.
 */
import { buildCalendar, provisionalCalendarNote, provisionalYears, resolveEvents } from '../calendar';
import type { Config } from '../config';
import { InfeasiblePlanError, UsageError, addDays, dateFromDayNumber, dayNumber, hourKeyFromNumber, hourNumber, type Demand, type History, type QueueDemand } from '../domain';
import { DEFAULT_BASELINE } from './baseline';
import { DEFAULT_MODEL, forecastQueue, type ModelChoice, type ModelSettings, type QueueForecast } from './model';
import { toDaySeries, weekdayIndex, type CalendarIndex, type DaySeries } from './series';

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

export interface QueueModel {
  /** Output queue name. */
  queue: string;
  /** History queue it is forecast from; undefined when split from the total. */
  source: string | undefined;
  model: ModelChoice;
}

export interface ForecastResult {
  demand: Demand;
  /** Notes for people: queue mapping, the gap after the history, a forecast of zeros. */
  notes: string[];
  /** Per hour of the first output queue: inside an event window. */
  eventHours: Uint8Array;
  /** The model chosen for each output queue (queues split from the total share one). */
  models: QueueModel[];
  /** Last date the history has data before the forecast starts. */
  historyEnd: string;
  /** Whole days between the history's last date and the first forecast date (0: none). */
  gapDays: number;
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

/**
 * Forecast every queue for [start, end], trained on the history before
 * `start`. When the history ends before `start` (a gap), every model is
 * trained up to the history's last day and forecasts through the gap: the
 * level holds (a trend runs at most 60 days, damped, then stays flat), the
 * weekly and daily shape and the learned events apply, the band widens with
 * the lead time, and a note names the gap in days.
 */
export function forecastDemand(history: History, config: Pick<Config, 'events' | 'calendar'>, request: ForecastRequest): ForecastResult {
  const startDay = dayNumber(request.start);
  const endDay = dayNumber(request.end);
  if (endDay < startDay) throw new UsageError(`--end ${request.end} is before --start ${request.start}`);
  const firstDay = Math.floor(hourNumber(history.startHour) / 24);
  const lastDataDay = Math.floor((hourNumber(history.startHour) + history.hours - 1) / 24);
  const trainEnd = Math.min(startDay, lastDataDay + 1);
  const trainDays = trainEnd - firstDay;
  if (trainDays < MIN_HISTORY_DAYS) {
    throw new UsageError(
      `the history before ${request.start} covers ${Math.max(0, trainDays)} days (from ${history.startHour.slice(0, 10)}); expected at least ${MIN_HISTORY_DAYS}`,
      'forecast a later period or give a longer history',
    );
  }
  const gapDays = startDay - trainEnd;
  const days = endDay - startDay + 1;
  const cal = calendarIndex(config, firstDay, addDays(request.end, 1));
  const plan = planQueues(history, request.queues);
  // What reading the file skipped (Excel's empty and total rows), then the queue mapping.
  const notes = [...(history.readNotes ?? []), ...plan.notes];
  const provisional = provisionalCalendarNote(provisionalYears(config.calendar, request.start, request.end));
  if (provisional) notes.push(provisional);
  const cache = new Map<string, QueueForecast>();
  const forecastOf = (source: string | undefined): QueueForecast => {
    const key = source ?? '\u0000total';
    let f = cache.get(key);
    if (!f) {
      f = forecastQueue(seriesOf(history, source, trainDays), cal, trainDays, gapDays + days, request.settings ?? DEFAULT_MODEL, { scoreDays: days });
      cache.set(key, f);
    }
    return f;
  };
  const from = gapDays * 24;
  const to = from + days * 24;
  const queues: QueueDemand[] = plan.names.map((name, i) => {
    const f = forecastOf(plan.sources[i]);
    const share = plan.shares[i] as number;
    const forecast = Array.from(f.forecast.subarray(from, to), (v) => v * share);
    return { name, forecast, p10: Array.from(f.p10.subarray(from, to), (v) => v * share), p50: forecast.slice(), p90: Array.from(f.p90.subarray(from, to), (v) => v * share) };
  });
  const events: string[] = [];
  for (let k = 0; k < days; k++) {
    const label = cal.days[startDay - firstDay + k]?.label ?? '';
    for (let h = 0; h < 24; h++) events.push(label);
  }
  const historyEnd = dateFromDayNumber(trainEnd - 1);
  if (gapDays > 0) {
    notes.push(
      `the history ends ${historyEnd}, ${gapDays} days before the forecast starts (${request.start}): the forecast keeps the level of its last weeks (no trend after ${DEFAULT_BASELINE.trendDays} days), its weekly and daily shape and the learned events, with a band widened for the gap`,
    );
  }
  const zero = zeroForecastNote(history, queues, cal, startDay - firstDay, days, forecastOf(plan.sources[0]).open, request.start);
  if (zero) notes.push(zero);
  return {
    demand: { timezone: history.timezone, startHour: hourKeyFromNumber(startDay * 24), hours: days * 24, queues, events },
    notes,
    eventHours: forecastOf(plan.sources[0]).eventHour.slice(from, to),
    models: plan.names.map((queue, i) => ({ queue, source: plan.sources[i], model: forecastOf(plan.sources[i]).model })),
    historyEnd,
    gapDays,
  };
}

/**
 * A forecast of zeros is right only when every forecast hour is closed (a
 * bank's weekend, a closure of the holiday calendar): then a note says so.
 * Zeros at open hours while the history has volume are never right: an error.
 */
export function zeroForecastNote(history: History, queues: QueueDemand[], cal: CalendarIndex, from: number, days: number, open: Uint8Array, start: string): string | undefined {
  if (queues.some((q) => q.forecast.some((v) => v > 0))) return undefined;
  const volume = history.queues.reduce((sum, q) => sum + q.values.reduce<number>((a, v) => a + (v ?? 0), 0), 0);
  if (volume === 0) return undefined;
  let openHours = 0;
  for (let k = 0; k < days; k++) {
    const day = cal.days[from + k];
    if (day?.closed) continue;
    const w = weekdayIndex(cal.start + from + k);
    for (let h = 0; h < 24; h++) openHours += open[w * 24 + h] as number;
  }
  if (openHours === 0) return `every forecast hour is 0: the forecast days fall on closed hours of the week or closures of the holiday calendar`;
  throw new InfeasiblePlanError(
    `every forecast hour from ${start} is 0 while the history has ${Math.round(volume).toLocaleString('en-US')} inquiries and ${openHours} of the forecast hours are open`,
    ['history', 'events', 'calendar'],
    'check the history (is its volume in the queues the config names?) and the events (do they cover the whole year?)',
  );
}
