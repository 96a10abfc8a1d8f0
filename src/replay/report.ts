/**
 * The replay's files: replay.csv (one row per strategy), replay-hours.csv (per
 * strategy, hour and queue), and replay.md / replay.html for people, in the
 * chosen language, with a chart per strategy of the productive agents it
 * scheduled against what the actual arrivals needed. No clock, no run time:
 * the same inputs give the same bytes.
 */
import { tr, type Lang, type TextKey } from '../domain/i18n';
import { hourKeyFromNumber, hourNumber } from '../domain';
import { hourlyChart, PALETTE } from '../report/charts';
import { csvLine, escapeXml, fixedDigits, money, percent } from '../report/format';
import { htmlHead, tablePageCss } from '../report/page';
import type { ReplayResult, StrategyResult } from './replay';

export const REPLAY_HEADER = ['strategy', 'cost', 'lost_inquiries', 'lost_service_cost', 'total', 'lowest_hourly_sl', 'hours_meeting_target'] as const;
export const REPLAY_HOURS_HEADER = ['strategy', 'timestamp', 'queue', 'actual_inquiries', 'forecast', 'needed_agents', 'scheduled_agents', 'service_level', 'lost_inquiries', 'lost_service_cost', 'meets_target', 'simulated_service_level'] as const;

const maybe = (v: number | null, digits: number): string => (v === null ? '' : fixedDigits(v, digits));

export function replayCsv(result: ReplayResult): string {
  const rows = result.strategies.map((s) => {
    const x = s.score;
    return csvLine([s.strategy, fixedDigits(x.cost, 2), fixedDigits(x.lostInquiries, 2), fixedDigits(x.lostServiceCost, 2), fixedDigits(x.total, 2), maybe(x.lowestServiceLevel, 4), x.hoursMeetingTarget]);
  });
  return `${[REPLAY_HEADER.join(','), ...rows].join('\n')}\n`;
}

export function replayHoursCsv(result: ReplayResult): string {
  const rows = result.strategies.flatMap((s) =>
    s.score.hours.map((h) =>
      csvLine([
        s.strategy,
        h.timestamp,
        h.queue,
        fixedDigits(h.actual, 2),
        fixedDigits(h.forecast, 2),
        h.needed,
        fixedDigits(h.scheduled, 2),
        maybe(h.serviceLevel, 4),
        fixedDigits(h.lost, 2),
        fixedDigits(h.lostCost, 2),
        h.meetsTarget === null ? '' : h.meetsTarget ? 1 : 0,
        maybe(h.simulatedServiceLevel, 4),
      ]),
    ),
  );
  return `${[REPLAY_HOURS_HEADER.join(','), ...rows].join('\n')}\n`;
}

type Text = (key: TextKey, vars?: Record<string, string | number>) => string;

const STRATEGY_KEYS: Record<StrategyResult['strategy'], TextKey> = { p50: 'rpStrategy_p50', p90: 'rpStrategy_p90', hedged: 'rpStrategy_hedged' };

/** The table for people: one row per strategy, the figures and how far each is from the best total. */
function tableRows(result: ReplayResult, t: Text): { head: string[]; rows: string[][] } {
  const cur = result.currency;
  const best = result.strategies.find((s) => s.strategy === result.best)?.score.total ?? 0;
  const head = [t('rpStrategy'), t('rpCost', { cur }), t('rpLostInquiries'), t('rpLostCost', { cur }), t('rpTotal', { cur }), t('rpVsBest'), t('rpLowestSl'), t('rpHoursMeeting'), t('rpSimSl')];
  const rows = result.strategies.map((s) => {
    const x = s.score;
    const vs = best > 0 ? (x.total - best) / best : 0;
    const at = x.lowestAt ? ` (${x.lowestAt.timestamp.slice(5).replace('T', ' ')} ${x.lowestAt.queue})` : '';
    return [
      `${s.strategy}${s.strategy === result.configured ? ` ${t('rpConfigured')}` : ''}`,
      money(x.cost, 0),
      money(x.lostInquiries, 0),
      money(x.lostServiceCost, 0),
      money(x.total, 0),
      s.strategy === result.best ? t('rpBest') : `+${percent(vs, 2)}`,
      x.lowestServiceLevel === null ? '—' : `${percent(x.lowestServiceLevel)}${at}`,
      `${x.hoursMeetingTarget} / ${x.hoursWithInquiries} (${percent(x.hoursWithInquiries > 0 ? x.hoursMeetingTarget / x.hoursWithInquiries : 1)})`,
      s.simulation ? `${percent(s.simulation.serviceLevel)}, ${percent(s.simulation.shareOfHoursMeetingTarget)}` : '—',
    ];
  });
  return { head, rows };
}

