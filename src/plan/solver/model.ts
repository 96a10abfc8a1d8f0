/**
 * A solver-neutral mixed-integer model: variables with bounds and integrality,
 * linear constraints, a linear objective to minimise. The shift planner and the
 * roster stage build one of these and hand it to a `MipSolver` adapter; only the
 * adapters know a solver's API.
 */

export type Sense = '>=' | '<=' | '=';

export interface MipVariable {
  /** Readable name for diagnostics (`x[2026-11-01,day,+1,in-house]`); adapters use indices. */
  name: string;
  lower: number;
  /** `Infinity` when unbounded above. */
  upper: number;
  integer: boolean;
  /** Objective coefficient (minimised). */
  cost: number;
}

export interface MipConstraint {
  /** Readable name (`coverage[2026-11-01T10:00,presales]`). */
  name: string;
  /** Variable indices and their coefficients, same length, each index once. */
  vars: number[];
  coefs: number[];
  sense: Sense;
  rhs: number;
}

export interface MipModel {
  variables: MipVariable[];
  constraints: MipConstraint[];
  /** Constant added to the objective value (not seen by the solver). */
  objectiveOffset: number;
}

export interface MipOptions {
  /** Stop when (objective - bound) / |objective| falls below this (HiGHS mip_rel_gap). */
  relativeGap: number;
  /** Stop when objective - bound falls below this (HiGHS mip_abs_gap). */
  absoluteGap: number;
  /**
   * A safety, not a stop rule: a solve that reaches it ends with `limit: 'time'`,
   * and the pipeline refuses such a result unless the user accepts its gap
   * (its figures would depend on the machine's speed and load).
   */
  timeLimitSeconds: number;
  /**
   * A starting solution (variable name → value) the solver tries first: an
   * earlier plan's whole numbers, so a re-solve of a slightly changed model
   * starts from a good plan instead of none. Only integer variables are read;
   * a partial start is completed by the solver, an infeasible one is dropped.
   * It can only speed the search up: the answer still meets the gap asked.
   */
  start?: ReadonlyMap<string, number>;
  /**
   * Stop after this many branch-and-bound nodes (HiGHS mip_max_nodes): a limit
   * that, unlike time, gives the same answer on a slow or a busy machine.
   */
  maxNodes?: number;
  /** What this solve is, for the solve record (`plan, breaks relaxed`); adapters ignore it. */
  label?: string;
  /** The gap the user asked, when this solve asks a share of it (a stage of a two-stage solve); for messages. */
  askedGap?: number;
}

/**
 * `optimal`: proven within the gap tolerances; `feasible`: a solution exists but a
 * limit stopped the search; `noSolution`: a limit stopped it before any solution;
 * `infeasible`: no solution exists.
 */
export type MipStatus = 'optimal' | 'feasible' | 'noSolution' | 'infeasible' | 'unbounded';

export interface MipResult {
  solver: string;
  status: MipStatus;
  /** The solver's own status text (`Optimal`, `Time limit reached`, ...). */
  solverStatus: string;
  /** Objective including the model's offset; NaN without a solution. */
  objective: number;
  /** Proven lower bound on the objective (including the offset); NaN when unknown. */
  bestBound: number;
  /** Relative gap (objective - bound) / |objective|; NaN when unknown. */
  gap: number;
  /**
   * What stopped the search before the gap tolerance was reached: `time` (the
   * safety time limit, which depends on the machine), `nodes` (the node limit,
   * which does not), or null (the gap was reached, or the model was proven
   * infeasible or unbounded).
   */
  limit: 'time' | 'nodes' | null;
  seconds: number;
  /** One value per model variable (empty without a solution). */
  values: number[];
}

export interface MipSolver {
  readonly name: string;
  solve(model: MipModel, options: MipOptions): Promise<MipResult>;
}

/** Builds a MipModel incrementally; repeated variables in one constraint are merged. */
export class MipBuilder {
  readonly variables: MipVariable[] = [];
  readonly constraints: MipConstraint[] = [];
  objectiveOffset = 0;

