/**
 * "Pay the least for the plan" — the objective:
 *
 *   sum over agent variables of agents_a x (shift pay + overtime + in-house night premium)   (see pricing.ts)
 *   + sum over vendors of (engagementFee + fixedFee) x used_v + seatCost_v x seats_v
 *   + per-inquiry bills and the shortfall penalty (added by their own rules)
 *
 * Ties are broken deterministically by tiny costs far below a currency cent:
 * 1e-3 per agent-shift (fewer agents), then 1e-5 per hour of start offset
 * (earlier starts), then 1e-7 per pool position (pools in config order).
 */
import { agentShiftCost, usageFees } from '../pricing';
import type { PlanContext } from '../model';
import { seatCost } from './vendorSeats';

export const TIE_BREAK = { perAgent: 1e-3, perOffsetHour: 1e-5, perPoolIndex: 1e-7, perBreakHour: 1e-6 } as const;

export function addCosts(ctx: PlanContext): void {
  const { builder } = ctx;
  for (const a of ctx.agents) {
    const pool = ctx.pools[a.pool];
    if (!pool) continue;
    const cost = agentShiftCost(pool, a.start, a.surge);
    const tie = TIE_BREAK.perAgent + TIE_BREAK.perOffsetHour * a.start.offset + TIE_BREAK.perPoolIndex * a.pool;
    builder.addCost(a.variable, cost.base + cost.overtime + cost.nightPremium + tie);
    // Earlier breaks first among equal plans (a deterministic choice of break times).
    for (const choices of a.breaks) for (const c of choices) if (c.variable >= 0) builder.addCost(c.variable, TIE_BREAK.perBreakHour * c.offset);
  }
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'vendor') return;
    const used = ctx.used[p] ?? -1;
    if (used >= 0) {
      const fees = usageFees(pool);
      builder.addCost(used, fees.engagement + fees.fixed);
    }
    const seats = ctx.seats[p] ?? -1;
    if (seats >= 0) builder.addCost(seats, seatCost(ctx, p));
  });
}
