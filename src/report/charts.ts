/**
 * Hand-written SVG charts: pure functions, data in, markup out, so the HTML
 * report and the web page draw the same pictures. No scripts, no external
 * fonts or styles: each chart is one self-contained <svg> element.
 */
import { escapeXml, grouped } from './format';

export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#8b5cf6', '#ef4444', '#0ea5e9', '#84cc16', '#ec4899', '#64748b', '#14b8a6'];

export interface LineSeries {
  name: string;
  values: readonly number[];
  color: string;
  /** Dashed stroke. */
  dashed?: boolean;
}

export interface HourlyChart {
  title: string;
  /** One `YYYY-MM-DDTHH:00` per value. */
  hours: readonly string[];
  yLabel: string;
  band?: { name: string; low: readonly number[]; high: readonly number[]; color: string };
  lines: readonly LineSeries[];
  /** Hours to shade (e.g. shortfall), same length as `hours`. */
  highlight?: { name: string; hours: readonly boolean[]; color: string };
  width?: number;
  height?: number;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';
const r1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** A "nice" axis maximum and step (1, 2, 2.5 or 5 times a power of ten). */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** Rough width of a label at the legend's 11 px: CJK characters take a full em, others about half. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 11 : 6.2;
  return w;
}

function legend(items: ReadonlyArray<{ name: string; color: string; kind: 'line' | 'box' | 'dash' }>, x: number, y: number): string {
  let cx = x;
  const parts: string[] = [];
  for (const it of items) {
    const mark =
      it.kind === 'box'
        ? `<rect x="${cx}" y="${y - 9}" width="14" height="10" fill="${it.color}" fill-opacity="0.35" stroke="${it.color}"/>`
        : `<line x1="${cx}" y1="${y - 4}" x2="${cx + 14}" y2="${y - 4}" stroke="${it.color}" stroke-width="2"${it.kind === 'dash' ? ' stroke-dasharray="4 3"' : ''}/>`;
    parts.push(`${mark}<text x="${cx + 18}" y="${y}" font-size="11">${escapeXml(it.name)}</text>`);
    cx += 30 + textWidth(it.name);
  }
  return parts.join('');
}

/** Values per hour over days: band, lines, shaded hours, a day grid. */
export function hourlyChart(c: HourlyChart): string {
  const width = c.width ?? 1100;
  const height = c.height ?? 300;
  const m = { left: 56, right: 14, top: 34, bottom: 46 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const n = c.hours.length;
  const all = [...c.lines.flatMap((l) => l.values), ...(c.band ? c.band.high : [])].filter((v) => Number.isFinite(v));
  const { max, step } = niceScale(Math.max(0, ...all));
  const x = (i: number) => m.left + (n > 1 ? (i * w) / (n - 1) : w / 2);
  const y = (v: number) => m.top + h - (Math.max(0, v) / max) * h;
  const slot = n > 1 ? w / (n - 1) : w;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(c.title)}" ${FONT}>`];
  out.push(`<text x="${m.left}" y="18" font-size="14" font-weight="600">${escapeXml(c.title)}</text>`);
  if (c.highlight) {
    const hl = c.highlight;
    c.hours.forEach((hour, i) => {
      if (hl.hours[i]) out.push(`<rect class="highlight" x="${r1(x(i) - slot / 2)}" y="${m.top}" width="${r1(Math.max(slot, 1))}" height="${h}" fill="${hl.color}" fill-opacity="0.22"><title>${escapeXml(`${hour} ${hl.name}`)}</title></rect>`);
    });
  }
  for (let v = 0; v <= max + 1e-9; v += step) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="#e5e7eb"/><text x="${m.left - 6}" y="${r1(y(v) + 4)}" font-size="10" text-anchor="end">${grouped(v, step < 1 ? 1 : 0)}</text>`);
  }
  c.hours.forEach((hour, i) => {
    if (!hour.endsWith('T00:00')) return;
    out.push(`<line x1="${r1(x(i))}" x2="${r1(x(i))}" y1="${m.top}" y2="${m.top + h}" stroke="#d1d5db" stroke-dasharray="2 3"/><text x="${r1(x(i) + 3)}" y="${m.top + h + 14}" font-size="10">${hour.slice(5, 10)}</text>`);
  });
  out.push(`<text x="14" y="${m.top + h / 2}" font-size="11" transform="rotate(-90 14 ${m.top + h / 2})" text-anchor="middle">${escapeXml(c.yLabel)}</text>`);
  if (c.band && n > 0) {
    const upper = c.band.high.map((v, i) => `${r1(x(i))},${r1(y(v))}`);
    const lower = c.band.low.map((v, i) => `${r1(x(i))},${r1(y(v))}`).reverse();
    out.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${c.band.color}" fill-opacity="0.25" stroke="none"/>`);
  }
  for (const line of c.lines) {
    const pts = line.values.map((v, i) => `${r1(x(i))},${r1(y(v))}`).join(' ');
    out.push(`<polyline class="series" points="${pts}" fill="none" stroke="${line.color}" stroke-width="1.6"${line.dashed ? ' stroke-dasharray="5 3"' : ''}><title>${escapeXml(line.name)}</title></polyline>`);
  }
  out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#374151"/>`);
  const items = [
    ...(c.band ? [{ name: c.band.name, color: c.band.color, kind: 'box' as const }] : []),
    ...c.lines.map((l) => ({ name: l.name, color: l.color, kind: l.dashed ? ('dash' as const) : ('line' as const) })),
    ...(c.highlight ? [{ name: c.highlight.name, color: c.highlight.color, kind: 'box' as const }] : []),
  ];
  out.push(legend(items, m.left, height - 10));
  out.push('</svg>');
  return out.join('');
}

