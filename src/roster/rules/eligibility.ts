/** Who may work which shift: the agent's pool and shift list, and night hours only with night_ok. */
import type { Violation, RosterRule } from './context';
import type { Agent } from '../types';
import { reachesNight } from '../shifts';

/** True when the agent may work `shift` of `pool` (pool and shift list; night_ok is its own rule). */
export function shiftAllowed(agent: Agent, pool: string, shift: string): boolean {
  return agent.pool === pool && (agent.shifts === null || agent.shifts.includes(shift));
}

/**
 * True when the agent may work the shift (`line` with its own start and end,
 * overtime included): agents without night_ok never work a night shift nor
 * any hour from 00:00 to 06:00 (a middle shift with overtime past midnight).
 * A shift name alone (the plan's per-shift counts) is judged by its type.
 */
export function nightAllowed(agent: Agent, line: string | { shift: string; start: string; end: string }, nightShifts: ReadonlySet<string>): boolean {
  if (agent.nightOk) return true;
  if (typeof line === 'string') return !nightShifts.has(line);
  return !nightShifts.has(line.shift) && !reachesNight(line.start, line.end);
}

export const allowedShifts: RosterRule = {
  name: 'allowed-shifts',
  reason: "an agent works only their own pool's shifts and the shifts listed for them",
  check(ctx) {
    const out: Violation[] = [];
    for (const a of ctx.assignments) {
      const agent = ctx.agents.get(a.personId);
      if (agent && !shiftAllowed(agent, a.pool, a.shift)) {
        out.push({ rule: this.name, date: a.date, personId: a.personId, message: `${a.personId} (${agent.pool}, shifts ${agent.shifts?.join(';') ?? 'all'}) is on ${a.pool} ${a.shift}` });
      }
    }
    return out;
  },
};

export const nightOnlyIfNightOk: RosterRule = {
  name: 'night-ok',
  reason: 'night shifts (any hour 00:00-06:00) only for agents with night_ok',
  check(ctx) {
    const out: Violation[] = [];
    for (const a of ctx.assignments) {
      const agent = ctx.agents.get(a.personId);
      if (agent && !nightAllowed(agent, a, ctx.nightShifts)) {
        out.push({ rule: this.name, date: a.date, personId: a.personId, message: `${a.personId} has night_ok=false but works the ${a.shift} shift ${a.start.slice(11)}-${a.end.slice(11)} on ${a.date}` });
      }
    }
    return out;
  },
};
