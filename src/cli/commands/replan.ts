/** `peakshift replan`: the event-day re-plan of a plan folder from the actuals so far. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { checkOutputFolder, checkReplanNow, parseReplanNow, readHistory, readPlanForReplan, replanFolderFiles, writeFolderAtomic } from '../../io';
import { solverByName } from '../../plan';
import { replanDay } from '../../replan';
import { solveLimitOptions } from '../options';
import { info, print } from '../output';
import { holdingSignals } from '../signals';

interface ReplanArgs {
  plan: string;
  actuals: string;
  now: string;
  outDir: string;
  config?: string;
  timeLimit?: unknown;
  force: boolean;
}

export const command = 'replan';
export const describe = 'Re-plan the rest of an event day from the actuals so far: the cheapest extensions, call-ins, surge seats, cancellations and send-homes still allowed';

export function builder(yargs: Argv): Argv<ReplanArgs> {
  return yargs
    .option('plan', { type: 'string', demandOption: true, describe: 'Plan folder written by peakshift plan (with --agents)' })
    .option('actuals', { type: 'string', demandOption: true, describe: 'Inquiry CSV of the hours before --now (any accepted history format)' })
    .option('now', { type: 'string', demandOption: true, describe: 'The first hour without actuals, YYYY-MM-DDTHH:00; everything before it is frozen' })
    .option('out-dir', { type: 'string', demandOption: true, describe: 'Re-planned folder to write (replaced atomically, and only when peakshift wrote it)' })
    .option('config', { type: 'string', describe: "Config JSON replacing the plan folder's config.json (notice hours, prices)" })
    .option('time-limit', { type: 'string', describe: 'Solver time limit in seconds (default: config solver.timeLimitSeconds)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .example('$0 replan --plan plan-out --actuals today.csv --now 2026-11-11T10:00 --out-dir replan-out', 'the rest of Nov 11 from the actuals before 10:00') as unknown as Argv<ReplanArgs>;
}

export async function handler(args: ArgumentsCamelCase<ReplanArgs>): Promise<void> {
  const now = parseReplanNow(args.now);
  const { timeLimitSeconds } = solveLimitOptions(args);
  if (path.resolve(args.outDir) === path.resolve(args.plan)) throw new UsageError(`--out-dir ${args.outDir} is the --plan folder; expected a new folder (the plan stays as it was)`);
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const plan = readPlanForReplan(args.plan, args.config);
  checkReplanNow(now, plan.demand);
  const actuals = readHistory(args.actuals, {
    timezone: plan.config.timezone,
    before: { hour: now, option: '--now' },
    knownQueues: { names: plan.config.queues.map((q) => q.name), owner: "the plan's" },
  });
  const result = await replanDay({
    config: plan.config,
    demand: plan.demand,
    coverage: plan.coverage,
    roster: plan.roster,
    agents: plan.agents,
    actuals,
    now,
    solver: solverByName(plan.config.solver.name),
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
  });
  const files = replanFolderFiles(plan, result);
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  print(result.line);
  info(`wrote ${files.size} files to ${args.outDir}; ${result.changes.length} changes in changes.csv`);
}
