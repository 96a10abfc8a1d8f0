/**
 * "Every hour is covered, or the shortfall is paid for."
 *
 * For each horizon hour h and queue q (and, with multi-skilled pools, each set S
 * of queues; see `queueSubsets`):
 *
 *   sum over agents a on shift at h serving S of  agents_a x (1 - shrinkage) x productivity_pool(a)
 *     + sum over q in S of shortfall[q,h]  >=  sum over q in S of required[q,h]
 *
 * with 0 <= shortfall[q,h] <= required[q,h] costing `understaffingPenalty` per
 * productive agent-hour, so the model is always feasible and the plan reports
 * exactly where and how much is short.
 */
import { hourKey } from '../horizon';
import { queueSubsets, queuesOf, type PlanContext } from '../model';

export function addCoverage(ctx: PlanContext): void {
  const { horizon, builder, config } = ctx;
  ctx.shortfall = horizon.queues.map((queue, q) =>
    (horizon.required[q] ?? []).map((need, h) =>
      need > 0 ? builder.addVariable(`shortfall[${hourKey(horizon, h)},${queue.name}]`, { upper: need, cost: config.understaffingPenalty }) : -1,
    ),
  );
  const subsets = queueSubsets(ctx);
  const nq = horizon.queues.length;
  for (let h = 0; h < horizon.hours; h++) {
    const covering = ctx.byHour[h] ?? [];
    for (const mask of subsets) {
      const qs = queuesOf(mask, nq);
      let need = 0;
      const vars: number[] = [];
      const coefs: number[] = [];
      for (const q of qs) {
        need += horizon.required[q]?.[h] ?? 0;
        const s = ctx.shortfall[q]?.[h] ?? -1;
        if (s >= 0) {
          vars.push(s);
          coefs.push(1);
        }
      }
      if (need <= 0) continue;
      for (const i of covering) {
        const a = ctx.agents[i];
        if (!a || (a.queue !== null && !(mask & (1 << a.queue)))) continue;
        vars.push(a.variable);
        coefs.push(a.productive);
      }
      builder.addConstraint(`coverage[${hourKey(horizon, h)},${qs.map((q) => horizon.queues[q]?.name).join('+')}]`, vars, coefs, '>=', need);
    }
  }
}
