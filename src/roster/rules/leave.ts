/** Leave and other unavailable dates from the agents file are respected; the in-house team covers every day. */
import type { Agent } from '../types';
import type { RosterRule, Violation } from './context';

export function onLeave(agent: Agent, date: string): boolean {
  return agent.unavailable.includes(date);
}

export const leaveRespected: RosterRule = {
  name: 'leave',
  reason: 'nobody works on a date listed as unavailable',
  check(ctx) {
    const out: Violation[] = [];
    for (const a of ctx.assignments) {
      const agent = ctx.agents.get(a.personId);
      if (agent && onLeave(agent, a.date)) {
        out.push({ rule: this.name, date: a.date, personId: a.personId, message: `${a.personId} is on leave on ${a.date} but works ${a.shift}` });
      }
    }
    return out;
  },
};

export const minCoverPerDay: RosterRule = {
  name: 'min-cover-per-day',
  reason: 'at least pools[].minAgentsPerDay in-house agents work every day of the plan',
  check(ctx) {
    const out: Violation[] = [];
    for (const [pool, min] of ctx.minCover) {
      if (min <= 0) continue;
      for (const date of ctx.dates) {
        const working = new Set(ctx.assignments.filter((a) => a.pool === pool && a.date === date && a.kind === 'agent').map((a) => a.personId)).size;
        if (working < min) out.push({ rule: this.name, date, personId: '', message: `${working} ${pool} agents work on ${date}; at least ${min} must (pools[].minAgentsPerDay)` });
      }
    }
    return out;
  },
};
