/**
 * Plan and roster together, so the plan is one the named agents can fill.
 *
 * Round 1 plans within the aggregate limits of the agents file (agents present
 * and allowed each shift per date, night_ok agents for any hour 00:00-06:00,
 * agent-days per 7-day window, rest between shifts; `inhouseCapacity`) and
 * fills the roster. Those limits are necessary, not sufficient (one agent's
 * leave, 7-day windows and rest interlock in ways no count captures), so a
 * seat can stay empty. Then round 2 holds the in-house part to what the roster
 * filled (`freezeCapacity`: any plan within those caps is the filled roster
 * minus some shifts, so it is always filled) and re-plans locally: only the
 * dates around the empty seats are free, vendors cover what in-house cannot,
 * and the answer's gap is proven against round 1's bound (round 2's model only
 * tightens round 1's). When that gap is above the asked one, round 2 solves
 * its whole model. So there are at most two rounds, and the second is small.
 *
 * The roster fills first (one integer model, seats only) and balances second
 * (swaps that keep every seat filled, balance.ts); vendor seats are made once,
 * for the final plan, on exactly the seats the plan paid for.
 */
import type { Config } from '../config';
import { addDays, datesBetween, InfeasiblePlanError, type Requirement } from '../domain';
import { buildHorizon, buildPlanModel, planShifts, solverByName, solverOptions, type PlanOptions, type PlanResult, type SolveLog } from '../plan';
import { finishRoster, solveAgents, type SolvedAgents, type SolvedRoster } from './build';
import { freezeCapacity, inhouseCapacity, type PoolCapacity } from './capacity';
import type { Agent, Roster } from './types';

export interface PlanWithRosterOptions extends Omit<PlanOptions, 'availability'> {
  /** Dates with an active event (fair spread of event days). */
  eventDates: ReadonlySet<string>;
  /** Records every solve with its stage and round. */
  log?: SolveLog;
}

export interface PlanWithRosterResult {
  plan: PlanResult;
  roster: Roster;
  method: SolvedRoster['method'];
  solver: SolvedRoster['solver'];
  /** Plan → roster rounds run (1 = the first plan was filled, 2 = held to the filled roster). */
  rounds: number;
  /** Seats left UNFILLED after each round. */
  unfilledByRound: number[];
  /** The capacity the last plan was made with. */
  capacity: PoolCapacity[];
  /** Phase 2 of the in-house roster (balance.ts). */
  balance: SolvedAgents['balance'];
}

/** Vendor → seats the plan paid for (vendors whose seats cost something). */
export function paidSeatsOf(plan: PlanResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pool, ps] of Object.entries(plan.summary.pools)) if (ps.seats !== null) out[pool] = ps.seats;
  return out;
}

/** Re-plans at most this many times for vendor seats (each raises a seat count). */
const SEAT_ROUNDS = 3;

/** Dates of the empty seats and the days next to them: what round 2 may change. */
function datesAround(unfilled: SolvedAgents['part']['unfilled']): Set<string> {
  const out = new Set<string>();
  for (const u of unfilled) for (let k = -1; k <= 1; k++) out.add(addDays(u.date, k));
  return out;
}

