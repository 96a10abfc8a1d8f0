/** `peakshift calendar`: the holidays and events the forecaster uses in one year. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { calendarListing, formatCalendarListing } from '../../calendar';
import { defaultConfig } from '../../config';
import { MAX_YEAR, MIN_YEAR } from '../../domain/limits';
import { readConfig } from '../../io';
import { LANG_OPTION, resolveLang } from '../lang';
import { parseNumberOption } from '../options';
import { print } from '../output';

interface CalendarArgs {
  year: unknown;
  config?: string;
  json?: boolean;
  lang?: string;
}

export const command = 'calendar';
export const describe = 'List the public holidays, make-up workdays and event windows the forecaster uses in one year (provisional holidays marked)';

export function builder(yargs: Argv): Argv<CalendarArgs> {
  return yargs
    .option('year', { type: 'string', demandOption: true, describe: `Year to list, ${MIN_YEAR}-${MAX_YEAR}` })
    .option('config', { type: 'string', describe: 'Config JSON whose calendar and events to use (default: the built-in calendar)' })
    .option('json', { type: 'boolean', describe: 'Print the listing as JSON' })
    .option('lang', LANG_OPTION)
    .example('$0 calendar --year 2027', 'the holidays and events of 2027 (provisional after the holiday table)') as unknown as Argv<CalendarArgs>;
}

export function handler(args: ArgumentsCamelCase<CalendarArgs>): void {
  const year = parseNumberOption('year', args.year, { expected: `a year from ${MIN_YEAR} to ${MAX_YEAR}`, min: MIN_YEAR, max: MAX_YEAR, integer: true });
  const config = args.config ? readConfig(args.config) : defaultConfig();
  const listing = calendarListing(config, year);
  print(args.json ? JSON.stringify(listing, null, 2) : formatCalendarListing(listing, resolveLang(args.lang, config.language)));
}
