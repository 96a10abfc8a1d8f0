/**
 * Shift design: the plan model chooses the shift menu and the agents on it in
 * one MIP. Candidates (candidates.ts) are narrowed by a covering model
 * (shortlist.ts); the current menu always stays a candidate. The plan model is
 * the planner's own (plan/model.ts) with "shift type used" binaries added
 * through its `extend` hook: every agent variable of shift t and pool p is at
 * most its upper bound x used[t,p], used[t,p] <= used[t], sum of used[t] <= K,
 * and sum over t of used[t,p] <= K_p where the pool has its own limit.
 */
import type { Config, ShiftConfig } from '../config';
import { breaksOf, designOf } from '../config';
import { formatClock, InfeasiblePlanError, parseClockMinutes, UsageError, type Requirement } from '../domain';
import { guardSolver, planShifts, solverByName, solverOptions, type MipSolver, type PlanContext, type PlanResult } from '../plan';
import { hourlyService, sizeSource, type PipelineSource } from '../pipeline';
import { configWithCandidates, generateCandidates, poolRules, type Candidate } from './candidates';
import { shortlist } from './shortlist';

/**
 * Node limits of the covering shortlist and of the design model (each stage of
 * its two-stage solve): the search stops there, not at the clock, so the same
 * inputs give the same menu on any machine. The design model reports the gap it
 * proved; the menu is kept only when it beats the current one's plan. The
 * shortlist stops after its root node: on the sample (7,640 columns, 167 whole
 * numbers) the root alone takes about 27 s of cuts, and 10, 50 and 500 nodes
 * (311 s) shortlisted the same five shifts. The design model's 1,000 nodes take
 * about 37 s there; 300 nodes took 29 s and left a menu 1.1% dearer.
 */
export const SHORTLIST_NODES = 1;
export const DESIGN_NODES = 1000;

export interface DesignInput {
  config: Config;
  requirement: Requirement;
  start: string;
  end: string;
  /** At most this many shift types (default config.design.maxTypes). */
  maxTypes?: number;
  /** Time limit of the design model (default config.design.timeLimitSeconds); the current plan keeps config.solver's. */
  timeLimitSeconds?: number;
  solver?: 'highs' | 'jslp' | MipSolver;
  allowShort?: boolean;
}

export interface MenuShift {
  name: string;
  code: string;
  /** `HH:MM` of the first start, and the end of the last start. */
  start: string;
  end: string;
  hours: number;
  paidHours: number;
  startOffsets: number[];
  /** Break windows, `HH:MM-HH:MM` (first start), and the break length. */
  breaks: string[];
  onlyOn: string[] | null;
  pools: string[];
  /** Agent-shifts planned on it over the horizon. */
  agentShifts: number;
}

export interface MenuFigures {
  /** The planner's objective: cost plus priced lost service (shift-type tie-breaks taken out). */
  objective: number;
  cost: number;
  lostServiceCost: number;
  shortfallAgentHours: number;
  requiredProductiveHours: number;
  scheduledProductiveHours: number;
  /** Required / scheduled productive agent-hours. */
  efficiency: number;
  lowestServiceLevel: number | null;
  lowestServiceLevelAt: { timestamp: string; queue: string } | null;
  solver: { status: string; gap: number | null; seconds: number; variables: number; integerVariables: number };
  shifts: MenuShift[];
}

export interface DesignResult {
  start: string;
  end: string;
  currency: string;
  maxTypes: number;
  candidates: number;
  /** Shifts the design model chose from: the current menu plus the shortlist. */
  considered: string[];
  /** Null when the current menu cannot meet the rules (currentProblem says why). */
  current: MenuFigures | null;
  currentProblem: string | null;
  /** Shift types of the current menu. */
  currentShiftTypes: number;
  designed: MenuFigures;
  /** The design found nothing cheaper than the current menu, which stays. */
  keptCurrent: boolean;
  /** The input config with the new shifts and pool shift lists. */
  config: Config;
  /** The new `shifts` and each pool's `shifts` list, as written into the config file. */
  shifts: ShiftConfig[];
  poolShifts: Record<string, string[]>;
  notes: string[];
}

/** Objective cost of one used shift type and one used pool-shift pair: the smaller menu wins a tie. */
export const TYPE_TIE_COST = 1;
export const POOL_TYPE_TIE_COST = 0.1;

