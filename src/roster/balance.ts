/**
 * Phase 2 of the in-house roster: balance a filled roster without unfilling a
 * seat. The seats stay as phase 1 filled them; only who sits in them changes.
 *
 * Method: deterministic local search over swaps. On one date, two agents
 * exchange what they do that day (two shifts, or a shift and a day off); a
 * swap is made when every labour rule still holds for both (leave, shift list,
 * night_ok on the line's real hours, rest before and after, days in any 7,
 * days in a row, overtime in any 7) and the score falls:
 *
 *   score = sum over counts k of (max - min of k over its agents)
 *           + 0.01 x shift-type changes between working days
 *           + 0.0001 x sum over counts k and agents a of (k_a - mean of k)^2
 *
 * with counts k = shifts, nights (over the agents who may work a night line),
 * weekend days and event days, the spreads weighted as the fill-and-balance
 * model weighed them. The squared term only breaks ties on a flat spread, so
 * the search can walk to a swap that lowers it. Passes go over dates, then
 * agent pairs in file order, until a pass changes nothing or MAX_EVALUATIONS
 * swaps were tried: the same roster on any machine.
 *
 * Proven bound: a count with total T over n agents has a spread of at least
 * 1 when n does not divide T (someone has at least ceil(T/n), someone at most
 * floor(T/n)), else 0; their sum bounds the spreads of any roster of these
 * seats, and a balanced roster that reaches it is the fairest there is.
 */
import type { Config } from '../config';
import { dayNumber, type ShiftLine } from '../domain';
import { isWeekend, overtimeCapOf, type AgentAssignment } from './assign';
import { minuteNumber } from './rules/context';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import { onLeave } from './rules/leave';
import { lineKey } from './rules/coverage';
import { nightShiftNames } from './shifts';
import type { Agent, RosterAssignment } from './types';

/** Swaps tried at most (bounds the time on large rosters; the result stays deterministic). */
export const MAX_EVALUATIONS = 2_000_000;
const CHANGE_WEIGHT = 0.01;
const SPREAD_TIE_WEIGHT = 1e-4;
const COUNTS = ['shifts', 'nights', 'weekends', 'events'] as const;

export interface BalanceInput {
  config: Pick<Config, 'shifts' | 'pools' | 'roster'>;
  lines: readonly ShiftLine[];
  agents: readonly Agent[];
  eventDates: ReadonlySet<string>;
}

export interface BalanceFigures {
  /** Sum of the four spreads before and after. */
  spreadBefore: number;
  spreadAfter: number;
  /** Proven least sum of spreads any roster of these seats can have. */
  spreadBound: number;
  swaps: number;
  evaluations: number;
}

interface LineInfo {
  line: ShiftLine;
  day: number;
  startMinute: number;
  endMinute: number;
  code: string;
  overtime: number;
  flags: [number, number, number, number];
}

/**
 * The assignments of `part` with the in-house agents swapped to a fairer
 * roster (same seats, same unfilled ones); vendor seats and UNFILLED rows pass
 * through unchanged.
 */