  addVariable(name: string, spec: { lower?: number; upper?: number; integer?: boolean; cost?: number }): number {
    this.variables.push({
      name,
      lower: spec.lower ?? 0,
      upper: spec.upper ?? Infinity,
      integer: spec.integer ?? false,
      cost: spec.cost ?? 0,
    });
    return this.variables.length - 1;
  }

  addCost(variable: number, cost: number): void {
    const v = this.variables[variable];
    if (!v) throw new Error(`no variable ${variable}`);
    v.cost += cost;
  }

  /** Adds `sum coefs x vars (sense) rhs`; drops zero coefficients; returns the row index or -1 when empty. */
  addConstraint(name: string, vars: readonly number[], coefs: readonly number[], sense: Sense, rhs: number): number {
    const merged = new Map<number, number>();
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i] as number;
      merged.set(v, (merged.get(v) ?? 0) + (coefs[i] as number));
    }
    const outVars: number[] = [];
    const outCoefs: number[] = [];
    for (const [v, c] of merged) {
      if (c !== 0) {
        outVars.push(v);
        outCoefs.push(c);
      }
    }
    if (outVars.length === 0) {
      const ok = sense === '>=' ? rhs <= 0 : sense === '<=' ? rhs >= 0 : rhs === 0;
      if (!ok) throw new Error(`constraint ${name} has no variables and cannot hold (0 ${sense} ${rhs})`);
      return -1;
    }
    this.constraints.push({ name, vars: outVars, coefs: outCoefs, sense, rhs });
    return this.constraints.length - 1;
  }

  build(): MipModel {
    return { variables: this.variables, constraints: this.constraints, objectiveOffset: this.objectiveOffset };
  }
}

/** Objective value of `values` in `model`, including the offset. */
export function objectiveOf(model: MipModel, values: readonly number[]): number {
  let total = model.objectiveOffset;
  model.variables.forEach((v, i) => {
    total += v.cost * (values[i] ?? 0);
  });
  return total;
}

export interface Violation {
  what: string;
  amount: number;
}

/**
 * Every bound, integrality and constraint violation of `values` beyond
 * `tolerance` (absolute, scaled by the row's size): the check a solver adapter
 * runs before trusting an answer, and the tests run on every plan.
 */
export function findViolations(model: MipModel, values: readonly number[], tolerance = 1e-6): Violation[] {
  const out: Violation[] = [];
  model.variables.forEach((v, i) => {
    const x = values[i];
    if (x === undefined || !Number.isFinite(x)) {
      out.push({ what: `${v.name} has no value`, amount: Infinity });
      return;
    }
    if (x < v.lower - tolerance) out.push({ what: `${v.name} = ${x} below its lower bound ${v.lower}`, amount: v.lower - x });
    if (x > v.upper + tolerance) out.push({ what: `${v.name} = ${x} above its upper bound ${v.upper}`, amount: x - v.upper });
    if (v.integer && Math.abs(x - Math.round(x)) > tolerance) out.push({ what: `${v.name} = ${x} is not a whole number`, amount: Math.abs(x - Math.round(x)) });
  });
  for (const c of model.constraints) {
    let lhs = 0;
    let scale = Math.abs(c.rhs);
    for (let k = 0; k < c.vars.length; k++) {
      const term = (c.coefs[k] as number) * (values[c.vars[k] as number] ?? 0);
      lhs += term;
      scale = Math.max(scale, Math.abs(term));
    }
    const tol = tolerance * Math.max(1, scale);
    const miss = c.sense === '>=' ? c.rhs - lhs : c.sense === '<=' ? lhs - c.rhs : Math.abs(lhs - c.rhs);
    if (miss > tol) out.push({ what: `${c.name}: ${lhs} ${c.sense} ${c.rhs} fails`, amount: miss });
  }
  return out;
}
