/**
 * capacity.md and capacity.html for people, in English or Chinese: the key
 * figures, the weekly over/under chart, the hiring timeline, the weeks, the
 * classes, the releases, the vendor seats and why the short weeks are short.
 * The HTML is one self-contained page (inline CSS and SVG, no scripts).
 */
import { dayNumber } from '../domain';
import { eventName, tr, type Lang, type TextKey } from '../domain/i18n';
import { CSS, escapeXml, fixedDigits, grouped, htmlTable, money, niceScale, PALETTE, percent, stackedBarChart } from '../report';
import type { CapacityPlan, CapacityWeekResult } from './model';

type Text = (key: TextKey, vars?: Record<string, string | number>) => string;

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';
const COLORS = { inhouse: PALETTE[0] as string, vendor: PALETTE[1] as string, over: '#10b981', under: '#ef4444', required: '#111827', recruiting: '#cbd5e1', training: '#f59e0b', ramp: '#60a5fa', full: '#2563eb' };
const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();
const hours = (v: number): string => grouped(Math.round(v));
/** Whole hours with their sign (−262, +93, 0). */
export const signedHours = (v: number): string => (Math.round(v) > 0 ? `+${hours(v)}` : Math.round(v) < 0 ? `−${hours(-v)}` : '0');
const heads = (v: number): string => fixedDigits(v, 1);

/** The in-house and vendor hours per week as stacked columns, with the requirement as a line over them. */
function hoursChart(plan: CapacityPlan, t: Text): string {
  const bars = stackedBarChart({
    title: t('capChartHours'),
    categories: plan.weeks.map((w) => w.start),
    yLabel: 'h',
    series: [
      { name: t('capInhouse'), values: plan.weeks.map((w) => Math.round(w.inhouseHours)), color: COLORS.inhouse },
      { name: t('capVendor'), values: plan.weeks.map((w) => Math.round(w.vendorHours)), color: COLORS.vendor },
    ],
    format: (v) => grouped(v),
  });
  // The same geometry as stackedBarChart (report/charts.ts): 1100 x 300, margins 56/14/34/46.
  const m = { left: 56, right: 14, top: 34, bottom: 46 };
  const w = 1100 - m.left - m.right;
  const h = 300 - m.top - m.bottom;
  const { max } = niceScale(Math.max(0, ...plan.weeks.map((x) => Math.round(x.inhouseHours) + Math.round(x.vendorHours))));
  const slot = plan.weeks.length > 0 ? w / plan.weeks.length : w;
  const scale = Math.max(max, ...plan.weeks.map((x) => x.requiredHours));
  if (scale > max) return bars;
  const points = plan.weeks.map((x, i) => `${r1(m.left + i * slot + slot / 2)},${r1(m.top + h - (x.requiredHours / max) * h)}`).join(' ');
  const line = `<polyline fill="none" stroke="${COLORS.required}" stroke-width="2" stroke-dasharray="5 3" points="${points}"><title>${escapeXml(t('capRequired'))}</title></polyline>`;
  const key = `<line x1="${1100 - 150}" y1="14" x2="${1100 - 130}" y2="14" stroke="${COLORS.required}" stroke-width="2" stroke-dasharray="5 3"/><text x="${1100 - 124}" y="18" font-size="11">${escapeXml(t('capRequired'))}</text>`;
  return bars.replace('</svg>', `${line}${key}</svg>`);
}

