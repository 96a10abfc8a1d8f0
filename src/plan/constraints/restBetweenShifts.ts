/**
 * "Every agent gets `roster.minRestHours` (11 h) rest between shifts" — aggregate
 * form, so a named roster can exist.
 *
 * For each pool p whose people are counted (in-house: its agents; a vendor with a
 * seat count: seats_v), each date d and each start time s of p's shifts on d+1:
 *
 *   sum of agents_a starting on d that end after s - minRestHours
 *     + sum of agents_a starting on d+1 at or before s                <=  people of p
 *
 * Why it holds for every roster: a person counted in the first sum ends work
 * after s - minRestHours on d; had they also a shift on d+1 starting at or
 * before s, they would rest less than minRestHours. So the two sums count
 * different people (and each person once: one shift a date), at most the pool.
 *
 * Why it is needed (the other rules do not imply it): 24 agents on the 13:00
 * middle shift of d (ends 22:00) and 24 on the 08:00 day shift of d+1 meet the
 * headcount (24 a day) and the days-per-week rule (2 days), but every agent
 * would rest 10 h < 11 h, so no roster fills both; this rule allows at most 24
 * on the two shifts together (test/plan/rosterable.test.ts shows the plan
 * without it leaves seats unfilled).
 */
import { agentsOnDay, type AgentVar, type PlanContext } from '../model';
import { inhousePeople } from './inhouseAvailability';

export function startMinute(a: AgentVar): number {
  return a.start.startHour * 60 + a.start.startMinute;
}

export function endMinute(a: AgentVar): number {
  return startMinute(a) + a.start.hours * 60;
}

export function addRestBetweenShifts(ctx: PlanContext): void {
  const rest = ctx.config.roster.minRestHours * 60;
  if (rest <= 0) return;
  const { dates } = ctx.horizon;
  ctx.pools.forEach((pool, p) => {
    const seats = ctx.seats[p] ?? -1;
    if (pool.kind === 'vendor' && seats < 0) return;
    for (let d = 0; d + 1 < dates.length; d++) {
      // Surge agents are the vendor's extra people, not its seats: the seat rules leave them out.
      const today = agentsOnDay(ctx, p, d).filter((a) => !a.surge);
      const tomorrow = agentsOnDay(ctx, p, d + 1).filter((a) => !a.surge);
      const times = [...new Set(tomorrow.map(startMinute))].sort((x, y) => x - y);
      let previous = '';
      for (const s of times) {
        const late = today.filter((a) => endMinute(a) > s - rest);
        if (late.length === 0) continue;
        const early = tomorrow.filter((a) => startMinute(a) <= s);
        const vars = [...late, ...early].map((a) => a.variable);
        const key = vars.join(',');
        if (key === previous) continue;
        previous = key;
        const name = `rest[${pool.name},${dates[d]},${s % 1440 === 0 ? 0 : Math.floor((s % 1440) / 60)}h${s % 60 || ''}]`;
        if (pool.kind === 'inhouse') {
          const people = inhousePeople(ctx, p, d);
          if (Number.isFinite(people)) ctx.builder.addConstraint(name, vars, vars.map(() => 1), '<=', people);
        }
        else ctx.builder.addConstraint(name, [...vars, seats], [...vars.map(() => 1), -1], '<=', 0);
      }
    }
  });
}
