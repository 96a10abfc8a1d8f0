/**
 * Replay: plan a past period from the history before it, once per strategy,
 * and judge each plan on the arrivals that really came (score.ts, and a
 * seeded simulation of the same plan on those arrivals).
 *
 * Strategies: `p50` sizes every hour to the median forecast and prices lost
 * service at it; `p90` sizes every hour to the p90; `hedged` sizes to the
 * median (the hourly floor too) and prices lost service by its expectation
 * over the forecast's band (forecast.hedge, staffing/hedge.ts).
 */
import type { Config } from '../config';
import { UsageError, type History } from '../domain';
import { checkForecastWindow, groupedInt, MAX_SIMULATED_INQUIRIES } from '../domain/limits';
import { tr, type Lang } from '../domain/i18n';
import { forecastDemand } from '../forecast';
import type { Agent } from '../roster';
import { runPipeline, type PipelineProgress } from '../pipeline';
import { simulatePlan, type SimulatedQueue } from '../scenario';
import { actualArrivals, historyBefore, type Actuals } from './actuals';
import { scorePlan, type PlanScore } from './score';

export const STRATEGIES = ['p50', 'p90', 'hedged'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The forecast settings a strategy plans with. */
export function strategySettings(strategy: Strategy): { quantile: 'p50' | 'p90'; hedge: boolean } {
  return strategy === 'p90' ? { quantile: 'p90', hedge: false } : { quantile: 'p50', hedge: strategy === 'hedged' };
}

/** The strategy a config plans with (null: p90 sizing with hedging, which no strategy is). */
export function configStrategy(config: Pick<Config, 'forecast'>): Strategy | null {
  const hedge = config.forecast.hedge === true;
  if (config.forecast.quantile === 'p50') return hedge ? 'hedged' : 'p50';
  return hedge ? null : 'p90';
}

/** `p50,p90,hedged` → the strategies, in the order given, each once. */
export function parseStrategies(text: string, option = '--strategies'): Strategy[] {
  const names = text.split(',').map((s) => s.trim());
  const out: Strategy[] = [];
  for (const name of names) {
    if (!(STRATEGIES as readonly string[]).includes(name)) {
      throw new UsageError(`${option} ${JSON.stringify(text)}: ${JSON.stringify(name)} is not a strategy; expected a comma-separated list of ${STRATEGIES.join(', ')}`);
    }
    if (!out.includes(name as Strategy)) out.push(name as Strategy);
  }
  return out;
}

export interface ReplayInput {
  config: Config;
  /** The whole history: the part before `start` is planned from, the window is scored. */
  history: History;
  historyFile: string;
  start: string;
  end: string;
  strategies: readonly Strategy[];
  agents?: readonly Agent[];
  /** Simulation runs on the actual arrivals per strategy (0: none), and their seed. */
  runs: number;
  seed: number;
  /** Per-solve safety limit and the gap a stopped solve may still be used at (as `plan --time-limit`, `--accept-gap`). */
  timeLimitSeconds?: number;
  acceptGap?: number;
  /** Language of the notes a plan above its asked gap gets (default en). */
  lang?: Lang;
  onProgress?: (strategy: Strategy, progress: PipelineProgress) => void;
}

export interface StrategyResult {
  strategy: Strategy;
  score: PlanScore;
  /** Per hour of the window: scheduled productive agents (all queues) and what the actual volume needed. */
  scheduled: number[];
  needed: number[];
  /** The simulation on the actual arrivals (null: not run). */
  simulation: { serviceLevel: number; shareOfHoursMeetingTarget: number; lowestHourlyServiceLevel: number; runs: number; seed: number } | null;
  notes: string[];
}

export interface ReplayResult {
  start: string;
  end: string;
  currency: string;
  actuals: Actuals;
  strategies: StrategyResult[];
  /** The strategy with the lowest total (cost + lost service on the actuals); the first on a tie. */
  best: Strategy;
  /** The strategy the config plans with (null when none of them). */
  configured: Strategy | null;
}

function simulationQueues(config: Config, actuals: Actuals, scheduledOf: (queue: string, h: number) => number): SimulatedQueue[] {
  return actuals.queues.flatMap((series) => {
    const q = config.queues.find((c) => c.name === series.name);
    if (!q) return [];
    const sim: SimulatedQueue = {
      name: q.name,
      arrivalsPerHour: series.values.slice(),
      productiveAgents: series.values.map((_, h) => scheduledOf(q.name, h)),
      concurrency: q.concurrency,
      ahtSeconds: q.ahtSeconds,
      answerSeconds: q.target.answerSeconds,
      targetServiceLevel: q.target.serviceLevel,
    };
    if (q.patienceSeconds !== undefined) sim.patienceSeconds = q.patienceSeconds;
    return [sim];
  });
}

export async function runReplay(input: ReplayInput): Promise<ReplayResult> {
  const { config, start, end } = input;
  if (end < start) throw new UsageError(`--end ${end} is before --start ${start}`);
  const actuals = actualArrivals(input.history, config, start, end, input.historyFile);
  const arrived = actuals.queues.reduce((n, q) => n + q.values.reduce((a, v) => a + v, 0), 0);
  if (arrived * input.runs > MAX_SIMULATED_INQUIRIES) {
    throw new UsageError(`--runs ${input.runs}: ${input.runs} run(s) of ${groupedInt(arrived)} actual inquiries each; expected at most ${groupedInt(MAX_SIMULATED_INQUIRIES)} simulated inquiries in all (fewer --runs, or --runs 0)`);
  }
  const before = historyBefore(input.history, start);
  checkForecastWindow(before, start, end);
  // One forecast for every strategy: they differ in how they size and price it, not in what they expect.
  const forecast = forecastDemand(before, config, { start, end, queues: config.queues });
  const results: StrategyResult[] = [];
  for (const strategy of input.strategies) {
    const variant: Config = { ...config, forecast: { ...config.forecast, ...strategySettings(strategy) } };
    const run = await runPipeline({
      config: variant,
      source: { kind: 'demand', demand: forecast.demand },
      sourceFile: input.historyFile,
      start,
      end,
      // Judged on what came, as a what-if is: a plan that cannot hold a floor shows how far it falls.
      allowShort: true,
      explainPriced: 0,
      ...(input.agents ? { agents: input.agents } : {}),
      ...(input.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: input.timeLimitSeconds }),
      ...(input.acceptGap === undefined ? {} : { acceptGap: input.acceptGap }),
      ...(input.onProgress ? { onProgress: (p: PipelineProgress) => input.onProgress?.(strategy, p) } : {}),
    });
    const medians = new Map(forecast.demand.queues.map((q) => [q.name, q.p50] as const));
    const score = scorePlan(variant, run.plan.coverage, run.plan.summary.totalCost, actuals, medians);
    const nq = actuals.queues.length;
    const scheduled = Array.from({ length: actuals.hours }, (_, h) => score.hours.slice(h * nq, h * nq + nq).reduce((n, x) => n + x.scheduled, 0));
    const needed = Array.from({ length: actuals.hours }, (_, h) => score.hours.slice(h * nq, h * nq + nq).reduce((n, x) => n + x.needed, 0));
    let simulation: StrategyResult['simulation'] = null;
    if (input.runs > 0) {
      const at = new Map(score.hours.map((x, i) => [`${Math.floor(i / nq)}|${x.queue}`, x.scheduled] as const));
      const sim = simulatePlan({
        startHour: actuals.startHour,
        hours: actuals.hours,
        queues: simulationQueues(variant, actuals, (queue, h) => at.get(`${h}|${queue}`) ?? 0),
        handling: { kind: 'exponential' },
        runs: input.runs,
        seed: input.seed,
      });
      const byQueue = new Map(sim.queues.map((q) => [q.name, q] as const));
      score.hours.forEach((x, i) => {
        const stats = byQueue.get(x.queue)?.hours[Math.floor(i / nq)];
        x.simulatedServiceLevel = stats && stats.offered > 0 ? stats.serviceLevel : null;
      });
      simulation = { serviceLevel: sim.total.serviceLevel, shareOfHoursMeetingTarget: sim.shareOfHoursMeetingTarget, lowestHourlyServiceLevel: sim.lowestHourlyServiceLevel, runs: sim.runs, seed: sim.seed };
    }
    // A plan written above its asked gap (--accept-gap) says so wherever it is shown.
    const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
    const gaps = (run.summary.acceptedGaps ?? []).map((a) => `${strategy}: ${tr(input.lang ?? 'en', 'outAcceptedGap', { what: a.what, gap: pct(a.gap), asked: pct(a.asked), accepted: pct(a.accepted) })}`);
    results.push({ strategy, score, scheduled, needed, simulation, notes: [...gaps, ...forecast.notes, ...run.notes] });
  }
  let best = results[0]?.strategy ?? 'p50';
  let bestTotal = Infinity;
  for (const r of results) {
    if (r.score.total < bestTotal - 1e-9) {
      bestTotal = r.score.total;
      best = r.strategy;
    }
  }
  return { start, end, currency: config.currency, actuals, strategies: results, best, configured: configStrategy(config) };
}
