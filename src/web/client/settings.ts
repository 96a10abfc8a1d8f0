/**
 * "2. Plan settings": forms over the config JSON, so a manager never has to
 * write it. Horizon, the outsourcing band, pools (in-house and vendors: price,
 * caps, training, surge seats and their notice; add and remove), shifts (add
 * and remove; a renamed or removed shift is renamed in or removed from the
 * pools' shift lists), queues and their targets, run options. Every edit
 * changes the config object the page sends and the Config JSON box (the
 * expert view), then `onChange` lets the page check it.
 */
import { byId as $, h } from './dom.js';
import { lang, t, type Key } from './i18n.js';
import { pricingModelName } from '../../domain/i18n.js';

export type Json = Record<string, unknown>;

export interface SettingsContext {
  /** The config being edited (mutated in place). */
  config(): Json;
  /** After every edit: write the JSON box and check the config. */
  onChange(): void;
}

let ctx: SettingsContext;

export function get(obj: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Set `path` in `obj` (objects and arrays made on the way); `undefined` deletes the key, so the default applies. */
export function set(obj: Json, path: ReadonlyArray<string | number>, value: unknown): void {
  let cur: Record<string | number, unknown> = obj;
  path.forEach((p, i) => {
    if (i === path.length - 1) {
      if (value === undefined) delete cur[p];
      else cur[p] = value;
      return;
    }
    const next = cur[p];
    if (next === null || typeof next !== 'object') cur[p] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[p] as Record<string | number, unknown>;
  });
}

/** `pools[1].pricing.rate`: the path as the config reader names it in its messages. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function label(key: Key): HTMLElement {
  return h('span', { 'data-i18n': key }, t(key));
}

function changed(): void {
  ctx.onChange();
}

/** A form field bound to a config path: an empty field removes the key (its default applies). */
export function input(path: ReadonlyArray<string | number>, type: 'number' | 'text' | 'date' | 'time', attrs: Record<string, string> = {}, after?: () => void): HTMLInputElement {
  const node = h('input', { type, 'data-path': pathText(path), ...attrs });
  const v = get(ctx.config(), path);
  node.value = v === undefined || v === null ? '' : String(v);
  node.addEventListener('change', () => {
    const raw = node.value.trim();
    set(ctx.config(), path, raw === '' ? undefined : type === 'number' ? Number(raw) : raw);
    after?.();
    changed();
  });
  return node;
}

/** A labelled field of a pool card. */
function field(key: Key, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, label(key), control);
}

const PRICING_MODELS = ['perHour', 'perSeatShift', 'perInquiry', 'fixedPlusHourly'] as const;

function pools(): Json[] {
  const list = get(ctx.config(), ['pools']);
  return Array.isArray(list) ? (list as Json[]) : [];
}

function shifts(): Json[] {
  const list = get(ctx.config(), ['shifts']);
  return Array.isArray(list) ? (list as Json[]) : [];
}

/** A name not yet taken: `vendor-c`, `vendor-d`, ... for vendors, `in-house-2`, ... otherwise. */
function freshName(kind: 'vendor' | 'inhouse', taken: ReadonlySet<string>): string {
  if (kind === 'vendor') {
    for (let i = 0; i < 26; i++) {
      const name = `vendor-${String.fromCharCode(97 + i)}`;
      if (!taken.has(name)) return name;
    }
  }
  for (let i = 2; ; i++) {
    const name = `${kind === 'vendor' ? 'vendor' : 'in-house'}-${i}`;
    if (!taken.has(name)) return name;
  }
}

/** A new pool with the values a manager is most likely to keep: a per-hour vendor with 3 training days, or 10 in-house agents. */
export function newPool(kind: 'vendor' | 'inhouse', taken: ReadonlySet<string>): Json {
  const name = freshName(kind, taken);
  return kind === 'vendor'
    ? { name, kind: 'vendor', maxAgentsPerDay: 20, pricing: { model: 'perHour', rate: 30 }, trainingDays: 3 }
    : { name, kind: 'inhouse', headcount: 10, hourlyCost: 30 };
}

