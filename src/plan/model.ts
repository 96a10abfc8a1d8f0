/**
 * Builds the shift planner's integer program from a Config, a Requirement and the
 * horizon dates. Decision variables (issue point 1): whole agents per
 * (date, shift, start offset, pool, queue where the pool is restricted to queues).
 * Each constraint family lives in `constraints/<rule>.ts`, named as the rule a
 * manager would say; this file creates the variables and calls every family.
 */
import type { Config, PoolConfig } from '../config';
import type { Requirement } from '../domain';
import { breakOverlap, buildHorizon, type Horizon, type ShiftStart } from './horizon';
import { MipBuilder, type MipModel } from './solver/model';
import { addCoverage, BELOW_FLOOR_FACTOR, EXTRA_AGENTS } from './constraints/coverage';
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
import { addOvertimeCap } from './constraints/overtimeCap';

/** One integer decision variable: agents of `pool` starting `start`, serving `queue` (null = every queue). */
export interface AgentVar {
  variable: number;
  start: ShiftStart;
  pool: number;
  queue: number | null;
  /** Productive agents one scheduled agent gives: (1 - shrinkage) x productivity. */
  productive: number;
  /** A vendor's surge agents (no training, surge rate, their own daily cap). */
  surge: boolean;
  /**
   * Where the agents of this variable take each break: per break, one whole
   * number per possible start (they add up to the agents), or a single fixed
   * start when the window allows only one.
   */
  breaks: BreakChoice[][];
}

/** Agents of an agent variable taking one break at `offset` hours after the shift start. */
export interface BreakChoice {
  /** Variable index, or -1 when the break has one possible start (then every agent takes it there). */
  variable: number;
  offset: number;
  minutes: number;
}

/**
 * One term of the agents on the floor in an hour: `weight` x variable, where an
 * agent variable weighs the share of the hour its agents work (1 less any fixed
 * break) and a break choice weighs minus the share of the hour the break takes.
 */
export interface FloorTerm {
  /** Index into PlanContext.agents. */
  agent: number;
  variable: number;
  weight: number;
}

/** One piece of a queue-hour's loss curve: `width` agents, each losing (or saving) `lostPerAgent` inquiries. */
export interface LossSegment {
  variable: number;
  width: number;
  lostPerAgent: number;
  /** lostPerAgent x cost per lost inquiry (x the below-floor factor below the floor). */
  costPerAgent: number;
  /** A segment below the hourly floor (allowShort only). */
  belowFloor?: boolean;
}

/** The priced shortage of one queue-hour (see constraints/coverage.ts). */
export interface QueueHourShortage {
  required: number;
  floor: number;
  /** The floor the model holds as a hard rule: `floor`, or 0 with allowShort. */
  hardFloor: number;
  /** Inquiries not answered within target at the requirement itself (the queue model's lost(R)). */
  lateAtRequired: number;
  /** Shortage segments from the requirement down to the floor (the first is the first agent missing). */
  segments: LossSegment[];
  /** Service bought above the requirement: the first agent above it first (their cost is a negative price). */
  extra: LossSegment[];
  /** Agents below the floor (only with allowShort), or -1. */
  belowFloor: number;
}

/** Constraint families a diagnosis may switch off to find which rules conflict. */
export type Family =
  | 'serviceFloor'
  | 'poolCapacity'
  | 'overtimeCap'
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
  /** Agents on the floor per horizon hour, break choices subtracted (see FloorTerm). */
  terms: FloorTerm[][];
  /** Agent variable indices per [pool][model day]. */
  byPoolDay: number[][][];
  /** Safe upper bound on any one agent variable of a pool (see `agentUpperBound`). */
  agentBound: number[];
  /** Priced shortage per [queue][hour], null where nothing is required. */
  shortage: Array<Array<QueueHourShortage | null>>;
  /** Productive capacity of multi-queue agents routed to [queue][hour], or -1 (one queue, or no shared agents). */
  routing: number[][];
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
  /** Plan below the hourly service floor where nothing else can cover it (priced far above any staffing). */
  allowShort: boolean;
  belowFloorFactor: number;
  /** Queue-hours whose shortage is forced to 0 (the "what would covering it cost" re-solve), as `q:h` keys. */
  forceCovered: ReadonlySet<string>;
  /** What the named agents can staff, per in-house pool index (PlanOptions.inhouseCapacity). */
  capacity: ReadonlyMap<number, PoolCapacity>;
  /** Vendor → the fewest seats to pay for (PlanModelOptions.seatsAtLeast). */
  seatsAtLeast: Readonly<Record<string, number>>;
  /** Row index → the horizon hour it is about, for the rows of one hour (coverage, floor, routing, ...): windows.ts. */
  rowHour: Map<number, number>;
}

