/**
 * The whole pipeline as one pure async function, shared by `peakshift plan`,
 * the what-if jobs and the web page: history → forecast → requirements →
 * shift plan → (with agents) roster, plus the service level the scheduled
 * agents achieve per hour. Inputs are parsed data; no file, clock or network.
 */
import { configWarnings, type Config } from './config';
import { dateFromDayNumber, datesBetween, hourNumber, InfeasiblePlanError, SolverError, type Demand, type History, type Requirement } from './domain';
import { checkForecastWindow } from './domain/limits';
import { forecastDemand } from './forecast';
import { computeRequirements, evaluateStaffing, queueParameters } from './staffing';
import { CONFIG_NAMES, checkPlanSize, effectiveBand, explainShortage, planShifts, SolveLog, solverByName, solverOptions, type SolveRecord, type AcceptedGap, guardSolver, type CoverageRow, type MipModel, type MipOptions, type MipResult, type MipSolver, type PlanResult, type PlanSummary, type PoolCapacity, type ShortageExplanation } from './plan';
import { checkRoster, paidSeatsOf, planWithRoster, requireFilled, solveRoster, type Agent, type SolvedRoster } from './roster';
import { rosterSummary } from './report';
import { restoreTenure, splitByTenure } from './capacity';

/** Where the pipeline starts: an inquiry history, a forecast, or finished requirements. */
export type PipelineSource =
  | { kind: 'history'; history: History }
  | { kind: 'demand'; demand: Demand }
  | { kind: 'requirement'; requirement: Requirement };

export interface PipelineInput {
  config: Config;
  source: PipelineSource;
  /** Input file of the source, for located messages. */
  sourceFile?: string;
  /** Named in-house agents: a roster is built when given. */
  agents?: readonly Agent[];
  /** First and last date to plan, `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** Demand to size for (default: config.forecast.quantile). */
  quantile?: 'p50' | 'p90';
  /** Overrides config.solver.name. */
  solver?: 'highs' | 'jslp' | MipSolver;
  /**
   * Overrides config.solver.timeLimitSeconds: the safety limit of each solve (a
   * solve that reaches it stops the run with GapNotReachedError, exit 4).
   */
  timeLimitSeconds?: number;
  /**
   * Use an answer a solve found before the safety time limit when its proven
   * relative gap is at most this (`--accept-gap`); the run then lists it in
   * `summary.acceptedGaps` and every output marks the plan.
   */
  acceptGap?: number;
  /** Unfilled roster seats are an infeasible request (exit 3). */
  strict?: boolean;
  /** Plan below the hourly service floor where nothing can hold it, instead of exit 3 (`--allow-short`). */
  allowShort?: boolean;
  /** Short clusters priced by a re-solve in `shortage.explanations` (default 3; 0 skips the re-solves). */
  explainPriced?: number;
  /** Told as each stage starts and after every solve (see PipelineProgress); for progress displays only. */
  onProgress?: (progress: PipelineProgress) => void;
}

/**
 * Where a run is. Stages in order: `forecast` (history sources only), `sizing`,
 * `solve` (the shift plan; with agents each plan → roster round is one
 * `round`), `explain` (pricing the short hours), `done`. After every MIP solve
 * `solve` carries its figures: HiGHS reports once per solve, not while it
 * searches.
 */
export interface PipelineProgress {
  stage: 'forecast' | 'sizing' | 'solve' | 'explain' | 'done';
  /** With agents: the plan → roster round (1, 2, ...). */
  round?: number;
  /** What the last solve was: the shift plan, the roster, or a re-solve pricing a short cluster. */
  model?: 'plan' | 'roster' | 'pricing';
  /** Solves finished so far in this run. */
  solves: number;
  /** The last finished solve. */
  solve?: { status: MipResult['status']; objective: number; gap: number | null; seconds: number };
}

/** The roster model's variables are `u[...]` and `x[agent,line]` (roster/mip.ts); the plan's are not. */
function isRosterModel(model: MipModel): boolean {
  const first = model.variables[0]?.name ?? '';
  return first.startsWith('u[') || first.startsWith('x[');
}

/**
 * The solver, telling `report` after every solve. Rounds: a plan solve that follows a roster
 * solve starts the next plan → roster round.
 */
