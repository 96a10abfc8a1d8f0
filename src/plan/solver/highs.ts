/**
 * The HiGHS adapter (HiGHS 1.15 compiled to WebAssembly, npm `highs`): the only
 * file that imports it. The model goes in as CPLEX LP text; the best bound and
 * gap come from HiGHS's info values (`mip_dual_bound`, `mip_gap`) of a
 * persistent model, since the one-shot `solve()` result carries neither.
 */
import type { Highs } from 'highs';
import { SolverError } from '../../domain';
import { toLpText } from './lpText';
import type { MipModel, MipOptions, MipResult, MipSolver, MipStatus } from './model';

let loading: Promise<Highs> | undefined;

/** Load the WASM runtime once per process, on the first solve (not at start-up); later calls reuse it. */
function loadHighs(): Promise<Highs> {
  // A plain require (resolves the same way compiled and from sources), deferred to the first solve.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= (require('highs') as typeof import('highs')).default();
  return loading;
}

function infoNumber(model: { info: { get(name: string): number | bigint } }, name: string): number {
  try {
    return Number(model.info.get(name));
  } catch {
    return NaN;
  }
}

export const highsSolver: MipSolver = {
  name: 'highs',
  async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
    // HiGHS reports a model without rows as "empty"; its answer needs no solver.
    if (model.constraints.length === 0) return solveUnconstrained(model);
    const highs = await loadHighs();
    const lp = toLpText(model);
    const m = highs.createModel({ format: 'lp', data: lp });
    try {
      m.options.set({
        output_flag: false,
        presolve: 'on',
        mip_rel_gap: options.relativeGap,
        mip_abs_gap: options.absoluteGap,
        time_limit: options.timeLimitSeconds,
        random_seed: 0,
        ...(options.maxNodes === undefined ? {} : { mip_max_nodes: options.maxNodes }),
      });
      if (options.start) setStart(m, model, options.start);
      m.run();
      const code = m.getModelStatus();
      const names = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code);
      const solverStatus = names ? names[0] : String(code);
      // primal_solution_status 2 = a feasible primal solution exists.
      const hasSolution = infoNumber(m, 'primal_solution_status') === 2;
      let status: MipStatus;
      const limits = highs.constants.modelStatus;
      const limit = code === limits.timeLimit || code === limits.interrupted ? 'time' : code === limits.solutionLimit || code === limits.iterationLimit ? 'nodes' : null;
      if (code === highs.constants.modelStatus.optimal) status = 'optimal';
      else if (code === highs.constants.modelStatus.infeasible) status = 'infeasible';
      else if (code === highs.constants.modelStatus.unbounded || code === highs.constants.modelStatus.unboundedOrInfeasible) status = 'unbounded';
      else if (code === highs.constants.modelStatus.timeLimit || code === highs.constants.modelStatus.interrupted || code === highs.constants.modelStatus.solutionLimit || code === highs.constants.modelStatus.iterationLimit) status = hasSolution ? 'feasible' : 'noSolution';
      else throw new SolverError(`HiGHS stopped with status ${solverStatus}`, 'run with a smaller horizon or report the config');
      const seconds = m.getRunTime();
      if (status !== 'optimal' && status !== 'feasible') {
        return { solver: 'highs', status, solverStatus, objective: NaN, bestBound: NaN, gap: NaN, limit, seconds, values: [] };
      }
      const col = m.getSolution().colValue;
      const values = new Array<number>(model.variables.length).fill(0);
      for (let i = 0; i < col.length; i++) {
        const index = Number(m.getColName(i).slice(1));
        values[index] = col[i] as number;
      }
      const objective = m.getObjectiveValue() + model.objectiveOffset;
      const integral = model.variables.some((v) => v.integer);
      const bound = integral ? infoNumber(m, 'mip_dual_bound') + model.objectiveOffset : objective;
      // Relative gap as HiGHS defines it, recomputed so the offset is included.
      const gap = integral ? Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1e-9) : 0;
      return { solver: 'highs', status, solverStatus, objective, bestBound: bound, gap, limit: status === 'optimal' ? null : limit, seconds, values };
    } finally {
      m.dispose();
    }
  },
};

/**
 * Hands HiGHS the integer values of `start` (by variable name) as a partial MIP
 * start; HiGHS completes it (the continuous part by an LP, a free integer part
 * by a small search) or drops it when it cannot.
 */
function setStart(m: { getDimensions(): { numCols: number }; getColName(i: number): string; setSolution(s: { indices: number[]; values: number[] }): unknown }, model: MipModel, start: ReadonlyMap<string, number>): void {
  const indices: number[] = [];
  const values: number[] = [];
  const n = m.getDimensions().numCols;
  for (let i = 0; i < n; i++) {
    const v = model.variables[Number(m.getColName(i).slice(1))];
    if (!v || !v.integer) continue;
    const value = start.get(v.name);
    if (value === undefined) continue;
    indices.push(i);
    values.push(Math.min(v.upper, Math.max(v.lower, Math.round(value))));
  }
  if (indices.length > 0) m.setSolution({ indices, values });
}

/**
 * A model with no constraints: each variable sits at the bound its cost points
 * to (lower for cost >= 0); unbounded when that bound is infinite.
 */
export function solveUnconstrained(model: MipModel): MipResult {
  const values: number[] = [];
  let objective = model.objectiveOffset;
  for (const v of model.variables) {
    const x = v.cost >= 0 ? v.lower : v.upper;
    if (!Number.isFinite(x)) return { solver: 'highs', status: 'unbounded', solverStatus: 'unbounded', objective: NaN, bestBound: NaN, gap: NaN, limit: null, seconds: 0, values: [] };
    const value = v.integer ? (v.cost >= 0 ? Math.ceil(x) : Math.floor(x)) : x;
    values.push(value);
    objective += v.cost * value;
  }
  return { solver: 'highs', status: 'optimal', solverStatus: 'optimal (no constraints)', objective, bestBound: objective, gap: 0, limit: null, seconds: 0, values };
}
