/**
 * Roster exports as text: roster.csv (long form, DESIGN.md columns),
 * roster-grid.csv (one row per agent or seat, one column per date, with day
 * totals) and the per-vendor sheets, which hold ONLY that vendor's seats,
 * shifts and billed amounts: no agent names, no other pool.
 */
import type { Config } from '../config';
import type { ShiftLine } from '../domain';
import type { PoolSummary } from '../plan';
import { UNFILLED, lineKey, nightShiftNames, type Roster, type RosterAssignment } from '../roster';
import { csvLine, fixedDigits, splitCents } from './format';

/** DESIGN.md's roster columns, then each person's breaks (`HH:MM-HH:MM`, `;` between two) and overtime hours. */
export const ROSTER_HEADER = ['date', 'agent_id', 'agent_name', 'pool', 'shift', 'start', 'end', 'breaks', 'overtime_hours'] as const;

export function formatRosterCsv(roster: Pick<Roster, 'assignments'>): string {
  const rows = roster.assignments.map((a) => csvLine([a.date, a.personId, a.personName, a.pool, a.shift, a.start, a.end, a.breaks ?? '', a.overtimeHours ?? 0]));
  return `${[ROSTER_HEADER.join(','), ...rows].join('\n')}\n`;
}

export interface RosterGrid {
  dates: string[];
  /** One row per agent or seat: a shift code per date, '' when off; the start (`HH:MM`) of that shift, '' when off. */
  people: Array<{ id: string; name: string; pool: string; surge: boolean; cells: string[]; starts: string[]; days: number; nights: number }>;
  /** Per-date counts: one row per shift code (`code`), UNFILLED seats when any (`unfilled`), then the total (`total`). */
  totals: Array<{ kind: 'code' | 'unfilled' | 'total'; code: string; counts: number[]; days: number; nights: number }>;
}

/** The grid managers print, as data (`pools`: only these pools' people and seats). */
export function rosterGrid(roster: Pick<Roster, 'dates' | 'people' | 'assignments'>, config: Pick<Config, 'shifts'>, pools?: ReadonlySet<string>): RosterGrid {
  const inScope = (pool: string) => !pools || pools.has(pool);
  const people = roster.people.filter((p) => inScope(p.pool));
  const assignments = roster.assignments.filter((a) => inScope(a.pool));
  const night = nightShiftNames(config);
  const cell = new Map<string, RosterAssignment>();
  for (const a of assignments) if (a.personId !== UNFILLED) cell.set(`${a.personId}|${a.date}`, a);
  const rows = people.map((p) => {
    let days = 0;
    let nights = 0;
    const starts: string[] = [];
    const cells = roster.dates.map((d) => {
      const a = cell.get(`${p.id}|${d}`);
      starts.push(a ? a.start.slice(11, 16) : '');
      if (!a) return '';
      days += 1;
      if (night.has(a.shift)) nights += 1;
      return a.code;
    });
    return { id: p.id, name: p.name, pool: p.pool, surge: p.surge === true, cells, starts, days, nights };
  });
  const countRow = (kind: RosterGrid['totals'][number]['kind'], code: string, keep: (a: RosterAssignment) => boolean) => {
    const counts = roster.dates.map((d) => assignments.filter((a) => a.date === d && keep(a)).length);
    const nights = roster.dates.map((d) => assignments.filter((a) => a.date === d && keep(a) && night.has(a.shift)).length);
    return { kind, code, counts, days: counts.reduce((s, n) => s + n, 0), nights: nights.reduce((s, n) => s + n, 0) };
  };
  const totals: RosterGrid['totals'] = [];
  const codes = [...new Set(config.shifts.map((s) => s.code))];
  for (const code of codes) totals.push(countRow('code', code, (a) => a.code === code && a.personId !== UNFILLED));
  if (assignments.some((a) => a.personId === UNFILLED)) totals.push(countRow('unfilled', '', (a) => a.personId === UNFILLED));
  totals.push(countRow('total', '', () => true));
  return { dates: roster.dates, people: rows, totals };
}

/**
 * The sheet managers print: cells are shift codes or OFF; `days` and `nights`
 * per person; then per-date totals per shift code, UNFILLED seats (when any)
 * and TOTAL, which equals the roster rows of that date.
 */
