/**
 * "Never fewer than `minAgentsPerHour` agents on the floor, even when it is quiet."
 *
 * For each horizon hour h:  sum over agents a on shift at h of agents_a >= minAgentsPerHour
 * (scheduled agents, before shrinkage).
 */
import { hourKey } from '../horizon';
import type { PlanContext } from '../model';

export function addMinimumAgentsPerHour(ctx: PlanContext): void {
  const min = ctx.config.minAgentsPerHour;
  if (min <= 0) return;
  for (let h = 0; h < ctx.horizon.hours; h++) {
    const vars = (ctx.byHour[h] ?? []).map((i) => (ctx.agents[i] as { variable: number }).variable);
    ctx.builder.addConstraint(`minimumAgents[${hourKey(ctx.horizon, h)}]`, vars, vars.map(() => 1), '>=', min);
  }
}
