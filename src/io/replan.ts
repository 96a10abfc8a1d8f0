/**
 * The re-plan's files: reading a plan folder back (config, forecast, coverage,
 * roster, agents) and building the re-planned folder: the plan's files, with
 * changes.csv added and roster.csv, coverage.csv, summary.json, summary.md and
 * report.html updated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../config';
import { describeValue, hourKeyFromNumber, hourNumber, InputError, isValidDate, UsageError, type Demand } from '../domain';
import type { CoverageRow } from '../plan';
import type { ReplanResult } from '../replan';
import { escapeXml, fixedDigits, percent } from '../report/format';
import { formatRosterCsv, ROSTER_HEADER } from '../report/roster';
import { hourlyService } from '../pipeline';
import type { Agent, RosterAssignment } from '../roster';
import { parseAgents } from './agents';
import { loadConfigText, readConfig } from './config';
import { forEachCsvRecord, normalizeNewlines } from './csv';
import { fixed2, parseForecastCsv } from './demand';
import { stripBom } from './encoding';
import { FOLDER_MARKER } from './files';
import { formatCoverageCsv, parseCoverageCsv } from './plan-folder';

export interface PlanForReplan {
  config: Config;
  demand: Demand;
  coverage: CoverageRow[];
  roster: RosterAssignment[];
  agents: Agent[] | null;
  /** Every file of the folder by relative path (the marker left out), as read. */
  files: Map<string, Buffer>;
}

/** roster.csv back into assignments (ROSTER_HEADER columns, in file order). */
export function parseRosterCsv(text: string, file: string, config: Config): RosterAssignment[] {
  const out: RosterAssignment[] = [];
  let header: string[] | undefined;
  const codes = new Map(config.shifts.map((s) => [s.name, s.code]));
  const pools = new Map(config.pools.map((p) => [p.name, p]));
  forEachCsvRecord(normalizeNewlines(stripBom(text, file)), file, ',', (rec, line) => {
    if (header === undefined) {
      header = rec.map((h) => h.trim());
      if (ROSTER_HEADER.some((h, i) => header?.[i] !== h)) throw new InputError({ file, line, column: 1 }, `header ${describeValue(header.join(','))}`, `the roster header ${ROSTER_HEADER.join(',')}`);
      return;
    }
    const [date = '', personId = '', personName = '', pool = '', shift = '', start = '', end = '', breaks = '', overtime = '0'] = rec;
    const p = pools.get(pool);
    if (!p) throw new InputError({ file, line, column: 4 }, `pool ${describeValue(pool)}`, `a pool of the plan's config (${config.pools.map((x) => x.name).join(', ')})`);
    if (!codes.has(shift)) throw new InputError({ file, line, column: 5 }, `shift ${describeValue(shift)}`, `a shift of the plan's config (${config.shifts.map((s) => s.name).join(', ')})`);
    const kind = personId === 'UNFILLED' ? 'unfilled' : p.kind === 'inhouse' ? 'agent' : 'seat';
    const ot = Number(overtime);
    out.push({
      date,
      personId,
      personName,
      pool,
      shift,
      code: codes.get(shift) ?? '',
      start,
      end,
      queue: null,
      kind,
      breaks,
      ...(ot > 0 ? { overtimeHours: ot } : {}),
      ...(/-S\d+$/.test(personId) ? { surge: true } : {}),
    });
  });
  return out;
}

function filesOf(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesOf(dir, rel));
    else if (rel !== FOLDER_MARKER) out.push(rel);
  }
  return out.sort();
}

