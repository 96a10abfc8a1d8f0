/**
 * Reads a solver answer back into the plan: shift lines, coverage per hour and
 * queue, and the summary figures (cost by pool and type, agent-hours by pool,
 * outsourcing share per scope period, shortfall and worst hours, schedule
 * efficiency, solver figures). Every figure is recomputed from the rounded
 * agent counts with the same pricing functions the objective used, so the
 * exported totals always add up.
 */
import { hourKeyFromNumber, type LineBreak, type ShiftLine } from '../domain';
import { agentShiftCost, COST_TYPES, usageFees, type CostType } from './pricing';
import { hourKey } from './horizon';
import type { PlanModel } from './model';
import { scopePeriods } from './constraints/outsourcingRatio';
import { seatCost } from './constraints/vendorSeats';
import { perInquiryRate } from './constraints/inquiryRouting';
import { trainingCostPerSeat } from './pricing';
import type { MipOptions, MipResult } from './solver/model';
import { lostInquiryCost } from '../config';
import type { FloorDiagnosis } from './feasibility';

export interface CoverageRow {
  /** `YYYY-MM-DDTHH:00`. */
  timestamp: string;
  /** Queue name, or `all` for the hour's total. */
  queue: string;
  /** Productive agents required. */
  required: number;
  /** Productive agents scheduled for this queue (multi-queue agents routed as in `routeHour`). */
  scheduled: number;
  shortfall: number;
  surplus: number;
  /** Agents on the floor (before shrinkage, breaks taken out); on queue rows, agents dedicated to the queue plus the routed share of multi-queue ones. */
  agents: number;
  /** Productive agents that reach the hourly service floor. */
  floor?: number;
  /**
   * Inquiries not answered within the target time (abandoned included) at the
   * scheduled agents, on the plan's loss curve (the queue model at whole agents,
   * linear in between).
   */
  lateInquiries?: number;
  /** The part of lateInquiries the shortfall below the requirement adds. */
  shortfallLost?: number;
}

export type CostBreakdown = Record<CostType, number>;

export interface PoolSummary {
  kind: 'inhouse' | 'vendor';
  cost: number;
  costByType: CostBreakdown;
  agentShifts: number;
  /** Agent-hours on shift (all shift hours, also those outside the horizon). */
  agentHours: number;
  paidHours: number;
  /** Productive agent-hours inside the horizon. */
  productiveHours: number;
  /** Most agents on one date (vendors: the seats charged). */
  peakAgentsPerDay: number;
  /** Vendors whose seats cost something (training, seat set-up): the seats paid for, which the seat roster uses; otherwise null. */
  seats: number | null;
  used: boolean;
  /** Inquiries billed (perInquiry vendors). */
  routedInquiries: number;
}

export interface OutsourcingPeriod {
  start: string;
  end: string;
  vendorProductiveHours: number;
  totalProductiveHours: number;
  /** Vendor share of productive agent-hours (0 when nobody works). */
  vendorShare: number;
}

export interface PlanSummary {
  horizon: { start: string; end: string; days: number };
  currency: string;
  totalCost: number;
  costByType: CostBreakdown;
  pools: Record<string, PoolSummary>;
  outsourcing: { scope: 'horizon' | 'week' | 'day'; min: number; max: number; achieved: number; periods: OutsourcingPeriod[] };
  shortfall: {
    /** Productive agent-hours below the requirement (the target service level). */
    agentHours: number;
    /** Inquiries not answered within target because of it (the plan's loss curve). */
    lostInquiries: number;
    /** lostInquiries x cost per lost inquiry, in the currency (not part of totalCost). */
    cost: number;
    hoursShort: number;
    /** Productive agent-hours below the hourly service floor (only with allowShort) and the queue-hours they fall in. */
    belowFloorAgentHours: number;
    hoursBelowFloor: number;
    worst: Array<{ timestamp: string; queue: string; required: number; scheduled: number; shortfall: number }>;
  };
  /**
   * Every inquiry not answered within its target time at the planned staffing
   * (also where the requirement is met), and its price: what the plan minimises
   * besides totalCost. totalCost + lostService.cost ranks plans honestly.
   */
  lostService: { lateInquiries: number; cost: number };
  unroutedInquiries: number;
  requiredProductiveHours: number;
  scheduledProductiveHours: number;
  /** Required / scheduled productive agent-hours inside the horizon. */
  scheduleEfficiency: number;
  solver: {
    name: string;
    status: string;
    solverStatus: string;
    objective: number;
    bestBound: number | null;
    gap: number | null;
    seconds: number;
    relativeGapTolerance: number;
    absoluteGapTolerance: number;
    timeLimitSeconds: number;
    variables: number;
    integerVariables: number;
    constraints: number;
  };
}

