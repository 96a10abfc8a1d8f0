/** `peakshift design-shifts`: the plan model proposes the shift menu; writes the new config and design.md. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { designMarkdown, designReport, designRequirement, designShifts, newConfigJson } from '../../design';
import { loadConfigText, parseJsonText, readConfig, readTextFile, writeFileAtomic } from '../../io';
import { checkPlanSize, type PlanSizeNames } from '../../plan';
import { optionalNumberOption, solveLimitOptions } from '../options';
import { info, print, warn } from '../output';
import { holdingSignals } from '../signals';
import { checkSourceArgs, planDates, readSource } from './plan';

interface DesignArgs {
  config: string;
  history?: string;
  demand?: string;
  requirements?: string;
  start?: string;
  end?: string;
  maxTypes?: unknown;
  timeLimit?: unknown;
  quantile?: string;
  solver?: string;
  allowShort: boolean;
  out: string;
  report?: string;
}

export const command = 'design-shifts';
export const describe = 'Let the optimizer propose the shift menu (starts, lengths, breaks) from the demand curve, and compare it with the current one';

export function builder(yargs: Argv): Argv<DesignArgs> {
  return yargs
    .option('config', { type: 'string', demandOption: true, describe: 'Config JSON; its design section sets the candidate shifts and limits' })
    .option('history', { type: 'string', describe: 'Inquiry history CSV: forecast it first' })
    .option('demand', { type: 'string', describe: 'Forecast CSV (timestamp,queue,forecast,p10,p90,event)' })
    .option('requirements', { type: 'string', describe: 'Requirements CSV instead of a forecast' })
    .option('start', { type: 'string', describe: 'First date, YYYY-MM-DD (default: config horizon.start)' })
    .option('end', { type: 'string', describe: 'Last date, YYYY-MM-DD (default: config horizon.end)' })
    .option('max-types', { type: 'string', describe: 'At most this many shift types (default: config design.maxTypes, 5)' })
    .option('time-limit', { type: 'string', describe: 'Safety time limit of each design solve in seconds; reaching it is exit 4 (default: config design.timeLimitSeconds, 600)' })
    .option('quantile', { type: 'string', describe: 'Demand to size for: p50 or p90 (default: config forecast.quantile)' })
    .option('solver', { type: 'string', describe: 'MIP solver: highs or jslp (default: config solver.name)' })
    .option('allow-short', { type: 'boolean', default: false, describe: 'Plan below the hourly service floor where nothing can hold it, as plan --allow-short' })
    .option('out', { type: 'string', demandOption: true, describe: 'New config JSON to write (the input config with the new shifts)' })
    .option('report', { type: 'string', describe: 'Comparison to write (default: design.md next to --out)' })
    .example('$0 design-shifts --config data/config.json --history data/inquiries.csv --max-types 5 --out new-config.json', 'at most 5 shift types for the config\'s horizon') as unknown as Argv<DesignArgs>;
}

export async function handler(args: ArgumentsCamelCase<DesignArgs>): Promise<void> {
  checkSourceArgs('design-shifts', args);
  const maxTypes = optionalNumberOption('max-types', args.maxTypes, { expected: 'a whole number of shift types from 1 to 50', min: 1, max: 50, integer: true });
  const { timeLimitSeconds } = solveLimitOptions(args);
  const config = readConfig(args.config);
  const { start, end } = planDates(args.start, args.end, config.horizon);
  const names: PlanSizeNames = { start: args.start !== undefined ? '--start' : 'horizon.start', end: args.end !== undefined ? '--end' : 'horizon.end' };
  checkPlanSize(config, start, end, 0, names);
  const { source, file: sourceFile } = readSource(args, config);
  const { requirement, notes } = designRequirement(config, source, start, end, sourceFile, args.quantile === 'p50' || args.quantile === 'p90' ? args.quantile : undefined);
  for (const note of notes) warn(note);
  const result = await designShifts({
    config,
    requirement,
    start,
    end,
    allowShort: args.allowShort,
    ...(maxTypes === undefined ? {} : { maxTypes }),
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
    ...(args.solver === 'highs' || args.solver === 'jslp' ? { solver: args.solver } : {}),
  });
  const json = `${JSON.stringify(newConfigJson(parseJsonText(readTextFile(args.config, 'a readable JSON config file'), args.config), result), null, 2)}\n`;
  // The new config must be valid input to `plan`: check it before anything is written.
  loadConfigText(json, args.out, path.dirname(path.resolve(args.config)));
  const report = args.report ?? path.join(path.dirname(args.out), 'design.md');
  await holdingSignals(() => {
    writeFileAtomic(report, designMarkdown(result));
    writeFileAtomic(args.out, json);
  });
  print(designReport(result, args.out));
  info(`wrote ${args.out} and ${report}`);
}
