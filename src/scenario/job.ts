/**
 * One scenario, start to finish, as a worker task: apply the overrides, size
 * the requirements, plan the shifts, simulate the plan, and condense it all
 * into the comparison's figures. Input and output are plain data, so the task
 * runs the same in a worker thread and in the main thread.
 */
import type { Config } from '../config';
import { dateFromDayNumber, hourKeyFromNumber, hourNumber, InfeasiblePlanError, SolverError, type Demand, type History, type Requirement, type ShiftLine } from '../domain';
import { forecastDemand } from '../forecast';
import { computeRequirements } from '../staffing';
import type { CoverageRow, PlanSummary } from '../plan';
import { runPipeline, type HourlyService, type PipelineSummary } from '../pipeline';
import type { Agent, Roster } from '../roster';
import { applyConfigOverrides, applyVolumeOverrides, splitByQueue } from './overrides';
import { failedResult, type ScenarioResult } from './result';
import type { Scenario, SimulationSpec } from './schema';
import { simulatePlan, type PlanSimulationResult, type SimulatedQueue } from './simulation';

/** What every scenario of a run shares: the base and how to plan and simulate. */
export interface ScenarioBase {
  baseConfig: Config;
  /** The base demand (before any volume override): read from a file, or forecast once from `history`. */
  demand: Demand;
  /**
   * The history, when the base forecasts from one: a scenario that changes an
   * event is forecast again with its own config, since events shape the forecast.
   */
  history: History | null;
  /** Demand (or history) file, for messages. */
  demandFile: string;
  /** Scenario file, for messages. */
  file?: string;
  start: string;
  end: string;
  /** Null: no simulation. */
  simulation: SimulationSpec | null;
  /** Overrides the config's solver time limit (seconds). */
  timeLimitSeconds?: number;
  /** Named agents (`base.agents`): every scenario's plan is rostered on them, as `plan --agents` does. */
  agents?: readonly Agent[];
}

export interface ScenarioJob extends ScenarioBase {
  name: string;
  description: string;
  /** Folder of the scenario's plan inside the output folder. */
  folder: string;
  scenario: Scenario;
}

export interface PlannedScenario {
  lines: ShiftLine[];
  coverage: CoverageRow[];
  summary: PlanSummary;
  /** Achieved service level per coverage row, lowest hour and abandon rate (the queue model at the scheduled agents). */
  service: HourlyService;
  /** The plan folder's summary.json body (no solver seconds). */
  folderSummary: PipelineSummary;
  /** With `agents`: the roster on the plan. */
  roster: Roster | null;
}

export interface ScenarioJobOutput {
  result: ScenarioResult;
  config: Config;
  demand: Demand;
  requirement: Requirement;
  plan: PlannedScenario | null;
  simulation: PlanSimulationResult | null;
  seconds: number;
}

/** Most agents of each pool on shift in one hour, from the plan's lines (a started hour counts). */
export function peakAgentsByPool(lines: readonly ShiftLine[]): Record<string, number> {
  const perPool = new Map<string, Map<number, number>>();
  for (const line of lines) {
    const from = hourNumber(`${line.start.slice(0, 13)}:00`);
    const endHour = hourNumber(`${line.end.slice(0, 13)}:00`);
    const to = line.end.slice(14, 16) === '00' ? endHour : endHour + 1;
    let hours = perPool.get(line.pool);
    if (!hours) {
      hours = new Map();
      perPool.set(line.pool, hours);
    }
    for (let h = from; h < to; h++) hours.set(h, (hours.get(h) ?? 0) + line.agents);
  }
  const out: Record<string, number> = {};
  for (const [pool, hours] of perPool) out[pool] = Math.max(0, ...hours.values());
  return out;
}

function queueRows(coverage: readonly CoverageRow[], queue: string): CoverageRow[] {
  return coverage.filter((r) => r.queue === queue);
}

/** The plan's simulation input: arrivals from the scenario's demand, productive agents from the coverage. */
export function simulationInput(config: Config, demand: Demand, coverage: readonly CoverageRow[], spec: SimulationSpec): Parameters<typeof simulatePlan>[0] {
  const hourNumbers = coverage.map((r) => hourNumber(r.timestamp));
  const first = hourNumbers.length > 0 ? Math.min(...hourNumbers) : hourNumber(demand.startHour);
  const hours = hourNumbers.length > 0 ? Math.max(...hourNumbers) - first + 1 : 0;
  const offset = first - hourNumber(demand.startHour);
  const split = splitByQueue(demand, config);
  const queues: SimulatedQueue[] = config.queues.map((q) => {
    const agents = new Array<number>(hours).fill(0);
    for (const r of queueRows(coverage, q.name)) agents[hourNumber(r.timestamp) - first] = r.scheduled;
    const source = split.find((d) => d.name === q.name);
    const series = source ? (spec.arrivals === 'p90' ? source.p90 : source.forecast) : [];
    const sim: SimulatedQueue = {
      name: q.name,
      arrivalsPerHour: agents.map((_, h) => series[offset + h] ?? 0),
      productiveAgents: agents,
      concurrency: q.concurrency,
      ahtSeconds: q.ahtSeconds,
      answerSeconds: q.target.answerSeconds,
      targetServiceLevel: q.target.serviceLevel,
    };
    if (q.patienceSeconds !== undefined) sim.patienceSeconds = q.patienceSeconds;
    return sim;
  });
  return {
    startHour: hourKeyFromNumber(first),
    hours,
    queues,
    handling: spec.handling === 'lognormal' ? { kind: 'lognormal', cv: spec.handlingCv } : { kind: 'exponential' },
    runs: spec.runs,
    seed: spec.seed,
  };
}