function menuOf(config: Config, plan: PlanResult, names: readonly string[], poolShifts: Record<string, string[]>): MenuShift[] {
  return names.map((name) => {
    const shift = config.shifts.find((s) => s.name === name) as ShiftConfig;
    const clock = parseClockMinutes(shift.start) ?? 0;
    const last = Math.max(...shift.startOffsets);
    const paid = shift.paidHours ?? shift.hours;
    return {
      name,
      code: shift.code,
      start: formatClock(clock),
      end: formatClock((clock + (last + shift.hours) * 60) % 1440),
      hours: shift.hours,
      paidHours: paid,
      startOffsets: [...shift.startOffsets],
      breaks: breaksOf(shift).map((b) => `${formatClock((clock + b.earliest * 60) % 1440)}-${formatClock((clock + b.latest * 60) % 1440)} (${b.minutes} min)`),
      onlyOn: shift.onlyOn ? [...shift.onlyOn] : null,
      pools: Object.entries(poolShifts).filter(([, list]) => list.includes(name)).map(([pool]) => pool),
      agentShifts: plan.lines.filter((l) => l.shift === name).reduce((n, l) => n + l.agents, 0),
    };
  });
}

function figures(config: Config, requirement: Requirement, plan: PlanResult, objective: number, menu: MenuShift[]): MenuFigures {
  const s = plan.summary;
  const service = hourlyService(config, requirement, plan.coverage);
  return {
    objective,
    cost: s.totalCost,
    lostServiceCost: s.lostService.cost,
    shortfallAgentHours: s.shortfall.agentHours,
    requiredProductiveHours: s.requiredProductiveHours,
    scheduledProductiveHours: s.scheduledProductiveHours,
    efficiency: s.scheduleEfficiency,
    lowestServiceLevel: service.lowest,
    lowestServiceLevelAt: service.lowestAt,
    solver: { status: s.solver.status, gap: s.solver.gap, seconds: s.solver.seconds, variables: s.solver.variables, integerVariables: s.solver.integerVariables },
    shifts: menu,
  };
}

/** Short capital-letter codes for new shifts, skipping the codes kept and OFF. */
function freshCodes(count: number, taken: ReadonlySet<string>): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const code = i < 26 ? (letters[i] as string) : `${letters[Math.floor(i / 26) - 1] ?? 'Z'}${letters[i % 26] ?? 'Z'}`;
    if (!taken.has(code) && code !== 'OFF') out.push(code);
  }
  return out;
}

