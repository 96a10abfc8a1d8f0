/**
 * Plan and roster together, so the plan is one the named agents can fill:
 * plan with the in-house capacity of the agents file → roster → when seats stay
 * UNFILLED, cap each short (date, shift), its date and its 7-day windows at
 * what the roster filled (`tightenCapacity`) and plan again; the last round
 * holds the in-house part to the last roster's filled seats (`freezeCapacity`),
 * so with maxRounds >= 2 the result has no UNFILLED seat (vendors cover the rest).
 */
import type { Config } from '../config';
import { datesBetween, type Requirement } from '../domain';
import { buildHorizon, planShifts, solverByName, solverOptions, type PlanOptions, type PlanResult } from '../plan';
import { solveRoster, type SolvedRoster } from './build';
import { freezeCapacity, inhouseCapacity, tightenCapacity, type PoolCapacity } from './capacity';
import type { Agent, Roster } from './types';

export interface PlanWithRosterOptions extends Omit<PlanOptions, 'availability'> {
  /** Dates with an active event (fair spread of event days). */
  eventDates: ReadonlySet<string>;
  /** Plan → roster rounds at most (default 3). */
  maxRounds?: number;
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

export async function planWithRoster(config: Config, requirement: Requirement, agents: readonly Agent[], options: PlanWithRosterOptions): Promise<PlanWithRosterResult> {
  const { eventDates, maxRounds = 3, ...planOptions } = options;
  const modelDates = buildHorizon(config, requirement, options.start, options.end).dates;
  let capacity = inhouseCapacity(config, agents, modelDates[0] ?? options.start, options.end);
  const solver = typeof options.solver === 'object' ? options.solver : solverByName(options.solver ?? config.solver.name);
  const mipOptions = solverOptions(config, options.timeLimitSeconds);
  const unfilledByRound: number[] = [];
  for (let round = 1; ; round++) {
    const plan = await planShifts(config, requirement, { ...planOptions, solver, availability: capacity });
    const solved = await solveRoster({ config, lines: plan.lines, agents, dates: datesBetween(options.start, options.end), eventDates, seats: paidSeatsOf(plan) }, solver, mipOptions);
    const unfilled = solved.roster.unfilled.reduce((n, u) => n + u.seats, 0);
    unfilledByRound.push(unfilled);
    if (unfilled === 0 || round >= maxRounds) {
      return { plan, roster: solved.roster, method: solved.method, solver: solved.solver, rounds: round, unfilledByRound, capacity };
    }
    capacity = round + 1 < maxRounds ? tightenCapacity(capacity, solved.roster) : freezeCapacity(capacity, solved.roster);
  }
}