function reportingSolver(solver: MipSolver, stage: () => PipelineProgress['stage'], report: (p: PipelineProgress) => void): MipSolver {
  let solves = 0;
  let round = 1;
  let lastWasRoster = false;
  return {
    name: solver.name,
    async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
      const roster = isRosterModel(model);
      if (!roster && lastWasRoster) round += 1;
      const result = await solver.solve(model, options);
      solves += 1;
      lastWasRoster = roster;
      const current = stage();
      report({
        stage: current,
        round,
        model: current === 'explain' ? 'pricing' : roster ? 'roster' : 'plan',
        solves,
        solve: { status: result.status, objective: result.objective, gap: Number.isFinite(result.gap) ? result.gap : null, seconds: result.seconds },
      });
      return result;
    },
  };
}

export interface HourlyService {
  /** Per coverage row (same order): achieved service level, null when the row has no inquiries. */
  levels: Array<number | null>;
  /** Lowest hourly service level over the queue rows with inquiries. */
  lowest: number | null;
  /** Where the lowest one is. */
  lowestAt: { timestamp: string; queue: string } | null;
  /** Share of inquiries abandoned (Erlang A queues), null without patience. */
  abandonRate: number | null;
}

/** summary.json of a plan folder (solver seconds left out: same inputs, same bytes). */
export interface PipelineSummary extends Omit<PlanSummary, 'solver'> {
  solver: Omit<PlanSummary['solver'], 'seconds'>;
  lowestHourlyServiceLevel: number | null;
  lowestServiceLevelAt: { timestamp: string; queue: string } | null;
  abandonRate: number | null;
  roster?: ReturnType<typeof rosterSummary> & { method: SolvedRoster['method']; replans: number };
  /** Why the plan is short where it is, and what covering it would cost (plan/explain.ts). */
  shortage: { explanations: ShortageExplanation[] };
  /** Warnings for people: deprecated settings, forecast notes, re-plan notes. */
  notes: string[];
  /**
   * Every solve of the run in order (plan ↔ roster rounds, roster, seats,
   * explanations): size, status, proven gap, warm start. Their seconds are in
   * `PipelineResult.seconds.solves` and on stdout, not here (same inputs, same bytes).
   */
  solves: Array<Omit<SolveRecord, 'seconds'>>;
  /** Solves whose answer was used above the asked gap because of `--accept-gap` (absent when none). */
  acceptedGaps?: AcceptedGap[];
}

export interface PipelineResult {
  config: Config;
  /** Null when the pipeline started from requirements. */
  demand: Demand | null;
  requirement: Requirement;
  plan: PlanResult;
  roster: SolvedRoster | null;
  service: HourlyService;
  summary: PipelineSummary;
  /** Notes for people (forecast notes), printed by the caller. */
  notes: string[];
  /**
   * Solver seconds (not in summary.json): the final plan's and roster's solves,
   * every solve of the run with its seconds, and their total.
   */
  seconds: { plan: number; roster: number | null; solves: SolveRecord[]; solver: number };
}

/**
 * Service level the scheduled productive agents achieve, per coverage row:
 * Erlang C / A at the whole scheduled agents (a fraction of an agent answers
 * nothing) per queue; `all` rows carry the inquiry-weighted mean of the queues.
 */
export function hourlyService(config: Config, requirement: Requirement, coverage: readonly CoverageRow[]): HourlyService {
  const start = hourNumber(requirement.startHour);
  const levels: Array<number | null> = coverage.map(() => null);
  const weighted = new Map<string, { inquiries: number; answered: number }>();
  let lowest: number | null = null;
  let lowestAt: HourlyService['lowestAt'] = null;
  let offered = 0;
  let abandoned = 0;
  let anyPatience = false;
  coverage.forEach((row, i) => {
    if (row.queue === 'all') return;
    const q = config.queues.find((c) => c.name === row.queue);
    const cell = requirement.queues.find((r) => r.name === row.queue)?.cells[hourNumber(row.timestamp) - start];
    const inquiries = cell?.inquiries ?? 0;
    if (!q || !(inquiries > 0)) return;
    const perf = evaluateStaffing(queueParameters(q, inquiries), Math.floor(row.scheduled + 1e-9), q.target.answerSeconds);
    levels[i] = perf.serviceLevel;
    const w = weighted.get(row.timestamp) ?? { inquiries: 0, answered: 0 };
    w.inquiries += inquiries;
    w.answered += inquiries * perf.serviceLevel;
    weighted.set(row.timestamp, w);
    if (lowest === null || perf.serviceLevel < lowest) {
      lowest = perf.serviceLevel;
      lowestAt = { timestamp: row.timestamp, queue: row.queue };
    }
    if (perf.abandonRate !== null) {
      anyPatience = true;
      offered += inquiries;
      abandoned += inquiries * perf.abandonRate;
    }
  });
  coverage.forEach((row, i) => {
    if (row.queue !== 'all') return;
    const w = weighted.get(row.timestamp);
    if (w && w.inquiries > 0) levels[i] = w.answered / w.inquiries;
  });
  return { levels, lowest, lowestAt, abandonRate: anyPatience && offered > 0 ? abandoned / offered : null };
}

