/**
 * The queue models' input bounds (domain/limits.ts): offered load, servers,
 * and for Erlang A the arrivals within one mean patience. Inside them every
 * sizing and evaluation is exact and answers in well under a second; outside
 * them a sizing would loop for hours (10^12 inquiries) or allocate terabytes
 * (an Erlang B table for 10^11 servers), so they are refused with a
 * StaffingLimitError that callers turn into a message naming the option or
 * config field to change.
 */
import { PlannerError } from '../domain';
import { MAX_ARRIVALS_PER_PATIENCE, MAX_OFFERED_LOAD_ERLANGS, MAX_PATIENCE_BACKLOG, MAX_SERVERS, groupedInt } from '../domain/limits';
import { offeredLoadErlangs } from './concurrency';
import type { QueueParameters } from './types';

export type StaffingLimit =
  | { kind: 'load'; loadErlangs: number }
  | { kind: 'patience'; arrivalsPerPatience: number }
  | { kind: 'backlog'; backlog: number; servers: number }
  | { kind: 'servers'; servers: number; atLeast: boolean };

/** A queue outside the models' bounds (exit 2); `limit` says which bound. */
export class StaffingLimitError extends PlannerError {
  readonly limit: StaffingLimit;

  constructor(limit: StaffingLimit) {
    super('input', describeLimit(limit), 2);
    this.limit = limit;
  }
}

const big = (v: number): string => (Number.isFinite(v) && v < 1e15 ? groupedInt(v) : v.toExponential(2));

/** "an offered load of 5.56e+10 Erlangs; expected at most 50,000" and the like. */
export function describeLimit(limit: StaffingLimit): string {
  switch (limit.kind) {
    case 'load':
      return `an offered load of ${big(limit.loadErlangs)} Erlangs (arrivals per second × AHT); expected at most ${groupedInt(MAX_OFFERED_LOAD_ERLANGS)} Erlangs per queue and interval`;
    case 'patience':
      return `${big(limit.arrivalsPerPatience)} arrivals within one mean patience (arrivals per second × patience); expected at most ${groupedInt(MAX_ARRIVALS_PER_PATIENCE)} (at such a patience Erlang C gives the same answer: leave the patience out)`;
    case 'backlog':
      return `${big(limit.backlog)} more arrivals than ${big(limit.servers)} servers take within one mean patience; expected at most ${groupedInt(MAX_PATIENCE_BACKLOG)} (a shorter patience, or more agents)`;
    case 'servers':
      return `${limit.atLeast ? 'at least ' : ''}${big(limit.servers)} servers (agents × concurrency)${limit.atLeast ? ' needed' : ''}; expected at most ${groupedInt(MAX_SERVERS)}`;
  }
}

/** The first bound the queue itself breaks (load, then patience), or null. */
export function queueLimitProblem(queue: QueueParameters): StaffingLimit | null {
  const load = offeredLoadErlangs(queue.arrivalsPerSecond, queue.ahtSeconds);
  if (!(load <= MAX_OFFERED_LOAD_ERLANGS)) return { kind: 'load', loadErlangs: load };
  if (queue.patienceSeconds !== undefined) {
    const perPatience = queue.arrivalsPerSecond * queue.patienceSeconds;
    if (!(perPatience <= MAX_ARRIVALS_PER_PATIENCE)) return { kind: 'patience', arrivalsPerPatience: perPatience };
  }
  return null;
}

/** Throws StaffingLimitError when the queue breaks a bound. */
export function checkQueueLimits(queue: QueueParameters): void {
  const problem = queueLimitProblem(queue);
  if (problem) throw new StaffingLimitError(problem);
}

/** Erlang A at `servers`: x = servers × patience / AHT and y = arrivals per second × patience (erlangA.ts). */
export function checkPatienceBacklog(x: number, y: number, servers: number): void {
  if (y - x > MAX_PATIENCE_BACKLOG) throw new StaffingLimitError({ kind: 'backlog', backlog: y - x, servers });
}

/** Throws StaffingLimitError when `servers` is over MAX_SERVERS (`needed`: a sizing needs at least that many). */
export function checkServers(servers: number, needed = false): void {
  if (servers > MAX_SERVERS) throw new StaffingLimitError({ kind: 'servers', servers, atLeast: needed });
}

/**
 * At MAX_SERVERS servers or more with a load within MAX_OFFERED_LOAD_ERLANGS,
 * nobody waits: Erlang B there is below 10^-300 (a Poisson tail twice its
 * mean), so the exact answer in double precision is "no wait".
 */
export function alwaysAnswered(servers: number, loadErlangs: number): boolean {
  return servers >= MAX_SERVERS && loadErlangs <= MAX_OFFERED_LOAD_ERLANGS;
}
