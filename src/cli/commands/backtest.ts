/** `peakshift backtest`: rolling-origin accuracy of the forecaster, every candidate model and the benchmarks. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { defaultConfig } from '../../config';
import { UsageError, isValidDate } from '../../domain';
import { MAX_BACKTEST_ORIGINS, MAX_FORECAST_DAYS } from '../../domain/limits';
import { BENCHMARKS, FAMILIES, COMBINATION, SEGMENTS, rollingOrigins, runBacktest, type BacktestResult, type MethodName } from '../../forecast';
import { readConfig, readHistory } from '../../io';
import { print } from '../output';

interface BacktestArgs {
  history: string;
  holdoutDays: number;
  origins: string;
  config?: string;
  json?: boolean;
}

export const command = 'backtest';
export const describe = 'Rolling-origin backtest: WAPE, MASE, bias and p10-p90 coverage of the forecaster, each candidate model and the benchmarks';

export function builder(yargs: Argv): Argv<BacktestArgs> {
  return yargs
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry CSV' })
    .option('holdout-days', { type: 'number', default: 7, describe: 'Days each origin forecasts' })
    .option('origins', { type: 'string', default: '4', describe: 'A count of back-to-back origins ending on the last day of the history, or origin dates YYYY-MM-DD,YYYY-MM-DD,...' })
    .option('config', { type: 'string', describe: 'Config JSON (events, calendar); defaults apply when omitted' })
    .option('json', { type: 'boolean', describe: 'Print the result as JSON' })
    .example('$0 backtest --history data/inquiries.csv --holdout-days 7 --origins 4', 'accuracy over four back-to-back weeks') as unknown as Argv<BacktestArgs>;
}

function wholeAtLeast(option: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${option} ${value}; expected a whole number from ${min} to ${max}`);
}

/** `--origins`: a whole number of rolling origins, or dates separated by commas. */
export function parseOrigins(text: string): number | string[] {
  const value = String(text).trim();
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    wholeAtLeast('origins', count, 1, MAX_BACKTEST_ORIGINS);
    return count;
  }
  const dates = value.split(',').map((d) => d.trim());
  if (dates.length > MAX_BACKTEST_ORIGINS) throw new UsageError(`--origins: ${dates.length} dates; expected at most ${MAX_BACKTEST_ORIGINS}`);
  for (const d of dates) {
    if (!isValidDate(d)) throw new UsageError(`--origins ${JSON.stringify(value)}: ${JSON.stringify(d)} is not a date; expected a count (e.g. 4) or dates YYYY-MM-DD separated by commas`);
  }
  return [...new Set(dates)].sort();
}

function cell(value: number, percent = true): string {
  if (!Number.isFinite(value)) return '-';
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

const ROWS: Array<{ label: string; methods: readonly MethodName[] }> = [
  { label: 'forecaster (the model chosen at each origin)', methods: ['model'] },
  { label: 'candidates (each with the parameter its backtest chose)', methods: [...FAMILIES, COMBINATION] },
  { label: 'benchmarks', methods: BENCHMARKS },
];

export function formatBacktest(result: BacktestResult): string {
  const lines = [`origins ${result.origins.join(', ')}; ${result.horizonDays} days each; queues ${result.queues.join(', ')}`, '', 'chosen at each origin (backtest WAPE on the days before it):'];
  for (const c of result.chosen) lines.push(`  ${c.queue} ${c.origin}: ${c.model} (${cell(c.wape)}); ${Object.values(c.families).join(', ')}`);
  for (const seg of SEGMENTS) {
    lines.push('', `${seg} hours`.padEnd(17) + 'method            hours     WAPE    MASE     bias  p10-p90');
    for (const group of ROWS) {
      for (const m of group.methods) {
        const s = result.scores[m][seg];
        lines.push(
          `${m === group.methods[0] ? group.label.split(' ')[0]! : ''}`.padEnd(17) +
            `${m.padEnd(15)} ${String(s.hours).padStart(7)} ${cell(s.wape).padStart(8)} ${cell(s.mase, false).padStart(7)} ${cell(s.bias).padStart(8)} ${cell(s.coverage).padStart(8)}`,
        );
      }
    }
  }
  lines.push('', `peak day: forecast ${result.peakDay.forecast}, actual ${result.peakDay.actual}`);
  return lines.join('\n');
}

export function handler(args: ArgumentsCamelCase<BacktestArgs>): void {
  wholeAtLeast('holdout-days', args.holdoutDays, 1, MAX_FORECAST_DAYS);
  const origins = parseOrigins(args.origins);
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const history = readHistory(args.history, { timezone: config.timezone });
  const dates = typeof origins === 'number' ? rollingOrigins(history, args.holdoutDays, origins) : origins;
  const result = runBacktest(history, config, { origins: dates, horizonDays: args.holdoutDays });
  print(args.json ? JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) : formatBacktest(result));
}