/**
 * Checks before a plan is called done: demand but nobody scheduled, or a vendor
 * share outside the band, is an impossible request the model should have
 * refused; stop (exit 3) rather than write a plan that looks valid.
 */
export function checkPlanSanity(config: Config, plan: PlanResult): void {
  const s = plan.summary;
  const required = s.requiredProductiveHours;
  const scheduled = Object.values(s.pools).reduce((n, p) => n + p.agentShifts, 0);
  if (required > 0 && scheduled === 0) {
    throw new InfeasiblePlanError(
      `the plan schedules nobody although ${required.toFixed(2)} productive agent-hours are required`,
      ['queues[].target.minServiceLevel', 'pools'],
      'check the pools (headcount, maxAgentsPerDay, shifts) and the outsourcing band',
    );
  }
  const o = s.outsourcing;
  const band = effectiveBand(o.min, o.max);
  for (const period of o.periods) {
    if (period.totalProductiveHours <= 0) continue;
    if (period.vendorShare < band.min - 1e-6 || period.vendorShare > band.max + 1e-6) {
      throw new InfeasiblePlanError(
        `the plan's outsourced share ${(period.vendorShare * 100).toFixed(1)}% in ${period.start}..${period.end} is outside the band outsourcing.min ${o.min} .. outsourcing.max ${o.max}`,
        ['outsourcing.min', 'outsourcing.max'],
      );
    }
  }
}

/** Dates with an event hour in the demand (for the roster's fair spread of event days). */
function eventDates(demand: Demand | null): Set<string> {
  const out = new Set<string>();
  if (!demand) return out;
  const first = hourNumber(demand.startHour);
  demand.events.forEach((event, i) => {
    if (event) out.add(dateFromDayNumber(Math.floor((first + i) / 24)));
  });
  return out;
}

const unfilledSeats = (r: SolvedRoster): number => r.roster.unfilled.reduce((n, u) => n + u.seats, 0);

/**
 * The demand and the agents each hour needs, from any source: a history is
 * forecast first (its notes join `notes`), a forecast is sized, a requirement
 * is used as it is. `enter` hears the stages (`forecast`, `sizing`).
 */