export interface PlanResult {
  lines: ShiftLine[];
  coverage: CoverageRow[];
  summary: PlanSummary;
  /** Rounded variable values, one per model variable (for checking). */
  values: number[];
  /** With allowShort, when some hour is below the service floor: where and why. */
  floorDiagnosis?: FloorDiagnosis;
}

function emptyBreakdown(): CostBreakdown {
  const out = {} as CostBreakdown;
  for (const t of COST_TYPES) out[t] = 0;
  return out;
}

/** Round away binary noise (0.7 x 3 = 2.0999999999999996). */
export function clean(value: number, digits = 9): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

function clock(hourNo: number, minute: number): string {
  return `${hourKeyFromNumber(hourNo).slice(0, 14)}${String(minute).padStart(2, '0')}`;
}

export function readPlan(plan: PlanModel, result: MipResult, options: MipOptions): PlanResult {
  const { mip, context: ctx } = plan;
  const { horizon, pools, config } = ctx;
  const values = mip.variables.map((v, i) => {
    const x = result.values[i] ?? 0;
    return v.integer ? Math.round(x) : Math.max(0, x);
  });
  const value = (variable: number): number => (variable >= 0 ? (values[variable] ?? 0) : 0);

  // Per-inquiry bills, attributed to the vendor's lines on shift in that hour by productive agents.
  const inquiryCost = new Array<number>(ctx.agents.length).fill(0);
  const routedByPool = pools.map(() => 0);
  for (let h = 0; h < horizon.hours; h++) {
    for (const r of ctx.routed[h] ?? []) {
      const amount = value(r.variable);
      if (amount <= 0) continue;
      routedByPool[r.pool] = (routedByPool[r.pool] ?? 0) + amount;
      const bill = amount * (perInquiryRate(ctx, r.pool) ?? 0);
      const on = (ctx.byHour[h] ?? []).filter((i) => {
        const a = ctx.agents[i];
        return a !== undefined && a.pool === r.pool && (a.queue === null || a.queue === r.queue) && value(a.variable) > 0;
      });
      const weight = on.reduce((s, i) => s + value((ctx.agents[i] as { variable: number }).variable), 0);
      for (const i of on) inquiryCost[i] = (inquiryCost[i] ?? 0) + (bill * value((ctx.agents[i] as { variable: number }).variable)) / weight;
    }
  }

  // Productive agent-hours inside the horizon per agent variable, breaks taken out.
  const productiveOf = new Array<number>(ctx.agents.length).fill(0);
  for (let h = 0; h < horizon.hours; h++) {
    for (const t of ctx.terms[h] ?? []) {
      const a = ctx.agents[t.agent];
      if (a) productiveOf[t.agent] = (productiveOf[t.agent] ?? 0) + t.weight * value(t.variable) * a.productive;
    }
  }

  const poolSummaries: PoolSummary[] = pools.map((p) => ({
    kind: p.kind,
    cost: 0,
    costByType: emptyBreakdown(),
    agentShifts: 0,
    agentHours: 0,
    paidHours: 0,
    productiveHours: 0,
    peakAgentsPerDay: 0,
    seats: null,
    used: false,
    routedInquiries: clean(routedByPool[pools.indexOf(p)] ?? 0, 6),
  }));
  const perDay = pools.map(() => horizon.dates.map(() => 0));
  const lines: Array<ShiftLine & { order: number[] }> = [];
  ctx.agents.forEach((a, i) => {
    const n = value(a.variable);
    if (n <= 0) return;
    const pool = pools[a.pool];
    const ps = poolSummaries[a.pool];
    if (!pool || !ps) return;
    const c = agentShiftCost(pool, a.start, a.surge);
    const base = n * c.base;
    const overtime = n * c.overtime;
    const night = n * c.nightPremium;
    const inq = inquiryCost[i] ?? 0;
    ps.costByType[c.baseType] += c.baseType === 'vendorInquiries' ? 0 : base;
    ps.costByType.overtime += overtime;
    ps.costByType.nightPremium += night;
    ps.costByType.vendorInquiries += inq;
    ps.agentShifts += n;
    ps.agentHours += n * a.start.hours;
    ps.paidHours += n * a.start.paidHours;
    ps.productiveHours += productiveOf[i] ?? 0;
    if (!a.surge) (perDay[a.pool] as number[])[a.start.dayIndex] = ((perDay[a.pool] as number[])[a.start.dayIndex] ?? 0) + n;
    const s = a.start;
    const breaks: LineBreak[] = [];
    a.breaks.forEach((choices, index) => {
      for (const ch of choices) {
        const agents = ch.variable < 0 ? n : value(ch.variable);
        if (agents <= 0) continue;
        const from = s.startHour * 60 + s.startMinute + ch.offset * 60;
        breaks.push({ start: clockAt(from), end: clockAt(from + ch.minutes), agents, ...(a.breaks.length > 1 ? { index } : {}) });
      }
    });
    lines.push({
      date: s.date,
      shift: s.shift.name,
      code: s.shift.code,
      start: clock(s.startHour, s.startMinute),
      end: clock(s.startHour + s.hours, s.startMinute),
      pool: pool.name,
      queue: a.queue === null ? null : (horizon.queues[a.queue]?.name ?? null),
      agents: n,
      cost: clean(base + overtime + night + inq, 6),
      paidHours: s.paidHours,
      overtimeHours: s.overtimeHours,
      surge: a.surge,
      breaks,
      order: [s.dayIndex, s.shiftIndex, s.offsetRank, a.pool, a.surge ? 1 : 0, s.overtimeHours, a.queue ?? -1],
    });
  });
  lines.sort((x, y) => {
    for (let k = 0; k < x.order.length; k++) {
      const d = (x.order[k] as number) - (y.order[k] as number);
      if (d !== 0) return d;
    }
    return 0;
  });

  pools.forEach((pool, p) => {
    const ps = poolSummaries[p] as PoolSummary;
    ps.peakAgentsPerDay = Math.max(0, ...(perDay[p] ?? []));
    ps.used = ps.agentShifts > 0;
    if (pool.kind === 'vendor') {
      const fees = usageFees(pool);
      // Fees follow the agents: a vendor nobody works for is not paid (whatever a time-limited solve left in its binary).
      if (ps.used) {
        ps.costByType.engagementFees += fees.engagement;
        ps.costByType.fixedFees += fees.fixed;
      }
      const seats = (ctx.seats[p] ?? -1) >= 0 ? value(ctx.seats[p] as number) : ps.peakAgentsPerDay;
      if ((ctx.seats[p] ?? -1) >= 0) ps.seats = seats;
      if (seatCost(ctx, p) > 0) {
        const training = trainingCostPerSeat(config, pool);
        ps.costByType.training += seats * training;
        ps.costByType.seats += seats * pool.seatCost;
      }
    }
    for (const t of COST_TYPES) ps.costByType[t] = clean(ps.costByType[t], 6);
    ps.cost = clean(COST_TYPES.reduce((s, t) => s + ps.costByType[t], 0), 6);
    ps.agentHours = clean(ps.agentHours);
    ps.paidHours = clean(ps.paidHours);
    ps.productiveHours = clean(ps.productiveHours);
  });

  const coverage = buildCoverage(plan, value);
  const summary = summarize(plan, result, options, values, poolSummaries, coverage);
  return { lines: lines.map(({ order: _order, ...line }) => line), coverage, summary, values };
}

