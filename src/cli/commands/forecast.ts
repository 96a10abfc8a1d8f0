/** `peakshift forecast`: hourly forecast per queue with p10/p90 and the active event. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { defaultConfig } from '../../config';
import { UsageError, isValidDate, type Demand } from '../../domain';
import { checkForecastWindow } from '../../domain/limits';
import { forecastDemand, updateIntraday, type ForecastResult } from '../../forecast';
import { formatForecastCsv, readConfig, readHistory, writeFileAtomic } from '../../io';
import { info, print, warn } from '../output';

interface ForecastArgs {
  history: string;
  start: string;
  end: string;
  config?: string;
  queue?: string;
  out?: string;
  actualsUntil?: string;
  actuals?: string;
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
    .option('out', { type: 'string', describe: 'Forecast CSV to write (default: stdout)' })
    .option('actuals-until', { type: 'string', describe: 'Re-scale the rest of that day from the actuals before this hour, YYYY-MM-DDTHH:00' })
    .option('actuals', { type: 'string', describe: 'Inquiry CSV of the actuals so far (default: --history)' })
    .example('$0 forecast --history data/inquiries.csv --start 2026-11-01 --end 2026-11-14 --config data/config.json --out forecast.csv', 'forecast the Double 11 fortnight') as Argv<ForecastArgs>;
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

/** `--actuals-until`: a whole local hour `YYYY-MM-DDTHH:00` (or `HH:MM` with minutes 00). */
export function parseUntil(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || !isValidDate(m[1] as string) || Number(m[2]) > 23 || m[3] !== '00') {
    throw new UsageError(`--actuals-until ${JSON.stringify(value)} is not a whole hour; expected YYYY-MM-DDTHH:00`);
  }
  return `${m[1]}T${m[2]}:00`;
}

/** One line per queue: the model the backtest chose and its score. */
export function modelLines(result: ForecastResult): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const m of result.models) {
    const key = m.source ?? '\u0000total';
    if (seen.has(key)) continue;
    seen.add(key);
    const who = m.source === undefined ? `${result.models.filter((x) => x.source === undefined).map((x) => x.queue).join(', ')} (split from the total)` : m.queue;
    const score = Number.isFinite(m.model.wape) ? `backtest WAPE ${(m.model.wape * 100).toFixed(1)}% over ${m.model.origins.length} origins x ${m.model.scoreDays} days` : 'no backtest (short history)';
    const members = m.model.members.length > 1 ? ` of ${m.model.members.join(', ')}` : '';
    lines.push(`model ${who}: ${m.model.name}${members}, ${score}`);
  }
  return lines;
}

export function handler(args: ArgumentsCamelCase<ForecastArgs>): void {
  checkDate('start', args.start);
  checkDate('end', args.end);
  if (args.actuals !== undefined && args.actualsUntil === undefined) throw new UsageError('--actuals needs --actuals-until (the first hour without actuals)');
  const until = args.actualsUntil === undefined ? undefined : parseUntil(args.actualsUntil);
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const history = readHistory(args.history, { timezone: config.timezone });
  checkForecastWindow(history, args.start, args.end);
  const result = forecastDemand(history, config, {
    start: args.start,
    end: args.end,
    ...(args.config ? { queues: config.queues } : {}),
  });
  if (args.queue !== undefined) onlyQueue(result.demand, args.queue);
  for (const note of result.notes) warn(note);
  for (const line of modelLines(result)) info(line);
  let demand = result.demand;
  if (until !== undefined) {
    const actuals = args.actuals ? readHistory(args.actuals, { timezone: config.timezone }) : history;
    const updated = updateIntraday(demand, actuals, until);
    demand = updated.demand;
    for (const sc of updated.scales) {
      info(`intraday ${sc.queue} ${sc.date}: actuals ${Math.round(sc.actual)} vs forecast ${Math.round(sc.forecast)} before ${until.slice(11)}; rest of the day x${sc.factor.toFixed(3)}`);
    }
  }
  if (args.queue !== undefined) demand = onlyQueue(demand, args.queue);
  const csv = formatForecastCsv(demand);
  if (args.out) {
    writeFileAtomic(args.out, csv);
    info(`wrote ${args.out}: ${demand.hours} hours x ${demand.queues.length} queue(s) + all, ${args.start}..${args.end}`);
  } else {
    print(csv);
  }
}
