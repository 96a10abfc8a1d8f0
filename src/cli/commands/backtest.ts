/** `peakshift backtest`: rolling-origin accuracy of the forecaster against two baselines. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { defaultConfig } from '../../config';
import { UsageError } from '../../domain';
import { MAX_BACKTEST_ORIGINS, MAX_FORECAST_DAYS } from '../../domain/limits';
import { METHODS, SEGMENTS, rollingOrigins, runBacktest, type BacktestResult } from '../../forecast';
import { readConfig, readHistory } from '../../io';
import { print } from '../output';

interface BacktestArgs {
  history: string;
  holdoutDays: number;
  origins: number;
  config?: string;
  json?: boolean;
}

export const command = 'backtest';
export const describe = 'Rolling-origin backtest: WAPE, MASE, bias and p10-p90 coverage vs seasonal-naive and last-year baselines';

export function builder(yargs: Argv): Argv<BacktestArgs> {
  return yargs
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry CSV' })
    .option('holdout-days', { type: 'number', default: 7, describe: 'Days each origin forecasts' })
    .option('origins', { type: 'number', default: 4, describe: 'Back-to-back origins ending on the last day of the history' })
    .option('config', { type: 'string', describe: 'Config JSON (events, calendar); defaults apply when omitted' })
    .option('json', { type: 'boolean', describe: 'Print the result as JSON' }) as unknown as Argv<BacktestArgs>;
}

function wholeAtLeast(option: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${option} ${value}; expected a whole number from ${min} to ${max}`);
}

function cell(value: number, percent = true): string {
  if (!Number.isFinite(value)) return '-';
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

export function formatBacktest(result: BacktestResult): string {
  const lines = [
    `origins ${result.origins.join(', ')}; ${result.horizonDays} days each; queues ${result.queues.join(', ')}`,
    '',
    'segment   method          hours     WAPE    MASE     bias  p10-p90',
  ];
  for (const seg of SEGMENTS) {
    for (const m of METHODS) {
      const s = result.scores[m][seg];
      lines.push(
        `${seg.padEnd(9)} ${m.padEnd(15)} ${String(s.hours).padStart(5)} ${cell(s.wape).padStart(8)} ${cell(s.mase, false).padStart(7)} ${cell(s.bias).padStart(8)} ${cell(s.coverage).padStart(8)}`,
      );
    }
  }
  lines.push('', `peak day: forecast ${result.peakDay.forecast}, actual ${result.peakDay.actual}`);
  return lines.join('\n');
}

export function handler(args: ArgumentsCamelCase<BacktestArgs>): void {
  wholeAtLeast('holdout-days', args.holdoutDays, 1, MAX_FORECAST_DAYS);
  wholeAtLeast('origins', args.origins, 1, MAX_BACKTEST_ORIGINS);
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const history = readHistory(args.history, { timezone: config.timezone });
  const origins = rollingOrigins(history, args.holdoutDays, args.origins);
  const result = runBacktest(history, config, { origins, horizonDays: args.holdoutDays });
  print(args.json ? JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) : formatBacktest(result));
}
