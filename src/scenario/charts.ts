/**
 * Hand-written SVG charts for the comparison page: pure functions from numbers
 * to markup, no scripts, no external resources.
 */
import { escapeXml } from '../report/format';

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

const f = (v: number): string => (Math.round(v * 10) / 10).toString();

/** A "nice" axis maximum and step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

function tickLabel(v: number): string {
  if (Math.abs(v) >= 1e6) return `${f(v / 1e6)}M`;
  if (Math.abs(v) >= 1e4) return `${f(v / 1e3)}k`;
  return String(Math.round(v * 1000) / 1000);
}

export interface LineSeries {
  name: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function yAxis(frame: Frame, scale: { max: number; step: number }, min = 0): string {
  const parts: string[] = [];
  const plotH = frame.height - frame.top - frame.bottom;
  for (let v = min; v <= scale.max + 1e-9; v += scale.step) {
    const y = frame.top + plotH - ((v - min) / (scale.max - min)) * plotH;
    parts.push(`<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${f(y)}" y2="${f(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${frame.left - 6}" y="${f(y + 4)}" text-anchor="end" font-size="11" fill="#555">${tickLabel(v)}</text>`);
  }
  return parts.join('');
}

function legend(items: Array<{ name: string; color: string; dashed?: boolean }>, x: number, y: number): string {
  return items
    .map((it, i) => {
      const yy = y + i * 16;
      return `<line x1="${x}" x2="${x + 18}" y1="${yy}" y2="${yy}" stroke="${it.color}" stroke-width="2"${it.dashed ? ' stroke-dasharray="4 3"' : ''}/><text x="${x + 24}" y="${yy + 4}" font-size="11">${escapeXml(it.name)}</text>`;
    })
    .join('');
}

/**
 * Lines over hours. `dayLabels` marks each day boundary (index of the hour and
 * the label), so a two-week horizon stays readable.
 */