function summarizeScenario(job: ScenarioJob, requirement: Requirement, plan: PlannedScenario, simulation: PlanSimulationResult | null): ScenarioResult {
  const { summary, coverage } = plan;
  const all = queueRows(coverage, 'all');
  const costByPool: Record<string, number> = {};
  for (const [name, p] of Object.entries(summary.pools)) costByPool[name] = p.cost;
  const peaks = peakAgentsByPool(plan.lines);
  for (const name of Object.keys(costByPool)) peaks[name] = peaks[name] ?? 0;
  const result: ScenarioResult = {
    name: job.name,
    description: job.description,
    folder: job.folder,
    status: 'ok',
    currency: summary.currency,
    totalCost: summary.totalCost,
    costByPool,
    outsourcedShare: summary.outsourcing.achieved,
    peakAgentsByPool: peaks,
    shortfallHours: summary.shortfall.hoursShort,
    shortfallAgentHours: summary.shortfall.agentHours,
    shortfallCost: summary.shortfall.cost,
    lostServiceCost: summary.lostService.cost,
    belowFloorHours: summary.shortfall.hoursBelowFloor,
    lowestServiceLevel: plan.service.lowest,
    abandonRate: simulation ? simulation.total.abandonRate : plan.service.abandonRate,
    solverGap: summary.solver.gap,
    coverage: { startHour: all[0]?.timestamp ?? requirement.startHour, required: all.map((r) => r.required), scheduled: all.map((r) => r.scheduled) },
  };
  if (simulation) {
    result.simulation = {
      runs: simulation.runs,
      seed: simulation.seed,
      serviceLevel: simulation.total.serviceLevel,
      abandonRate: simulation.total.abandonRate,
      asaSeconds: simulation.total.asaSeconds,
      shareOfHoursMeetingTarget: simulation.shareOfHoursMeetingTarget,
      lowestHourlyServiceLevel: simulation.lowestHourlyServiceLevel,
    };
  }
  return result;
}

/** The dates a demand covers, whole days only (for a base without start/end or horizon). */
export function demandDates(demand: Demand): { start: string; end: string } {
  const first = hourNumber(demand.startHour);
  const last = first + demand.hours - 1;
  return { start: dateFromDayNumber(Math.ceil(first / 24)), end: dateFromDayNumber(Math.floor((last + 1) / 24) - 1) };
}

/** The demand a scenario starts from: the shared base forecast, or its own when it changes an event. */
export function scenarioDemand(job: ScenarioJob, config: Config): Demand {
  const changesEvents = job.scenario.overrides.some((o) => o.kind === 'event');
  if (!changesEvents || job.history === null) return job.demand;
  return forecastDemand(job.history, config, { start: job.start, end: job.end, queues: config.queues }).demand;
}

/** Worker task: run one scenario. Infeasible or unsolved plans become a result row; bad input throws. */
export async function runScenarioJob(job: ScenarioJob): Promise<ScenarioJobOutput> {
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const ctx = { demandBased: job.history === null, ...(job.file === undefined ? {} : { file: job.file }) };
  const config = applyConfigOverrides(job.baseConfig, job.scenario, ctx);
  const demand = applyVolumeOverrides(scenarioDemand(job, config), config, job.scenario, ctx);
  // A scenario that removes a pool leaves its agents out of the roster.
  const agents = job.agents?.filter((a) => config.pools.some((p) => p.name === a.pool));
  let plan: PlannedScenario;
  let requirement: Requirement;
  try {
    const run = await runPipeline({
      config,
      source: { kind: 'demand', demand },
      sourceFile: job.demandFile,
      start: job.start,
      end: job.end,
      // A what-if shows how far a scenario falls, rather than stop where it cannot hold the floor.
      allowShort: true,
      explainPriced: 1,
      ...(job.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: job.timeLimitSeconds }),
      ...(agents ? { agents } : {}),
    });
    requirement = run.requirement;
    plan = { lines: run.plan.lines, coverage: run.plan.coverage, summary: run.plan.summary, service: run.service, folderSummary: run.summary, roster: run.roster?.roster ?? null };
  } catch (error) {
    if (error instanceof InfeasiblePlanError || error instanceof SolverError) {
      const status = error instanceof InfeasiblePlanError ? 'infeasible' : 'failed';
      // The requirements of a plan that could not be made, for the scenario's folder.
      const sized = computeRequirements(demand, config, { quantile: config.forecast.quantile, file: job.demandFile });
      return { result: failedResult(job.name, job.description, job.folder, status, error.message), config, demand, requirement: sized, plan: null, simulation: null, seconds: elapsed() };
    }
    throw error;
  }
  const simulation = job.simulation ? simulatePlan(simulationInput(config, demand, plan.coverage, job.simulation)) : null;
  return { result: summarizeScenario(job, requirement, plan, simulation), config, demand, requirement, plan, simulation, seconds: elapsed() };
}
