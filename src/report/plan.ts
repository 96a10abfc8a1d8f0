/**
 * The plan report: one model of figures built from the plan, coverage,
 * demand and roster, rendered to summary.md and to a self-contained
 * report.html. Both renderers read the same model, so the page and the
 * Markdown show the same numbers as summary.json.
 */
import type { Config } from '../config';
import { datesBetween, hourNumber, type Demand, type ShiftLine } from '../domain';
import type { CoverageRow, PlanSummary, ShortageExplanation } from '../plan';
import type { Fairness, Roster, UnfilledSeat } from '../roster';
import { barChart, hourlyChart, PALETTE, stackedBarChart } from './charts';
import { escapeXml, fixedDigits, grouped, percent } from './format';

export interface ReportInput {
  config: Pick<Config, 'shifts' | 'pools' | 'forecast' | 'currency'>;
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
}

export interface Kpi {
  label: string;
  value: string;
}

export interface ReportModel {
  title: string;
  currency: string;
  kpis: Kpi[];
  costByPool: Array<{ pool: string; kind: string; cost: number; share: number; agentShifts: number; peakAgentsPerDay: number }>;
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
    return { pool, kind: p.kind, cost: p.cost, share: summary.totalCost > 0 ? p.cost / summary.totalCost : 0, agentShifts: p.agentShifts, peakAgentsPerDay: p.peakAgentsPerDay };
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
  const kpis: Kpi[] = [
    { label: 'Horizon', value: `${summary.horizon.start} .. ${summary.horizon.end} (${summary.horizon.days} days)` },
    { label: 'Total cost', value: `${cur} ${grouped(summary.totalCost, 2)}` },
    ...costByPool.map((p) => ({ label: `Cost ${p.pool}`, value: `${cur} ${grouped(p.cost, 2)} (${percent(p.share)})` })),
    { label: 'Outsourced share (productive agent-hours)', value: `${percent(summary.outsourcing.achieved)} (target ${percent(summary.outsourcing.min, 0)}-${percent(summary.outsourcing.max, 0)} per ${summary.outsourcing.scope})` },
    { label: 'Shortfall (below target)', value: `${grouped(summary.shortfall.agentHours, 2)} agent-hours in ${summary.shortfall.hoursShort} hours` },
    { label: 'Inquiries late because of the shortfall', value: `${grouped(summary.shortfall.lostInquiries, 1)} (${cur} ${grouped(summary.shortfall.cost, 2)})` },
    { label: 'All inquiries not answered within target (queue model)', value: `${grouped(summary.lostService.lateInquiries, 1)} (${cur} ${grouped(summary.lostService.cost, 2)} of lost service, not in the total cost)` },
    {
      label: 'Hourly service floor',
      value: summary.shortfall.hoursBelowFloor > 0 ? `NOT HELD in ${summary.shortfall.hoursBelowFloor} queue-hours (${grouped(summary.shortfall.belowFloorAgentHours, 2)} agent-hours below)` : 'held in every hour',
    },
    { label: 'Schedule efficiency (required / scheduled)', value: percent(summary.scheduleEfficiency) },
    { label: 'Productive agent-hours required / scheduled', value: `${grouped(summary.requiredProductiveHours, 1)} / ${grouped(summary.scheduledProductiveHours, 1)}` },
    ...(input.extraKpis ?? []),
    {
      label: 'Solver',
      // No seconds: they vary from run to run, and the report is byte-stable (the CLI prints them).
      value: `${summary.solver.name} ${summary.solver.status}, objective ${grouped(summary.solver.objective, 2)}, gap ${summary.solver.gap === null ? 'n/a' : percent(summary.solver.gap, 3)}`,
    },
  ];
  const model: ReportModel = {
    title: `Staffing plan ${summary.horizon.start} .. ${summary.horizon.end}`,
    currency: cur,
    kpis,
    costByPool,
    hourly,
    byDay: { dates, shifts, rows },
    worst: summary.shortfall.worst,
    explanations: input.explanations ?? [],
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
      { label: 'Agents rostered', value: `${rs.agentsWorking} of ${rs.agents}` },
      ...model.roster.seats.map((s) => ({ label: `Seats ${s.pool}`, value: String(s.seats) })),
      { label: 'Unfilled seats', value: String(rs.unfilledSeats) },
    );
  }
  return model;
}

