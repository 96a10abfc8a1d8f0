/** `peakshift forecast`: hourly forecast per queue with p10/p90 and the active event. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { defaultConfig } from '../../config';
import { UsageError, isValidDate, type Demand } from '../../domain';
import { checkForecastWindow } from '../../domain/limits';
import { forecastDemand } from '../../forecast';
import { formatForecastCsv, readConfig, readHistory, writeFileAtomic } from '../../io';
import { info, print, warn } from '../output';

interface ForecastArgs {
  history: string;
  start: string;
  end: string;
  config?: string;
  queue?: string;
  out?: string;
}

export const command = 'forecast';
export const describe = 'Forecast hourly inquiries per queue (with p10/p90 and events) from an inquiry history';

export function builder(yargs: Argv): Argv<ForecastArgs> {
  return yargs
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry CSV; only the hours before --start are used' })
    .option('start', { type: 'string', demandOption: true, describe: 'First forecast date YYYY-MM-DD' })
    .option('end', { type: 'string', demandOption: true, describe: 'Last forecast date YYYY-MM-DD (inclusive)' })
    .option('config', { type: 'string', describe: 'Config JSON (queues and shares, events, calendar); defaults apply when omitted' })
    .option('queue', { type: 'string', describe: 'Write only this queue (its all row equals it)' })
    .option('out', { type: 'string', describe: 'Forecast CSV to write (default: stdout)' }) as Argv<ForecastArgs>;
}

export function checkDate(option: string, value: string): void {
  if (!isValidDate(value)) throw new UsageError(`--${option} ${JSON.stringify(value)} is not a date; expected YYYY-MM-DD`);
}

function onlyQueue(demand: Demand, queue: string): Demand {
  const found = demand.queues.find((q) => q.name === queue);
  if (!found) {
    throw new UsageError(`--queue ${JSON.stringify(queue)} is not forecast; expected one of ${demand.queues.map((q) => q.name).join(', ')}`);
  }
  return { ...demand, queues: [found] };
}

export function handler(args: ArgumentsCamelCase<ForecastArgs>): void {
  checkDate('start', args.start);
  checkDate('end', args.end);
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const history = readHistory(args.history, { timezone: config.timezone });
  checkForecastWindow(history, args.start, args.end);
  const result = forecastDemand(history, config, {
    start: args.start,
    end: args.end,
    ...(args.config ? { queues: config.queues } : {}),
  });
  for (const note of result.notes) warn(note);
  const demand = args.queue !== undefined ? onlyQueue(result.demand, args.queue) : result.demand;
  const csv = formatForecastCsv(demand);
  if (args.out) {
    writeFileAtomic(args.out, csv);
    info(`wrote ${args.out}: ${demand.hours} hours x ${demand.queues.length} queue(s) + all, ${args.start}..${args.end}`);
  } else {
    print(csv);
  }
}
