/**
 * "A per-inquiry vendor is paid for the inquiries it takes, and it takes what the
 * others cannot handle." (Only built when some vendor prices `perInquiry`.)
 *
 * Each hour's inquiries of queue q are routed: routed[h,v,q] to each per-inquiry
 * vendor v (billed at its rate), the rest handled by the other pools, and
 * unrouted[h,q] what nobody can take. In productive agent-hours, with
 * w_q = ahtSeconds / (3600 x concurrency x maxOccupancy) per inquiry:
 *
 *   w_q x routed[h,v,q] summed over the vendor's queues <= productive agents of v at h
 *   for each set S of queues (see `queueSubsets`):
 *     sum over q in S of w_q x (inquiries[h,q] - sum_v routed[h,v,q] - unrouted[h,q])
 *       <= productive agents at h of the other pools serving S
 *
 * Agents count as on the floor (breaks taken out, see FloorTerm). An unrouted
 * inquiry costs more than any per-inquiry rate plus the queue's cost per lost
 * inquiry, so inquiries are left unrouted only when no capacity exists.
 */
import { lostInquiryCost } from '../../config';
import { hourKey } from '../horizon';
import { queueSubsets, queuesOf, servesQueue, type PlanContext } from '../model';

export function perInquiryRate(ctx: PlanContext, p: number): number | undefined {
  const pool = ctx.pools[p];
  return pool && pool.kind === 'vendor' && pool.pricing.model === 'perInquiry' ? pool.pricing.rate : undefined;
}

export function addInquiryRouting(ctx: PlanContext): void {
  const { horizon, builder, config } = ctx;
  const rates = ctx.pools.map((_, p) => perInquiryRate(ctx, p));
  const maxRate = Math.max(0, ...rates.map((r) => r ?? 0));
  ctx.unrouted = horizon.queues.map(() => new Array<number>(horizon.hours).fill(-1));
  if (rates.every((r) => r === undefined)) return;
  const nq = horizon.queues.length;
  const subsets = queueSubsets(ctx);
  for (let h = 0; h < horizon.hours; h++) {
    const covering = (ctx.byHour[h] ?? []).map((i) => ctx.agents[i] as NonNullable<(typeof ctx.agents)[number]>);
    const terms = (ctx.terms[h] ?? []).map((t) => ({ ...t, a: ctx.agents[t.agent] as NonNullable<(typeof ctx.agents)[number]> }));
    const routedTo: number[][] = horizon.queues.map(() => []);
    horizon.queues.forEach((queue, q) => {
      const inq = horizon.inquiries[q]?.[h] ?? 0;
      if (inq <= 0) return;
      const w = queue.agentHoursPerInquiry;
      (ctx.unrouted[q] as number[])[h] = builder.addVariable(`unrouted[${hourKey(horizon, h)},${queue.name}]`, {
        upper: inq,
        cost: maxRate + lostInquiryCost(config, queue.config) + 1e-6,
      });
      ctx.pools.forEach((pool, p) => {
        const rate = rates[p];
        if (rate === undefined || !servesQueue(pool, queue.name)) return;
        if (!covering.some((a) => a.pool === p && (a.queue === null || a.queue === q))) return;
        const variable = builder.addVariable(`routed[${hourKey(horizon, h)},${pool.name},${queue.name}]`, { upper: inq, cost: rate });
        ctx.routed[h]?.push({ pool: p, queue: q, variable });
        routedTo[q]?.push(variable);
      });
    });
    // Each per-inquiry vendor handles no more than its agents can at max occupancy.
    ctx.pools.forEach((pool, p) => {
      if (rates[p] === undefined) return;
      const mine = terms.filter((t) => t.a.pool === p);
      const groups: Array<number | null> = pool.queues ? [...new Set(mine.map((t) => t.a.queue))] : [null];
      for (const group of groups) {
        const vars: number[] = [];
        const coefs: number[] = [];
        for (const r of ctx.routed[h] ?? []) {
          if (r.pool !== p || (group !== null && r.queue !== group)) continue;
          vars.push(r.variable);
          coefs.push(horizon.queues[r.queue]?.agentHoursPerInquiry ?? 0);
        }
        if (vars.length === 0) continue;
        for (const t of mine) {
          if (group !== null && t.a.queue !== group) continue;
          vars.push(t.variable);
          coefs.push(-t.weight * t.a.productive);
        }
        ctx.rowHour.set(builder.addConstraint(`inquiryCapacity[${hourKey(horizon, h)},${pool.name}${group === null ? '' : `,${horizon.queues[group]?.name}`}]`, vars, coefs, '<=', 0), h);
      }
    });
    // The other pools handle the rest.
    for (const mask of subsets) {
      const qs = queuesOf(mask, nq);
      let load = 0;
      const vars: number[] = [];
      const coefs: number[] = [];
      for (const q of qs) {
        const w = horizon.queues[q]?.agentHoursPerInquiry ?? 0;
        load += w * (horizon.inquiries[q]?.[h] ?? 0);
        for (const v of routedTo[q] ?? []) {
          vars.push(v);
          coefs.push(w);
        }
        const u = ctx.unrouted[q]?.[h] ?? -1;
        if (u >= 0) {
          vars.push(u);
          coefs.push(w);
        }
      }
      if (load <= 0) continue;
      for (const t of terms) {
        if (rates[t.a.pool] !== undefined || (t.a.queue !== null && !(mask & (1 << t.a.queue)))) continue;
        vars.push(t.variable);
        coefs.push(t.weight * t.a.productive);
      }
      ctx.rowHour.set(builder.addConstraint(`inquiryRouting[${hourKey(horizon, h)},${qs.map((q) => horizon.queues[q]?.name).join('+')}]`, vars, coefs, '>=', load), h);
    }
  }
}
