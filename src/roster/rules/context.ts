/** What every labour rule sees, and what it reports. */
import type { RosterConfig } from '../../config';
import { dayNumber, parseClockMinutes, type ShiftLine } from '../../domain';
import { UNFILLED, type Agent, type RosterAssignment } from '../types';

export interface RuleContext {
  /** The plan the roster fills (every pool). */
  lines: readonly ShiftLine[];
  assignments: readonly RosterAssignment[];
  /** Named agents by id; a person not in here is a vendor seat. */
  agents: ReadonlyMap<string, Agent>;
  nightShifts: ReadonlySet<string>;
  limits: RosterConfig;
  /** In-house pool → overtime hours an agent may work in any 7 days (0 without overtime). */
  overtimeCaps: ReadonlyMap<string, number>;
  /** In-house pool → agents who must work every date of `dates` (pools[].minAgentsPerDay). */
  minCover: ReadonlyMap<string, number>;
  /** The plan's dates (the daily cover rule is checked on these; empty: not checked). */
  dates: readonly string[];
}

export interface Violation {
  rule: string;
  date: string;
  /** Agent or seat id; empty for a rule about a shift line. */
  personId: string;
  message: string;
}

/** A labour rule as a manager would say it, with the check over a finished roster. */
export interface RosterRule {
  name: string;
  /** One line: why the rule exists. */
  reason: string;
  check(ctx: RuleContext): Violation[];
}

/** `YYYY-MM-DDTHH:MM` → minutes since 1970-01-01T00:00 on the wall clock. */
export function minuteNumber(local: string): number {
  return dayNumber(local.slice(0, 10)) * 1440 + (parseClockMinutes(local.slice(11, 16)) ?? 0);
}

/** Each person's assignments sorted by start (unfilled seats left out). */
export function timelines(assignments: readonly RosterAssignment[]): Map<string, RosterAssignment[]> {
  const byPerson = new Map<string, RosterAssignment[]>();
  for (const a of assignments) {
    if (a.personId === UNFILLED) continue;
    let list = byPerson.get(a.personId);
    if (!list) {
      list = [];
      byPerson.set(a.personId, list);
    }
    list.push(a);
  }
  for (const list of byPerson.values()) list.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  return byPerson;
}

/** Distinct working dates of a timeline as sorted day numbers. */
export function workedDays(timeline: readonly RosterAssignment[]): number[] {
  return [...new Set(timeline.map((a) => dayNumber(a.date)))].sort((a, b) => a - b);
}
