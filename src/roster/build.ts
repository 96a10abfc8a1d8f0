/** The whole roster: named agents on in-house lines, numbered seats on vendor lines. */
import type { Config } from '../config';
import { InfeasiblePlanError, type ShiftLine } from '../domain';
import { assignAgents, type AgentAssignment } from './assign';
import { assignAgentsMip, type MipRosterResult } from './mip';
import type { MipOptions, MipSolver } from '../plan';
import { fairnessOf } from './fairness';
import { balanceRoster, type BalanceFigures } from './balance';
import { assignSeats, fitSeats, seatsOverPlan, type SeatAssignment } from './seats';
import { nightShiftNames } from './shifts';
import { UNFILLED, type Agent, type Roster, type RosterAssignment } from './types';
import { lineKey } from './rules/coverage';

export interface BuildRosterInput {
  config: Pick<Config, 'shifts' | 'pools' | 'roster'>;
  lines: readonly ShiftLine[];
  agents: readonly Agent[];
  /** Every date of the plan's horizon (grid columns). */
  dates: readonly string[];
  eventDates: ReadonlySet<string>;
  /** Vendor pool → seats the plan paid for (`PoolSummary.seats`); the seat roster lists exactly these when it can. */
  seats?: Readonly<Record<string, number>>;
}

/**
 * Build the roster. `agentPart` is an assignment of the in-house lines made
 * elsewhere (the integer assignment of `solveRoster`); without it the
 * day-by-day method assigns them.
 */
export function buildRoster(input: BuildRosterInput, agentPart: AgentAssignment = assignAgents(input), seatPart: SeatAssignment = assignSeats(input)): Roster {
  const poolOrder = new Map(input.config.pools.map((p, i) => [p.name, i]));
  const agentOrder = new Map(input.agents.map((a, i) => [a.id, i]));
  const personRank = (a: RosterAssignment): [number, string] =>
    a.personId === UNFILLED ? [2, ''] : a.kind === 'agent' ? [0, String(agentOrder.get(a.personId) ?? 0).padStart(8, '0')] : [1, a.personId];
  const assignments = [...agentPart.assignments, ...seatPart.assignments].sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    const pa = poolOrder.get(a.pool) ?? 0;
    const pb = poolOrder.get(b.pool) ?? 0;
    if (pa !== pb) return pa - pb;
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    if (a.shift !== b.shift) return a.shift < b.shift ? -1 : 1;
    const [ka, ia] = personRank(a);
    const [kb, ib] = personRank(b);
    return ka - kb || (ia < ib ? -1 : ia > ib ? 1 : 0);
  });
  giveBreaks(assignments, input.lines);
  return {
    // A night shift starting the evening before the horizon covers its first hours: its date gets a column too.
    dates: [...new Set([...input.dates, ...input.lines.filter((l) => l.agents > 0).map((l) => l.date)])].sort(),
    people: [...input.agents.map((a) => ({ id: a.id, name: a.name, pool: a.pool, kind: 'agent' as const })), ...seatPart.seats],
    assignments,
    unfilled: agentPart.unfilled,
    fairness: fairnessOf(input.agents, agentPart.assignments, input.lines, nightShiftNames(input.config), input.eventDates),
  };
}

/**
 * Each person on a line gets one time per break: the line's break counts
 * handed out in roster order (earliest break to the first person), so every
 * break time has exactly the agents the plan placed there.
 */
export function giveBreaks(assignments: RosterAssignment[], lines: readonly ShiftLine[]): void {
  const byLine = new Map<string, RosterAssignment[]>();
  for (const a of assignments) {
    const key = lineKey(a);
    const list = byLine.get(key) ?? [];
    list.push(a);
    byLine.set(key, list);
  }
  for (const line of lines) {
    const people = byLine.get(lineKey(line));
    if (!people || !line.breaks || line.breaks.length === 0) continue;
    const slots: string[][] = people.map(() => []);
    const byIndex = new Map<number, typeof line.breaks>();
    for (const b of line.breaks) byIndex.set(b.index ?? 0, [...(byIndex.get(b.index ?? 0) ?? []), b]);
    for (const [, list] of [...byIndex.entries()].sort((x, y) => x[0] - y[0])) {
      let person = 0;
      for (const b of list) {
        for (let k = 0; k < b.agents && person < people.length; k++) (slots[person++] as string[]).push(`${b.start.slice(11)}-${b.end.slice(11)}`);
      }
    }
    people.forEach((a, i) => {
      a.breaks = (slots[i] as string[]).join(';');
    });
  }
}