export function formatRosterGrid(roster: Pick<Roster, 'dates' | 'people' | 'assignments'>, config: Pick<Config, 'shifts'>, pools?: ReadonlySet<string>): string {
  const grid = rosterGrid(roster, config, pools);
  const lines = [csvLine(['agent_id', 'name', 'pool', ...grid.dates, 'days', 'nights'])];
  for (const p of grid.people) lines.push(csvLine([p.id, p.name, p.pool, ...p.cells.map((c) => c || 'OFF'), p.days, p.nights]));
  for (const t of grid.totals) {
    const label = t.kind === 'code' ? `TOTAL ${t.code}` : t.kind === 'unfilled' ? UNFILLED : 'TOTAL';
    lines.push(csvLine([label, '', '', ...t.counts, t.days, t.nights]));
  }
  return `${lines.join('\n')}\n`;
}

export const VENDOR_SHEET_HEADER = ['date', 'seat_id', 'shift', 'start', 'end', 'paid_hours', 'amount'] as const;

/** Charges not tied to one seat-shift, in the order they appear on a vendor sheet. */
const VENDOR_FEES: ReadonlyArray<[keyof PoolSummary['costByType'], string]> = [
  ['training', 'training'],
  ['seats', 'seat fees'],
  ['engagementFees', 'engagement fee'],
  ['fixedFees', 'fixed fee'],
];

export interface VendorSheetRow {
  date: string;
  seat: string;
  shift: string;
  start: string;
  end: string;
  paidHours: number;
  cents: number;
}

export interface VendorSheet {
  rows: VendorSheetRow[];
  /** Charges not tied to one seat-shift, with their English label. */
  fees: Array<{ key: keyof PoolSummary['costByType']; label: string; cents: number }>;
  paidHours: number;
  totalCents: number;
}

/**
 * One vendor's billed seat-shifts: the plan line's cost shared by its seats,
 * then the vendor's other charges; amounts are split in whole cents so the
 * rows add up to the vendor's cost in summary.json exactly.
 */
export function vendorSheet(
  vendor: string,
  roster: Pick<Roster, 'assignments'>,
  lines: readonly ShiftLine[],
  poolSummary: Pick<PoolSummary, 'costByType'>,
  config: Pick<Config, 'shifts'>,
): VendorSheet {
  const lineOf = new Map(lines.filter((l) => l.pool === vendor).map((l) => [lineKey(l), l]));
  const paid = new Map(config.shifts.map((s) => [s.name, s.paidHours ?? s.hours]));
  const paidOf = (a: RosterAssignment): number => lineOf.get(lineKey(a))?.paidHours ?? paid.get(a.shift) ?? 0;
  const assigned = roster.assignments.filter((a) => a.pool === vendor);
  const fees = VENDOR_FEES.filter(([key]) => (poolSummary.costByType[key] ?? 0) !== 0);
  const exact = [
    ...assigned.map((a) => {
      const l = lineOf.get(lineKey(a));
      return l && l.agents > 0 ? l.cost / l.agents : 0;
    }),
    ...fees.map(([key]) => poolSummary.costByType[key] ?? 0),
  ];
  const cents = splitCents(exact);
  const rows = assigned.map((a, i) => ({ date: a.date, seat: a.personId, shift: a.shift, start: a.start, end: a.end, paidHours: paidOf(a), cents: cents[i] ?? 0 }));
  return {
    rows,
    fees: fees.map(([key, label], i) => ({ key, label, cents: cents[rows.length + i] ?? 0 })),
    paidHours: rows.reduce((s, r) => s + r.paidHours, 0),
    totalCents: cents.reduce((s, c) => s + c, 0),
  };
}

/** One vendor's sheet as CSV (see vendorSheet): seat-shifts, other charges, then the total. */
export function formatVendorSheet(
  vendor: string,
  roster: Pick<Roster, 'assignments'>,
  lines: readonly ShiftLine[],
  poolSummary: Pick<PoolSummary, 'costByType'>,
  config: Pick<Config, 'shifts'>,
): string {
  const sheet = vendorSheet(vendor, roster, lines, poolSummary, config);
  const out = [VENDOR_SHEET_HEADER.join(',')];
  for (const r of sheet.rows) out.push(csvLine([r.date, r.seat, r.shift, r.start, r.end, r.paidHours, fixedDigits(r.cents / 100, 2)]));
  for (const f of sheet.fees) out.push(csvLine(['', '', f.label, '', '', '', fixedDigits(f.cents / 100, 2)]));
  out.push(csvLine(['', '', 'total', '', '', sheet.paidHours, fixedDigits(sheet.totalCents / 100, 2)]));
  return `${out.join('\n')}\n`;
}
