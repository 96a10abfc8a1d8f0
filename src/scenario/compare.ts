/**
 * The side-by-side comparison of scenarios: one row per scenario with total
 * cost and its delta vs the base (the first result), cost by pool, outsourced
 * share, peak agents by pool, shortfall, lowest hourly service level,
 * abandonment and solver gap; written as CSV and Markdown.
 *
 * Scenarios are ranked by what the plan itself minimises: the cost paid plus
 * the price of the inquiries it leaves unanswered within target (lost
 * service). A scenario that saves wages by leaving hours short does not rank
 * as cheap.
 */
import { tr, type Lang, type TextKey } from '../domain/i18n';
import { csvCell, money } from '../report/format';
import type { ScenarioResult } from './result';
import { pointCost, type SweepCurve } from './sweep';

export interface ComparisonRow {
  scenario: string;
  status: string;
  totalCost: number | null;
  deltaCost: number | null;
  /** Delta as a share of the base cost (0.12 = +12%). */
  deltaShare: number | null;
  /** totalCost + lostServiceCost: what ranks the scenarios. */
  costWithLostService: number | null;
  deltaWithLostService: number | null;
  deltaShareWithLostService: number | null;
  /** 1 = lowest cost with lost service among the scenarios with a plan (ties: file order); null without a plan. */
  rank: number | null;
  costByPool: Array<number | null>;
  outsourcedShare: number | null;
  peakAgentsByPool: Array<number | null>;
  shortfallHours: number | null;
  shortfallAgentHours: number | null;
  shortfallCost: number | null;
  lostServiceCost: number | null;
  belowFloorHours: number | null;
  lowestServiceLevel: number | null;
  abandonRate: number | null;
  simulatedServiceLevel: number | null;
  hoursMeetingTarget: number | null;
  solverGap: number | null;
  message: string;
}

export interface Comparison {
  currency: string;
  /** Every pool seen, in first-seen order (a removed vendor still has its column). */
  pools: string[];
  rows: ComparisonRow[];
}

export function compareScenarios(results: ScenarioResult[]): Comparison {
  const pools: string[] = [];
  for (const r of results) for (const p of Object.keys(r.costByPool)) if (!pools.includes(p)) pools.push(p);
  const base = results[0];
  const baseCost = base && base.status === 'ok' ? base.totalCost : null;
  const honest = (r: ScenarioResult): number => r.totalCost + r.lostServiceCost;
  const baseHonest = base && base.status === 'ok' ? honest(base) : null;
  const ranked = results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.status === 'ok')
    .sort((a, b) => honest(a.r) - honest(b.r) || a.i - b.i);
  const rankOf = new Map(ranked.map(({ i }, k) => [i, k + 1]));
  const rows = results.map((r, i): ComparisonRow => {
    const ok = r.status === 'ok';
    const value = <T>(v: T): T | null => (ok ? v : null);
    return {
      scenario: r.name,
      status: r.status,
      totalCost: value(r.totalCost),
      deltaCost: ok && baseCost !== null ? r.totalCost - baseCost : null,
      deltaShare: ok && baseCost !== null && baseCost > 0 ? (r.totalCost - baseCost) / baseCost : null,
      costWithLostService: ok ? honest(r) : null,
      deltaWithLostService: ok && baseHonest !== null ? honest(r) - baseHonest : null,
      deltaShareWithLostService: ok && baseHonest !== null && baseHonest > 0 ? (honest(r) - baseHonest) / baseHonest : null,
      rank: rankOf.get(i) ?? null,
      costByPool: pools.map((p) => (ok ? (r.costByPool[p] ?? 0) : null)),
      outsourcedShare: value(r.outsourcedShare),
      peakAgentsByPool: pools.map((p) => (ok ? (r.peakAgentsByPool[p] ?? 0) : null)),
      shortfallHours: value(r.shortfallHours),
      shortfallAgentHours: value(r.shortfallAgentHours),
      shortfallCost: value(r.shortfallCost),
      lostServiceCost: value(r.lostServiceCost),
      belowFloorHours: value(r.belowFloorHours),
      lowestServiceLevel: ok ? r.lowestServiceLevel : null,
      abandonRate: ok ? r.abandonRate : null,
      simulatedServiceLevel: ok && r.simulation ? r.simulation.serviceLevel : null,
      hoursMeetingTarget: ok && r.simulation ? r.simulation.shareOfHoursMeetingTarget : null,
      solverGap: ok ? r.solverGap : null,
      message: r.message ?? '',
    };
  });
  return { currency: results.find((r) => r.currency)?.currency ?? '', pools, rows };
}