/** Surge seats: the object goes when its cap is cleared (cap and rate are required together). */
function surgeField(i: number, key: 'maxAgentsPerDay' | 'rate' | 'noticeHours', attrs: Record<string, string>): HTMLInputElement {
  return input(['pools', i, 'surge', key], 'number', attrs, () => {
    const surge = get(ctx.config(), ['pools', i, 'surge']) as Json | undefined;
    if (surge && Object.keys(surge).length === 0) set(ctx.config(), ['pools', i, 'surge'], undefined);
  });
}

function poolCard(pool: Json, i: number): HTMLElement {
  const vendor = pool.kind === 'vendor';
  const remove = h('button', { type: 'button', class: 'remove', 'data-remove-pool': String(i), title: t('removePool') }, t('removePool'));
  remove.addEventListener('click', () => {
    pools().splice(i, 1);
    changed();
    renderSettings();
  });
  const name = input(['pools', i, 'name'], 'text', { size: '14', class: 'pool-name' });
  const kind = h('span', { class: 'kind' }, t(vendor ? 'vendor' : 'inhouse'));
  const fields: HTMLElement[] = [];
  if (vendor) {
    const pricing = h('select', { 'data-path': `pools[${i}].pricing.model` });
    for (const m of PRICING_MODELS) pricing.append(h('option', { value: m }, pricingModelName(lang(), m)));
    pricing.value = String(get(pool, ['pricing', 'model']) ?? 'perHour');
    pricing.addEventListener('change', () => {
      set(ctx.config(), ['pools', i, 'pricing', 'model'], pricing.value);
      changed();
    });
    fields.push(
      field('pricing', pricing),
      field('rate', input(['pools', i, 'pricing', 'rate'], 'number', { min: '0', step: 'any' })),
      field('maxPerDay', input(['pools', i, 'maxAgentsPerDay'], 'number', { min: '0', step: '1' })),
      field('trainingDays', input(['pools', i, 'trainingDays'], 'number', { min: '0', max: '60', step: '1' })),
      field('engagementFee', input(['pools', i, 'engagementFee'], 'number', { min: '0', step: 'any' })),
      field('productivity', input(['pools', i, 'productivity'], 'number', { min: '0.1', max: '2', step: '0.05' })),
      field('surgeMax', surgeField(i, 'maxAgentsPerDay', { min: '1', step: '1' })),
      field('surgeRate', surgeField(i, 'rate', { min: '0', step: 'any' })),
      field('surgeNotice', surgeField(i, 'noticeHours', { min: '0', step: '1' })),
    );
  } else {
    fields.push(
      field('headcount', input(['pools', i, 'headcount'], 'number', { min: '0', step: '1' })),
      field('hourlyCost', input(['pools', i, 'hourlyCost'], 'number', { min: '0', step: 'any' })),
      field('nightPremium', input(['pools', i, 'nightPremium'], 'number', { min: '0', step: '0.05' })),
      field('maxDaysPerWeek', input(['pools', i, 'maxDaysPerWeek'], 'number', { min: '1', max: '7', step: '1' })),
      field('maxPerDay', input(['pools', i, 'maxAgentsPerDay'], 'number', { min: '0', step: '1' })),
    );
  }
  // The shifts this pool may work: none ticked means every shift (the field is left out).
  const allowed = get(pool, ['shifts']);
  const boxes = shifts().map((s) => {
    const shiftName = String(s.name ?? '');
    const box = h('input', { type: 'checkbox', 'data-pool-shift': shiftName });
    box.checked = Array.isArray(allowed) && allowed.includes(shiftName);
    box.addEventListener('change', () => {
      const ticked = [...document.querySelectorAll<HTMLInputElement>(`[data-pool-card="${i}"] [data-pool-shift]`)].filter((b) => b.checked).map((b) => b.dataset.poolShift ?? '');
      set(ctx.config(), ['pools', i, 'shifts'], ticked.length === 0 ? undefined : ticked);
      changed();
    });
    return h('label', { class: 'tick' }, box, ` ${shiftName}`);
  });
  return h(
    'fieldset',
    { class: `pool ${vendor ? 'vendor' : 'inhouse'}`, 'data-pool-card': String(i), 'data-path': `pools[${i}]` },
    h('legend', {}, name, ' ', kind, ' ', remove),
    h('div', { class: 'fields' }, ...fields),
    h('div', { class: 'ticks', 'data-path': `pools[${i}].shifts` }, label('poolShifts'), ...boxes, h('span', { class: 'hint' }, t('poolShiftsHint'))),
  );
}