export async function designShifts(input: DesignInput): Promise<DesignResult> {
  const { config, requirement, start, end } = input;
  const design = designOf(config);
  const maxTypes = input.maxTypes ?? design.maxTypes;
  if (!Number.isInteger(maxTypes) || maxTypes < 1) throw new UsageError(`--max-types ${maxTypes}: expected a whole number of shift types >= 1`);
  // Every solve stops by rules that do not change with the machine (its gap, or a node limit where
  // the design model would not reach the gap); one stopped by the safety time limit stops the run.
  const solver = guardSolver(typeof input.solver === 'object' ? input.solver : solverByName(input.solver ?? config.solver.name), undefined, [], () => 'design');
  const designLimit = input.timeLimitSeconds ?? design.timeLimitSeconds;
  const allowShort = input.allowShort ?? false;
  const notes: string[] = [];

  // The current menu as `plan` plans it.
  // The current menu as `plan` plans it (a menu that cannot meet the rules is what design is for).
  let current: PlanResult | null = null;
  let currentProblem: string | null = null;
  try {
    current = await planShifts(config, requirement, { start, end, solver, allowShort, diagnose: false });
  } catch (error) {
    if (!(error instanceof InfeasiblePlanError)) throw error;
    currentProblem = error.message;
    notes.push(`the current menu has no plan: ${error.message}`);
  }
  const currentPoolShifts = Object.fromEntries(config.pools.map((p) => [p.name, p.shifts ?? config.shifts.map((s) => s.name)]));
  const currentFigures = current ? figures(config, requirement, current, current.summary.solver.objective, menuOf(config, current, config.shifts.map((s) => s.name), currentPoolShifts)) : null;

  // New candidates, narrowed to the covering model's best menu of K; the current menu always stays.
  const candidates = generateCandidates(config);
  const designed = candidates.filter((c) => !c.current);
  const picked = await shortlist(configWithCandidates(config, designed), requirement, start, end, {
    maxTypes: Math.min(maxTypes, designed.length),
    solver,
    mipOptions: { ...solverOptions(config, designLimit), relativeGap: Math.max(config.solver.mipRelGap, 0.01), maxNodes: SHORTLIST_NODES, label: 'design, shortlist' },
  });
  const considered: Candidate[] = [...candidates.filter((c) => c.current), ...designed.filter((c) => picked.includes(c.shift.name))];
  const designConfig = configWithCandidates(config, considered);

  const rules = config.pools.map((p) => poolRules(design, p));
  const used = new Map<string, number>();
  const poolUsed = new Map<string, number>();
  const extend = (ctx: PlanContext): void => {
    const { builder } = ctx;
    // The model may be built more than once (with allowShort, a second time with priced floors): each
    // build has its own variables.
    used.clear();
    poolUsed.clear();
    for (const shift of ctx.config.shifts) used.set(shift.name, builder.addVariable(`shiftUsed[${shift.name}]`, { upper: 1, integer: true, cost: TYPE_TIE_COST }));
    // One row per shift, pool and day: the pool's agents on the shift that day are at most
    // used[t,p] x the most that pool can put on one day (its daily cap, headcount, or the
    // variables' own bounds), a far tighter link than one row per variable.
    const groups = new Map<string, { shift: string; pool: number; vars: number[]; upper: number }>();
    for (const a of ctx.agents) {
      const key = `${a.start.shift.name}|${a.pool}|${a.start.dayIndex}`;
      const g = groups.get(key) ?? { shift: a.start.shift.name, pool: a.pool, vars: [], upper: 0 };
      g.vars.push(a.variable);
      g.upper += builder.variables[a.variable]?.upper ?? 0;
      groups.set(key, g);
    }
    for (const [key, g] of groups) {
      const pool = ctx.pools[g.pool];
      if (!pool) continue;
      const poolKey = `${g.shift}|${g.pool}`;
      let u = poolUsed.get(poolKey);
      if (u === undefined) {
        u = builder.addVariable(`shiftUsed[${g.shift},${pool.name}]`, { upper: 1, integer: true, cost: POOL_TYPE_TIE_COST });
        poolUsed.set(poolKey, u);
        builder.addConstraint(`shiftUsedLink[${g.shift},${pool.name}]`, [u, used.get(g.shift) as number], [1, -1], '<=', 0);
      }
      const cap = pool.kind === 'vendor' ? (pool.maxAgentsPerDay ?? Infinity) + (pool.surge?.maxAgentsPerDay ?? 0) : pool.headcount;
      const bound = Math.min(g.upper, cap);
      builder.addConstraint(`shiftUsedBy[${key}]`, [...g.vars, u], [...g.vars.map(() => 1), -bound], '<=', 0);
    }
    const all = [...used.values()];
    builder.addConstraint('maxShiftTypes', all, all.map(() => 1), '<=', maxTypes);
    ctx.pools.forEach((pool, p) => {
      const limit = rules[p]?.maxTypes;
      if (limit === null || limit === undefined) return;
      const vars = [...poolUsed.entries()].filter(([key]) => key.endsWith(`|${p}`)).map(([, v]) => v);
      if (vars.length > 0) builder.addConstraint(`maxShiftTypes[${pool.name}]`, vars, vars.map(() => 1), '<=', limit);
    });
  };
  const result = await planShifts(designConfig, requirement, { start, end, solver, allowShort, timeLimitSeconds: designLimit, maxNodes: DESIGN_NODES, extend });
  const on = (v: number | undefined): boolean => v !== undefined && (result.values[v] ?? 0) > 0.5;
  const chosen = designConfig.shifts.map((s) => s.name).filter((name) => on(used.get(name)));
  const ties = chosen.length * TYPE_TIE_COST + [...poolUsed.values()].filter((v) => on(v)).length * POOL_TYPE_TIE_COST;
  const designedObjective = result.summary.solver.objective - ties;

  let keptCurrent = false;
  let chosenNames = chosen;
  let plan = result;
  let objective = designedObjective;
  let poolShifts: Record<string, string[]>;
  if (current && currentFigures && designedObjective > currentFigures.objective + 1e-6 && config.shifts.length <= maxTypes) {
    // Within its time limit the search found nothing cheaper than today's menu: keep it.
    keptCurrent = true;
    notes.push(`the design model (${result.summary.solver.status}, gap ${result.summary.solver.gap === null ? 'n/a' : `${(result.summary.solver.gap * 100).toFixed(2)}%`}) found no menu cheaper than the current one within ${DESIGN_NODES} search nodes; the current menu stays`);
    chosenNames = config.shifts.map((s) => s.name);
    plan = current;
    objective = currentFigures.objective;
    poolShifts = currentPoolShifts;
  } else {
    poolShifts = Object.fromEntries(
      config.pools.map((pool, p) => {
        const mine = chosenNames.filter((name) => on(poolUsed.get(`${name}|${p}`)));
        const allowed = chosenNames.filter((name) => designConfig.pools[p]?.shifts?.includes(name));
        // A pool the plan does not use keeps the chosen shifts it may work (within its own limit).
        return [pool.name, mine.length > 0 ? mine : allowed.slice(0, rules[p]?.maxTypes ?? allowed.length)];
      }),
    );
  }

  // The written menu: kept shifts as configured, new ones with short codes.
  const keptCodes = new Set(config.shifts.filter((s) => chosenNames.includes(s.name)).map((s) => s.code));
  const fresh = chosenNames.filter((name) => !config.shifts.some((s) => s.name === name));
  const codes = freshCodes(fresh.length, keptCodes);
  const shifts: ShiftConfig[] = chosenNames.map((name) => {
    const own = config.shifts.find((s) => s.name === name);
    if (own) return own;
    const shift = designConfig.shifts.find((s) => s.name === name) as ShiftConfig;
    return { ...shift, code: codes[fresh.indexOf(name)] as string };
  });
  const newConfig: Config = { ...config, shifts, pools: config.pools.map((p) => ({ ...p, shifts: poolShifts[p.name] ?? [] })) };
  const menu = menuOf(newConfig, plan, chosenNames, poolShifts);
  if (result.summary.solver.status !== 'optimal') notes.push(`the design model stopped at its node limit of ${DESIGN_NODES} with a proven gap of ${result.summary.solver.gap === null ? 'n/a' : `${(result.summary.solver.gap * 100).toFixed(2)}%`}`);
  return {
    start,
    end,
    currency: config.currency,
    maxTypes,
    candidates: candidates.length,
    considered: considered.map((c) => c.shift.name),
    current: currentFigures,
    currentProblem,
    currentShiftTypes: config.shifts.length,
    designed: figures(newConfig, requirement, plan, objective, menu),
    keptCurrent,
    config: newConfig,
    shifts,
    poolShifts,
    notes,
  };
}

