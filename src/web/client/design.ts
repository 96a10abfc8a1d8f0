/**
 * "Suggest shifts": runs `design-shifts` on the history and settings above as a
 * job (POST /api/plans with `design`), shows the current menu against the
 * designed one, and one click takes the new menu into the plan settings.
 */
import type { JobView } from '../api-types.js';
import { lang } from './i18n.js';

export interface DesignHooks {
  /** app.ts runJob: submits with the history and config above, follows progress (`design-` elements). */
  runJob(extra: Record<string, unknown>, prefix: string, buttonId: string): Promise<JobView | null>;
  /** Replace the plan settings' config with this JSON text. */
  useConfig(text: string): void;
}

interface Figures {
  objective: number;
  cost: number;
  lostServiceCost: number;
  shortfallAgentHours: number;
  efficiency: number;
  lowestServiceLevel: number | null;
  shifts: Array<{ name: string; code: string; start: string; end: string; hours: number; paidHours: number; startOffsets: number[]; pools: string[]; agentShifts: number }>;
}

interface DesignSummary {
  design: { currency: string; current: Figures | null; designed: Figures; keptCurrent: boolean; notes: string[] };
  newConfig: string;
}

const LABELS = {
  en: {
    button: 'Suggest shifts',
    hint: 'The optimizer proposes the shift menu from the demand curve (at most this many shift types) and compares it with the current one.',
    maxTypes: 'Shift types',
    use: 'Use this menu',
    used: 'The designed menu is in the settings above; run the plan to see it in full.',
    current: 'current menu',
    designed: 'designed menu',
    objective: 'objective (cost + lost service)',
    cost: 'cost',
    lost: 'lost service',
    shortfall: 'shortfall, agent-hours',
    efficiency: 'efficiency',
    lowest: 'lowest hourly service level',
    noPlan: 'no plan',
    shifts: 'shifts',
  },
  zh: {
    button: '建议班次',
    hint: '优化器根据需求曲线提出班次方案（最多这么多种班次），并与当前班次对比。',
    maxTypes: '班次种类',
    use: '采用此方案',
    used: '新班次已放入上面的设置；运行排班即可查看完整结果。',
    current: '当前班次',
    designed: '建议班次',
    objective: '目标值（成本 + 服务损失）',
    cost: '成本',
    lost: '服务损失',
    shortfall: '缺口（人时）',
    efficiency: '排班效率',
    lowest: '最低小时服务水平',
    noPlan: '无可行方案',
    shifts: '班次',
  },
} as const;

type Label = keyof (typeof LABELS)['en'];
const say = (key: Label): string => LABELS[lang() === 'zh' ? 'zh' : 'en'][key];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const money = (v: number): string => v.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 0 });
const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);

function menu(f: Figures): string {
  return f.shifts.map((s) => `${s.code} ${s.start}-${s.end} (${s.paidHours} h${s.startOffsets.length > 1 ? `, +${s.startOffsets.join('/+')}` : ''})`).join(', ');
}

function render(box: HTMLElement, summary: DesignSummary, hooks: DesignHooks): void {
  const { current, designed, currency } = summary.design;
  const rows: Array<[Label, (f: Figures) => string]> = [
    ['objective', (f) => `${currency} ${money(f.objective)}`],
    ['cost', (f) => `${currency} ${money(f.cost)}`],
    ['lost', (f) => `${currency} ${money(f.lostServiceCost)}`],
    ['shortfall', (f) => f.shortfallAgentHours.toFixed(1)],
    ['efficiency', (f) => pct(f.efficiency)],
    ['lowest', (f) => pct(f.lowestServiceLevel)],
    ['shifts', menu],
  ];
  const table = el('table', undefined, { class: 'grid', id: 'design-table' });
  const head = el('tr');
  head.append(el('th'), el('th', say('current')), el('th', say('designed')));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const [label, cell] of rows) {
    const tr = el('tr');
    tr.append(el('th', say(label)), el('td', current ? cell(current) : say('noPlan')), el('td', cell(designed)));
    body.append(tr);
  }
  table.append(body);
  const notes = el('ul', undefined, { class: 'hint' });
  for (const n of summary.design.notes) notes.append(el('li', n));
  const use = el('button', say('use'), { type: 'button', id: 'design-use' });
  const done = el('p', '', { class: 'hint', id: 'design-used' });
  use.addEventListener('click', () => {
    hooks.useConfig(summary.newConfig);
    done.textContent = say('used');
  });
  box.replaceChildren(el('div', undefined, { class: 'scroll' }), notes, use, done);
  box.firstElementChild?.append(table);
  box.hidden = false;
}

/** Wire the "Suggest shifts" controls of index.html (`design-*` ids). */
export function initDesign(hooks: DesignHooks): void {
  const button = document.getElementById('design-run') as HTMLButtonElement | null;
  const types = document.getElementById('design-max-types') as HTMLInputElement | null;
  const box = document.getElementById('design-results');
  if (!button || !types || !box) return;
  const label = (): void => {
    button.textContent = say('button');
    const hint = document.getElementById('design-hint');
    if (hint) hint.textContent = say('hint');
    const typesLabel = document.getElementById('design-max-types-label');
    if (typesLabel) typesLabel.textContent = say('maxTypes');
  };
  label();
  document.getElementById('lang')?.addEventListener('click', () => setTimeout(label, 0));
  button.addEventListener('click', () => {
    void (async () => {
      const k = Number(types.value);
      const job = await hooks.runJob({ design: Number.isInteger(k) && k >= 1 ? { maxTypes: k } : {} }, 'design-', 'design-run');
      if (job?.summary) render(box, job.summary as DesignSummary, hooks);
    })();
  });
}