export function balanceRoster(input: BalanceInput, part: AgentAssignment): { part: AgentAssignment; figures: BalanceFigures } {
  const night = nightShiftNames(input.config);
  const byKey = new Map<string, number>();
  const infos: LineInfo[] = [];
  for (const line of input.lines) {
    if (line.agents <= 0) continue;
    byKey.set(lineKey(line), infos.length);
    infos.push({
      line,
      day: dayNumber(line.date),
      startMinute: minuteNumber(line.start),
      endMinute: minuteNumber(line.end),
      code: line.code,
      overtime: line.overtimeHours ?? 0,
      flags: [1, night.has(line.shift) ? 1 : 0, isWeekend(line.date) ? 1 : 0, input.eventDates.has(line.date) ? 1 : 0],
    });
  }
  const agentIndex = new Map(input.agents.map((a, i) => [a.id, i]));
  const placed = part.assignments.filter((a) => a.kind === 'agent' && agentIndex.has(a.personId) && byKey.has(lineKey(a)));
  if (placed.length === 0) return { part, figures: { spreadBefore: 0, spreadAfter: 0, spreadBound: 0, swaps: 0, evaluations: 0 } };
  const firstDay = Math.min(...placed.map((a) => dayNumber(a.date)));
  const lastDay = Math.max(...placed.map((a) => dayNumber(a.date)));
  const days = lastDay - firstDay + 1;
  const n = input.agents.length;
  /** work[a][d] = line index or -1 (off). */
  const work = input.agents.map(() => new Array<number>(days).fill(-1));
  for (const a of placed) (work[agentIndex.get(a.personId) as number] as number[])[dayNumber(a.date) - firstDay] = byKey.get(lineKey(a)) as number;

  const { minRestHours, maxConsecutiveDays } = input.config.roster;
  const rest = minRestHours * 60;
  const eligibleCache = new Map<number, boolean>();
  const eligible = (a: number, l: number): boolean => {
    const key = a * infos.length + l;
    let ok = eligibleCache.get(key);
    if (ok === undefined) {
      const agent = input.agents[a] as Agent;
      const info = infos[l] as LineInfo;
      ok = !onLeave(agent, info.line.date) && shiftAllowed(agent, info.line.pool, info.line.shift) && nightAllowed(agent, info.line, night);
      eligibleCache.set(key, ok);
    }
    return ok;
  };
  const overtimeCap = input.agents.map((agent) => overtimeCapOf(input, agent.pool));

  /** Every rule that a line at day d can break, for agent a's timeline as it stands. */
  const fits = (a: number, d: number): boolean => {
    const row = work[a] as number[];
    const l = row[d] as number;
    if (l < 0) return true;
    if (!eligible(a, l)) return false;
    const info = infos[l] as LineInfo;
    for (let k = 1; k <= 2; k++) {
      const before = d - k >= 0 ? (row[d - k] as number) : -1;
      if (before >= 0 && info.startMinute - (infos[before] as LineInfo).endMinute < rest) return false;
      const after = d + k < days ? (row[d + k] as number) : -1;
      if (after >= 0 && (infos[after] as LineInfo).startMinute - info.endMinute < rest) return false;
    }
    const agent = input.agents[a] as Agent;
    for (let from = Math.max(0, d - 6); from <= d; from++) {
      let worked = 0;
      let overtime = 0;
      for (let x = from; x < Math.min(days, from + 7); x++) {
        const lx = row[x] as number;
        if (lx >= 0) {
          worked += 1;
          overtime += (infos[lx] as LineInfo).overtime;
        }
      }
      if (worked > agent.maxDaysPerWeek) return false;
      if (overtime > (overtimeCap[a] as number) && info.overtime > 0) return false;
    }
    let run = 1;
    for (let x = d - 1; x >= 0 && (row[x] as number) >= 0; x--) run += 1;
    for (let x = d + 1; x < days && (row[x] as number) >= 0; x++) run += 1;
    return run <= maxConsecutiveDays;
  };

  // Counts per agent, and who each count is compared across (nights: agents who may work a night line).
  const counts = COUNTS.map(() => new Array<number>(n).fill(0));
  const nightLines = infos.map((_, l) => l).filter((l) => (infos[l] as LineInfo).flags[1] === 1);
  const members = COUNTS.map((k) => (k === 'nights' ? input.agents.map((_, a) => nightLines.some((l) => eligible(a, l))) : input.agents.map(() => true)));
  const changesOf = (a: number): number => {
    const row = work[a] as number[];
    let c = 0;
    for (let d = 0; d + 1 < days; d++) {
      const x = row[d] as number;
      const y = row[d + 1] as number;
      if (x >= 0 && y >= 0 && (infos[x] as LineInfo).code !== (infos[y] as LineInfo).code) c += 1;
    }
    return c;
  };
  const recount = (a: number): void => {
    for (let k = 0; k < COUNTS.length; k++) (counts[k] as number[])[a] = 0;
    for (const l of work[a] as number[]) {
      if (l < 0) continue;
      const flags = (infos[l] as LineInfo).flags;
      for (let k = 0; k < COUNTS.length; k++) (counts[k] as number[])[a] = ((counts[k] as number[])[a] as number) + (flags[k] as number);
    }
  };
  for (let a = 0; a < n; a++) recount(a);
  const changes = input.agents.map((_, a) => changesOf(a));
  const spreadOf = (k: number): number => {
    let lo = Infinity;
    let hi = -Infinity;
    const c = counts[k] as number[];
    const m = members[k] as boolean[];
    for (let a = 0; a < n; a++) {
      if (!m[a]) continue;
      lo = Math.min(lo, c[a] as number);
      hi = Math.max(hi, c[a] as number);
    }
    return hi >= lo ? hi - lo : 0;
  };
  const squares = (k: number): number => {
    const c = counts[k] as number[];
    const m = members[k] as boolean[];
    let total = 0;
    let count = 0;
    for (let a = 0; a < n; a++) if (m[a]) (total += c[a] as number), (count += 1);
    if (count === 0) return 0;
    const mean = total / count;
    let s = 0;
    for (let a = 0; a < n; a++) if (m[a]) s += ((c[a] as number) - mean) ** 2;
    return s;
  };
  const spreads = (): number => COUNTS.reduce((s, _, k) => s + spreadOf(k), 0);
  const score = (): number => spreads() + CHANGE_WEIGHT * changes.reduce((s, c) => s + c, 0) + SPREAD_TIE_WEIGHT * COUNTS.reduce((s, _, k) => s + squares(k), 0);

  const spreadBefore = spreads();
  let current = score();
  let swaps = 0;
  let evaluations = 0;
  let improved = true;
  while (improved && evaluations < MAX_EVALUATIONS) {
    improved = false;
    for (let d = 0; d < days && evaluations < MAX_EVALUATIONS; d++) {
      for (let a = 0; a < n && evaluations < MAX_EVALUATIONS; a++) {
        for (let b = a + 1; b < n && evaluations < MAX_EVALUATIONS; b++) {
          const ra = work[a] as number[];
          const rb = work[b] as number[];
          const la = ra[d] as number;
          const lb = rb[d] as number;
          if (la === lb) continue;
          if ((input.agents[a] as Agent).pool !== (input.agents[b] as Agent).pool) continue;
          evaluations += 1;
          ra[d] = lb;
          rb[d] = la;
          if (fits(a, d) && fits(b, d)) {
            recount(a);
            recount(b);
            const ca = changes[a] as number;
            const cb = changes[b] as number;
            changes[a] = changesOf(a);
            changes[b] = changesOf(b);
            const next = score();
            if (next < current - 1e-9) {
              current = next;
              swaps += 1;
              improved = true;
              continue;
            }
            changes[a] = ca;
            changes[b] = cb;
            ra[d] = la;
            rb[d] = lb;
            recount(a);
            recount(b);
          } else {
            ra[d] = la;
            rb[d] = lb;
          }
        }
      }
    }
  }

  const spreadBound = COUNTS.reduce((s, _, k) => {
    const m = members[k] as boolean[];
    const size = m.filter(Boolean).length;
    const total = (counts[k] as number[]).reduce((t, c, a) => t + (m[a] ? c : 0), 0);
    return s + (size > 1 && total % size !== 0 ? 1 : 0);
  }, 0);
  const others = part.assignments.filter((a) => !(a.kind === 'agent' && agentIndex.has(a.personId) && byKey.has(lineKey(a))));
  const template = new Map(placed.map((p) => [lineKey(p), p]));
  const moved: RosterAssignment[] = [];
  input.agents.forEach((agent, a) => {
    for (const l of work[a] as number[]) {
      if (l < 0) continue;
      const seat = template.get(lineKey((infos[l] as LineInfo).line)) as RosterAssignment;
      moved.push({ ...seat, personId: agent.id, personName: agent.name, kind: 'agent' });
    }
  });
  return { part: { ...part, assignments: [...moved, ...others] }, figures: { spreadBefore, spreadAfter: spreads(), spreadBound, swaps, evaluations } };
}
