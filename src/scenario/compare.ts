/**
 * The side-by-side comparison of scenarios: one row per scenario with total
 * cost and its delta vs the base (the first result), cost by pool, outsourced
 * share, peak agents by pool, shortfall, lowest hourly service level,
 * abandonment and solver gap; written as CSV and Markdown.
 */
import { tr, type Lang } from '../domain/i18n';
import { csvCell } from '../report/format';
import type { ScenarioResult } from './result';
import type { SweepCurve } from './sweep';

export interface ComparisonRow {
  scenario: string;
  status: string;
  totalCost: number | null;
  deltaCost: number | null;
  /** Delta as a share of the base cost (0.12 = +12%). */
  deltaShare: number | null;
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
  const rows = results.map((r): ComparisonRow => {
    const ok = r.status === 'ok';
    const value = <T>(v: T): T | null => (ok ? v : null);
    return {
      scenario: r.name,
      status: r.status,
      totalCost: value(r.totalCost),
      deltaCost: ok && baseCost !== null ? r.totalCost - baseCost : null,
      deltaShare: ok && baseCost !== null && baseCost > 0 ? (r.totalCost - baseCost) / baseCost : null,
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
    'scenario', 'status', 'total_cost', 'delta_cost', 'delta_pct',
    ...c.pools.map((p) => `cost_${p}`), 'outsourced_share', ...c.pools.map((p) => `peak_agents_${p}`),
    'shortfall_hours', 'shortfall_agent_hours', 'shortfall_cost', 'lost_service_cost', 'below_floor_hours', 'lowest_service_level', 'abandon_rate',
    'simulated_service_level', 'hours_meeting_target', 'solver_gap', 'message',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const r of c.rows) {
    lines.push([
      csvCell(r.scenario), r.status, n(r.totalCost, 2), n(r.deltaCost, 2), n(r.deltaShare === null ? null : r.deltaShare * 100, 2),
      ...r.costByPool.map((v) => n(v, 2)), n(r.outsourcedShare, 4), ...r.peakAgentsByPool.map((v) => n(v, 0)),
      n(r.shortfallHours, 0), n(r.shortfallAgentHours, 2), n(r.shortfallCost, 2), n(r.lostServiceCost, 2), n(r.belowFloorHours, 0), n(r.lowestServiceLevel, 4), n(r.abandonRate, 4),
      n(r.simulatedServiceLevel, 4), n(r.hoursMeetingTarget, 4), n(r.solverGap, 6), csvCell(r.message),
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** 1234567.8 → "1,234,568". */
export function money(v: number): string {
  const r = Math.round(v);
  return (Object.is(r, -0) ? 0 : r).toLocaleString('en-US');
}

const pct = (v: number | null, digits = 1): string => (v === null || !Number.isFinite(v) ? '–' : `${(clean(v) * 100).toFixed(digits)}%`);
const signed = (v: number, text: string): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function comparisonMarkdown(c: Comparison, curves: SweepCurve[] = [], lang: Lang = 'en'): string {
  const t = (key: Parameters<typeof tr>[1], vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const head = [
    t('cmpScenario'), t('cmpTotalCostIn', { cur: c.currency }), t('cmpVsBase'), ...c.pools.map((pool) => t('cmpCostPool', { pool })), t('cmpOutsourced'), ...c.pools.map((pool) => t('cmpPeakPool', { pool })),
    t('cmpShortfallH'), t('cmpShortfallAgentH'), t('cmpLowestSl'), t('cmpAbandon'), t('cmpSolverGap'),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of c.rows) {
    if (r.status !== 'ok') {
      lines.push(`| ${mdCell(r.scenario)} | ${r.status}: ${mdCell(r.message)} |${' |'.repeat(head.length - 2)}`);
      continue;
    }
    const delta = r.deltaCost === null ? '–' : r.scenario === c.rows[0]?.scenario ? '—' : `${signed(r.deltaCost, money(r.deltaCost))} (${signed(r.deltaShare ?? 0, pct(r.deltaShare))})`;
    lines.push(`| ${[
      mdCell(r.scenario), money(r.totalCost ?? 0), delta,
      ...r.costByPool.map((v) => money(v ?? 0)), pct(r.outsourcedShare), ...r.peakAgentsByPool.map((v) => String(v ?? 0)),
      String(r.shortfallHours ?? 0), (r.shortfallAgentHours ?? 0).toFixed(1), pct(r.lowestServiceLevel), pct(r.abandonRate), r.solverGap === null ? '–' : pct(r.solverGap, 2),
    ].join(' | ')} |`);
  }
  const out = [`# ${t('whatIfTitle')}`, '', lines.join('\n')];
  const simulated = c.rows.filter((r) => r.simulatedServiceLevel !== null);
  if (simulated.length > 0) {
    out.push('', `## ${t('cmpSimulated')}`, '', `| ${t('cmpScenario')} | ${t('cmpServiceLevel')} | ${t('cmpHoursMeeting')} | ${t('cmpAbandon')} |`, '|---|---:|---:|---:|');
    for (const r of simulated) out.push(`| ${mdCell(r.scenario)} | ${pct(r.simulatedServiceLevel)} | ${pct(r.hoursMeetingTarget)} | ${pct(r.abandonRate)} |`);
  }
  for (const curve of curves) out.push('', sweepMarkdown(curve, c.currency));
  return `${out.join('\n')}\n`;
}

export function sweepMarkdown(curve: SweepCurve, currency: string): string {
  const lines = [`## Sweep ${curve.parameter}`, '', `| ${curve.parameter} | total cost (${currency}) | shortfall agent-hours | note |`, '|---:|---:|---:|---|'];
  curve.points.forEach((p, i) => {
    const notes: string[] = [];
    if (i === curve.cheapest) notes.push('cheapest');
    if (i === curve.shortfallStart) notes.push('shortfall starts');
    if (p.totalCost === null) notes.push('no plan');
    lines.push(`| ${p.value} | ${p.totalCost === null ? '–' : money(p.totalCost)} | ${p.shortfallAgentHours === null ? '–' : clean(p.shortfallAgentHours).toFixed(1)} | ${notes.join(', ')} |`);
  });
  return lines.join('\n');
}

export function sweepCsv(curve: SweepCurve): string {
  const lines = ['value,scenario,total_cost,shortfall_agent_hours,cheapest,shortfall_starts'];
  curve.points.forEach((p, i) => {
    lines.push([String(p.value), csvCell(p.name), n(p.totalCost, 2), n(p.shortfallAgentHours, 2), i === curve.cheapest ? 'yes' : '', i === curve.shortfallStart ? 'yes' : ''].join(','));
  });
  return `${lines.join('\n')}\n`;
}
