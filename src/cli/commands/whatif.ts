/** `peakshift whatif`: run the base and every scenario of a scenario file, write plan folders and the comparison. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { checkOutputFolder, readAgents, readForecastCsv, readHistory, readScenarioFile, whatIfFiles, writeFolderAtomic } from '../../io';
import { DEFAULT_SIMULATION_RUNS, comparisonMarkdown, parseSweep, prepareWhatIf, runWhatIf, simulationSchema, type WhatIfRun } from '../../scenario';
import { parseNumberOption, typedText } from '../options';
import { linkReporter, loadQueue } from '../queue';
import { info, print, warn } from '../output';
import { holdingSignals } from '../signals';
import { startProgress } from '../progress';
import { tr, type Lang } from '../../domain/i18n';
import { LANG_OPTION, resolveLang } from '../lang';

interface WhatIfArgs {
  scenarios: string;
  outDir: string;
  jobs?: number;
  sweep?: string[];
  simulate: boolean;
  runs?: number;
  seed?: number;
  timeLimit?: number;
  force: boolean;
  lang?: string;
  broker?: string;
  attempts: unknown;
  queueName: string;
}

export const command = 'whatif';
export const describe = 'Run the base and every scenario of a scenario file (in parallel), write one plan folder each and a comparison';

export function builder(yargs: Argv): Argv<WhatIfArgs> {
  return yargs
    .option('scenarios', { type: 'string', demandOption: true, describe: 'Scenario file (JSON, or YAML by extension): base and named scenarios with overrides' })
    .option('out-dir', { type: 'string', demandOption: true, describe: 'Output folder (replaced atomically): comparison.* and one plan folder per scenario' })
    .option('jobs', { type: 'number', describe: 'Worker threads (default: number of CPUs; 0 = no threads)' })
    .option('sweep', { type: 'string', array: true, describe: 'Sweep a parameter, e.g. outsourcing.min=0.4:0.8:0.05 or volume=0.8:1.5:0.1 (repeatable)' })
    .option('simulate', { type: 'boolean', default: true, describe: 'Simulate each plan against random arrivals (--no-simulate to skip)' })
    .option('runs', { type: 'number', describe: `Simulation runs per plan (default: the file's simulation.runs, else ${DEFAULT_SIMULATION_RUNS})` })
    .option('seed', { type: 'number', describe: 'Simulation seed (default: the file\'s simulation.seed, else 1)' })
    .option('time-limit', { type: 'number', describe: 'Solver time limit per plan, seconds (default: the config\'s)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .option('lang', LANG_OPTION)
    .example('$0 whatif --scenarios data/scenarios.json --out-dir whatif-out', 'every scenario of the file, compared')
    .example('$0 whatif --scenarios data/scenarios.json --sweep outsourcing.min=0.4:0.8:0.1 --out-dir sweep-out', 'cost against the outsourced share')
    .option('broker', { type: 'string', describe: 'Run every scenario as a job of this Redis job broker (redis://host:6379), taken by `peakshift worker` processes' })
    .option('attempts', { type: 'number', default: 3, describe: 'With --broker: tries per scenario before its error is reported' })
    .option('queue-name', { type: 'string', default: 'peakshift', describe: 'With --broker: the workers\' queue' }) as unknown as Argv<WhatIfArgs>;
}

function wholeOption(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} ${typedText(name) ?? String(value)}: expected a whole number >= ${min}`);
  return value;
}

export async function handler(args: ArgumentsCamelCase<WhatIfArgs>): Promise<void> {
  const jobs = wholeOption('jobs', args.jobs, 0);
  const runs = wholeOption('runs', args.runs, 1);
  const seed = wholeOption('seed', args.seed, 0);
  if (args.timeLimit !== undefined && !(args.timeLimit > 0)) throw new UsageError(`--time-limit ${typedText('time-limit') ?? String(args.timeLimit)}: expected a positive number of seconds`);
  const attempts = parseNumberOption('attempts', args.attempts, { expected: 'a whole number from 1 to 20', integer: true, min: 1, max: 20 });
  if (args.broker !== undefined && jobs !== undefined) throw new UsageError('--jobs: not with --broker (each worker\'s --concurrency sets how many run at once)');
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const sweeps = (args.sweep ?? []).map(parseSweep);
  const loaded = readScenarioFile(args.scenarios);
  const lang = resolveLang(args.lang, loaded.config.language);
  sweeps.unshift(...loaded.sweeps.map(parseSweep));
  const agents = loaded.paths.agents ? readAgents(loaded.paths.agents, loaded.config) : undefined;
  const simulation = args.simulate ? simulationSchema.parse({ ...loaded.simulation, ...(runs === undefined ? {} : { runs }), ...(seed === undefined ? {} : { seed }) }) : null;
  const { input, notes } = prepareWhatIf({
    file: args.scenarios,
    base: loaded.base,
    config: loaded.config,
    demand: loaded.paths.demand ? readForecastCsv(loaded.paths.demand, loaded.config.timezone) : null,
    history: () => readHistory(loaded.paths.history as string, { timezone: loaded.config.timezone }),
    demandFile: loaded.paths.demand ?? (loaded.paths.history as string),
    scenarios: loaded.scenarios,
    sweeps,
    simulation,
    ...(args.timeLimit === undefined ? {} : { timeLimitSeconds: args.timeLimit }),
    ...(agents ? { agents } : {}),
  });
  for (const note of notes) warn(note, lang);
  const total = 1 + loaded.scenarios.length + sweeps.reduce((s, w) => s + w.values.length, 0);
  // The queue code (and Redis) only when asked for.
  const broker = args.broker === undefined ? undefined : await loadQueue().Broker.connect({ url: args.broker, queueName: args.queueName, attempts, onLink: linkReporter(lang) });
  const progress = startProgress('whatif', total);
  let run: WhatIfRun;
  try {
    run = await runWhatIf(input, {
      ...(jobs === undefined ? {} : { jobs }),
      ...(broker ? { pool: broker.scenarioPool } : {}),
      onProgress: (done, _total, name) => progress.update(done, name),
    });
  } finally {
    progress.stop();
    await broker?.close();
  }
  const files = await whatIfFiles(run, lang);
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  print(run.comparison.rows.length > 0 ? whatIfTable(run, lang) : 'no scenarios');
  info(tr(lang, 'outWroteWhatIf', { file: path.join(args.outDir, 'comparison.html'), n: total }));
}

/** The Markdown comparison doubles as the terminal table. */
function whatIfTable(run: WhatIfRun, lang: Lang): string {
  return comparisonMarkdown(run.comparison, run.curves, lang).replace(/^# [^\n]*\n\n/, '');
}