function renderPools(): void {
  const list = pools();
  const add = (kind: 'vendor' | 'inhouse'): HTMLElement => {
    const button = h('button', { type: 'button', id: kind === 'vendor' ? 'add-vendor' : 'add-inhouse' }, t(kind === 'vendor' ? 'addVendor' : 'addInhouse'));
    button.addEventListener('click', () => {
      set(ctx.config(), ['pools'], [...list, newPool(kind, new Set(list.map((p) => String(p.name ?? ''))))]);
      changed();
      renderSettings();
    });
    return button;
  };
  $('pools-body').replaceChildren(...list.map(poolCard), h('div', { class: 'inline' }, add('vendor'), add('inhouse')));
}

/** A shift renamed: the pools that list it follow. */
function renameShift(from: string, to: string): void {
  for (const pool of pools()) {
    const list = pool.shifts;
    if (Array.isArray(list)) pool.shifts = list.map((s) => (s === from ? to : s));
  }
}

function renderShifts(): void {
  const rows = shifts().map((s, i) => {
    const previous = String(s.name ?? '');
    const name = input(['shifts', i, 'name'], 'text', { size: '10' }, () => {
      const now = String(get(ctx.config(), ['shifts', i, 'name']) ?? '');
      if (previous !== '' && now !== '' && now !== previous) renameShift(previous, now);
    });
    name.addEventListener('change', () => renderSettings());
    const offsets = h('input', { type: 'text', size: '8', 'data-path': `shifts[${i}].startOffsets`, placeholder: '0' });
    const current = get(s, ['startOffsets']);
    offsets.value = Array.isArray(current) ? current.join(',') : '';
    offsets.addEventListener('change', () => {
      const text = offsets.value.trim();
      // Kept as typed when it is not a list of numbers, so the config reader names the problem.
      const parts = text.split(/[,，\s]+/).filter((p) => p !== '');
      set(ctx.config(), ['shifts', i, 'startOffsets'], text === '' ? undefined : parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : text);
      changed();
    });
    const remove = h('button', { type: 'button', class: 'remove', 'data-remove-shift': String(i) }, t('removeShift'));
    remove.addEventListener('click', () => {
      shifts().splice(i, 1);
      for (const pool of pools()) {
        if (!Array.isArray(pool.shifts)) continue;
        const left = (pool.shifts as unknown[]).filter((x) => x !== previous);
        if (left.length === 0) delete pool.shifts;
        else pool.shifts = left;
      }
      changed();
      renderSettings();
    });
    return h(
      'tr',
      {},
      h('td', {}, name),
      h('td', {}, input(['shifts', i, 'code'], 'text', { size: '3', maxlength: '3' })),
      h('td', {}, input(['shifts', i, 'start'], 'time', { step: '3600' })),
      h('td', {}, input(['shifts', i, 'hours'], 'number', { min: '1', max: '16', step: '1' })),
      h('td', {}, input(['shifts', i, 'paidHours'], 'number', { min: '0', max: '16', step: '0.5' })),
      h('td', {}, offsets),
      h('td', {}, remove),
    );
  });
  const add = h('button', { type: 'button', id: 'add-shift' }, t('addShift'));
  add.addEventListener('click', () => {
    const taken = new Set(shifts().map((s) => String(s.name ?? '')));
    let n = shifts().length + 1;
    while (taken.has(`shift-${n}`)) n += 1;
    const codes = new Set(shifts().map((s) => String(s.code ?? '')));
    const code = ['E', 'L', 'A', 'B', 'C', 'X', 'Y', 'Z'].find((c) => !codes.has(c)) ?? 'Q';
    set(ctx.config(), ['shifts'], [...shifts(), { name: `shift-${n}`, code, start: '10:00', hours: 9, paidHours: 8 }]);
    changed();
    renderSettings();
  });
  $('shifts-body').replaceChildren(...rows);
  $('shifts-add').replaceChildren(add);
}

