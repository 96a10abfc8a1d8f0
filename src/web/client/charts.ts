/** Inline SVG charts (no library, nothing fetched from elsewhere). */
const NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function text(x: number, y: number, content: string, anchor = 'start', cls = 'axis'): SVGTextElement {
  const node = el('text', { x, y, 'text-anchor': anchor, class: cls });
  node.textContent = content;
  return node;
}

export interface Series {
  label: string;
  values: number[];
  cls: string;
}

export interface Band {
  label: string;
  low: number[];
  high: number[];
  cls: string;
}

export interface Marker {
  index: number;
  label: string;
  /** Placed first, so it is labelled whatever else crowds the chart. */
  always?: boolean;
  /** Tooltip (default: the label). */
  title?: string;
}

const W = 900;
const H = 260;
const PAD = { left: 60, right: 12, top: 14, bottom: 40 };

/** Axis top with 4 steps of 1, 2 or 5 times a power of ten. */
function niceMax(v: number): number {
  if (v <= 0) return 4;
  const raw = v / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return 4 * m * p;
  return 40 * p;
}

function shortNumber(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e4) return `${Number((v / 1e3).toFixed(1))}k`;
  return String(Math.round(v));
}

/** Width in the chart's units of a label of `chars` characters at 11 px (CJK counts double). */
function labelWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return units * 6.2;
}

/**
 * Where the x-axis gets a tick. Hourly labels (`YYYY-MM-DD HH:00`): at midnights only, every k-th
 * day so the labels do not crowd, labelled `MM-DD` to the right of the tick. Daily labels: every
 * k-th day. A label that would run past the plot's edge is left out.
 */
export function xTicks(labels: readonly string[], plotLeft: number, plotRight: number): Array<{ index: number; text: string; anchor: 'start' | 'middle' }> {
  const n = labels.length;
  const x = (i: number): number => plotLeft + (n <= 1 ? 0 : (i / (n - 1)) * (plotRight - plotLeft));
  const hourly = labels.some((l) => / \d\d:\d\d$/.test(l));
  const candidates = hourly ? labels.flatMap((l, i) => (l.endsWith(' 00:00') ? [i] : [])) : labels.map((_, i) => i);
  const text = (i: number): string => (hourly ? (labels[i] ?? '').slice(5, 10) : (labels[i] ?? ''));
  const widest = Math.max(1, ...candidates.map((i) => labelWidth(text(i)) + 8));
  const room = Math.max(1, Math.floor((plotRight - plotLeft) / widest));
  const step = Math.max(1, Math.ceil(candidates.length / room));
  const out: Array<{ index: number; text: string; anchor: 'start' | 'middle' }> = [];
  candidates.forEach((i, k) => {
    if (k % step !== 0) return;
    const w = labelWidth(text(i));
    const anchor = hourly ? 'start' : 'middle';
    const from = anchor === 'start' ? x(i) + 3 : x(i) - w / 2;
    if (from < plotLeft - 40 || from + w > plotRight + 10) return;
    out.push({ index: i, text: text(i), anchor });
  });
  return out;
}

/**
 * Event labels in up to four rows: each goes in the first row where it does not overlap the label
 * before it. A label that fits in no row still has its marker and tooltip.
 */
export function markerRows(markers: ReadonlyArray<{ x: number; label: string }>, rows = 4): Array<number | null> {
  const ends = new Array<number>(rows).fill(-Infinity);
  return markers.map((m) => {
    const row = ends.findIndex((end) => m.x + 3 > end + 4);
    if (row < 0) return null;
    ends[row] = m.x + 3 + labelWidth(m.label);
    return row;
  });
}

