/**
 * Vendor seats: per vendor, numbered seats (`vendor-a-001` ...) assigned to the
 * vendor's planned lines under the same rest and days-in-a-row rules as agents.
 *
 * Day by day, each seat of a line is given, in this order: a seat that worked
 * the same shift type last time (same start first, shortest current run first
 * so rest days rotate), then any free seat the rules allow, then a new seat. Vendors ask for stable
 * shifts, so a seat keeps its shift type unless no seat of that type is free.
 * Seats are created only when no existing seat may work, so the seat count is
 * the smallest this order reaches (at least the plan's peak day).
 *
 * With `seats` (vendor → seats the plan paid training for, `PoolSummary.seats`)
 * every one of those seats is listed, used or not; when the day-by-day order
 * needs more, `fitSeats` assigns the lines to exactly that many seats with the
 * integer assignment (the plan's seat rules make this possible).
 */
import type { Config } from '../config';
import { dayNumber, type ShiftLine } from '../domain';
import { runEndingOn } from './rules/consecutiveDays';
import { minuteNumber } from './rules/context';
import { restAllows } from './rules/rest';
import { lineFields, type Agent, type RosterAssignment, type RosterPerson } from './types';
import type { MipOptions, MipSolver } from '../plan';
import { assignAgentsMip } from './mip';

export interface AssignSeatsInput {
  config: Pick<Config, 'pools' | 'roster'>;
  lines: readonly ShiftLine[];
  /** Vendor pool → seats paid for in the plan (listed even when idle). */
  seats?: Readonly<Record<string, number>>;
}

export interface SeatAssignment {
  seats: RosterPerson[];
  assignments: RosterAssignment[];
}

interface SeatState {
  id: string;
  lastEndMinute: number | undefined;
  lastCode: string | undefined;
  lastStartClock: string | undefined;
  days: Set<number>;
  shifts: number;
}

/** `vendor-a`, 1 → `vendor-a-001`. */
export function seatId(pool: string, n: number): string {
  return `${pool}-${String(n).padStart(3, '0')}`;
}

function byStart(a: ShiftLine, b: ShiftLine): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : a.shift < b.shift ? -1 : a.shift > b.shift ? 1 : 0;
}

export function assignSeats(input: AssignSeatsInput): SeatAssignment {
  const seats: RosterPerson[] = [];
  const assignments: RosterAssignment[] = [];
  for (const pool of input.config.pools) {
    if (pool.kind !== 'vendor') continue;
    const lines = input.lines.filter((l) => l.pool === pool.name && l.agents > 0).sort(byStart);
    const regular = seatGroup(input, pool.name, lines.filter((l) => !l.surge), (n) => seatId(pool.name, n), false);
    const paid = input.seats?.[pool.name] ?? 0;
    for (let n = regular.seats.length + 1; n <= paid; n++) regular.seats.push({ id: seatId(pool.name, n), name: '', pool: pool.name, kind: 'seat' });
    // Surge agents are the vendor's extra people: their own seats, outside the trained ones the plan paid for.
    const surge = seatGroup(input, pool.name, lines.filter((l) => l.surge), (n) => surgeSeatId(pool.name, n), true);
    seats.push(...regular.seats, ...surge.seats);
    assignments.push(...regular.assignments, ...surge.assignments);
  }
  return { seats, assignments };
}

/** `vendor-a`, 1 → `vendor-a-S001` (a surge seat). */
export function surgeSeatId(pool: string, n: number): string {
  return `${pool}-S${String(n).padStart(3, '0')}`;
}