export interface BarItem {
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars with their values printed (e.g. cost by pool). */
export function barChart(c: { title: string; items: readonly BarItem[]; format: (v: number) => string; width?: number }): string {
  const width = c.width ?? 640;
  const rowH = 26;
  const m = { left: 120, right: 110, top: 32, bottom: 10 };
  const height = m.top + m.bottom + rowH * c.items.length;
  const w = width - m.left - m.right;
  const max = Math.max(0, ...c.items.map((i) => i.value)) || 1;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(c.title)}" ${FONT}>`];
  out.push(`<text x="8" y="18" font-size="14" font-weight="600">${escapeXml(c.title)}</text>`);
  c.items.forEach((item, i) => {
    const y = m.top + i * rowH;
    const bw = (Math.max(0, item.value) / max) * w;
    const color = item.color ?? PALETTE[i % PALETTE.length];
    out.push(
      `<text x="${m.left - 8}" y="${y + 17}" font-size="12" text-anchor="end">${escapeXml(item.label)}</text>` +
        `<rect class="bar" x="${m.left}" y="${y + 4}" width="${r1(bw)}" height="${rowH - 8}" fill="${color}"><title>${escapeXml(`${item.label}: ${c.format(item.value)}`)}</title></rect>` +
        `<text x="${r1(m.left + bw + 6)}" y="${y + 17}" font-size="12">${escapeXml(c.format(item.value))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** Stacked columns per category (e.g. agents per date, one stack per shift). */
export function stackedBarChart(c: { title: string; categories: readonly string[]; series: readonly LineSeries[]; yLabel: string; width?: number; height?: number }): string {
  const width = c.width ?? 1100;
  const height = c.height ?? 300;
  const m = { left: 56, right: 14, top: 34, bottom: 46 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const totals = c.categories.map((_, i) => c.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const { max, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => m.top + h - (v / max) * h;
  const slot = c.categories.length > 0 ? w / c.categories.length : w;
  const bw = Math.max(2, slot * 0.7);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(c.title)}" ${FONT}>`];
  out.push(`<text x="${m.left}" y="18" font-size="14" font-weight="600">${escapeXml(c.title)}</text>`);
  for (let v = 0; v <= max + 1e-9; v += step) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="#e5e7eb"/><text x="${m.left - 6}" y="${r1(y(v) + 4)}" font-size="10" text-anchor="end">${grouped(v, step < 1 ? 1 : 0)}</text>`);
  }
  out.push(`<text x="14" y="${m.top + h / 2}" font-size="11" transform="rotate(-90 14 ${m.top + h / 2})" text-anchor="middle">${escapeXml(c.yLabel)}</text>`);
  c.categories.forEach((cat, i) => {
    const x = m.left + i * slot + (slot - bw) / 2;
    let base = 0;
    for (const se of c.series) {
      const v = se.values[i] ?? 0;
      if (v <= 0) continue;
      out.push(`<rect class="stack" x="${r1(x)}" y="${r1(y(base + v))}" width="${r1(bw)}" height="${r1(y(base) - y(base + v))}" fill="${se.color}"><title>${escapeXml(`${cat} ${se.name}: ${v}`)}</title></rect>`);
      base += v;
    }
    out.push(`<text x="${r1(x + bw / 2)}" y="${r1(y(base) - 3)}" font-size="10" text-anchor="middle">${totals[i]}</text>`);
    out.push(`<text x="${r1(x + bw / 2)}" y="${m.top + h + 14}" font-size="10" text-anchor="middle">${escapeXml(cat.length === 10 ? cat.slice(5) : cat)}</text>`);
  });
  out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#374151"/>`);
  out.push(legend(c.series.map((s) => ({ name: s.name, color: s.color, kind: 'box' as const })), m.left, height - 10));
  out.push('</svg>');
  return out.join('');
}
