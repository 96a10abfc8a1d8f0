/**
 * The plan report: one model of figures built from the plan, coverage,
 * demand and roster, rendered to summary.md and to a self-contained
 * report.html. Both renderers read the same model, so the page and the
 * Markdown show the same numbers as summary.json.
 */
import { MAKEUP_WORKDAY, occurrences, resolveEvents } from '../calendar';
import type { Config } from '../config';
import { datesBetween, hourKeyFromNumber, hourNumber, type Demand, type ShiftLine } from '../domain';
import { eventName, isTextKey, poolKindName, pricingModelName, tr, type Lang, type TextKey } from '../domain/i18n';
import { whyText, type CoverageRow, type PlanSummary, type ShortageExplanation } from '../plan';
import type { Fairness, Roster, UnfilledSeat } from '../roster';
import { barChart, hourlyChart, PALETTE, stackedBarChart } from './charts';
import { escapeXml, fixedDigits, grouped, percent } from './format';

export interface ReportInput {
  config: Pick<Config, 'shifts' | 'pools' | 'forecast' | 'currency' | 'events' | 'calendar'>;
  /** Language of the text for people (default en). */
  lang?: Lang;
  lines: readonly ShiftLine[];
  coverage: readonly CoverageRow[];
  summary: PlanSummary;
  /** The forecast the plan was sized on (for the demand band). */
  demand?: Demand;
  roster?: Roster;
  /** Figures from earlier stages (e.g. lowest hourly service level), shown after the plan's. */
  extraKpis?: readonly Kpi[];
  /** Why the plan is short where it is (summary.json `shortage.explanations`). */
  explanations?: readonly ShortageExplanation[];
  /** Lines shown above everything else (a plan written above its asked gap). */
  warnings?: readonly string[];
}

/** How a figure is shown in the workbook, where it is a number cell. */
export type KpiFormat = 'money' | 'percent' | 'count' | 'decimal1' | 'decimal2';

export interface Kpi {
  label: string;
  /** The figure as people read it in summary.md and report.html. */
  value: string;
  /** The figure as a number (the workbook's cell), with its format. */
  amount?: number;
  format?: KpiFormat;
  /** What the workbook shows beside the number (the rest of `value`). */
  detail?: string;
}

/** One term of the report's glossary. */
export interface GlossaryEntry {
  term: string;
  meaning: string;
}

export interface ReportModel {
  lang: Lang;
  title: string;
  /** Shown under the title, in red (a plan written above its asked gap). */
  warnings: readonly string[];
  currency: string;
  kpis: Kpi[];
  glossary: GlossaryEntry[];
  costByPool: Array<{ pool: string; kind: string; pricing: string | null; cost: number; share: number; agentShifts: number; peakAgentsPerDay: number }>;
  hourly: {
    hours: string[];
    required: number[];
    scheduled: number[];
    shortfall: boolean[];
    /** Total inquiries per hour, when the demand is known. */
    forecast?: number[];
    p10?: number[];
    p90?: number[];
    /** Inquiries the scheduled agents can answer at target: scheduled × (sized inquiries / required agents). */
    capacity?: number[];
  };
  byDay: { dates: string[]; shifts: Array<{ name: string; code: string; values: number[] }> };
  /** Agents starting a shift: one row per date, one column per pool and shift worked. */
  pivot: {
    columns: Array<{ pool: string; shift: string; code: string }>;
    rows: Array<{ date: string; values: number[]; total: number }>;
    totals: number[];
    total: number;
  };
  worst: PlanSummary['shortfall']['worst'];
  /** Dates of the horizon with an event hour (the workbook's intraday sheets). */
  eventDays: string[];
  explanations: readonly ShortageExplanation[];
  roster?: {
    agents: number;
    agentsWorking: number;
    seats: Array<{ pool: string; seats: number }>;
    unfilledSeats: number;
    unfilled: UnfilledSeat[];
    fairness: Fairness;
  };
}

