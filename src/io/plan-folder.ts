/**
 * The plan folder, both ways. `planFolderFiles` builds every file of a plan
 * folder (relative path → content, pure) for `plan`, each what-if scenario
 * and the web page; `readPlanForSimulation` reads back what `simulate --plan
 * DIR` needs: the config copy (config.json), the forecast (forecast.csv) and
 * the productive agents scheduled per hour and queue (coverage.csv).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { provisionalYears } from '../calendar';
import type { Config } from '../config';
import { describeValue, InputError, type Demand, type Requirement, type ShiftLine } from '../domain';
import type { AcceptedGap, CoverageRow, PlanSummary, ShortageExplanation } from '../plan';
import type { HourlyService } from '../pipeline';
import { tr, translateMessage, type Lang } from '../domain/i18n';
import { buildReportModel, hourForPeople, renderReportHtml, renderSummaryMarkdown, rosterExportFiles, type Kpi, type ReportInput, type ReportModel } from '../report';
import type { Agent, Roster } from '../roster';
import { formatAgentsCsv } from './agents';
import { csvCell, fixedDigits } from '../report/format';
import { parseJsonText, readConfig } from './config';
import { MAX_COUNT_PER_ROW, groupedInt } from '../domain/limits';
import { fixed2, formatForecastCsv, hourCell, readForecastCsv } from './demand';
import { stripBom } from './encoding';
import { forEachCsvRecord, normalizeNewlines } from './csv';
import { readTextFile, writeFileAtomic } from './files';
import { formatRequirementsCsv } from './requirements';


/**
 * shifts.csv: `date,shift,start,end,pool,agents,cost,paid_hours,overtime_hours,surge,breaks`,
 * then `queue` when a pool is restricted to queues (empty: serves every queue).
 * `breaks` lists each break time with its agents, `12:00-13:00x3;13:00-14:00x2`.
 */
export function formatShiftsCsv(lines: readonly ShiftLine[]): string {
  const withQueue = lines.some((l) => l.queue !== null && l.queue !== '');
  const out = [`date,shift,start,end,pool,agents,cost,paid_hours,overtime_hours,surge,breaks${withQueue ? ',queue' : ''}`];
  for (const l of lines) {
    const breaks = (l.breaks ?? []).map((b) => `${b.start.slice(11)}-${b.end.slice(11)}x${b.agents}`).join(';');
    const row = [l.date, csvCell(l.shift), l.start, l.end, csvCell(l.pool), String(l.agents), fixed2(l.cost), String(l.paidHours ?? ''), String(l.overtimeHours ?? 0), l.surge ? 'yes' : '', breaks];
    if (withQueue) row.push(csvCell(l.queue ?? ''));
    out.push(row.join(','));
  }
  return `${out.join('\n')}\n`;
}

export const COVERAGE_HEADER = ['timestamp', 'queue', 'required', 'scheduled', 'shortfall', 'surplus', 'service_level', 'agents', 'floor', 'late_inquiries'] as const;

/**
 * coverage.csv: one row per hour and queue, then the hour's `all` row with the
 * totals. `service_level` is the share answered within the target time at the
 * scheduled productive agents (empty when the hour has no inquiries).
 */
export function formatCoverageCsv(rows: readonly CoverageRow[], serviceLevels: ReadonlyArray<number | null>): string {
  const out: string[] = [COVERAGE_HEADER.join(',')];
  rows.forEach((r, i) => {
    const sl = serviceLevels[i];
    out.push(
      [
        r.timestamp,
        csvCell(r.queue),
        fixedDigits(r.required, 4),
        fixedDigits(r.scheduled, 4),
        fixedDigits(r.shortfall, 4),
        fixedDigits(r.surplus, 4),
        sl === null || sl === undefined ? '' : fixedDigits(sl, 4),
        fixedDigits(r.agents, 4),
        r.floor === undefined ? '' : fixedDigits(r.floor, 4),
        r.lateInquiries === undefined ? '' : fixedDigits(r.lateInquiries, 4),
      ].join(','),
    );
  });
  return `${out.join('\n')}\n`;
}

export function configJson(config: Config): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

export interface PlanFolderInput {
  config: Config;
  /** Null when the plan started from requirements (no forecast.csv, no demand band in the report). */
  demand: Demand | null;
  requirement: Requirement;
  plan: { lines: readonly ShiftLine[]; coverage: readonly CoverageRow[]; summary: PlanSummary };
  service: HourlyService;
  /** The body of summary.json. */
  summary: object;

