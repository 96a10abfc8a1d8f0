/** `peakshift inspect`: read and validate inputs, print what was found. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { defaultConfig } from '../../config';
import { readConfig, readHistoryWithEncoding } from '../../io';
import { summarizeHistory, formatHistorySummary } from '../../report/history';
import { print } from '../output';

interface InspectArgs {
  history: string;
  config?: string;
  json?: boolean;
}

export const command = 'inspect';
export const describe = 'Read and validate an inquiry history (and config); print totals, range, gaps and peaks';

export function builder(yargs: Argv): Argv<InspectArgs> {
  return yargs
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry CSV (timestamp,inquiries or date,hour,inquiries; optional queue)' })
    .option('config', { type: 'string', describe: 'Config JSON (time zone, queues, pools); defaults apply when omitted' })
    .option('json', { type: 'boolean', describe: 'Print the summary as JSON' }) as Argv<InspectArgs>;
}

export function handler(args: ArgumentsCamelCase<InspectArgs>): void {
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const { history, encoding } = readHistoryWithEncoding(args.history, { timezone: config.timezone });
  const summary = { ...summarizeHistory(history), encoding };
  print(args.json ? JSON.stringify(summary, null, 2) : formatHistorySummary(summary, args.history, args.config ? config : undefined));
}
