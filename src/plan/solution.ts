/**
 * Reads a solver answer back into the plan: shift lines, coverage per hour and
 * queue, and the summary figures (cost by pool and type, agent-hours by pool,
 * outsourcing share per scope period, shortfall and worst hours, schedule
 * efficiency, solver figures). Every figure is recomputed from the rounded
 * agent counts with the same pricing functions the objective used, so the
 * exported totals always add up.
 */
import { hourKeyFromNumber, type ShiftLine } from '../domain';
import { agentShiftCost, COST_TYPES, usageFees, type CostType } from './pricing';
import { hourKey } from './horizon';
import type { PlanModel } from './model';
import { scopePeriods } from './constraints/outsourcingRatio';
import { seatCost } from './constraints/vendorSeats';
import { perInquiryRate } from './constraints/inquiryRouting';
import { trainingCostPerSeat } from './pricing';
import type { MipOptions, MipResult } from './solver/model';

export interface CoverageRow {
  /** `YYYY-MM-DDTHH:00`. */
  timestamp: string;
  /** Queue name, or `all` for the hour's total. */
  queue: string;
  /** Productive agents required. */
  required: number;
  /** Productive agents scheduled for this queue (shared pools split as in `coverageOfHour`). */
  scheduled: number;
  shortfall: number;
  surplus: number;
  /** Agents on shift (before shrinkage); on queue rows, agents dedicated to the queue plus a share of multi-skilled ones. */
  agents: number;
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
    agentHours: number;
    penalty: number;
    hoursShort: number;
    worst: Array<{ timestamp: string; queue: string; required: number; scheduled: number; shortfall: number }>;
  };
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
    const c = agentShiftCost(pool, a.start);
    const base = n * c.base;
    const night = n * c.nightPremium;
    const inq = inquiryCost[i] ?? 0;
    ps.costByType[c.baseType] += c.baseType === 'vendorInquiries' ? 0 : base;
    ps.costByType.nightPremium += night;
    ps.costByType.vendorInquiries += inq;
    ps.agentShifts += n;
    ps.agentHours += n * a.start.shift.hours;
    ps.paidHours += n * a.start.paidHours;
    ps.productiveHours += n * a.productive * a.start.coveredHours.length;
    (perDay[a.pool] as number[])[a.start.dayIndex] = ((perDay[a.pool] as number[])[a.start.dayIndex] ?? 0) + n;
    const s = a.start;
    lines.push({
      date: s.date,
      shift: s.shift.name,
      code: s.shift.code,
      start: clock(s.startHour, s.startMinute),
      end: clock(s.startHour + s.shift.hours, s.startMinute),
      pool: pool.name,
      queue: a.queue === null ? null : (horizon.queues[a.queue]?.name ?? null),
      agents: n,
      cost: clean(base + night + inq, 6),
      order: [s.dayIndex, s.shiftIndex, s.offsetRank, a.pool, a.queue ?? -1],
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
      const used = ctx.used[p] !== undefined && (ctx.used[p] as number) >= 0 ? value(ctx.used[p] as number) > 0.5 : ps.used;
      if (used) {
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

/**
 * Coverage of each hour per queue. Dedicated agents count for their queue;
 * multi-skilled capacity goes first to each queue's need net of the solver's
 * shortfall (always possible, by the coverage rule), then to remaining needs in
 * queue order, then in proportion to each queue's requirement (equally when none).
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
    for (const i of ctx.byHour[h] ?? []) {
      const a = ctx.agents[i];
      if (!a) continue;
      const n = value(a.variable);
      if (n <= 0) continue;
      if (a.queue === null) {
        shared += n * a.productive;
        sharedAgents += n;
      } else {
        dedicated[a.queue] = (dedicated[a.queue] ?? 0) + n * a.productive;
        dedicatedAgents[a.queue] = (dedicatedAgents[a.queue] ?? 0) + n;
      }
    }
    const req = horizon.queues.map((_, q) => horizon.required[q]?.[h] ?? 0);
    const alloc = new Array<number>(nq).fill(0);
    let left = shared;
    const give = (q: number, amount: number): void => {
      const g = Math.max(0, Math.min(left, amount));
      alloc[q] = (alloc[q] ?? 0) + g;
      left -= g;
    };
    for (let q = 0; q < nq; q++) {
      const short = value(ctx.shortfall[q]?.[h] ?? -1);
      give(q, (req[q] as number) - short - (dedicated[q] as number));
    }
    for (let q = 0; q < nq; q++) give(q, (req[q] as number) - (dedicated[q] as number) - (alloc[q] as number));
    const totalReq = req.reduce((s, r) => s + r, 0);
    const rest = left;
    for (let q = 0; q < nq; q++) {
      const share = totalReq > 0 ? (req[q] as number) / totalReq : 1 / nq;
      alloc[q] = (alloc[q] ?? 0) + rest * share;
    }
    const ts = hourKey(horizon, h);
    let sumShort = 0;
    let sumSurplus = 0;
    const sharedPerCapacity = shared > 0 ? sharedAgents / shared : 0;
    horizon.queues.forEach((queue, q) => {
      const scheduled = clean((dedicated[q] as number) + (alloc[q] as number));
      const shortfall = clean(Math.max(0, (req[q] as number) - scheduled));
      const surplus = clean(Math.max(0, scheduled - (req[q] as number)));
      sumShort += shortfall;
      sumSurplus += surplus;
      rows.push({
        timestamp: ts,
        queue: queue.name,
        required: req[q] as number,
        scheduled,
        shortfall,
        surplus,
        agents: clean((dedicatedAgents[q] as number) + (alloc[q] as number) * sharedPerCapacity),
      });
    });
    if (nq > 1) {
      rows.push({
        timestamp: ts,
        queue: 'all',
        required: clean(totalReq),
        scheduled: clean(shared + dedicated.reduce((s, d) => s + d, 0)),
        shortfall: clean(sumShort),
        surplus: clean(sumSurplus),
        agents: clean(sharedAgents + dedicatedAgents.reduce((s, d) => s + d, 0)),
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
    for (const a of ctx.agents) {
      const n = value(a.variable);
      if (n <= 0) continue;
      let k = 0;
      for (const h of a.start.coveredHours) if (h >= period.fromHour && h < period.toHour) k += 1;
      const hours = n * k * a.productive;
      total += hours;
      if (ctx.pools[a.pool]?.kind === 'vendor') vendor += hours;
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
      penalty: clean(shortfallHours * config.understaffingPenalty, 6),
      hoursShort: new Set(shortRows.map((r) => r.timestamp)).size,
      worst,
    },
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