  roster?: Roster | null;
  /** The named agents the roster was made from: kept as agents.csv (with the roster) for `replan`'s call-ins. */
  agents?: readonly Agent[] | null;
  /** Language of the files for people (report.html, summary.md, roster.xlsx); default en. */
  lang?: Lang;
  /** Start the CSVs meant for people (roster.csv, roster-grid.csv, vendors/*.csv) with a UTF-8 BOM, so Excel reads Chinese names (default true). */
  bom?: boolean;
  /**
   * Other languages to write the files for people in as well, under `<lang>/`
   * (`zh/report.html`, `zh/summary.md`, `zh/roster.xlsx`): the web page offers
   * the downloads in the language it shows.
   */
  alsoLangs?: readonly Lang[];
}

/** The CSVs people open in Excel: they carry the BOM (see PlanFolderInput.bom). */
export function isPeopleCsv(name: string): boolean {
  return name === 'roster.csv' || name === 'roster-grid.csv' || /^vendors\/[^/]+\.csv$/.test(name);
}

const UTF8_BOM = '\ufeff';

/**
 * The workbook writer, loaded when a workbook is written: exceljs is most of the
 * command line's start-up time. A plain require, which resolves the same way
 * compiled and from sources.
 */
function loadWorkbook(): typeof import('../report/workbook') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../report/workbook') as typeof import('../report/workbook');
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const pct2 = (v: number): string => `${(v * 100).toFixed(2)}%`;

/** Every file of a plan folder by relative path (`prefix/` first when given): text, and roster.xlsx's bytes. */
export async function planFolderFiles(input: PlanFolderInput, prefix = ''): Promise<Map<string, string | Buffer>> {
  const at = (name: string): string => (prefix ? `${prefix}/${name}` : name);
  const lang = input.lang ?? 'en';
  const files = new Map<string, string | Buffer>();
  files.set(at('config.json'), configJson(input.config));
  if (input.demand) files.set(at('forecast.csv'), formatForecastCsv(input.demand));
  files.set(at('requirements.csv'), formatRequirementsCsv(input.requirement));
  files.set(at('shifts.csv'), formatShiftsCsv(input.plan.lines));
  files.set(at('coverage.csv'), formatCoverageCsv(input.plan.coverage, input.service.levels));
  files.set(at('summary.json'), `${JSON.stringify(input.summary, null, 2)}\n`);
  const report = reportInput(input, lang);
  const main = buildReportModel(report);
  if (input.roster) {
    const bom = input.bom ?? true;
    for (const [name, text] of rosterExportFiles({ ...report, roster: input.roster }, main)) files.set(at(name), bom && isPeopleCsv(name) ? `${UTF8_BOM}${text}` : text);
    if (input.agents) files.set(at('agents.csv'), formatAgentsCsv(input.agents));
  } else {
    files.set(at('summary.md'), renderSummaryMarkdown(main));
    files.set(at('report.html'), renderReportHtml(main));
  }
  const workbook = (m: ReportModel): Promise<Buffer> =>
    loadWorkbook().workbookBytes({ model: m, config: input.config, lines: input.plan.lines, coverage: input.plan.coverage, serviceLevels: input.service.levels, summary: input.plan.summary, roster: input.roster ?? null });
  files.set(at('roster.xlsx'), await workbook(main));
  for (const other of input.alsoLangs ?? []) {
    if (other === lang) continue;
    const m = buildReportModel(reportInput(input, other));
    files.set(at(`${other}/summary.md`), renderSummaryMarkdown(m));
    files.set(at(`${other}/report.html`), renderReportHtml(m));
    files.set(at(`${other}/roster.xlsx`), await workbook(m));
  }
  return files;
}

/** What the report of a plan folder is made of, in `lang`. */
function reportInput(input: PlanFolderInput, lang: Lang): ReportInput {
  const lowest = input.service.lowest;
  const lowestAt = input.service.lowestAt ? `${hourForPeople(input.service.lowestAt.timestamp)} ${input.service.lowestAt.queue}` : '';
  const extraKpis: Kpi[] = [
    lowest === null
      ? { label: tr(lang, 'kpiLowestSl'), value: tr(lang, 'notAvailable') }
      : { label: tr(lang, 'kpiLowestSl'), value: `${pct(lowest)}${lowestAt ? (lang === 'zh' ? `（${lowestAt}）` : ` (${lowestAt})`) : ''}`, amount: lowest, format: 'percent', ...(lowestAt ? { detail: lowestAt } : {}) },
  ];
  if (input.service.abandonRate !== null) extraKpis.push({ label: tr(lang, 'kpiAbandon'), value: pct(input.service.abandonRate), amount: input.service.abandonRate, format: 'percent' });
  // A horizon after the holiday table was forecast on provisional holidays: the report says so, naming the years.
  const provisional = input.demand ? provisionalYears(input.config.calendar, input.plan.summary.horizon.start, input.plan.summary.horizon.end) : [];
  if (provisional.length > 0) extraKpis.push({ label: tr(lang, 'kpiHolidayCalendar'), value: tr(lang, 'holidayCalendarProvisional', { years: provisional.join(', '), year: provisional[0] as number }) });
  return {
    lang,
    config: input.config,
    lines: input.plan.lines,
    coverage: input.plan.coverage,
    summary: input.plan.summary,
    extraKpis,
    explanations: (input.summary as { shortage?: { explanations?: ShortageExplanation[] } }).shortage?.explanations ?? [],
    warnings: ((input.summary as { acceptedGaps?: AcceptedGap[] }).acceptedGaps ?? []).map((a) => tr(lang, 'outAcceptedGap', { what: translateMessage(lang, a.what), gap: pct2(a.gap), asked: pct2(a.asked), accepted: pct2(a.accepted) })),
    ...(input.demand ? { demand: input.demand } : {}),
    ...(input.roster ? { roster: input.roster } : {}),
  };
}

