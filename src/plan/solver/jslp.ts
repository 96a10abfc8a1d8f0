/**
 * Optional adapter for javascript-lp-solver (pure JavaScript, no WASM). It is
 * slower and, when its timeout hits, may report `feasible` with fractional
 * integer variables; every answer is therefore checked against the model and
 * rejected with a clear error when a bound, an integrality or a constraint fails.
 *
 * Its own `timeout` only applies between branch-and-cut nodes: one simplex
 * run on a real horizon can take minutes. So the solve runs in a worker
 * thread that is ended from outside at the time limit (a stopped solve has no
 * plan: status `noSolution`, as HiGHS without an incumbent).
 */
import { Worker } from 'node:worker_threads';
import type { Model as JslpModel, SolveResult } from 'javascript-lp-solver';
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

/** Extra time the worker gets past the limit to return the answer its own timeout produced. */
const GRACE_MS = 1000;

/** The worker's whole program: solve the model it is given and post the answer. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const solver = require(workerData.library);
parentPort.postMessage(solver.Solve(workerData.model));
`;

/** Solve in a worker thread; undefined when the time limit (plus grace) ran out first. */
function solveInWorker(model: JslpModel, timeLimitSeconds: number): Promise<SolveResult | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { library: require.resolve('javascript-lp-solver'), model } });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => resolve(undefined)), Math.min(timeLimitSeconds * 1000 + GRACE_MS, 2 ** 31 - 1));
    worker.once('message', (answer: SolveResult) => finish(() => resolve(answer)));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the javascript-lp-solver worker stopped with exit code ${code}`))));
  });
}

export const jslpSolver: MipSolver = {
  name: 'jslp',
  async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
    const started = process.hrtime.bigint();
    const result = await solveInWorker(toJslp(model, options), options.timeLimitSeconds);
    const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const seconds = elapsed();
    const stopped = { solver: 'jslp', status: 'noSolution', solverStatus: 'time limit', objective: NaN, bestBound: NaN, gap: NaN, limit: 'time', seconds, values: [] } as const;
    if (result === undefined) return { ...stopped, solverStatus: 'time limit (worker stopped)', values: [] };
    // jslp's own timeout ends branch and bound with whatever it holds: "not feasible"
    // or fractional integers then mean "no plan within the limit", not a broken model.
    const timedOut = seconds >= options.timeLimitSeconds;
    if (!result.feasible) {
      if (timedOut) return { ...stopped, values: [] };
      return { solver: 'jslp', status: 'infeasible', solverStatus: 'infeasible', objective: NaN, bestBound: NaN, gap: NaN, limit: null, seconds, values: [] };
    }
    const values = model.variables.map((_, i) => {
      const v = result[`x${i}`];
      return typeof v === 'number' ? v : 0;
    });
    if (timedOut && findViolations(model, values, 1e-6).length > 0) return { ...stopped, values: [] };
    rejectBrokenAnswer(model, values);
    const objective = objectiveOf(model, values);
    // jslp reports no bound: the LP relaxation's optimum is one (its simplex is exact on LPs), so
    // the answer's gap is proven against it, and an answer within the asked gap counts as optimal.
    const integral = model.variables.some((v) => v.integer);
    const left = options.timeLimitSeconds - elapsed();
    const relaxed = integral && left > 0 ? await solveInWorker(toJslp({ ...model, variables: model.variables.map((v) => ({ ...v, integer: false })) }, options), left) : undefined;
    const bound = !integral ? objective : relaxed?.feasible && typeof relaxed.result === 'number' ? relaxed.result + model.objectiveOffset : NaN;
    const gap = Number.isFinite(bound) ? Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1e-9) : NaN;
    const proven = Number.isFinite(gap) && (gap <= options.relativeGap || objective - bound <= options.absoluteGap);
    return { solver: 'jslp', status: proven ? 'optimal' : 'feasible', solverStatus: proven ? 'optimal (within the gap of its LP bound)' : 'feasible', objective, bestBound: bound, gap, limit: proven ? null : timedOut || !Number.isFinite(gap) ? 'time' : null, seconds: elapsed(), values };
  },
};