export async function planWithRoster(config: Config, requirement: Requirement, agents: readonly Agent[], options: PlanWithRosterOptions): Promise<PlanWithRosterResult> {
  const { eventDates, log, ...planOptions } = options;
  const modelDates = buildHorizon(config, requirement, options.start, options.end).dates;
  const capacity = inhouseCapacity(config, agents, modelDates[0] ?? options.start, options.end);
  const base = typeof options.solver === 'object' ? options.solver : solverByName(options.solver ?? config.solver.name);
  const solver = log ? log.wrap(base) : base;
  const mipOptions = solverOptions(config, options.timeLimitSeconds);
  const dates = datesBetween(options.start, options.end);
  const at = (round: number, stage: SolveLog['stage']): void => {
    if (log) {
      log.round = round;
      log.stage = stage;
    }
  };

  at(1, 'plan');
  const first = await planShifts(config, requirement, { ...planOptions, solver, availability: capacity });
  at(1, 'roster');
  const firstRoster = await solveAgents({ config, lines: first.lines, agents, dates, eventDates, seats: paidSeatsOf(first) }, solver, mipOptions);
  const unfilledByRound = [firstRoster.part.unfilled.reduce((n, u) => n + u.seats, 0)];
  let plan = first;
  let solved: SolvedAgents = firstRoster;
  let finalCapacity = capacity;
  if ((unfilledByRound[0] ?? 0) > 0) {
    at(2, 'plan');
    finalCapacity = freezeCapacity(capacity, firstRoster.part);
    const model = buildPlanModel(config, requirement, options.start, options.end, { inhouseCapacity: capacity });
    const values = new Map(model.mip.variables.map((v, i) => [v.name, first.values[i] ?? 0]));
    const bound = first.summary.solver.bestBound ?? NaN;
    plan = await planShifts(config, requirement, { ...planOptions, solver, availability: finalCapacity, repair: { values, freeDates: datesAround(firstRoster.part.unfilled), bound } });
    at(2, 'roster');
    solved = await solveAgents({ config, lines: plan.lines, agents, dates, eventDates, seats: paidSeatsOf(plan) }, solver, mipOptions);
    unfilledByRound.push(solved.part.unfilled.reduce((n, u) => n + u.seats, 0));
  }
  // Vendor seats: exactly the seats paid for. Where the vendor's lines need more seats to respect
  // rest and days in a row than the plan's seat rules foresaw, the plan pays for that many and is
  // re-planned locally (every agent held, only the seat counts and their cost change; the gap stays
  // proven against the last bound). At most SEAT_ROUNDS times, each raising a seat count.
  at(unfilledByRound.length, 'seats');
  let seatsAtLeast: Record<string, number> = {};
  let roster = await finishRoster({ config, lines: plan.lines, agents, dates, eventDates, seats: paidSeatsOf(plan) }, solved, solver, mipOptions);
  for (let k = 0; k < SEAT_ROUNDS && Object.keys(roster.seatsShort).length > 0; k++) {
    seatsAtLeast = { ...seatsAtLeast, ...roster.seatsShort };
    const model = buildPlanModel(config, requirement, options.start, options.end, { inhouseCapacity: finalCapacity });
    const values = new Map(model.mip.variables.map((v, i) => [v.name, plan.values[i] ?? 0]));
    const previous = plan.lines;
    plan = await planShifts(config, requirement, { ...planOptions, solver, availability: finalCapacity, seatsAtLeast, repair: { values, freeDates: new Set(), bound: plan.summary.solver.bestBound ?? NaN } });
    if (JSON.stringify(plan.lines) !== JSON.stringify(previous)) {
      at(unfilledByRound.length, 'roster');
      solved = await solveAgents({ config, lines: plan.lines, agents, dates, eventDates, seats: paidSeatsOf(plan) }, solver, mipOptions);
      at(unfilledByRound.length, 'seats');
    }
    roster = await finishRoster({ config, lines: plan.lines, agents, dates, eventDates, seats: paidSeatsOf(plan) }, solved, solver, mipOptions);
  }
  if (Object.keys(roster.seatsShort).length > 0) {
    const which = Object.entries(roster.seatsShort).map(([pool, n]) => `${pool} ${n} (paid ${paidSeatsOf(plan)[pool] ?? 0})`).join(', ');
    throw new InfeasiblePlanError(`the vendor seat roster needs more seats than the plan can pay for under the rest and days-in-a-row rules: ${which}`, ['roster.minRestHours', 'roster.maxConsecutiveDays']);
  }
  return { plan, roster: roster.roster, method: roster.method, solver: roster.solver, rounds: unfilledByRound.length, unfilledByRound, capacity: finalCapacity, balance: solved.balance };
}
