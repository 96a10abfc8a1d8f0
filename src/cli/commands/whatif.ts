/** `peakshift whatif`: run the base and every scenario of a scenario file, write plan folders and the comparison. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { checkOutputFolder, readForecastCsv, readHistory, readScenarioFile, whatIfFiles, writeFolderAtomic } from '../../io';
import { comparisonMarkdown, parseSweep, prepareWhatIf, runWhatIf, simulationSchema, type WhatIfRun } from '../../scenario';
import { info, print, warn } from '../output';
import { holdingSignals } from '../signals';
import { startProgress } from '../progress';
import type { Lang } from '../../domain/i18n';
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
    .option('runs', { type: 'number', describe: 'Simulation runs per plan (default: the file\'s simulation.runs, else 3)' })
    .option('seed', { type: 'number', describe: 'Simulation seed (default: the file\'s simulation.seed, else 1)' })
    .option('time-limit', { type: 'number', describe: 'Solver time limit per plan, seconds (default: the config\'s)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .option('lang', LANG_OPTION) as unknown as Argv<WhatIfArgs>;
}

function wholeOption(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} ${String(value)}: expected a whole number >= ${min}`);
  return value;
}

export async function handler(args: ArgumentsCamelCase<WhatIfArgs>): Promise<void> {
  const jobs = wholeOption('jobs', args.jobs, 0);
  const runs = wholeOption('runs', args.runs, 1);
  const seed = wholeOption('seed', args.seed, 0);
  if (args.timeLimit !== undefined && !(args.timeLimit > 0)) throw new UsageError(`--time-limit ${String(args.timeLimit)}: expected a positive number of seconds`);
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const sweeps = (args.sweep ?? []).map(parseSweep);
  const loaded = readScenarioFile(args.scenarios);
  const lang = resolveLang(args.lang, loaded.config.language);
  sweeps.unshift(...loaded.sweeps.map(parseSweep));
  if (loaded.paths.agents) warn('base.agents is for the roster stage, which what-if runs do not include yet; plan folders have no roster');
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
  });
  for (const note of notes) warn(note);
  const total = 1 + loaded.scenarios.length + sweeps.reduce((s, w) => s + w.values.length, 0);
  const progress = startProgress('whatif', total);
  let run: WhatIfRun;
  try {
    run = await runWhatIf(
      input,
      { ...(jobs === undefined ? {} : { jobs }), onProgress: (done, _total, name) => progress.update(done, name) },
    );
  } finally {
    progress.stop();
  }
  const files = await whatIfFiles(run, lang);
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  print(run.comparison.rows.length > 0 ? whatIfTable(run, lang) : 'no scenarios');
  info(`wrote ${path.join(args.outDir, 'comparison.html')} and ${total} plan folder${total === 1 ? '' : 's'}`);
}

/** The Markdown comparison doubles as the terminal table. */
function whatIfTable(run: WhatIfRun, lang: Lang): string {
  return comparisonMarkdown(run.comparison, run.curves, lang).replace(/^# [^\n]*\n\n/, '');
}
