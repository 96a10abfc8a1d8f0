/** `peakshift plan`: forecast (or read) demand, size it, plan the shifts, roster the agents, write the plan folder. */
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { isValidDate, UsageError, type History } from '../../domain';
import type { Config } from '../../config';
import { checkForecastWindow } from '../../domain/limits';
import { checkOutputFolder, planFolderFiles, readAgents, readConfig, readForecastCsv, readHistory, readRequirementsCsv, writeFolderAtomic } from '../../io';
import { runPipeline, type PipelineResult, type PipelineSource } from '../../pipeline';
import { checkPlanSize, whyText, type PlanSizeNames } from '../../plan';
import { tr, translateMessage, type Lang } from '../../domain/i18n';
import { LANG_OPTION, resolveLang } from '../lang';
import { grouped, money } from '../../report/format';
import { hourForPeople, solverStatusName } from '../../report/plan';
import { solveLimitOptions } from '../options';
import { info, print, warn } from '../output';
import { startPlanProgress } from '../plan-progress';
import { holdingSignals } from '../signals';

interface PlanArgs {
  config: string;
  history?: string;
  demand?: string;
  requirements?: string;
  agents?: string;
  strict: boolean;
  allowShort: boolean;
  start?: string;
  end?: string;
  quantile?: string;
  timeLimit?: unknown;
  acceptGap?: unknown;
  solver?: string;
  outDir: string;
  force: boolean;
  lang?: string;
  bom: boolean;
}

export const command = 'plan';
export const describe = 'Plan the least-cost shifts (in-house and vendors) for a horizon, roster the agents, and write the plan folder';

export function builder(yargs: Argv): Argv<PlanArgs> {
  return yargs
    .option('config', { type: 'string', demandOption: true, describe: 'Config JSON (queues, shifts, pools, outsourcing, costs)' })
    .option('history', { type: 'string', describe: 'Inquiry history CSV: forecast it first' })
    .option('demand', { type: 'string', describe: 'Forecast CSV (timestamp,queue,forecast,p10,p90,event)' })
    .option('requirements', { type: 'string', describe: 'Requirements CSV (agents per queue and hour) instead of a forecast' })
    .option('agents', { type: 'string', describe: 'Agents CSV: roster named agents and vendor seats on the plan' })
    .option('strict', { type: 'boolean', default: false, describe: 'Fail (exit 3) when the agents cannot fill every planned seat' })
    .option('allow-short', { type: 'boolean', default: false, describe: 'Plan below the hourly service floor where nothing can hold it (and say why) instead of exit 3' })
    .option('start', { type: 'string', describe: 'First date to plan, YYYY-MM-DD (default: config horizon.start)' })
    .option('end', { type: 'string', describe: 'Last date to plan, YYYY-MM-DD (default: config horizon.end)' })
    .option('quantile', { type: 'string', describe: 'Demand to size for: p50 or p90 (default: config forecast.quantile)' })
    .option('time-limit', { type: 'number', describe: 'Safety limit of each solve, seconds (exit 4 when reached)' })
    .option('accept-gap', { type: 'number', describe: 'Write a plan stopped by --time-limit if its proven gap is at most this, marked' })
    .option('solver', { type: 'string', describe: 'MIP solver: highs or jslp (default: config solver.name)' })
    .option('out-dir', { type: 'string', demandOption: true, describe: 'Plan folder to write (replaced atomically, and only when peakshift wrote it)' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace --out-dir even when peakshift did not write it' })
    .option('lang', LANG_OPTION)
    .option('bom', { type: 'boolean', default: true, describe: 'Start roster.csv, roster-grid.csv and vendors/*.csv with a UTF-8 BOM so Excel shows Chinese names (--no-bom to leave it out)' })
    .example('$0 plan --config data/config.json --history data/inquiries.csv --agents data/agents.csv --start 2026-11-01 --end 2026-11-14 --out-dir plan-out', 'forecast, plan and roster two weeks') as unknown as Argv<PlanArgs>;
}

function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidDate(value)) throw new UsageError(`--${name} ${JSON.stringify(value)}: expected a date like 2026-11-01`);
  return value;
}

