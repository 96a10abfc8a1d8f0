/**
 * Optional adapter for javascript-lp-solver (pure JavaScript, no WASM). It is
 * slower and, when its timeout hits, may report `feasible` with fractional
 * integer variables; every answer is therefore checked against the model and
 * rejected with a clear error when a bound, an integrality or a constraint fails.
 */
import solver, { type Model as JslpModel, type SolveResult } from 'javascript-lp-solver';
import { SolverError } from '../../domain';
import { findViolations, objectiveOf, type MipModel, type MipOptions, type MipResult, type MipSolver } from './model';

function toJslp(model: MipModel, options: MipOptions): JslpModel {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JslpModel['constraints'] = {};
  const ints: Record<string, boolean> = {};
  model.variables.forEach((v, i) => {
    const coeffs: Record<string, number> = { cost: v.cost };
    if (v.upper !== Infinity) {
      coeffs[`u${i}`] = 1;
      constraints[`u${i}`] = { max: v.upper };
    }
    if (v.lower !== 0) {
      coeffs[`l${i}`] = 1;
      constraints[`l${i}`] = { min: v.lower };
    }
    variables[`x${i}`] = coeffs;
    if (v.integer) ints[`x${i}`] = true;
  });
  model.constraints.forEach((c, j) => {
    const key = `c${j}`;
    constraints[key] = c.sense === '>=' ? { min: c.rhs } : c.sense === '<=' ? { max: c.rhs } : { equal: c.rhs };
    for (let k = 0; k < c.vars.length; k++) {
      const coeffs = variables[`x${c.vars[k] as number}`] as Record<string, number>;
      coeffs[key] = c.coefs[k] as number;
    }
  });
  return {
    optimize: 'cost',
    opType: 'min',
    constraints,
    variables,
    ints,
    options: { tolerance: options.relativeGap, timeout: options.timeLimitSeconds * 1000 },
  };
}

/** Throws SolverError when `values` break a bound, an integrality or a constraint of `model`. */
export function rejectBrokenAnswer(model: MipModel, values: readonly number[]): void {
  const violations = findViolations(model, values, 1e-6);
  if (violations.length === 0) return;
  const first = violations[0];
  throw new SolverError(
    `javascript-lp-solver returned an answer that breaks the model (${violations.length} problem(s), first: ${first?.what ?? ''})`,
    'use --solver highs',
  );
}

export const jslpSolver: MipSolver = {
  name: 'jslp',
  async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
    const started = process.hrtime.bigint();
    const result = solver.Solve(toJslp(model, options)) as SolveResult;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!result.feasible) {
      return { solver: 'jslp', status: 'infeasible', solverStatus: 'infeasible', objective: NaN, bestBound: NaN, gap: NaN, seconds, values: [] };
    }
    const values = model.variables.map((_, i) => {
      const v = result[`x${i}`];
      return typeof v === 'number' ? v : 0;
    });
    rejectBrokenAnswer(model, values);
    const objective = objectiveOf(model, values);
    return { solver: 'jslp', status: 'feasible', solverStatus: 'feasible', objective, bestBound: NaN, gap: NaN, seconds, values };
  },
};