export interface PlanModel {
  mip: MipModel;
  context: PlanContext;
}

/** Does the pool serve queue `q` (by name)? */
export function servesQueue(pool: PoolConfig, queueName: string): boolean {
  return !pool.queues || pool.queues.includes(queueName);
}

/** Is the pool allowed to start this shift (with this much overtime) on this date? */
function mayWork(pool: PoolConfig, start: ShiftStart): boolean {
  if (pool.shifts && !pool.shifts.includes(start.shift.name)) return false;
  if (pool.kind === 'vendor' && pool.availableFrom !== undefined && start.date < pool.availableFrom) return false;
  if (start.overtimeHours > 0 && !(pool.kind === 'inhouse' && pool.overtime && start.overtimeHours <= pool.overtime.maxHoursPerShift)) return false;
  return true;
}

export interface PlanModelOptions {
  skip?: ReadonlySet<Family>;
  inhouseCapacity?: readonly PoolCapacity[];
  allowShort?: boolean;
  /** With allowShort: an agent below the floor costs this many times the service it loses (default BELOW_FLOOR_FACTOR). */
  belowFloorFactor?: number;
  forceCovered?: ReadonlySet<string>;
  /** Vendor → the fewest seats to pay for (the seat roster needs that many under the rest and days-in-a-row rules). */
  seatsAtLeast?: Readonly<Record<string, number>>;
  /**
   * Extra variables and rows written after every rule family, before the model is
   * built (shift design adds its "shift type used" binaries here; src/design).
   */
  extend?: (ctx: PlanContext) => void;
}

/**
 * Upper bound on one agent variable: more agents on one start than the busiest
 * hour needs (plus the hourly floor and any daily minimum, and the agents on a
 * break) can only cost more.
 */
function agentUpperBound(config: Config, horizon: Horizon, pool: PoolConfig, productive: number, capped: boolean): number {
  let peak = 0;
  for (let h = 0; h < horizon.hours; h++) {
    let total = 0;
    for (let q = 0; q < horizon.queues.length; q++) {
      total += Math.max(horizon.required[q]?.[h] ?? 0, (horizon.inquiries[q]?.[h] ?? 0) * (horizon.queues[q]?.agentHoursPerInquiry ?? 0));
    }
    peak = Math.max(peak, total);
  }
  // Up to EXTRA_AGENTS priced agents above the requirement may pay for themselves.
  let bound = Math.ceil((peak + EXTRA_AGENTS) / productive - 1e-9) + config.minAgentsPerHour;
  // Breaks: agents of one start spread over B >= 2 break times keep at most x - ceil(x / B) on the
  // floor in the hour most take theirs, and an optimal plan has that at or below the peak, so
  // x <= 2 x peak + 1 (B / (B - 1) <= 2).
  if (horizon.starts.some((s) => s.breaks.length > 0)) bound = 2 * bound + 1;
  bound = Math.max(bound, pool.minAgentsPerDay, 1);
  if (pool.kind === 'inhouse' && capped) bound = Math.min(bound, pool.headcount);
  return bound;
}