/** The plan's dates: the options, else the config's horizon. */
export function planDates(start: string | undefined, end: string | undefined, horizon: { start: string; end: string } | undefined): { start: string; end: string } {
  const from = dateOption('start', start) ?? horizon?.start;
  const to = dateOption('end', end) ?? horizon?.end;
  if (from === undefined || to === undefined) {
    const missing = [from === undefined ? '--start' : '', to === undefined ? '--end' : ''].filter(Boolean).join(' and ');
    throw new UsageError(`no dates to plan: expected ${missing}, or horizon in the config`);
  }
  if (from > to) throw new UsageError(`--start ${from} is after --end ${to}: expected start on or before end`);
  return { start: from, end: to };
}

const pct = (v: number, digits = 1): string => `${(v * 100).toFixed(digits)}%`;

/**
 * Where the solver time went: per plan ↔ roster round the plan solve (its
 * proven gap, warm started or not) and the roster solves, then the solves
 * after the rounds (vendor seats, explanations of short hours).
 */
export function solveReport(run: PipelineResult, lang: Lang = 'en'): string[] {
  const t = (key: Parameters<typeof tr>[1], vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const records = run.seconds.solves;
  const sec = (v: number): string => v.toFixed(2);
  const sum = (list: typeof records): number => list.reduce((n, r) => n + r.seconds, 0);
  const out: string[] = [];
  const rounds = [...new Set(records.map((r) => r.round).filter((r): r is number => r !== null))];
  for (const round of rounds) {
    const mine = records.filter((r) => r.round === round);
    const plans = mine.filter((r) => r.stage === 'plan');
    const finalPlan = plans[plans.length - 1];
    const parts = [finalPlan ? t('outRoundPlan', { seconds: sec(sum(plans)), gap: finalPlan.gap === null ? t('notAvailable') : pct(finalPlan.gap, 3), warm: finalPlan.warmStart ? t('outWarmStart') : '' }) : t('outStageSeconds', { stage: t('solveStage_plan'), seconds: sec(sum(plans)) })];
    for (const stage of ['roster', 'seats'] as const) {
      const list = mine.filter((r) => r.stage === stage);
      if (list.length > 0) parts.push(t('outStageSeconds', { stage: t(`solveStage_${stage}`), seconds: sec(sum(list)) }));
    }
    out.push(t('outRound', { round, parts: parts.join(lang === 'zh' ? '，' : ', ') }));
  }
  const after = records.filter((r) => r.round === null);
  for (const stage of ['plan', 'roster', 'seats', 'explain', 'other'] as const) {
    const list = after.filter((r) => r.stage === stage);
    if (list.length > 0) out.push(t('outStageSolves', { stage: t(`solveStage_${stage}`), n: list.length, seconds: sec(sum(list)) }));
  }
  return out;
}

/** The short human summary printed on stdout; `wallSeconds`: the command's time so far. */
export function planReport(run: PipelineResult, outDir: string, lang: Lang = 'en', wallSeconds?: number): string {
  const t = (key: Parameters<typeof tr>[1], vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const s = run.plan.summary;
  const lines = [t('outPlan', { start: s.horizon.start, end: s.horizon.end, days: s.horizon.days, dir: outDir })];
  for (const a of run.summary.acceptedGaps ?? []) lines.push(t('outAcceptedGap', { what: translateMessage(lang, a.what), gap: pct(a.gap, 2), asked: pct(a.asked, 2), accepted: pct(a.accepted, 2) }));
  lines.push(t('outTotalCost', { cur: s.currency, cost: money(s.totalCost, 2) }));
  for (const [pool, p] of Object.entries(s.pools)) {
    lines.push(`  ${pool.padEnd(12)} ${s.currency} ${money(p.cost, 2).padStart(14)}  ${pct(s.totalCost > 0 ? p.cost / s.totalCost : 0).padStart(6)}  ${t('outAgentShifts', { n: p.agentShifts })}`);
  }
  lines.push(t('outOutsourced', { share: pct(s.outsourcing.achieved), min: pct(s.outsourcing.min, 0), max: pct(s.outsourcing.max, 0), scope: t(`scope_${s.outsourcing.scope}`) }));
  // One figure of unanswered inquiries, as in the report: every inquiry not answered within target at the planned staffing.
  lines.push(t('outUnanswered', { inquiries: grouped(s.lostService.lateInquiries, 1), cur: s.currency, cost: money(s.lostService.cost, 2) }));
  lines.push(s.shortfall.hoursShort > 0 ? t('outShortHours', { hours: s.shortfall.hoursShort, agentHours: s.shortfall.agentHours.toFixed(2) }) : t('outNoShortHours'));
  if (s.shortfall.belowFloorAgentHours > 0) lines.push(t('outBelowFloor', { agentHours: s.shortfall.belowFloorAgentHours.toFixed(2), hours: s.shortfall.hoursBelowFloor }));
  for (const e of run.summary.shortage.explanations.slice(0, 3)) {
    lines.push(t('outWhyShort', { hours: `${hourForPeople(e.from)}${e.to !== e.from ? `..${e.to.slice(11)}` : ''}`, queues: e.queues.join('+'), why: whyText(lang, e, s.currency) }));
  }
  const at = run.service.lowestAt;
  lines.push(t('outLowestSl', { value: run.service.lowest === null ? t('notAvailable') : `${pct(run.service.lowest)}${at ? (lang === 'zh' ? `（${hourForPeople(at.timestamp)} ${at.queue}）` : ` (${hourForPeople(at.timestamp)} ${at.queue})`) : ''}` }));
  if (run.roster) {
    const r = run.summary.roster;
    const surge = r?.surgeSeats ?? {};
    const pools = [...new Set([...Object.keys(r?.vendorSeats ?? {}), ...Object.keys(surge)])];
    const seats = pools.map((pool) => `${pool} ${r?.vendorSeats[pool] ?? 0}${surge[pool] ? `${lang === 'zh' ? '' : ' '}${t('outSurge', { n: surge[pool] })}` : ''}`).join(lang === 'zh' ? '、' : ', ') || t('none');
    lines.push(t('outRoster', { working: r?.agentsWorking ?? 0, agents: r?.agents ?? 0, seats, unfilled: r?.unfilledSeats ?? 0, method: t(`method_${run.roster.method}`) }));
  }
  const gap = s.solver.gap === null ? t('notAvailable') : pct(s.solver.gap, 3);
  lines.push(...solveReport(run, lang));
  // Every solve's total, then the command's wall time.
  const total = t('outSolvesTotal', { n: run.seconds.solves.length, seconds: run.seconds.solver.toFixed(2) });
  lines.push(`${t('outSolver', { name: s.solver.name, status: solverStatusName(lang, s.solver.status), gap, seconds: run.seconds.plan.toFixed(2) })}${run.seconds.roster === null ? '' : t('outRosterSeconds', { seconds: run.seconds.roster.toFixed(2) })}${total}`);
  if (wallSeconds !== undefined) lines.push(t('outTotalTime', { seconds: wallSeconds.toFixed(1) }));
  return lines.join('\n');
}

/** The options that name a command's demand (`plan`, `design-shifts`). */
export interface SourceArgs {
  history?: string;
  demand?: string;
  requirements?: string;
  quantile?: string;
  solver?: string;
}

/** Before any file is read: exactly one of --history, --demand, --requirements, and a known --quantile and --solver. */
export function checkSourceArgs(command: string, args: SourceArgs): void {
  const given = (['history', 'demand', 'requirements'] as const).filter((k) => args[k] !== undefined);
  if (given.length === 0) throw new UsageError(`${command} needs its demand: expected one of --history, --demand or --requirements`);
  if (given.length > 1) throw new UsageError(`${given.map((k) => `--${k}`).join(' and ')} given: expected only one of --history, --demand or --requirements`);
  if (args.quantile !== undefined && args.quantile !== 'p50' && args.quantile !== 'p90') throw new UsageError(`--quantile: expected p50 or p90, got ${JSON.stringify(args.quantile)}`);
  if (args.solver !== undefined && args.solver !== 'highs' && args.solver !== 'jslp') throw new UsageError(`--solver: expected highs or jslp, got ${JSON.stringify(args.solver)}`);
}

/** The demand the options name (checked by checkSourceArgs), read in the config's time zone, and its file; `onHistory` checks a history once read. */
export function readSource(args: SourceArgs, config: Config, onHistory: (history: History) => void = () => undefined): { source: PipelineSource; file: string } {
  if (args.history !== undefined) {
    const history = readHistory(args.history, { timezone: config.timezone });
    onHistory(history);
    return { source: { kind: 'history', history }, file: args.history };
  }
  if (args.demand !== undefined) return { source: { kind: 'demand', demand: readForecastCsv(args.demand, config.timezone) }, file: args.demand };
  const file = args.requirements as string;
  return { source: { kind: 'requirement', requirement: readRequirementsCsv(file, config.timezone) }, file };
}

export async function handler(args: ArgumentsCamelCase<PlanArgs>): Promise<void> {
  const started = process.hrtime.bigint();
  checkSourceArgs('plan', args);
  const { timeLimitSeconds, acceptGap } = solveLimitOptions(args);
  checkOutputFolder(args.outDir, '--out-dir', args.force);
  const config = readConfig(args.config);
  const lang = resolveLang(args.lang, config.language);
  const { start, end } = planDates(args.start, args.end, config.horizon);
  const names: PlanSizeNames = { start: args.start !== undefined ? '--start' : 'horizon.start', end: args.end !== undefined ? '--end' : 'horizon.end' };
  checkPlanSize(config, start, end, 0, names);
  const { source, file: sourceFile } = readSource(args, config, (history) => checkForecastWindow(history, start, end, names));
  const agents = args.agents === undefined ? undefined : readAgents(args.agents, config);
  if (agents) checkPlanSize(config, start, end, agents.length, { ...names, agentsFile: args.agents as string });
  const progress = startPlanProgress(agents !== undefined);
  let run: PipelineResult;
  try {
    run = await runPipeline({
      config,
      source,
      sourceFile,
      start,
      end,
      strict: args.strict,
      allowShort: args.allowShort,
      ...(agents ? { agents } : {}),
      ...(args.quantile === 'p50' || args.quantile === 'p90' ? { quantile: args.quantile } : {}),
      ...(args.solver === 'highs' || args.solver === 'jslp' ? { solver: args.solver } : {}),
      ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
      ...(acceptGap === undefined ? {} : { acceptGap }),
      onProgress: (p) => progress.onProgress(p),
    });
  } finally {
    progress.stop();
  }
  for (const note of run.notes) warn(note, lang);
  const files = await planFolderFiles({
    lang,
    bom: args.bom,
    config,
    demand: run.demand,
    requirement: run.requirement,
    plan: run.plan,
    service: run.service,
    summary: run.summary,
    roster: run.roster?.roster ?? null,
    agents: agents ?? null,
  });
  await holdingSignals(() => writeFolderAtomic(args.outDir, files, { force: args.force }));
  print(planReport(run, args.outDir, lang, Number(process.hrtime.bigint() - started) / 1e9));
  info(tr(lang, 'outWrote', { n: files.size, dir: args.outDir, report: path.join(args.outDir, 'report.html') }));
}
