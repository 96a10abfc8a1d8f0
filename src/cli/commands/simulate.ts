/** `peakshift simulate --plan DIR`: what an existing plan really delivers, by seeded simulation. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { MAX_SIMULATED_INQUIRIES, groupedInt } from '../../domain/limits';
import { addToFolderMarker, readPlanForSimulation, updatePlanSummary, writeFileAtomic } from '../../io';
import { DEFAULT_SIMULATION_RUNS, simulatePlan, simulationCsv, simulationInput, simulationSchema, simulationSummary } from '../../scenario';
import { info, print } from '../output';
import { startProgress } from '../progress';

interface SimulateArgs {
  plan: string;
  runs: number;
  seed: number;
  arrivals: string;
  handling: string;
  handlingCv: number;
}

export const command = 'simulate';
export const describe = 'Simulate a plan folder against random arrivals from its forecast: achieved service level, ASA and abandonment per hour';

export function builder(yargs: Argv): Argv<SimulateArgs> {
  return yargs
    .option('plan', { type: 'string', demandOption: true, describe: 'Plan folder (config.json, forecast.csv, coverage.csv)' })
    .option('runs', { type: 'number', default: DEFAULT_SIMULATION_RUNS, describe: 'Simulation runs (results are means over runs)' })
    .option('seed', { type: 'number', default: 1, describe: 'Random seed: the same seed gives the same numbers' })
    .option('arrivals', { type: 'string', default: 'forecast', describe: 'Mean arrivals per hour: forecast, or p90 for a stress test' })
    .option('handling', { type: 'string', default: 'exponential', describe: 'Handling-time distribution: exponential or lognormal' })
    .option('handling-cv', { type: 'number', default: 1, describe: 'Coefficient of variation of lognormal handling times' })
    .example('$0 simulate --plan plan-out --runs 5 --seed 1', 'what the plan delivers against random arrivals') as unknown as Argv<SimulateArgs>;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export function handler(args: ArgumentsCamelCase<SimulateArgs>): void {
  const parsed = simulationSchema.safeParse({ runs: args.runs, seed: args.seed, arrivals: args.arrivals, handling: args.handling, handlingCv: args.handlingCv });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = { runs: '--runs', seed: '--seed', arrivals: '--arrivals', handling: '--handling', handlingCv: '--handling-cv' }[String(issue?.path[0] ?? 'runs')] ?? '--runs';
    const given = { '--runs': args.runs, '--seed': args.seed, '--arrivals': args.arrivals, '--handling': args.handling, '--handling-cv': args.handlingCv }[option];
    throw new UsageError(`${option} ${String(given)}: ${issue?.message ?? 'invalid value'}`);
  }
  const spec = parsed.data;
  const plan = readPlanForSimulation(args.plan);
  const perRun = plan.demand.queues.reduce((sum, q) => sum + (spec.arrivals === 'p90' ? q.p90 : q.forecast).reduce((a, v) => a + v, 0), 0);
  if (perRun * spec.runs > MAX_SIMULATED_INQUIRIES) {
    throw new UsageError(
      `--runs ${spec.runs}: ${spec.runs} run(s) of ${groupedInt(perRun)} forecast inquiries each; expected at most ${groupedInt(MAX_SIMULATED_INQUIRIES)} simulated inquiries in all (fewer --runs, or check ${path.join(args.plan, 'forecast.csv')})`,
    );
  }
  const progress = startProgress('simulate', spec.runs);
  let result;
  try {
    result = simulatePlan(simulationInput(plan.config, plan.demand, plan.coverage, spec), (done) => progress.update(done, `run ${done}`));
  } finally {
    progress.stop();
  }
  writeFileAtomic(path.join(args.plan, 'simulation.csv'), simulationCsv(result));
  addToFolderMarker(args.plan, 'simulation.csv');
  updatePlanSummary(args.plan, 'simulation', { ...simulationSummary(result), arrivals: spec.arrivals, handling: spec.handling === 'lognormal' ? { kind: 'lognormal', cv: spec.handlingCv } : { kind: 'exponential' } });
  const lines = ['| queue | target | service level | ASA (s) | abandon | offered per run |', '|---|---:|---:|---:|---:|---:|'];
  for (const q of result.queues) lines.push(`| ${q.name} | ${pct(q.targetServiceLevel)} | ${pct(q.total.serviceLevel)} | ${q.total.asaSeconds.toFixed(1)} | ${pct(q.total.abandonRate)} | ${Math.round(q.total.offered)} |`);
  lines.push(`| all | | ${pct(result.total.serviceLevel)} | ${result.total.asaSeconds.toFixed(1)} | ${pct(result.total.abandonRate)} | ${Math.round(result.total.offered)} |`);
  lines.push('', `hours meeting target: ${pct(result.shareOfHoursMeetingTarget)}; lowest hourly service level: ${pct(result.lowestHourlyServiceLevel)} (${result.runs} runs, seed ${result.seed}, arrivals at the ${spec.arrivals === 'p90' ? 'p90' : 'forecast mean'})`);
  print(lines.join('\n'));
  info(`wrote ${path.join(args.plan, 'simulation.csv')} and the simulation section of summary.json`);
}
