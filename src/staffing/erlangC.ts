/**
 * Erlang C: the M/M/s queue (Poisson arrivals, exponential handling, s servers,
 * nobody abandons). With offered load A = λ·AHT Erlangs and s > A servers:
 *
 *   C(s, A)  = s·B(s, A) / (s − A·(1 − B(s, A)))            probability of waiting
 *   SL(T)    = 1 − C(s, A) · exp(−(s − A) · T / AHT)         answered within T
 *   ASA      = C(s, A) · AHT / (s − A)                       mean wait
 *   occupancy = A / s
 *
 * B is Erlang B from its recursion (erlangB.ts), so nothing overflows for
 * thousands of servers. References: Tijms (2003) §5.1-5.3; Gans, Koole &
 * Mandelbaum, "Telephone call centers: tutorial, review, and research
 * prospects", MSOM 5(2), 2003, §4.1. With chat concurrency c, s = agents · c
 * (concurrency.ts).
 */
import { alwaysAnswered, checkQueueLimits, checkServers } from './bounds';
import { erlangB } from './erlangB';
import { offeredLoadErlangs, serversFor } from './concurrency';
import type { QueueParameters, QueuePerformance, StaffingTargets } from './types';

/** Probability of waiting, C(s, A); 1 when s <= A (unstable). */
export function erlangC(servers: number, loadErlangs: number): number {
  if (loadErlangs <= 0) return 0;
  if (servers <= loadErlangs) return 1;
  return waitFromLoss(servers, loadErlangs, erlangB(servers, loadErlangs));
}

function waitFromLoss(servers: number, load: number, loss: number): number {
  return (servers * loss) / (servers - load * (1 - loss));
}

function performance(agents: number, servers: number, load: number, ahtSeconds: number, answerSeconds: number, loss: number): QueuePerformance {
  if (load <= 0) {
    return { model: 'erlangC', agents, offeredLoadErlangs: 0, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, averageWaitSeconds: 0, occupancy: 0, abandonRate: null, stable: true };
  }
  if (servers <= load) {
    return { model: 'erlangC', agents, offeredLoadErlangs: load, waitProbability: 1, serviceLevel: 0, asaSeconds: Infinity, averageWaitSeconds: Infinity, occupancy: 1, abandonRate: null, stable: false };
  }
  const wait = waitFromLoss(servers, load, loss);
  const asa = (wait * ahtSeconds) / (servers - load);
  return {
    model: 'erlangC',
    agents,
    offeredLoadErlangs: load,
    waitProbability: wait,
    serviceLevel: 1 - wait * Math.exp((-(servers - load) * answerSeconds) / ahtSeconds),
    asaSeconds: asa,
    averageWaitSeconds: asa,
    occupancy: load / servers,
    abandonRate: null,
    stable: true,
  };
}

/** Performance of `agents` agents on a queue (patience ignored). */
export function evaluateErlangC(queue: QueueParameters, agents: number, answerSeconds: number): QueuePerformance {
  checkQueueLimits({ ...queue, patienceSeconds: undefined });
  const load = offeredLoadErlangs(queue.arrivalsPerSecond, queue.ahtSeconds);
  const servers = serversFor(agents, queue.concurrency);
  if (load > 0 && alwaysAnswered(servers, load)) return performance(agents, servers, load, queue.ahtSeconds, answerSeconds, 0);
  return performance(agents, servers, load, queue.ahtSeconds, answerSeconds, load > 0 ? erlangB(servers, load) : 0);
}

/** Relative slack for comparing an achieved figure with its target. */
export const TARGET_TOLERANCE = 1e-12;

/**
 * The least number of agents whose service level reaches the target and whose
 * occupancy stays within the cap. One pass of the Erlang B recursion over
 * s = 1, 2, ... checks each multiple of the concurrency: O(s) per sizing.
 */
export function sizeErlangC(queue: QueueParameters, targets: StaffingTargets): QueuePerformance {
  checkQueueLimits({ ...queue, patienceSeconds: undefined });
  const load = offeredLoadErlangs(queue.arrivalsPerSecond, queue.ahtSeconds);
  if (load <= 0) return performance(0, 0, 0, queue.ahtSeconds, targets.answerSeconds, 0);
  const c = queue.concurrency;
  // Occupancy A/(n·c) <= cap gives a floor; stability needs n·c > A.
  const occupancyFloor = Math.ceil(load / (c * targets.maxOccupancy) - TARGET_TOLERANCE);
  const firstAgents = Math.max(1, occupancyFloor, Math.floor(load / c) + 1);
  checkServers(firstAgents * c, true);
  let b = 1;
  let s = 0;
  for (let agents = firstAgents; ; agents++) {
    const servers = agents * c;
    checkServers(servers, true);
    for (; s < servers; ) {
      s += 1;
      b = (load * b) / (s + load * b);
    }
    const result = performance(agents, servers, load, queue.ahtSeconds, targets.answerSeconds, b);
    if (result.serviceLevel >= targets.serviceLevel - TARGET_TOLERANCE && result.occupancy <= targets.maxOccupancy + TARGET_TOLERANCE) return result;
  }
}
