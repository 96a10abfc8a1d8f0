/**
 * planShifts: checks for impossible requests, builds the model, solves it with
 * the configured adapter and reads the answer into lines, coverage and summary.
 */
import type { Config } from '../config';
import { GapNotReachedError, InfeasiblePlanError, SolverError, type Requirement } from '../domain';
import { checkObviousConflicts, explainInfeasible, relaxationHoldsFloor } from './feasibility';
import { buildPlanModel, startDateOfVariable, type PlanModel, type PlanModelOptions } from './model';
import { clean, readPlan, type PlanResult } from './solution';
import { solverByName, type MipModel, type MipOptions, type MipResult, type MipSolver } from './solver';
import type { PoolCapacity } from './constraints/inhouseAvailability';
import { gapOf, solvePlanModel, startOf } from './twoStage';
import { solveByWindows, solvedByWindows } from './windows';

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
  /**
   * A local re-plan of an earlier plan (the second plan ↔ roster round): every
   * agent and break variable that starts on a date outside `freeDates` is held at
   * its value in `values`, and the answer's gap is proven against `bound`, the
   * best bound of the earlier plan's model, which this model only tightens (its
   * bound holds here too). When that gap is above the asked one, or the held
   * dates leave no plan, the whole model is solved, started from the local answer.
   */
  repair?: { values: ReadonlyMap<string, number>; freeDates: ReadonlySet<string>; bound: number };
  /** Vendor → the fewest seats to pay for (see PlanModelOptions.seatsAtLeast). */
  seatsAtLeast?: Readonly<Record<string, number>>;
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
      ...(options.seatsAtLeast ? { seatsAtLeast: options.seatsAtLeast } : {}),
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
  // The floor as a hard rule when the relaxation can hold it and a plan of whole agents does;
  // otherwise agents below the floor are priced (at BELOW_FLOOR_FACTOR x the service they lose,
  // steep enough to hold it wherever it pays at all).
  let plan: PlanModel | null = null;
  let result: MipResult | null = null;
  if (!options.pricedFloor && (await relaxationHoldsFloor(config, requirement, options.start, options.end, solver, plain, capacity))) {
    const hard = build({});
    const attempt = await solveModel(hard);
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

  /** A long plain plan by window (windows.ts); a local re-plan, a repair or a design model as a whole. */
  async function solveModel(plan: PlanModel): Promise<MipResult> {
    const byWindows = !options.repair && !options.fix && !options.extend && !options.forceCovered && !options.warmStart && solvedByWindows(plan);
    return options.repair ? solveRepair(plan, options.repair) : byWindows ? solveByWindows(plan, solver, mipOptions) : solvePlanModel(plan, solver, mipOptions);
  }

  async function solve(plan: PlanModel): Promise<MipResult> {
    const result = await solveModel(plan);
    if (result.status === 'noSolution') {
      throw new InfeasiblePlanError(
        `${solver.name} found no plan within its ${result.limit === 'nodes' ? `node limit of ${mipOptions.maxNodes ?? '?'}` : `time limit of ${mipOptions.timeLimitSeconds} s`} (${plan.mip.variables.length} variables, ${plan.mip.constraints.length} constraints)`,
        ['solver.timeLimitSeconds'],
        'raise --time-limit, or plan a shorter horizon',
      );
    }
    if (result.status === 'unbounded') throw new SolverError('the plan model is unbounded (a pool with negative cost?)');
    if (result.status === 'feasible' && result.limit === null) {
      // Every solve reached its own gap, yet the stages together did not prove the asked one.
      const reached = Number.isFinite(result.gap) ? result.gap : null;
      throw new GapNotReachedError(
        `the plan was proven only within ${reached === null ? 'an unknown gap' : `${(reached * 100).toFixed(2)}%`} (asked ${(mipOptions.relativeGap * 100).toFixed(2)}%); nothing was written`,
        reached,
        mipOptions.relativeGap,
        result.seconds,
        reached === null ? 'use --solver highs' : `pass --accept-gap ${Math.ceil(reached * 1000) / 1000} to write it marked as above the asked gap`,
      );
    }
    return result;
  }

  async function solveRepair(plan: PlanModel, repair: NonNullable<PlanOptions['repair']>): Promise<MipResult> {
    const held: MipModel = {
      ...plan.mip,
      variables: plan.mip.variables.map((v) => {
        const date = startDateOfVariable(v.name);
        const value = repair.values.get(v.name);
        if (date === undefined || value === undefined || repair.freeDates.has(date)) return v;
        const x = Math.min(v.upper, Math.max(v.lower, value));
        return { ...v, lower: x, upper: x };
      }),
    };
    const local = await solvePlanModel({ ...plan, mip: held }, solver, { ...mipOptions, label: 'plan, local repair' });
    const found = local.status === 'optimal' || local.status === 'feasible';
    if (found && Number.isFinite(repair.bound)) {
      const proven = pick(local, repair.bound);
      if (proven.status === 'optimal') return proven;
    }
    const start = found ? startOf(plan.mip, local.values, () => true) : new Map<string, number>();
    const whole = await solvePlanModel(plan, solver, { ...mipOptions, ...(start.size > 0 ? { start } : {}) });
    if (whole.status !== 'optimal' && whole.status !== 'feasible') return found ? { ...pick(local, repair.bound), seconds: whole.seconds + local.seconds } : whole;
    // The better answer of the two, proven against the better bound (both bound this model).
    const bounds = [whole.bestBound, repair.bound].filter(Number.isFinite);
    const bound = bounds.length > 0 ? Math.max(...bounds) : NaN;
    const best = found && local.objective < whole.objective ? local : whole;
    return { ...pick(best, bound), seconds: whole.seconds + local.seconds };
  }

  /** `result` with its gap proven against `bound` (optimal when within the asked gap). */
  function pick(result: MipResult, bound: number): MipResult {
    const gap = gapOf(result.objective, bound, mipOptions);
    const within = Number.isFinite(gap) && gap <= mipOptions.relativeGap + 1e-12;
    return { ...result, bestBound: bound, gap, status: within ? 'optimal' : result.status === 'optimal' ? 'feasible' : result.status, limit: within ? null : result.limit };
  }
}
