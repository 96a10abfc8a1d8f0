/**
 * What the named agents can staff, as limits the planner can take for a
 * re-plan (`plan --agents`): per in-house pool and date the agents available
 * (not on leave) and, per shift, those allowed it (shift list, night_ok); per
 * 7-day window the agent-days the agents can give (each agent at most
 * min(max_days_per_week, max days in a row, available days in the window)).
 * After a roster with UNFILLED seats, `tightenCapacity` caps each short
 * (date, shift) at what the roster did fill, so repeating plan → roster
 * stops after finitely many rounds (every round lowers at least one cap).
 */
import type { Config } from '../config';
import { addDays, datesBetween } from '../domain';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import { onLeave } from './rules/leave';
import { WINDOW_DAYS } from './rules/weeklyDays';
import { nightShiftNames, poolShiftNames } from './shifts';
import type { Agent, Roster } from './types';

export interface DayCapacity {
  date: string;
  /** Agents of the pool not on leave. */
  agents: number;
  /** Shift name → agents who may work it that day (night_ok and shift lists applied). */
  byShift: Record<string, number>;
}

export interface WindowCapacity {
  /** First and last date of the 7-day window (clipped to the horizon). */
  start: string;
  end: string;
  agentDays: number;
}

export interface PoolCapacity {
  pool: string;
  /** Named agents of the pool. */
  members: number;
  days: DayCapacity[];
  windows: WindowCapacity[];
}

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
        return { date, agents: present.length, byShift };
      });
      const windows = dates.map((from) => {
        const to = addDays(from, WINDOW_DAYS - 1) > end ? end : addDays(from, WINDOW_DAYS - 1);
        const span = datesBetween(from, to);
        const agentDays = members.reduce((sum, a) => {
          const free = span.filter((d) => !onLeave(a, d)).length;
          return sum + Math.min(a.maxDaysPerWeek, config.roster.maxConsecutiveDays, free);
        }, 0);
        return { start: from, end: to, agentDays };
      });
      return { pool: pool.name, members: members.length, days, windows };
    });
}

/** Cap every (date, shift) the roster left short at the number it filled. */
export function tightenCapacity(capacity: readonly PoolCapacity[], roster: Pick<Roster, 'assignments' | 'unfilled'>): PoolCapacity[] {
  return capacity.map((pc) => ({
    pool: pc.pool,
    members: pc.members,
    windows: pc.windows.map((w) => ({ ...w })),
    days: pc.days.map((d) => {
      const byShift = { ...d.byShift };
      for (const u of roster.unfilled) {
        if (u.pool !== pc.pool || u.date !== d.date) continue;
        const filled = roster.assignments.filter((a) => a.pool === pc.pool && a.date === d.date && a.shift === u.shift && a.kind === 'agent').length;
        byShift[u.shift] = Math.min(byShift[u.shift] ?? 0, filled);
      }
      return { ...d, byShift };
    }),
  }));
}
