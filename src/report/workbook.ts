/**
 * roster.xlsx: the plan folder as one Excel workbook for managers, made to be
 * printed. Sheets: Summary (key figures as numbers, cost by pool, the
 * glossary), Roster grid (one row per agent or working seat, one column per
 * date with its weekday, each cell the shift code and start hour like `D08`,
 * a legend, totals), one sheet per vendor (its seats only), one intraday
 * sheet per event day (agents × 30-minute slots, breaks marked), Shifts and
 * Coverage (required vs scheduled per hour with a native line chart).
 * Every sheet prints landscape on A4, one page wide, with its header rows
 * (and on wide sheets the name columns) repeated on each page, and a page
 * header and footer with the shop, the horizon and the page number. Dates
 * and times are Excel dates, figures are numbers with a number format.
 *
 * Byte-stable: the document dates are the plan's first day and every zip
 * entry carries one fixed time, so the same plan gives the same bytes.
 */
import ExcelJS from 'exceljs';
import type { Config } from '../config';
import { isoWeekday, type ShiftLine } from '../domain';
import { isTextKey, tr, type Lang, type TextKey } from '../domain/i18n';
import type { CoverageRow } from '../plan';
import { UNFILLED, type Roster, type RosterAssignment } from '../roster';
import { poolKindText, type KpiFormat, type ReportModel } from './plan';
import { rosterGrid, vendorSheet } from './roster';
import { addLineChart } from './xlsx-chart';

export interface WorkbookInput {
  model: ReportModel;
  config: Pick<Config, 'shifts' | 'pools'> & { shop?: string | undefined };
  lines: readonly ShiftLine[];
  coverage: readonly CoverageRow[];
  /** Service level per coverage row (null: no inquiries that hour). */
  serviceLevels: ReadonlyArray<number | null>;
  summary: { pools: Record<string, { kind: string; used: boolean; costByType: Parameters<typeof vendorSheet>[3]['costByType'] }> };
  roster?: Roster | null;
}

type Text = (key: TextKey, vars?: Record<string, string | number>) => string;

const MONEY = '#,##0.00';
const HOURS = '0.00';
const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const CLOCK = 'hh:mm';

/** Light fills for shift codes, in the config's shift order (ARGB). */
const CODE_FILLS = ['FFDBEAFE', 'FFD1FAE5', 'FFEDE9FE', 'FFFEF3C7', 'FFFCE7F3', 'FFCFFAFE', 'FFFFEDD5', 'FFE0E7FF'];
const OFF_FILL = 'FFF3F4F6';
const HEADER_FILL = 'FFE5E7EB';
const WARN_FILL = 'FFFEE2E2';
const BREAK_FILL = 'FFFDE68A';

