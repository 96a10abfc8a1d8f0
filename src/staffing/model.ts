/**
 * One entry point for both queue models: Erlang A when the queue has a
 * patience, Erlang C otherwise.
 */
import { evaluateErlangA, sizeErlangA } from './erlangA';
import { evaluateErlangC, sizeErlangC } from './erlangC';
import type { QueueParameters, QueuePerformance, ServiceLevelBasis, StaffingTargets } from './types';

export function usesErlangA(queue: QueueParameters): boolean {
  return queue.patienceSeconds !== undefined;
}

/** Performance of a given number of productive agents. */
export function evaluateStaffing(queue: QueueParameters, agents: number, answerSeconds: number, basis: ServiceLevelBasis = 'offered'): QueuePerformance {
  return usesErlangA(queue) ? evaluateErlangA(queue, agents, answerSeconds, basis) : evaluateErlangC(queue, agents, answerSeconds);
}

/** The least number of productive agents that meets every target. */
export function sizeStaffing(queue: QueueParameters, targets: StaffingTargets): QueuePerformance {
  return usesErlangA(queue) ? sizeErlangA(queue, targets) : sizeErlangC(queue, targets);
}

/** Whether a performance meets the targets (for reporting an evaluation). */
export function meetsTargets(result: QueuePerformance, targets: StaffingTargets): boolean {
  const tol = 1e-12;
  return (
    result.stable &&
    result.serviceLevel >= targets.serviceLevel - tol &&
    result.occupancy <= targets.maxOccupancy + tol &&
    (targets.maxAbandonRate === undefined || result.abandonRate === null || result.abandonRate <= targets.maxAbandonRate + tol)
  );
}
