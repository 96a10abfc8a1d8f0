/**
 * "In-house, no more agents work a day than we employ, and at least the daily minimum."
 *
 * For each in-house pool p and date d (shifts counted on the date they start):
 *   sum of agents_a starting on d  <=  min(headcount, maxAgentsPerDay)
 *   sum of agents_a starting on d  >=  minAgentsPerDay      (horizon dates only)
 */
import { agentsOnDay, type PlanContext } from '../model';

export function addInhouseHeadcount(ctx: PlanContext): void {
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'inhouse') return;
    const cap = Math.min(pool.headcount, pool.maxAgentsPerDay ?? Infinity);
    ctx.horizon.dates.forEach((date, d) => {
      const vars = agentsOnDay(ctx, p, d).map((a) => a.variable);
      const ones = vars.map(() => 1);
      if (!ctx.skip.has('poolCapacity')) ctx.builder.addConstraint(`headcount[${pool.name},${date}]`, vars, ones, '<=', cap);
      if (pool.minAgentsPerDay > 0 && d >= ctx.horizon.firstHorizonDay && !ctx.skip.has('inhouseHeadcount')) {
        ctx.builder.addConstraint(`minimumPerDay[${pool.name},${date}]`, vars, ones, '>=', pool.minAgentsPerDay);
      }
    });
  });
}
