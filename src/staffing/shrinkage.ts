/**
 * Shrinkage and productivity: the queue models size productive agents (on the
 * queue, ready to answer). Breaks, training and meetings take a share
 * `shrinkage` of scheduled time, and a pool's agents may be less productive
 * than in-house ones. Requirements keep the productive figure; the planner
 * covers it with scheduled × (1 − shrinkage) × productivity, so rounding happens
 * once, in the integer plan.
 */

/** Scheduled agents needed for `productive` productive agents (fractional). */
export function scheduledForProductive(productive: number, shrinkage: number, productivity = 1): number {
  return productive / ((1 - shrinkage) * productivity);
}

/** Productive agents that `scheduled` scheduled agents yield. */
export function productiveFromScheduled(scheduled: number, shrinkage: number, productivity = 1): number {
  return scheduled * (1 - shrinkage) * productivity;
}
