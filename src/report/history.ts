/** A summary of an inquiry history: what a manager checks after an upload. */
import type { Config } from '../config';
import { hourKeyFromNumber, hourNumber, type History } from '../domain';
import { closedSplit } from '../forecast';

export interface HistorySummary {
  timezone: string;
  firstHour: string;
  lastHour: string;
  days: number;
  hourSlots: number;
  hoursWithData: number;
  /** Empty hour slots at open hours of the week. */
  missingHours: number;
  /** Hour slots at closed hours of the week: never any volume there (a bank's nights and weekends). */
  closedHours: number;
  /** Open hours per weekday, e.g. `Mon 07-22`, `Sat closed`. */
  openHours: string[];
  sourceRows: number;
  rowsPerHour: number;
  queues: Array<{ name: string; total: number }>;
  total: number;
  busiestHour: { hour: string; inquiries: number };
  busiestDay: { date: string; inquiries: number };
  meanDailyInquiries: number;
  /** The file's text encoding (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`), when read from a file. */
  encoding?: string;
  /** What reading skipped (empty rows, total rows), one sentence each. */
  notes: string[];
  /** Header cells of the columns not read. */
  ignoredColumns: string[];
}

export function summarizeHistory(history: History): HistorySummary {
  const start = hourNumber(history.startHour);
  const totals = new Array<number | null>(history.hours).fill(null);
  const queues = history.queues.map((q) => {
    let total = 0;
    q.values.forEach((v, i) => {
      if (v === null) return;
      total += v;
      totals[i] = (totals[i] ?? 0) + v;
    });
    return { name: q.name, total };
  });
  let busiestHour = { hour: history.startHour, inquiries: -1 };
  const daily = new Map<string, number>();
  let hoursWithData = 0;
  totals.forEach((v, i) => {
    if (v === null) return;
    hoursWithData += 1;
    const key = hourKeyFromNumber(start + i);
    if (v > busiestHour.inquiries) busiestHour = { hour: key, inquiries: v };
    const date = key.slice(0, 10);
    daily.set(date, (daily.get(date) ?? 0) + v);
  });
  let busiestDay = { date: history.startHour.slice(0, 10), inquiries: -1 };
  for (const [date, v] of daily) if (v > busiestDay.inquiries) busiestDay = { date, inquiries: v };
  const total = queues.reduce((a, q) => a + q.total, 0);
  return {
    timezone: history.timezone,
    firstHour: history.startHour,
    lastHour: hourKeyFromNumber(start + history.hours - 1),
    days: daily.size,
    hourSlots: history.hours,
    hoursWithData,
    ...closedSplit(history),
    sourceRows: history.sourceRows,
    rowsPerHour: history.rowsPerHour,
    queues,
    total,
    busiestHour,
    busiestDay,
    meanDailyInquiries: daily.size > 0 ? Math.round(total / daily.size) : 0,
    notes: history.readNotes ?? [],
    ignoredColumns: history.ignoredColumns ?? [],
  };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030 (GBK, as Excel saves CSV on Chinese Windows)',
  'utf-16le': 'UTF-16LE with a byte-order mark',
  'utf-16be': 'UTF-16BE with a byte-order mark',
};

export function formatHistorySummary(s: HistorySummary, file: string, config?: Config): string {
  const lines = [
    `history   ${file}`,
    ...(s.encoding ? [`encoding  ${ENCODING_NAMES[s.encoding] ?? s.encoding}`] : []),
    `range     ${s.firstHour} .. ${s.lastHour} (${s.timezone}), ${s.days} days with data`,
    `rows      ${fmt(s.sourceRows)} source rows, ${s.rowsPerHour} per hour -> ${fmt(s.hoursWithData)} hours with data, ${fmt(s.missingHours)} hours missing, ${fmt(s.closedHours)} hours closed`,
    ...(s.closedHours > 0 ? [`open      ${s.openHours.join('; ')}`] : []),
    `total     ${fmt(s.total)} inquiries, ${fmt(s.meanDailyInquiries)} per day on average`,
    ...s.queues.map((q) => `  queue   ${q.name.padEnd(12)} ${fmt(q.total)}`),
    `busiest   hour ${s.busiestHour.hour} (${fmt(s.busiestHour.inquiries)}), day ${s.busiestDay.date} (${fmt(s.busiestDay.inquiries)})`,
    ...(s.ignoredColumns.length > 0 ? [`ignored   column${s.ignoredColumns.length > 1 ? 's' : ''} ${s.ignoredColumns.map((c) => JSON.stringify(c)).join(', ')} (not a time, count or queue column)`] : []),
    ...s.notes.map((note) => `note      ${note}`),
  ];
  if (config) {
    const pools = config.pools.map((p) => (p.kind === 'inhouse' ? `${p.name} (in-house, ${p.headcount} agents)` : `${p.name} (vendor, ${p.pricing.model})`));
    lines.push(
      `config    queues ${config.queues.map((q) => q.name).join(', ')}; shifts ${config.shifts.map((x) => x.name).join(', ')}; pools ${pools.join(', ')}`,
      `          outsourcing ${config.outsourcing.min}-${config.outsourcing.max} per ${config.outsourcing.scope}${config.horizon ? `; horizon ${config.horizon.start} .. ${config.horizon.end}` : ''}`,
    );
  }
  return lines.join('\n');
}