function renderQueues(): void {
  const queues = (get(ctx.config(), ['queues']) as Json[] | undefined) ?? [];
  $('queues-body').replaceChildren(
    ...queues.map((q, i) =>
      h(
        'tr',
        { 'data-queue': String(q.name ?? '') },
        h('td', {}, String(q.name ?? '')),
        h('td', {}, input(['queues', i, 'ahtSeconds'], 'number', { min: '1', step: 'any' })),
        h('td', {}, input(['queues', i, 'concurrency'], 'number', { min: '1', max: '20', step: '1' })),
        h('td', {}, input(['queues', i, 'target', 'serviceLevel'], 'number', { min: '0', max: '1', step: '0.01' })),
        h('td', {}, input(['queues', i, 'target', 'answerSeconds'], 'number', { min: '0', step: '1' })),
      ),
    ),
  );
}

/** Settings a queue found in an uploaded history starts with: the schema's defaults (docs/formats.md). */
export const NEW_QUEUE = { ahtSeconds: 180, concurrency: 1, target: { serviceLevel: 0.8, answerSeconds: 20 } } as const;

/**
 * The config's queues for a history's queues: each history queue keeps the
 * settings of a config queue of the same name, or gets NEW_QUEUE's (a copy);
 * pools held to queues keep only those that remain. Null when the history has
 * no queue column (one series, `all`) or the names are already the config's.
 */
export function queuesForHistory(config: Json, historyQueues: readonly string[]): Json[] | null {
  const names = historyQueues.filter((n) => n !== 'all');
  if (names.length === 0) return null;
  const current = ((get(config, ['queues']) as Json[] | undefined) ?? []).filter((q) => typeof q === 'object' && q !== null);
  const currentNames = current.map((q) => String(q.name ?? ''));
  if (currentNames.length === names.length && names.every((n) => currentNames.includes(n))) return null;
  return names.map((name) => {
    const same = current.find((q) => q.name === name);
    if (same) {
      const { share: _share, ...rest } = same;
      void _share;
      return rest;
    }
    return { name, ...JSON.parse(JSON.stringify(NEW_QUEUE)) as Json };
  });
}

export function renderSettings(): void {
  const hz = $('horizon');
  hz.replaceChildren(label('from'), input(['horizon', 'start'], 'date'), label('to'), input(['horizon', 'end'], 'date'));

  // Outsourcing band: two sliders in percent.
  const band = $('outsourcing');
  const slider = (key: 'min' | 'max', fallback: number): HTMLElement => {
    const current = get(ctx.config(), ['outsourcing', key]);
    const pct = Math.round((typeof current === 'number' ? current : fallback) * 100);
    const range = h('input', { type: 'range', min: '0', max: '100', step: '1', value: String(pct), 'data-path': `outsourcing.${key}`, id: `outsourcing-${key}` });
    const out = h('output', { for: `outsourcing-${key}` }, `${pct}%`);
    range.addEventListener('input', () => {
      out.textContent = `${range.value}%`;
    });
    range.addEventListener('change', () => {
      set(ctx.config(), ['outsourcing', key], Number(range.value) / 100);
      changed();
    });
    return h('label', { class: 'slider' }, label(key === 'min' ? 'outsourcingMin' : 'outsourcingMax'), range, out);
  };
  band.replaceChildren(slider('min', 0), slider('max', 1));

  renderPools();
  renderShifts();
  renderQueues();

  // Run options: the demand quantile and the solver's time limit are config fields; strict is a run option.
  const quantile = h('select', { 'data-path': 'forecast.quantile', id: 'quantile' });
  for (const q of ['p50', 'p90']) quantile.append(h('option', { value: q }, q));
  quantile.value = String(get(ctx.config(), ['forecast', 'quantile']) ?? 'p50');
  quantile.addEventListener('change', () => {
    set(ctx.config(), ['forecast', 'quantile'], quantile.value);
    changed();
  });
  $('run-options').replaceChildren(
    h('label', {}, label('quantile'), ' ', quantile),
    h('label', {}, label('timeLimit'), ' ', input(['solver', 'timeLimitSeconds'], 'number', { min: '1', step: '1', id: 'time-limit' })),
  );
}

export function initSettings(context: SettingsContext): void {
  ctx = context;
}
