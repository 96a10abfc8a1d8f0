/**
 * The plan report: one model of figures built from the plan, coverage,
 * demand and roster, rendered to summary.md and to a self-contained
 * report.html. Both renderers read the same model, so the page and the
 * Markdown show the same numbers as summary.json.
 */
import type { Config } from '../config';
import { datesBetween, hourNumber, type Demand, type ShiftLine } from '../domain';
import { eventName, poolKindName, pricingModelName, tr, type Lang, type TextKey } from '../domain/i18n';
import { whyText, type CoverageRow, type PlanSummary, type ShortageExplanation } from '../plan';
import type { Fairness, Roster, UnfilledSeat } from '../roster';
import { barChart, hourlyChart, PALETTE, stackedBarChart } from './charts';
import { escapeXml, fixedDigits, grouped, percent } from './format';

export interface ReportInput {
  config: Pick<Config, 'shifts' | 'pools' | 'forecast' | 'currency'>;
  /** Language of the text for people (default en). */
  lang?: Lang;
  lines: readonly ShiftLine[];
  coverage: readonly CoverageRow[];
  summary: PlanSummary;
  /** The forecast the plan was sized on (for the demand band). */
  demand?: Demand;
  roster?: Roster;
  /** Figures from earlier stages (e.g. lowest hourly service level), shown after the plan's. */
  extraKpis?: ReadonlyArray<{ label: string; value: string }>;
  /** Why the plan is short where it is (summary.json `shortage.explanations`). */
  explanations?: readonly ShortageExplanation[];
  /** Lines shown above everything else (a plan written above its asked gap). */
  warnings?: readonly string[];
}

export interface Kpi {
  label: string;
  value: string;
}

export interface ReportModel {
  lang: Lang;
  title: string;
  /** Shown under the title, in red (a plan written above its asked gap). */
  warnings: readonly string[];
  currency: string;
  kpis: Kpi[];
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
  byDay: { dates: string[]; shifts: Array<{ name: string; code: string; values: number[] }>; rows: Array<{ date: string; pool: string; shift: string; agents: number }> };
  worst: PlanSummary['shortfall']['worst'];
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
  const rows: ReportModel['byDay']['rows'] = [];
  for (const d of dates) {
    for (const pool of poolNames) {
      for (const s of config.shifts) {
        const agents = input.lines.filter((l) => l.date === d && l.pool === pool && l.shift === s.name).reduce((n, l) => n + l.agents, 0);
        if (agents > 0) rows.push({ date: d, pool, shift: s.name, agents });
      }
    }
  }

  const cur = summary.currency;
  const scope = t(`scope_${summary.outsourcing.scope}`);
  const events = input.demand ? [...new Set(input.demand.events.filter((e) => e !== ''))].map((e) => eventName(lang, e)) : [];
  const kpis: Kpi[] = [
    { label: t('kpiHorizon'), value: t('horizonValue', { start: summary.horizon.start, end: summary.horizon.end, days: summary.horizon.days }) },
    ...(events.length > 0 ? [{ label: t('kpiEvents'), value: events.join(lang === 'zh' ? '、' : ', ') }] : []),
    { label: t('kpiTotalCost'), value: `${cur} ${grouped(summary.totalCost, 2)}` },
    ...costByPool.map((p) => ({ label: t('kpiCostPool', { pool: p.pool }), value: `${cur} ${grouped(p.cost, 2)} (${percent(p.share)})` })),
    { label: t('kpiOutsourced'), value: t('outsourcedValue', { share: percent(summary.outsourcing.achieved), min: percent(summary.outsourcing.min, 0), max: percent(summary.outsourcing.max, 0), scope }) },
    { label: t('kpiShortfall'), value: t('shortfallValue', { agentHours: grouped(summary.shortfall.agentHours, 2), hours: summary.shortfall.hoursShort }) },
    { label: t('kpiLate'), value: `${grouped(summary.shortfall.lostInquiries, 1)} (${cur} ${grouped(summary.shortfall.cost, 2)})` },
    { label: t('kpiLostService'), value: t('lostServiceValue', { inquiries: grouped(summary.lostService.lateInquiries, 1), cur, cost: grouped(summary.lostService.cost, 2) }) },
    {
      label: t('kpiFloor'),
      value: summary.shortfall.hoursBelowFloor > 0 ? t('floorNotHeld', { hours: summary.shortfall.hoursBelowFloor, agentHours: grouped(summary.shortfall.belowFloorAgentHours, 2) }) : t('floorHeld'),
    },
    { label: t('kpiEfficiency'), value: percent(summary.scheduleEfficiency) },
    { label: t('kpiHoursRequiredScheduled'), value: `${grouped(summary.requiredProductiveHours, 1)} / ${grouped(summary.scheduledProductiveHours, 1)}` },
    ...(input.extraKpis ?? []),
    {
      label: t('kpiSolver'),
      // No seconds: they vary from run to run, and the report is byte-stable (the CLI prints them).
      value: t('solverValue', { name: summary.solver.name, status: summary.solver.status, objective: grouped(summary.solver.objective, 2), gap: summary.solver.gap === null ? t('notAvailable') : percent(summary.solver.gap, 3) }),
    },
  ];
  const model: ReportModel = {
    lang,
    title: t('reportTitle', { start: summary.horizon.start, end: summary.horizon.end }),
    currency: cur,
    kpis,
    costByPool,
    hourly,
    byDay: { dates, shifts, rows },
    worst: summary.shortfall.worst,
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
      { label: t('kpiAgentsRostered'), value: t('countOf', { n: rs.agentsWorking, total: rs.agents }) },
      ...model.roster.seats.map((s) => ({ label: t('kpiSeats', { pool: s.pool }), value: String(s.seats) })),
      { label: t('unfilledSeats'), value: String(rs.unfilledSeats) },
    );
  }
  return model;
}

