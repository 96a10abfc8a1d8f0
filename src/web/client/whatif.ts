/**
 * The what-if results: the comparison as a formatted table (ranked, as
 * comparison.html shows it) and every scenario's plan folder to download.
 * The comparison comes from the run's summary (src/scenario/compare.ts
 * Comparison), not from re-reading comparison.csv.
 */
import type { JobView } from '../api-types.js';
import { lang, t, type Key } from './i18n.js';

/** The fields of one comparison row the table shows (src/scenario/compare.ts ComparisonRow). */
export interface ComparisonRowView {
  scenario: string;
  status: string;
  message: string;
  rank: number | null;
  costWithLostService: number | null;
  deltaWithLostService: number | null;
  deltaShareWithLostService: number | null;
  totalCost: number | null;
  lostServiceCost: number | null;
  outsourcedShare: number | null;
  shortfallHours: number | null;
  shortfallAgentHours: number | null;
  belowFloorHours: number | null;
  lowestServiceLevel: number | null;
  simulatedServiceLevel: number | null;
  hoursMeetingTarget: number | null;
}

export interface ComparisonView {
  currency: string;
  rows: ComparisonRowView[];
}

type Format = (v: number, digits?: number) => string;

const COLUMNS: Key[] = ['col_rank', 'col_scenario', 'col_costWithLost', 'col_vsBase', 'col_costPaid', 'col_lostService', 'col_outsourced', 'col_shortfallHours', 'col_shortfallAgentHours', 'col_belowFloor', 'col_lowestSl', 'col_simSl', 'col_hoursOnTarget'];

function cell(tag: 'td' | 'th', text: string, cls = ''): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

export function comparisonTable(c: ComparisonView, number: Format): HTMLTableElement {
  const pct = (v: number | null, digits = 1): string => (v === null ? '–' : `${number(v * 100, digits)}%`);
  const money = (v: number | null): string => (v === null ? '–' : number(v));
  const signed = (v: number, text: string): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);
  const table = document.createElement('table');
  table.className = 'grid comparison';
  const head = document.createElement('tr');
  COLUMNS.forEach((k) => head.append(cell('th', k === 'col_costWithLost' ? `${t(k)} (${c.currency})` : t(k))));
  table.createTHead().append(head);
  const body = table.createTBody();
  const base = c.rows[0]?.scenario;
  const rows = [...c.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  for (const r of rows) {
    const tr = document.createElement('tr');
    if (r.status !== 'ok') {
      tr.className = 'bad';
      const why = cell('td', `${r.status}: ${r.message}`);
      why.setAttribute('colspan', String(COLUMNS.length - 2));
      tr.append(cell('td', ''), cell('th', r.scenario), why);
      body.append(tr);
      continue;
    }
    const delta = r.scenario === base ? '—' : r.deltaWithLostService === null ? '–' : `${signed(r.deltaWithLostService, number(r.deltaWithLostService))} (${signed(r.deltaShareWithLostService ?? 0, pct(r.deltaShareWithLostService))})`;
    if ((r.shortfallHours ?? 0) > 0 || (r.belowFloorHours ?? 0) > 0) tr.className = 'short';
    tr.append(
      cell('td', String(r.rank ?? '')),
      cell('th', r.scenario),
      cell('td', money(r.costWithLostService)),
      cell('td', delta),
      cell('td', money(r.totalCost)),
      cell('td', money(r.lostServiceCost), 'svc'),
      cell('td', pct(r.outsourcedShare)),
      cell('td', String(r.shortfallHours ?? 0), 'svc'),
      cell('td', number(r.shortfallAgentHours ?? 0, 1), 'svc'),
      cell('td', String(r.belowFloorHours ?? 0), 'svc'),
      cell('td', pct(r.lowestServiceLevel), 'svc'),
      cell('td', pct(r.simulatedServiceLevel), 'svc'),
      cell('td', pct(r.hoursMeetingTarget), 'svc'),
    );
    body.append(tr);
  }
  return table;
}

function link(job: JobView, name: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = `/api/plans/${job.id}/files/${name}`;
  a.setAttribute('download', name.replace(/\//g, '-'));
  a.dataset.file = name;
  a.textContent = text;
  return a;
}

/** The comparison's copies in another language (`zh/comparison.html`): offered under the plain name in that language. */
const LANGUAGE_COPY = /^(en|zh)\//;

/** The run's top-level files (the comparison in the page's language), then one collapsible list per plan folder (scenarios, sweep points). */
export function whatIfDownloads(job: JobView): HTMLElement[] {
  const files = job.files ?? [];
  const names = new Set(files.map((f) => f.name));
  const top = files.filter((f) => !f.name.includes('/')).map((f) => {
    const li = document.createElement('li');
    const copy = `${lang()}/${f.name}`;
    const a = link(job, names.has(copy) ? copy : f.name, f.name);
    a.setAttribute('download', f.name);
    a.dataset.file = f.name;
    li.append(a);
    return li;
  });
  const folders = new Map<string, string[]>();
  for (const f of files) {
    const slash = f.name.lastIndexOf('/');
    if (slash < 0 || LANGUAGE_COPY.test(f.name)) continue;
    // A folder is what holds summary.json: vendors/ sheets stay with their plan folder.
    const folder = f.name.slice(0, slash).replace(/\/vendors$/, '');
    folders.set(folder, [...(folders.get(folder) ?? []), f.name]);
  }
  const title = document.createElement('h4');
  title.textContent = t('scenarioFolders');
  const groups = [...folders].map(([folder, names]) => {
    const details = document.createElement('details');
    details.className = 'folder';
    details.dataset.folder = folder;
    const summary = document.createElement('summary');
    summary.textContent = `${folder}/ (${names.length})`;
    const list = document.createElement('ul');
    list.className = 'downloads';
    for (const name of names) {
      const li = document.createElement('li');
      li.append(link(job, name, name.slice(folder.length + 1)));
      list.append(li);
    }
    details.append(summary, list);
    return details;
  });
  const ul = document.createElement('ul');
  ul.className = 'downloads';
  ul.append(...top);
  return [ul, ...(groups.length > 0 ? [title, ...groups] : [])];
}
