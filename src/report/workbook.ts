/**
 * roster.xlsx: the plan folder as one Excel workbook for managers. Sheets:
 * Summary (key figures, cost by pool), Roster grid (one row per agent, one
 * column per date, shift codes coloured, name column frozen, totals
 * labelled), one sheet per vendor (its seats only, named after the vendor),
 * Shifts and Coverage. Titles are in the report's language; figures are
 * numbers with a number format, so they add up in Excel.
 *
 * Byte-stable: the document dates are the plan's first day and every zip
 * entry carries one fixed time, so the same plan gives the same bytes.
 */
import ExcelJS from 'exceljs';
import type { Config } from '../config';
import type { ShiftLine } from '../domain';
import { isTextKey, tr, type Lang, type TextKey } from '../domain/i18n';
import type { CoverageRow } from '../plan';
import type { Roster } from '../roster';
import { poolKindText, type ReportModel } from './plan';
import { rosterGrid, vendorSheet } from './roster';

export interface WorkbookInput {
  model: ReportModel;
  config: Pick<Config, 'shifts' | 'pools'>;
  lines: readonly ShiftLine[];
  coverage: readonly CoverageRow[];
  /** Service level per coverage row (null: no inquiries that hour). */
  serviceLevels: ReadonlyArray<number | null>;
  summary: { pools: Record<string, { kind: string; used: boolean; costByType: Parameters<typeof vendorSheet>[3]['costByType'] }> };
  roster?: Roster | null;
}

const MONEY = '#,##0.00';
const HOURS = '0.00';
const PERCENT = '0.0%';

/** Light fills for shift codes, in the config's shift order (ARGB). */
const CODE_FILLS = ['FFDBEAFE', 'FFD1FAE5', 'FFEDE9FE', 'FFFEF3C7', 'FFFCE7F3', 'FFCFFAFE', 'FFFFEDD5', 'FFE0E7FF'];
const OFF_FILL = 'FFF3F4F6';
const HEADER_FILL = 'FFE5E7EB';
const WARN_FILL = 'FFFEE2E2';

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

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function headerRow(sheet: ExcelJS.Worksheet, titles: readonly string[]): void {
  const row = sheet.addRow([...titles]);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = fill(HEADER_FILL);
  });
}

