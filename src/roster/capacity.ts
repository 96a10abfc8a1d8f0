/**
 * What the named agents can staff, as limits the planner can take for a
 * re-plan (`plan --agents`): per in-house pool and date the agents available
 * (not on leave) and, per shift, those allowed it (shift list, night_ok); per
 * 7-day window the agent-days the agents can give (each agent at most
 * min(max_days_per_week, max days in a row, available days in the window)).
 * After a roster with UNFILLED seats, `freezeCapacity` holds the re-plan to
 * what the roster filled. `presentTwoDays` (agents present on a date or the next) bounds the
 * planner's rest rule.
 */
import type { Config } from '../config';
import { addDays, datesBetween } from '../domain';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import { onLeave } from './rules/leave';
import { WINDOW_DAYS } from './rules/weeklyDays';
import { nightShiftNames, poolShiftNames } from './shifts';
import type { Agent, Roster } from './types';
import { startKey, type PoolCapacity } from '../plan';

export type { DayCapacity, WindowCapacity, PoolCapacity } from '../plan';

export function inhouseCapacity(config: Pick<Config, 'pools' | 'shifts' | 'roster'>, agents: readonly Agent[], start: string, end: string): PoolCapacity[] {
  const nightShifts = nightShiftNames(config);
  const dates = datesBetween(start, end);
  return config.pools
    .filter((p) => p.kind === 'inhouse')
    .map((pool) => {
      const members = agents.filter((a) => a.pool === pool.name);
      const shifts = poolShiftNames(config, pool.name);
      const days = dates.map((date) => {
        const present = members.filter((a) => !onLeave(a, date));
        const byShift: Record<string, number> = {};
        for (const shift of shifts) byShift[shift] = present.filter((a) => shiftAllowed(a, pool.name, shift) && nightAllowed(a, shift, nightShifts)).length;
        const next = addDays(date, 1);
        const presentTwoDays = members.filter((a) => !onLeave(a, date) || !onLeave(a, next)).length;
        return { date, agents: present.length, presentTwoDays, byShift, nightOk: present.filter((a) => a.nightOk).length };
      });
      const windows = dates.map((from) => {
        const to = addDays(from, WINDOW_DAYS - 1) > end ? end : addDays(from, WINDOW_DAYS - 1);
        const span = datesBetween(from, to);
        const give = (list: readonly Agent[]) =>
          list.reduce((sum, a) => {
            const free = span.filter((d) => !onLeave(a, d)).length;
            return sum + Math.min(a.maxDaysPerWeek, config.roster.maxConsecutiveDays, free);
          }, 0);
        const byShift: Record<string, number> = {};
        for (const shift of shifts) byShift[shift] = give(members.filter((a) => shiftAllowed(a, pool.name, shift) && nightAllowed(a, shift, nightShifts)));
        return { start: from, end: to, agentDays: give(members), byShift, nightOk: give(members.filter((a) => a.nightOk)) };
      });
      return { pool: pool.name, members: members.length, days, windows };
    });
}

/**
 * Hold the in-house part of the plan to a roster: every date, shift and start
 * at most what the roster filled, every 7-day window at the agent-days it
 * filled. Any plan within these caps is the filled roster minus some shifts,
 * and dropping shifts breaks no roster rule, so the re-plan is always filled
 * (the last round of `planWithRoster`).
 */
export function freezeCapacity(capacity: readonly PoolCapacity[], roster: Pick<Roster, 'assignments'>): PoolCapacity[] {
  return capacity.map((pc) => {
    const worked = roster.assignments.filter((a) => a.pool === pc.pool && a.kind === 'agent');
    return {
      ...pc,
      windows: pc.windows.map((w) => {
        const filled = worked.filter((a) => a.date >= w.start && a.date <= w.end).length;
        return { ...w, agentDays: Math.min(w.agentDays, filled), ...(w.byShift ? { byShift: { ...w.byShift } } : {}) };
      }),
      days: pc.days.map((d) => {
        const today = worked.filter((a) => a.date === d.date);
        const byShift: Record<string, number> = {};
        for (const [shift, n] of Object.entries(d.byShift)) byShift[shift] = Math.min(n, today.filter((a) => a.shift === shift).length);
        const byStart: Record<string, number> = {};
        for (const a of today) {
          const key = startKey(a.start.slice(11), a.overtimeHours ?? 0);
          byStart[key] = (byStart[key] ?? 0) + 1;
        }
        return { ...d, agents: Math.min(d.agents, today.length), byShift, byStart };
      }),
    };
  });
}