function intro(result: ReplayResult, t: Text): string[] {
  const actual = result.actuals.queues.reduce((n, q) => n + q.values.reduce((a, v) => a + v, 0), 0);
  const lines = [
    t('rpIntro', { start: result.start, end: result.end, inquiries: money(actual, 0) }),
    t('rpHowScored'),
    t('rpBestIs', { strategy: result.best, what: t(STRATEGY_KEYS[result.best]) }),
  ];
  if (result.actuals.hoursWithoutData > 0) lines.push(t('rpNoDataHours', { hours: result.actuals.hoursWithoutData }));
  const sim = result.strategies.find((s) => s.simulation)?.simulation;
  if (sim) lines.push(t('rpSimulated', { runs: sim.runs, seed: sim.seed }));
  return lines;
}

function strategyList(result: ReplayResult, t: Text): string[] {
  return result.strategies.map((s) => `${s.strategy}: ${t(STRATEGY_KEYS[s.strategy])}`);
}

export function replayMarkdown(result: ReplayResult, lang: Lang): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const { head, rows } = tableRows(result, t);
  const out = [`# ${t('rpTitle', { start: result.start, end: result.end })}`, '', ...intro(result, t).flatMap((l) => [l, '']), `| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('', `## ${t('rpStrategies')}`, '', ...strategyList(result, t).map((l) => `- ${l}`));
  const notes = [...new Set(result.strategies.flatMap((s) => s.notes))];
  if (notes.length > 0) out.push('', `## ${t('rpNotes')}`, '', ...notes.map((n) => `- ${n}`));
  out.push('', t('rpChartsInHtml'), '');
  return out.join('\n');
}

function chartOf(result: ReplayResult, s: StrategyResult, index: number, t: Text): string {
  const first = hourNumber(result.actuals.startHour);
  const hours = s.scheduled.map((_, i) => hourKeyFromNumber(first + i));
  const nq = result.actuals.queues.length;
  const below = hours.map((_, h) => s.score.hours.slice(h * nq, h * nq + nq).some((x) => x.meetsTarget === false));
  return hourlyChart({
    title: t('rpChart', { strategy: s.strategy }),
    hours,
    yLabel: t('cmpAgents'),
    lines: [
      { name: t('rpNeeded'), values: s.needed, color: '#374151', dashed: true },
      { name: t('rpScheduled', { strategy: s.strategy }), values: s.scheduled, color: PALETTE[index % PALETTE.length] as string },
    ],
    highlight: { name: t('rpBelowTarget'), hours: below, color: '#ef4444' },
    width: 1100,
  });
}

export function replayHtml(result: ReplayResult, lang: Lang): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const { head, rows } = tableRows(result, t);
  const title = t('rpTitle', { start: result.start, end: result.end });
  const table = `<table><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, i) => `<tr${result.strategies[i]?.strategy === result.best ? ' class="best"' : ''}>${r.map((c, j) => (j === 0 ? `<th>${escapeXml(c)}</th>` : `<td>${escapeXml(c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const notes = [...new Set(result.strategies.flatMap((s) => s.notes))];
  const css = [
    ...tablePageCss(1180),
    'thead th{background:#f5f5f5;white-space:normal;vertical-align:bottom}',
    'tbody th{text-align:left}',
    'tr.best td,tr.best th{background:#ecfdf5}',
    '.scroll{overflow-x:auto}',
    'svg{display:block;margin:12px 0;max-width:100%;height:auto}',
  ];
  return `${htmlHead(lang, title, css)}
<h1>${escapeXml(title)}</h1>
${intro(result, t).map((l) => `<p>${escapeXml(l)}</p>`).join('\n')}
<div class="scroll">${table}</div>
<ul>${strategyList(result, t).map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>
<h2>${escapeXml(t('rpCharts'))}</h2>
${result.strategies.map((s, i) => chartOf(result, s, i, t)).join('\n')}
${notes.length > 0 ? `<h2>${escapeXml(t('rpNotes'))}</h2><ul>${notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}

/** Every file of the replay folder. */
export function replayFiles(result: ReplayResult, lang: Lang): Map<string, string> {
  return new Map([
    ['replay.csv', replayCsv(result)],
    ['replay-hours.csv', replayHoursCsv(result)],
    ['replay.md', replayMarkdown(result, lang)],
    ['replay.html', replayHtml(result, lang)],
  ]);
}
