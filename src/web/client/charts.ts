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
  /** Labelled even when there are too many markers to label them all. */
  always?: boolean;
}

const W = 900;
const H = 260;
const PAD = { left: 56, right: 12, top: 14, bottom: 40 };

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

/** A line chart over labelled x positions, with optional band and markers. */
export function lineChart(opts: { labels: string[]; series: Series[]; band?: Band; markers?: Marker[]; title: string }): SVGSVGElement {
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
  const ticks = Math.min(8, n);
  for (let k = 0; k < ticks; k++) {
    const i = ticks <= 1 ? 0 : Math.round((k * (n - 1)) / (ticks - 1));
    svg.appendChild(text(x(i), H - PAD.bottom + 16, opts.labels[i] ?? '', 'middle'));
  }
  const markers = opts.markers ?? [];
  // Past a dozen markers the labels overlap: then only the flagged ones are written, the rest show on hover.
  const labelAll = markers.length <= 12;
  let row = 0;
  for (const m of markers) {
    const line = el('line', { x1: x(m.index), x2: x(m.index), y1: PAD.top, y2: H - PAD.bottom, class: m.always ? 'marker strong' : 'marker' });
    const tip = el('title', {});
    tip.textContent = m.label;
    line.appendChild(tip);
    svg.appendChild(line);
    if (labelAll || m.always) {
      // Three label rows so neighbouring events stay readable.
      svg.appendChild(text(x(m.index) + 3, PAD.top + 10 + (row % 3) * 12, m.label, 'start', 'marker-label'));
      row += 1;
    }
  }
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