export function lineChart(options: { title: string; series: LineSeries[]; dayLabels: Array<{ index: number; label: string }>; yLabel: string; width?: number; height?: number }): string {
  const width = options.width ?? 900;
  const legendW = 190;
  const frame: Frame = { width, height: options.height ?? 320, left: 56, right: 16 + legendW, top: 28, bottom: 36 };
  const hours = Math.max(1, ...options.series.map((s) => s.values.length));
  const scale = niceScale(Math.max(0, ...options.series.flatMap((s) => s.values.filter(Number.isFinite))));
  const plotW = width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const x = (i: number): number => frame.left + (hours <= 1 ? 0 : (i / (hours - 1)) * plotW);
  const y = (v: number): number => frame.top + plotH - (v / scale.max) * plotH;
  const paths = options.series.map((s) => {
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${f(x(i))} ${f(y(v))}`).join('');
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ''}><title>${escapeXml(s.name)}</title></path>`;
  });
  const days = options.dayLabels
    .map((d) => `<line x1="${f(x(d.index))}" x2="${f(x(d.index))}" y1="${frame.top}" y2="${frame.top + plotH}" stroke="#f0f0f0"/><text x="${f(x(d.index) + 2)}" y="${frame.height - 20}" font-size="10" fill="#555">${escapeXml(d.label)}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${frame.height}" viewBox="0 0 ${width} ${frame.height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<text x="${frame.left}" y="16" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`,
    yAxis(frame, scale),
    days,
    `<text x="12" y="${frame.top + plotH / 2}" font-size="11" fill="#555" transform="rotate(-90 12 ${frame.top + plotH / 2})" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
    ...paths,
    legend(options.series, width - legendW + 6, frame.top + 6),
    '</svg>',
  ].join('');
}

/** Horizontal stacked bars: one bar per row, one segment per part. */
export function stackedBarChart(options: { title: string; rows: Array<{ label: string; parts: number[] }>; parts: string[]; unit: string; width?: number }): string {
  const width = options.width ?? 900;
  const rowH = 24;
  const labelW = 170;
  const frame: Frame = { width, height: 0, left: labelW, right: 120, top: 28, bottom: 40 + 16 * Math.ceil(options.parts.length / 4) };
  frame.height = frame.top + options.rows.length * rowH + frame.bottom;
  const totals = options.rows.map((r) => r.parts.reduce((a, b) => a + Math.max(0, b), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const plotW = width - frame.left - frame.right;
  const x = (v: number): number => frame.left + (v / scale.max) * plotW;
  const bars = options.rows.map((r, i) => {
    const y = frame.top + i * rowH + 3;
    let at = 0;
    const segs = r.parts.map((v, j) => {
      if (!(v > 0)) return '';
      const seg = `<rect x="${f(x(at))}" y="${y}" width="${f(x(at + v) - x(at))}" height="${rowH - 6}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeXml(`${r.label} · ${options.parts[j] ?? ''}: ${Math.round(v).toLocaleString('en-US')} ${options.unit}`)}</title></rect>`;
      at += v;
      return seg;
    });
    return `<text x="${labelW - 6}" y="${y + rowH / 2}" text-anchor="end" font-size="11">${escapeXml(r.label)}</text>${segs.join('')}<text x="${f(x(at) + 4)}" y="${y + rowH / 2}" font-size="11" fill="#333">${Math.round(totals[i] ?? 0).toLocaleString('en-US')}</text>`;
  });
  const ticks: string[] = [];
  const axisY = frame.top + options.rows.length * rowH;
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) ticks.push(`<line x1="${f(x(v))}" x2="${f(x(v))}" y1="${frame.top}" y2="${axisY}" stroke="#e5e5e5"/><text x="${f(x(v))}" y="${axisY + 14}" text-anchor="middle" font-size="10" fill="#555">${tickLabel(v)}</text>`);
  const keys = options.parts
    .map((p, j) => {
      const kx = frame.left + (j % 4) * 170;
      const ky = axisY + 30 + Math.floor(j / 4) * 16;
      return `<rect x="${kx}" y="${ky - 9}" width="12" height="12" fill="${PALETTE[j % PALETTE.length]}"/><text x="${kx + 16}" y="${ky + 1}" font-size="11">${escapeXml(p)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${frame.height}" viewBox="0 0 ${width} ${frame.height}" role="img" aria-label="${escapeXml(options.title)}"><text x="8" y="16" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>${ticks.join('')}${bars.join('')}${keys}</svg>`;
}

/**
 * Cost against a swept parameter: the curve, the cheapest point circled and
 * labelled, and a dashed vertical line where shortfall starts.
 */
export function sweepChart(options: { title: string; xs: number[]; costs: Array<number | null>; cheapest: number; shortfallStart: number; unit: string; width?: number }): string {
  const width = options.width ?? 900;
  const frame: Frame = { width, height: 300, left: 64, right: 24, top: 28, bottom: 40 };
  const known = options.costs.filter((c): c is number => c !== null);
  const lo = known.length > 0 ? Math.min(...known) : 0;
  const hi = known.length > 0 ? Math.max(...known) : 1;
  const scale = niceScale(hi);
  const min = Math.max(0, Math.floor(lo / scale.step) * scale.step - scale.step);
  const plotW = width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const x0 = options.xs[0] ?? 0;
  const x1 = options.xs[options.xs.length - 1] ?? 1;
  const x = (v: number): number => frame.left + (x1 === x0 ? plotW / 2 : ((v - x0) / (x1 - x0)) * plotW);
  const y = (v: number): number => frame.top + plotH - ((v - min) / (scale.max - min || 1)) * plotH;
  const parts: string[] = [];
  let d = '';
  options.xs.forEach((xv, i) => {
    const c = options.costs[i];
    if (c === null || c === undefined) {
      parts.push(`<text x="${f(x(xv))}" y="${frame.top + plotH - 4}" text-anchor="middle" font-size="11" fill="#d62728">×<title>no plan</title></text>`);
      d += ' ';
      return;
    }
    d += `${d === '' || d.endsWith(' ') ? 'M' : 'L'}${f(x(xv))} ${f(y(c))}`;
    parts.push(`<circle cx="${f(x(xv))}" cy="${f(y(c))}" r="3" fill="#1f77b4"><title>${xv}: ${Math.round(c).toLocaleString('en-US')} ${escapeXml(options.unit)}</title></circle>`);
  });
  const ticks = options.xs.map((xv) => `<text x="${f(x(xv))}" y="${frame.height - 20}" text-anchor="middle" font-size="10" fill="#555">${xv}</text>`).join('');
  const cheap = options.cheapest >= 0 ? options.costs[options.cheapest] : null;
  const cheapX = options.xs[options.cheapest];
  const marks: string[] = [];
  if (cheap !== null && cheap !== undefined && cheapX !== undefined) {
    marks.push(`<circle cx="${f(x(cheapX))}" cy="${f(y(cheap))}" r="7" fill="none" stroke="#2ca02c" stroke-width="2"/><text x="${f(x(cheapX))}" y="${f(y(cheap) - 12)}" text-anchor="middle" font-size="11" fill="#2ca02c">cheapest: ${cheapX}</text>`);
  }
  const shortX = options.xs[options.shortfallStart];
  if (options.shortfallStart >= 0 && shortX !== undefined) {
    marks.push(`<line x1="${f(x(shortX))}" x2="${f(x(shortX))}" y1="${frame.top}" y2="${frame.top + plotH}" stroke="#d62728" stroke-dasharray="5 4"/><text x="${f(x(shortX) + 4)}" y="${frame.top + 12}" font-size="11" fill="#d62728">shortfall from ${shortX}</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${frame.height}" viewBox="0 0 ${width} ${frame.height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<text x="${frame.left}" y="16" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`,
    yAxis(frame, scale, min),
    ticks,
    `<path d="${d.trim()}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`,
    ...parts,
    ...marks,
    '</svg>',
  ].join('');
}
