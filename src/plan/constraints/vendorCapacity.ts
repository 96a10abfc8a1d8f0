/**
 * "A vendor sends at most `maxAgentsPerDay` agents, at least `minAgentsPerDay`
 * on every day we use them, and none before `availableFrom`; surge agents come
 * on top, at most `surge.maxAgentsPerDay` a day."
 *
 * With used_v a binary that is 1 when the vendor works at all (created when the
 * vendor has fees or a daily minimum), for each date d the vendor may work:
 *   sum of agents_a starting on d  <=  maxAgentsPerDay x used_v
 *   sum of agents_a starting on d  >=  minAgentsPerDay x used_v   (horizon dates)
 * and, which keeps the relaxation tight, agents_a <= bound_a x used_v for each
 * of the vendor's variables (bound_a: see `agentUpperBound` in model.ts).
 * `availableFrom` is applied by creating no variables before that date.
 */
import { usageFees } from '../pricing';
import { agentsOnDay, type PlanContext } from '../model';

export function addVendorCapacity(ctx: PlanContext): void {
  const { builder, horizon } = ctx;
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'vendor') return;
    const fees = usageFees(pool);
    const needsBinary = fees.engagement > 0 || fees.fixed > 0 || pool.minAgentsPerDay > 0;
    const used = needsBinary ? builder.addVariable(`used[${pool.name}]`, { upper: 1, integer: true }) : -1;
    ctx.used[p] = used;
    const capped = !ctx.skip.has('poolCapacity');
    horizon.dates.forEach((date, d) => {
      const all = agentsOnDay(ctx, p, d);
      if (all.length === 0) return;
      const day = all.filter((a) => !a.surge);
      const surge = all.filter((a) => a.surge).map((a) => a.variable);
      const vars = day.map((a) => a.variable);
      const ones = vars.map(() => 1);
      if (surge.length > 0 && pool.surge && capped) builder.addConstraint(`surgeMax[${pool.name},${date}]`, surge, surge.map(() => 1), '<=', pool.surge.maxAgentsPerDay);
      if (used >= 0) {
        if (pool.maxAgentsPerDay !== undefined && capped && vars.length > 0) builder.addConstraint(`vendorMax[${pool.name},${date}]`, [...vars, used], [...ones, -pool.maxAgentsPerDay], '<=', 0);
        for (const a of all) builder.addConstraint(`vendorUsed[${builder.variables[a.variable]?.name ?? ''}]`, [a.variable, used], [1, -(builder.variables[a.variable]?.upper ?? ctx.agentBound[p] ?? 0)], '<=', 0);
        if (pool.minAgentsPerDay > 0 && d >= horizon.firstHorizonDay && !ctx.skip.has('vendorCapacity')) {
          builder.addConstraint(`vendorMin[${pool.name},${date}]`, [...vars, ...surge, used], [...ones, ...surge.map(() => 1), -pool.minAgentsPerDay], '>=', 0);
        }
      } else if (pool.maxAgentsPerDay !== undefined && capped && vars.length > 0) {
        builder.addConstraint(`vendorMax[${pool.name},${date}]`, vars, ones, '<=', pool.maxAgentsPerDay);
      }
    });
  });
}
