/**
 * Plan and roster together, so the plan is one the named agents can fill:
 * plan with the in-house capacity of the agents file → roster → when seats stay
 * UNFILLED, cap each short (date, shift), its date and its 7-day windows at
 * what the roster filled (`tightenCapacity`) and plan again; the last round
 * holds the in-house part to the last roster's filled seats (`freezeCapacity`),
 * so with maxRounds >= 2 the result has no UNFILLED seat (vendors cover the rest).
 *
 * Solving as little as it can: the in-house assignment is solved again only
 * when the in-house lines changed;
 * the vendor seat roster is made once, for the final plan; and a round whose
 * tightened caps would change nothing goes straight to the frozen caps, and the
 * rounds stop when those change nothing either.
 */
import type { Config } from '../config';
import { datesBetween, type Requirement } from '../domain';
import { buildHorizon, planShifts, solverByName, solverOptions, type PlanOptions, type PlanResult, type SolveLog } from '../plan';
import { finishRoster, solveAgents, type SolvedAgents, type SolvedRoster } from './build';
import { freezeCapacity, inhouseCapacity, tightenCapacity, type PoolCapacity } from './capacity';
import type { Agent, Roster } from './types';

export interface PlanWithRosterOptions extends Omit<PlanOptions, 'availability'> {
  /** Dates with an active event (fair spread of event days). */
  eventDates: ReadonlySet<string>;
  /** Plan → roster rounds at most (default 3). */
  maxRounds?: number;
  /** Records every solve with its stage and round. */
  log?: SolveLog;
}

export interface PlanWithRosterResult {
  plan: PlanResult;
  roster: Roster;
  method: SolvedRoster['method'];
  solver: SolvedRoster['solver'];
  /** Plan → roster rounds run (1 = the first plan was filled). */
  rounds: number;
  /** Seats left UNFILLED after each round. */
  unfilledByRound: number[];
  /** The capacity the last plan was made with. */
  capacity: PoolCapacity[];
}

/** Vendor → seats the plan paid for (vendors whose seats cost something). */
export function paidSeatsOf(plan: PlanResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pool, ps] of Object.entries(plan.summary.pools)) if (ps.seats !== null) out[pool] = ps.seats;
  return out;
}

/** The in-house lines of a plan, as text: equal text, same roster problem. */
function inhouseLinesKey(config: Config, plan: PlanResult): string {
  const inhouse = new Set(config.pools.filter((p) => p.kind === 'inhouse').map((p) => p.name));
  return JSON.stringify(plan.lines.filter((l) => inhouse.has(l.pool) && l.agents > 0).map((l) => [l.date, l.shift, l.start, l.end, l.pool, l.queue ?? '', l.agents]));
}

export async function planWithRoster(config: Config, requirement: Requirement, agents: readonly Agent[], options: PlanWithRosterOptions): Promise<PlanWithRosterResult> {
  const { eventDates, maxRounds = 3, log, ...planOptions } = options;
  const modelDates = buildHorizon(config, requirement, options.start, options.end).dates;
  let capacity = inhouseCapacity(config, agents, modelDates[0] ?? options.start, options.end);
  const base = typeof options.solver === 'object' ? options.solver : solverByName(options.solver ?? config.solver.name);
  const solver = log ? log.wrap(base) : base;
  const mipOptions = solverOptions(config, options.timeLimitSeconds);
  const dates = datesBetween(options.start, options.end);
  const unfilledByRound: number[] = [];
  let last: { key: string; agents: SolvedAgents } | null = null;
  for (let round = 1; ; round++) {
    if (log) {
      log.round = round;
      log.stage = 'plan';
    }
    // Not warm-started from the last round: on the sample that start led to a plan (within the gap)
    // whose roster took 4x longer to prove fair than the cold plan's.
    const plan = await planShifts(config, requirement, { ...planOptions, solver, availability: capacity });
    const input = { config, lines: plan.lines, agents, dates, eventDates, seats: paidSeatsOf(plan) };
    const key = inhouseLinesKey(config, plan);
    if (log) log.stage = 'roster';
    // The same in-house lines as the last round: the same assignment problem, its answer stands.
    const solved: SolvedAgents = last && last.key === key ? last.agents : await solveAgents(input, solver, mipOptions);
    const unfilled = solved.part.unfilled.reduce((n, u) => n + u.seats, 0);
    unfilledByRound.push(unfilled);
    const same = (caps: PoolCapacity[]): boolean => JSON.stringify(caps) === JSON.stringify(capacity);
    let next: PoolCapacity[] | null = null;
    if (unfilled > 0 && round < maxRounds) {
      // Tightening that changes nothing would give the same plan again: hold the plan to the roster at once.
      const tightened = round + 1 < maxRounds ? tightenCapacity(capacity, solved.part) : null;
      next = tightened && !same(tightened) ? tightened : freezeCapacity(capacity, solved.part);
    }
    // Done: every seat filled, no rounds left, or caps a re-plan would not change.
    if (!next || same(next)) {
      if (log) log.stage = 'seats';
      const roster = await finishRoster(input, solved, solver, mipOptions);
      if (log) {
        log.stage = 'other';
        log.round = null;
      }
      return { plan, roster: roster.roster, method: roster.method, solver: roster.solver, rounds: round, unfilledByRound, capacity };
    }
    capacity = next;
    last = { key, agents: solved };
  }
}