/** `--strict`: a roster with unfilled seats is an infeasible request (exit 3) naming the first short shifts. */
export function requireFilled(roster: Roster): void {
  if (roster.unfilled.length === 0) return;
  const seats = roster.unfilled.reduce((n, u) => n + u.seats, 0);
  const first = roster.unfilled.slice(0, 3).map((u) => u.reason).join(' | ');
  const more = roster.unfilled.length > 3 ? ` | and ${roster.unfilled.length - 3} more shift lines` : '';
  const rules = [...new Set(roster.unfilled.map((u) => u.tightestRule))];
  throw new InfeasiblePlanError(`the agents cannot fill ${seats} planned seats: ${first}${more}`, rules, 'add agents, shorten leave, or re-plan with --agents without --strict to see the UNFILLED seats');
}

export interface SolvedRoster {
  roster: Roster;
  /** How the in-house agents were assigned: the solver's figures, or the day-by-day method when the solver gave no answer. */
  method: 'mip' | 'daily-matching';
  solver: MipRosterResult['solver'];
}

/**
 * The roster with in-house agents assigned by the integer model (fills every
 * seat whenever any roster can); the day-by-day method when the solver gives no
 * answer within its limits, or fills fewer seats. Vendor seats: when the
 * day-by-day order needs more seats than the plan paid for (`input.seats`),
 * the integer assignment fits the lines to exactly the paid seats.
 */
export async function solveRoster(input: BuildRosterInput, solver: MipSolver, options: MipOptions): Promise<SolvedRoster> {
  const { seatsShort: _short, ...roster } = await finishRoster(input, await solveAgents(input, solver, options), solver, options);
  void _short;
  return roster;
}

/** The in-house part of `solveRoster`: the integer assignment, or the day-by-day one when that fills more. */
export interface SolvedAgents {
  part: AgentAssignment;
  method: SolvedRoster['method'];
  solver: MipRosterResult['solver'];
  /** Phase 2 (balance): spreads before and after, their proven least sum, swaps made. */
  balance: BalanceFigures;
}

/**
 * In-house agents onto the lines: the integer assignment, or the day-by-day one
 * when the solver gives no answer or fills fewer seats.
 */
export async function solveAgents(input: BuildRosterInput, solver: MipSolver, options: MipOptions): Promise<SolvedAgents> {
  const mip = await assignAgentsMip(input, solver, options);
  const daily = assignAgents(input);
  const empty = (part: AgentAssignment) => part.unfilled.reduce((n, u) => n + u.seats, 0);
  const mipOk = mip.solver.status === 'optimal' || mip.solver.status === 'feasible';
  const filled = mipOk && empty(mip) <= empty(daily) ? { part: mip as AgentAssignment, method: 'mip' as const } : { part: daily, method: 'daily-matching' as const };
  // Phase 2: fairer by swaps, every seat kept as phase 1 filled it.
  const balanced = balanceRoster(input, filled.part);
  return { part: balanced.part, method: filled.method, solver: mip.solver, balance: balanced.figures };
}

/**
 * The roster from an in-house assignment: vendor seats on exactly the seats the
 * plan paid for (`input.seats`), breaks handed out. `seatsShort` names the
 * vendors whose lines cannot be rostered on those seats under the rest and
 * days-in-a-row rules, with the fewest seats that can; their roster then lists
 * those seats, and the caller must re-plan paying for them (`planWithRoster`).
 */
export async function finishRoster(input: BuildRosterInput, agents: SolvedAgents, solver: MipSolver, options: MipOptions): Promise<SolvedRoster & { seatsShort: Record<string, number> }> {
  const { part, short } = await paidSeats(input, solver, options);
  return { roster: buildRoster(input, agents.part, part), method: agents.method, solver: agents.solver, seatsShort: short };
}

/** Seat assignment on the paid seats: day by day, or for a vendor that needs more, the integer assignment. */
async function paidSeats(input: BuildRosterInput, solver: MipSolver, options: MipOptions): Promise<{ part: SeatAssignment; short: Record<string, number> }> {
  const greedy = assignSeats(input);
  const over = seatsOverPlan(input, greedy);
  const short: Record<string, number> = {};
  let part = greedy;
  for (const [pool, extra] of Object.entries(over)) {
    const paid = input.seats?.[pool] ?? 0;
    // The fewest seats that roster the lines: the paid ones, or else the first count above that fits
    // (the day-by-day order's count always does).
    let fitted: SeatAssignment | null = null;
    for (let count = paid; count < paid + extra && !fitted; count++) {
      fitted = await fitSeats(input, pool, count, solver, options);
      if (fitted && count > paid) short[pool] = count;
    }
    if (!fitted) {
      short[pool] = paid + extra;
      continue;
    }
    part = {
      seats: [...part.seats.filter((s) => s.pool !== pool || s.surge), ...fitted.seats],
      assignments: [...part.assignments.filter((a) => a.pool !== pool || a.surge), ...fitted.assignments],
    };
  }
  const order = new Map(input.config.pools.map((p, i) => [p.name, i]));
  part.seats.sort((a, b) => (order.get(a.pool) ?? 0) - (order.get(b.pool) ?? 0) || (a.id < b.id ? -1 : 1));
  return { part, short };
}
