/**
 * Chat concurrency. An agent who handles `concurrency` sessions at once is
 * modelled as that many parallel servers, each working one session for the
 * configured AHT (the handling time of one session as it runs alongside the
 * others). So n agents at concurrency c form an n·c-server queue, in Erlang C
 * and Erlang A alike, and c = 1 is exactly the phone case. Occupancy is the
 * share of session slots in use.
 */

/** Servers (session slots) that `agents` agents provide. */
export function serversFor(agents: number, concurrency: number): number {
  return agents * concurrency;
}

/** Offered load in Erlangs (busy session slots on average). */
export function offeredLoadErlangs(arrivalsPerSecond: number, ahtSeconds: number): number {
  return arrivalsPerSecond * ahtSeconds;
}
