/**
 * Builds the shift planner's integer program from a Config, a Requirement and the
 * horizon dates. Decision variables (issue point 1): whole agents per
 * (date, shift, start offset, pool, queue where the pool is restricted to queues).
 * Each constraint family lives in `constraints/<rule>.ts`, named as the rule a
 * manager would say; this file creates the variables and calls every family.
 */
import type { Config, PoolConfig } from '../config';
import type { Requirement } from '../domain';
import { buildHorizon, type Horizon, type ShiftStart } from './horizon';
import { MipBuilder, type MipModel } from './solver/model';
import { addCoverage } from './constraints/coverage';
import { addMinimumAgentsPerHour } from './constraints/minimumAgentsPerHour';
import { addInhouseHeadcount } from './constraints/inhouseHeadcount';
import { addInhouseDaysPerWeek } from './constraints/inhouseDaysPerWeek';
import { addVendorCapacity } from './constraints/vendorCapacity';
import { addVendorSeats } from './constraints/vendorSeats';
import { addOutsourcingRatio } from './constraints/outsourcingRatio';
import { addInquiryRouting } from './constraints/inquiryRouting';
import { addCosts } from './constraints/costs';
import { addInhouseAvailability, type PoolCapacity } from './constraints/inhouseAvailability';
import { addRestBetweenShifts } from './constraints/restBetweenShifts';
import { addConsecutiveDays } from './constraints/consecutiveDays';

/** One integer decision variable: agents of `pool` starting `start`, serving `queue` (null = every queue). */
export interface AgentVar {
  variable: number;
  start: ShiftStart;
  pool: number;
  queue: number | null;
  /** Productive agents one scheduled agent gives: (1 - shrinkage) x productivity. */
  productive: number;
}

/** Constraint families a diagnosis may switch off to find which rules conflict. */
export type Family =
  | 'minimumAgentsPerHour'
  | 'inhouseHeadcount'
  | 'inhouseDaysPerWeek'
  | 'agentAvailability'
  | 'vendorCapacity'
  | 'outsourcingRatio'
  | 'vendorShare';

export interface PlanContext {
  config: Config;
  horizon: Horizon;
  pools: PoolConfig[];
  builder: MipBuilder;
  agents: AgentVar[];
  /** Agent variable indices (into `agents`) covering each horizon hour. */
  byHour: number[][];
  /** Agent variable indices per [pool][model day]. */
  byPoolDay: number[][][];
  /** Safe upper bound on any one agent variable of a pool (see `agentUpperBound`). */
  agentBound: number[];
  /** Shortfall variable per [queue][hour], or -1 where nothing is required. */
  shortfall: number[][];
  /** "Vendor is used" binary per pool, or -1. */
  used: number[];
  /** Peak seat count per pool, or -1. */
  seats: number[];
  /** Inquiries routed to a perInquiry pool: variable per [hour] of { pool, queue, variable }. */
  routed: Array<Array<{ pool: number; queue: number; variable: number }>>;
  /** Inquiries no pool can take per [queue][hour], or -1. */
  unrouted: number[][];
  /** Families left out (for infeasibility diagnosis). */
  skip: ReadonlySet<Family>;
  /** What the named agents can staff, per in-house pool index (PlanOptions.inhouseCapacity). */
  capacity: ReadonlyMap<number, PoolCapacity>;
}

export interface PlanModel {
  mip: MipModel;
  context: PlanContext;
}

/** Does the pool serve queue `q` (by name)? */
export function servesQueue(pool: PoolConfig, queueName: string): boolean {
  return !pool.queues || pool.queues.includes(queueName);
}

/** Is the pool allowed to start this shift on this date? */
function mayWork(pool: PoolConfig, start: ShiftStart): boolean {
  if (pool.shifts && !pool.shifts.includes(start.shift.name)) return false;
  if (pool.kind === 'vendor' && pool.availableFrom !== undefined && start.date < pool.availableFrom) return false;
  return true;
}

/**
 * Upper bound on one agent variable: more agents on one start than the busiest
 * hour needs (plus the hourly floor and any daily minimum) can only cost more.
 */
