/**
 * Impossible requests, named by the settings that conflict. Obvious ones are
 * caught before solving with the arithmetic that proves them; anything else the
 * solver reports infeasible is diagnosed by switching rule families off one at a
 * time (on the LP relaxation) to find which rule cannot hold with the rest.
 */
import { serviceFloorOf, shiftHoursOfDay, type Config } from '../config';
import { InfeasiblePlanError, hourKeyFromNumber, type Requirement } from '../domain';
import { buildPlanModel, type Family, type PlanModel } from './model';
import { hourKey } from './horizon';
import { effectiveBand, scopePeriods } from './constraints/outsourcingRatio';
import type { PoolCapacity } from './constraints/inhouseAvailability';
import type { Horizon } from './horizon';
import type { MipModel, MipSolver, MipOptions } from './solver/model';

function poolPath(config: Config, name: string): string {
  return `pools[${config.pools.findIndex((p) => p.name === name)}]`;
}

/**
 * Every hour with demand needs a pool whose shifts reach it (closed hours need
 * none: a bank may have no night shift). Throws InfeasiblePlanError naming the hour.
 */
export function checkCoveredHours(config: Config, horizon: Horizon): void {
  horizon.queues.forEach((queue, q) => {
    const reach = new Set<number>();
    for (const pool of config.pools) {
      if (pool.queues && !pool.queues.includes(queue.name)) continue;
      for (const shift of config.shifts) if (!pool.shifts || pool.shifts.includes(shift.name)) for (const h of shiftHoursOfDay(shift)) reach.add(h);
    }
    const hour = (horizon.required[q] ?? []).findIndex((agents, i) => agents > 0 && !reach.has((horizon.firstHour + i) % 24));
    if (hour < 0) return;
    const h = (horizon.firstHour + hour) % 24;
    throw new InfeasiblePlanError(
      `${hourKeyFromNumber(horizon.firstHour + hour)} ${queue.name} needs ${Number((horizon.required[q]?.[hour] ?? 0).toFixed(2))} productive agents, but no pool's shifts reach ${String(h).padStart(2, '0')}:00`,
      ['shifts', 'pools'],
      "add a shift that covers the hour, or let a pool work one (only hours with demand need a pool)",
    );
  });
}

/** Checks that need no solver. Throws InfeasiblePlanError naming the settings (hours no shift reaches only without allowShort). */
export function checkObviousConflicts(config: Config, horizon: Horizon, allowShort = false): void {
  if (!allowShort) checkCoveredHours(config, horizon);
  const horizonDays = horizon.hours / 24;
  config.pools.forEach((pool, i) => {
    if (pool.kind !== 'inhouse') return;
    const at = `pools[${i}]`;
    const window = Math.min(7, horizonDays);
    const needed = pool.minAgentsPerDay * window;
    const allowed = pool.headcount * Math.min(pool.maxDaysPerWeek, window);
    if (pool.minAgentsPerDay > 0 && needed > allowed) {
      throw new InfeasiblePlanError(
        `${at}.minAgentsPerDay ${pool.minAgentsPerDay} (${pool.name}) needs ${needed} agent-days in ${window} days, but ${at}.headcount ${pool.headcount} x ${at}.maxDaysPerWeek ${pool.maxDaysPerWeek} allows ${allowed}`,
        [`${at}.minAgentsPerDay`, `${at}.headcount`, `${at}.maxDaysPerWeek`],
        'lower minAgentsPerDay or raise headcount',
      );
    }
  });

  const vendors = config.pools.filter((p) => p.kind === 'vendor');
  checkVendorsAllowed(config, horizon);
  const minShares = vendors.reduce((s, v) => s + (v.kind === 'vendor' ? (v.minShare ?? 0) : 0), 0);
  if (minShares > config.outsourcing.max + 1e-9) {
    throw new InfeasiblePlanError(
      `the vendors' minShare add up to ${Number(minShares.toFixed(6))}, above outsourcing.max ${config.outsourcing.max}`,
      ['outsourcing.max', ...vendors.map((v) => `${poolPath(config, v.name)}.minShare`)],
    );
  }
  if (vendors.length > 0 && vendors.every((v) => v.kind === 'vendor' && v.maxShare !== undefined)) {
    const maxShares = vendors.reduce((s, v) => s + (v.kind === 'vendor' ? (v.maxShare ?? 1) : 0), 0);
    if (maxShares < config.outsourcing.min - 1e-9) {
      throw new InfeasiblePlanError(
        `the vendors' maxShare add up to ${Number(maxShares.toFixed(6))}, below outsourcing.min ${config.outsourcing.min}`,
        ['outsourcing.min', ...vendors.map((v) => `${poolPath(config, v.name)}.maxShare`)],
      );
    }
  }

  // A vendor share above 0 needs a vendor able to work in every scope period that has work.
  if (config.outsourcing.min > 0) {
    for (const period of scopePeriods(horizon, config.outsourcing.scope)) {
      const able = vendors.filter((v) => v.kind === 'vendor' && (v.availableFrom === undefined || v.availableFrom <= period.end) && v.maxAgentsPerDay !== 0);
      if (able.length === 0) {
        const settings = ['outsourcing.min', 'outsourcing.scope', ...vendors.map((v) => `${poolPath(config, v.name)}.${v.kind === 'vendor' && v.availableFrom !== undefined ? 'availableFrom' : 'maxAgentsPerDay'}`)];
        throw new InfeasiblePlanError(
          `outsourcing.min ${config.outsourcing.min} (scope ${config.outsourcing.scope}) needs vendor hours in ${period.start === period.end ? period.start : `${period.start}..${period.end}`}, but no vendor can work then (${vendors
            .map((v) => `${v.name}: ${v.kind === 'vendor' && v.availableFrom !== undefined ? `availableFrom ${v.availableFrom}` : `maxAgentsPerDay ${v.maxAgentsPerDay ?? 'unlimited'}`}`)
            .join(', ')})`,
          settings,
          'lower outsourcing.min, widen the scope, or make a vendor available earlier',
        );
      }
    }
  }
}

