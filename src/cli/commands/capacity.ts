/** `peakshift capacity`: the weekly recruiting, training, release and vendor plan before the peak. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { capacityDates, planCapacity, signedHours, type CapacityPlan } from '../../capacity';
import { capacityOf } from '../../config';
import { InputError } from '../../domain';
import { tr, type Lang, type TextKey } from '../../domain/i18n';
import { checkForecastWindow } from '../../domain/limits';
import { capacityFolderFiles, checkOutputFolder, parseJsonText, readAgents, readConfig, readTextFile, writeFolderAtomic } from '../../io';
import { sizeSource } from '../../pipeline';
import { solverByName } from '../../plan';
import { grouped, money } from '../../report/format';
import { LANG_OPTION, resolveLang } from '../lang';
import { solveLimitOptions } from '../options';
import { info, print, warn } from '../output';
import { holdingSignals } from '../signals';
import { checkSourceArgs, readSource } from './plan';

interface CapacityArgs {
  config: string;
  history?: string;
  demand?: string;
  requirements?: string;
  agents?: string;
  from?: string;
  until?: string;
  quantile?: string;
  efficiencyFrom?: string;
  timeLimit?: unknown;
  outDir: string;
  force: boolean;
  lang?: string;
}

export const command = 'capacity';
export const describe = 'Plan the weeks before the peak: recruiting classes, training, releases and vendor seats, and the agents file the peak plan reads';

export function builder(yargs: Argv): Argv<CapacityArgs> {
  return yargs
    .option('config', { type: 'string', demandOption: true, describe: 'Config JSON; its capacity section holds recruiting, training, ramp, attrition and vendor terms' })
    .option('history', { type: 'string', describe: 'Inquiry history CSV: forecast --from .. --until from the history before --from' })
    .option('demand', { type: 'string', describe: 'Forecast CSV (timestamp,queue,forecast,p10,p90,event) covering --from .. --until' })
    .option('requirements', { type: 'string', describe: 'Requirements CSV (agents per queue and hour) covering --from .. --until, instead of a forecast' })
    .option('agents', { type: 'string', describe: "Today's agents CSV (optional hired column); default: the config's in-house headcounts" })
    .option('from', { type: 'string', describe: 'First day of the first week (today), YYYY-MM-DD' })
    .option('until', { type: 'string', describe: 'Last day planned (after the peak), YYYY-MM-DD' })
    .option('quantile', { type: 'string', describe: 'Demand to plan the people for: p50 or p90 (default: config capacity.quantile, p90)' })
    .option('efficiency-from', { type: 'string', describe: "A plan folder whose summary.json scheduleEfficiency replaces capacity.shiftEfficiency" })
    .option('time-limit', { type: 'number', describe: 'Solver time limit in seconds (default: config solver.timeLimitSeconds)' })
    .option('out-dir', { type: 'string', demandOption: true, describe: 'Folder to write (replaced atomically, and only when peakshift wrote it)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .option('lang', LANG_OPTION)
    .example('$0 capacity --config data/config.json --history data/inquiries.csv --agents data/agents.csv --from 2026-08-03 --until 2026-11-30 --out-dir capacity-out', 'plan Double 11 2026 from the first week of August') as unknown as Argv<CapacityArgs>;
}

/** A plan folder's scheduleEfficiency (summary.json), for `--efficiency-from`. */
export function readPlanEfficiency(dir: string): number {
  const file = path.join(dir, 'summary.json');
  const json = parseJsonText(readTextFile(file, 'a plan folder with summary.json (written by peakshift plan)'), file);
  const value = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>).scheduleEfficiency : undefined;
  if (typeof value !== 'number' || !(value > 0) || value > 1) {
    throw new InputError({ file }, `scheduleEfficiency ${value === undefined ? 'missing' : JSON.stringify(value)}`, 'a plan summary with scheduleEfficiency above 0 and at most 1');
  }
  return value;
}

/** The short summary printed on stdout. */
export function capacityReport(plan: CapacityPlan, outDir: string, lang: Lang): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const cur = plan.currency;
  const c = plan.costs;
  const lines = [t('capOutPlan', { from: plan.from, until: plan.until, weeks: plan.weeks.length, dir: outDir })];
  lines.push(t('capOutCost', { cur, total: money(c.total, 0), paid: money(c.paid, 0), lost: money(c.lostService, 0) }));
  const peak = plan.weeks[plan.peakWeek];
  if (peak) lines.push(t('capPeakWeek', { week: peak.start, required: grouped(Math.round(peak.requiredHours)), available: grouped(Math.round(peak.availableHours)), overUnder: signedHours(peak.overUnder) }));
  if (plan.classes.length === 0) lines.push(t('capOutNoClass'));
  for (const k of plan.classes) lines.push(t('capOutClass', { id: k.id, trainees: k.trainees, recruitBy: k.recruitBy, start: k.trainingStart, live: k.productiveFrom, cur, cost: money(k.cost, 0) }));
  lines.push(t('capOutReleases', { n: plan.releases.length, agents: plan.releases.reduce((s, r) => s + r.agents, 0).toFixed(1) }));
  const short = plan.weeks.filter((w) => w.why.length > 0);
  lines.push(t('capOutShort', { n: short.length, cur, cost: money(short.reduce((s, w) => s + w.lostServiceCost, 0), 0) }));
  for (const w of short) lines.push(`  ${t('capWhyLine', { week: w.start, hours: grouped(Math.round(w.shortHours)), cur, cost: money(w.lostServiceCost, 0), why: w.why.map((r) => t(r.key, r.vars)).join(lang === 'zh' ? '；' : '; ') })}`);
  const s = plan.solver;
  lines.push(`solver: ${s.name} ${s.status}, gap ${s.gap === null ? 'n/a' : `${(s.gap * 100).toFixed(3)}%`}, ${s.seconds.toFixed(2)} s (${s.variables} variables, ${s.integerVariables} integer)`);
  return lines.join('\n');
}

export async function handler(args: ArgumentsCamelCase<CapacityArgs>): Promise<void> {
  checkSourceArgs('capacity', args);
  const { from, until } = capacityDates(args.from, args.until);
  const { timeLimitSeconds } = solveLimitOptions(args);
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const config = readConfig(args.config);
  const lang = resolveLang(args.lang, config.language);
  const efficiency = args.efficiencyFrom === undefined ? undefined : readPlanEfficiency(args.efficiencyFrom);
  const { source, file } = readSource(args, config, (history) => checkForecastWindow(history, from, until, { start: '--from', end: '--until' }));
  const agents = args.agents === undefined ? undefined : readAgents(args.agents, config);
  const quantile = args.quantile === 'p50' || args.quantile === 'p90' ? args.quantile : capacityOf(config).quantile;
  const notes: string[] = [];
  info('forecasting and sizing the weeks ...');
  const { demand, requirement } = sizeSource(config, source, from, until, file, quantile, notes);
  for (const note of notes) warn(note);
  const plan = await planCapacity({
    config,
    requirement,
    demand,
    from,
    until,
    quantile,
    sourceFile: file,
    solver: solverByName(config.solver.name),
    ...(agents ? { agents } : {}),
    ...(efficiency === undefined ? {} : { shiftEfficiency: efficiency }),
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
  });
  const files = capacityFolderFiles({ plan, config, agents: agents ?? null, lang });
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  print(capacityReport(plan, args.outDir, lang));
  info(`wrote ${files.size} files to ${args.outDir}; open ${path.join(args.outDir, 'capacity.html')}${agents ? '' : ' (agents-planned.csv lists the hires only: pass --agents to list today\'s agents too)'}`);
}
