/**
 * What really came: the history's arrivals in the replayed window, per config
 * queue (matched by name, or the total split by the config's shares as the
 * forecaster does), and the history before the window, which alone the
 * replayed plans may see.
 */
import type { Config } from '../config';
import { dateFromDayNumber, dayNumber, hourKeyFromNumber, hourNumber, InputError, type History } from '../domain';
import { planQueues } from '../forecast';

export interface Actuals {
  /** `start` 00:00. */
  startHour: string;
  hours: number;
  /** Per config queue, arrivals per hour (an hour without data counts as 0: closed). */
  queues: Array<{ name: string; values: number[] }>;
  /** Hours of the window without data in the history (closed hours, weekends, gaps). */
  hoursWithoutData: number;
}

/** The history up to the hour before `start` 00:00 (what a planner knew then). */
export function historyBefore(history: History, start: string): History {
  const first = hourNumber(history.startHour);
  const keep = Math.max(0, Math.min(history.hours, hourNumber(`${start}T00:00`) - first));
  const queues = history.queues.map((q) => ({ name: q.name, values: q.values.slice(0, keep) }));
  let last = keep - 1;
  while (last >= 0 && queues.every((q) => q.values[last] === null || q.values[last] === undefined)) last -= 1;
  const hours = last + 1;
  let missing = 0;
  for (let h = 0; h < hours; h++) if (queues.some((q) => q.values[h] === null)) missing += 1;
  return { ...history, hours, queues: queues.map((q) => ({ name: q.name, values: q.values.slice(0, hours) })), missingHours: missing };
}

/**
 * Arrivals per config queue in `start`..`end` (whole days). Bad input (exit 2)
 * when the history has no data in the window or ends before the window does.
 */
export function actualArrivals(history: History, config: Pick<Config, 'queues'>, start: string, end: string, file: string): Actuals {
  const first = hourNumber(history.startHour);
  const from = dayNumber(start) * 24;
  const hours = (dayNumber(end) - dayNumber(start) + 1) * 24;
  const lastData = first + history.hours - 1;
  const at = (q: History['queues'][number], h: number): number | null => q.values[from + h - first] ?? null;
  let withData = 0;
  for (let h = 0; h < hours; h++) if (history.queues.some((q) => at(q, h) !== null)) withData += 1;
  const range = `${history.startHour} .. ${hourKeyFromNumber(lastData)}`;
  if (withData === 0) {
    throw new InputError({ file }, `no inquiries from ${start} to ${end} (the history covers ${range})`, 'the actual arrivals of the replayed days in the history', 'replay a period the history covers, or give the history with its actuals');
  }
  if (lastData < from + hours - 24) {
    throw new InputError({ file }, `the history ends ${dateFromDayNumber(Math.floor(lastData / 24))}, inside the replayed days ${start} .. ${end}`, `actual arrivals through ${end}`, 'end the replay on a day the history covers');
  }
  const plan = planQueues(history, config.queues);
  const queues = plan.names.map((name, i) => {
    const source = plan.sources[i];
    const share = plan.shares[i] as number;
    const series = source === undefined ? history.queues : history.queues.filter((q) => q.name === source);
    const values = Array.from({ length: hours }, (_, h) => series.reduce((sum, q) => sum + (at(q, h) ?? 0), 0) * (source === undefined ? share : 1));
    return { name, values };
  });
  return { startHour: hourKeyFromNumber(from), hours, queues, hoursWithoutData: hours - withData };
}
