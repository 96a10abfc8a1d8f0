/**
 * "Every hour holds its service floor, and what is short of the target is paid
 * for by the inquiries it loses."
 *
 * Capacity of queue q in hour h, in productive agents (breaks taken out, see
 * FloorTerm in model.ts):
 *
 *   cap[q,h] = sum over agents a dedicated to q on the floor at h of  weight x agents_a x productive_a
 *              + route[q,h]                                   (agents serving every queue)
 *   sum over q of route[q,h]  <=  sum over agents a serving every queue of weight x agents_a x productive_a
 *
 * (with one queue, the multi-queue agents count for it directly). Then, with
 * R = required[q,h] and F = floors[q,h] (the agents that reach the queue's
 * hourly service floor, F <= R):
 *
 *   cap[q,h]                                   >= F      the service floor, a hard rule
 *   cap[q,h] + sum over k of short[q,h,k]      >= R      short[q,h,k] in [0, width_k]
 *
 * Segment k is the k-th missing agent below R; it costs costPerLostInquiry x
 * the inquiries that agent would have answered within target
 * (staffing/shortage.ts), a convex price: the segments fill in order, a deep
 * hole costs more per agent than a shallow one, and shortage spreads over hours
 * and queues instead of piling into one. The curve goes on above R: the row's
 * right side is R + E for E priced agents above R, and unbought[q,h,k] in [0, 1]
 * (the k-th of them not bought) costs the inquiries that agent would still
 * save, so an agent beyond the bare requirement is bought where it saves more
 * than it costs (R meets the target on average; a buffer above it is what keeps
 * an hour at target when arrivals run high). Its slopes never exceed the first
 * missing agent's, so the curve stays convex. Every cost is positive, so the
 * objective the solver sees (and its relative gap) is staffing cost plus the
 * price of the inquiries lost against the top of each hour's curve. Extras
 * stop where an agent saves less than a quarter of the cheapest agent-hour's
 * cost, or after 6. An hour with inquiries of 0 but agents
 * required (hand-made requirements) prices each missing agent-hour at the
 * inquiries a productive agent handles in an hour at maximum occupancy.
 *
 * With `allowShort` (planShifts uses it only when no plan holds the floor) the
 * floor row goes and the segments run on down to 0, each agent below the floor
 * priced at BELOW_FLOOR_FACTOR (3) x the inquiries it loses: steep enough that
 * the plan holds the floor wherever covering it pays at all, and a model that
 * solves as fast as the plain one (a flat penalty far above every price made
 * the branch and bound crawl).
 * `forceCovered` queue-hours get no shortage segments (the re-solve that prices
 * covering a short cluster).
 *
 * With `forecast.hedge` a queue-hour carries the volumes its forecast band may
 * bring (staffing/hedge.ts) and the whole curve is their expected loss; its
 * extras span the band (pieces wider than one agent where it is wide), so a
 * buffer is bought where the band runs high and the model keeps its size.
 */
import { lostInquiryCost } from '../../config';
import type { VolumeOutcome } from '../../domain';
import { expectedMarginalLosses, marginalLosses } from '../../staffing';
import { hourKey } from '../horizon';
import { agentShiftCost } from '../pricing';
import type { LossSegment, PlanContext, QueueHourShortage } from '../model';
import { seatCost } from './vendorSeats';

/** Capacity terms of queue q (or, with q = null, of the multi-queue agents) at hour h. */
export function capacityTerms(ctx: PlanContext, h: number, q: number | null): { vars: number[]; coefs: number[] } {
  const vars: number[] = [];
  const coefs: number[] = [];
  for (const t of ctx.terms[h] ?? []) {
    const a = ctx.agents[t.agent];
    if (!a || a.queue !== q) continue;
    vars.push(t.variable);
    coefs.push(t.weight * a.productive);
  }
  return { vars, coefs };
}

/** The least any productive agent-hour can cost: the cheapest agent-shift per productive hour it works. */
function cheapestAgentHour(ctx: PlanContext): number {
  let cheapest = Infinity;
  for (const a of ctx.agents) {
    const pool = ctx.pools[a.pool];
    if (!pool) continue;
    const c = agentShiftCost(pool, a.start, a.surge);
    const hours = a.start.paidHours * a.productive;
    if (hours > 0) cheapest = Math.min(cheapest, (c.base + c.overtime + c.nightPremium) / hours);
  }
  return Number.isFinite(cheapest) ? cheapest : 0;
}

