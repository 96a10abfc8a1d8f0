/**
 * The shift planner: Config + Requirement + dates → least-cost integer shift plan.
 * `planShifts` checks for impossible requests, builds the model, solves it with
 * the configured adapter and reads the answer into lines, coverage and summary.
 */
import type { Config } from '../config';
import { InfeasiblePlanError, SolverError, type Requirement } from '../domain';
import { checkObviousConflicts, explainInfeasible } from './feasibility';
import { buildPlanModel } from './model';
import { readPlan, type PlanResult } from './solution';
import { solverByName, type MipOptions, type MipSolver } from './solver';
import type { PoolCapacity } from './constraints/inhouseAvailability';

export * from './solution';
export { buildPlanModel, type PlanModel, type PlanContext, type AgentVar } from './model';
export { buildHorizon, type Horizon, type ShiftStart } from './horizon';
export * from './solver';
export { scopePeriods } from './constraints/outsourcingRatio';
export { checkPlanSize, estimatePlanSize, CONFIG_NAMES, type PlanSize, type PlanSizeNames } from './limits';
export type { PoolCapacity, PoolCapacity as PoolAvailability, DayCapacity, WindowCapacity } from './constraints/inhouseAvailability';

export interface PlanOptions {
  start: string;
  end: string;
  /** Overrides config.solver.name. */
  solver?: 'highs' | 'jslp' | MipSolver;
  /** Overrides config.solver.timeLimitSeconds. */
  timeLimitSeconds?: number;
  /**
   * What the named in-house agents can staff (`plan --agents`; `inhouseCapacity`
   * in src/roster): per date agents present, per date and shift agents allowed,
   * per 7-day window agent-days. Tightens the in-house rules so the roster can
   * fill the plan (constraints/inhouseAvailability.ts).
   */
  availability?: readonly PoolCapacity[];
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
  const plan = buildPlanModel(config, requirement, options.start, options.end, new Set(), capacity);
  checkObviousConflicts(config, plan.context.horizon);
  const solver = typeof options.solver === 'object' ? options.solver : solverByName(options.solver ?? config.solver.name);
  const mipOptions = solverOptions(config, options.timeLimitSeconds);
  const result = await solver.solve(plan.mip, mipOptions);
  if (result.status === 'infeasible') {
    throw await explainInfeasible(config, requirement, options.start, options.end, solver, mipOptions, capacity);
  }
  if (result.status === 'noSolution') {
    throw new SolverError(
      `${solver.name} found no plan within the time limit of ${mipOptions.timeLimitSeconds} s (${plan.mip.variables.length} variables, ${plan.mip.constraints.length} constraints)`,
      'raise --time-limit or solver.mipRelGap, or plan a shorter horizon',
    );
  }
  if (result.status === 'unbounded') throw new SolverError('the plan model is unbounded (a pool with negative cost?)');
  return readPlan(plan, result, mipOptions);
}

export { InfeasiblePlanError };
