/**
 * "Never fewer than `minAgentsPerHour` agents on the floor, even when it is quiet."
 *
 * For each horizon hour h:  sum over agents a on shift at h of agents_a, less those
 * on a break (the share of the hour it takes) >= minAgentsPerHour (scheduled
 * agents, before shrinkage).
 */
import { hourKey } from '../horizon';
import type { PlanContext } from '../model';

export function addMinimumAgentsPerHour(ctx: PlanContext): void {
  const min = ctx.config.minAgentsPerHour;
  if (min <= 0) return;
  for (let h = 0; h < ctx.horizon.hours; h++) {
    const terms = ctx.terms[h] ?? [];
    ctx.rowHour.set(ctx.builder.addConstraint(`minimumAgents[${hourKey(ctx.horizon, h)}]`, terms.map((t) => t.variable), terms.map((t) => t.weight), '>=', min), h);
  }
}