/** Characters Excel refuses in a sheet name, and its 31-character limit. */
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/** A sheet name Excel accepts that no earlier sheet has (names compare case-insensitively). */
export function sheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = (wanted.replace(SHEET_NAME_BAD, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, SHEET_NAME_MAX);
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${base.slice(0, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** A local date (`2026-11-11`) or hour (`2026-11-11T08:00`) as the Excel date-time it names: exceljs writes a Date's UTC fields. */
export function excelDate(local: string): Date {
  const [y, m, d] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hh = local.length > 10 ? Number(local.slice(11, 13)) : 0;
  const mm = local.length > 10 ? Number(local.slice(14, 16)) : 0;
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

/** The number Excel stores for a date-time (days since 1899-12-30). */
function excelSerial(local: string): number {
  return excelDate(local).getTime() / 86_400_000 + 25_569;
}

/** A grid cell: the shift code and its start hour, `D08`, or `D08:30` off the hour. */
export function shiftCell(code: string, start: string): string {
  return `${code}${start.endsWith(':00') ? start.slice(0, 2) : start}`;
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function headerRow(sheet: ExcelJS.Worksheet, titles: ReadonlyArray<string | Date | number>): ExcelJS.Row {
  const row = sheet.addRow([...titles]);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = fill(HEADER_FILL);
  });
  return row;
}

function setWidths(sheet: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

function formatColumns(sheet: ExcelJS.Worksheet, formats: Record<number, string>): void {
  for (const [col, numFmt] of Object.entries(formats)) sheet.getColumn(Number(col)).numFmt = numFmt;
}

/** Page header and footer codes take `&` as their escape: a literal one is doubled. */
const headerText = (text: string): string => text.replace(/&/g, '&&');

/**
 * Print setup: A4 landscape, one page wide and as many pages down as needed,
 * `rows` (e.g. `1:2`) and `columns` (e.g. `A:B`) repeated on every page;
 * page header with the shop (left), the plan's title (centre) and the sheet
 * (right), footer with the page number.
 */
function printSetup(sheet: ExcelJS.Worksheet, input: WorkbookInput, t: Text, titles: { rows?: string; columns?: string } = {}): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titles.rows ? { printTitlesRow: titles.rows } : {}),
    ...(titles.columns ? { printTitlesColumn: titles.columns } : {}),
  };
  const shop = input.config.shop ? `&L${headerText(input.config.shop)}` : '';
  sheet.headerFooter = {
    oddHeader: `${shop}&C&B${headerText(input.model.title)}&R&A`,
    // The catalogue's `{page}` and `{pages}` become the page codes after the text is escaped.
    oddFooter: `&L${headerText(t('printedBy'))}&R${headerText(t('pageOf')).replace('{page}', '&P').replace('{pages}', '&N')}`,
  };
}

const NUMBER_FORMATS: Record<KpiFormat, string> = { money: MONEY, percent: PERCENT, count: '#,##0', decimal1: '#,##0.0', decimal2: '#,##0.00' };

function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: Text): void {
  const { model } = input;
  const sheet = wb.addWorksheet(t('sheetSummary'));
  sheet.addRow([model.title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  sheet.addRow([t('keyFigures')]).font = { bold: true };
  headerRow(sheet, [t('figure'), t('value'), t('colDetail')]);
  const money = `"${model.currency}" ${MONEY}`;
  for (const k of model.kpis) {
    if (k.amount === undefined || k.format === undefined) {
      sheet.addRow([k.label, k.value]);
      continue;
    }
    const row = sheet.addRow([k.label, k.amount, k.detail ?? '']);
    row.getCell(2).numFmt = k.format === 'money' ? money : NUMBER_FORMATS[k.format];
    row.getCell(2).alignment = { horizontal: 'right' };
  }
  sheet.addRow([]);
  sheet.addRow([t('costByPool')]).font = { bold: true };
  const cur = { cur: model.currency };
  headerRow(sheet, [t('colPool'), t('colKind'), t('colCostIn', cur), t('colShare'), t('colAgentShifts'), t('colPeakPerDay')]);
  for (const p of model.costByPool) {
    const row = sheet.addRow([p.pool, poolKindText(model.lang, p), p.cost, p.share, p.agentShifts, p.peakAgentsPerDay]);
    row.getCell(3).numFmt = MONEY;
    row.getCell(4).numFmt = PERCENT;
  }
  const total = sheet.addRow([t('colTotal'), '', model.costByPool.reduce((s, p) => s + p.cost, 0), model.costByPool.length > 0 ? 1 : 0, model.costByPool.reduce((s, p) => s + p.agentShifts, 0), null]);
  total.font = { bold: true };
  total.getCell(3).numFmt = MONEY;
  total.getCell(4).numFmt = PERCENT;
  sheet.addRow([]);
  sheet.addRow([t('glossaryTitle')]).font = { bold: true };
  for (const g of model.glossary) {
    const row = sheet.addRow([g.term, g.meaning]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
    sheet.mergeCells(row.number, 2, row.number, 6);
    // Merged cells do not grow with their text: about 95 characters (Latin) or 48 (CJK) a line across B:F.
    const perLine = /[\u4e00-\u9fff]/.test(g.meaning) ? 48 : 95;
    row.height = 15 * Math.ceil(g.meaning.length / perLine);
  }
  setWidths(sheet, [46, 22, 44, 10, 14, 16]);
  printSetup(sheet, input, t);
}

function weekdayName(t: Text, date: string): string {
  return t('weekdays').split(',')[isoWeekday(date) - 1] ?? '';
}

function rosterGridSheet(wb: ExcelJS.Workbook, input: WorkbookInput, roster: Roster, t: Text): void {
  const grid = rosterGrid(roster, input.config);
  // Surge seats are the vendor's call-up reserve: one that never works is no row to print.
  const people = grid.people.filter((p) => !(p.surge && p.days === 0));
  const sheet = wb.addWorksheet(t('sheetRosterGrid'), { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  const lastCol = 3 + grid.dates.length + 2;
  headerRow(sheet, [t('colAgentId'), t('colName'), t('colPool'), ...grid.dates.map(excelDate), t('colDays'), t('colNights')]);
  headerRow(sheet, ['', '', '', ...grid.dates.map((d) => weekdayName(t, d)), '', '']);
  grid.dates.forEach((_, i) => {
    sheet.getRow(1).getCell(4 + i).numFmt = 'mm-dd';
    sheet.getRow(1).getCell(4 + i).alignment = { horizontal: 'center' };
    sheet.getRow(2).getCell(4 + i).alignment = { horizontal: 'center' };
  });
  const codes = [...new Set(input.config.shifts.map((s) => s.code))];
  const codeFill = new Map(codes.map((c, i) => [c, CODE_FILLS[i % CODE_FILLS.length] as string]));
  const off = t('offCell');
  for (const p of people) {
    const row = sheet.addRow([p.id, p.name, p.pool, ...p.cells.map((c, i) => (c ? shiftCell(c, p.starts[i] ?? '') : off)), p.days, p.nights]);
    p.cells.forEach((code, i) => {
      const cell = row.getCell(4 + i);
      cell.fill = fill(code ? (codeFill.get(code) ?? OFF_FILL) : OFF_FILL);
      cell.alignment = { horizontal: 'center' };
      if (!code) cell.font = { color: { argb: 'FF9CA3AF' } };
    });
  }
  for (const total of grid.totals) {
    const label = total.kind === 'code' ? t('totalCode', { code: total.code }) : total.kind === 'unfilled' ? t('unfilledRow') : t('totalRow');
    const row = sheet.addRow([label, '', '', ...total.counts, total.days, total.nights]);
    row.font = { bold: true };
    if (total.kind === 'unfilled') row.eachCell((c) => (c.fill = fill(WARN_FILL)));
    if (total.kind === 'code') row.getCell(1).fill = fill(codeFill.get(total.code) ?? OFF_FILL);
  }
  // The legend: every cell text the grid uses, with its shift and hours.
  sheet.addRow([]);
  sheet.addRow([t('legend')]).font = { bold: true };
  const seen = new Map<string, RosterAssignment>();
  const shown = new Set(people.map((p) => p.id));
  for (const a of roster.assignments) {
    if (a.personId === UNFILLED || !shown.has(a.personId)) continue;
    const key = shiftCell(a.code, a.start.slice(11, 16));
    if (!seen.has(key)) seen.set(key, a);
  }
  const order = new Map(input.config.shifts.map((s, i) => [s.code, i]));
  const legend = [...seen].sort(([ka, a], [kb, b]) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0) || (ka < kb ? -1 : ka > kb ? 1 : 0));
  for (const [key, a] of legend) {
    const row = sheet.addRow([key, t('legendShift', { shift: a.shift, start: a.start.slice(11, 16), end: a.end.slice(11, 16) })]);
    row.getCell(1).fill = fill(codeFill.get(a.code) ?? OFF_FILL);
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  const offRow = sheet.addRow([off, t('legendOff')]);
  offRow.getCell(1).fill = fill(OFF_FILL);
  offRow.getCell(1).alignment = { horizontal: 'center' };
  setWidths(sheet, [14, 14, 12, ...grid.dates.map(() => 7), 7, 7]);
  sheet.getColumn(lastCol).numFmt = '0';
  printSetup(sheet, input, t, { rows: '1:2', columns: 'A:B' });
}

function vendorSheets(wb: ExcelJS.Workbook, input: WorkbookInput, roster: Roster, t: Text, taken: Set<string>): void {
  for (const pool of input.config.pools) {
    if (pool.kind !== 'vendor') continue;
    const ps = input.summary.pools[pool.name];
    if (!ps || !ps.used) continue;
    const data = vendorSheet(pool.name, roster, input.lines, ps, input.config);
    const name = sheetName(pool.name, taken);
    taken.add(name);
    const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    headerRow(sheet, [t('colDate'), t('colSeat'), t('colShift'), t('colStart'), t('colEnd'), t('colPaidHours'), t('colAmountIn', { cur: input.model.currency })]);
    for (const r of data.rows) sheet.addRow([excelDate(r.date), r.seat, r.shift, excelDate(r.start), excelDate(r.end), r.paidHours, r.cents / 100]);
    for (const f of data.fees) {
      const key = `fee_${f.key}`;
      sheet.addRow([null, '', isTextKey(key) ? t(key) : f.label, null, null, null, f.cents / 100]);
    }
    sheet.addRow([null, '', t('vendorTotal'), null, null, data.paidHours, data.totalCents / 100]).font = { bold: true };
    formatColumns(sheet, { 1: DATE, 4: DATE_TIME, 5: DATE_TIME, 6: HOURS, 7: MONEY });
    setWidths(sheet, [12, 14, 12, 18, 18, 12, 14]);
    printSetup(sheet, input, t, { rows: '1:1' });
  }
}

/** Half-hour slots of a day that a shift from `start` to `end` (local hours) covers. */
function slotsOf(day: string, start: string, end: string): [number, number] {
  const dayStart = excelSerial(day);
  const from = Math.round((excelSerial(start) - dayStart) * 48);
  const to = Math.round((excelSerial(end) - dayStart) * 48);
  return [Math.max(0, from), Math.min(48, to)];
}

/** A person's breaks (`HH:MM-HH:MM;...`) as local hours: each at its first time of day at or after the shift start. */
function breakHours(a: RosterAssignment): Array<[string, string]> {
  if (!a.breaks) return [];
  const startClock = a.start.slice(11, 16);
  const startDate = a.start.slice(0, 10);
  const next = excelDate(startDate);
  next.setUTCDate(next.getUTCDate() + 1);
  const nextDate = next.toISOString().slice(0, 10);
  const at = (clock: string): string => `${clock >= startClock ? startDate : nextDate}T${clock}`;
  return a.breaks.split(';').map((b) => {
    const [from = '', to = ''] = b.split('-');
    const begin = at(from);
    const endDate = to > from ? begin.slice(0, 10) : nextDate;
    return [begin, `${endDate}T${to}`];
  });
}

/**
 * One event day's intraday sheet: a row per person on the floor that day
 * (night shifts of the day before included), a column per half hour, the
 * shift code where they work and the break mark where they are on a break;
 * the last row counts the people working (not on a break) in each slot.
 */
function intradaySheet(wb: ExcelJS.Workbook, input: WorkbookInput, roster: Roster, day: string, t: Text, taken: Set<string>): void {
  const nextDay = excelDate(day);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  const dayEnd = `${nextDay.toISOString().slice(0, 10)}T00:00`;
  const dayStart = `${day}T00:00`;
  const on = roster.assignments
    .filter((a) => a.personId !== UNFILLED && a.start < dayEnd && a.end > dayStart)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0) || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  if (on.length === 0) return;
  const name = sheetName(t('sheetIntraday', { day: day.slice(5) }), taken);
  taken.add(name);
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 4, ySplit: 1 }] });
  const slots = Array.from({ length: 48 }, (_, i) => i / 48);
  const head = headerRow(sheet, [t('colAgentId'), t('colName'), t('colPool'), t('colShift'), ...slots]);
  slots.forEach((_, i) => {
    head.getCell(5 + i).numFmt = CLOCK;
    head.getCell(5 + i).alignment = { horizontal: 'center', textRotation: 90 };
  });
  // Room for the turned times (hh:mm) in the header row.
  head.height = 34;
  const codes = [...new Set(input.config.shifts.map((s) => s.code))];
  const codeFill = new Map(codes.map((c, i) => [c, CODE_FILLS[i % CODE_FILLS.length] as string]));
  const working = slots.map(() => 0);
  const mark = t('breakMark');
  for (const a of on) {
    const cells: string[] = slots.map(() => '');
    const [from, to] = slotsOf(day, a.start, a.end);
    for (let i = from; i < to; i++) cells[i] = a.code;
    for (const [bs, be] of breakHours(a)) {
      const [bf, bt] = slotsOf(day, bs, be);
      for (let i = bf; i < bt; i++) if (cells[i]) cells[i] = mark;
    }
    const row = sheet.addRow([a.personId, a.personName, a.pool, shiftCell(a.code, a.start.slice(11, 16)), ...cells]);
    cells.forEach((c, i) => {
      if (!c) return;
      const cell = row.getCell(5 + i);
      cell.alignment = { horizontal: 'center' };
      cell.fill = fill(c === mark ? BREAK_FILL : (codeFill.get(a.code) ?? OFF_FILL));
      if (c !== mark) working[i] = (working[i] ?? 0) + 1;
    });
  }
  const total = sheet.addRow([t('onTheFloor'), '', '', '', ...working]);
  total.font = { bold: true };
  sheet.addRow([]);
  const legend = sheet.addRow([mark, t('legendBreak')]);
  legend.getCell(1).fill = fill(BREAK_FILL);
  legend.getCell(1).alignment = { horizontal: 'center' };
  setWidths(sheet, [14, 14, 12, 8, ...slots.map(() => 3.6)]);
  printSetup(sheet, input, t, { rows: '1:1', columns: 'A:B' });
}

function shiftsSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: Text): void {
  const sheet = wb.addWorksheet(t('sheetShifts'), { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(sheet, [t('colDate'), t('colShift'), t('colCode'), t('colStart'), t('colEnd'), t('colPool'), t('colAgents'), t('colCostIn', { cur: input.model.currency }), t('colPaidHours'), t('colOvertimeHours'), t('colSurge'), t('colBreaks'), t('colQueue')]);
  for (const l of input.lines) {
    const breaks = (l.breaks ?? []).map((b) => `${b.start.slice(11)}-${b.end.slice(11)}x${b.agents}`).join(';');
    sheet.addRow([excelDate(l.date), l.shift, l.code, excelDate(l.start), excelDate(l.end), l.pool, l.agents, l.cost, l.paidHours ?? null, l.overtimeHours ?? 0, l.surge ? t('yes') : '', breaks, l.queue ?? '']);
  }
  formatColumns(sheet, { 1: DATE, 4: DATE_TIME, 5: DATE_TIME, 8: MONEY });
  setWidths(sheet, [12, 10, 6, 17, 17, 14, 8, 14, 10, 10, 8, 24, 12]);
  printSetup(sheet, input, t, { rows: '1:1' });
}

/**
 * Coverage: one row per hour with the totals over the queues (required,
 * scheduled, short, surplus, service level) and, beside it, a line chart of
 * required vs scheduled; with more than one queue a second sheet lists every
 * queue's rows.
 */
async function coverageSheets(wb: ExcelJS.Workbook, input: WorkbookInput, t: Text, taken: Set<string>): Promise<(bytes: Buffer) => Promise<Buffer>> {
  const queues = new Set(input.coverage.map((r) => r.queue).filter((q) => q !== 'all'));
  const totals = input.coverage.map((r, i) => ({ r, sl: input.serviceLevels[i] })).filter(({ r }) => r.queue === 'all' || queues.size <= 1);
  const name = t('sheetCoverage');
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(sheet, [t('colTimestamp'), t('colRequired'), t('colScheduled'), t('colShort'), t('colSurplus'), t('colServiceLevel')]);
  for (const { r, sl } of totals) {
    const row = sheet.addRow([excelDate(r.timestamp), r.required, r.scheduled, r.shortfall, r.surplus, sl === null || sl === undefined ? null : sl]);
    if (r.shortfall > 1e-9) row.getCell(4).fill = fill(WARN_FILL);
  }
  formatColumns(sheet, { 1: DATE_TIME, 2: HOURS, 3: HOURS, 4: HOURS, 5: HOURS, 6: PERCENT });
  setWidths(sheet, [17, 10, 10, 10, 10, 12]);
  printSetup(sheet, input, t, { rows: '1:1' });
  if (queues.size > 1) {
    const byQueue = sheetName(t('sheetCoverageByQueue'), taken);
    taken.add(byQueue);
    const q = wb.addWorksheet(byQueue, { views: [{ state: 'frozen', ySplit: 1 }] });
    headerRow(q, [t('colTimestamp'), t('colQueue'), t('colRequired'), t('colScheduled'), t('colShort'), t('colSurplus'), t('colServiceLevel')]);
    input.coverage.forEach((r, i) => {
      if (r.queue === 'all') return;
      const sl = input.serviceLevels[i];
      const row = q.addRow([excelDate(r.timestamp), r.queue, r.required, r.scheduled, r.shortfall, r.surplus, sl === null || sl === undefined ? null : sl]);
      if (r.shortfall > 1e-9) row.getCell(5).fill = fill(WARN_FILL);
    });
    formatColumns(q, { 1: DATE_TIME, 3: HOURS, 4: HOURS, 5: HOURS, 6: HOURS, 7: PERCENT });
    setWidths(q, [17, 12, 10, 10, 10, 10, 12]);
    printSetup(q, input, t, { rows: '1:1' });
  }
  if (totals.length === 0) return async (bytes) => bytes;
  const planDay = excelDate(input.model.byDay.dates[0] ?? '2000-01-01');
  const spec = {
    sheet: name,
    title: t('chartRequiredScheduled'),
    yTitle: t('productiveAgents'),
    categoryColumn: 'A',
    categories: totals.map(({ r }) => excelSerial(r.timestamp)),
    categoryFormat: 'mm-dd hh:mm',
    firstRow: 2,
    series: [
      { nameCell: 'B1', name: t('colRequired'), column: 'B', values: totals.map(({ r }) => r.required), color: '1D4ED8' },
      { nameCell: 'C1', name: t('colScheduled'), column: 'C', values: totals.map(({ r }) => r.scheduled), color: '059669' },
    ],
    labelEvery: totals.length > 48 ? 24 : 6,
    from: { col: 7, row: 1 },
    to: { col: 21, row: 25 },
  };
  return (bytes) => addLineChart(bytes, spec, planDay);
}

/** The workbook in memory, and what to do to its bytes once written (the coverage chart). */
export async function buildWorkbook(input: WorkbookInput): Promise<{ workbook: ExcelJS.Workbook; finish: (bytes: Buffer) => Promise<Buffer> }> {
  const lang: Lang = input.model.lang;
  const t: Text = (key, vars) => tr(lang, key, vars);
  const wb = new ExcelJS.Workbook();
  // Document dates from the plan (its first day), never the clock: same plan, same bytes.
  const planDay = new Date(`${input.model.byDay.dates[0] ?? '2000-01-01'}T00:00:00Z`);
  wb.creator = 'peakshift';
  wb.lastModifiedBy = 'peakshift';
  wb.created = planDay;
  wb.modified = planDay;
  summarySheet(wb, input, t);
  const taken = new Set([t('sheetSummary'), t('sheetRosterGrid'), t('sheetShifts'), t('sheetCoverage')]);
  if (input.roster) {
    rosterGridSheet(wb, input, input.roster, t);
    vendorSheets(wb, input, input.roster, t, taken);
    for (const day of input.model.eventDays) intradaySheet(wb, input, input.roster, day, t, taken);
  }
  shiftsSheet(wb, input, t);
  const finish = await coverageSheets(wb, input, t, taken);
  return { workbook: wb, finish };
}

/** MS-DOS date and time of 1980-01-01 00:00, the earliest a zip entry can carry. */
const ZIP_DOS_TIME = 0;
const ZIP_DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Set every entry's modification time in a zip (local headers and central
 * directory) to one fixed value: the zip library stamps entries with the
 * clock, which would make two writes of the same workbook differ.
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${n} is damaged`);
    out.writeUInt16LE(ZIP_DOS_TIME, at + 12);
    out.writeUInt16LE(ZIP_DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header ${n} is damaged`);
    out.writeUInt16LE(ZIP_DOS_TIME, local + 10);
    out.writeUInt16LE(ZIP_DOS_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** roster.xlsx's bytes. */
export async function workbookBytes(input: WorkbookInput): Promise<Buffer> {
  const { workbook, finish } = await buildWorkbook(input);
  const written = await workbook.xlsx.writeBuffer();
  return fixZipTimes(await finish(Buffer.from(written as ArrayBuffer)));
}