/** `minutes` since the epoch of the hour numbers → `YYYY-MM-DDTHH:MM`. */
function clockAt(minutes: number): string {
  return clock(Math.floor(minutes / 60), ((minutes % 60) + 60) % 60);
}

/** One queue's standing in an hour, for routing the multi-queue capacity. */
export interface QueueHour {
  required: number;
  floor: number;
  /** Productive capacity of agents dedicated to the queue. */
  dedicated: number;
  /** Shortage segments below the requirement: width and cost per agent, in order (nondecreasing cost). */
  segments: ReadonlyArray<{ width: number; costPerAgent: number; lostPerAgent: number }>;
  /** Service value above the requirement, first agent first (nonincreasing). */
  extra?: ReadonlyArray<{ width: number; costPerAgent: number; lostPerAgent: number }>;
  /** Inquiries late at the requirement itself. */
  lateAtRequired?: number;
}

/**
 * The best split of one hour's multi-queue capacity `shared` over the queues
 * (the routing step after the solve; it prices each queue as the plan does):
 * first up to each queue's floor, then to the shortage segments dearest first
 * (the costs are convex, so this greedy split is optimal), then what is left
 * in proportion to the requirements (equally when nothing is required), so no
 * queue with a requirement sits at 0 while capacity idles. Returns the amount
 * routed to each queue.
 */