/** Above the requirement, agents saving fewer inquiries than this share of the cheapest agent-hour's cost can never pay. */
const EXTRA_VALUE_FLOOR = 0.25;
/** At most this many priced agents above the requirement per queue-hour. */
export const EXTRA_AGENTS = 6;
/** With allowShort, an agent below the hourly floor costs this many times the service it loses. */
export const BELOW_FLOOR_FACTOR = 3;

/**
 * Width of each priced piece above the requirement R on a hedged curve: the
 * agents from R to what the band's highest volume needs (taken as R scaled by
 * that volume over the sized one: staffing grows about linearly with load), in
 * at most EXTRA_AGENTS pieces; 1 where the band is narrow or the queue small.
 */
function extraWidth(outcomes: readonly VolumeOutcome[], inquiries: number, required: number): number {
  const top = outcomes.reduce((most, o) => Math.max(most, o.inquiries), 0);
  return Math.max(1, Math.ceil((required * (top / inquiries - 1)) / EXTRA_AGENTS - 1e-9));
}

function shortageOf(ctx: PlanContext, q: number, h: number, cheapest: number): QueueHourShortage | null {
  const { horizon, builder, config } = ctx;
  const queue = horizon.queues[q];
  const required = horizon.required[q]?.[h] ?? 0;
  if (!queue || required <= 0) return null;
  const floor = ctx.skip.has('serviceFloor') ? 0 : Math.min(required, horizon.floors[q]?.[h] ?? 0);
  const inquiries = horizon.inquiries[q]?.[h] ?? 0;
  const price = lostInquiryCost(config, queue.config);
  const segments: LossSegment[] = [];
  const extra: LossSegment[] = [];
  // Priced shortage reaches down to the floor held as a hard rule; with allowShort down to 0,
  // an agent below the floor priced at BELOW_FLOOR_FACTOR x what it loses.
  const hardFloor = ctx.allowShort ? 0 : floor;
  const gap = required - hardFloor;
  const forced = ctx.forceCovered.has(`${q}:${h}`);
  const key = `${hourKey(horizon, h)},${queue.name}`;
  let lateAtRequired = 0;
  const below = (level: number): boolean => ctx.allowShort && level < floor - 1e-9;
  const factor = (level: number): number => (below(level) ? ctx.belowFloorFactor : 1);
  if (inquiries > 0) {
    const whole = Math.ceil(gap - 1e-9);
    const minAbove = price > 0 ? (EXTRA_VALUE_FLOOR * cheapest) / price : Infinity;
    const outcomes = horizon.outcomes[q]?.[h];
    // forecast.hedge: the expected loss over the hour's possible volumes, its extras reaching
    // across the band in at most EXTRA_AGENTS pieces; else the loss at the sized volume.
    const step = outcomes ? extraWidth(outcomes, inquiries, Math.round(required)) : 1;
    const losses = outcomes
      ? expectedMarginalLosses(queue.config, outcomes, Math.round(required), whole, price > 0 ? EXTRA_AGENTS : 0, minAbove, step)
      : marginalLosses(queue.config, inquiries, Math.round(required), whole, price > 0 ? EXTRA_AGENTS : 0, minAbove);
    lateAtRequired = losses.atRequired;
    if (!forced) {
      for (let k = 0; k < whole; k++) {
        const width = Math.min(1, gap - k);
        const lost = losses.below[k] ?? losses.below[losses.below.length - 1] ?? 0;
        const level = required - k - width;
        const cost = lost * price * factor(level);
        segments.push({ variable: builder.addVariable(`short[${key},${k + 1}]`, { upper: width, cost }), width, lostPerAgent: lost, costPerAgent: cost, ...(below(level) ? { belowFloor: true } : {}) });
      }
    }
    losses.above.forEach((saved, k) => {
      extra.push({ variable: builder.addVariable(`unbought[${key},${k + 1}]`, { upper: step, cost: saved * price }), width: step, lostPerAgent: saved, costPerAgent: saved * price });
    });
  } else if (gap > 1e-9 && !forced) {
    const lost = 1 / queue.agentHoursPerInquiry;
    // Hand-made requirements (no inquiries): one segment to the floor, one below it.
    const above = required - Math.max(hardFloor, ctx.allowShort ? floor : hardFloor);
    if (above > 1e-9) segments.push({ variable: builder.addVariable(`short[${key}]`, { upper: above, cost: lost * price }), width: above, lostPerAgent: lost, costPerAgent: lost * price });
    const under = gap - Math.max(0, above);
    if (under > 1e-9) segments.push({ variable: builder.addVariable(`short[${key},below]`, { upper: under, cost: lost * price * ctx.belowFloorFactor }), width: under, lostPerAgent: lost, costPerAgent: lost * price * ctx.belowFloorFactor, belowFloor: true });
  }
  return { required, floor, hardFloor, lateAtRequired, segments, extra, belowFloor: -1 };
}