/** Figures of the roster for summary.json (`roster` section). */
export function rosterSummary(roster: Roster) {
  const working = new Set(roster.assignments.filter((a) => a.kind === 'agent').map((a) => a.personId));
  const seats: Record<string, number> = {};
  const surgeSeats: Record<string, number> = {};
  for (const p of roster.people) {
    if (p.kind !== 'seat') continue;
    if (p.surge) surgeSeats[p.pool] = (surgeSeats[p.pool] ?? 0) + 1;
    else seats[p.pool] = (seats[p.pool] ?? 0) + 1;
  }
  return {
    agents: roster.people.filter((p) => p.kind === 'agent').length,
    agentsWorking: working.size,
    /** Trained seats per vendor (the seats the plan paid for, plus any the day-by-day order added). */
    vendorSeats: seats,
    /** Surge seats per vendor (extra people at the surge rate). */
    surgeSeats,
    unfilledSeats: roster.unfilled.reduce((n, u) => n + u.seats, 0),
    unfilled: roster.unfilled.map((u) => ({ date: u.date, shift: u.shift, start: u.start, pool: u.pool, seats: u.seats, tightestRule: u.tightestRule, reason: u.reason })),
    fairness: roster.fairness,
  };
}

/** An hour for people: `2026-11-11T01:00` → `2026-11-11 01:00`. */
export function hourForPeople(timestamp: string): string {
  return timestamp.replace('T', ' ');
}

/** A solver status for people (`optimal` → 最优). */
export function solverStatusName(lang: Lang, status: string): string {
  const key = `status_${status}`;
  return isTextKey(key) ? tr(lang, key) : status;
}

/** The glossary: each figure the report names, defined once. */
export function glossary(lang: Lang): GlossaryEntry[] {
  const keys: Array<[TextKey, TextKey]> = [
    ['termUnanswered', 'defUnanswered'],
    ['termLostService', 'defLostService'],
    ['termShort', 'defShort'],
    ['termFloor', 'defFloor'],
    ['termProductive', 'defProductive'],
    ['termShrinkage', 'defShrinkage'],
    ['termEfficiency', 'defEfficiency'],
    ['termObjective', 'defObjective'],
  ];
  return keys.map(([term, meaning]) => ({ term: tr(lang, term), meaning: tr(lang, meaning) }));
}

/** Agents starting a shift per date, pool and shift: the columns are the (pool, shift) pairs anyone works. */
export function shiftPivot(lines: readonly ShiftLine[], dates: readonly string[], pools: readonly string[], shifts: ReadonlyArray<{ name: string; code: string }>): ReportModel['pivot'] {
  const count = new Map<string, number>();
  for (const l of lines) {
    const key = `${l.date}|${l.pool}|${l.shift}`;
    count.set(key, (count.get(key) ?? 0) + l.agents);
  }
  const columns = pools.flatMap((pool) => shifts.filter((s) => lines.some((l) => l.pool === pool && l.shift === s.name && l.agents > 0)).map((s) => ({ pool, shift: s.name, code: s.code })));
  const rows = dates.map((date) => {
    const values = columns.map((c) => count.get(`${date}|${c.pool}|${c.shift}`) ?? 0);
    return { date, values, total: values.reduce((a, b) => a + b, 0) };
  });
  const totals = columns.map((_, i) => rows.reduce((n, r) => n + (r.values[i] ?? 0), 0));
  return { columns, rows, totals, total: totals.reduce((a, b) => a + b, 0) };
}

/**
 * The event days among `dates`: the anchor days (Nov 11, a holiday block's
 * days) of the events the demand carries; an event the calendar does not
 * define (an imported forecast's own names) counts on every day it is active.
 * Make-up workdays are no event days.
 */