export function routeHour(queues: readonly QueueHour[], shared: number): number[] {
  const alloc = queues.map(() => 0);
  let left = shared;
  const give = (q: number, amount: number): void => {
    const g = Math.max(0, Math.min(left, amount));
    alloc[q] = (alloc[q] ?? 0) + g;
    left -= g;
  };
  queues.forEach((qh, q) => give(q, qh.floor - qh.dedicated));
  // Each piece spans capacity levels [lower, upper] of its queue: below the requirement the
  // shortage segments (down to the floor), above it the extra service.
  const pieces: Array<{ q: number; lower: number; upper: number; cost: number }> = [];
  queues.forEach((qh, q) => {
    let upper = qh.required;
    for (const seg of qh.segments) {
      pieces.push({ q, lower: upper - seg.width, upper, cost: seg.costPerAgent });
      upper -= seg.width;
    }
    let lower = qh.required;
    for (const seg of qh.extra ?? []) {
      pieces.push({ q, lower, upper: lower + seg.width, cost: seg.costPerAgent });
      lower += seg.width;
    }
  });
  // Dearest first; within a queue the prices fall as its level rises, so its lower pieces come first.
  pieces.sort((x, y) => y.cost - x.cost || x.lower - y.lower || x.q - y.q);
  for (const piece of pieces) {
    const qh = queues[piece.q] as QueueHour;
    const covered = qh.dedicated + (alloc[piece.q] ?? 0);
    give(piece.q, piece.upper - Math.max(covered, piece.lower));
  }
  const totalReq = queues.reduce((s, qh) => s + qh.required, 0);
  const rest = left;
  queues.forEach((qh, q) => {
    const share = totalReq > 0 ? qh.required / totalReq : 1 / queues.length;
    alloc[q] = (alloc[q] ?? 0) + rest * share;
  });
  return alloc;
}

/**
 * Inquiries late (not answered within target) when `covered` productive agents
 * serve a queue-hour, on its loss curve: lost(R) plus the shortage segments
 * below R, less the extra service bought above it.
 */
export function lateAt(qh: QueueHour, covered: number): { late: number; fromShortfall: number } {
  let fromShortfall = 0;
  let level = qh.required;
  for (const seg of qh.segments) {
    fromShortfall += Math.max(0, Math.min(seg.width, level - covered)) * seg.lostPerAgent;
    level -= seg.width;
  }
  let saved = 0;
  level = qh.required;
  for (const seg of qh.extra ?? []) {
    saved += Math.max(0, Math.min(seg.width, covered - level)) * seg.lostPerAgent;
    level += seg.width;
  }
  return { late: Math.max(0, (qh.lateAtRequired ?? 0) + fromShortfall - saved), fromShortfall };
}

/**
 * Coverage of each hour per queue: dedicated agents count for their queue,
 * multi-queue capacity is routed by `routeHour`. Capacity counts agents on the
 * floor only (breaks taken out), in productive agents.
 */