/** Where the demand comes from, as in `plan`. */
export type DesignSource = PipelineSource;

/** The requirement to design for: the source forecast and sized as `plan` does (pipeline.ts sizeSource). */
export function designRequirement(config: Config, source: DesignSource, start: string, end: string, file: string, quantile?: 'p50' | 'p90'): { requirement: Requirement; notes: string[] } {
  const notes: string[] = [];
  const { requirement } = sizeSource(config, source, start, end, file, quantile, notes);
  return { requirement, notes };
}

/**
 * The written config: the input file's own JSON (so defaults stay unwritten and
 * comments of structure survive) with `shifts` and each pool's `shifts` replaced.
 */
export function newConfigJson(input: unknown, result: Pick<DesignResult, 'shifts' | 'poolShifts' | 'config'>): Record<string, unknown> {
  const base = input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : {};
  base.shifts = result.shifts.map((s) => ({ ...s }));
  // A config that left its pools to the default gets them written out, each with its new list.
  const pools = Array.isArray(base.pools) ? (base.pools as unknown[]) : result.config.pools.map((p) => ({ ...p }));
  base.pools = pools.map((p) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
    const pool = { ...(p as Record<string, unknown>) };
    const list = typeof pool.name === 'string' ? result.poolShifts[pool.name] : undefined;
    if (list) pool.shifts = [...list];
    return pool;
  });
  return base;
}
