/**
 * Named in-house agents onto the planned in-house shift lines.
 *
 * Constructive method, day by day in date order. On each date and pool the
 * planned seats are matched to the agents whom every labour rule allows
 * (leave, allowed shifts, night_ok, rest after their last shift, days in the
 * trailing 7-day window, days in a row) by augmenting paths (Kuhn's
 * algorithm), so each day's assignment fills the MOST seats any assignment
 * could, given the days before. Preferences only order the candidates: least
 * loaded first (share of the 7-day and run limits already used), then fewest
 * nights / weekend days / event days so far for a seat of that kind, then the
 * agent's previous shift type, then fewest shifts, then file order.
 *
 * Correctness: a candidate passes every rule checked against the days before,
 * and the rules only look back (rest from the last shift, trailing windows,
 * runs ending today), so every rule also holds for the finished roster;
 * checkRoster re-checks it in the tests. Seats no agent can take are left
 * UNFILLED with the count of agents each rule excluded.
 */
import type { Config } from '../config';
import { dayNumber, isoWeekday, type ShiftLine } from '../domain';
import { runEndingOn } from './rules/consecutiveDays';
import { minuteNumber } from './rules/context';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import { onLeave } from './rules/leave';
import { restAllows } from './rules/rest';
import { WINDOW_DAYS, daysInWindow } from './rules/weeklyDays';
import { overtimeInWindow } from './rules/overtime';
import { nightShiftNames } from './shifts';
import { lineFields, UNFILLED, type Agent, type RosterAssignment, type UnfilledSeat } from './types';

/** Rules an agent can fail for a seat, in the order they are reported. */
export const EXCLUSION_RULES = ['leave', 'allowed-shifts', 'night-ok', 'min-rest', 'max-days-per-week', 'max-consecutive-days', 'max-overtime-per-week'] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number] | 'one-shift-per-day';

/**
 * The UnfilledSeat record of a line: the rule that excluded the most agents
 * (`headcount` when every agent simply works another shift) and one line a
 * manager can act on. `restWords` says how the rest rule was checked.
 */
export function describeUnfilled(line: ShiftLine, seats: number, poolSize: number, excludedBy: Record<string, number>, minRestHours: number, restWords: string): UnfilledSeat {
  const words: Record<ExclusionRule, string> = {
    'one-shift-per-day': 'already work another shift that day',
    leave: 'on leave',
    'allowed-shifts': 'not allowed this shift',
    'night-ok': 'not night_ok',
    'min-rest': `lack ${minRestHours} h rest ${restWords}`,
    'max-days-per-week': 'at their max days in 7',
    'max-consecutive-days': 'at their max days in a row',
    'max-overtime-per-week': 'at their max overtime hours in 7 days',
  };
  let tightestRule = 'headcount';
  let most = 0;
  for (const rule of EXCLUSION_RULES) {
    const n = excludedBy[rule] ?? 0;
    if (n > most) {
      most = n;
      tightestRule = rule;
    }
  }
  const parts = (['one-shift-per-day', ...EXCLUSION_RULES] as ExclusionRule[]).filter((r) => (excludedBy[r] ?? 0) > 0).map((r) => `${excludedBy[r]} ${words[r]}`);
  const reason = `${line.date} ${line.shift} ${line.start.slice(11)} ${line.pool}: ${seats} of ${line.agents} seats unfilled; of ${poolSize} agents ${parts.length > 0 ? parts.join(', ') : 'none exist'}`;
  return { date: line.date, shift: line.shift, start: line.start, pool: line.pool, seats, excludedBy, tightestRule, reason };
}

export interface AssignAgentsInput {
  config: Pick<Config, 'shifts' | 'pools' | 'roster'>;
  /** The whole plan; only lines of in-house pools are assigned here. */
  lines: readonly ShiftLine[];
  agents: readonly Agent[];
  /** Dates with an active event (for the fair spread of event days). */
  eventDates: ReadonlySet<string>;
}

export interface AgentAssignment {
  assignments: RosterAssignment[];
  unfilled: UnfilledSeat[];
}

