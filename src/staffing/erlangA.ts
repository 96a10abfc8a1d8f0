/**
 * Erlang A: the M/M/s+M queue (Palm 1946). Poisson arrivals at rate λ,
 * exponential handling at rate μ = 1/AHT on s servers, and every waiting inquiry
 * abandons after an exponential patience with rate θ = 1/patience.
 *
 * Exact closed forms (Mandelbaum & Zeltyn, "Service Engineering in Action: the
 * Palm/Erlang-A Queue, with Applications to Call Centers", 2007; Garnett,
 * Mandelbaum & Reiman, MSOM 4(3), 2002). With x = sμ/θ, y = λ/θ and
 *
 *   A(x, z) = Σ_{j≥0} z^j / Π_{k=1..j} (x + k)     (= x·e^z·z^−x·γ(x, z))
 *
 * the stationary birth-death chain gives, with B = ErlangB(s, λ/μ):
 *
 *   P(wait > 0)        = A·B / (1 + (A − 1)·B)                 A = A(x, y)
 *   P(served | wait)   = (A − 1) / (ρ·A),  ρ = λ/(sμ)
 *   P(abandon)         = P(wait > 0) · (1 − P(served | wait))
 *
 * Service level. An inquiry that finds j others waiting reaches a server
 * after a sum of exponential phases (rates sμ + iθ) unless it abandons first;
 * summing over j, the share answered within T among those who wait is
 *
 *   (x/y) · [ (A(x,y) − 1) − u^x · e^{y(1−u)} · (A(x, y·u) − 1) ] / A(x,y),   u = e^{−θT}
 *
 * (derived with the incomplete-beta form of the phase sum; it is the same
 * incomplete-gamma expression as Mandelbaum & Zeltyn's). ASA (mean wait of
 * answered inquiries) uses that an inquiry with j ahead is answered with
 * probability x/(x+j+1) after a mean (1/θ)·Σ_{m=1..j+1} 1/(x+m).
 *
 * Series are summed term by term (ratios y/(x+j)), rescaled in log space, so
 * no factorial, power or incomplete gamma ever overflows.
 */
import { MAX_SERVERS } from '../domain/limits';
import { alwaysAnswered, checkPatienceBacklog, checkQueueLimits, checkServers } from './bounds';
import { ErlangBTable } from './erlangB';
import { offeredLoadErlangs, serversFor } from './concurrency';
import { TARGET_TOLERANCE } from './erlangC';
import type { QueueParameters, QueuePerformance, StaffingTargets, ServiceLevelBasis } from './types';

const RESCALE_ABOVE = 1e250;
const MAX_TERMS = 50_000_000;

interface SeriesSums {
  /** log of Σ_{j≥1} z^j / Π(x+k) (−Infinity when z = 0). */
  logTail: number;
  /** log of Σ_{j≥0} z^j / Π(x+k) (= A(x, z)). */
  logTotal: number;
  /** log of Σ_{j≥0} term_j · x/(x+j+1) · Σ_{m=1..j+1} 1/(x+m); only when asked. */
  logAnsweredWait: number;
}

function logSum(x: number, z: number, withWait: boolean): SeriesSums {
  let term = 1;
  let scale = 0; // natural log of the factor every running sum is divided by
  let tail = 0;
  let total = 1;
  let harmonic = 1 / (x + 1);
  let answeredWait = withWait ? (x / (x + 1)) * harmonic : 0;
  for (let j = 1; j < MAX_TERMS; j++) {
    term *= z / (x + j);
    tail += term;
    total += term;
    if (withWait) {
      harmonic += 1 / (x + j + 1);
      answeredWait += term * (x / (x + j + 1)) * harmonic;
    }
    if (total > RESCALE_ABOVE) {
      term /= RESCALE_ABOVE;
      tail /= RESCALE_ABOVE;
      total /= RESCALE_ABOVE;
      answeredWait /= RESCALE_ABOVE;
      scale += Math.log(RESCALE_ABOVE);
    }
    // Past the peak (terms now shrink) and below double precision of the sum.
    if (x + j >= z && term <= total * 1e-17) break;
  }
  return {
    logTail: tail > 0 ? Math.log(tail) + scale : -Infinity,
    logTotal: Math.log(total) + scale,
    logAnsweredWait: withWait && answeredWait > 0 ? Math.log(answeredWait) + scale : -Infinity,
  };
}

