/**
 * The plan model solved in two stages. Three quarters of its whole-number
 * variables are break choices (how many agents of a start take each break at
 * each allowed time), and they are what makes the branch and bound slow: the
 * root LP is solved in a second, the time goes into cuts on the break rows.
 *
 *   Stage 1:  the plan with the break choices continuous (agents, overtime,
 *             surge, seats and vendor use whole). Its best bound is a bound of
 *             the whole model too (it is a relaxation of it).
 *   Stage 2:  every whole-number variable but the break choices held at its
 *             stage-1 value, the break choices whole again: a small model that
 *             places whole agents on their breaks (the hourly floors are the
 *             same rows, so they must hold with whole breaks too).
 *   Stage 2b: when whole breaks do not fit (an hour the fractional breaks
 *             held at its floor) or the gap is above the asked one: each start
 *             within one agent of stage 1, seats and vendor use free.
 *   Fallback: the one-stage model, started from the best answer so far, its
 *             bound combined with stage 1's.
 *
 * The answer's gap is its objective against the best bound (stage 1's, or
 * the fallback's if higher), so it is proven for the whole model. Every solve
 * is recorded with its step. Asked gaps below TWO_STAGE_MIN_GAP, and models
 * with fewer than TWO_STAGE_MIN_BREAKS break choices, go straight to one stage. Measured on the sample's plan model (4,744 columns, 1,653 break
 * choices): 12.2 s in one stage, 3.7 s + 0.16 s in two, +0.03% on the objective.
 */
import type { PlanModel } from './model';
import type { MipModel, MipOptions, MipResult, MipSolver } from './solver/model';

/** Share of the asked relative gap stage 1 is solved to; the rest is left for whole breaks. */
export const STAGE1_GAP_SHARE = 0.5;
/**
 * Stage 1 stops at this many nodes if it has not reached its gap by then (a
 * deterministic limit): its bound still proves the answer when the whole-break
 * plan is within the asked gap of it, and the later steps take over when not.
 * Closing the last fraction of a percent can take minutes on models whose
 * answer the first nodes already hold (a 50/50 band priced below the floor).
 */
export const STAGE1_NODES = 500;
/**
 * Below this asked relative gap the model is solved in one stage: whole breaks
 * cost 0.1-0.2% against the relaxed bound on the sample's models, so two
 * stages would rarely prove a tighter gap and only add their time.
 */
export const TWO_STAGE_MIN_GAP = 0.002;
/**
 * Models with fewer whole-number break choices than this are solved in one
 * stage: a few days' plan solves in a second or two as it is, and two stages
 * only add solves (the 3-day what-if fixture: 2 s in one stage, up to 6 s in
 * two when whole breaks do not fit).
 */
export const TWO_STAGE_MIN_BREAKS = 1000;

/**
 * Indices of the break-choice variables stage 1 relaxes: every whole-number
 * break choice, except those of a break whose choices count differently in an
 * outsourcing-share row (a break that may fall inside or outside the horizon,
 * or a share period). Those stay whole in stage 1: the band is often held to
 * the last agent-hour, and a whole break could not reproduce a fractional
 * one's share exactly.
 */
export function breakChoiceVariables(plan: PlanModel): number[] {
  const shareCoefs = new Map<number, Map<number, number>>();
  plan.mip.constraints.forEach((row, r) => {
    if (!/^(outsourcingM|vendorShareM)/.test(row.name)) return;
    row.vars.forEach((v, k) => {
      const m = shareCoefs.get(v) ?? new Map<number, number>();
      m.set(r, row.coefs[k] as number);
      shareCoefs.set(v, m);
    });
  });
  const sameShare = (choices: ReadonlyArray<{ variable: number }>): boolean => {
    const rows = new Set<number>();
    for (const c of choices) for (const r of shareCoefs.get(c.variable)?.keys() ?? []) rows.add(r);
    for (const r of rows) {
      const first = shareCoefs.get(choices[0]?.variable ?? -1)?.get(r) ?? 0;
      if (choices.some((c) => Math.abs((shareCoefs.get(c.variable)?.get(r) ?? 0) - first) > 1e-9)) return false;
    }
    return true;
  };
  const out: number[] = [];
  for (const a of plan.context.agents) {
    for (const choices of a.breaks) {
      if (!sameShare(choices)) continue;
      for (const c of choices) if (c.variable >= 0 && plan.mip.variables[c.variable]?.integer) out.push(c.variable);
    }
  }
  return out;
}

/** `model` with some variables changed (`change` returns the fields to change, or null to keep one). */
export function withVariables(model: MipModel, change: (index: number) => Partial<MipModel['variables'][number]> | null): MipModel {
  return {
    ...model,
    variables: model.variables.map((v, i) => {
      const changed = change(i);
      return changed ? { ...v, ...changed } : v;
    }),
  };
}

/** Proven relative gap of `objective` against `bound` (0 within the absolute tolerance; NaN without a bound). */
export function gapOf(objective: number, bound: number, options: MipOptions): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return NaN;
  const diff = Math.max(0, objective - bound);
  return diff <= options.absoluteGap ? 0 : diff / Math.max(Math.abs(objective), 1e-9);
}

