/**
 * "How would this have done?": replays the plan's dates one year earlier
 * (POST /api/plans with `replay`, the same code as `peakshift replay`): each
 * strategy planned from the history before that period, scored on what came.
 * Shows replay.csv as a table, a chart per strategy of the agents it scheduled
 * against what the actual arrivals needed, and the files.
 */
import type { JobView } from '../api-types.js';
import { byId as el, h } from './dom.js';
import { lineChart } from './charts.js';
import { jobCsv } from './csv.js';
import { lang, t, tv, type Key } from './i18n.js';

export interface ReplayHooks {
  /** app.ts runJob: submits with the history and config above, follows progress (`replay-` elements). */
  runJob(extra: Record<string, unknown>, prefix: string, buttonId: string): Promise<JobView | null>;
}

interface ReplaySummary {
  replay?: { start: string; end: string; currency: string; best: string; configured: string | null };
}

const number = (v: number, digits = 0): string => v.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function render(job: JobView): Promise<void> {
  const info = (job.summary as ReplaySummary | undefined)?.replay;
  const cur = info?.currency ?? '';
  el('replay-results').hidden = false;
  el('replay-line').textContent = info ? `${info.start} .. ${info.end} · ${tv('rpBestIs', { strategy: info.best, what: t(`rpStrategy_${info.best}` as Key) })}` : '';
  const rows = await jobCsv(job, 'replay.csv');
  const head = [t('rpStrategy'), tv('rpCost', { cur }), tv('rpLostCost', { cur }), tv('rpTotal', { cur }), t('rpHoursMeeting'), t('rpLowestSl')];
  el('replay-table').replaceChildren(
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          r.strategy === info?.best ? { class: 'best' } : {},
          h('th', {}, `${r.strategy ?? ''}${r.strategy === info?.configured ? ` ${t('rpConfigured')}` : ''}`),
          h('td', {}, number(Number(r.cost))),
          h('td', {}, number(Number(r.lost_service_cost))),
          h('td', {}, number(Number(r.total))),
          h('td', {}, r.hours_meeting_target ?? ''),
          h('td', {}, r.lowest_hourly_sl ? `${number(Number(r.lowest_hourly_sl) * 100, 1)}%` : '—'),
        ),
      ),
    ),
  );
  // Per strategy and hour: the agents scheduled and needed, all queues together.
  const hours = new Map<string, Map<string, { scheduled: number; needed: number }>>();
  for (const r of await jobCsv(job, 'replay-hours.csv')) {
    const strategy = r.strategy ?? '';
    const byHour = hours.get(strategy) ?? new Map<string, { scheduled: number; needed: number }>();
    const cell = byHour.get(r.timestamp ?? '') ?? { scheduled: 0, needed: 0 };
    cell.scheduled += Number(r.scheduled_agents);
    cell.needed += Number(r.needed_agents);
    byHour.set(r.timestamp ?? '', cell);
    hours.set(strategy, byHour);
  }
  el('replay-charts').replaceChildren(
    ...[...hours].flatMap(([strategy, byHour]) => {
      const stamps = [...byHour.keys()];
      const title = tv('rpChart', { strategy });
      const chart = lineChart({
        title,
        yLabel: t('cmpAgents'),
        labels: stamps.map((s) => s.replace('T', ' ')),
        series: [
          { label: t('rpNeeded'), values: stamps.map((s) => byHour.get(s)?.needed ?? 0), cls: 'line-required' },
          { label: tv('rpScheduled', { strategy }), values: stamps.map((s) => byHour.get(s)?.scheduled ?? 0), cls: 'line-scheduled' },
        ],
      });
      return [h('h3', {}, title), chart];
    }),
  );
  el('replay-downloads').replaceChildren(...(job.files ?? []).map((f) => h('li', {}, h('a', { href: `/api/plans/${job.id}/files/${f.name}`, download: f.name, 'data-file': f.name }, f.name))));
}

export function initReplay(hooks: ReplayHooks): void {
  const button = el('replay-run') as HTMLButtonElement;
  button.addEventListener('click', () => {
    void hooks.runJob({ replay: true }, 'replay-', 'replay-run').then(async (job) => {
      // runJob leaves the buttons it does not know disabled.
      button.disabled = false;
      if (job) await render(job);
    });
  });
}