/**
 * With an outsourcing band below 100% and no in-house pool able to work, any
 * vendor hour makes the share 100%: nobody may work, so demand cannot be met.
 */
function checkVendorsAllowed(config: Config, horizon: Horizon): void {
  if (effectiveBand(config.outsourcing.min, config.outsourcing.max).max >= 1) return;
  const inhouse = config.pools.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === 'inhouse');
  if (inhouse.some(({ p }) => p.kind === 'inhouse' && p.headcount > 0 && p.maxAgentsPerDay !== 0)) return;
  const demand = horizon.required.some((row) => row.some((r) => r > 0));
  if (!demand) return;
  const why = inhouse.length === 0 ? 'there is no in-house pool' : `no in-house pool can work (${inhouse.map(({ p, i }) => (p.kind === 'inhouse' && p.maxAgentsPerDay === 0 ? `pools[${i}].maxAgentsPerDay 0` : `pools[${i}].headcount ${p.kind === 'inhouse' ? p.headcount : 0}`) + ` (${p.name})`).join(', ')})`;
  throw new InfeasiblePlanError(
    `outsourcing.max ${config.outsourcing.max} allows no vendor hours: ${why}, so any vendor hour makes the outsourced share 100%`,
    ['outsourcing.max', ...inhouse.map(({ i }) => `pools[${i}].headcount`)],
    'raise outsourcing.max to 1 or give an in-house pool a headcount',
  );
}

const FAMILY_SETTINGS: Record<Family, (config: Config, capacity: readonly PoolCapacity[]) => string[]> = {
  serviceFloor: (c) => c.queues.map((q, i) => `queues[${i}].target.minServiceLevel ${serviceFloorOf(q)} (${q.name})`),
  poolCapacity: (c) => capacitySettings(c),
  agentAvailability: (c, capacity) =>
    capacity.filter((pc) => c.pools.some((p) => p.kind === 'inhouse' && p.name === pc.pool)).map((pc) => `the named agents of ${pc.pool} (--agents: leave, shifts, night_ok, max_days_per_week)`),
  outsourcingRatio: (c) => [`outsourcing.min ${c.outsourcing.min}`, `outsourcing.max ${c.outsourcing.max}`, `outsourcing.scope ${c.outsourcing.scope}`],
  vendorShare: (c) =>
    c.pools.flatMap((p, i) => (p.kind === 'vendor' && (p.minShare !== undefined || p.maxShare !== undefined) ? [`pools[${i}].minShare/maxShare (${p.name})`] : [])),
  inhouseHeadcount: (c) => c.pools.flatMap((p, i) => (p.kind === 'inhouse' && p.minAgentsPerDay > 0 ? [`pools[${i}].minAgentsPerDay ${p.minAgentsPerDay} (${p.name})`] : [])),
  vendorCapacity: (c) => c.pools.flatMap((p, i) => (p.kind === 'vendor' && p.minAgentsPerDay > 0 ? [`pools[${i}].minAgentsPerDay ${p.minAgentsPerDay} (${p.name})`] : [])),
  inhouseDaysPerWeek: (c) => c.pools.flatMap((p, i) => (p.kind === 'inhouse' ? [`pools[${i}].maxDaysPerWeek ${p.maxDaysPerWeek} (${p.name})`] : [])),
  overtimeCap: (c) => c.pools.flatMap((p, i) => (p.kind === 'inhouse' && p.overtime ? [`pools[${i}].overtime.maxHoursPerWeek ${p.overtime.maxHoursPerWeek} (${p.name})`] : [])),
  minimumAgentsPerHour: (c) => (c.minAgentsPerHour > 0 ? [`minAgentsPerHour ${c.minAgentsPerHour}`] : []),
};