function setWidths(sheet: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

function formatColumns(sheet: ExcelJS.Worksheet, formats: Record<number, string>): void {
  for (const [col, numFmt] of Object.entries(formats)) sheet.getColumn(Number(col)).numFmt = numFmt;
}

function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: (key: TextKey, vars?: Record<string, string | number>) => string): void {
  const { model } = input;
  const sheet = wb.addWorksheet(t('sheetSummary'));
  sheet.addRow([model.title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  sheet.addRow([t('keyFigures')]).font = { bold: true };
  headerRow(sheet, [t('figure'), t('value')]);
  for (const k of model.kpis) sheet.addRow([k.label, k.value]);
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
  setWidths(sheet, [46, 60, 16, 10, 14, 16]);
}

function rosterGridSheet(wb: ExcelJS.Workbook, input: WorkbookInput, roster: Roster, t: (key: TextKey, vars?: Record<string, string | number>) => string): void {
  const grid = rosterGrid(roster, input.config);
  const sheet = wb.addWorksheet(t('sheetRosterGrid'), { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  headerRow(sheet, [t('colAgentId'), t('colName'), t('colPool'), ...grid.dates, t('colDays'), t('colNights')]);
  const codes = [...new Set(input.config.shifts.map((s) => s.code))];
  const codeFill = new Map(codes.map((c, i) => [c, CODE_FILLS[i % CODE_FILLS.length] as string]));
  const off = t('offCell');
  for (const p of grid.people) {
    const row = sheet.addRow([p.id, p.name, p.pool, ...p.cells.map((c) => c || off), p.days, p.nights]);
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
  setWidths(sheet, [12, 16, 12, ...grid.dates.map(() => 11), 9, 9]);
}

function vendorSheets(wb: ExcelJS.Workbook, input: WorkbookInput, roster: Roster, t: (key: TextKey, vars?: Record<string, string | number>) => string, taken: Set<string>): void {
  for (const pool of input.config.pools) {
    if (pool.kind !== 'vendor') continue;
    const ps = input.summary.pools[pool.name];
    if (!ps || !ps.used) continue;
    const data = vendorSheet(pool.name, roster, input.lines, ps, input.config);
    const name = sheetName(pool.name, taken);
    taken.add(name);
    const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    headerRow(sheet, [t('colDate'), t('colSeat'), t('colShift'), t('colStart'), t('colEnd'), t('colPaidHours'), t('colAmountIn', { cur: input.model.currency })]);
    for (const r of data.rows) sheet.addRow([r.date, r.seat, r.shift, r.start, r.end, r.paidHours, r.cents / 100]);
    for (const f of data.fees) {
      const key = `fee_${f.key}`;
      sheet.addRow(['', '', isTextKey(key) ? t(key) : f.label, '', '', null, f.cents / 100]);
    }
    sheet.addRow(['', '', t('vendorTotal'), '', '', data.paidHours, data.totalCents / 100]).font = { bold: true };
    formatColumns(sheet, { 6: HOURS, 7: MONEY });
    setWidths(sheet, [12, 14, 12, 18, 18, 12, 14]);
  }
}

function shiftsSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: (key: TextKey, vars?: Record<string, string | number>) => string): void {
  const sheet = wb.addWorksheet(t('sheetShifts'), { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(sheet, [t('colDate'), t('colShift'), t('colCode'), t('colStart'), t('colEnd'), t('colPool'), t('colAgents'), t('colCostIn', { cur: input.model.currency }), t('colPaidHours'), t('colOvertimeHours'), t('colSurge'), t('colBreaks'), t('colQueue')]);
  for (const l of input.lines) {
    const breaks = (l.breaks ?? []).map((b) => `${b.start.slice(11)}-${b.end.slice(11)}x${b.agents}`).join(';');
    sheet.addRow([l.date, l.shift, l.code, l.start, l.end, l.pool, l.agents, l.cost, l.paidHours ?? null, l.overtimeHours ?? 0, l.surge ? t('yes') : '', breaks, l.queue ?? '']);
  }
  formatColumns(sheet, { 8: MONEY });
  setWidths(sheet, [12, 10, 6, 18, 18, 14, 8, 14, 10, 10, 8, 24, 12]);
}

function coverageSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: (key: TextKey, vars?: Record<string, string | number>) => string): void {
  const sheet = wb.addWorksheet(t('sheetCoverage'), { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(sheet, [t('colTimestamp'), t('colQueue'), t('colRequired'), t('colScheduled'), t('colShort'), t('colSurplus'), t('colServiceLevel')]);
  input.coverage.forEach((r, i) => {
    const sl = input.serviceLevels[i];
    const row = sheet.addRow([r.timestamp, r.queue, r.required, r.scheduled, r.shortfall, r.surplus, sl === null || sl === undefined ? null : sl]);
    if (r.shortfall > 1e-9) row.getCell(5).fill = fill(WARN_FILL);
  });
  formatColumns(sheet, { 3: HOURS, 4: HOURS, 5: HOURS, 6: HOURS, 7: PERCENT });
  setWidths(sheet, [18, 12, 10, 10, 10, 10, 12]);
}

/** The workbook, in memory. */
export function buildWorkbook(input: WorkbookInput): ExcelJS.Workbook {
  const lang: Lang = input.model.lang;
  const t = (key: TextKey, vars?: Record<string, string | number>): string => tr(lang, key, vars);
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
  }
  shiftsSheet(wb, input, t);
  coverageSheet(wb, input, t);
  return wb;
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
  const written = await buildWorkbook(input).xlsx.writeBuffer();
  return fixZipTimes(Buffer.from(written as ArrayBuffer));
}
