/**
 * The plan model solved in two stages. Three quarters of its whole-number
 * variables are break choices (how many agents of a start take each break at
 * each allowed time), and they are what makes the branch and bound slow: the
 * root LP is solved in a second, the time goes into cuts on the break rows.
 *
 *   Stage 1: the plan with the break choices continuous (agents, overtime,
 *            surge, seats and vendor use whole). Its best bound is a bound of
 *            the whole model too (it is a relaxation of it).
 *   Stage 2: every whole-number variable but the break choices held at its
 *            stage-1 value, the break choices whole again: a small model that
 *            places whole agents on their breaks (the hourly floors are the
 *            same rows, so they must hold with whole breaks too).
 *
 * The answer's gap is stage 2's objective against stage 1's bound, so it is
 * proven for the whole model. When stage 2 has no answer (whole breaks cannot
 * hold a floor the fractional ones held) or the gap is above the asked one,
 * the one-stage model is solved, started from the best answer so far, and its
 * bound is combined with stage 1's. Every solve is recorded with its step.
 * Measured on the sample's plan model (4,744 columns, 1,653 break choices):
 * 12.2 s in one stage, 3.7 s + 0.16 s in two, +0.03% on the objective.
 */
import type { PlanModel } from './model';
import type { MipModel, MipOptions, MipResult, MipSolver } from './solver/model';

/** Share of the asked relative gap stage 1 is solved to; the rest is left for whole breaks. */
export const STAGE1_GAP_SHARE = 0.5;

/** Indices of the break-choice variables that are whole numbers (one per allowed break time). */
export function breakChoiceVariables(plan: PlanModel): number[] {
  const out: number[] = [];
  for (const a of plan.context.agents) for (const choices of a.breaks) for (const c of choices) if (c.variable >= 0 && plan.mip.variables[c.variable]?.integer) out.push(c.variable);
  return out;
}

function withVariables(model: MipModel, change: (index: number) => Partial<MipModel['variables'][number]> | null): MipModel {
  return {
    ...model,
    variables: model.variables.map((v, i) => {
      const changed = change(i);
      return changed ? { ...v, ...changed } : v;
    }),
  };
}

/** Proven relative gap of `objective` against `bound` (0 within the absolute tolerance). */
function gapOf(objective: number, bound: number, options: MipOptions): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return NaN;
  const diff = Math.max(0, objective - bound);
  return diff <= options.absoluteGap ? 0 : diff / Math.max(Math.abs(objective), 1e-9);
}

/** Integer values of `values` by variable name (a start for the one-stage model). */
function startOf(model: MipModel, values: readonly number[], keep: (index: number) => boolean): Map<string, number> {
  const start = new Map<string, number>();
  model.variables.forEach((v, i) => {
    if (v.integer && keep(i)) start.set(v.name, Math.round(values[i] ?? 0));
  });
  return start;
}

/**
 * Solves the plan model: in two stages when it has whole-number break
 * choices, otherwise as it is. Returns one result for the whole model.
 */
export async function solvePlanModel(plan: PlanModel, solver: MipSolver, options: MipOptions): Promise<MipResult> {
  const model = plan.mip;
  const breaks = new Set(breakChoiceVariables(plan));
  if (breaks.size === 0) return solver.solve(model, { ...options, label: options.label ?? 'plan' });

  const stage1 = await solver.solve(
    withVariables(model, (i) => (breaks.has(i) ? { integer: false } : null)),
    { ...options, relativeGap: options.relativeGap * STAGE1_GAP_SHARE, label: 'plan, breaks relaxed' },
  );
  if (stage1.status !== 'optimal' && stage1.status !== 'feasible') return stage1;

  const fixed = withVariables(model, (i) => {
    const v = model.variables[i];
    if (!v?.integer || breaks.has(i)) return null;
    const value = Math.min(v.upper, Math.max(v.lower, Math.round(stage1.values[i] ?? 0)));
    return { lower: value, upper: value };
  });
  const { start: _start, ...plain } = options;
  void _start;
  const stage2 = await solver.solve(fixed, { ...plain, label: 'plan, whole breaks' });
  const seconds = (...rs: MipResult[]): number => rs.reduce((s, r) => s + r.seconds, 0);

  if (stage2.status === 'optimal' || stage2.status === 'feasible') {
    const bound = stage1.bestBound;
    const gap = gapOf(stage2.objective, bound, options);
    const within = Number.isFinite(gap) && gap <= options.relativeGap + 1e-12;
    const limited = stage1.limit ?? stage2.limit;
    if (within || limited === 'nodes') {
      const proven = within && stage1.status === 'optimal' && stage2.status === 'optimal';
      return {
        ...stage2,
        status: proven ? 'optimal' : 'feasible',
        solverStatus: `${stage1.solverStatus} / ${stage2.solverStatus} (two stages)`,
        bestBound: bound,
        gap,
        limit: proven ? null : limited,
        seconds: seconds(stage1, stage2),
      };
    }
  }

  // Whole breaks do not fit the relaxed plan, or its gap is above the asked one: the whole model,
  // started from the best answer so far (stage 2's, or stage 1's whole numbers without breaks).
  const why = stage2.status === 'optimal' || stage2.status === 'feasible' ? 'the two-stage answer is above the asked gap' : 'whole breaks do not fit the relaxed plan';
  const start = stage2.status === 'optimal' || stage2.status === 'feasible' ? startOf(model, stage2.values, () => true) : startOf(model, stage1.values, (i) => !breaks.has(i));
  const whole = await solver.solve(model, { ...plain, start, label: `plan, one stage (${why})` });
  if (whole.status !== 'optimal' && whole.status !== 'feasible') return { ...whole, seconds: seconds(stage1, stage2, whole) };
  const bounds = [whole.bestBound, stage1.bestBound].filter(Number.isFinite);
  const bound = bounds.length > 0 ? Math.max(...bounds) : NaN;
  const gap = gapOf(whole.objective, bound, options);
  return { ...whole, bestBound: bound, gap, seconds: seconds(stage1, stage2, whole) };
}