/** The capacity settings every conflict runs into. */
function capacitySettings(config: Config): string[] {
  return config.pools.flatMap((p, i) =>
    p.kind === 'inhouse'
      ? [`pools[${i}].headcount ${p.headcount} (${p.name})`]
      : [
          `pools[${i}].maxAgentsPerDay ${p.maxAgentsPerDay ?? 'unlimited'}${p.availableFrom ? `/availableFrom ${p.availableFrom}` : ''} (${p.name})`,
          ...(p.surge ? [`pools[${i}].surge.maxAgentsPerDay ${p.surge.maxAgentsPerDay} (${p.name})`] : []),
        ],
  );
}

/** Price factor of below-floor agents in the diagnosis relaxation (only where nothing can cover it). */
const DIAGNOSIS_FACTOR = 1000;

function relaxed(mip: MipModel): MipModel {
  return { ...mip, variables: mip.variables.map((v) => ({ ...v, integer: false })) };
}

/** One queue-hour the floor cannot be held in (from the LP relaxation). */
export interface FloorGap {
  timestamp: string;
  queue: string;
  /** `q:h` key of the queue-hour in the model. */
  key?: string;
  /** Productive agents the floor needs. */
  floor: number;
  /** Productive agents missing below it. */
  short: number;
}

export interface FloorDiagnosis {
  gaps: FloorGap[];
  /** Productive agent-hours below the floor in all. */
  total: number;
  /** Hours (`HH:00`) no pool's shift covers at all, among the short ones. */
  unreachable: string[];
  /** Settings whose removal lowers the shortfall below the floor. */
  binding: string[];
}

/** Agent-hours below the floor in the LP relaxation with allowShort (NaN when the LP has no solution). */
async function belowFloorLp(config: Config, requirement: Requirement, start: string, end: string, solver: MipSolver, options: MipOptions, capacity: readonly PoolCapacity[], skip: ReadonlySet<Family>): Promise<{ total: number; gaps: FloorGap[]; model: PlanModel } | null> {
  // Below-floor agents priced far above anything else: the relaxation goes below the floor only where it must.
  const model = buildPlanModel(config, requirement, start, end, { skip, inhouseCapacity: capacity, allowShort: true, belowFloorFactor: DIAGNOSIS_FACTOR });
  const result = await solver.solve(relaxed(model.mip), { ...options, label: 'diagnosis' });
  if (result.status !== 'optimal' && result.status !== 'feasible') return null;
  const ctx = model.context;
  const gaps: FloorGap[] = [];
  let total = 0;
  ctx.shortage.forEach((row, q) =>
    row.forEach((s, h) => {
      if (!s) return;
      const short = s.segments.filter((g) => g.belowFloor).reduce((n, g) => n + (result.values[g.variable] ?? 0), 0);
      if (short <= 1e-6) return;
      total += short;
      gaps.push({ timestamp: hourKey(ctx.horizon, h), queue: ctx.horizon.queues[q]?.name ?? '', key: `${q}:${h}`, floor: s.floor, short });
    }),
  );
  return { total, gaps, model };
}

/** Whether the LP relaxation can hold every hourly floor (false also when it has no solution). */
export async function relaxationHoldsFloor(config: Config, requirement: Requirement, start: string, end: string, solver: MipSolver, options: MipOptions, inhouseCapacity: readonly PoolCapacity[] = []): Promise<boolean> {
  const base = await belowFloorLp(config, requirement, start, end, solver, options, inhouseCapacity, new Set());
  return base !== null && base.total <= 1e-6;
}

/**
 * Where and why the hourly service floor cannot be held: the queue-hours the
 * LP relaxation leaves below it, the hours no shift reaches, and the settings
 * (pool capacity, outsourcing band, labour rules) whose removal lowers that
 * shortfall. Null when the floor can be held (in the relaxation).
 */