/** Integer values of `values` by variable name (a start for the one-stage model). */
export function startOf(model: MipModel, values: readonly number[], keep: (index: number) => boolean): Map<string, number> {
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
  return solveStaged({ mip: plan.mip, breaks: new Set(breakChoiceVariables(plan)), agents: new Set(plan.context.agents.map((a) => a.variable)) }, solver, options);
}

/** A plan model as the two stages see it: the break choices stage 1 relaxes, and the agent variables. */
export interface StagedModel {
  mip: MipModel;
  breaks: ReadonlySet<number>;
  agents: ReadonlySet<number>;
}

/** The two-stage solve of any plan model (the whole horizon's, or a window's: windows.ts). */
export async function solveStaged(staged: StagedModel, solver: MipSolver, options: MipOptions): Promise<MipResult> {
  const { mip: model, breaks } = staged;
  if (breaks.size < TWO_STAGE_MIN_BREAKS || options.relativeGap < TWO_STAGE_MIN_GAP) return solver.solve(model, { ...options, label: options.label ?? 'plan' });

  const stage1 = await solver.solve(
    withVariables(model, (i) => (breaks.has(i) ? { integer: false } : null)),
    { ...options, relativeGap: options.relativeGap * STAGE1_GAP_SHARE, maxNodes: options.maxNodes ?? STAGE1_NODES, askedGap: options.askedGap ?? options.relativeGap, label: 'plan, breaks relaxed' },
  );
  if (stage1.status !== 'optimal' && stage1.status !== 'feasible') return stage1;

  const { start: _start, ...plain } = options;
  void _start;
  const used: MipResult[] = [stage1];
  const seconds = (): number => used.reduce((n, r) => n + r.seconds, 0);
  const found = (r: MipResult): boolean => r.status === 'optimal' || r.status === 'feasible';
  /** Stage 2's answer proven against stage 1's bound, or null when it is above the asked gap. */
  const proven = (stage2: MipResult): MipResult | null => {
    const bound = stage1.bestBound;
    const gap = gapOf(stage2.objective, bound, options);
    const within = Number.isFinite(gap) && gap <= options.relativeGap + 1e-12;
    // Within the asked gap against stage 1's bound is a proof, whatever stopped each stage. Above it,
    // the answer stands only where the caller asked for a node-limited search (why-short repairs).
    const limited = stage1.limit ?? stage2.limit;
    if (!within && !(options.maxNodes !== undefined && limited === 'nodes')) return null;
    return { ...stage2, status: within ? 'optimal' : 'feasible', solverStatus: `${stage1.solverStatus} / ${stage2.solverStatus} (two stages)`, bestBound: bound, gap, limit: within ? null : limited, seconds: seconds() };
  };

  // Stage 2: every whole-number variable but the break choices held at its stage-1 value.
  const held = (i: number): number => {
    const v = model.variables[i] as MipModel['variables'][number];
    return Math.min(v.upper, Math.max(v.lower, Math.round(stage1.values[i] ?? 0)));
  };
  const stage2 = await solver.solve(
    withVariables(model, (i) => (!model.variables[i]?.integer || breaks.has(i) ? null : { lower: held(i), upper: held(i) })),
    { ...plain, label: 'plan, whole breaks' },
  );
  used.push(stage2);
  let best: MipResult | null = found(stage2) ? stage2 : null;
  if (best) {
    const answer = proven(best);
    if (answer) return answer;
  }

  // Whole breaks can leave an hour below its floor (or the plan above the gap) where fractional
  // breaks held it: let every start have one agent more or less than stage 1 gave it (seat counts
  // and vendor use follow), a small search around stage 1's plan.
  const agentVars = staged.agents;
  {
    const stage2b = await solver.solve(
      withVariables(model, (i) => {
        if (!model.variables[i]?.integer || breaks.has(i)) return null;
        const v = model.variables[i] as MipModel['variables'][number];
        return agentVars.has(i) ? { lower: Math.max(v.lower, held(i) - 1), upper: Math.min(v.upper, held(i) + 1) } : null;
      }),
      { ...plain, ...(best ? { start: startOf(model, best.values, () => true) } : {}), label: 'plan, whole breaks, agents within one of stage 1' },
    );
    used.push(stage2b);
    if (found(stage2b) && (!best || stage2b.objective < best.objective)) best = stage2b;
    if (best) {
      const answer = proven(best);
      if (answer) return answer;
    }
  }

  // Still no answer within the gap: the whole model, started from the best answer so far (or stage
  // 1's whole numbers without breaks), its bound combined with stage 1's.
  const why = best ? 'the two-stage answer is above the asked gap' : 'whole breaks do not fit the relaxed plan';
  const start = best ? startOf(model, best.values, () => true) : startOf(model, stage1.values, (i) => !breaks.has(i));
  const whole = await solver.solve(model, { ...plain, start, label: `plan, one stage (${why})` });
  used.push(whole);
  if (!found(whole)) return { ...whole, seconds: seconds() };
  const bounds = [whole.bestBound, stage1.bestBound].filter(Number.isFinite);
  const bound = bounds.length > 0 ? Math.max(...bounds) : NaN;
  const gap = gapOf(whole.objective, bound, options);
  return { ...whole, bestBound: bound, gap, seconds: seconds() };
}
