/**
 * planShifts: checks for impossible requests, builds the model, solves it with
 * the configured adapter and reads the answer into lines, coverage and summary.
 */
import type { Config } from '../config';
import { InfeasiblePlanError, SolverError, type Requirement } from '../domain';
import { checkObviousConflicts, explainInfeasible, relaxationHoldsFloor } from './feasibility';
import { buildPlanModel, type PlanModel, type PlanModelOptions } from './model';
import { clean, readPlan, type PlanResult } from './solution';
import { solverByName, type MipOptions, type MipResult, type MipSolver } from './solver';
import type { PoolCapacity } from './constraints/inhouseAvailability';

export interface PlanOptions {
  start: string;
  end: string;
  /** Overrides config.solver.name. */
  solver?: 'highs' | 'jslp' | MipSolver;
  /** Overrides config.solver.timeLimitSeconds. */
  timeLimitSeconds?: number;
  /** Branch-and-bound node limit (deterministic, unlike the time limit). */
  maxNodes?: number;
  /**
   * What the named in-house agents can staff (`plan --agents`; `inhouseCapacity`
   * in src/roster): per date agents present, per date and shift agents allowed,
   * per 7-day window agent-days. Tightens the in-house rules so the roster can
   * fill the plan (constraints/inhouseAvailability.ts).
   */
  availability?: readonly PoolCapacity[];
  /**
   * Plan below the hourly service floor where nothing can cover it (`--allow-short`)
   * instead of stopping with InfeasiblePlanError; the result then carries the
   * diagnosis of those hours.
   */
  allowShort?: boolean;
  /** Queue-hours (`q:h` keys) whose whole requirement must be covered (pricing a short cluster). */
  forceCovered?: ReadonlySet<string>;
  /** Variables (by model name) held at a value: a local re-solve around part of an earlier plan. */
  fix?: ReadonlyMap<string, number>;
  /** With allowShort: price agents below the floor straight away (a re-solve of a plan that had to). */
  pricedFloor?: boolean;
  /** Name the settings behind an infeasible request (several relaxations; default true). */
  diagnose?: boolean;
  /** Extra variables and rows on the plan model (PlanModelOptions.extend; shift design). */
  extend?: PlanModelOptions['extend'];
  /** A starting solution for the solver (see `MipOptions.start`), by variable name. */
  warmStart?: ReadonlyMap<string, number>;
}

export function solverOptions(config: Config, timeLimitSeconds?: number): MipOptions {
  return {
    relativeGap: config.solver.mipRelGap,
    absoluteGap: config.solver.mipAbsGap,
    timeLimitSeconds: timeLimitSeconds ?? config.solver.timeLimitSeconds,
  };
}

export async function planShifts(config: Config, requirement: Requirement, options: PlanOptions): Promise<PlanResult> {
  const capacity = options.availability ?? [];
  const solver = typeof options.solver === 'object' ? options.solver : solverByName(options.solver ?? config.solver.name);
  const plain = { ...solverOptions(config, options.timeLimitSeconds), ...(options.maxNodes === undefined ? {} : { maxNodes: options.maxNodes }) };
  const mipOptions: MipOptions = { ...plain, ...(options.warmStart && options.warmStart.size > 0 ? { start: options.warmStart } : {}) };
  const build = (modelOptions: PlanModelOptions): PlanModel => {
    const plan = buildPlanModel(config, requirement, options.start, options.end, {
      inhouseCapacity: capacity,
      ...(options.forceCovered ? { forceCovered: options.forceCovered } : {}),
      ...(options.extend ? { extend: options.extend } : {}),
      ...modelOptions,
    });
    checkObviousConflicts(config, plan.context.horizon, options.allowShort ?? false);
    if (options.fix) {
      for (const v of plan.mip.variables) {
        const held = options.fix.get(v.name);
        if (held !== undefined) {
          v.lower = held;
          v.upper = held;
        }
      }
    }
    return plan;
  };
  const infeasible = async (): Promise<InfeasiblePlanError> =>
    options.diagnose === false
      ? new InfeasiblePlanError('no plan meets the rules', [])
      : explainInfeasible(config, requirement, options.start, options.end, solver, plain, capacity);
  if (!options.allowShort) {
    const plan = build({});
    const result = await solve(plan);
    if (result.status === 'infeasible') throw await infeasible();
    return readPlan(plan, result, mipOptions);
  }
  // The floor as a hard rule when the relaxation can hold it (a search of a quarter of the time
  // limit, at least 5 s); otherwise, or when that finds no plan, agents below the floor are priced
  // (at BELOW_FLOOR_FACTOR x the service they lose, steep enough to hold it wherever it pays at all).
  let plan: PlanModel | null = null;
  let result: MipResult | null = null;
  if (!options.pricedFloor && (await relaxationHoldsFloor(config, requirement, options.start, options.end, solver, plain, capacity))) {
    const hard = build({});
    const attempt = await solver.solve(hard.mip, { ...mipOptions, timeLimitSeconds: Math.min(mipOptions.timeLimitSeconds, Math.max(5, mipOptions.timeLimitSeconds / 4)) });
    if (attempt.status === 'optimal' || attempt.status === 'feasible') {
      plan = hard;
      result = attempt;
    }
  }
  if (!plan || !result) {
    plan = build({ allowShort: true });
    result = await solve(plan);
    if (result.status === 'infeasible') throw await infeasible();
  }
  const final = plan;
  const read = readPlan(plan, result, mipOptions);
  if (read.summary.shortfall.belowFloorAgentHours > 0) {
    // Where the plan is below the floor; which limits bind there is worked out once, for the
    // final plan (`explainShortage`).
    read.floorDiagnosis = {
      gaps: read.coverage
        .filter((r) => r.queue !== 'all' || final.context.horizon.queues.length === 1)
        .filter((r) => (r.floor ?? 0) - r.scheduled > 1e-9)
        .map((r) => ({ timestamp: r.timestamp, queue: r.queue, floor: r.floor ?? 0, short: clean((r.floor ?? 0) - r.scheduled) })),
      total: read.summary.shortfall.belowFloorAgentHours,
      unreachable: [],
      binding: [],
    };
  }
  return read;

  async function solve(plan: PlanModel): Promise<MipResult> {
    const result = await solver.solve(plan.mip, mipOptions);
    if (result.status === 'noSolution') {
      throw new InfeasiblePlanError(
        `${solver.name} found no plan within the time limit of ${mipOptions.timeLimitSeconds} s (${plan.mip.variables.length} variables, ${plan.mip.constraints.length} constraints)`,
        ['solver.timeLimitSeconds'],
        'raise --time-limit or solver.mipRelGap, or plan a shorter horizon',
      );
    }
    if (result.status === 'unbounded') throw new SolverError('the plan model is unbounded (a pool with negative cost?)');
    return result;
  }
}