/** Read what `replan` needs from a plan folder; `configFile` replaces the folder's config.json. */
export function readPlanForReplan(dir: string, configFile?: string): PlanForReplan {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--plan ${dir}: no such folder; expected a plan folder written by peakshift plan`);
  const files = new Map(filesOf(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  const config = configFile === undefined ? undefined : readConfig(configFile);
  return planForReplan(files, `--plan ${dir}`, (name) => path.join(dir, name), config);
}

/**
 * The same from a plan folder's files in memory (the web page's plan runs);
 * `where` names the folder in messages, `fileName` each file; `config` replaces config.json.
 */
export function planForReplan(files: Map<string, Buffer>, where: string, fileName: (name: string) => string, override?: Config): PlanForReplan {
  for (const name of ['config.json', 'forecast.csv', 'coverage.csv', 'roster.csv']) {
    if (!files.has(name)) {
      const why = name === 'roster.csv' ? ' (plan with --agents: the re-plan changes named shifts)' : name === 'forecast.csv' ? ' (plan from --history or --demand: the re-plan updates the forecast)' : '';
      throw new UsageError(`${where} has no ${name}${why}; expected a plan folder written by peakshift plan`);
    }
  }
  const text = (name: string): string => (files.get(name) as Buffer).toString('utf8');
  const config = override ?? loadConfigText(text('config.json'), fileName('config.json'));
  const demand = parseForecastCsv(text('forecast.csv'), fileName('forecast.csv'), config.timezone);
  const coverage = parseCoverageCsv(text('coverage.csv'), fileName('coverage.csv'), config.queues.map((q) => q.name));
  const roster = parseRosterCsv(text('roster.csv'), fileName('roster.csv'), config);
  const agents = files.has('agents.csv') ? parseAgents(text('agents.csv'), fileName('agents.csv'), config) : null;
  return { config, demand, coverage, roster, agents, files };
}

export const CHANGES_HEADER = ['time', 'action', 'pool', 'agent_id', 'shift', 'hours', 'cost'] as const;

export function formatChangesCsv(result: Pick<ReplanResult, 'changes'>): string {
  const rows = result.changes.map((c) => [c.time, c.action, c.pool, c.agentId, c.shift, fixedDigits(c.hours, 2), fixed2(c.cost)].join(','));
  return `${[CHANGES_HEADER.join(','), ...rows].join('\n')}\n`;
}

/** coverage.csv with the rows of the changed hours replaced (every other line kept byte for byte). */
function patchCoverage(text: string, rows: readonly CoverageRow[], levels: ReadonlyArray<number | null>): string {
  const formatted = formatCoverageCsv(rows, levels).split('\n').slice(1);
  const byKey = new Map(rows.map((r, i) => [`${r.timestamp}|${r.queue}`, formatted[i] as string]));
  const lines = text.split('\n');
  forEachCsvRecord(text, 'coverage.csv', ',', (rec, line) => {
    if (line === 1) return;
    const key = `${rec[0] ?? ''}|${rec[1] ?? ''}`;
    const row = byKey.get(key);
    if (row !== undefined) lines[line - 1] = row;
  });
  return lines.join('\n');
}

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pctOrNa = (v: number | null): string => (v === null ? 'n/a' : percent(v));

/** The report section as Markdown rows and as HTML: forecast against actuals, the new band, coverage before and after. */
function reportSection(config: Config, result: ReplanResult): { md: string; html: string } {
  const f = result.figures;
  const title = `Re-plan at ${f.now.slice(11, 16)}`;
  const scale = f.scales.map((s) => `${s.queue} ${s.date}: actual ${fixedDigits(s.actual, 0)} vs forecast ${fixedDigits(s.forecast, 0)}, rest of day x${fixedDigits(s.factor, 3)}`);
  const keyFigures: Array<[string, string]> = [
    ['Changes', `${result.changes.length} (${Object.entries(f.counts).filter(([, n]) => n > 0).map(([a, n]) => `${a} ${n}`).join(', ') || 'none'})`],
    ['Cost of the changes', `${config.currency} ${money(f.costDelta)}`],
    [`Shortfall ${f.now} .. ${f.windowEnd}`, `${fixedDigits(f.shortfallBefore, 1)} -> ${fixedDigits(f.shortfallAfter, 1)} agent-hours`],
    ['Service level of the remaining hours', `${pctOrNa(f.serviceLevelBefore)} -> ${pctOrNa(f.serviceLevelAfter)}`],
    ['Inquiries late in the remaining hours', `${fixedDigits(f.lateBefore, 0)} -> ${fixedDigits(f.lateAfter, 0)}`],
  ];
  const head = ['hour', 'plan forecast', 'actual', 'new forecast', 'p10', 'p90', 'required (plan)', 'required', 'scheduled before', 'scheduled after'];
  const rows = result.hours.map((h) => [h.timestamp, fixedDigits(h.planForecast, 0), h.actual === null ? '' : fixedDigits(h.actual, 0), fixedDigits(h.forecast, 0), fixedDigits(h.p10, 0), fixedDigits(h.p90, 0), fixedDigits(h.planRequired, 0), fixedDigits(h.required, 0), fixedDigits(h.scheduledBefore, 1), fixedDigits(h.scheduledAfter, 1)]);
  const md = [
    `## ${title}`,
    '',
    ...scale.map((s) => `- ${s}`),
    '',
    '| figure | value |',
    '|---|---|',
    ...keyFigures.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  const cellRow = (cells: readonly string[], tag: string): string => `<tr>${cells.map((c) => `<${tag}>${escapeXml(c)}</${tag}>`).join('')}</tr>`;
  const html = [
    `<section id="replan"><h2>${escapeXml(title)}</h2>`,
    `<ul>${scale.map((s) => `<li>${escapeXml(s)}</li>`).join('')}</ul>`,
    `<table>${keyFigures.map(([k, v]) => cellRow([k, v], 'td')).join('')}</table>`,
    `<table>${cellRow(head, 'th')}${rows.map((r) => cellRow(r, 'td')).join('')}</table>`,
    '</section>',
  ].join('\n');
  return { md, html };
}

