/** Shaping pipeline data for the page: small JSON the charts draw directly. */
import { occurrences, resolveEvents } from '../calendar';
import type { Config } from '../config';
import { hourKeyFromNumber, hourNumber, type History } from '../domain';
import type { DailyPoint, HistoryEvent } from './api-types';

/** Inquiries per local date over all queues; dates with no data at all are left out. */
export function dailyTotals(history: History): DailyPoint[] {
  const start = hourNumber(history.startHour);
  const daily = new Map<string, number>();
  for (let i = 0; i < history.hours; i++) {
    let sum: number | null = null;
    for (const q of history.queues) {
      const v = q.values[i];
      if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
    }
    if (sum === null) continue;
    const date = hourKeyFromNumber(start + i).slice(0, 10);
    daily.set(date, (daily.get(date) ?? 0) + sum);
  }
  return [...daily].map(([date, inquiries]) => ({ date, inquiries }));
}

/**
 * The calendar's promotions and festivals (not plain public holidays) whose
 * anchor day falls inside the history, for marking on the history chart.
 */
export function historyEvents(history: History, config: Pick<Config, 'events' | 'calendar'>): HistoryEvent[] {
  const first = history.startHour.slice(0, 10);
  const last = hourKeyFromNumber(hourNumber(history.startHour) + history.hours - 1).slice(0, 10);
  return resolveEvents(config)
    .filter((def) => def.source !== 'holiday')
    .flatMap((def) => occurrences(def, first, last))
    .filter((o) => o.anchor >= first && o.anchor <= last)
    .map((o) => ({ name: o.name, anchor: o.anchor, start: o.start, end: o.end }))
    .sort((a, b) => (a.anchor < b.anchor ? -1 : a.anchor > b.anchor ? 1 : 0));
}
