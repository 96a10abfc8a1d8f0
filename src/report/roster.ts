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

/**
 * The sheet managers print: cells are shift codes or OFF; `days` and `nights`
 * per person; then per-date totals per shift code, UNFILLED seats (when any)
 * and TOTAL, which equals the roster rows of that date.
 */
export function formatRosterGrid(roster: Pick<Roster, 'dates' | 'people' | 'assignments'>, config: Pick<Config, 'shifts'>, pools?: ReadonlySet<string>): string {
  const inScope = (pool: string) => !pools || pools.has(pool);
  const people = roster.people.filter((p) => inScope(p.pool));
  const assignments = roster.assignments.filter((a) => inScope(a.pool));
  const night = nightShiftNames(config);
  const cell = new Map<string, RosterAssignment>();
  for (const a of assignments) if (a.personId !== UNFILLED) cell.set(`${a.personId}|${a.date}`, a);
  const lines = [csvLine(['agent_id', 'name', 'pool', ...roster.dates, 'days', 'nights'])];
  for (const p of people) {
    let days = 0;
    let nights = 0;
    const cells = roster.dates.map((d) => {
      const a = cell.get(`${p.id}|${d}`);
      if (!a) return 'OFF';
      days += 1;
      if (night.has(a.shift)) nights += 1;
      return a.code;
    });
    lines.push(csvLine([p.id, p.name, p.pool, ...cells, days, nights]));
  }
  const countRow = (label: string, keep: (a: RosterAssignment) => boolean) => {
    const counts = roster.dates.map((d) => assignments.filter((a) => a.date === d && keep(a)).length);
    const nights = roster.dates.map((d) => assignments.filter((a) => a.date === d && keep(a) && night.has(a.shift)).length);
    return csvLine([label, '', '', ...counts, counts.reduce((s, n) => s + n, 0), nights.reduce((s, n) => s + n, 0)]);
  };
  const codes = [...new Set(config.shifts.map((s) => s.code))];
  for (const code of codes) lines.push(countRow(`TOTAL ${code}`, (a) => a.code === code && a.personId !== UNFILLED));
  if (assignments.some((a) => a.personId === UNFILLED)) lines.push(countRow(UNFILLED, (a) => a.personId === UNFILLED));
  lines.push(countRow('TOTAL', () => true));
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

/**
 * One vendor's sheet: every seat-shift with its billed amount (the plan
 * line's cost shared by its seats), then the vendor's other charges, then a
 * total equal to the vendor's cost in summary.json (amounts are split in whole
 * cents so the rows add up to the total exactly).
 */
export function formatVendorSheet(
  vendor: string,
  roster: Pick<Roster, 'assignments'>,
  lines: readonly ShiftLine[],
  poolSummary: Pick<PoolSummary, 'costByType'>,
  config: Pick<Config, 'shifts'>,
): string {
  const lineOf = new Map(lines.filter((l) => l.pool === vendor).map((l) => [lineKey(l), l]));
  const paid = new Map(config.shifts.map((s) => [s.name, s.paidHours ?? s.hours]));
  const paidOf = (a: RosterAssignment): number => lineOf.get(lineKey(a))?.paidHours ?? paid.get(a.shift) ?? 0;
  const rows = roster.assignments.filter((a) => a.pool === vendor);
  const fees = VENDOR_FEES.filter(([key]) => (poolSummary.costByType[key] ?? 0) !== 0);
  const exact = [
    ...rows.map((a) => {
      const l = lineOf.get(lineKey(a));
      return l && l.agents > 0 ? l.cost / l.agents : 0;
    }),
    ...fees.map(([key]) => poolSummary.costByType[key] ?? 0),
  ];
  const cents = splitCents(exact);
  const out = [VENDOR_SHEET_HEADER.join(',')];
  let hours = 0;
  rows.forEach((a, i) => {
    const h = paidOf(a);
    hours += h;
    out.push(csvLine([a.date, a.personId, a.shift, a.start, a.end, h, fixedDigits((cents[i] ?? 0) / 100, 2)]));
  });
  fees.forEach(([, label], i) => out.push(csvLine(['', '', label, '', '', '', fixedDigits((cents[rows.length + i] ?? 0) / 100, 2)])));
  const total = cents.reduce((s, c) => s + c, 0);
  out.push(csvLine(['', '', 'total', '', '', hours, fixedDigits(total / 100, 2)]));
  return `${out.join('\n')}\n`;
}
