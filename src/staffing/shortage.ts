/**
 * What a missing agent costs in service: for one queue-hour, the inquiries not
 * answered within the target time at each staffing level, and from them the
 * marginal loss of each agent below the requirement. The planner prices the
 * k-th missing agent at (marginal loss) x cost per lost inquiry.
 *
 *   lost(n)  = inquiries x (1 - SL(n))          SL on the offered basis, so an
 *                                               abandoned inquiry counts as lost
 *   loss_k   = lost(R - k) - lost(R - k + 1)    k = 1 .. R - F
 *
 * SL(n) is concave in n above the load (Erlang C and A), so loss_k grows with
 * k; where rounding or an unstable Erlang C region (SL = 0) breaks that, loss_k
 * is raised to the one before (a running maximum), so the cost stays convex and
 * a deep hole always costs more per agent than a shallow one.
 */
import type { QueueConfig } from '../config';
import type { VolumeOutcome } from '../domain';
import { evaluateStaffing, sizeStaffing } from './model';
import { queueParameters } from './requirements';

/** Inquiries not answered within the target time with `agents` productive agents. */
export function lostInquiries(queue: QueueConfig, inquiries: number, agents: number): number {
  if (!(inquiries > 0)) return 0;
  const perf = evaluateStaffing(queueParameters(queue, inquiries), agents, queue.target.answerSeconds);
  return inquiries * (1 - Math.min(1, Math.max(0, perf.serviceLevel)));
}

/**
 * The least productive agents whose service level reaches `floor` (0 when the
 * hour has no inquiries or the floor is 0).
 */
export function floorAgents(queue: QueueConfig, inquiries: number, floor: number): number {
  if (!(inquiries > 0) || floor <= 0) return 0;
  return sizeStaffing(queueParameters(queue, inquiries), { serviceLevel: floor, answerSeconds: queue.target.answerSeconds, maxOccupancy: 1 }).agents;
}

/**
 * Marginal losses around the requirement R, in inquiries per hour per agent:
 * `below[k]` for the (k+1)-th agent missing below R (nondecreasing in k) and
 * `above[k]` for the (k+1)-th agent added above R (nonincreasing in k, never
 * more than below[0]). Together they are the slopes of a convex loss curve.
 * `above` stops at `aboveCount` agents or where an agent saves less than
 * `minAbove` inquiries. `atRequired` is lost(R).
 */
export function marginalLosses(queue: QueueConfig, inquiries: number, required: number, belowCount: number, aboveCount = 0, minAbove = 0): MarginalLosses {
  if (!(inquiries > 0)) return { atRequired: 0, below: [], above: [] };
  return slopesOf((agents) => lostInquiries(queue, inquiries, agents), required, belowCount, aboveCount, minAbove);
}

/**
 * The same slopes for the expected loss over an hour's possible volumes
 * (staffing/hedge.ts): lost(n) = sum over outcomes of weight x lost(n, inquiries).
 * A mix of convex curves is convex, so the slopes keep their order. Above R
 * each slope spans `aboveWidth` agents (the chord of the curve over them, so
 * a few pieces reach across a wide band and the curve stays convex).
 */
export function expectedMarginalLosses(queue: QueueConfig, outcomes: readonly VolumeOutcome[], required: number, belowCount: number, aboveCount = 0, minAbove = 0, aboveWidth = 1): MarginalLosses {
  const live = outcomes.filter((o) => o.inquiries > 0 && o.weight > 0);
  if (live.length === 0) return { atRequired: 0, below: [], above: [] };
  return slopesOf((agents) => live.reduce((sum, o) => sum + o.weight * lostInquiries(queue, o.inquiries, agents), 0), required, belowCount, aboveCount, minAbove, aboveWidth);
}

export interface MarginalLosses {
  atRequired: number;
  below: number[];
  above: number[];
}

function slopesOf(lostAt: (agents: number) => number, required: number, belowCount: number, aboveCount: number, minAbove: number, aboveWidth = 1): MarginalLosses {
  const below: number[] = [];
  const above: number[] = [];
  const atRequired = lostAt(required);
  let prevLost = atRequired;
  let slope = 0;
  for (let k = 1; k <= belowCount && required - k >= 0; k++) {
    const lost = lostAt(required - k);
    slope = Math.max(slope, lost - prevLost);
    below.push(slope);
    prevLost = lost;
  }
  prevLost = atRequired;
  let cap = below[0] ?? Infinity;
  for (let k = 1; k <= aboveCount; k++) {
    const lost = lostAt(required + k * aboveWidth);
    const saved = Math.min(cap, Math.max(0, prevLost - lost) / aboveWidth);
    if (saved < minAbove || saved <= 0) break;
    above.push(saved);
    cap = saved;
    prevLost = lost;
  }
  return { atRequired, below, above };
}