function buildCoverage(plan: PlanModel, value: (v: number) => number): CoverageRow[] {
  const { context: ctx } = plan;
  const { horizon } = ctx;
  const nq = horizon.queues.length;
  const rows: CoverageRow[] = [];
  for (let h = 0; h < horizon.hours; h++) {
    const dedicated = new Array<number>(nq).fill(0);
    const dedicatedAgents = new Array<number>(nq).fill(0);
    let shared = 0;
    let sharedAgents = 0;
    for (const t of ctx.terms[h] ?? []) {
      const a = ctx.agents[t.agent];
      if (!a) continue;
      const n = t.weight * value(t.variable);
      if (n === 0) continue;
      if (a.queue === null) {
        shared += n * a.productive;
        sharedAgents += n;
      } else {
        dedicated[a.queue] = (dedicated[a.queue] ?? 0) + n * a.productive;
        dedicatedAgents[a.queue] = (dedicatedAgents[a.queue] ?? 0) + n;
      }
    }
    const queueHours: QueueHour[] = horizon.queues.map((_, q) => {
      const s = ctx.shortage[q]?.[h];
      return { required: horizon.required[q]?.[h] ?? 0, floor: s?.floor ?? 0, dedicated: dedicated[q] as number, segments: s?.segments ?? [], extra: s?.extra ?? [], lateAtRequired: s?.lateAtRequired ?? 0 };
    });
    const alloc = routeHour(queueHours, shared);
    const ts = hourKey(horizon, h);
    let sumShort = 0;
    let sumSurplus = 0;
    let sumLate = 0;
    let sumLost = 0;
    let sumFloor = 0;
    const sharedPerCapacity = shared > 0 ? sharedAgents / shared : 0;
    horizon.queues.forEach((queue, q) => {
      const qh = queueHours[q] as QueueHour;
      const scheduled = clean((dedicated[q] as number) + (alloc[q] as number));
      const shortfall = clean(Math.max(0, qh.required - scheduled));
      const surplus = clean(Math.max(0, scheduled - qh.required));
      const late = lateAt(qh, scheduled);
      const lateInquiries = clean(late.late, 6);
      const lost = clean(late.fromShortfall, 6);
      sumShort += shortfall;
      sumSurplus += surplus;
      sumLate += lateInquiries;
      sumLost += lost;
      sumFloor += qh.floor;
      rows.push({
        timestamp: ts,
        queue: queue.name,
        required: qh.required,
        scheduled,
        shortfall,
        surplus,
        agents: clean((dedicatedAgents[q] as number) + (alloc[q] as number) * sharedPerCapacity),
        floor: qh.floor,
        lateInquiries,
        shortfallLost: lost,
      });
    });
    if (nq > 1) {
      rows.push({
        timestamp: ts,
        queue: 'all',
        required: clean(queueHours.reduce((s, qh) => s + qh.required, 0)),
        scheduled: clean(shared + dedicated.reduce((s, d) => s + d, 0)),
        shortfall: clean(sumShort),
        surplus: clean(sumSurplus),
        agents: clean(sharedAgents + dedicatedAgents.reduce((s, d) => s + d, 0)),
        floor: clean(sumFloor),
        lateInquiries: clean(sumLate, 6),
        shortfallLost: clean(sumLost, 6),
      });
    }
  }
  return rows;
}