/** The re-planned folder: the plan's files with the re-plan's changes and updates. */
export function replanFolderFiles(plan: PlanForReplan, result: ReplanResult): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>(plan.files);
  const { config } = plan;
  files.set('changes.csv', formatChangesCsv(result));
  // Keep the plan folder's choice of a byte-order mark on roster.csv (plan --no-bom).
  const hadBom = plan.files.get('roster.csv')?.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ?? false;
  files.set('roster.csv', `${hadBom ? '\uFEFF' : ''}${formatRosterCsv({ assignments: result.roster })}`);
  if (result.coverage.length > 0) {
    const levels = hourlyService(config, result.requirement, result.coverage).levels;
    files.set('coverage.csv', patchCoverage((plan.files.get('coverage.csv') as Buffer).toString('utf8'), result.coverage, levels));
  }
  const summaryText = plan.files.get('summary.json')?.toString('utf8');
  const summary = summaryText ? (JSON.parse(summaryText) as Record<string, unknown>) : {};
  const f = result.figures;
  if (typeof summary.totalCost === 'number') summary.totalCost = Math.round((summary.totalCost + f.costDelta) * 100) / 100;
  const pools = summary.pools as Record<string, { cost?: number }> | undefined;
  if (pools) {
    for (const c of result.changes) {
      const p = pools[c.pool];
      if (p && typeof p.cost === 'number') p.cost = Math.round((p.cost + c.cost) * 100) / 100;
    }
  }
  summary.replan = {
    now: f.now,
    windowEnd: f.windowEnd,
    scales: f.scales,
    changes: f.counts,
    costDelta: f.costDelta,
    shortfallAgentHours: { before: round4(f.shortfallBefore), after: round4(f.shortfallAfter) },
    serviceLevel: { before: f.serviceLevelBefore === null ? null : round4(f.serviceLevelBefore), after: f.serviceLevelAfter === null ? null : round4(f.serviceLevelAfter) },
    lateInquiries: { before: round4(f.lateBefore), after: round4(f.lateAfter) },
    solver: { name: f.solver.name, status: f.solver.status, variables: f.solver.variables, rows: f.solver.rows },
    summary: result.line,
  };
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  const section = reportSection(config, result);
  const md = plan.files.get('summary.md')?.toString('utf8');
  if (md !== undefined) files.set('summary.md', `${md.trimEnd()}\n\n${section.md}`);
  const html = plan.files.get('report.html')?.toString('utf8');
  if (html !== undefined) {
    const at = html.lastIndexOf('<p class="note">');
    const cut = at >= 0 ? at : html.lastIndexOf('</body>');
    files.set('report.html', cut >= 0 ? `${html.slice(0, cut)}${section.html}\n${html.slice(cut)}` : `${html}${section.html}\n`);
  }
  return files;
}

const round4 = (v: number): number => Math.round(v * 10000) / 10000;

/** `--now`: a whole local hour `YYYY-MM-DDTHH:00` (a space instead of the T is accepted). */
export function parseReplanNow(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || !isValidDate(m[1] as string) || Number(m[2]) > 23 || m[3] !== '00') {
    throw new UsageError(`--now ${JSON.stringify(value)} is not a whole hour; expected YYYY-MM-DDTHH:00`);
  }
  return `${m[1]}T${m[2]}:00`;
}

/** `--now` must fall inside the plan's forecast, after its first hour. */
export function checkReplanNow(now: string, demand: Demand): void {
  const h = hourNumber(now);
  const first = hourNumber(demand.startHour);
  if (h <= first || h >= first + demand.hours) {
    throw new UsageError(`--now ${now} is outside the plan's forecast ${demand.startHour} .. ${hourKeyFromNumber(first + demand.hours - 1)}; expected an hour after the plan's first and within it`);
  }
}
