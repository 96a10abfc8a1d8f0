/**
 * "A vendor sends at most `maxAgentsPerDay` agents, at least `minAgentsPerDay`
 * on every day we use them, and none before `availableFrom`."
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
    horizon.dates.forEach((date, d) => {
      const day = agentsOnDay(ctx, p, d);
      if (day.length === 0) return;
      const vars = day.map((a) => a.variable);
      const ones = vars.map(() => 1);
      if (used >= 0) {
        if (pool.maxAgentsPerDay !== undefined) builder.addConstraint(`vendorMax[${pool.name},${date}]`, [...vars, used], [...ones, -pool.maxAgentsPerDay], '<=', 0);
        for (const a of day) builder.addConstraint(`vendorUsed[${builder.variables[a.variable]?.name ?? ''}]`, [a.variable, used], [1, -(ctx.agentBound[p] ?? 0)], '<=', 0);
        if (pool.minAgentsPerDay > 0 && d >= horizon.firstHorizonDay && !ctx.skip.has('vendorCapacity')) {
          builder.addConstraint(`vendorMin[${pool.name},${date}]`, [...vars, used], [...ones, -pool.minAgentsPerDay], '>=', 0);
        }
      } else if (pool.maxAgentsPerDay !== undefined) {
        builder.addConstraint(`vendorMax[${pool.name},${date}]`, vars, ones, '<=', pool.maxAgentsPerDay);
      }
    });
  });
}