function agentUpperBound(config: Config, horizon: Horizon, pool: PoolConfig, productive: number): number {
  let peak = 0;
  for (let h = 0; h < horizon.hours; h++) {
    let total = 0;
    for (let q = 0; q < horizon.queues.length; q++) {
      total += Math.max(horizon.required[q]?.[h] ?? 0, (horizon.inquiries[q]?.[h] ?? 0) * (horizon.queues[q]?.agentHoursPerInquiry ?? 0));
    }
    peak = Math.max(peak, total);
  }
  let bound = Math.ceil(peak / productive - 1e-9) + config.minAgentsPerHour;
  bound = Math.max(bound, pool.minAgentsPerDay, 1);
  if (pool.kind === 'inhouse') bound = Math.min(bound, pool.headcount);
  if (pool.maxAgentsPerDay !== undefined) bound = Math.min(bound, pool.maxAgentsPerDay);
  return bound;
}

export function buildPlanModel(
  config: Config,
  requirement: Requirement,
  start: string,
  end: string,
  skip: ReadonlySet<Family> = new Set(),
  inhouseCapacity: readonly PoolCapacity[] = [],
): PlanModel {
  const horizon = buildHorizon(config, requirement, start, end);
  const builder = new MipBuilder();
  const pools = config.pools;
  const ctx: PlanContext = {
    config,
    horizon,
    pools,
    builder,
    agents: [],
    byHour: Array.from({ length: horizon.hours }, () => []),
    byPoolDay: pools.map(() => horizon.dates.map(() => [])),
    agentBound: [],
    shortfall: [],
    used: pools.map(() => -1),
    seats: pools.map(() => -1),
    routed: Array.from({ length: horizon.hours }, () => []),
    unrouted: [],
    skip,
    capacity: new Map(inhouseCapacity.flatMap((c) => {
      const p = pools.findIndex((pool) => pool.name === c.pool);
      return p >= 0 ? [[p, c] as const] : [];
    })),
  };

  pools.forEach((pool, p) => {
    const productive = (1 - config.shrinkage) * pool.productivity;
    const bound = agentUpperBound(config, horizon, pool, productive);
    ctx.agentBound.push(bound);
    const queueChoices: Array<number | null> = pool.queues
      ? horizon.queues.map((q, i) => (pool.queues?.includes(q.name) ? i : -1)).filter((i) => i >= 0)
      : [null];
    for (const s of horizon.starts) {
      if (!mayWork(pool, s)) continue;
      for (const queue of queueChoices) {
        const qName = queue === null ? '' : `,${horizon.queues[queue]?.name ?? ''}`;
        const variable = builder.addVariable(`agents[${s.date},${s.shift.name},+${s.offset},${pool.name}${qName}]`, { upper: bound, integer: true });
        const index = ctx.agents.length;
        ctx.agents.push({ variable, start: s, pool: p, queue, productive });
        for (const h of s.coveredHours) ctx.byHour[h]?.push(index);
        ctx.byPoolDay[p]?.[s.dayIndex]?.push(index);
      }
    }
  });

  addCoverage(ctx);
  if (!skip.has('minimumAgentsPerHour')) addMinimumAgentsPerHour(ctx);
  addInhouseHeadcount(ctx);
  if (!skip.has('inhouseDaysPerWeek')) addInhouseDaysPerWeek(ctx);
  addVendorCapacity(ctx);
  addVendorSeats(ctx);
  addInhouseAvailability(ctx);
  addRestBetweenShifts(ctx);
  addConsecutiveDays(ctx);
  addOutsourcingRatio(ctx);
  addInquiryRouting(ctx);
  addCosts(ctx);
  return { mip: builder.build(), context: ctx };
}

/** Agent variables of pool `p` starting on model day `d`. */
export function agentsOnDay(ctx: PlanContext, p: number, d: number): AgentVar[] {
  return (ctx.byPoolDay[p]?.[d] ?? []).map((i) => ctx.agents[i] as AgentVar);
}

/**
 * Subsets of queues that coverage-style rows are written for (bit masks). When
 * some pool serves every queue, its capacity is shared, and a split of shared
 * capacity over queues exists exactly when every subset S of queues gets
 * sum over S of need <= dedicated capacity of S + shared capacity (Hall's
 * condition for a bipartite supply-demand network); without shared pools the
 * single queues suffice.
 */
export function queueSubsets(ctx: PlanContext): number[] {
  const n = ctx.horizon.queues.length;
  const shared = ctx.pools.some((p) => !p.queues) && n > 1;
  const out: number[] = [];
  if (!shared) {
    for (let q = 0; q < n; q++) out.push(1 << q);
    return out;
  }
  for (let mask = 1; mask < 1 << n; mask++) out.push(mask);
  return out;
}

export function queuesOf(mask: number, count: number): number[] {
  const out: number[] = [];
  for (let q = 0; q < count; q++) if (mask & (1 << q)) out.push(q);
  return out;
}
