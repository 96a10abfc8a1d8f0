/** comparison.html: one self-contained page (inline CSS and SVG, no scripts, no network). */
import { addDays, hourNumber } from '../domain';
import { tr, type Lang, type TextKey } from '../domain/i18n';
import { escapeXml } from '../report/format';
import { lineChart, PALETTE, stackedBarChart, sweepChart, type LineSeries } from './charts';
import { money, type Comparison } from './compare';
import type { ScenarioResult } from './result';
import type { SweepCurve } from './sweep';

const pct = (v: number | null, digits = 1): string => (v === null || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(digits)}%`);

type Text = (key: TextKey, vars?: Record<string, string | number>) => string;

function table(c: Comparison, t: Text): string {
  const head = [
    t('cmpScenario'), t('cmpTotalCostIn', { cur: c.currency }), t('cmpVsBase'), ...c.pools.map((pool) => t('cmpCostPool', { pool })), t('cmpOutsourced'), ...c.pools.map((pool) => t('cmpPeakPool', { pool })),
    t('cmpShortfallH'), t('cmpShortfallAgentH'), t('cmpLowestSl'), t('cmpAbandon'), t('cmpSimSl'), t('cmpHoursOnTarget'), t('cmpGap'),
  ];
  const rows = c.rows.map((r, i) => {
    if (r.status !== 'ok') return `<tr class="bad"><th>${escapeXml(r.scenario)}</th><td colspan="${head.length - 1}">${escapeXml(`${r.status}: ${r.message}`)}</td></tr>`;
    const delta = i === 0 || r.deltaCost === null ? '—' : `${r.deltaCost >= 0 ? '+' : '−'}${money(Math.abs(r.deltaCost))} (${r.deltaShare === null ? '–' : `${r.deltaShare >= 0 ? '+' : '−'}${(Math.abs(r.deltaShare) * 100).toFixed(1)}%`})`;
    const cells = [
      money(r.totalCost ?? 0), delta, ...r.costByPool.map((v) => money(v ?? 0)), pct(r.outsourcedShare), ...r.peakAgentsByPool.map((v) => String(v ?? 0)),
      String(r.shortfallHours ?? 0), (r.shortfallAgentHours ?? 0).toFixed(1), pct(r.lowestServiceLevel), pct(r.abandonRate), pct(r.simulatedServiceLevel), pct(r.hoursMeetingTarget), pct(r.solverGap, 2),
    ];
    const cls = (r.shortfallHours ?? 0) > 0 ? ' class="short"' : '';
    return `<tr${cls}><th>${escapeXml(r.scenario)}</th>${cells.map((x) => `<td>${escapeXml(x)}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Coverage curves: the base's requirement dashed, each scenario's scheduled productive agents. */
function coverageChart(results: ScenarioResult[], t: Text): string {
  const ok = results.filter((r) => r.status === 'ok' && r.coverage.scheduled.length > 0);
  const base = ok[0];
  if (!base) return '';
  const series: LineSeries[] = [];
  ok.forEach((r, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    if (i === 0 || r.coverage.required.some((v, h) => Math.abs(v - (base.coverage.required[h] ?? 0)) > 1e-9)) {
      series.push({ name: t('cmpRequiredOf', { name: r.name }), values: r.coverage.required, color, dashed: true });
    }
    series.push({ name: t('cmpScheduledOf', { name: r.name }), values: r.coverage.scheduled, color });
  });
  const start = hourNumber(base.coverage.startHour);
  const first = base.coverage.startHour.slice(0, 10);
  const dayLabels: Array<{ index: number; label: string }> = [];
  for (let i = 0; i < base.coverage.scheduled.length; i++) {
    if ((start + i) % 24 === 0) dayLabels.push({ index: i, label: addDays(first, Math.floor((start + i) / 24) - Math.floor(start / 24)).slice(5) });
  }
  return lineChart({ title: t('cmpCoverageChart'), series, dayLabels, yLabel: t('cmpAgents') });
}

export function comparisonHtml(c: Comparison, results: ScenarioResult[], curves: SweepCurve[], lang: Lang = 'en', title = tr(lang, 'whatIfTitle')): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const bars = stackedBarChart({
    title: t('costByPoolIn', { cur: c.currency }),
    rows: c.rows.filter((r) => r.status === 'ok').map((r) => ({ label: r.scenario, parts: r.costByPool.map((v) => v ?? 0) })),
    parts: c.pools,
    unit: c.currency,
  });
  const sweeps = curves.map((curve) => {
    const chart = sweepChart({
      title: t('cmpSweepChart', { parameter: curve.parameter }),
      xs: curve.points.map((p) => p.value),
      costs: curve.points.map((p) => p.totalCost),
      cheapest: curve.cheapest,
      shortfallStart: curve.shortfallStart,
      unit: c.currency,
    });
    const cheapest = curve.points[curve.cheapest];
    const start = curve.points[curve.shortfallStart];
    const notes = [
      cheapest ? t('cmpCheapestAt', { parameter: curve.parameter, value: cheapest.value, cost: money(cheapest.totalCost ?? 0), cur: c.currency }) : t('cmpNoPlanPoint'),
      start ? t('cmpShortfallStarts', { value: start.value }) : t('cmpNoShortfall'),
    ];
    return `<h2>${escapeXml(t('cmpSweep', { parameter: curve.parameter }))}</h2><p>${escapeXml(notes.join(lang === 'zh' ? '；' : '; '))}${lang === 'zh' ? '。' : '.'}</p>${chart}`;
  });
  const details = results
    .filter((r) => r.description)
    .map((r) => `<li><b>${escapeXml(r.name)}</b>: ${escapeXml(r.description)} <span class="muted">(${escapeXml(r.folder)}/)</span></li>`)
    .join('');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;font-size:13px;margin:12px 0}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}
thead th{background:#f5f5f5}
tbody th{text-align:left}
tr.short td{background:#fff4f4}
tr.bad td{color:#a00;text-align:left}
.muted{color:#888}
.scroll{overflow-x:auto}
svg{display:block;margin:12px 0;max-width:100%;height:auto}
</style></head><body>
<h1>${escapeXml(title)}</h1>
<div class="scroll">${table(c, t)}</div>
${details ? `<ul>${details}</ul>` : ''}
<h2>${escapeXml(t('cmpCoverage'))}</h2>
${coverageChart(results, t)}
<h2>${escapeXml(t('cost'))}</h2>
${bars}
${sweeps.join('\n')}
</body></html>
`;
}
