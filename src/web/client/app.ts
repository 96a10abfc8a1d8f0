/** The page: upload, settings, plan run, results. Talks only to this server's /api. */
import { byId as $, h } from './dom.js';
import type { ApiError, HistoryView, JobView, SampleInputs } from '../api-types.js';
import { barChart, lineChart } from './charts.js';
import { csvObjects, parseCsv } from './csv.js';
import { applyLabels, hasKey, lang, msg, setLang, t, tv, type Key, type Lang } from './i18n.js';
import { get, initSettings, queuesForHistory, renderSettings, set, type Json } from './settings.js';
import { initDesign } from './design.js';
import { initToday, relabelToday, setTodayPlan } from './today.js';
import { initCapacity } from './capacity.js';
import { initReplay } from './replay.js';
import { comparisonTable, whatIfDownloads, type ComparisonView } from './whatif.js';

interface State {
  history: HistoryView | null;
  config: Json;
  configFile: string;
  job: JobView | null;
  scenariosFile: string;
  whatIf: JobView | null;
  /** Named agents (agents CSV): the plan gets a roster when given. */
  agents: { file: string; text: string } | null;
  /** The uploaded history file, to send again when the server no longer keeps it. */
  historySource: { file: string; body: Blob | string } | null;
  /**
   * Where the config came from: nothing yet (the defaults may still arrive and
   * fill what is missing), or the sample, a JSON edit or a shift design (the
   * defaults, when they arrive late, must not overwrite it).
   */
  configSource: 'none' | 'defaults' | 'chosen';
  /** The server's check of the config as it is now: Run waits for `valid`. */
  configCheck: { state: 'checking' | 'valid' | 'invalid'; error: ApiError | null };
}

const state: State = {
  history: null,
  config: {},
  configFile: 'config.json',
  job: null,
  scenariosFile: 'scenarios.json',
  whatIf: null,
  agents: null,
  historySource: null,
  configSource: 'none',
  configCheck: { state: 'checking', error: null },
};

/** A what-if to start from when there is no sample: the scenario file's format, base left out. */
const EXAMPLE_SCENARIOS = {
  scenarios: [
    { name: 'promo +30%', overrides: [{ volume: { multiplier: 1.3 } }] },
    { name: '50/50 ratio', overrides: [{ outsourcing: { min: 0.5, max: 0.5 } }] },
  ],
  simulation: { runs: 1, seed: 1 },
};

function label(key: string): HTMLElement {
  const span = h('span', { 'data-i18n': key });
  span.textContent = hasKey(key) ? t(key) : key;
  return span;
}

const number = (v: number, digits = 0): string =>
  v.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/** Tries of a request the server answers 503 busy (it says when to come back in Retry-After). */
const BUSY_TRIES = 6;

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res = await fetch(path, init);
  for (let tries = 1; res.status === 503 && tries < BUSY_TRIES; tries++) {
    const seconds = Number(res.headers.get('retry-after'));
    if (!(seconds > 0)) break;
    await res.text();
    await new Promise((r) => setTimeout(r, Math.min(seconds, 60) * 1000));
    res = await fetch(path, init);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(res.status, { code: 'internal', message: `the server answered ${res.status} with no JSON` });
  }
  if (!res.ok) {
    const error = (body as { error?: ApiError }).error ?? { code: 'internal', message: `HTTP ${res.status}` };
    throw new ApiFailure(res.status, error);
  }
  return body as T;
}

// ---- errors next to the field they belong to ----

function showError(boxId: string, titleKey: string, error: ApiError | null): void {
  const box = $(boxId);
  box.replaceChildren();
  box.hidden = error === null;
  if (!error) return;
  box.append(h('strong', { 'data-i18n': titleKey }, t(titleKey as never)), h('div', { class: 'message' }, msg(error.message)));
  if (error.hint) box.append(h('div', { class: 'hint' }, msg(error.hint)));
}

function markInvalid(path: string | undefined): void {
  document.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
  if (!path) return;
  const field = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
  field?.classList.add('invalid');
}

