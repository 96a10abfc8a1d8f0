/** Fair spread: max-min of shifts, nights, weekend days and event days across in-house agents. */
import type { ShiftLine } from '../domain';
import { isWeekend } from './assign';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import type { Agent, Fairness, RosterAssignment, Spread } from './types';

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { min: 0, max: 0, spread: 0, agents: 0 };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, spread: max - min, agents: values.length };
}

/**
 * Nights are compared only across agents who may work a night shift the plan
 * uses; shifts, weekends and event days across every agent.
 */
export function fairnessOf(
  agents: readonly Agent[],
  assignments: readonly RosterAssignment[],
  lines: readonly ShiftLine[],
  nightShifts: ReadonlySet<string>,
  eventDates: ReadonlySet<string>,
): Fairness {
  const count = new Map(agents.map((a) => [a.id, { shifts: 0, nights: 0, weekends: 0, events: 0 }]));
  for (const a of assignments) {
    const c = count.get(a.personId);
    if (!c) continue;
    c.shifts += 1;
    if (nightShifts.has(a.shift)) c.nights += 1;
    if (isWeekend(a.date)) c.weekends += 1;
    if (eventDates.has(a.date)) c.events += 1;
  }
  const nightLines = lines.filter((l) => l.agents > 0 && nightShifts.has(l.shift));
  const nightCapable = agents.filter((a) => nightLines.some((l) => shiftAllowed(a, l.pool, l.shift) && nightAllowed(a, l.shift, nightShifts)));
  const of = (list: readonly Agent[], key: 'shifts' | 'nights' | 'weekends' | 'events') => spreadOf(list.map((a) => count.get(a.id)?.[key] ?? 0));
  return {
    shifts: of(agents, 'shifts'),
    nights: of(nightCapable, 'nights'),
    weekends: of(agents, 'weekends'),
    eventDays: of(agents, 'events'),
  };
}