interface AgentState {
  agent: Agent;
  index: number;
  lastEndMinute: number | undefined;
  lastCode: string | undefined;
  days: Set<number>;
  /** Day number → overtime hours worked. */
  overtime: Map<number, number>;
  shifts: number;
  nights: number;
  weekends: number;
  events: number;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** The first rule that keeps `s` off `line`, or undefined when every rule allows it. */
function exclusion(s: AgentState, line: ShiftLine, nightShifts: ReadonlySet<string>, input: AssignAgentsInput): ExclusionRule | undefined {
  const day = dayNumber(line.date);
  if (onLeave(s.agent, line.date)) return 'leave';
  if (!shiftAllowed(s.agent, line.pool, line.shift)) return 'allowed-shifts';
  if (!nightAllowed(s.agent, line, nightShifts)) return 'night-ok';
  if (!restAllows(s.lastEndMinute, minuteNumber(line.start), input.config.roster.minRestHours)) return 'min-rest';
  if (daysInWindow([...s.days], day - WINDOW_DAYS + 1, day - 1) + 1 > s.agent.maxDaysPerWeek) return 'max-days-per-week';
  if (runEndingOn(s.days, day - 1) + 1 > input.config.roster.maxConsecutiveDays) return 'max-consecutive-days';
  if (line.overtimeHours && overtimeInWindow(s.overtime, day - WINDOW_DAYS + 1, day - 1) + line.overtimeHours > overtimeCapOf(input, line.pool)) return 'max-overtime-per-week';
  return undefined;
}

/** The pool's overtime hours per agent in any 7 days (0 without overtime). */
export function overtimeCapOf(input: Pick<AssignAgentsInput, 'config'>, poolName: string): number {
  const pool = input.config.pools.find((p) => p.name === poolName);
  return pool && pool.kind === 'inhouse' && pool.overtime ? pool.overtime.maxHoursPerWeek : 0;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function assignAgents(input: AssignAgentsInput): AgentAssignment {
  const nightShifts = nightShiftNames(input.config);
  const inhouse = new Set(input.config.pools.filter((p) => p.kind === 'inhouse').map((p) => p.name));
  const lines = input.lines.filter((l) => inhouse.has(l.pool) && l.agents > 0);
  const states: AgentState[] = input.agents.map((agent, index) => ({
    agent, index, lastEndMinute: undefined, lastCode: undefined, days: new Set(), overtime: new Map(), shifts: 0, nights: 0, weekends: 0, events: 0,
  }));
  const assignments: RosterAssignment[] = [];
  const unfilled: UnfilledSeat[] = [];
  const byDatePool = new Map<string, ShiftLine[]>();
  for (const line of lines) {
    const key = `${line.date}|${line.pool}`;
    const list = byDatePool.get(key) ?? [];
    list.push(line);
    byDatePool.set(key, list);
  }
  const keys = [...byDatePool.keys()].sort();
  const { maxConsecutiveDays } = input.config.roster;

  for (const key of keys) {
    const dayLines = (byDatePool.get(key) as ShiftLine[]).slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.shift < b.shift ? -1 : a.shift > b.shift ? 1 : 0));
    const date = (dayLines[0] as ShiftLine).date;
    const pool = (dayLines[0] as ShiftLine).pool;
    const day = dayNumber(date);
    const weekend = isWeekend(date);
    const event = input.eventDates.has(date);
    const poolStates = states.filter((s) => s.agent.pool === pool);

    const slots: ShiftLine[] = [];
    for (const line of dayLines) for (let i = 0; i < line.agents; i++) slots.push(line);
    const candidates = slots.map((line) => {
      const night = nightShifts.has(line.shift);
      const scored = poolStates
        .filter((s) => exclusion(s, line, nightShifts, input) === undefined)
        .map((s) => {
          const window = daysInWindow([...s.days], day - WINDOW_DAYS + 1, day - 1) / s.agent.maxDaysPerWeek;
          const run = runEndingOn(s.days, day - 1) / maxConsecutiveDays;
          const kind = (night ? s.nights : 0) + (weekend ? s.weekends : 0) + (event ? s.events : 0);
          return { s, score: [Math.max(window, run), kind, s.lastCode === line.code ? 0 : 1, s.shifts, s.index] };
        });
      scored.sort((a, b) => compareScores(a.score, b.score));
      return scored.map((x) => x.s.index);
    });
    // Scarce seats first, so the greedy first choices rarely need re-routing.
    const order = slots.map((_, i) => i).sort((a, b) => (candidates[a] as number[]).length - (candidates[b] as number[]).length || a - b);
    const slotOf = new Map<number, number>();
    const agentOf: Array<number | undefined> = slots.map(() => undefined);
    const augment = (slot: number, visited: Set<number>): boolean => {
      for (const agent of candidates[slot] as number[]) {
        if (visited.has(agent)) continue;
        visited.add(agent);
        const held = slotOf.get(agent);
        if (held === undefined || augment(held, visited)) {
          slotOf.set(agent, slot);
          agentOf[slot] = agent;
          return true;
        }
      }
      return false;
    };
    for (const slot of order) augment(slot, new Set());

    const empty = new Map<ShiftLine, number>();
    slots.forEach((line, slot) => {
      const agentIndex = agentOf[slot];
      const base = lineFields(line);
      if (agentIndex === undefined) {
        assignments.push({ ...base, personId: UNFILLED, personName: '', kind: 'unfilled' });
        empty.set(line, (empty.get(line) ?? 0) + 1);
        return;
      }
      const s = states[agentIndex] as AgentState;
      assignments.push({ ...base, personId: s.agent.id, personName: s.agent.name, kind: 'agent' });
    });
    // Update the states only after the whole day is matched: today's choices do not constrain each other beyond one shift a day.
    slots.forEach((line, slot) => {
      const agentIndex = agentOf[slot];
      if (agentIndex === undefined) return;
      const s = states[agentIndex] as AgentState;
      s.lastEndMinute = minuteNumber(line.end);
      s.lastCode = line.code;
      s.days.add(day);
      if (line.overtimeHours) s.overtime.set(day, line.overtimeHours);
      s.shifts += 1;
      if (nightShifts.has(line.shift)) s.nights += 1;
      if (weekend) s.weekends += 1;
      if (event) s.events += 1;
    });
    for (const [line, seats] of empty) {
      const excludedBy: Record<string, number> = {};
      for (const s of poolStates) {
        if (slotOf.has(s.index)) {
          excludedBy['one-shift-per-day'] = (excludedBy['one-shift-per-day'] ?? 0) + 1;
          continue;
        }
        // A free agent no rule excludes cannot exist here: the matching would have used them.
        const rule = exclusion(s, line, nightShifts, input) ?? 'one-shift-per-day';
        excludedBy[rule] = (excludedBy[rule] ?? 0) + 1;
      }
      unfilled.push(describeUnfilled(line, seats, poolStates.length, excludedBy, input.config.roster.minRestHours, 'after their previous shift'));
    }
  }
  return { assignments, unfilled };
}
