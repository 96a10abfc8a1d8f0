/** Who may work which shift: the agent's pool and shift list, and night shifts only with night_ok. */
import type { Violation, RosterRule } from './context';
import type { Agent } from '../types';

/** True when the agent may work `shift` of `pool` (pool and shift list; night_ok is its own rule). */
export function shiftAllowed(agent: Agent, pool: string, shift: string): boolean {
  return agent.pool === pool && (agent.shifts === null || agent.shifts.includes(shift));
}

export function nightAllowed(agent: Agent, shift: string, nightShifts: ReadonlySet<string>): boolean {
  return agent.nightOk || !nightShifts.has(shift);
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
      if (agent && !nightAllowed(agent, a.shift, ctx.nightShifts)) {
        out.push({ rule: this.name, date: a.date, personId: a.personId, message: `${a.personId} has night_ok=false but works the ${a.shift} shift on ${a.date}` });
      }
    }
    return out;
  },
};