/** Day-by-day seat assignment of one vendor's lines (regular or surge) onto seats numbered by `idOf`. */
function seatGroup(input: AssignSeatsInput, pool: string, lines: readonly ShiftLine[], idOf: (n: number) => string, surge: boolean): SeatAssignment {
  const { minRestHours, maxConsecutiveDays } = input.config.roster;
  const seats: RosterPerson[] = [];
  const assignments: RosterAssignment[] = [];
  const states: SeatState[] = [];
  const dates = [...new Set(lines.map((l) => l.date))];
  for (const date of dates) {
    const day = dayNumber(date);
    const dayLines = lines.filter((l) => l.date === date);
    const taken = new Set<SeatState>();
    const free = (line: ShiftLine) =>
      states.filter(
        (s) =>
          !taken.has(s) &&
          restAllows(s.lastEndMinute, minuteNumber(line.start), minRestHours) &&
          runEndingOn(s.days, day - 1) + 1 <= maxConsecutiveDays,
      );
    const chosen = new Map<ShiftLine, SeatState[]>(dayLines.map((l) => [l, []]));
    // Pass 1: seats that keep their shift type (same start first, then the longest-serving seat).
    for (const line of dayLines) {
      const list = chosen.get(line) as SeatState[];
      const clock = line.start.slice(11);
      const same = free(line)
        .filter((s) => s.lastCode === line.code)
        .sort((a, b) => Number(a.lastStartClock !== clock) - Number(b.lastStartClock !== clock) || runEndingOn(a.days, day - 1) - runEndingOn(b.days, day - 1) || (a.id < b.id ? -1 : 1));
      for (const s of same.slice(0, line.agents)) {
        taken.add(s);
        list.push(s);
      }
    }
    // Pass 2: any seat the rules allow, then new seats.
    for (const line of dayLines) {
      const list = chosen.get(line) as SeatState[];
      const others = free(line).sort((a, b) => runEndingOn(a.days, day - 1) - runEndingOn(b.days, day - 1) || a.shifts - b.shifts || (a.id < b.id ? -1 : 1));
      for (const s of others) {
        if (list.length >= line.agents) break;
        taken.add(s);
        list.push(s);
      }
      while (list.length < line.agents) {
        const s: SeatState = { id: idOf(states.length + 1), lastEndMinute: undefined, lastCode: undefined, lastStartClock: undefined, days: new Set(), shifts: 0 };
        states.push(s);
        seats.push({ id: s.id, name: '', pool, kind: 'seat', ...(surge ? { surge: true } : {}) });
        taken.add(s);
        list.push(s);
      }
    }
    for (const [line, list] of chosen) {
      for (const s of list) {
        assignments.push({ ...lineFields(line), personId: s.id, personName: '', kind: 'seat' });
        s.lastEndMinute = minuteNumber(line.end);
        s.lastCode = line.code;
        s.lastStartClock = line.start.slice(11);
        s.days.add(day);
        s.shifts += 1;
      }
    }
  }
  return { seats, assignments };
}

/** Seats of each vendor the seat assignment uses beyond what the plan paid for (only vendors over it). */
export function seatsOverPlan(input: AssignSeatsInput, part: SeatAssignment): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pool, paid] of Object.entries(input.seats ?? {})) {
    const used = part.seats.filter((s) => s.pool === pool && !s.surge).length;
    if (used > paid) out[pool] = used - paid;
  }
  return out;
}

/**
 * Assign `pool`'s lines to exactly `count` seats with the integer assignment
 * (seats as agents who may work any shift, any 7 days, under the rest and
 * days-in-a-row rules); null when not every line can be filled that way.
 */
export async function fitSeats(input: AssignSeatsInput, pool: string, count: number, solver: MipSolver, options: MipOptions): Promise<SeatAssignment | null> {
  const people: Agent[] = Array.from({ length: count }, (_, i) => ({ id: seatId(pool, i + 1), name: '', pool, shifts: null, nightOk: true, maxDaysPerWeek: 7, unavailable: [] }));
  const config = { ...input.config, shifts: [] };
  const lines = input.lines.filter((l) => !l.surge);
  const result = await assignAgentsMip({ config, lines, agents: people, eventDates: new Set() }, solver, options, new Set([pool]));
  const ok = (result.solver.status === 'optimal' || result.solver.status === 'feasible') && result.unfilled.length === 0;
  if (!ok) return null;
  return {
    seats: people.map((p) => ({ id: p.id, name: '', pool, kind: 'seat' as const })),
    assignments: result.assignments.map((a) => ({ ...a, personName: '', kind: 'seat' as const })),
  };
}
