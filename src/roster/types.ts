/**
 * The roster stage's plain data: named in-house agents (from the agents file),
 * vendor seats, and the assignment of both to the planned shift lines.
 */
import type { ShiftLine } from '../domain';

/** One in-house agent from the agents file. */
export interface Agent {
  id: string;
  name: string;
  /** Name of an in-house pool in the config. */
  pool: string;
  /** Shift names the agent may work; null = every shift the pool works. */
  shifts: string[] | null;
  /** May work shifts that cover hours between 00:00 and 06:00. */
  nightOk: boolean;
  /** At most this many working days in any 7-day window. */
  maxDaysPerWeek: number;
  /** Leave and other unavailable dates, sorted, unique (`YYYY-MM-DD`). */
  unavailable: string[];
  /** First day of employment (training starts), `YYYY-MM-DD`: the plan counts an agent still ramping up at their productive share. */
  hired?: string;
}

/** Who fills a seat: a named agent, a vendor seat, or nobody. */
export type PersonKind = 'agent' | 'seat' | 'unfilled';

export const UNFILLED = 'UNFILLED';

/** A row of the roster's grid: an agent or a vendor seat. */
export interface RosterPerson {
  id: string;
  /** Agent name; empty for vendor seats. */
  name: string;
  pool: string;
  kind: 'agent' | 'seat';
  /** A vendor's surge seat (ids `<vendor>-S001`): not one of the trained seats the plan paid for. */
  surge?: boolean;
}

/** One person on one planned shift: the shift line's where and when, and who. */
export interface RosterAssignment extends Pick<ShiftLine, 'date' | 'shift' | 'code' | 'start' | 'end' | 'pool' | 'queue' | 'surge' | 'overtimeHours'> {
  /** Agent id, seat id, or `UNFILLED`. */
  personId: string;
  personName: string;
  kind: PersonKind;
  /** This person's breaks, `HH:MM-HH:MM` joined by `;` (empty when the shift has none). */
  breaks?: string;
}

/** The fields of a shift line every assignment to it repeats. */
export function lineFields(line: ShiftLine): Pick<RosterAssignment, 'date' | 'shift' | 'code' | 'start' | 'end' | 'pool' | 'queue' | 'surge' | 'overtimeHours'> {
  return {
    date: line.date,
    shift: line.shift,
    code: line.code,
    start: line.start,
    end: line.end,
    pool: line.pool,
    queue: line.queue,
    ...(line.surge ? { surge: true } : {}),
    ...(line.overtimeHours ? { overtimeHours: line.overtimeHours } : {}),
  };
}

/** Why one planned seat has nobody: the counts of agents each rule excluded. */
export interface UnfilledSeat {
  date: string;
  shift: string;
  start: string;
  pool: string;
  /** Seats of this line left empty. */
  seats: number;
  /** Rule name → agents of the pool it excluded (each agent counted once, by the first rule it fails). */
  excludedBy: Record<string, number>;
  /** The rule that excluded the most agents. */
  tightestRule: string;
  /** One line a manager can act on. */
  reason: string;
}

/** Max-min spread of a count across the agents it applies to. */
export interface Spread {
  min: number;
  max: number;
  spread: number;
  /** Agents the count is taken over. */
  agents: number;
}

export interface Fairness {
  shifts: Spread;
  nights: Spread;
  weekends: Spread;
  eventDays: Spread;
}

export interface Roster {
  dates: string[];
  /** Agents first (agents-file order), then vendor seats by pool and number. */
  people: RosterPerson[];
  /** Sorted by date, start, pool, shift, person. */
  assignments: RosterAssignment[];
  unfilled: UnfilledSeat[];
  /** In-house agents only. */
  fairness: Fairness;
}