function summarize(plan: PlanModel, result: MipResult, options: MipOptions, values: number[], pools: PoolSummary[], coverage: CoverageRow[]): PlanSummary {
  const { context: ctx, mip } = plan;
  const { horizon, config } = ctx;
  const value = (v: number): number => (v >= 0 ? (values[v] ?? 0) : 0);
  const costByType = emptyBreakdown();
  const poolRecord: Record<string, PoolSummary> = {};
  ctx.pools.forEach((p, i) => {
    const ps = pools[i] as PoolSummary;
    poolRecord[p.name] = ps;
    for (const t of COST_TYPES) costByType[t] += ps.costByType[t];
  });
  for (const t of COST_TYPES) costByType[t] = clean(costByType[t], 6);
  const totalCost = clean(pools.reduce((s, p) => s + p.cost, 0), 6);

  const periods: OutsourcingPeriod[] = scopePeriods(horizon, config.outsourcing.scope).map((period) => {
    let vendor = 0;
    let total = 0;
    for (let h = period.fromHour; h < period.toHour; h++) {
      for (const t of ctx.terms[h] ?? []) {
        const a = ctx.agents[t.agent];
        if (!a) continue;
        const hours = t.weight * value(t.variable) * a.productive;
        total += hours;
        if (ctx.pools[a.pool]?.kind === 'vendor') vendor += hours;
      }
    }
    return {
      start: period.start,
      end: period.end,
      vendorProductiveHours: clean(vendor),
      totalProductiveHours: clean(total),
      vendorShare: total > 0 ? clean(vendor / total) : 0,
    };
  });
  const vendorAll = periods.reduce((s, p) => s + p.vendorProductiveHours, 0);
  const totalAll = periods.reduce((s, p) => s + p.totalProductiveHours, 0);

  const queueRows = coverage.filter((r) => r.queue !== 'all' || horizon.queues.length === 1);
  const shortRows = queueRows.filter((r) => r.shortfall > 1e-9);
  const belowFloor = queueRows.filter((r) => (r.floor ?? 0) - r.scheduled > 1e-9);
  const lostInquiries = clean(queueRows.reduce((s, r) => s + (r.shortfallLost ?? 0), 0), 6);
  const price = new Map(horizon.queues.map((q) => [q.name, lostInquiryCost(config, q.config)]));
  const lostCost = clean(
    queueRows.reduce((s, r) => s + (r.shortfallLost ?? 0) * (price.get(r.queue) ?? 0), 0),
    6,
  );
  const lateInquiries = clean(queueRows.reduce((s, r) => s + (r.lateInquiries ?? 0), 0), 6);
  const lateCost = clean(queueRows.reduce((s, r) => s + (r.lateInquiries ?? 0) * (price.get(r.queue) ?? 0), 0), 6);
  const shortfallHours = clean(shortRows.reduce((s, r) => s + r.shortfall, 0));
  const worst = [...shortRows]
    .sort((a, b) => b.shortfall - a.shortfall || (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
    .slice(0, 10)
    .map((r) => ({ timestamp: r.timestamp, queue: r.queue, required: r.required, scheduled: r.scheduled, shortfall: r.shortfall }));
  const required = clean(queueRows.reduce((s, r) => s + r.required, 0));
  const scheduled = clean(pools.reduce((s, p) => s + p.productiveHours, 0));
  let unrouted = 0;
  for (const row of ctx.unrouted) for (const v of row) unrouted += value(v);

  return {
    horizon: { start: horizon.start, end: horizon.end, days: horizon.hours / 24 },
    currency: config.currency,
    totalCost,
    costByType,
    pools: poolRecord,
    outsourcing: {
      scope: config.outsourcing.scope,
      min: config.outsourcing.min,
      max: config.outsourcing.max,
      achieved: totalAll > 0 ? clean(vendorAll / totalAll) : 0,
      periods,
    },
    shortfall: {
      agentHours: shortfallHours,
      lostInquiries,
      cost: lostCost,
      hoursShort: new Set(shortRows.map((r) => r.timestamp)).size,
      belowFloorAgentHours: clean(belowFloor.reduce((s, r) => s + ((r.floor ?? 0) - r.scheduled), 0)),
      hoursBelowFloor: belowFloor.length,
      worst,
    },
    lostService: { lateInquiries, cost: lateCost },
    unroutedInquiries: clean(unrouted, 6),
    requiredProductiveHours: required,
    scheduledProductiveHours: scheduled,
    scheduleEfficiency: scheduled > 0 ? clean(required / scheduled, 6) : 0,
    solver: {
      name: result.solver,
      status: result.status,
      solverStatus: result.solverStatus,
      objective: clean(result.objective, 6),
      bestBound: Number.isFinite(result.bestBound) ? clean(result.bestBound, 6) : null,
      gap: Number.isFinite(result.gap) ? clean(result.gap, 9) : null,
      seconds: clean(result.seconds, 3),
      relativeGapTolerance: options.relativeGap,
      absoluteGapTolerance: options.absoluteGap,
      timeLimitSeconds: options.timeLimitSeconds,
      variables: mip.variables.length,
      integerVariables: mip.variables.filter((v) => v.integer).length,
      constraints: mip.constraints.length,
    },
  };
}