const n = (v: number | null, digits: number): string => (v === null || !Number.isFinite(v) ? '' : clean(v).toFixed(digits));

function clean(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}


export function comparisonCsv(c: Comparison): string {
  const header = [
    'scenario', 'status', 'total_cost', 'delta_cost', 'delta_pct', 'cost_with_lost_service', 'delta_with_lost_service', 'delta_with_lost_service_pct', 'rank',
    ...c.pools.map((p) => `cost_${p}`), 'outsourced_share', ...c.pools.map((p) => `peak_agents_${p}`),
    'shortfall_hours', 'shortfall_agent_hours', 'shortfall_cost', 'lost_service_cost', 'below_floor_hours', 'lowest_service_level', 'abandon_rate',
    'simulated_service_level', 'hours_meeting_target', 'solver_gap', 'message',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const r of c.rows) {
    lines.push([
      csvCell(r.scenario), r.status, n(r.totalCost, 2), n(r.deltaCost, 2), n(r.deltaShare === null ? null : r.deltaShare * 100, 2),
      n(r.costWithLostService, 2), n(r.deltaWithLostService, 2), n(r.deltaShareWithLostService === null ? null : r.deltaShareWithLostService * 100, 2), n(r.rank, 0),
      ...r.costByPool.map((v) => n(v, 2)), n(r.outsourcedShare, 4), ...r.peakAgentsByPool.map((v) => n(v, 0)),
      n(r.shortfallHours, 0), n(r.shortfallAgentHours, 2), n(r.shortfallCost, 2), n(r.lostServiceCost, 2), n(r.belowFloorHours, 0), n(r.lowestServiceLevel, 4), n(r.abandonRate, 4),
      n(r.simulatedServiceLevel, 4), n(r.hoursMeetingTarget, 4), n(r.solverGap, 6), csvCell(r.message),
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const pct = (v: number | null, digits = 1): string => (v === null || !Number.isFinite(v) ? '–' : `${(clean(v) * 100).toFixed(digits)}%`);
const signed = (v: number, text: string): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The columns people read, best first: rank, cost with lost service and its delta vs the base, the
 * cost paid and the lost service, then shortfall and service. Pools get a table of their own, so the
 * main one stays narrow enough for a laptop screen and a terminal.
 */
export const PEOPLE_KEYS: readonly TextKey[] = ['col_rank', 'col_scenario', 'col_costWithLost', 'col_vsBase', 'col_costPaid', 'col_lostService', 'col_outsourced', 'col_shortfallHours', 'col_shortfallAgentHours', 'col_belowFloor', 'col_lowestSl', 'col_simSl', 'col_hoursOnTarget', 'cmpAbandon', 'cmpGap'];

/** One row's cells under PEOPLE_KEYS (a row without a plan: its status and reason). */
export function peopleCells(r: ComparisonRow, isBase: boolean): string[] | null {
  if (r.status !== 'ok') return null;
  const delta = isBase ? '—' : r.deltaWithLostService === null ? '–' : `${signed(r.deltaWithLostService, money(r.deltaWithLostService, 0))} (${signed(r.deltaShareWithLostService ?? 0, pct(r.deltaShareWithLostService))})`;
  return [
    String(r.rank ?? ''), r.scenario, money(r.costWithLostService ?? 0, 0), delta, money(r.totalCost ?? 0, 0), money(r.lostServiceCost ?? 0, 0), pct(r.outsourcedShare),
    String(r.shortfallHours ?? 0), (r.shortfallAgentHours ?? 0).toFixed(1), String(r.belowFloorHours ?? 0), pct(r.lowestServiceLevel), pct(r.simulatedServiceLevel), pct(r.hoursMeetingTarget), pct(r.abandonRate), pct(r.solverGap, 2),
  ];
}

/** Rows best first (by rank); rows without a plan last, in file order. */
export function rankedRows(c: Comparison): ComparisonRow[] {
  return [...c.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

export function comparisonMarkdown(c: Comparison, curves: SweepCurve[] = [], lang: Lang = 'en'): string {
  const t = (key: TextKey, vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const head = PEOPLE_KEYS.map((k) => (k === 'col_costWithLost' ? `${t(k)} (${c.currency})` : t(k)));
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 1 ? '---' : '---:')).join('|')}|`];
  const base = c.rows[0]?.scenario;
  for (const r of rankedRows(c)) {
    const cells = peopleCells(r, r.scenario === base);
    if (cells === null) lines.push(`| | ${mdCell(r.scenario)} | ${r.status}: ${mdCell(r.message)} |${' |'.repeat(head.length - 3)}`);
    else lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  const out = [`# ${t('whatIfTitle')}`, '', t('rankHint'), '', lines.join('\n')];
  const ok = c.rows.filter((r) => r.status === 'ok');
  if (ok.length > 0 && c.pools.length > 0) {
    const poolHead = [t('cmpScenario'), ...c.pools.map((pool) => t('cmpCostPool', { pool })), ...c.pools.map((pool) => t('cmpPeakPool', { pool }))];
    out.push('', `## ${t('costByPool')}`, '', `| ${poolHead.join(' | ')} |`, `|${poolHead.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const r of ok) out.push(`| ${[mdCell(r.scenario), ...r.costByPool.map((v) => money(v ?? 0, 0)), ...r.peakAgentsByPool.map((v) => String(v ?? 0))].join(' | ')} |`);
  }
  for (const curve of curves) out.push('', sweepMarkdown(curve, c.currency));
  return `${out.join('\n')}\n`;
}

export function sweepMarkdown(curve: SweepCurve, currency: string): string {
  const lines = [`## Sweep ${curve.parameter}`, '', `| ${curve.parameter} | cost + lost service (${currency}) | cost paid | lost service | shortfall agent-hours | note |`, '|---:|---:|---:|---:|---:|---|'];
  curve.points.forEach((p, i) => {
    const notes: string[] = [];
    if (i === curve.cheapest) notes.push('cheapest');
    if (i === curve.shortfallStart) notes.push('shortfall starts');
    if (p.totalCost === null) notes.push('no plan');
    const cost = (v: number | null): string => (v === null ? '–' : money(v, 0));
    lines.push(`| ${p.value} | ${cost(pointCost(p))} | ${cost(p.totalCost)} | ${cost(p.lostServiceCost)} | ${p.shortfallAgentHours === null ? '–' : clean(p.shortfallAgentHours).toFixed(1)} | ${notes.join(', ')} |`);
  });
  return lines.join('\n');
}

export function sweepCsv(curve: SweepCurve): string {
  const lines = ['value,scenario,total_cost,lost_service_cost,cost_with_lost_service,shortfall_agent_hours,cheapest,shortfall_starts'];
  curve.points.forEach((p, i) => {
    lines.push([String(p.value), csvCell(p.name), n(p.totalCost, 2), n(p.lostServiceCost, 2), n(pointCost(p), 2), n(p.shortfallAgentHours, 2), i === curve.cheapest ? 'yes' : '', i === curve.shortfallStart ? 'yes' : ''].join(','));
  });
  return `${lines.join('\n')}\n`;
}
