/** Leave and other unavailable dates from the agents file are respected. */
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
