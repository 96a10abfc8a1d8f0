/**
 * Long horizons by window. With `solver.windowsFromDays` D > 0, a plan longer
 * than D days is solved in overlapping windows of WINDOW_DAYS days that move on by WINDOW_STEP_DAYS:
 * each window decides its days with the days before it held as decided and
 * the days after it left out, and keeps its first WINDOW_STEP_DAYS days (the
 * last window keeps all of its own).
 *
 * A window is the whole model restricted, so every rule carries in by itself:
 * the decided days' agents are constants in every row they share with the
 * window (rest between the last decided day and the first window day, days in
 * a row, days in any 7, vendor seats and their rest rows, a vendor already
 * used, the outsourcing band counted from the horizon's start), and the days
 * after the window are 0. That is a restriction of each row (all agent counts
 * are >= 0 and the rows that cap them keep holding), so the windows' plans
 * together are a plan of the whole model. Rows of one hour (coverage, floors,
 * routing) are kept only for the window's own hours.
 *
 * The windows' answer is then priced on the whole model (its continuous part,
 * the lost service, solved as an LP with every whole number held), and proven
 * against the whole model's LP bound. Where that gap is above the asked one,
 * the whole model is solved, started from the windows' answer.
 *
 * Off by default: on the sample config the whole model in two stages was faster
 * (37 days: 13.0 s against 19.8 s, whose windows' answer was above the asked gap
 * so the whole model followed anyway; 90 days x 10 pools at 1%: 92.6 s against
 * 101.4 s (whole 89.7 s on an idle machine), the windows' objective 0.26% lower).
 */
import type { PlanModel } from './model';
import type { MipModel, MipOptions, MipResult, MipSolver } from './solver/model';
import { breakChoiceVariables, gapOf, solveStaged, startOf, withVariables } from './twoStage';

export const WINDOW_DAYS = 14;
export const WINDOW_STEP_DAYS = 7;

interface Restricted {
  mip: MipModel;
  /** Index in the whole model of each variable of the restricted one. */
  whole: number[];
}

/**
 * `model` with the variables in `held` replaced by their values, those in
 * `dropped` by 0, and only the rows `keep` allows that still have a free
 * variable. A free variable that is in no kept row and costs something is left
 * out too (at 0: every such variable here is a priced slack).
 */
export function restrictModel(model: MipModel, held: ReadonlyMap<number, number>, dropped: ReadonlySet<number>, keep: (row: number) => boolean): Restricted {
  const inRow = new Set<number>();
  const rows: Array<{ name: string; vars: number[]; coefs: number[]; sense: MipModel['constraints'][number]['sense']; rhs: number }> = [];
  model.constraints.forEach((c, r) => {
    if (!keep(r)) return;
    let rhs = c.rhs;
    const vars: number[] = [];
    const coefs: number[] = [];
    c.vars.forEach((v, k) => {
      const coef = c.coefs[k] as number;
      const value = held.get(v);
      if (value !== undefined) rhs -= coef * value;
      else if (!dropped.has(v)) {
        vars.push(v);
        coefs.push(coef);
      }
    });
    if (vars.length === 0) return;
    rows.push({ name: c.name, vars, coefs, sense: c.sense, rhs });
    for (const v of vars) inRow.add(v);
  });
  const whole: number[] = [];
  const local = new Map<number, number>();
  let offset = model.objectiveOffset;
  model.variables.forEach((v, i) => {
    const value = held.get(i);
    if (value !== undefined) {
      offset += v.cost * value;
      return;
    }
    if (dropped.has(i) || !inRow.has(i)) return;
    local.set(i, whole.length);
    whole.push(i);
  });
  return {
    mip: {
      variables: whole.map((i) => model.variables[i] as MipModel['variables'][number]),
      constraints: rows.map((r) => ({ ...r, vars: r.vars.map((v) => local.get(v) as number) })),
      objectiveOffset: offset,
    },
    whole,
  };
}

/** Model day of each agent and break variable. */
function dayOfVariables(plan: PlanModel): Map<number, number> {
  const day = new Map<number, number>();
  for (const a of plan.context.agents) {
    day.set(a.variable, a.start.dayIndex);
    for (const choices of a.breaks) for (const c of choices) if (c.variable >= 0) day.set(c.variable, a.start.dayIndex);
  }
  return day;
}

/** True when `plan` is solved by window (`solver.windowsFromDays`, 0: never). */
export function solvedByWindows(plan: PlanModel): boolean {
  const from = plan.context.config.solver.windowsFromDays;
  return from > 0 && plan.context.horizon.hours / 24 > from;
}

