/**
 * "Each in-house agent works at most `maxDaysPerWeek` days in any 7 days."
 *
 * Aggregate form, so a named roster always exists: for each in-house pool and
 * each window W of 7 consecutive dates (or all dates when the plan is shorter),
 *   sum over d in W of agents working on d  <=  headcount x min(maxDaysPerWeek, |W|)
 */
import { agentsOnDay, type PlanContext } from '../model';

export function addInhouseDaysPerWeek(ctx: PlanContext): void {
  const { dates } = ctx.horizon;
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'inhouse' || ctx.skip.has('poolCapacity')) return;
    const length = Math.min(7, dates.length);
    const limit = pool.headcount * Math.min(pool.maxDaysPerWeek, length);
    if (limit >= pool.headcount * length) return;
    for (let first = 0; first + length <= dates.length; first++) {
      const vars: number[] = [];
      for (let d = first; d < first + length; d++) for (const a of agentsOnDay(ctx, p, d)) vars.push(a.variable);
      ctx.builder.addConstraint(`daysPerWeek[${pool.name},${dates[first]}..${dates[first + length - 1]}]`, vars, vars.map(() => 1), '<=', limit);
    }
  });
}
