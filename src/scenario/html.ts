/** comparison.html: one self-contained page (inline CSS and SVG, no scripts, no network). */
import { hourKeyFromNumber, hourNumber } from '../domain';
import { tr, type Lang, type TextKey } from '../domain/i18n';
import { hourlyChart, PALETTE, stackedBarChart, sweepChart, type LineSeries } from '../report/charts';
import { escapeXml, money } from '../report/format';
import { htmlHead, tablePageCss } from '../report/page';
import { PEOPLE_KEYS, peopleCells, rankedRows, type Comparison } from './compare';
import type { ScenarioResult } from './result';
import { pointCost, type SweepCurve } from './sweep';

/** Columns that tell a cheap plan from a short one: shaded so they stand out. */
const SERVICE_COLUMNS = new Set<TextKey>(['col_lostService', 'col_shortfallHours', 'col_shortfallAgentHours', 'col_belowFloor', 'col_lowestSl', 'col_simSl', 'col_hoursOnTarget']);

type Text = (key: TextKey, vars?: Record<string, string | number>) => string;

function table(c: Comparison, t: Text): string {
  const head = PEOPLE_KEYS.map((k) => (k === 'col_costWithLost' ? `${t(k)} (${c.currency})` : t(k)));
  const base = c.rows[0]?.scenario;
  const rows = rankedRows(c).map((r) => {
    const cells = peopleCells(r, r.scenario === base);
    if (cells === null) return `<tr class="bad"><td></td><th>${escapeXml(r.scenario)}</th><td colspan="${head.length - 2}">${escapeXml(`${r.status}: ${r.message}`)}</td></tr>`;
    const cls = (r.shortfallHours ?? 0) > 0 || (r.belowFloorHours ?? 0) > 0 ? ' class="short"' : '';
    return `<tr${cls}>${cells.map((x, i) => (i === 1 ? `<th>${escapeXml(x)}</th>` : `<td${SERVICE_COLUMNS.has(PEOPLE_KEYS[i] as TextKey) ? ' class="svc"' : ''}>${escapeXml(x)}</td>`)).join('')}</tr>`;
  });
  return `<table class="main"><thead><tr>${head.map((h, i) => `<th${SERVICE_COLUMNS.has(PEOPLE_KEYS[i] as TextKey) ? ' class="svc"' : ''}>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Cost and peak agents by pool: a table of its own so the main one fits a laptop screen. */
function poolTable(c: Comparison, t: Text): string {
  const ok = c.rows.filter((r) => r.status === 'ok');
  if (ok.length === 0 || c.pools.length === 0) return '';
  const head = [t('cmpScenario'), ...c.pools.map((pool) => t('cmpCostPool', { pool })), ...c.pools.map((pool) => t('cmpPeakPool', { pool }))];
  const rows = ok.map((r) => `<tr><th>${escapeXml(r.scenario)}</th>${[...r.costByPool.map((v) => money(v ?? 0, 0)), ...r.peakAgentsByPool.map((v) => String(v ?? 0))].map((x) => `<td>${escapeXml(x)}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Coverage curves: the base's requirement dashed, each scenario's scheduled productive agents. */
function coverageChart(results: ScenarioResult[], t: Text): string {
  const ok = results.filter((r) => r.status === 'ok' && r.coverage.scheduled.length > 0);
  const base = ok[0];
  if (!base) return '';
  const lines: LineSeries[] = [];
  ok.forEach((r, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    if (i === 0 || r.coverage.required.some((v, h) => Math.abs(v - (base.coverage.required[h] ?? 0)) > 1e-9)) {
      lines.push({ name: t('cmpRequiredOf', { name: r.name }), values: r.coverage.required, color, dashed: true });
    }
    lines.push({ name: t('cmpScheduledOf', { name: r.name }), values: r.coverage.scheduled, color });
  });
  const first = hourNumber(base.coverage.startHour);
  const hours = base.coverage.scheduled.map((_, i) => hourKeyFromNumber(first + i));
  return hourlyChart({ title: t('cmpCoverageChart'), hours, yLabel: t('cmpAgents'), lines, width: 1100 });
}

export function comparisonHtml(c: Comparison, results: ScenarioResult[], curves: SweepCurve[], lang: Lang = 'en', title = tr(lang, 'whatIfTitle')): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const ok = c.rows.filter((r) => r.status === 'ok');
  const bars = stackedBarChart({
    title: t('costByPoolIn', { cur: c.currency }),
    categories: ok.map((r) => r.scenario),
    series: c.pools.map((p, j) => ({ name: p, values: ok.map((r) => r.costByPool[j] ?? 0), color: PALETTE[j % PALETTE.length] as string })),
    yLabel: c.currency,
    format: (v) => money(v, 0),
  });
  const sweeps = curves.map((curve) => {
    const cheapest = curve.points[curve.cheapest];
    const start = curve.points[curve.shortfallStart];
    const chart = sweepChart({
      title: t('cmpSweepChart', { parameter: curve.parameter }),
      xs: curve.points.map((p) => p.value),
      values: curve.points.map(pointCost),
      yLabel: c.currency,
      best: { index: curve.cheapest, label: `cheapest: ${cheapest?.value ?? ''}` },
      from: { index: curve.shortfallStart, label: `shortfall from ${start?.value ?? ''}` },
      format: (v) => `${money(v, 0)} ${c.currency}`,
    });
    const cheapestCost = cheapest ? pointCost(cheapest) : null;
    const notes = [
      cheapest && cheapestCost !== null ? t('cmpCheapestAt', { parameter: curve.parameter, value: cheapest.value, cost: money(cheapestCost, 0), cur: c.currency }) : t('cmpNoPlanPoint'),
      start ? t('cmpShortfallStarts', { value: start.value }) : t('cmpNoShortfall'),
    ];
    return `<h2>${escapeXml(t('cmpSweep', { parameter: curve.parameter }))}</h2><p>${escapeXml(notes.join(lang === 'zh' ? '；' : '; '))}${lang === 'zh' ? '。' : '.'}</p>${chart}`;
  });
  const details = results
    .filter((r) => r.description)
    .map((r) => `<li><b>${escapeXml(r.name)}</b>: ${escapeXml(r.description)} <span class="muted">(${escapeXml(r.folder)}/)</span></li>`)
    .join('');
  const css = [
    ...tablePageCss(1320),
    'thead th{background:#f5f5f5;white-space:normal;vertical-align:bottom;max-width:7em}',
    'table.main thead th{font-size:12px}',
    'th.svc{background:#fdf2e9}',
    'td.svc{background:#fffaf5}',
    'tbody th{text-align:left}',
    'tr.short td{background:#fff4f4}',
    'tr.bad td{color:#a00;text-align:left}',
    '.muted{color:#888}',
    '.scroll{overflow-x:auto}',
    'svg{display:block;margin:12px 0;max-width:100%;height:auto}',
  ];
  return `${htmlHead(lang, title, css)}
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(t('rankHint'))}</p>
<div class="scroll">${table(c, t)}</div>
${details ? `<ul>${details}</ul>` : ''}
<h2>${escapeXml(t('costByPool'))}</h2>
<div class="scroll">${poolTable(c, t)}</div>
<h2>${escapeXml(t('cmpCoverage'))}</h2>
${coverageChart(results, t)}
<h2>${escapeXml(t('cost'))}</h2>
${bars}
${sweeps.join('\n')}
</body></html>
`;
}