export function sizeSource(
  config: Config,
  source: PipelineSource,
  start: string,
  end: string,
  file: string,
  quantile: 'p50' | 'p90' | undefined,
  notes: string[],
  enter: (stage: 'forecast' | 'sizing') => void = () => undefined,
): { demand: Demand | null; requirement: Requirement } {
  if (source.kind === 'requirement') return { demand: null, requirement: source.requirement };
  let demand: Demand;
  if (source.kind === 'history') {
    enter('forecast');
    checkForecastWindow(source.history, start, end, CONFIG_NAMES);
    const forecast = forecastDemand(source.history, config, { start, end, queues: config.queues });
    notes.push(...forecast.notes);
    demand = forecast.demand;
  } else {
    demand = source.demand;
  }
  enter('sizing');
  return { demand, requirement: computeRequirements(demand, config, { quantile: quantile ?? config.forecast.quantile, file }) };
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { source, start, end } = input;
  let config = input.config;
  checkPlanSize(config, start, end, input.agents?.length ?? 0);
  let stage: PipelineProgress['stage'] = 'forecast';
  const progress = input.onProgress;
  const enter = (next: PipelineProgress['stage']): void => {
    stage = next;
    progress?.({ stage: next, solves: 0 });
  };
  const notes: string[] = [...configWarnings(config)];
  const file = input.sourceFile ?? source.kind;
  const { demand, requirement } = sizeSource(config, source, start, end, file, input.quantile, notes, enter);
  // Agents in training or still ramping up: planned at their productive share (capacity/tenure.ts).
  const tenure = splitByTenure(input.config, input.agents, requirement, start, end);
  config = tenure.config;
  const chosen = typeof input.solver === 'object' ? input.solver : solverByName(input.solver ?? config.solver.name);
  const log = new SolveLog();
  const accepted: AcceptedGap[] = [];
  const reporting = progress ? reportingSolver(chosen, () => stage, progress) : chosen;
  // Every solve stops at its gap (or, for the why-short repairs, a node limit): the same inputs give
  // the same plan on any machine. An answer cut short by the safety time limit stops the run.
  const guarded = guardSolver(reporting, input.acceptGap, accepted, () => log.stage);
  const solver = log.wrap(guarded);
  enter('solve');
  const allowShort = input.allowShort ?? false;
  const planOptions = { start, end, solver, allowShort, ...(input.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: input.timeLimitSeconds }) };
  let availability: readonly PoolCapacity[] = [];
  let plan: PlanResult;
  let roster: SolvedRoster | null = null;
  let replans = 0;
  let planSeconds = 0;
  let rosterSeconds = 0;
  if (!tenure.agents) {
    plan = await planShifts(config, requirement, planOptions);
    planSeconds = plan.summary.solver.seconds;
  } else {
    // Plan within what the named agents can work, roster, and re-plan with the
    // short shifts capped until every seat is filled (planWithRoster).
    const agents = tenure.agents;
    const rosterEvents = eventDates(demand);
    try {
      const together = await planWithRoster(config, requirement, agents, { ...planOptions, solver: guarded, log, eventDates: rosterEvents });
      plan = together.plan;
      roster = { roster: together.roster, method: together.method, solver: together.solver };
      replans = together.rounds - 1;
      availability = together.capacity;
    } catch (error) {
      // The agents cannot meet a daily minimum: --strict stops here (exit 3); otherwise plan
      // on the config's headcount and show the seats the agents leave empty as UNFILLED.
      if (!(error instanceof InfeasiblePlanError) || input.strict) throw error;
      notes.push(`${error.message}; planned on the config's headcount instead`);
      log.stage = 'plan';
      log.round = null;
      plan = await planShifts(config, requirement, planOptions);
      log.stage = 'roster';
      const rosterInput = { config, agents, dates: datesBetween(start, end), eventDates: rosterEvents, lines: plan.lines, seats: paidSeatsOf(plan) };
      roster = await solveRoster(rosterInput, solver, solverOptions(config, input.timeLimitSeconds));
    }
    planSeconds = plan.summary.solver.seconds;
    rosterSeconds = roster.solver.seconds;
    if (roster.roster.unfilled.length > 0) {
      notes.push(`${unfilledSeats(roster)} in-house seats stay UNFILLED after ${replans} re-plan(s) within the agents' limits`);
    }
    if (input.strict) requireFilled(roster.roster);
    // Every labour rule over the finished roster: a roster that breaks one is a bug, never an export.
    const broken = checkRoster({ config, lines: plan.lines, assignments: roster.roster.assignments, agents, dates: roster.roster.unfilled.length > 0 ? [] : datesBetween(start, end) }).filter((v) => v.rule !== 'seats-filled');
    if (broken.length > 0) throw new SolverError(`the roster breaks ${broken.length} labour rule(s), first: ${broken[0]?.message ?? ''}`);
  }
  checkPlanSanity(config, plan);
  const service = hourlyService(config, requirement, plan.coverage);
  enter('explain');
  log.stage = 'explain';
  log.round = null;
  const explanations = await explainShortage(config, requirement, plan, {
    start,
    end,
    solver,
    mipOptions: solverOptions(config, input.timeLimitSeconds),
    availability,
    allowShort,
    maxPriced: input.explainPriced ?? 3,
    // Repairs are priced only against a plan proven within the asked gap.
    notProven: accepted.some((a) => a.what === 'plan'),
    ...(plan.floorDiagnosis ? { floorDiagnosis: plan.floorDiagnosis } : {}),
  });
  for (const e of explanations.filter((x) => x.kind === 'floor')) notes.push(`--allow-short: ${e.why}; binding: ${e.binding.join(', ') || 'none found'}`);
  const { seconds: _seconds, ...solverFigures } = plan.summary.solver;
  void _seconds;
  const summary: PipelineSummary = {
    ...plan.summary,
    solver: solverFigures,
    lowestHourlyServiceLevel: service.lowest,
    lowestServiceLevelAt: service.lowestAt,
    abandonRate: service.abandonRate,
    shortage: { explanations },
    notes,
    solves: log.records.map(({ seconds: _s, ...r }) => r),
    ...(accepted.length > 0 ? { acceptedGaps: accepted } : {}),
  };
  if (roster) summary.roster = { ...rosterSummary(roster.roster), method: roster.method, replans };
  enter('done');
  return restoreTenure(tenure, input.config, { config, demand, requirement, plan, roster, service, summary, notes, seconds: { plan: planSeconds, roster: roster ? rosterSeconds : null, solves: log.records, solver: log.seconds() } });
}
