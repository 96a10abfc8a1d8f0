/**
 * checkRoster: every labour rule over a finished roster, listing every
 * violation. The assigner's output is checked with it in the tests and before
 * any export, so a roster that breaks a rule never reaches a manager silently.
 */
import type { Config } from '../config';
import type { ShiftLine } from '../domain';
import { lineKey, plannedCount, seatsFilled } from './rules/coverage';
import { maxConsecutiveDays } from './rules/consecutiveDays';
import type { RosterRule, Violation } from './rules/context';
import { allowedShifts, nightOnlyIfNightOk } from './rules/eligibility';
import { leaveRespected, minCoverPerDay } from './rules/leave';
import { minRest, oneShiftPerDay } from './rules/rest';
import { maxDaysPerWeek } from './rules/weeklyDays';
import { maxOvertimePerWeek } from './rules/overtime';
import { nightShiftNames } from './shifts';
import type { Agent, RosterAssignment } from './types';

export const ROSTER_RULES: readonly RosterRule[] = [
  plannedCount,
  seatsFilled,
  oneShiftPerDay,
  minRest,
  maxDaysPerWeek,
  maxOvertimePerWeek,
  maxConsecutiveDays,
  nightOnlyIfNightOk,
  allowedShifts,
  leaveRespected,
  minCoverPerDay,
];

export interface CheckRosterInput {
  config: Pick<Config, 'shifts' | 'roster'> & Partial<Pick<Config, 'pools'>>;
  lines: readonly ShiftLine[];
  assignments: readonly RosterAssignment[];
  agents: readonly Agent[];
  /** The plan's dates: the in-house daily cover (pools[].minAgentsPerDay) is checked on them. */
  dates?: readonly string[];
}

/** Every violation of every rule, sorted by date, rule and person. */
export function checkRoster(input: CheckRosterInput, rules: readonly RosterRule[] = ROSTER_RULES): Violation[] {
  const ctx = {
    lines: input.lines,
    assignments: input.assignments,
    agents: new Map(input.agents.map((a) => [a.id, a])),
    nightShifts: nightShiftNames(input.config),
    limits: input.config.roster,
    overtimeCaps: overtimeCaps(input.config.pools ?? []),
    minCover: new Map((input.config.pools ?? []).filter((p) => p.kind === 'inhouse').map((p) => [p.name, p.minAgentsPerDay])),
    dates: input.dates ?? [],
  };
  const out = rules.flatMap((rule) => rule.check(ctx));
  return out.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.rule !== b.rule ? (a.rule < b.rule ? -1 : 1) : a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

export { lineKey };
export type { RosterRule, Violation };

/** In-house pool → overtime.maxHoursPerWeek (0 for pools without overtime). */
export function overtimeCaps(pools: Config['pools']): Map<string, number> {
  return new Map(pools.map((p) => [p.name, p.kind === 'inhouse' && p.overtime ? p.overtime.maxHoursPerWeek : 0]));
}
