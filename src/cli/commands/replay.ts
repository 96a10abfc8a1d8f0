/** `peakshift replay`: plan a past period from the history before it, per strategy, and score each plan on what really came. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { checkOutputFolder, readAgents, readConfig, readHistory, writeFolderAtomic } from '../../io';
import { checkPlanSize } from '../../plan';
import { money, percent } from '../../report/format';
import { parseStrategies, replayFiles, runReplay, STRATEGIES } from '../../replay';
import { LANG_OPTION, resolveLang } from '../lang';
import { parseNumberOption, solveLimitOptions } from '../options';
import { info, print, warn } from '../output';
import { planDates } from './plan';
import { holdingSignals } from '../signals';

interface ReplayArgs {
  config: string;
  history: string;
  start?: string;
  end?: string;
  agents?: string;
  strategies: string;
  runs: unknown;
  seed: unknown;
  timeLimit?: unknown;
  acceptGap?: unknown;
  outDir: string;
  force: boolean;
  lang?: string;
}

export const command = 'replay';
export const describe = 'Plan a past period from the history before it (p50, p90, hedged) and score each plan on the arrivals that really came';

export function builder(yargs: Argv): Argv<ReplayArgs> {
  return yargs
    .option('config', { type: 'string', demandOption: true, describe: 'Config JSON (queues, shifts, pools, costs)' })
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry history CSV that holds the replayed days: plans see only the days before --start' })
    .option('start', { type: 'string', describe: 'First replayed date, YYYY-MM-DD (default: config horizon.start)' })
    .option('end', { type: 'string', describe: 'Last replayed date, YYYY-MM-DD (default: config horizon.end)' })
    .option('agents', { type: 'string', describe: 'Agents CSV: roster each plan on the named agents' })
    .option('strategies', { type: 'string', default: STRATEGIES.join(','), describe: `Comma-separated strategies to replay: ${STRATEGIES.join(', ')}` })
    .option('runs', { type: 'number', default: 3, describe: 'Simulation runs of each plan on the actual arrivals (0: none)' })
    .option('seed', { type: 'number', default: 1, describe: 'Simulation seed: the same seed gives the same numbers' })
    .option('time-limit', { type: 'number', describe: 'Safety limit of each solve in seconds (default: config solver.timeLimitSeconds); a solve that reaches it before its gap stops the run with exit 4' })
    .option('accept-gap', { type: 'number', describe: 'Use a plan a solve stopped at the time limit when its proven relative gap is at most this (e.g. 0.02); the replay notes say so' })
    .option('out-dir', { type: 'string', demandOption: true, describe: 'Folder to write replay.csv, replay-hours.csv, replay.md, replay.html (replaced atomically)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .option('lang', LANG_OPTION)
    .example('$0 replay --config data/config.json --history data/inquiries.csv --start 2025-11-01 --end 2025-11-14 --out-dir replay-2025', 'how Double 11 2025 would have gone with each strategy') as unknown as Argv<ReplayArgs>;
}

export async function handler(args: ArgumentsCamelCase<ReplayArgs>): Promise<void> {
  const strategies = parseStrategies(args.strategies);
  const runs = parseNumberOption('runs', args.runs, { expected: 'a whole number from 0 to 100', min: 0, max: 100, integer: true });
  const seed = parseNumberOption('seed', args.seed, { expected: 'a whole number >= 0', min: 0, integer: true });
  const { timeLimitSeconds, acceptGap } = solveLimitOptions(args);
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const config = readConfig(args.config);
  const lang = resolveLang(args.lang, config.language);
  const { start, end } = planDates(args.start, args.end, config.horizon);
  checkPlanSize(config, start, end, 0);
  const history = readHistory(args.history, { timezone: config.timezone });
  const agents = args.agents === undefined ? undefined : readAgents(args.agents, config);
  if (agents) checkPlanSize(config, start, end, agents.length, { start: '--start', end: '--end', agentsFile: args.agents as string });
  let announced = '';
  const result = await runReplay({
    config,
    history,
    historyFile: args.history,
    start,
    end,
    strategies,
    runs,
    seed,
    lang,
    ...(agents ? { agents } : {}),
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
    ...(acceptGap === undefined ? {} : { acceptGap }),
    onProgress: (strategy) => {
      if (strategy === announced) return;
      announced = strategy;
      info(`replay ${start} .. ${end}: planning ${strategy}`);
    },
  });
  for (const note of new Set(result.strategies.flatMap((s) => s.notes))) warn(note);
  const files = replayFiles(result, lang);
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  const lines = [`replay ${start} .. ${end} (${result.currency}; total = staffing cost + lost service on the actual arrivals)`];
  for (const s of result.strategies) {
    const x = s.score;
    lines.push(
      `  ${s.strategy.padEnd(7)} cost ${money(x.cost, 0).padStart(11)}  lost ${money(x.lostServiceCost, 0).padStart(9)}  total ${money(x.total, 0).padStart(11)}  hours on target ${x.hoursMeetingTarget}/${x.hoursWithInquiries}  lowest SL ${x.lowestServiceLevel === null ? 'n/a' : percent(x.lowestServiceLevel)}${s.strategy === result.best ? '  <- lowest total' : ''}`,
    );
  }
  print(lines.join('\n'));
  info(`wrote ${files.size} files to ${args.outDir}; open ${path.join(args.outDir, 'replay.html')}`);
}
