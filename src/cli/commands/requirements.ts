/** `peakshift requirements`: agents needed per queue and hour for a forecast. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { readConfig, readForecastCsv, writeFileAtomic, formatRequirementsCsv } from '../../io';
import { computeRequirements } from '../../staffing';
import { info, print } from '../output';

interface RequirementsArgs {
  demand: string;
  config: string;
  quantile?: string;
  out?: string;
}

export const command = 'requirements';
export const describe = 'Size every queue and hour of a forecast CSV (Erlang C / Erlang A); write the requirements CSV';

export function builder(yargs: Argv): Argv<RequirementsArgs> {
  return yargs
    .option('demand', { type: 'string', demandOption: true, describe: 'Forecast CSV (timestamp,queue,forecast,p10,p90,event)' })
    .option('config', { type: 'string', demandOption: true, describe: 'Config JSON (queues: AHT, concurrency, targets, patience; shrinkage)' })
    .option('quantile', { type: 'string', describe: 'Demand to size for: p50 (the forecast column) or p90; default config forecast.quantile' })
    .option('out', { type: 'string', describe: 'Write the requirements CSV here instead of stdout' })
    .example('$0 requirements --demand forecast.csv --config data/config.json --out requirements.csv', 'agents per queue and hour for a forecast') as Argv<RequirementsArgs>;
}

export function handler(args: ArgumentsCamelCase<RequirementsArgs>): void {
  const quantile = args.quantile ?? undefined;
  if (quantile !== undefined && quantile !== 'p50' && quantile !== 'p90') {
    throw new UsageError(`--quantile: expected p50 or p90, got ${JSON.stringify(quantile)}`);
  }
  const config = readConfig(args.config);
  const demand = readForecastCsv(args.demand, config.timezone);
  const requirement = computeRequirements(demand, config, { quantile: quantile ?? config.forecast.quantile, file: args.demand });
  const csv = formatRequirementsCsv(requirement);
  if (args.out) {
    writeFileAtomic(args.out, csv);
    const peak = Math.max(0, ...requirement.queues.map((q) => Math.max(0, ...q.cells.map((c) => c.agents))));
    info(`wrote ${args.out}: ${requirement.hours} hours x ${requirement.queues.length} queue(s) from ${requirement.startHour}, busiest queue-hour needs ${peak} productive agents`);
  } else {
    print(csv);
  }
}