export function addCoverage(ctx: PlanContext): void {
  const { horizon, builder } = ctx;
  const nq = horizon.queues.length;
  const cheapest = cheapestAgentHour(ctx);
  ctx.shortage = horizon.queues.map((_, q) => Array.from({ length: horizon.hours }, (_, h) => shortageOf(ctx, q, h, cheapest)));
  const shared = nq > 1 && ctx.agents.some((a) => a.queue === null);
  ctx.routing = horizon.queues.map(() => new Array<number>(horizon.hours).fill(-1));
  for (let h = 0; h < horizon.hours; h++) {
    const key = hourKey(horizon, h);
    if (shared) {
      const pooled = capacityTerms(ctx, h, null);
      const routes: number[] = [];
      horizon.queues.forEach((queue, q) => {
        if (!ctx.shortage[q]?.[h]) return;
        const r = builder.addVariable(`route[${key},${queue.name}]`, {});
        (ctx.routing[q] as number[])[h] = r;
        routes.push(r);
      });
      if (routes.length > 0) ctx.rowHour.set(builder.addConstraint(`routing[${key}]`, [...routes, ...pooled.vars], [...routes.map(() => 1), ...pooled.coefs.map((c) => -c)], '<=', 0), h);
    }
    horizon.queues.forEach((queue, q) => {
      const s = ctx.shortage[q]?.[h];
      if (!s) return;
      const own = capacityTerms(ctx, h, q);
      const vars = [...own.vars];
      const coefs = [...own.coefs];
      if (shared) {
        vars.push(ctx.routing[q]?.[h] ?? -1);
        coefs.push(1);
      } else if (nq === 1) {
        const pooled = capacityTerms(ctx, h, null);
        vars.push(...pooled.vars);
        coefs.push(...pooled.coefs);
      }
      if (vars.length === 0 && (s.hardFloor > 0 || (s.segments.length === 0 && s.extra.length === 0 && s.required > 0))) {
        // No shift of any pool reaches this hour (and nothing may be left short there): a row the solver
        // reports infeasible (and the diagnosis names).
        s.belowFloor = builder.addVariable(`belowFloor[${key},${queue.name}]`, { upper: 0 });
      }
      const floorVars = s.belowFloor >= 0 ? [...vars, s.belowFloor] : vars;
      const floorCoefs = s.belowFloor >= 0 ? [...coefs, 1] : coefs;
      if (s.hardFloor > 0) ctx.rowHour.set(builder.addConstraint(`floor[${key},${queue.name}]`, floorVars, floorCoefs, '>=', s.hardFloor), h);
      if (s.required > s.hardFloor || s.hardFloor === 0 || s.extra.length > 0) {
        const row = builder.addConstraint(
          `coverage[${key},${queue.name}]`,
          [...floorVars, ...s.segments.map((g) => g.variable), ...s.extra.map((g) => g.variable)],
          [...floorCoefs, ...s.segments.map(() => 1), ...s.extra.map(() => 1)],
          '>=',
          s.required + s.extra.reduce((n, g) => n + g.width, 0),
        );
        ctx.rowHour.set(row, h);
      }
    });
  }
}