export function buildPlanModel(config: Config, requirement: Requirement, start: string, end: string, options: PlanModelOptions = {}): PlanModel {
  const skip = options.skip ?? new Set<Family>();
  const inhouseCapacity = options.inhouseCapacity ?? [];
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
    terms: Array.from({ length: horizon.hours }, () => []),
    byPoolDay: pools.map(() => horizon.dates.map(() => [])),
    agentBound: [],
    shortage: [],
    routing: [],
    used: pools.map(() => -1),
    seats: pools.map(() => -1),
    routed: Array.from({ length: horizon.hours }, () => []),
    unrouted: [],
    skip,
    allowShort: options.allowShort ?? false,
    belowFloorFactor: options.belowFloorFactor ?? BELOW_FLOOR_FACTOR,
    forceCovered: options.forceCovered ?? new Set(),
    seatsAtLeast: options.seatsAtLeast ?? {},
    rowHour: new Map(),
    capacity: new Map(inhouseCapacity.flatMap((c) => {
      const p = pools.findIndex((pool) => pool.name === c.pool);
      return p >= 0 ? [[p, c] as const] : [];
    })),
  };

  pools.forEach((pool, p) => {
    const productive = (1 - config.shrinkage) * pool.productivity;
    const capped = !skip.has('poolCapacity');
    const uncapped = agentUpperBound(config, horizon, pool, productive, capped);
    const bound = pool.maxAgentsPerDay === undefined || !capped ? uncapped : Math.min(uncapped, pool.maxAgentsPerDay);
    ctx.agentBound.push(Math.max(bound, pool.kind === 'vendor' && pool.surge ? Math.min(uncapped, pool.surge.maxAgentsPerDay) : 0));
    const queueChoices: Array<number | null> = pool.queues
      ? horizon.queues.map((q, i) => (pool.queues?.includes(q.name) ? i : -1)).filter((i) => i >= 0)
      : [null];
    const kinds = pool.kind === 'vendor' && pool.surge ? [false, true] : [false];
    for (const s of horizon.starts) {
      if (!mayWork(pool, s)) continue;
      for (const surge of kinds) {
        for (const queue of queueChoices) {
          const qName = queue === null ? '' : `,${horizon.queues[queue]?.name ?? ''}`;
          const label = `${s.date},${s.shift.name},+${s.offset}${s.overtimeHours > 0 ? `+ot${s.overtimeHours}` : ''},${pool.name}${surge ? '+surge' : ''}${qName}`;
          const cap = surge && pool.kind === 'vendor' && pool.surge ? Math.min(uncapped, pool.surge.maxAgentsPerDay) : bound;
          const variable = builder.addVariable(`agents[${label}]`, { upper: cap, integer: true });
          const index = ctx.agents.length;
          const breaks = s.breaks.map((b, bi) =>
            b.starts.length === 1
              ? [{ variable: -1, offset: b.starts[0] as number, minutes: b.minutes }]
              : b.starts.map((offset) => ({ variable: builder.addVariable(`break[${label},${bi},+${offset}]`, { upper: cap, integer: true }), offset, minutes: b.minutes })),
          );
          const agent: AgentVar = { variable, start: s, pool: p, queue, productive, surge, breaks };
          ctx.agents.push(agent);
          for (const choices of breaks) {
            if (choices.length < 2) continue;
            const vars = choices.map((c) => c.variable);
            builder.addConstraint(`breaks[${label},${breaks.indexOf(choices)}]`, [...vars, variable], [...vars.map(() => 1), -1], '=', 0);
          }
          s.coveredHours.forEach((h, k) => {
            const rel = s.coveredOffsets[k] as number;
            ctx.byHour[h]?.push(index);
            let weight = 1;
            for (const choices of breaks) {
              for (const c of choices) {
                const share = breakOverlap(c.offset, c.minutes, rel);
                if (share <= 0) continue;
                if (c.variable < 0) weight -= share;
                else ctx.terms[h]?.push({ agent: index, variable: c.variable, weight: -share });
              }
            }
            if (weight > 1e-12) ctx.terms[h]?.push({ agent: index, variable, weight });
          });
          ctx.byPoolDay[p]?.[s.dayIndex]?.push(index);
        }
      }
    }
  });

  addCoverage(ctx);
  if (!skip.has('minimumAgentsPerHour')) addMinimumAgentsPerHour(ctx);
  if (!skip.has('overtimeCap')) addOvertimeCap(ctx);
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
  options.extend?.(ctx);
  return { mip: builder.build(), context: ctx };
}

/** The start date of an agent or break variable (`agents[2026-11-10,...]` → `2026-11-10`), undefined for others. */
export function startDateOfVariable(name: string): string | undefined {
  const m = /^(?:agents|break)\[(\d{4}-\d{2}-\d{2}),/.exec(name);
  return m ? m[1] : undefined;
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