function explanationRows(model: ReportModel): string[][] {
  return model.explanations.map((e) => [
    `${e.from}${e.to !== e.from ? ` .. ${e.to.slice(11)}` : ''}${e.kind === 'floor' ? tr(model.lang, 'belowFloor') : ''}`,
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
  return [t('colHours'), t('colQueues'), t('colShortAgentH'), t('colLostInquiries'), t('colLostServiceIn'), t('colCoverForIn'), t('colWhy')];
}

function worstTable(model: ReportModel): [string[], string[][]] {
  const t = (key: TextKey): string => text(model, key);
  return [[t('colHour'), t('colQueue'), t('colRequired'), t('colScheduled'), t('colShort')], model.worst.map((w) => [w.timestamp, w.queue, grouped(w.required, 2), grouped(w.scheduled, 2), grouped(w.shortfall, 2)])];
}

function fairnessRows(model: ReportModel, fairness: Fairness): string[][] {
  return FAIRNESS_ROWS.map(([k, label]) => [text(model, label), String(fairness[k].min), String(fairness[k].max), String(fairness[k].spread), String(fairness[k].agents)]);
}

function seatsText(model: ReportModel, seats: ReadonlyArray<{ pool: string; seats: number }>): string {
  return seats.map((s) => `${s.pool} ${s.seats}`).join(model.lang === 'zh' ? '、' : ', ') || text(model, 'none');
}

export function renderSummaryMarkdown(model: ReportModel): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => text(model, key, vars);
  const parts: string[] = [`# ${model.title}`, '', ...model.warnings.flatMap((w) => [`**${w}**`, '']), `## ${t('keyFigures')}`, '', mdTable([t('figure'), t('value')], model.kpis.map((k) => [k.label, k.value]))];
  parts.push('', `## ${t('costByPool')}`, '', mdTable(costHeader(model), costRows(model, (v) => fixedDigits(v, 2)), [false, false, true, true, true, true]));
  parts.push('', `## ${t('agentsByDayShift')}`, '', mdTable([t('colDate'), ...model.byDay.shifts.map((s) => s.name), t('colTotal')], model.byDay.dates.map((d, i) => {
    const v = model.byDay.shifts.map((s) => s.values[i] ?? 0);
    return [d, ...v.map(String), String(v.reduce((a, b) => a + b, 0))];
  }), [false, ...model.byDay.shifts.map(() => true), true]));
  if (model.worst.length > 0) {
    const [head, rows] = worstTable(model);
    parts.push('', `## ${t('worstShortHours')}`, '', mdTable(head, rows, [false, false, true, true, true]));
  }
  if (model.explanations.length > 0) {
    parts.push('', `## ${t('whyShort')}`, '', mdTable(whyShortHeader(model), explanationRows(model), [false, false, true, true, true, true, false]));
  }
  if (model.roster) {
    const r = model.roster;
    parts.push('', `## ${t('roster')}`, '', `${t('rosterLead', { working: r.agentsWorking, agents: r.agents, seats: seatsText(model, r.seats) })}${t('unfilledSeatsCount', { n: r.unfilledSeats })}${model.lang === 'zh' ? '。' : '.'}`);
    parts.push('', t('fairIntro'), '', mdTable([t('colCount'), t('colMin'), t('colMax'), t('colSpread'), t('colAgents')], fairnessRows(model, r.fairness), [false, true, true, true, true]));
    if (r.unfilled.length > 0) {
      parts.push('', `### ${t('unfilledSeats')}`, '', ...r.unfilled.map((u) => `- ${u.reason} (${t('tightestRule', { rule: u.tightestRule })})`));
    }
  }
  return `${parts.join('\n')}\n`;
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px auto;max-width:1140px;color:#111827;padding:0 12px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f9fafb}.chart{margin:8px 0;overflow-x:auto}
.warn{color:#b91c1c}.note{color:#4b5563;font-size:12px}`;

function htmlTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[] = [], id?: string): string {
  const th = header.map((h, i) => `<th${right[i] ? ' class="n"' : ''}>${escapeXml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${right[i] ? ' class="n"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
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
    `<h2>${escapeXml(t('demandCoverage'))}</h2>`,
    ...charts.map((c) => `<div class="chart">${c}</div>`),
    `<p class="note">${escapeXml(t('capacityNote'))}</p>`,
    `<h2>${escapeXml(t('cost'))}</h2>`,
    `<div class="chart">${cost}</div>`,
    htmlTable(costHeader(model), costRows(model, (v) => grouped(v, 2)), [false, false, true, true, true, true], 'cost'),
    `<h2>${escapeXml(t('agentsByShiftDay'))}</h2>`,
    `<div class="chart">${byDay}</div>`,
    htmlTable([t('colDate'), t('colPool'), t('colShift'), t('colAgents')], model.byDay.rows.map((r) => [r.date, r.pool, r.shift, String(r.agents)]), [false, false, false, true], 'by-day'),
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
    if (r.unfilled.length > 0) parts.push(`<h3>${escapeXml(t('unfilledSeats'))}</h3><ul>`, ...r.unfilled.map((u) => `<li class="warn">${escapeXml(u.reason)} (${escapeXml(t('tightestRule', { rule: u.tightestRule }))})</li>`), '</ul>');
  }
  parts.push(`<p class="note">${escapeXml(t('footerNote'))}</p>`, '</body></html>');
  return `${parts.join('\n')}\n`;
}