export interface PlanForSimulation {
  config: Config;
  demand: Demand;
  coverage: CoverageRow[];
}

export function parseCoverageCsv(text: string, file: string, queueNames: readonly string[]): CoverageRow[] {
  let header: string[] | undefined;
  const col = (name: string): number => (header as string[]).indexOf(name);
  let cQueue = -1;
  const rows: CoverageRow[] = [];
  forEachCsvRecord(normalizeNewlines(stripBom(text, file)), file, ',', (rec, line) => {
    if (header === undefined) {
      header = rec.map((h) => h.trim().toLowerCase());
      for (const name of ['timestamp', 'required', 'scheduled']) {
        if (col(name) < 0) throw new InputError({ file, line, column: 1 }, `header ${describeValue(header.join(','))}`, 'a coverage CSV with timestamp, queue, required and scheduled columns');
      }
      cQueue = col('queue');
      if (cQueue < 0 && queueNames.length > 1) {
        throw new InputError({ file, line, column: 1 }, `no queue column with ${queueNames.length} queues in the config`, 'one row per hour and queue (timestamp,queue,required,scheduled,...)');
      }
      return;
    }
    const ts = (rec[col('timestamp')] ?? '').trim();
    hourCell(ts, { file, line, column: col('timestamp') + 1 });
    const num = (name: string): number => {
      const c = col(name);
      if (c < 0) return 0;
      const t = (rec[c] ?? '').trim();
      const v = Number(t);
      if (t === '' || !Number.isFinite(v) || v < 0 || v > MAX_COUNT_PER_ROW) throw new InputError({ file, line, column: c + 1 }, `${name} ${describeValue(t)}`, `a number from 0 to ${groupedInt(MAX_COUNT_PER_ROW)}`);
      return v;
    };
    const queue = cQueue >= 0 ? (rec[cQueue] ?? '').trim() : (queueNames[0] as string);
    if (queue !== 'all' && !queueNames.includes(queue)) {
      throw new InputError({ file, line, column: cQueue + 1 }, `queue ${describeValue(queue)}`, `one of the config's queues (${queueNames.join(', ')}) or all`);
    }
    rows.push({ timestamp: ts, queue, required: num('required'), scheduled: num('scheduled'), shortfall: num('shortfall'), surplus: num('surplus'), agents: num('agents') });
  });
  if (header === undefined) throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a coverage CSV with timestamp, queue, required and scheduled columns');
  if (cQueue < 0) {
    // One queue and totals only: the totals are that queue's rows, and its `all` rows too.
    rows.push(...rows.map((r) => ({ ...r, queue: 'all' })));
  }
  return rows;
}

export function readPlanForSimulation(dir: string): PlanForSimulation {
  const config = readConfig(path.join(dir, 'config.json'));
  const demand = readForecastCsv(path.join(dir, 'forecast.csv'), config.timezone);
  const coverageFile = path.join(dir, 'coverage.csv');
  const coverage = parseCoverageCsv(readTextFile(coverageFile, 'the plan\'s coverage CSV'), coverageFile, config.queues.map((q) => q.name));
  return { config, demand, coverage };
}

/** Set one top-level key of the folder's summary.json (created when missing), atomically. */
export function updatePlanSummary(dir: string, key: string, value: unknown): void {
  const file = path.join(dir, 'summary.json');
  let body: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const parsed = parseJsonText(readTextFile(file), file);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError({ file, line: 1, column: 1 }, 'not a JSON object', 'the plan summary object');
    body = parsed as Record<string, unknown>;
  }
  body[key] = value;
  writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
}
