/** Inputs and outputs shared by the queue models (Erlang C, Erlang A). */

/** One queue in one interval. */
export interface QueueParameters {
  /** Mean arrival rate, inquiries per second. */
  arrivalsPerSecond: number;
  /** Mean handling time of one inquiry (one session for chat), seconds. */
  ahtSeconds: number;
  /** Sessions one agent handles at once (1 = phone). */
  concurrency: number;
  /** Mean patience before abandoning (exponential); set → Erlang A, unset → Erlang C. */
  patienceSeconds?: number;
}

/**
 * How the service level counts:
 * - `offered` (default, the common contact-centre definition): answered within
 *   T seconds / all offered inquiries; an abandoned inquiry counts as not
 *   answered in time.
 * - `answered`: answered within T / answered (abandoned inquiries left out).
 * The two agree in Erlang C, where nobody abandons.
 */
export type ServiceLevelBasis = 'offered' | 'answered';

export interface StaffingTargets {
  /** Share of inquiries answered within `answerSeconds`, e.g. 0.8. */
  serviceLevel: number;
  answerSeconds: number;
  /** Cap on occupancy (share of session slots busy), 1 = no cap. */
  maxOccupancy: number;
  /** Cap on the abandon rate (Erlang A only). */
  maxAbandonRate?: number;
  serviceLevelBasis?: ServiceLevelBasis;
}

/** Performance of a queue at a given number of agents. */
export interface QueuePerformance {
  model: 'erlangC' | 'erlangA';
  agents: number;
  /** Offered load in Erlangs (session slots busy if nobody abandoned). */
  offeredLoadErlangs: number;
  /** Probability an arriving inquiry finds every slot busy and waits. */
  waitProbability: number;
  /** Share answered within the answer time (see ServiceLevelBasis). */
  serviceLevel: number;
  /** Average speed of answer: mean wait of answered inquiries, seconds (Infinity when unstable). */
  asaSeconds: number;
  /** Mean wait over all offered inquiries, abandoned ones up to when they left, seconds. */
  averageWaitSeconds: number;
  /** Share of session slots busy (carried load / slots), at most 1. */
  occupancy: number;
  /** Share of offered inquiries that abandon; null for Erlang C. */
  abandonRate: number | null;
  /** False when Erlang C load is at or above capacity (the queue grows without bound). */
  stable: boolean;
}