/** A line chart over labelled x positions, with optional band and markers. */
export function lineChart(opts: { labels: string[]; series: Series[]; band?: Band; markers?: Marker[]; title: string; yLabel?: string }): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart' });
  const titleNode = el('title', {});
  titleNode.textContent = opts.title;
  svg.appendChild(titleNode);
  const n = opts.labels.length;
  const all = [...opts.series.flatMap((s) => s.values), ...(opts.band ? opts.band.high : [])];
  const max = niceMax(Math.max(0, ...all));
  const x = (i: number): number => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number): number => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.appendChild(el('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.appendChild(text(PAD.left - 6, y(v) + 4, shortNumber(v), 'end'));
  }
  for (const tick of xTicks(opts.labels, PAD.left, W - PAD.right)) {
    svg.appendChild(el('line', { x1: x(tick.index), x2: x(tick.index), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: 'tick' }));
    svg.appendChild(text(tick.anchor === 'start' ? x(tick.index) + 3 : x(tick.index), H - PAD.bottom + 16, tick.text, tick.anchor, 'axis tick-label'));
  }
  if (opts.yLabel) {
    const cy = PAD.top + (H - PAD.top - PAD.bottom) / 2;
    const yl = text(14, cy, opts.yLabel, 'middle', 'axis-label');
    yl.setAttribute('transform', `rotate(-90 14 ${cy})`);
    svg.appendChild(yl);
  }
  // Flagged markers (the busiest day) are placed first so they always get a row.
  const markers = [...(opts.markers ?? [])].sort((a, b) => Number(Boolean(b.always)) - Number(Boolean(a.always)) || a.index - b.index);
  const rows = markerRows(markers.map((m) => ({ x: x(m.index), label: m.label })));
  markers.forEach((m, k) => {
    const line = el('line', { x1: x(m.index), x2: x(m.index), y1: PAD.top, y2: H - PAD.bottom, class: m.always ? 'marker strong' : 'marker' });
    const tip = el('title', {});
    tip.textContent = m.title ?? m.label;
    line.appendChild(tip);
    svg.appendChild(line);
    const row = rows[k];
    if (row !== null && row !== undefined) svg.appendChild(text(x(m.index) + 3, PAD.top + 10 + row * 12, m.label, 'start', 'marker-label'));
  });
  if (opts.band && n > 0) {
    const b = opts.band;
    const top = b.high.map((v, i) => `${x(i)},${y(v)}`);
    const bottom = b.low.map((v, i) => `${x(i)},${y(v)}`).reverse();
    svg.appendChild(el('polygon', { points: [...top, ...bottom].join(' '), class: b.cls }));
  }
  for (const s of opts.series) {
    const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    svg.appendChild(el('polyline', { points, class: s.cls, fill: 'none' }));
  }
  const legend = [...(opts.band ? [{ label: opts.band.label, cls: opts.band.cls }] : []), ...opts.series.map((s) => ({ label: s.label, cls: s.cls }))];
  legend.forEach((item, k) => {
    const lx = PAD.left + k * 170;
    svg.appendChild(el('rect', { x: lx, y: H - 14, width: 14, height: 8, class: `${item.cls} legend-swatch` }));
    svg.appendChild(text(lx + 20, H - 6, item.label));
  });
  return svg;
}

/** Horizontal bars with values, e.g. cost by pool. */
export function barChart(items: Array<{ label: string; value: number }>, format: (v: number) => string, title: string): SVGSVGElement {
  const rowH = 28;
  const h = Math.max(1, items.length) * rowH + 10;
  const svg = el('svg', { viewBox: `0 0 ${W} ${h}`, role: 'img', class: 'chart bars' });
  const titleNode = el('title', {});
  titleNode.textContent = title;
  svg.appendChild(titleNode);
  const max = Math.max(1, ...items.map((i) => i.value));
  items.forEach((item, k) => {
    const yPos = 5 + k * rowH;
    const width = (item.value / max) * (W - 360);
    svg.appendChild(text(150, yPos + 17, item.label, 'end'));
    svg.appendChild(el('rect', { x: 160, y: yPos + 4, width: Math.max(1, width), height: rowH - 10, class: 'bar' }));
    svg.appendChild(text(166 + width, yPos + 17, format(item.value)));
  });
  return svg;
}