function performance(
  agents: number,
  servers: number,
  load: number,
  queue: QueueParameters,
  patienceSeconds: number,
  answerSeconds: number,
  loss: number,
  basis: ServiceLevelBasis,
): QueuePerformance {
  if (load <= 0) {
    return { model: 'erlangA', agents, offeredLoadErlangs: 0, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, averageWaitSeconds: 0, occupancy: 0, abandonRate: 0, stable: true };
  }
  const theta = 1 / patienceSeconds;
  const lambda = queue.arrivalsPerSecond;
  if (servers === 0) {
    // Nobody is answered; everyone abandons after their patience.
    return { model: 'erlangA', agents, offeredLoadErlangs: load, waitProbability: 1, serviceLevel: 0, asaSeconds: Infinity, averageWaitSeconds: patienceSeconds, occupancy: 0, abandonRate: 1, stable: true };
  }
  const x = (servers * patienceSeconds) / queue.ahtSeconds;
  const y = lambda * patienceSeconds;
  checkPatienceBacklog(x, y, servers);
  const main = logSum(x, y, true);
  // P(wait > 0) = 1 / (1 + (1 − B) / (A·B)), in logs so a huge A is harmless.
  const waitProbability = 1 / (1 + Math.exp(Math.log1p(-loss) - main.logTotal - Math.log(loss)));
  const servedGivenWait = (x / y) * Math.exp(main.logTail - main.logTotal);
  const abandonRate = Math.min(1, Math.max(0, waitProbability * (1 - servedGivenWait)));

  const u = Math.exp(-theta * answerSeconds);
  let servedLateGivenWait = servedGivenWait;
  if (answerSeconds > 0) {
    const shifted = logSum(x, y * u, false);
    // u^x · e^{y(1−u)} · (A(x, yu) − 1) / A(x, y), times x/y.
    const logLate = -theta * answerSeconds * x + y * -Math.expm1(-theta * answerSeconds) + shifted.logTail - main.logTotal;
    servedLateGivenWait = (x / y) * Math.exp(logLate);
  }
  const answeredWithin = 1 - waitProbability + waitProbability * Math.max(0, servedGivenWait - servedLateGivenWait);
  const answered = 1 - abandonRate;
  const answeredWaitTotal = waitProbability * Math.exp(main.logAnsweredWait - main.logTotal) * patienceSeconds;
  const serviceLevel = basis === 'answered' ? (answered > 0 ? answeredWithin / answered : 0) : answeredWithin;
  return {
    model: 'erlangA',
    agents,
    offeredLoadErlangs: load,
    waitProbability,
    serviceLevel: Math.min(1, serviceLevel),
    asaSeconds: answered > 0 ? answeredWaitTotal / answered : Infinity,
    // Exponential patience: P(abandon) = θ · E[wait of all offered].
    averageWaitSeconds: abandonRate * patienceSeconds,
    occupancy: Math.min(1, (load * answered) / servers),
    abandonRate,
    stable: true,
  };
}

function patienceOf(queue: QueueParameters): number {
  const p = queue.patienceSeconds;
  if (p === undefined || !(p > 0)) throw new Error('Erlang A needs a positive patienceSeconds');
  return p;
}

/** Performance of `agents` agents on a queue with impatient customers. */
export function evaluateErlangA(queue: QueueParameters, agents: number, answerSeconds: number, basis: ServiceLevelBasis = 'offered'): QueuePerformance {
  checkQueueLimits(queue);
  const load = offeredLoadErlangs(queue.arrivalsPerSecond, queue.ahtSeconds);
  const servers = serversFor(agents, queue.concurrency);
  if (load > 0 && alwaysAnswered(servers, load)) {
    return { model: 'erlangA', agents, offeredLoadErlangs: load, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, averageWaitSeconds: 0, occupancy: load / servers, abandonRate: 0, stable: true };
  }
  const table = new ErlangBTable(load);
  return performance(agents, servers, load, queue, patienceOf(queue), answerSeconds, load > 0 ? table.at(servers) : 0, basis);
}

function meets(result: QueuePerformance, targets: StaffingTargets): boolean {
  return (
    result.serviceLevel >= targets.serviceLevel - TARGET_TOLERANCE &&
    result.occupancy <= targets.maxOccupancy + TARGET_TOLERANCE &&
    (targets.maxAbandonRate === undefined || (result.abandonRate ?? 0) <= targets.maxAbandonRate + TARGET_TOLERANCE)
  );
}

/**
 * The least number of agents meeting the service level, the occupancy cap and
 * (when set) the abandon-rate cap. Every measure is monotone in the number of
 * agents, so the search gallops up from a lower bound and then bisects.
 * Lower bound: answered share (1 − P(abandon)) <= s/A, and SL <= answered share.
 */
export function sizeErlangA(queue: QueueParameters, targets: StaffingTargets): QueuePerformance {
  const patience = patienceOf(queue);
  checkQueueLimits(queue);
  const load = offeredLoadErlangs(queue.arrivalsPerSecond, queue.ahtSeconds);
  const basis = targets.serviceLevelBasis ?? 'offered';
  if (load <= 0) return performance(0, 0, 0, queue, patience, targets.answerSeconds, 0, basis);
  const c = queue.concurrency;
  const table = new ErlangBTable(load);
  const maxAgents = Math.floor(MAX_SERVERS / c);
  const at = (agents: number): QueuePerformance =>
    performance(agents, agents * c, load, queue, patience, targets.answerSeconds, table.at(agents * c), basis);

  const answeredFloor = Math.max(basis === 'offered' ? targets.serviceLevel : 0, targets.maxAbandonRate === undefined ? 0 : 1 - targets.maxAbandonRate);
  // Occupancy is load × answered share / servers, and the answered share is at least answeredFloor.
  checkServers(Math.ceil((answeredFloor * load) / targets.maxOccupancy - TARGET_TOLERANCE), true);
  let low = Math.max(1, Math.floor((answeredFloor * load) / c)); // may be feasible
  let first = at(low);
  if (meets(first, targets)) {
    // The floor itself works: walk down while the one below still does.
    while (low > 1) {
      const below = at(low - 1);
      if (!meets(below, targets)) break;
      low -= 1;
      first = below;
    }
    return first;
  }
  // Gallop: low fails; find a high that meets the targets.
  let step = Math.max(1, Math.ceil(Math.sqrt(load / c)));
  let high = Math.min(low + step, maxAgents);
  let best = at(high);
  while (!meets(best, targets)) {
    if (high >= maxAgents) checkServers(maxAgents * c + 1, true);
    low = high;
    step *= 2;
    high = Math.min(low + step, maxAgents);
    best = at(high);
  }
  // Bisect (low fails, high meets).
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const r = at(mid);
    if (meets(r, targets)) {
      high = mid;
      best = r;
    } else {
      low = mid;
    }
  }
  return best;
}