function explanationRows(model: ReportModel): string[][] {
  return model.explanations.map((e) => [
    `${e.from}${e.to !== e.from ? ` .. ${e.to.slice(11)}` : ''}${e.kind === 'floor' ? ' (below floor)' : ''}`,
    e.queues.join(', '),
    grouped(e.agentHours, 2),
    grouped(e.lostInquiries, 1),
    grouped(e.lostCost, 2),
    e.fix ? grouped(e.fix.extraCost, 2) : '',
    e.why,
  ]);
}

function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[] = []): string {
  const align = header.map((_, i) => (right[i] ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
}

const FAIRNESS_ROWS: ReadonlyArray<[keyof Fairness, string]> = [
  ['shifts', 'Shifts'],
  ['nights', 'Nights'],
  ['weekends', 'Weekend days'],
  ['eventDays', 'Event days'],
];

export function renderSummaryMarkdown(model: ReportModel): string {
  const parts: string[] = [`# ${model.title}`, '', '## Key figures', '', mdTable(['Figure', 'Value'], model.kpis.map((k) => [k.label, k.value]))];
  parts.push(
    '',
    '## Cost by pool',
    '',
    mdTable(
      ['Pool', 'Kind', `Cost (${model.currency})`, 'Share', 'Agent-shifts', 'Peak agents/day'],
      model.costByPool.map((p) => [p.pool, p.kind, fixedDigits(p.cost, 2), percent(p.share), grouped(p.agentShifts), grouped(p.peakAgentsPerDay)]),
      [false, false, true, true, true, true],
    ),
  );
  parts.push('', '## Agents by day and shift', '', mdTable(['Date', ...model.byDay.shifts.map((s) => s.name), 'Total'], model.byDay.dates.map((d, i) => {
    const v = model.byDay.shifts.map((s) => s.values[i] ?? 0);
    return [d, ...v.map(String), String(v.reduce((a, b) => a + b, 0))];
  }), [false, ...model.byDay.shifts.map(() => true), true]));
  if (model.worst.length > 0) {
    parts.push('', '## Worst short hours', '', mdTable(['Hour', 'Queue', 'Required', 'Scheduled', 'Short'], model.worst.map((w) => [w.timestamp, w.queue, grouped(w.required, 2), grouped(w.scheduled, 2), grouped(w.shortfall, 2)]), [false, false, true, true, true]));
  }
  if (model.explanations.length > 0) {
    parts.push('', '## Why short, and what covering it would cost', '', mdTable(['Hours', 'Queues', 'Short (agent-h)', 'Lost inquiries', `Lost service (${model.currency})`, `Cover for (${model.currency})`, 'Why'], explanationRows(model), [false, false, true, true, true, true, false]));
  }
  if (model.roster) {
    const r = model.roster;
    parts.push('', '## Roster', '', `${r.agentsWorking} of ${r.agents} agents rostered; vendor seats: ${r.seats.map((s) => `${s.pool} ${s.seats}`).join(', ') || 'none'}; unfilled seats: ${r.unfilledSeats}.`);
    parts.push('', 'Fair spread across in-house agents (max - min per agent):', '', mdTable(['Count', 'Min', 'Max', 'Spread', 'Agents'], FAIRNESS_ROWS.map(([k, label]) => [label, String(r.fairness[k].min), String(r.fairness[k].max), String(r.fairness[k].spread), String(r.fairness[k].agents)]), [false, true, true, true, true]));
    if (r.unfilled.length > 0) {
      parts.push('', '### Unfilled seats', '', ...r.unfilled.map((u) => `- ${u.reason} (tightest rule: ${u.tightestRule})`));
    }
  }
  return `${parts.join('\n')}\n`;
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1140px;color:#111827;padding:0 12px}
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
  const h = model.hourly;
  const charts: string[] = [];
  if (h.forecast && h.p10 && h.p90 && h.capacity) {
    charts.push(
      hourlyChart({
        title: 'Demand band (p10-p90) vs scheduled capacity per hour',
        hours: h.hours,
        yLabel: 'inquiries per hour',
        band: { name: 'forecast p10-p90', low: h.p10, high: h.p90, color: '#60a5fa' },
        lines: [
          { name: 'forecast', values: h.forecast, color: '#1d4ed8' },
          { name: 'capacity at target', values: h.capacity, color: '#059669', dashed: true },
        ],
        highlight: { name: 'shortfall hours', hours: h.shortfall, color: '#ef4444' },
      }),
    );
  }
  charts.push(
    hourlyChart({
      title: 'Required vs scheduled productive agents per hour',
      hours: h.hours,
      yLabel: 'productive agents',
      lines: [
        { name: 'required', values: h.required, color: '#1d4ed8' },
        { name: 'scheduled', values: h.scheduled, color: '#059669' },
      ],
      highlight: { name: 'shortfall hours', hours: h.shortfall, color: '#ef4444' },
    }),
  );
  const cost = barChart({ title: `Cost by pool (${model.currency})`, items: model.costByPool.map((p, i) => ({ label: p.pool, value: p.cost, color: PALETTE[i % PALETTE.length] })), format: (v) => grouped(v, 2) });
  const byDay = stackedBarChart({
    title: 'Agents by shift and day',
    categories: model.byDay.dates,
    yLabel: 'agents starting a shift',
    series: model.byDay.shifts.map((s, i) => ({ name: `${s.name} (${s.code})`, values: s.values, color: PALETTE[i % PALETTE.length] as string })),
  });
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(model.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(model.title)}</h1>`,
    '<h2>Key figures</h2>',
    htmlTable(['Figure', 'Value'], model.kpis.map((k) => [k.label, k.value]), [false, false], 'kpis'),
    '<h2>Demand and coverage</h2>',
    ...charts.map((c) => `<div class="chart">${c}</div>`),
    '<p class="note">Capacity at target = scheduled productive agents × the hour\'s inquiries per required agent (the staffing model\'s ratio). Red hours are short of the requirement.</p>',
    '<h2>Cost</h2>',
    `<div class="chart">${cost}</div>`,
    htmlTable(['Pool', 'Kind', `Cost (${model.currency})`, 'Share', 'Agent-shifts', 'Peak agents/day'], model.costByPool.map((p) => [p.pool, p.kind, grouped(p.cost, 2), percent(p.share), grouped(p.agentShifts), grouped(p.peakAgentsPerDay)]), [false, false, true, true, true, true], 'cost'),
    '<h2>Agents by shift and day</h2>',
    `<div class="chart">${byDay}</div>`,
    htmlTable(['Date', 'Pool', 'Shift', 'Agents'], model.byDay.rows.map((r) => [r.date, r.pool, r.shift, String(r.agents)]), [false, false, false, true], 'by-day'),
  ];
  if (model.explanations.length > 0) {
    parts.push(
      '<h2>Why short, and what covering it would cost</h2>',
      htmlTable(['Hours', 'Queues', 'Short (agent-h)', 'Lost inquiries', `Lost service (${model.currency})`, `Cover for (${model.currency})`, 'Why'], explanationRows(model), [false, false, true, true, true, true, false], 'why-short'),
      '<p class="note">Each row is a run of consecutive short hours. "Cover for" re-plans those hours with their whole requirement as a hard rule, everything outside their dates held as planned; empty where not priced or impossible. Limits that bind are named in "Why".</p>',
    );
  }
  if (model.worst.length > 0) {
    parts.push('<h2>Worst short hours</h2>', htmlTable(['Hour', 'Queue', 'Required', 'Scheduled', 'Short'], model.worst.map((w) => [w.timestamp, w.queue, grouped(w.required, 2), grouped(w.scheduled, 2), grouped(w.shortfall, 2)]), [false, false, true, true, true]));
  }
  if (model.roster) {
    const r = model.roster;
    parts.push('<h2>Roster</h2>', `<p>${r.agentsWorking} of ${r.agents} agents rostered; vendor seats: ${escapeXml(r.seats.map((s) => `${s.pool} ${s.seats}`).join(', ') || 'none')}; <span${r.unfilledSeats > 0 ? ' class="warn"' : ''}>unfilled seats: ${r.unfilledSeats}</span>.</p>`);
    parts.push(htmlTable(['Fair spread (per agent)', 'Min', 'Max', 'Max - min', 'Agents'], FAIRNESS_ROWS.map(([k, label]) => [label, String(r.fairness[k].min), String(r.fairness[k].max), String(r.fairness[k].spread), String(r.fairness[k].agents)]), [false, true, true, true, true], 'fairness'));
    if (r.unfilled.length > 0) parts.push('<h3>Unfilled seats</h3><ul>', ...r.unfilled.map((u) => `<li class="warn">${escapeXml(u.reason)} (tightest rule: ${escapeXml(u.tightestRule)})</li>`), '</ul>');
  }
  parts.push('<p class="note">Generated by peakshift. Files beside this report: shifts.csv, coverage.csv, roster.csv, roster-grid.csv, vendors/*.csv, summary.json.</p>', '</body></html>');
  return `${parts.join('\n')}\n`;
}
