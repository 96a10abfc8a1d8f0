/**
 * A plan judged on what really came: per queue-hour, the service level its
 * scheduled productive agents give the actual arrivals (the plan's own queue
 * model, Erlang A or C, at the actual volume), the inquiries not answered in
 * time and what they cost, and the productive agents the actual volume needed.
 *
 * A fractional staffing (breaks, vendor productivity) loses what the plan's
 * loss curve says: linear between the whole agents below and above it.
 */
import { lostInquiryCost, type Config } from '../config';
import { hourKeyFromNumber, hourNumber } from '../domain';
import type { CoverageRow } from '../plan';
import { lostInquiries, requirementCell } from '../staffing';
import type { Actuals } from './actuals';

export interface ScoredHour {
  timestamp: string;
  queue: string;
  actual: number;
  /** The plan's forecast (p50) for the hour. */
  forecast: number;
  /** Productive agents the actual volume needed to meet the queue's target. */
  needed: number;
  /** Productive agents the plan scheduled for the queue. */
  scheduled: number;
  /** Achieved on the actual volume; null when nothing came. */
  serviceLevel: number | null;
  lost: number;
  lostCost: number;
  meetsTarget: boolean | null;
  /** The simulation's service level on the actual volume (null: not simulated, or nothing came). */
  simulatedServiceLevel: number | null;
}

export interface PlanScore {
  /** Staffing cost of the plan. */
  cost: number;
  lostInquiries: number;
  lostServiceCost: number;
  /** cost + lostServiceCost. */
  total: number;
  /** Lowest service level of a queue-hour that had inquiries (null: none had). */
  lowestServiceLevel: number | null;
  lowestAt: { timestamp: string; queue: string } | null;
  /** Queue-hours with inquiries whose service level met the queue's target, and how many had inquiries. */
  hoursMeetingTarget: number;
  hoursWithInquiries: number;
  hours: ScoredHour[];
}

/** Inquiries not answered in time with a fractional number of productive agents. */
export function lostAtStaffing(queue: Config['queues'][number], inquiries: number, agents: number): number {
  if (!(inquiries > 0)) return 0;
  const below = Math.floor(agents + 1e-9);
  const part = Math.max(0, agents - below);
  const low = lostInquiries(queue, inquiries, below);
  return part < 1e-9 ? low : low + part * (lostInquiries(queue, inquiries, below + 1) - low);
}

/** Score a plan's coverage on the actual arrivals; `forecast` per queue name, aligned with the actuals. */
export function scorePlan(config: Config, coverage: readonly CoverageRow[], cost: number, actuals: Actuals, forecast: ReadonlyMap<string, readonly number[]>): PlanScore {
  const first = hourNumber(actuals.startHour);
  const scheduledOf = new Map<string, number>();
  for (const row of coverage) if (row.queue !== 'all') scheduledOf.set(`${row.timestamp}|${row.queue}`, row.scheduled);
  const hours: ScoredHour[] = [];
  let lost = 0;
  let lostCost = 0;
  let lowest: number | null = null;
  let lowestAt: PlanScore['lowestAt'] = null;
  let meeting = 0;
  let withInquiries = 0;
  for (let h = 0; h < actuals.hours; h++) {
    const timestamp = hourKeyFromNumber(first + h);
    for (const series of actuals.queues) {
      const queue = config.queues.find((q) => q.name === series.name);
      if (!queue) continue;
      const actual = series.values[h] ?? 0;
      const scheduled = scheduledOf.get(`${timestamp}|${series.name}`) ?? 0;
      const late = lostAtStaffing(queue, actual, scheduled);
      const price = lostInquiryCost(config, queue);
      const serviceLevel = actual > 0 ? Math.max(0, Math.min(1, 1 - late / actual)) : null;
      const meets = serviceLevel === null ? null : serviceLevel >= queue.target.serviceLevel - 1e-9;
      if (serviceLevel !== null) {
        withInquiries += 1;
        if (meets) meeting += 1;
        if (lowest === null || serviceLevel < lowest) {
          lowest = serviceLevel;
          lowestAt = { timestamp, queue: series.name };
        }
      }
      lost += late;
      lostCost += late * price;
      hours.push({
        timestamp,
        queue: series.name,
        actual,
        forecast: forecast.get(series.name)?.[h] ?? 0,
        needed: requirementCell(queue, actual, config.shrinkage).agents,
        scheduled,
        serviceLevel,
        lost: late,
        lostCost: late * price,
        meetsTarget: meets,
        simulatedServiceLevel: null,
      });
    }
  }
  return { cost, lostInquiries: lost, lostServiceCost: lostCost, total: cost + lostCost, lowestServiceLevel: lowest, lowestAt, hoursMeetingTarget: meeting, hoursWithInquiries: withInquiries, hours };
}
