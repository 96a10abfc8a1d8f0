/** `peakshift init`: a starter config drafted from the history (and the agents file). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { tr, type Lang, type TextKey } from '../../domain/i18n';
import { checkForecastWindow } from '../../domain/limits';
import { loadConfigText, readAgentPools, readHistory, writeFileAtomic } from '../../io';
import { ASSUMED, DRAFT_MAX_TYPES, draftConfig, draftHorizon, type DraftResult } from '../../starter';
import { LANG_OPTION, resolveLang } from '../lang';
import { optionalNumberOption } from '../options';
import { info, print, warn } from '../output';
import { holdingSignals } from '../signals';

interface InitArgs {
  history: string;
  agents?: string;
  out: string;
  start?: string;
  end?: string;
  timezone: string;
  maxTypes?: unknown;
  force: boolean;
  lang?: string;
}

/** The JSON Schema shipped with the package (scripts/config-docs.ts writes it). */
const SCHEMA_PATH = path.resolve(__dirname, '../../../schema/config.schema.json');

export const command = 'init';
export const describe = 'Draft a starter config from an inquiry history: its queues and open hours, a fitted shift menu, an in-house pool sized from the agents file, and a vendor pool to fill in';

export function builder(yargs: Argv): Argv<InitArgs> {
  return yargs
    .option('history', { type: 'string', demandOption: true, describe: 'Inquiry CSV (as for plan; Excel exports with 日期,时间,咨询人数,渠道 work)' })
    .option('agents', { type: 'string', describe: 'Agents CSV: its pools (人员池) become the in-house pools, sized by their rows' })
    .option('out', { type: 'string', demandOption: true, describe: 'Config JSON to write' })
    .option('start', { type: 'string', describe: 'First date to plan, YYYY-MM-DD (default: the day after the history)' })
    .option('end', { type: 'string', describe: 'Last date to plan, YYYY-MM-DD (default: 14 days from --start)' })
    .option('timezone', { type: 'string', default: 'Asia/Shanghai', describe: 'IANA time zone of the history' })
    .option('max-types', { type: 'string', describe: `At most this many shift types (default ${DRAFT_MAX_TYPES})` })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out when it exists' })
    .option('lang', LANG_OPTION)
    .example('$0 init --history data/excel-export.csv --agents data/agents-zh.csv --out my-config.json', 'a config to plan with, drafted from your own files') as unknown as Argv<InitArgs>;
}

function summary(result: DraftResult, args: ArgumentsCamelCase<InitArgs>, lang: Lang): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const shifts = result.shifts.map((s) => t('initShift', { code: s.code, start: s.start, hours: s.hours, paid: s.paidHours }));
  const next = ['npx peakshift plan --config', args.out, '--history', args.history, ...(args.agents ? ['--agents', args.agents] : []), '--out-dir plan', ...(lang === 'zh' ? ['--lang zh'] : [])].join(' ');
  return [
    t('initWrote', { file: args.out, history: args.history }),
    t('initQueues', { queues: result.queues.join(', ') }),
    t('initHorizon', { start: result.horizon.start, end: result.horizon.end }),
    result.openWindow ? t('initOpenHours', { from: String(result.openWindow.from).padStart(2, '0'), to: String(result.openWindow.to).padStart(2, '0') }) : t('initOpenAllDay'),
    t('initShifts', { shifts: shifts.join('; ') }),
    ...result.inhouse.map((p) => t(p.fromAgents ? 'initInhouseAgents' : 'initInhouseSized', { pool: p.name, n: p.headcount })),
    t('initVendor', { pool: result.vendor.name, rate: ASSUMED.vendorRate, n: result.vendor.maxAgentsPerDay }),
    t('initCheck', { aht: ASSUMED.ahtSeconds, concurrency: ASSUMED.concurrency, sl: Math.round(ASSUMED.serviceLevel * 100), seconds: ASSUMED.answerSeconds, cost: ASSUMED.hourlyCost }),
    t('initNext', { command: next }),
  ].join('\n');
}

export async function handler(args: ArgumentsCamelCase<InitArgs>): Promise<void> {
  const maxTypes = optionalNumberOption('max-types', args.maxTypes, { expected: 'a whole number of shift types from 1 to 50', min: 1, max: 50, integer: true });
  if (fs.existsSync(args.out) && !args.force) throw new UsageError(`--out ${args.out} exists; choose another file or pass --force to replace it`);
  const lang = resolveLang(args.lang, undefined);
  const history = readHistory(args.history, { timezone: args.timezone });
  const { start, end } = draftHorizon(history, args.start, args.end);
  checkForecastWindow(history, start, end);
  if (end < start) throw new UsageError(`--end ${end} is before --start ${start}: expected end on or after start`);
  const agentPools = args.agents === undefined ? undefined : readAgentPools(args.agents);
  const schemaRef = fs.existsSync(SCHEMA_PATH) ? path.relative(path.dirname(path.resolve(args.out)), SCHEMA_PATH).split(path.sep).join('/') : undefined;
  const result = await draftConfig({
    history,
    timezone: args.timezone,
    ...(agentPools ? { agentPools } : {}),
    start,
    end,
    ...(args.lang !== undefined ? { language: lang } : {}),
    ...(schemaRef ? { schemaRef } : {}),
    ...(maxTypes === undefined ? {} : { maxTypes }),
  });
  for (const note of result.notes) warn(note);
  const text = `${JSON.stringify(result.json, null, 2)}\n`;
  // What is written must load as `plan` loads it.
  loadConfigText(text, args.out, path.dirname(path.resolve(args.out)));
  await holdingSignals(() => writeFileAtomic(args.out, text));
  print(summary(result, args, lang));
  info(tr(lang, 'initDone', { file: args.out }));
}