/** One bar per week above or below zero: the hours over or under the requirement. */
export function overUnderChart(weeks: readonly CapacityWeekResult[], t: Text): string {
  const width = 1100;
  const height = 240;
  const m = { left: 56, right: 14, top: 34, bottom: 30 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const top = niceScale(Math.max(1, ...weeks.map((x) => x.overUnder))).max;
  const bottom = niceScale(Math.max(1, ...weeks.map((x) => -x.overUnder))).max;
  const y = (v: number): number => m.top + ((top - v) / (top + bottom)) * h;
  const slot = weeks.length > 0 ? w / weeks.length : w;
  const bw = Math.max(2, slot * 0.7);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(t('capChartOverUnder'))}" ${FONT}>`];
  out.push(`<text x="${m.left}" y="18" font-size="14" font-weight="600">${escapeXml(t('capChartOverUnder'))}</text>`);
  for (const v of [top, 0, -bottom]) out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${v === 0 ? '#374151' : '#e5e7eb'}"/><text x="${m.left - 6}" y="${r1(y(v) + 4)}" font-size="10" text-anchor="end">${escapeXml(signedHours(v))}</text>`);
  weeks.forEach((week, i) => {
    const x = m.left + i * slot + (slot - bw) / 2;
    const v = week.overUnder;
    const y0 = y(Math.max(0, v));
    const y1 = y(Math.min(0, v));
    out.push(`<rect class="${v < 0 ? 'under' : 'over'}" x="${r1(x)}" y="${r1(y0)}" width="${r1(bw)}" height="${r1(Math.max(0.5, y1 - y0))}" fill="${v < -0.5 ? COLORS.under : COLORS.over}"><title>${escapeXml(`${week.start}: ${signedHours(v)} h`)}</title></rect>`);
    out.push(`<text x="${r1(x + bw / 2)}" y="${height - 12}" font-size="10" text-anchor="middle">${escapeXml(week.start.slice(5))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Per class a bar from the recruiting deadline: recruiting, paid training, ramp, full speed until the contract ends (or the plan does). */
export function timelineChart(plan: CapacityPlan, rampDays: number, t: Text): string {
  const width = 1100;
  const rowH = 24;
  const m = { left: 70, right: 14, top: 34, bottom: 44 };
  const height = m.top + m.bottom + rowH * Math.max(1, plan.classes.length);
  const first = Math.min(dayNumber(plan.from), ...plan.classes.map((c) => dayNumber(c.recruitBy)));
  const last = dayNumber(plan.until) + 1;
  const w = width - m.left - m.right;
  const x = (day: number): number => m.left + ((Math.min(last, Math.max(first, day)) - first) / Math.max(1, last - first)) * w;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(t('capChartTimeline'))}" ${FONT}>`];
  out.push(`<text x="8" y="18" font-size="14" font-weight="600">${escapeXml(t('capChartTimeline'))}</text>`);
  for (const week of plan.weeks) out.push(`<line x1="${r1(x(dayNumber(week.start)))}" x2="${r1(x(dayNumber(week.start)))}" y1="${m.top}" y2="${height - m.bottom}" stroke="#f3f4f6"/>`);
  plan.classes.forEach((c, i) => {
    const y = m.top + i * rowH + 4;
    const live = dayNumber(c.productiveFrom);
    const spans: Array<[number, number, string, string]> = [
      [dayNumber(c.recruitBy), dayNumber(c.trainingStart), COLORS.recruiting, t('capRecruiting')],
      [dayNumber(c.trainingStart), live, COLORS.training, t('capTraining')],
      [live, live + rampDays, COLORS.ramp, t('capRamp')],
      [live + rampDays, dayNumber(c.contractEnd) + 1, COLORS.full, t('capFullSpeed')],
    ];
    out.push(`<text x="${m.left - 8}" y="${y + 12}" font-size="11" text-anchor="end">${escapeXml(`${c.id} (${c.trainees})`)}</text>`);
    for (const [from, to, color, name] of spans) {
      if (to <= from || x(to) - x(from) <= 0) continue;
      out.push(`<rect x="${r1(x(from))}" y="${y}" width="${r1(x(to) - x(from))}" height="${rowH - 8}" fill="${color}"><title>${escapeXml(`${c.id} ${name}`)}</title></rect>`);
    }
  });
  plan.weeks.forEach((week, i) => {
    if (i % 2 === 0) out.push(`<text x="${r1(x(dayNumber(week.start)))}" y="${height - m.bottom + 14}" font-size="10" text-anchor="middle">${escapeXml(week.start.slice(5))}</text>`);
  });
  let cx = m.left;
  for (const [color, name] of [[COLORS.recruiting, t('capRecruiting')], [COLORS.training, t('capTraining')], [COLORS.ramp, t('capRamp')], [COLORS.full, t('capFullSpeed')]] as const) {
    out.push(`<rect x="${cx}" y="${height - 19}" width="14" height="10" fill="${color}"/><text x="${cx + 18}" y="${height - 10}" font-size="11">${escapeXml(name)}</text>`);
    cx += 40 + name.length * 9;
  }
  out.push('</svg>');
  return out.join('');
}

interface Tables {
  figures: string[][];
  weeks: { head: string[]; rows: string[][]; right: boolean[] };
  classes: { head: string[]; rows: string[][]; right: boolean[] };
  releases: { head: string[]; rows: string[][]; right: boolean[] };
  vendors: { head: string[]; rows: string[][]; right: boolean[] };
  short: string[];
}

function tables(plan: CapacityPlan, t: Text, lang: Lang): Tables {
  const cur = plan.currency;
  const c = plan.costs;
  const amount = (v: number): string => `${cur} ${money(v, 0)}`;
  const peak = plan.weeks[plan.peakWeek];
  const trainees = plan.classes.reduce((s, x) => s + x.trainees, 0);
  const graduates = plan.classes.reduce((s, x) => s + x.graduates, 0);
  const figures: string[][] = [
    [t('capTotalCost'), amount(c.total)],
    [t('capPaid'), amount(c.paid)],
    [t('capPermanentWages'), amount(c.permanentWages)],
    [t('capTempTrainingWages'), amount(c.tempTrainingWages)],
    [t('capTempFloorWages'), amount(c.tempFloorWages)],
    [t('capHiring'), amount(c.hiring)],
    [t('capVendorSeats'), amount(c.vendorSeats)],
    [t('capVendorTraining'), amount(c.vendorTraining)],
    [t('capVendorFees'), amount(c.vendorFees)],
    [t('capLostService'), amount(c.lostService)],
    [t('capClasses'), t('capClassesCount', { classes: plan.classes.length, trainees, graduates: heads(graduates) })],
  ];
  if (peak) figures.push([t('capPeakWeek', { week: peak.start, required: hours(peak.requiredHours), available: hours(peak.availableHours), overUnder: signedHours(peak.overUnder) }), '']);
  const weekHead = [t('capColWeek'), t('capColRequired'), t('capColInhouse'), t('capColVendor'), t('capColOverUnder'), t('capColHeadcount'), t('capColTraining'), t('capColHires'), t('capColGraduates'), t('capColAttrition'), t('capColReleased'), `${t('capColLost')} (${cur})`, t('capColEvents')];
  const weekRows = plan.weeks.map((w) => [w.start, hours(w.requiredHours), hours(w.inhouseHours), hours(w.vendorHours), signedHours(w.overUnder), heads(w.headcount), heads(w.inTraining), String(w.hires), heads(w.graduates), heads(w.attrition), heads(w.released), money(w.lostServiceCost, 0), w.events.map((e) => eventName(lang, e)).join(lang === 'zh' ? '、' : ', ')]);
  const classHead = [t('capColClass'), t('capColRecruitBy'), t('capColTrainingStart'), t('capColProductiveFrom'), t('capColTrainees'), t('capColExpected'), `${t('capColCost')} (${cur})`, t('capColContractEnd')];
  const classRows = plan.classes.map((x) => [x.id, x.recruitBy, x.trainingStart, x.productiveFrom, String(x.trainees), heads(x.graduates), money(x.cost, 0), x.contractEnd]);
  const releaseHead = [t('capColDate'), t('capColClass'), t('capColAgents'), t('capColReason'), t('capColNotifyBy')];
  const releaseRows = plan.releases.map((r) => [r.date, r.classId, heads(r.agents), t(r.reason === 'early' ? 'capReasonEarly' : 'capReasonContractEnd'), r.notifyBy]);
  const vendorNames = plan.weeks[0]?.vendors.map((v) => v.vendor) ?? [];
  const vendorHead = [t('capColWeek'), ...vendorNames.map((v) => `${v}`), ...vendorNames.map((v) => `${v} (${cur})`)];
  const vendorRows = plan.weeks.map((w) => [w.start, ...w.vendors.map((v) => heads(v.seats)), ...w.vendors.map((v) => money(v.cost, 0))]);
  const short = plan.weeks
    .filter((w) => w.why.length > 0)
    .map((w) => t('capWhyLine', { week: w.start, hours: hours(w.shortHours), cur, cost: money(w.lostServiceCost, 0), why: w.why.map((r) => t(r.key, r.vars)).join(lang === 'zh' ? '；' : '; ') }));
  return {
    figures,
    weeks: { head: weekHead, rows: weekRows, right: weekHead.map((_, i) => i > 0 && i < weekHead.length - 1) },
    classes: { head: classHead, rows: classRows, right: classHead.map((_, i) => i >= 4 && i <= 6) },
    releases: { head: releaseHead, rows: releaseRows, right: releaseHead.map((_, i) => i === 2) },
    vendors: { head: vendorHead, rows: vendorRows, right: vendorHead.map((_, i) => i > 0) },
    short,
  };
}

function lead(plan: CapacityPlan, t: Text): string {
  return t('capPeriod', { from: plan.from, until: plan.until, weeks: plan.weeks.length, quantile: plan.quantile, efficiency: percent(plan.shiftEfficiency), hours: grouped(plan.hoursPerWeek, 1) });
}

function solverLine(plan: CapacityPlan, t: Text): string {
  const s = plan.solver;
  return t('capSolver', { name: s.name, status: s.status, gap: s.gap === null ? '–' : percent(s.gap, 3), variables: s.variables, integers: s.integerVariables });
}

function mdTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly boolean[]): string {
  const cell = (v: string): string => v.replace(/\|/g, '\\|');
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map((_, i) => (right[i] ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** capacity.md. */
export function capacityMarkdown(plan: CapacityPlan, lang: Lang = 'en'): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const x = tables(plan, t, lang);
  const parts = [
    `# ${t('capTitle')}`,
    '',
    lead(plan, t),
    '',
    `## ${t('capKeyFigures')}`,
    '',
    ...x.figures.map(([k, v]) => (v ? `- ${k}${lang === 'zh' ? '：' : ': '}${v}` : `- ${k}`)),
    '',
    `## ${t('capShortWeeks')}`,
    '',
    ...(x.short.length > 0 ? x.short.map((s) => `- ${s}`) : [t('capNoShortWeeks')]),
    '',
    `## ${t('capClasses')}`,
    '',
    x.classes.rows.length > 0 ? mdTable(x.classes.head, x.classes.rows, x.classes.right) : t('capNoClasses'),
    '',
    `## ${t('capReleases')}`,
    '',
    x.releases.rows.length > 0 ? mdTable(x.releases.head, x.releases.rows, x.releases.right) : t('capNoReleases'),
    '',
    `## ${t('capWeekly')}`,
    '',
    mdTable(x.weeks.head, x.weeks.rows, x.weeks.right),
    '',
    `## ${t('capVendors')}`,
    '',
    t('capVendorsNote', { hours: grouped(plan.hoursPerWeek, 1) }),
    '',
    mdTable(x.vendors.head, x.vendors.rows, x.vendors.right),
    '',
    `## ${t('capNotes')}`,
    '',
    `- ${t('capUnitsNote')}`,
    ...plan.notes.map((n) => `- ${n}`),
    `- ${solverLine(plan, t)}`,
    '',
  ];
  return parts.join('\n');
}

/** capacity.html. */
export function capacityHtml(plan: CapacityPlan, rampDays: number, lang: Lang = 'en'): string {
  const t: Text = (key, vars) => tr(lang, key, vars);
  const x = tables(plan, t, lang);
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`,
    `<title>${escapeXml(t('capTitle'))}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${CSS}#weeks td,#classes td,#releases td,#vendors td{white-space:nowrap}</style></head><body>`,
    `<h1>${escapeXml(t('capTitle'))}</h1>`,
    `<p>${escapeXml(lead(plan, t))}</p>`,
    `<h2>${escapeXml(t('capKeyFigures'))}</h2>`,
    htmlTable([t('figure'), t('value')], x.figures, [false, true], 'figures'),
    `<div class="chart">${overUnderChart(plan.weeks, t)}</div>`,
    `<div class="chart">${hoursChart(plan, t)}</div>`,
    `<h2>${escapeXml(t('capShortWeeks'))}</h2>`,
    x.short.length > 0 ? `<ul>${x.short.map((s) => `<li class="warn">${escapeXml(s)}</li>`).join('')}</ul>` : `<p>${escapeXml(t('capNoShortWeeks'))}</p>`,
    `<h2>${escapeXml(t('capClasses'))}</h2>`,
    `<div class="chart">${timelineChart(plan, rampDays, t)}</div>`,
    x.classes.rows.length > 0 ? htmlTable(x.classes.head, x.classes.rows, x.classes.right, 'classes') : `<p>${escapeXml(t('capNoClasses'))}</p>`,
    `<h2>${escapeXml(t('capReleases'))}</h2>`,
    x.releases.rows.length > 0 ? htmlTable(x.releases.head, x.releases.rows, x.releases.right, 'releases') : `<p>${escapeXml(t('capNoReleases'))}</p>`,
    `<h2>${escapeXml(t('capWeekly'))}</h2>`,
    htmlTable(x.weeks.head, x.weeks.rows, x.weeks.right, 'weeks'),
    `<h2>${escapeXml(t('capVendors'))}</h2>`,
    `<p class="note">${escapeXml(t('capVendorsNote', { hours: grouped(plan.hoursPerWeek, 1) }))}</p>`,
    htmlTable(x.vendors.head, x.vendors.rows, x.vendors.right, 'vendors'),
    `<h2>${escapeXml(t('capNotes'))}</h2>`,
    `<ul class="note">${[t('capUnitsNote'), ...plan.notes, solverLine(plan, t)].map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>`,
    '</body></html>',
  ];
  return `${parts.join('\n')}\n`;
}