export function eventDays(config: Pick<Config, 'events' | 'calendar'>, demand: Demand | undefined, dates: readonly string[]): string[] {
  const from = dates[0];
  const to = dates[dates.length - 1];
  if (!demand || from === undefined || to === undefined) return [];
  const first = hourNumber(demand.startHour);
  const activeOn = new Map<string, Set<string>>();
  demand.events.forEach((e, i) => {
    if (e === '' || e === MAKEUP_WORKDAY) return;
    const days = activeOn.get(e) ?? new Set<string>();
    days.add(hourKeyFromNumber(first + i).slice(0, 10));
    activeOn.set(e, days);
  });
  const defs = new Map(resolveEvents(config).map((d) => [d.name, d]));
  const out = new Set<string>();
  for (const [name, active] of activeOn) {
    const def = defs.get(name);
    if (!def) {
      for (const d of active) out.add(d);
      continue;
    }
    for (const o of occurrences(def, from, to)) for (const d of datesBetween(o.anchor, o.last)) out.add(d);
  }
  return dates.filter((d) => out.has(d));
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { summary, config } = input;
  const lang = input.lang ?? 'en';
  const t = (key: TextKey, vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const nQueues = new Set(input.coverage.map((r) => r.queue).filter((q) => q !== 'all')).size;
  const totals = input.coverage.filter((r) => r.queue === 'all' || nQueues <= 1);
  const hours = totals.map((r) => r.timestamp);
  const required = totals.map((r) => r.required);
  const scheduled = totals.map((r) => r.scheduled);
  const shortfall = totals.map((r) => r.shortfall > 1e-9);
  const hourly: ReportModel['hourly'] = { hours, required, scheduled, shortfall };
  if (input.demand) {
    const d = input.demand;
    const start = hourNumber(d.startHour);
    const at = (key: 'forecast' | 'p10' | 'p90', hour: string) => {
      const i = hourNumber(hour) - start;
      return d.queues.reduce((s, q) => s + (q[key][i] ?? 0), 0);
    };
    hourly.forecast = hours.map((h) => at('forecast', h));
    hourly.p10 = hours.map((h) => at('p10', h));
    hourly.p90 = hours.map((h) => at('p90', h));
    const sized = config.forecast.quantile === 'p90' ? hourly.p90 : hourly.forecast;
    const sumSized = sized.reduce((s, v) => s + v, 0);
    const sumReq = required.reduce((s, v) => s + v, 0);
    const overall = sumReq > 0 ? sumSized / sumReq : 0;
    hourly.capacity = hours.map((_, i) => {
      const req = required[i] ?? 0;
      const ratio = req > 0 ? (sized[i] ?? 0) / req : overall;
      return (scheduled[i] ?? 0) * ratio;
    });
  }

  const poolNames = Object.keys(summary.pools);
  const costByPool = poolNames.map((pool) => {
    const p = summary.pools[pool] as PlanSummary['pools'][string];
    const conf = config.pools.find((c) => c.name === pool);
    return { pool, kind: p.kind, pricing: conf && conf.kind === 'vendor' ? conf.pricing.model : null, cost: p.cost, share: summary.totalCost > 0 ? p.cost / summary.totalCost : 0, agentShifts: p.agentShifts, peakAgentsPerDay: p.peakAgentsPerDay };
  });

  const dates = datesBetween(summary.horizon.start, summary.horizon.end);
  const shifts = config.shifts.map((s) => ({ name: s.name, code: s.code, values: dates.map((d) => input.lines.filter((l) => l.date === d && l.shift === s.name).reduce((n, l) => n + l.agents, 0)) }));

  const cur = summary.currency;
  const money2 = (v: number): string => `${cur} ${grouped(v, 2)}`;
  const scope = t(`scope_${summary.outsourcing.scope}`);
  const events = input.demand ? [...new Set(input.demand.events.filter((e) => e !== ''))].map((e) => eventName(lang, e)) : [];
  const list = (items: readonly string[]): string => items.join(lang === 'zh' ? '、' : ', ');
  const paren = (text: string): string => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const short = summary.shortfall;
  const lost = summary.lostService;
  const objective = summary.solver.objective;
  const outsourcedTarget = t('outsourcedTarget', { min: percent(summary.outsourcing.min, 0), max: percent(summary.outsourcing.max, 0), scope });
  const shortDetail = t('shortDetail', { agentHours: grouped(short.agentHours, 2) });
  const floorDetail = t('floorDetail', { agentHours: grouped(short.belowFloorAgentHours, 2) });
  const lostDetail = t('lostServiceDetail', { cur, cost: grouped(lost.cost, 2) });
  const objectiveDetail = t('objectiveDetail', { cost: grouped(summary.totalCost, 2), lost: grouped(objective - summary.totalCost, 2) });
  const kpis: Kpi[] = [
    { label: t('kpiHorizon'), value: t('horizonValue', { start: summary.horizon.start, end: summary.horizon.end, days: summary.horizon.days }) },
    ...(events.length > 0 ? [{ label: t('kpiEvents'), value: list(events) }] : []),
    { label: t('kpiTotalCost'), value: money2(summary.totalCost), amount: summary.totalCost, format: 'money' },
    ...costByPool.map((p): Kpi => ({ label: t('kpiCostPool', { pool: p.pool }), value: `${money2(p.cost)}${paren(percent(p.share))}`, amount: p.cost, format: 'money' })),
    { label: t('kpiOutsourced'), value: `${percent(summary.outsourcing.achieved)}${paren(outsourcedTarget)}`, amount: summary.outsourcing.achieved, format: 'percent', detail: outsourcedTarget },
    { label: t('kpiUnanswered'), value: `${grouped(lost.lateInquiries, 1)}${paren(lostDetail)}`, amount: lost.lateInquiries, format: 'decimal1', detail: lostDetail },
    { label: t('kpiLostServiceMoney'), value: money2(lost.cost), amount: lost.cost, format: 'money' },
    { label: t('kpiShortHours'), value: short.hoursShort > 0 ? `${short.hoursShort}${paren(shortDetail)}` : t('none'), amount: short.hoursShort, format: 'count', ...(short.hoursShort > 0 ? { detail: shortDetail } : {}) },
    { label: t('kpiBelowFloor'), value: short.hoursBelowFloor > 0 ? `${short.hoursBelowFloor}${paren(floorDetail)}` : t('floorHeldEverywhere'), amount: short.hoursBelowFloor, format: 'count', detail: short.hoursBelowFloor > 0 ? floorDetail : t('floorHeldEverywhere') },
    { label: t('kpiEfficiency'), value: percent(summary.scheduleEfficiency), amount: summary.scheduleEfficiency, format: 'percent' },
    { label: t('kpiHoursRequired'), value: grouped(summary.requiredProductiveHours, 1), amount: summary.requiredProductiveHours, format: 'decimal1' },
    { label: t('kpiHoursScheduled'), value: grouped(summary.scheduledProductiveHours, 1), amount: summary.scheduledProductiveHours, format: 'decimal1' },
    ...(input.extraKpis ?? []),
    { label: t('kpiObjective'), value: `${grouped(objective, 2)}${paren(objectiveDetail)}`, amount: objective, format: 'decimal2', detail: objectiveDetail },
    {
      label: t('kpiSolver'),
      // No seconds: they vary from run to run, and the report is byte-stable (the CLI prints them).
      value: t('solverStatusValue', { name: summary.solver.name, status: solverStatusName(lang, summary.solver.status), gap: summary.solver.gap === null ? t('notAvailable') : percent(summary.solver.gap, 3) }),
    },
  ];
  const model: ReportModel = {
    lang,
    title: t('reportTitle', { start: summary.horizon.start, end: summary.horizon.end }),
    currency: cur,
    kpis,
    glossary: glossary(lang),
    costByPool,
    hourly,
    byDay: { dates, shifts },
    pivot: shiftPivot(input.lines, dates, poolNames, config.shifts),
    worst: summary.shortfall.worst,
    eventDays: eventDays(config, input.demand, dates),
    explanations: input.explanations ?? [],
    warnings: input.warnings ?? [],
  };
  if (input.roster) {
    const rs = rosterSummary(input.roster);
    model.roster = {
      agents: rs.agents,
      agentsWorking: rs.agentsWorking,
      seats: Object.entries(rs.vendorSeats).map(([pool, seats]) => ({ pool, seats })),
      unfilledSeats: rs.unfilledSeats,
      unfilled: input.roster.unfilled,
      fairness: input.roster.fairness,
    };
    kpis.push(
      { label: t('kpiAgentsRostered'), value: t('countOf', { n: rs.agentsWorking, total: rs.agents }), amount: rs.agentsWorking, format: 'count', detail: t('ofTotal', { total: rs.agents }) },
      ...model.roster.seats.map((s): Kpi => ({ label: t('kpiSeats', { pool: s.pool }), value: String(s.seats), amount: s.seats, format: 'count' })),
      { label: t('unfilledSeats'), value: String(rs.unfilledSeats), amount: rs.unfilledSeats, format: 'count' },
    );
  }
  return model;
}

function explanationRows(model: ReportModel): string[][] {
  return model.explanations.map((e) => [
    `${hourForPeople(e.from)}${e.to !== e.from ? ` .. ${e.to.slice(11)}` : ''}${e.kind === 'floor' ? tr(model.lang, 'belowFloor') : ''}`,
    e.queues.join(', '),
    grouped(e.agentHours, 2),
    grouped(e.lostInquiries, 1),
    grouped(e.lostCost, 2),
    e.fix ? grouped(e.fix.extraCost, 2) : '',
    whyText(model.lang, e, model.currency),
  ]);
}

function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[] = []): string {
  const align = header.map((_, i) => (right[i] ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
}

const FAIRNESS_ROWS: ReadonlyArray<[keyof Fairness, TextKey]> = [
  ['shifts', 'fairShifts'],
  ['nights', 'fairNights'],
  ['weekends', 'fairWeekends'],
  ['eventDays', 'fairEventDays'],
];

/** The text of `key` in the model's language. */
function text(model: Pick<ReportModel, 'lang'>, key: TextKey, vars?: Record<string, string | number>): string {
  return tr(model.lang, key, vars);
}

/** `in-house`, or `vendor, per seat-shift`: the pool's kind and, for a vendor, how it is paid. */
export function poolKindText(lang: Lang, pool: { kind: string; pricing: string | null }): string {
  return `${poolKindName(lang, pool.kind)}${pool.pricing ? `${lang === 'zh' ? '，' : ', '}${pricingModelName(lang, pool.pricing)}` : ''}`;
}

function costHeader(model: ReportModel): string[] {
  const t = (key: TextKey): string => text(model, key, { cur: model.currency });
  return [t('colPool'), t('colKind'), t('colCostIn'), t('colShare'), t('colAgentShifts'), t('colPeakPerDay')];
}

function costRows(model: ReportModel, format: (v: number) => string): string[][] {
  return model.costByPool.map((p) => [p.pool, poolKindText(model.lang, p), format(p.cost), percent(p.share), grouped(p.agentShifts), grouped(p.peakAgentsPerDay)]);
}

function whyShortHeader(model: ReportModel): string[] {
  const t = (key: TextKey): string => text(model, key, { cur: model.currency });
  return [t('colHours'), t('colQueues'), t('colShortAgentH'), t('colShortUnanswered'), t('colShortLostIn'), t('colCoverForIn'), t('colWhy')];
}

function worstTable(model: ReportModel): [string[], string[][]] {
  const t = (key: TextKey): string => text(model, key);
  return [[t('colHour'), t('colQueue'), t('colRequired'), t('colScheduled'), t('colShort')], model.worst.map((w) => [hourForPeople(w.timestamp), w.queue, grouped(w.required, 2), grouped(w.scheduled, 2), grouped(w.shortfall, 2)])];
}

function fairnessRows(model: ReportModel, fairness: Fairness): string[][] {
  return FAIRNESS_ROWS.map(([k, label]) => [text(model, label), String(fairness[k].min), String(fairness[k].max), String(fairness[k].spread), String(fairness[k].agents)]);
}

function seatsText(model: ReportModel, seats: ReadonlyArray<{ pool: string; seats: number }>): string {
  return seats.map((s) => `${s.pool} ${s.seats}`).join(model.lang === 'zh' ? '、' : ', ') || text(model, 'none');
}

/** The pivot's column titles in one line each (`vendor-a · day`), for the Markdown table. */
function pivotHeader(model: ReportModel): string[] {
  return model.pivot.columns.map((c) => `${c.pool} · ${c.shift}`);
}

function pivotRows(model: ReportModel): string[][] {
  const p = model.pivot;
  return [...p.rows.map((r) => [r.date, ...r.values.map(String), String(r.total)]), [text(model, 'colTotal'), ...p.totals.map(String), String(p.total)]];
}

/**
 * Why seats stay empty, for people: the roster's own line in English; in
 * another language the same facts from its fields (date, shift, the agents
 * each rule excluded, the tightest rule).
 */
export function unfilledText(lang: Lang, u: UnfilledSeat): string {
  const rule = (name: string): string => (isTextKey(`rule_${name}`) ? tr(lang, `rule_${name}` as TextKey) : name);
  if (lang === 'en') return `${u.reason} (${tr(lang, 'tightestRule', { rule: u.tightestRule })})`;
  const parts = Object.entries(u.excludedBy).filter(([, n]) => n > 0).map(([name, n]) => tr(lang, 'excludedCount', { n, rule: rule(name) }));
  const line = tr(lang, 'unfilledLine', { date: u.date, shift: u.shift, start: u.start.slice(11, 16), pool: u.pool, seats: u.seats, parts: parts.join('、') || tr(lang, 'none') });
  return `${line}${tr(lang, 'withHint', { message: '', hint: tr(lang, 'tightestRule', { rule: rule(u.tightestRule) }) })}`;
}

export function renderSummaryMarkdown(model: ReportModel): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => text(model, key, vars);
  const parts: string[] = [`# ${model.title}`, '', ...model.warnings.flatMap((w) => [`**${w}**`, '']), `## ${t('keyFigures')}`, '', mdTable([t('figure'), t('value')], model.kpis.map((k) => [k.label, k.value]))];
  parts.push('', `## ${t('glossaryTitle')}`, '', ...model.glossary.map((g) => `- **${g.term}**: ${g.meaning}`));
  parts.push('', `## ${t('costByPool')}`, '', mdTable(costHeader(model), costRows(model, (v) => fixedDigits(v, 2)), [false, false, true, true, true, true]));
  const nCols = model.pivot.columns.length;
  parts.push('', `## ${t('agentsByDatePoolShift')}`, '', t('pivotNote'), '', mdTable([t('colDate'), ...pivotHeader(model), t('colTotal')], pivotRows(model), [false, ...Array.from({ length: nCols }, () => true), true]));
  if (model.worst.length > 0) {
    const [head, rows] = worstTable(model);
    parts.push('', `## ${t('worstShortHours')}`, '', mdTable(head, rows, [false, false, true, true, true]));
  }
  if (model.explanations.length > 0) {
    parts.push('', `## ${t('whyShort')}`, '', mdTable(whyShortHeader(model), explanationRows(model), [false, false, true, true, true, true, false]), '', t('whyShortNote'));
  }
  if (model.roster) {
    const r = model.roster;
    parts.push('', `## ${t('roster')}`, '', `${t('rosterLead', { working: r.agentsWorking, agents: r.agents, seats: seatsText(model, r.seats) })}${t('unfilledSeatsCount', { n: r.unfilledSeats })}${model.lang === 'zh' ? '。' : '.'}`);
    parts.push('', t('fairIntro'), '', mdTable([t('colCount'), t('colMin'), t('colMax'), t('colSpread'), t('colAgents')], fairnessRows(model, r.fairness), [false, true, true, true, true]));
    if (r.unfilled.length > 0) {
      parts.push('', `### ${t('unfilledSeats')}`, '', ...r.unfilled.map((u) => `- ${unfilledText(model.lang, u)}`));
    }
  }
  return `${parts.join('\n')}\n`;
}

export const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px auto;max-width:1140px;color:#111827;padding:0 12px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f9fafb}.chart{margin:8px 0;overflow-x:auto}
.warn{color:#b91c1c}.note{color:#4b5563;font-size:12px}
dl.terms{font-size:13px;margin:6px 0;display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dl.terms dt{font-weight:600}dl.terms dd{margin:0}
table.pivot th{text-align:center}table.pivot tr.total td{font-weight:600;background:#f9fafb}`;

export function htmlTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[] = [], id?: string): string {
  const th = header.map((h, i) => `<th${right[i] ? ' class="n"' : ''}>${escapeXml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${right[i] ? ' class="n"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The date × pool × shift table: a header row of pools over a header row of their shifts. */
function pivotHtml(model: ReportModel): string {
  const p = model.pivot;
  const t = (key: TextKey): string => text(model, key);
  const groups: Array<{ pool: string; span: number }> = [];
  for (const c of p.columns) {
    const last = groups[groups.length - 1];
    if (last && last.pool === c.pool) last.span += 1;
    else groups.push({ pool: c.pool, span: 1 });
  }
  const top = `<tr><th rowspan="2">${escapeXml(t('colDate'))}</th>${groups.map((g) => `<th colspan="${g.span}">${escapeXml(g.pool)}</th>`).join('')}<th rowspan="2" class="n">${escapeXml(t('colTotal'))}</th></tr>`;
  const second = `<tr>${p.columns.map((c) => `<th>${escapeXml(`${c.shift} (${c.code})`)}</th>`).join('')}</tr>`;
  const row = (cells: readonly string[], cls = ''): string => `<tr${cls ? ` class="${cls}"` : ''}><td>${escapeXml(cells[0] ?? '')}</td>${cells.slice(1).map((c) => `<td class="n">${escapeXml(c)}</td>`).join('')}</tr>`;
  const rows = pivotRows(model);
  const body = rows.map((r, i) => row(r, i === rows.length - 1 ? 'total' : '')).join('\n');
  return `<table class="pivot" id="pivot"><thead>${top}${second}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** One self-contained HTML file: inline CSS and SVG, no scripts, no network. */
export function renderReportHtml(model: ReportModel): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => text(model, key, vars);
  const h = model.hourly;
  const charts: string[] = [];
  if (h.forecast && h.p10 && h.p90 && h.capacity) {
    charts.push(
      hourlyChart({
        title: t('chartDemandBand'),
        hours: h.hours,
        yLabel: t('inquiriesPerHour'),
        band: { name: t('forecastBand'), low: h.p10, high: h.p90, color: '#60a5fa' },
        lines: [
          { name: t('forecastSeries'), values: h.forecast, color: '#1d4ed8' },
          { name: t('capacityAtTarget'), values: h.capacity, color: '#059669', dashed: true },
        ],
        highlight: { name: t('shortfallHours'), hours: h.shortfall, color: '#ef4444' },
      }),
    );
  }
  charts.push(
    hourlyChart({
      title: t('chartRequiredScheduled'),
      hours: h.hours,
      yLabel: t('productiveAgents'),
      lines: [
        { name: t('required'), values: h.required, color: '#1d4ed8' },
        { name: t('scheduled'), values: h.scheduled, color: '#059669' },
      ],
      highlight: { name: t('shortfallHours'), hours: h.shortfall, color: '#ef4444' },
    }),
  );
  const cost = barChart({ title: t('costByPoolIn', { cur: model.currency }), items: model.costByPool.map((p, i) => ({ label: p.pool, value: p.cost, color: PALETTE[i % PALETTE.length] })), format: (v) => grouped(v, 2) });
  const byDay = stackedBarChart({
    title: t('agentsByShiftDay'),
    categories: model.byDay.dates,
    yLabel: t('agentsStarting'),
    series: model.byDay.shifts.map((s, i) => ({ name: `${s.name} (${s.code})`, values: s.values, color: PALETTE[i % PALETTE.length] as string })),
  });
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${model.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`,
    `<title>${escapeXml(model.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(model.title)}</h1>`,
    ...model.warnings.map((w) => `<p class="warn" id="accepted-gap"><strong>${escapeXml(w)}</strong></p>`),
    `<h2>${escapeXml(t('keyFigures'))}</h2>`,
    htmlTable([t('figure'), t('value')], model.kpis.map((k) => [k.label, k.value]), [false, false], 'kpis'),
    `<h2>${escapeXml(t('glossaryTitle'))}</h2>`,
    `<dl class="terms" id="terms">${model.glossary.map((g) => `<dt>${escapeXml(g.term)}</dt><dd>${escapeXml(g.meaning)}</dd>`).join('')}</dl>`,
    `<h2>${escapeXml(t('demandCoverage'))}</h2>`,
    ...charts.map((c) => `<div class="chart">${c}</div>`),
    `<p class="note">${escapeXml(t('capacityNote'))}</p>`,
    `<h2>${escapeXml(t('cost'))}</h2>`,
    `<div class="chart">${cost}</div>`,
    htmlTable(costHeader(model), costRows(model, (v) => grouped(v, 2)), [false, false, true, true, true, true], 'cost'),
    `<h2>${escapeXml(t('agentsByDatePoolShift'))}</h2>`,
    `<div class="chart">${byDay}</div>`,
    `<p class="note">${escapeXml(t('pivotNote'))}</p>`,
    pivotHtml(model),
  ];
  if (model.explanations.length > 0) {
    parts.push(
      `<h2>${escapeXml(t('whyShort'))}</h2>`,
      htmlTable(whyShortHeader(model), explanationRows(model), [false, false, true, true, true, true, false], 'why-short'),
      `<p class="note">${escapeXml(t('whyShortNote'))}</p>`,
    );
  }
  if (model.worst.length > 0) {
    const [head, rows] = worstTable(model);
    parts.push(`<h2>${escapeXml(t('worstShortHours'))}</h2>`, htmlTable(head, rows, [false, false, true, true, true]));
  }
  if (model.roster) {
    const r = model.roster;
    parts.push(`<h2>${escapeXml(t('roster'))}</h2>`, `<p>${escapeXml(t('rosterLead', { working: r.agentsWorking, agents: r.agents, seats: seatsText(model, r.seats) }))}<span${r.unfilledSeats > 0 ? ' class="warn"' : ''}>${escapeXml(t('unfilledSeatsCount', { n: r.unfilledSeats }))}</span>${model.lang === 'zh' ? '。' : '.'}</p>`);
    parts.push(htmlTable([t('fairHeader'), t('colMin'), t('colMax'), t('colMaxMinusMin'), t('colAgents')], fairnessRows(model, r.fairness), [false, true, true, true, true], 'fairness'));
    if (r.unfilled.length > 0) parts.push(`<h3>${escapeXml(t('unfilledSeats'))}</h3><ul>`, ...r.unfilled.map((u) => `<li class="warn">${escapeXml(unfilledText(model.lang, u))}</li>`), '</ul>');
  }
  parts.push(`<p class="note">${escapeXml(t('footerNote'))}</p>`, '</body></html>');
  return `${parts.join('\n')}\n`;
}
