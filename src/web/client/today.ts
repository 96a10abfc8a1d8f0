/**
 * The "Today" step: re-plan the plan just made from the actuals so far
 * (`POST /api/replan`, the same code as `peakshift replan`), show the changes
 * and the coverage before and after, and link the re-planned folder's files.
 */
import { byId as el, h } from './dom.js';
import type { ApiError, JobView } from '../api-types.js';
import { lineChart } from './charts.js';
import { jobCsv } from './csv.js';
import { hasKey, localTime, msg, t, tv, type Key } from './i18n.js';

function showError(error: ApiError | null): void {
  const box = el('today-error');
  box.replaceChildren();
  box.hidden = error === null;
  if (error) box.append(h('strong', {}, t('runError')), h('div', { class: 'message' }, msg(error.message)));
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => ({}))) as T & { error?: ApiError };
  if (!res.ok) throw body.error ?? { code: 'internal', message: `HTTP ${res.status}` };
  return body;
}

let plan: JobView | null = null;
/** The last re-plan shown, to draw again in another language. */
let shown: { before: JobView; after: JobView } | null = null;

function planLine(): string {
  return plan ? `${t('todayPlanOf')} ${plan.finishedAt ? localTime(plan.finishedAt) : plan.id}` : t('todayNeedsPlan');
}

/** The plan run the re-plan starts from (app.ts calls this when a plan with a roster finishes). */
export function setTodayPlan(job: JobView | null): void {
  plan = job && job.files?.some((f) => f.name === 'roster.csv') ? job : null;
  el('today-plan').textContent = planLine();
  (el('run-today') as HTMLButtonElement).disabled = plan === null;
}

/** The columns of changes.csv and their titles. */
const CHANGE_COLUMNS: ReadonlyArray<[string, Key]> = [
  ['time', 'chgTime'],
  ['action', 'chgAction'],
  ['pool', 'colPool'],
  ['agent_id', 'colAgentId'],
  ['shift', 'colShift'],
  ['hours', 'chgHours'],
  ['cost', 'chgCost'],
];

const ACTIONS = ['extend', 'call-in', 'surge', 'cancel', 'send-home'] as const;

function actionName(action: string): string {
  const key = `action_${action}`;
  return hasKey(key) ? t(key) : action;
}

interface ReplanSummary {
  replan?: { now?: string; counts?: Record<string, number>; costDelta?: number; shortfallBefore?: number; shortfallAfter?: number };
}

/** The re-plan in one line, from its figures: the changes by kind, what they cost, the shortfall before and after. */
export function todayLine(summary: ReplanSummary, currency: string): string {
  const f = summary.replan ?? {};
  const counts = ACTIONS.filter((a) => (f.counts?.[a] ?? 0) > 0).map((a) => tv('todayCount', { action: actionName(a), n: f.counts?.[a] ?? 0 }));
  const cost = f.costDelta ?? 0;
  return tv('todayLine', {
    changes: counts.length > 0 ? counts.join(t('listSeparator')) : t('todayNoChanges'),
    sign: cost < 0 ? '-' : '+',
    cur: currency,
    cost: Math.abs(cost).toLocaleString('en-US', { maximumFractionDigits: 0 }),
    before: (f.shortfallBefore ?? 0).toFixed(0),
    after: (f.shortfallAfter ?? 0).toFixed(0),
  });
}

async function render(before: JobView, after: JobView): Promise<void> {
  shown = { before, after };
  el('today-results').hidden = false;
  const currency = String((before.summary as { currency?: string } | undefined)?.currency ?? '');
  el('today-line').textContent = todayLine((after.summary ?? {}) as ReplanSummary, currency);
  const changes = await jobCsv(after, 'changes.csv');
  const table = el('today-changes');
  const cell = (column: string, value: string): string => (column === 'action' ? actionName(value) : column === 'time' ? value.replace('T', ' ') : value);
  table.replaceChildren(
    h('thead', {}, h('tr', {}, ...CHANGE_COLUMNS.map(([, key]) => h('th', {}, t(key))))),
    h('tbody', {}, ...changes.map((r) => h('tr', {}, ...CHANGE_COLUMNS.map(([c]) => h('td', {}, cell(c, r[c] ?? '')))))),
  );
  const day = String((after.summary as { replan?: { now?: string } } | undefined)?.replan?.now ?? '').slice(0, 10);
  const hourly = async (job: JobView): Promise<Array<Record<string, string>>> => (await jobCsv(job, 'coverage.csv')).filter((r) => r.queue === 'all' && (r.timestamp ?? '').startsWith(day));
  const [was, now] = [await hourly(before), await hourly(after)];
  el('today-chart').replaceChildren(
    lineChart({
      title: t('todayChart'),
      labels: now.map((r) => (r.timestamp ?? '').slice(11, 16)),
      series: [
        { label: t('todayRequired'), values: now.map((r) => Number(r.required)), cls: 'line-required' },
        { label: t('todayBefore'), values: was.map((r) => Number(r.scheduled)), cls: 'line-demand' },
        { label: t('todayAfter'), values: now.map((r) => Number(r.scheduled)), cls: 'line-scheduled' },
      ],
    }),
  );
  el('today-downloads').replaceChildren(
    ...(after.files ?? []).map((f) => h('li', {}, h('a', { href: `/api/plans/${after.id}/files/${f.name}`, download: f.name.replace(/\//g, '-'), 'data-file': f.name }, f.name))),
  );
}

async function run(): Promise<void> {
  showError(null);
  const input = el('today-actuals') as HTMLInputElement;
  const file = input.files?.[0];
  if (!plan) return;
  if (!file) {
    showError({ code: 'usage', message: t('todayNeedsActuals') });
    return;
  }
  const button = el('run-today') as HTMLButtonElement;
  button.disabled = true;
  try {
    const now = (el('today-now') as HTMLInputElement).value.trim();
    let job = await json<JobView>('/api/replan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan: plan.id, now, actuals: { file: file.name, text: await file.text() } }),
    });
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((r) => setTimeout(r, 400));
      job = await json<JobView>(`/api/plans/${job.id}`);
    }
    if (job.state === 'failed') {
      showError(job.error ?? { code: 'internal', message: 'the re-plan failed' });
      return;
    }
    await render(plan, job);
  } catch (error) {
    showError(error && typeof error === 'object' && 'message' in error ? (error as ApiError) : { code: 'internal', message: String(error) });
  } finally {
    button.disabled = plan === null;
  }
}

/** After a language switch: the plan line and the last re-plan in the new language. */
export function relabelToday(): void {
  el('today-plan').textContent = planLine();
  if (shown) void render(shown.before, shown.after);
}

export function initToday(): void {
  el('run-today').addEventListener('click', () => void run());
  setTodayPlan(null);
}
