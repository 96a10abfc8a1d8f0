/**
 * Impossible requests, named by the settings that conflict. Obvious ones are
 * caught before solving with the arithmetic that proves them; anything else the
 * solver reports infeasible is diagnosed by switching rule families off one at a
 * time (on the LP relaxation) to find which rule cannot hold with the rest.
 */
import { shiftHoursOfDay, type Config } from '../config';
import { InfeasiblePlanError, hourKeyFromNumber, type Requirement } from '../domain';
import { buildPlanModel, type Family } from './model';
import { scopePeriods } from './constraints/outsourcingRatio';
import type { PoolCapacity } from './constraints/inhouseAvailability';
import type { Horizon } from './horizon';
import type { MipSolver, MipOptions } from './solver/model';

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

/** Checks that need no solver. Throws InfeasiblePlanError naming the settings. */
export function checkObviousConflicts(config: Config, horizon: Horizon): void {
  checkCoveredHours(config, horizon);
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

const FAMILY_SETTINGS: Record<Family, (config: Config, capacity: readonly PoolCapacity[]) => string[]> = {
  agentAvailability: (c, capacity) =>
    capacity.filter((pc) => c.pools.some((p) => p.kind === 'inhouse' && p.name === pc.pool)).map((pc) => `the named agents of ${pc.pool} (--agents: leave, shifts, night_ok, max_days_per_week)`),
  outsourcingRatio: (c) => [`outsourcing.min ${c.outsourcing.min}`, `outsourcing.max ${c.outsourcing.max}`, `outsourcing.scope ${c.outsourcing.scope}`],
  vendorShare: (c) =>
    c.pools.flatMap((p, i) => (p.kind === 'vendor' && (p.minShare !== undefined || p.maxShare !== undefined) ? [`pools[${i}].minShare/maxShare (${p.name})`] : [])),
  inhouseHeadcount: (c) => c.pools.flatMap((p, i) => (p.kind === 'inhouse' && p.minAgentsPerDay > 0 ? [`pools[${i}].minAgentsPerDay ${p.minAgentsPerDay} (${p.name})`] : [])),
  vendorCapacity: (c) => c.pools.flatMap((p, i) => (p.kind === 'vendor' && p.minAgentsPerDay > 0 ? [`pools[${i}].minAgentsPerDay ${p.minAgentsPerDay} (${p.name})`] : [])),
  inhouseDaysPerWeek: (c) => c.pools.flatMap((p, i) => (p.kind === 'inhouse' ? [`pools[${i}].maxDaysPerWeek ${p.maxDaysPerWeek} (${p.name})`] : [])),
  minimumAgentsPerHour: (c) => (c.minAgentsPerHour > 0 ? [`minAgentsPerHour ${c.minAgentsPerHour}`] : []),
};

/** The capacity settings every conflict runs into. */
function capacitySettings(config: Config): string[] {
  return config.pools.map((p, i) =>
    p.kind === 'inhouse'
      ? `pools[${i}].headcount ${p.headcount} (${p.name})`
      : `pools[${i}].maxAgentsPerDay ${p.maxAgentsPerDay ?? 'unlimited'}${p.availableFrom ? `/availableFrom ${p.availableFrom}` : ''} (${p.name})`,
  );
}

/**
 * After the solver reported infeasible: find the rule families whose removal
 * makes the LP relaxation feasible and build the message from their settings.
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
  const families = (Object.keys(FAMILY_SETTINGS) as Family[]).filter((f) => FAMILY_SETTINGS[f](config, inhouseCapacity).length > 0);
  const culprits: Family[] = [];
  for (const family of families) {
    const { mip } = buildPlanModel(config, requirement, start, end, new Set([family]), inhouseCapacity);
    const relaxed = { ...mip, variables: mip.variables.map((v) => ({ ...v, integer: false })) };
    const result = await solver.solve(relaxed, { ...options, timeLimitSeconds: Math.min(options.timeLimitSeconds, 20) });
    if (result.status !== 'infeasible') culprits.push(family);
  }
  const settings = (culprits.length > 0 ? culprits : families).flatMap((f) => FAMILY_SETTINGS[f](config, inhouseCapacity));
  const capacity = capacitySettings(config);
  return new InfeasiblePlanError(
    `no plan meets ${settings.join(', ')} together with the pools' capacity (${capacity.join(', ')})`,
    [...settings, ...capacity],
    'relax one of these settings',
  );
}