export async function diagnoseFloors(
  config: Config,
  requirement: Requirement,
  start: string,
  end: string,
  solver: MipSolver,
  options: MipOptions,
  inhouseCapacity: readonly PoolCapacity[] = [],
): Promise<FloorDiagnosis | null> {
  const base = await belowFloorLp(config, requirement, start, end, solver, options, inhouseCapacity, new Set());
  if (!base || base.total <= 1e-6) return null;
  const ctx = base.model.context;
  const unreachable = new Set<string>();
  ctx.shortage.forEach((row) =>
    row.forEach((s, h) => {
      if (s && s.floor > 0 && (ctx.byHour[h] ?? []).length === 0) unreachable.add(hourKey(ctx.horizon, h).slice(11));
    }),
  );
  const families = (Object.keys(FAMILY_SETTINGS) as Family[]).filter((f) => f !== 'serviceFloor' && FAMILY_SETTINGS[f](config, inhouseCapacity).length > 0);
  const binding: string[] = [];
  for (const family of families) {
    const off = await belowFloorLp(config, requirement, start, end, solver, options, inhouseCapacity, new Set([family]));
    if (off && off.total < base.total - 1e-6 * Math.max(1, base.total)) binding.push(...FAMILY_SETTINGS[family](config, inhouseCapacity));
  }
  const gaps = base.gaps.map(({ key: _key, ...g }) => g).sort((a, b) => b.short - a.short || (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { gaps, total: base.total, unreachable: [...unreachable].sort(), binding };
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** One line naming the short queue-hours and what binds. */
export function describeFloorDiagnosis(d: FloorDiagnosis): string {
  const shown = d.gaps.slice(0, 3).map((g) => `${g.timestamp} ${g.queue} (floor ${round1(g.floor)} productive agents, ${round1(g.short)} short)`);
  const more = d.gaps.length > 3 ? `, and ${d.gaps.length - 3} more` : '';
  const reach = d.unreachable.length > 0 ? `; no pool's shift covers ${d.unreachable.join(', ')}` : '';
  const binds = d.binding.length > 0 ? `; binding: ${d.binding.join(', ')}` : '';
  return `the hourly service floor cannot be held in ${d.gaps.length} queue-hour(s), ${round1(d.total)} productive agent-hours short: ${shown.join(', ')}${more}${reach}${binds}`;
}

/**
 * After the solver reported infeasible: when the service floor is what cannot
 * hold, name its short hours and the limits that bind; otherwise find the rule
 * families whose removal makes the LP relaxation feasible and build the message
 * from their settings.
 */
export async function explainInfeasible(
  config: Config,
  requirement: Requirement,
  start: string,
  end: string,
  solver: MipSolver,
  options: MipOptions,
  inhouseCapacity: readonly PoolCapacity[] = [],
): Promise<InfeasiblePlanError> {
  const lpFeasible = async (skip: ReadonlySet<Family>): Promise<boolean> => {
    const { mip } = buildPlanModel(config, requirement, start, end, { skip, inhouseCapacity });
    const result = await solver.solve(relaxed(mip), { ...options, label: 'diagnosis' });
    return result.status !== 'infeasible';
  };
  // The rules other than the floor can hold together: the floor is what fails.
  if (await lpFeasible(new Set(['serviceFloor']))) {
    const floors = await diagnoseFloors(config, requirement, start, end, solver, options, inhouseCapacity);
    if (floors) {
      return new InfeasiblePlanError(describeFloorDiagnosis(floors), floors.binding, 'relax one of the binding settings, add a shift or lever that reaches those hours, or pass --allow-short to plan anyway');
    }
  }
  const families = (Object.keys(FAMILY_SETTINGS) as Family[]).filter((f) => f !== 'serviceFloor' && f !== 'poolCapacity' && FAMILY_SETTINGS[f](config, inhouseCapacity).length > 0);
  const culprits: Family[] = [];
  for (const family of families) {
    if (await lpFeasible(new Set<Family>(['serviceFloor', family]))) culprits.push(family);
  }
  const settings = [...new Set((culprits.length > 0 ? culprits : families).flatMap((f) => FAMILY_SETTINGS[f](config, inhouseCapacity)))];
  const capacity = capacitySettings(config);
  return new InfeasiblePlanError(
    `no plan meets ${settings.join(', ')} together with the pools' capacity (${capacity.join(', ')})`,
    [...settings, ...capacity],
    'relax one of these settings',
  );
}