function routeError(error: unknown): void {
  const e = error instanceof ApiFailure ? error.error : { code: 'internal', message: String(error) };
  if (e.field === 'history' || e.field === 'agents') showError(e.field === 'agents' ? 'agents-error' : 'history-error', 'historyError', e);
  else if (e.field === 'scenarios') showError('whatif-run-error', 'runError', e);
  else if (e.field === 'capacity') showError('capacity-run-error', 'runError', e);
  else if (e.field === 'config' || e.code === 'config') {
    showError('config-error', 'configError', e);
    markInvalid(e.path);
  } else showError('run-error', 'runError', e);
}

// ---- 1. history ----

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function timezone(): string {
  return typeof state.config.timezone === 'string' ? state.config.timezone : 'Asia/Shanghai';
}

async function uploadHistory(file: string, body: Blob | string): Promise<void> {
  showError('history-error', 'historyError', null);
  $('history-status').textContent = '…';
  try {
    const query = new URLSearchParams({ file, timezone: timezone() });
    state.history = await call<HistoryView>(`/api/history?${query}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    state.historySource = { file, body };
    if (get(state.config, ['horizon']) === undefined) {
      // No horizon yet: propose the two weeks after the history ends.
      const start = addDays(state.history.summary.lastHour.slice(0, 10), 1);
      set(state.config, ['horizon'], { start, end: addDays(start, 13) });
    }
    // The history's own queues (售前, 售后, ...) are the ones to plan, each with its own settings.
    const queues = queuesForHistory(state.config, state.history.summary.queues.map((q) => q.name));
    queuesTaken = queues ? queues.map((q) => String(q.name)) : null;
    renderQueuesNote();
    if (queues) set(state.config, ['queues'], queues);
    renderSettings();
    configChanged();
    renderHistory();
  } catch (error) {
    // Nothing of an earlier history may stay: its results go, and Run waits for a good upload.
    state.history = null;
    state.historySource = null;
    clearResults();
    renderHistory();
    routeError(error);
  } finally {
    $('history-status').textContent = '';
    syncRunButtons();
  }
}

/** The queues the last upload brought into the config, for the note above the queue table. */
let queuesTaken: string[] | null = null;

function renderQueuesNote(): void {
  $('queues-note').textContent = queuesTaken ? tv('queuesFromHistory', { queues: queuesTaken.join(t('listSeparator')) }) : '';
}

/** Why Run cannot start now (no history, a config problem, the check still running), or null. */
function runBlocked(): string | null {
  if (state.history === null) return t('needHistory');
  if (state.configCheck.state === 'checking') return t('runChecking');
  if (state.configCheck.state === 'invalid') return tv('runBlockedConfig', { message: msg(state.configCheck.error?.message ?? '') });
  return null;
}

/** Run and Compare need an uploaded history and a config the server accepts; the reason shows beside Run. */
function syncRunButtons(): void {
  const blocked = runBlocked();
  for (const id of ['run', 'run-whatif']) ($(id) as HTMLButtonElement).disabled = blocked !== null || $(id).dataset.running === 'true';
  $('run-reason').textContent = blocked ?? '';
}

// ---- the config: checked by the server after every edit ----

/** The config text a run sends: in Chinese mode its files are Chinese too, unless the config names a language. */
function configText(): string {
  return JSON.stringify(lang() === 'zh' ? { language: 'zh', ...state.config } : state.config, null, 2);
}

let checkSeq = 0;
let checkTimer: ReturnType<typeof setTimeout> | undefined;

/** Check the config with the CLI's reader (POST /api/config); only the latest check's answer counts. */
async function checkConfig(): Promise<void> {
  const seq = ++checkSeq;
  try {
    await call<{ config: unknown }>(`/api/config?file=${encodeURIComponent(state.configFile)}`, { method: 'POST', body: configText() });
    if (seq !== checkSeq) return;
    state.configCheck = { state: 'valid', error: null };
    showError('config-error', 'configError', null);
    markInvalid(undefined);
  } catch (error) {
    if (seq !== checkSeq) return;
    const e = error instanceof ApiFailure ? error.error : { code: 'internal', message: String(error) };
    state.configCheck = { state: 'invalid', error: e };
    showError('config-error', 'configError', e);
    markInvalid(e.path);
  } finally {
    if (seq === checkSeq) syncRunButtons();
  }
}

/** After any change of the config: the JSON box follows, Run waits for the check. */
function configChanged(): void {
  ($('config-json') as HTMLTextAreaElement).value = JSON.stringify(state.config, null, 2);
  state.configCheck = { state: 'checking', error: null };
  syncRunButtons();
  if (checkTimer !== undefined) clearTimeout(checkTimer);
  checkTimer = setTimeout(() => void checkConfig(), 120);
}

function clearResults(): void {
  state.job = null;
  state.whatIf = null;
  $('results').hidden = true;
  $('no-results').hidden = false;
  for (const id of ['kpis', 'coverage-chart', 'demand-chart', 'cost-chart', 'downloads-list', 'roster-table', 'whatif-downloads']) $(id).replaceChildren();
  $('roster-count').textContent = '';
  $('comparison-table').replaceChildren();
  $('whatif-results').hidden = true;
}

function renderHistory(): void {
  const view = state.history;
  $('history-view').hidden = view === null;
  if (!view) return;
  const s = view.summary;
  const facts: Array<[string, string]> = [
    ['range', `${s.firstHour} — ${s.lastHour}`],
    ['total', `${number(s.total)} (${number(s.meanDailyInquiries)} / ${t('perDay')})`],
    ['busiestDay', `${s.busiestDay.date} (${number(s.busiestDay.inquiries)})`],
    ['busiestHour', `${s.busiestHour.hour} (${number(s.busiestHour.inquiries)})`],
    ['missing', number(s.missingHours)],
    ['queues', s.queues.map((q) => `${q.name} ${number(q.total)}`).join(', ')],
  ];
  $('history-file').textContent = `${view.file} · ${number(view.bytes / 1024, 0)} KB · ${number(s.sourceRows)} ${t('rows')}`;
  $('history-facts').replaceChildren(...facts.map(([k, v]) => h('div', { class: 'fact' }, label(k), h('b', {}, v))));
  const labels = view.daily.map((d) => d.date);
  const markers = [
    ...view.events.filter((e) => labels.includes(e.anchor)).map((e) => ({ index: labels.indexOf(e.anchor), label: e.name, title: `${e.name} ${e.anchor}` })),
    { index: Math.max(0, labels.indexOf(s.busiestDay.date)), label: `▲ ${s.busiestDay.date}`, always: true },
  ];
  $('history-events').textContent = view.events.map((e) => `${e.name} ${e.anchor}`).join(' · ');
  $('history-chart').replaceChildren(
    lineChart({ title: t('dailyChart'), yLabel: t('inquiriesAxis'), labels, series: [{ label: t('dailyChart'), values: view.daily.map((d) => d.inquiries), cls: 'line-demand' }], markers }),
  );
}

// ---- 2. settings (settings.ts) ----

async function applyJson(): Promise<void> {
  const text = ($('config-json') as HTMLTextAreaElement).value;
  try {
    // Validated by the server with the CLI's reader; the form keeps the text as written.
    await call<{ config: unknown }>(`/api/config?file=${encodeURIComponent(state.configFile)}`, { method: 'POST', body: text });
    const zone = timezone();
    state.config = JSON.parse(text) as Json;
    state.configSource = 'chosen';
    renderSettings();
    configChanged();
    // The history's facts (hours, busiest day) are read in the config's time zone: read it again in the new one.
    if (timezone() !== zone && state.historySource) await uploadHistory(state.historySource.file, state.historySource.body);
  } catch (error) {
    routeError(error);
  }
}

// ---- run ----

function stageLabel(stage: string): string {
  const key = `stage_${stage}`;
  return hasKey(key) ? t(key) : stage;
}

function renderProgress(job: JobView | null, prefix = ''): void {
  const bar = $(`${prefix}progress`) as HTMLProgressElement;
  const text = $(`${prefix}progress-text`);
  $(`${prefix}progress-box`).hidden = job === null || job.state === 'failed';
  if (!job) return;
  bar.value = job.progress.fraction;
  text.textContent = job.state === 'queued' && job.position > 0 ? `${t('queued')} ${job.position}` : `${stageLabel(job.progress.stage)}${job.progress.detail ? ` · ${job.progress.detail}` : ''}`;
}

/** Submit a run, follow it until it ends; failures go next to the field they concern. */
async function runJob(extra: Record<string, unknown>, prefix: string, buttonId: string): Promise<JobView | null> {
  showError(`${prefix}run-error`, 'runError', null);
  showError('config-error', 'configError', null);
  markInvalid(undefined);
  if (!state.history) {
    showError('history-error', 'historyError', { code: 'usage', message: t('needHistory') });
    return null;
  }
  const button = $(buttonId) as HTMLButtonElement;
  button.dataset.running = 'true';
  button.disabled = true;
  try {
    const submit = (historyId: string): Promise<JobView> =>
      call<JobView>('/api/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ historyId, config: { file: state.configFile, text: configText() }, ...extra }),
      });
    let job: JobView;
    try {
      job = await submit(state.history.id);
    } catch (error) {
      // Kept uploads expire when idle (serve --history-ttl): send the file again, then the run.
      const source = state.historySource;
      if (!(error instanceof ApiFailure && error.status === 404 && error.error.field === 'history' && source)) throw error;
      await uploadHistory(source.file, source.body);
      if (!state.history) return null;
      job = await submit(state.history.id);
    }
    renderProgress(job, prefix);
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((r) => setTimeout(r, 400));
      job = await call<JobView>(`/api/plans/${job.id}`);
      renderProgress(job, prefix);
    }
    if (job.state === 'failed' && job.error) {
      routeError(new ApiFailure(400, job.error.field ? job.error : { ...job.error, field: prefix === 'whatif-' ? 'scenarios' : prefix === 'capacity-' ? 'capacity' : undefined }));
      return null;
    }
    return job;
  } catch (error) {
    routeError(error);
    return null;
  } finally {
    button.dataset.running = 'false';
    syncRunButtons();
  }
}

async function runPlan(): Promise<void> {
  const strict = ($('strict') as HTMLInputElement).checked;
  const job = await runJob({ ...(state.agents ? { agents: state.agents } : {}), ...(strict ? { strict: true } : {}) }, '', 'run');
  if (job) {
    state.job = job;
    await renderResults(job);
    setTodayPlan(job);
  }
}

// ---- 4. what-if ----

async function runWhatIf(): Promise<void> {
  const text = ($('scenarios-json') as HTMLTextAreaElement).value;
  const job = await runJob({ scenarios: { file: state.scenariosFile, text }, ...(state.agents ? { agents: state.agents } : {}) }, 'whatif-', 'run-whatif');
  if (job) {
    state.whatIf = job;
    await renderWhatIf(job);
  }
}

async function renderWhatIf(job: JobView): Promise<void> {
  $('whatif-results').hidden = false;
  const table = comparisonTable((job.summary ?? { currency: '', rows: [] }) as ComparisonView, number);
  $('comparison-table').replaceChildren(...Array.from(table.childNodes));
  $('comparison-table').className = table.className;
  $('whatif-downloads').replaceChildren(...whatIfDownloads(job));
}

// ---- 3. results ----

async function fileText(job: JobView, name: string): Promise<string | null> {
  if (!job.files?.some((f) => f.name === name)) return null;
  const res = await fetch(`/api/plans/${job.id}/files/${name}`);
  return res.ok ? res.text() : null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A status word of the solver in the page's language (`optimal` → 最优). */
function statusName(status: string): string {
  const key = `status_${status}`;
  return hasKey(key) ? t(key) : status;
}

/** KPI cards from summary.json (plan/solution.ts PlanSummary) and the coverage rows; figures defined as in the report's glossary. */
function kpis(summary: Json, coverage: Array<Record<string, string>>): Array<[Key, string]> {
  const out: Array<[Key, string]> = [];
  const currency = typeof summary.currency === 'string' ? ` ${summary.currency}` : '';
  const cost = num(summary.totalCost);
  if (cost !== undefined) out.push(['totalCost', `${number(cost)}${currency}`]);
  // The one figure of unanswered inquiries (summary.json lostService), as summary.md and report.html show it.
  const unanswered = num(get(summary, ['lostService', 'lateInquiries']));
  if (unanswered !== undefined) out.push(['kpiUnanswered', number(unanswered, 1)]);
  const hoursShort = num(get(summary, ['shortfall', 'hoursShort']));
  const shortfall = num(get(summary, ['shortfall', 'agentHours']));
  if (hoursShort !== undefined) out.push(['kpiShortHours', hoursShort > 0 && shortfall !== undefined ? `${number(hoursShort)} (${tv('shortDetail', { agentHours: number(shortfall, 1) })})` : t('none')]);
  const share = num(get(summary, ['outsourcing', 'achieved']));
  if (share !== undefined) out.push(['outsourcedShare', `${number(share * 100, 1)}%`]);
  const eff = num(summary.scheduleEfficiency);
  if (eff !== undefined) out.push(['efficiency', `${number(eff * 100, 1)}%`]);
  // As the CLI: over the queue-hours with inquiries (summary.json), never an hour with nothing to answer.
  const lowest = num(summary.lowestHourlyServiceLevel);
  const levels = coverage.filter((r) => r.queue !== 'all' && r.service_level !== '').map((r) => Number(r.service_level)).filter((v) => Number.isFinite(v) && v >= 0 && v <= 1);
  if (lowest !== undefined) out.push(['lowestSl', `${number(lowest * 100, 1)}%`]);
  else if (levels.length > 0) out.push(['lowestSl', `${number(Math.min(...levels) * 100, 1)}%`]);
  const solver = get(summary, ['solver']);
  if (solver && typeof solver === 'object') {
    const sv = solver as Json;
    const gap = num(sv.gap);
    out.push(['solver', tv('solverStatusValue', { name: String(sv.name ?? ''), status: statusName(String(sv.status ?? '')), gap: gap !== undefined ? `${number(gap * 100, 2)}%` : t('notAvailable') })]);
  }
  return out;
}

function costByPool(summary: Json): Array<{ label: string; value: number }> {
  const pools = summary.pools;
  if (!pools || typeof pools !== 'object') return [];
  return Object.entries(pools as Record<string, Json>).flatMap(([name, p]) => {
    const cost = num(p.cost);
    return cost !== undefined ? [{ label: name, value: cost }] : [];
  });
}

/**
 * One row per hour: coverage.csv may carry a queue column, with an `all` row
 * per hour (used when present) or only per-queue rows (summed).
 */
function hourlyTotals(rows: Array<Record<string, string>>): Array<Record<string, string>> {
  if (rows.length === 0 || rows[0]?.queue === undefined) return rows;
  const totals = rows.filter((r) => r.queue === 'all');
  if (totals.length > 0) return totals;
  const byHour = new Map<string, { required: number; scheduled: number }>();
  for (const r of rows) {
    const cur = byHour.get(r.timestamp ?? '') ?? { required: 0, scheduled: 0 };
    cur.required += Number(r.required);
    cur.scheduled += Number(r.scheduled);
    byHour.set(r.timestamp ?? '', cur);
  }
  return [...byHour].map(([timestamp, v]) => ({ timestamp, required: String(v.required), scheduled: String(v.scheduled) }));
}

async function renderResults(job: JobView): Promise<void> {
  $('no-results').hidden = true;
  $('results').hidden = false;
  const summary = (job.summary ?? {}) as Json;
  const [coverage, forecast, grid] = await Promise.all([fileText(job, 'coverage.csv'), fileText(job, 'forecast.csv'), fileText(job, 'roster-grid.csv')]);
  const allRows = coverage ? csvObjects(coverage) : [];
  const rows = hourlyTotals(allRows);
  $('kpis').replaceChildren(...kpis(summary, allRows).map(([k, v]) => h('div', { class: 'kpi' }, label(k), h('b', {}, v))));
  if (coverage) {
    const byHour = new Map<string, { p10: number; p90: number; forecast: number }>();
    for (const r of forecast ? csvObjects(forecast) : []) {
      if (r.queue === 'all') byHour.set(r.timestamp ?? '', { p10: Number(r.p10), p90: Number(r.p90), forecast: Number(r.forecast) });
    }
    $('coverage-chart').replaceChildren(
      lineChart({
        title: t('agentsChart'),
        yLabel: t('agentsAxis'),
        labels: rows.map((r) => (r.timestamp ?? '').replace('T', ' ')),
        series: [
          { label: t('required'), values: rows.map((r) => Number(r.required)), cls: 'line-required' },
          { label: t('scheduled'), values: rows.map((r) => Number(r.scheduled)), cls: 'line-scheduled' },
        ],
      }),
    );
    if (byHour.size > 0) {
      const hours = rows.map((r) => r.timestamp ?? '');
      $('demand-chart').replaceChildren(
        lineChart({
          title: t('demandBand'),
          yLabel: t('inquiriesAxis'),
          labels: hours.map((x) => x.replace('T', ' ')),
          series: [{ label: t('forecastLine'), values: hours.map((x) => byHour.get(x)?.forecast ?? 0), cls: 'line-demand' }],
          band: { label: t('demandBand'), cls: 'band-demand', low: hours.map((x) => byHour.get(x)?.p10 ?? 0), high: hours.map((x) => byHour.get(x)?.p90 ?? 0) },
        }),
      );
    }
  }
  const costs = costByPool(summary);
  $('cost-chart').replaceChildren(...(costs.length > 0 ? [barChart(costs, (v) => number(v), t('costChart'))] : []));
  renderGrid(grid);
  $('downloads-list').replaceChildren(...downloads(job));
}

/**
 * The run's files to download, in the page's language: a plan run carries its
 * files for people (report.html, summary.md, roster.xlsx) in the other
 * language too, under `en/` or `zh/`; the link for the chosen language is
 * offered under the plain name.
 */
function downloads(job: JobView): HTMLElement[] {
  const files = job.files ?? [];
  const byName = new Map(files.map((f) => [f.name, f]));
  const variant = /^(en|zh)\//;
  return files
    .filter((f) => !variant.test(f.name))
    .map((f) => {
      const chosen = byName.get(`${lang()}/${f.name}`) ?? f;
      return h('li', {}, h('a', { href: `/api/plans/${job.id}/files/${chosen.name}`, download: f.name.replace(/\//g, '-'), 'data-file': f.name }, f.name), ` (${number(chosen.bytes / 1024, 1)} KB)`);
    });
}

/** roster-grid.csv's machine words for people: its column titles, OFF, TOTAL and UNFILLED in the page's language. */
function gridText(text: string, header: boolean): string {
  if (header) {
    const titles: Record<string, Key> = { agent_id: 'colAgentId', name: 'colName', pool: 'colPool', days: 'colDays', nights: 'colNights' };
    const key = titles[text];
    return key ? t(key) : text;
  }
  if (text === 'OFF') return t('offCell');
  if (text === 'TOTAL') return t('totalRow');
  if (text === 'UNFILLED') return t('unfilledRow');
  const code = /^TOTAL (.+)$/.exec(text);
  return code ? tv('totalCode', { code: code[1] as string }) : text;
}

function renderGrid(text: string | null): void {
  const table = $('roster-table');
  if (!text) {
    table.replaceChildren();
    return;
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) return;
  const shown = rows.slice(0, 500);
  // The name column stays in view while the dates scroll past (style.css .name-col).
  const nameAt = Math.max(0, header.indexOf('name'));
  table.replaceChildren(
    h('thead', {}, h('tr', {}, ...header.map((c, i) => h('th', i === nameAt ? { class: 'name-col' } : {}, gridText(c, true))))),
    h('tbody', {}, ...shown.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: i === nameAt ? 'name-col' : `cell-${c.toLowerCase()}` }, gridText(c, false)))))),
  );
  $('roster-count').textContent = `${t('showing')} ${shown.length} ${t('of')} ${rows.length}`;
}

// ---- start ----

function switchLanguage(): void {
  const next: Lang = lang() === 'en' ? 'zh' : 'en';
  setLang(next);
  try {
    localStorage.setItem('peakshift-lang', next);
  } catch {
    // storage may be off; the switch still works for this visit
  }
  applyLabels(document);
  setAgents(state.agents);
  renderHistory();
  renderSettings();
  renderQueuesNote();
  syncRunButtons();
  if (state.configCheck.error) showError('config-error', 'configError', state.configCheck.error);
  if (state.job?.state === 'done') void renderResults(state.job);
  if (state.whatIf?.state === 'done') void renderWhatIf(state.whatIf);
  relabelToday();
}

async function useSample(): Promise<void> {
  const samples = await call<SampleInputs>('/api/sample');
  if (samples.config) {
    state.config = JSON.parse(samples.config.text) as Json;
    state.configFile = samples.config.file;
    state.configSource = 'chosen';
    renderSettings();
    configChanged();
  }
  if (samples.scenarios) {
    // The sample's base names files; the page supplies them, so only the scenarios are shown.
    const { base: _base, ...rest } = JSON.parse(samples.scenarios.text) as Json;
    void _base;
    ($('scenarios-json') as HTMLTextAreaElement).value = JSON.stringify(rest, null, 2);
    state.scenariosFile = samples.scenarios.file;
  }
  if (samples.agents) setAgents(samples.agents);
  if (samples.history) await uploadHistory(samples.history.file, samples.history.text);
}

function setAgents(agents: { file: string; text: string } | null): void {
  state.agents = agents;
  const rows = agents ? agents.text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1 : 0;
  $('agents-file').textContent = agents ? `${agents.file} · ${rows} ${t('agentRows')}` : t('noAgents');
}

/** A holiday CSV (date,name[,kind]) becomes the config's calendar.holidays, read by the server's reader. */
async function uploadHolidays(file: File): Promise<void> {
  try {
    const { holidays } = await call<{ holidays: Json[] }>(`/api/holidays?file=${encodeURIComponent(file.name)}`, { method: 'POST', body: await file.text() });
    set(state.config, ['calendar', 'holidays'], holidays);
    $('holidays-file').textContent = `${file.name} · ${holidays.length}`;
    renderSettings();
    configChanged();
  } catch (error) {
    routeError(error);
  }
}

function wireUpload(): void {
  const holidaysPicker = $('holidays-input') as HTMLInputElement;
  holidaysPicker.addEventListener('change', () => {
    const file = holidaysPicker.files?.[0];
    if (file) void uploadHolidays(file);
  });
  const agentsPicker = $('agents-input') as HTMLInputElement;
  agentsPicker.addEventListener('change', () => {
    const file = agentsPicker.files?.[0];
    if (file) void file.text().then((text) => setAgents({ file: file.name, text }));
  });
  const zone = $('drop-zone');
  const picker = $('file-input') as HTMLInputElement;
  const take = (files: FileList | null): void => {
    const file = files?.[0];
    if (file) void uploadHistory(file.name, file);
  };
  picker.addEventListener('change', () => take(picker.files));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    take(e.dataTransfer?.files ?? null);
  });
}

/**
 * Start from the config every field at its default, as the CLI would use
 * without --config. The answer may come after the sample or a JSON edit
 * chose a config: then it is dropped. Fields set before it arrives (a
 * horizon proposed from an upload, the history's queues) stay.
 */
async function loadDefaults(): Promise<void> {
  const { config } = await call<{ config: Json }>('/api/config', { method: 'POST', body: '{}' });
  if (state.configSource !== 'none') return;
  state.config = { ...config, ...state.config };
  state.configSource = 'defaults';
  renderSettings();
  configChanged();
}

function start(): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('peakshift-lang');
  } catch {
    saved = null;
  }
  setLang(saved === 'zh' || (saved === null && navigator.language.startsWith('zh')) ? 'zh' : 'en');
  applyLabels(document);
  wireUpload();
  $('lang').addEventListener('click', switchLanguage);
  $('sample').addEventListener('click', () => void useSample().catch(routeError));
  $('apply-json').addEventListener('click', () => void applyJson());
  $('run').addEventListener('click', () => void runPlan());
  $('run-whatif').addEventListener('click', () => void runWhatIf());
  initDesign({
    runJob,
    useConfig: (text) => {
      state.config = JSON.parse(text) as Json;
      state.configSource = 'chosen';
      renderSettings();
      configChanged();
    },
  });
  initSettings({ config: () => state.config, onChange: configChanged });
  initToday();
  initCapacity({ runJob, agents: () => state.agents ?? null });
  initReplay({ runJob });
  setAgents(null);
  syncRunButtons();
  ($('scenarios-json') as HTMLTextAreaElement).value = JSON.stringify(EXAMPLE_SCENARIOS, null, 2);
  renderSettings();
  void loadDefaults()
    .catch(routeError)
    .finally(() => {
      document.body.dataset.ready = 'true';
    });
}

start();
