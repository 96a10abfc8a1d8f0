/**
 * The productivity ramp: how much of a full-speed agent's work an agent still
 * ramping up does, from their hire date.
 *
 * An agent in ramp step k handles one session in ahtMultiplier_k x AHT and at
 * most min(concurrency_k, c_q) sessions at once, where c_q is the queue's
 * concurrency. In the queue models (staffing/concurrency.ts) an agent at
 * concurrency c is c servers, each serving at rate 1/AHT; so the ramping agent
 * is min(concurrency_k, c_q) servers at rate 1/(ahtMultiplier_k x AHT), a
 * service capacity of
 *
 *   share_k,q = (1 / ahtMultiplier_k) x min(concurrency_k, c_q) / c_q
 *
 * full-speed agents (a chat agent at AHT x1.5 and 2 sessions instead of 3:
 * (1/1.5) x (2/3) = 0.444). The plan counts such an agent as share_k,q of an
 * agent ("capacity equivalence"). Exact for the offered load an agent can
 * carry; the queue's pooling effect differs a little (fewer fast servers wait
 * less than more slow ones at the same capacity), see docs/capacity.md and
 * test/capacity/ramp.test.ts for the measured error. A pool serving several
 * queues gets one share: the queues' shares weighted by the productive
 * agent-hours each queue requires.
 */
import type { CapacityConfig, Config, QueueConfig, RampStepConfig } from '../config';
import { dayNumber, type Requirement } from '../domain';

/** share_k,q of one ramp step on one queue (formula above). */
export function stepShareOnQueue(step: Pick<RampStepConfig, 'ahtMultiplier' | 'concurrency'>, queue: Pick<QueueConfig, 'concurrency'>): number {
  const sessions = Math.min(step.concurrency ?? queue.concurrency, queue.concurrency);
  return sessions / queue.concurrency / step.ahtMultiplier;
}

/**
 * Weight of each config queue for a pool: the productive agent-hours the
 * requirement asks of it, over the queues the pool serves (equal weights when
 * nothing is required).
 */
export function queueWeights(config: Pick<Config, 'queues'>, requirement: Requirement | null, servedQueues?: readonly string[]): Map<string, number> {
  const served = config.queues.filter((q) => !servedQueues || servedQueues.includes(q.name));
  const hours = served.map((q) => requirement?.queues.find((r) => r.name === q.name)?.cells.reduce((s, c) => s + c.agents, 0) ?? 0);
  const total = hours.reduce((a, b) => a + b, 0);
  return new Map(served.map((q, i) => [q.name, total > 0 ? (hours[i] as number) / total : 1 / served.length]));
}

/** Productive share of each ramp step, weighted over the queues. */
export function rampShares(capacity: Pick<CapacityConfig, 'ramp'>, queues: readonly QueueConfig[], weights: ReadonlyMap<string, number>): number[] {
  return capacity.ramp.map((step) => queues.reduce((sum, q) => sum + (weights.get(q.name) ?? 0) * stepShareOnQueue(step, q), 0));
}

/** First day an agent hired on `hired` takes inquiries: after trainingWeeks of training. */
export function goLiveDate(hired: string, trainingWeeks: number): number {
  return dayNumber(hired) + 7 * trainingWeeks;
}

/**
 * Productive share on `date` of an agent hired on `hired`: 0 before the hire
 * and in training, then the ramp step's share (`shares`, per step), 1 after
 * the last step.
 */
export function shareOn(hired: string, date: string, capacity: Pick<CapacityConfig, 'ramp' | 'trainingWeeks'>, shares: readonly number[]): number {
  const day = dayNumber(date) - goLiveDate(hired, capacity.trainingWeeks);
  if (day < 0) return 0;
  let week = Math.floor(day / 7);
  for (let k = 0; k < capacity.ramp.length; k++) {
    const step = capacity.ramp[k] as RampStepConfig;
    if (week < step.weeks) return shares[k] ?? 1;
    week -= step.weeks;
  }
  return 1;
}

/** In training (or not yet hired) on `date`. */
export function inTraining(hired: string, date: string, trainingWeeks: number): boolean {
  return dayNumber(date) < goLiveDate(hired, trainingWeeks);
}

/** Weeks from go-live to full speed. */
export function rampWeeks(capacity: Pick<CapacityConfig, 'ramp'>): number {
  return capacity.ramp.reduce((s, step) => s + step.weeks, 0);
}
