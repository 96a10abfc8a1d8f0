/** Shaping pipeline data for the page: small JSON the charts draw directly. */
import { hourKeyFromNumber, hourNumber, type History } from '../domain';
import type { DailyPoint } from './api-types';

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