export async function solveByWindows(plan: PlanModel, solver: MipSolver, options: MipOptions): Promise<MipResult> {
  const { mip, context: ctx } = plan;
  const { horizon } = ctx;
  const days = horizon.dates.length;
  const dayOf = dayOfVariables(plan);
  const breaks = new Set(breakChoiceVariables(plan));
  const agentVars = new Set(ctx.agents.map((a) => a.variable));
  const decided = new Map<number, number>();
  const global = new Map<number, number>();
  let seconds = 0;
  let limit: MipResult['limit'] = null;
  for (let first = 0; first < days; first += WINDOW_STEP_DAYS) {
    const last = Math.min(days, first + WINDOW_DAYS);
    const final = last === days;
    // Horizon hours of the window's days (model day d starts at horizon hour (d - firstHorizonDay) x 24).
    const fromHour = (first - horizon.firstHorizonDay) * 24;
    const toHour = (last - horizon.firstHorizonDay) * 24;
    const dropped = new Set<number>();
    for (const [v, d] of dayOf) if (d >= last) dropped.add(v);
    const window = restrictModel(mip, decided, dropped, (r) => {
      const h = ctx.rowHour.get(r);
      return h === undefined || (h >= fromHour && h < toHour);
    });
    const local = (set: ReadonlySet<number>): Set<number> => new Set(window.whole.map((w, i) => (set.has(w) ? i : -1)).filter((i) => i >= 0));
    const result = await solveStaged({ mip: window.mip, breaks: local(breaks), agents: local(agentVars) }, solver, { ...options, label: `plan, window ${horizon.dates[first]}..${horizon.dates[last - 1]}` });
    seconds += result.seconds;
    if (result.status === 'infeasible') {
      // The days before hold the window to a corner the whole horizon need not be in (a band
      // counted from the start, a rest day owed): the whole model decides.
      const whole = await solveStaged({ mip, breaks, agents: agentVars }, solver, { ...options, label: 'plan, whole horizon (a window had no plan)' });
      return { ...whole, seconds: seconds + whole.seconds };
    }
    if (result.status !== 'optimal' && result.status !== 'feasible') return { ...result, seconds };
    limit ??= result.limit;
    const keepTo = final ? days : first + WINDOW_STEP_DAYS;
    window.whole.forEach((w, i) => {
      const value = result.values[i] ?? 0;
      const d = dayOf.get(w);
      if (d !== undefined) {
        if (d < keepTo) decided.set(w, Math.round(value));
      } else if (mip.variables[w]?.integer) global.set(w, Math.round(value));
    });
    if (final) break;
  }
  // The windows' answer on the whole model: every whole number held (one no window used at 0), the rest an LP.
  const held = new Map<number, number>([...decided, ...global]);
  mip.variables.forEach((v, i) => {
    if (v.integer && !held.has(i)) held.set(i, 0);
  });
  const { start: _start, maxNodes: _nodes, ...plain } = options;
  void _start;
  void _nodes;
  const priced = await solver.solve(
    withVariables(mip, (i) => (held.has(i) ? { lower: held.get(i) as number, upper: held.get(i) as number, integer: false } : { integer: false })),
    { ...plain, label: 'plan, windows priced on the whole horizon' },
  );
  seconds += priced.seconds;
  // The whole horizon's LP bound: the proof of the windows' answer.
  const relaxed = await solver.solve(withVariables(mip, () => ({ integer: false })), { ...plain, label: 'plan, whole horizon LP bound' });
  seconds += relaxed.seconds;
  const bound = relaxed.status === 'optimal' ? relaxed.objective : NaN;
  if (priced.status === 'optimal') {
    const gap = gapOf(priced.objective, bound, options);
    const values = priced.values.map((x, i) => (mip.variables[i]?.integer ? Math.round(x) : x));
    if (Number.isFinite(gap) && (gap <= options.relativeGap + 1e-12 || limit === 'nodes')) {
      const proven = gap <= options.relativeGap + 1e-12;
      return { solver: priced.solver, status: proven ? 'optimal' : 'feasible', solverStatus: 'optimal (by window, proven against the whole horizon LP bound)', objective: priced.objective, bestBound: bound, gap, limit: proven ? null : limit, seconds, values };
    }
    // Above the asked gap: the whole model, started from the windows' answer, its bound combined with the LP's.
    const start = startOf(mip, values, () => true);
    const whole = await solveStaged({ mip, breaks, agents: agentVars }, solver, { ...options, start, label: 'plan, whole horizon (windows above the asked gap)' });
    seconds += whole.seconds;
    if (whole.status !== 'optimal' && whole.status !== 'feasible') return { ...whole, seconds };
    const best = Math.max(...[whole.bestBound, bound].filter(Number.isFinite));
    return { ...whole, bestBound: best, gap: gapOf(whole.objective, best, options), seconds };
  }
  return { ...priced, seconds };
}
