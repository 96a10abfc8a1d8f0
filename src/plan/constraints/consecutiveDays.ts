/**
 * "Nobody works more than `roster.maxConsecutiveDays` (6) days in a row" —
 * aggregate form. Each person works at most maxConsecutiveDays of any
 * maxConsecutiveDays + 1 consecutive dates, so for each pool whose people are
 * counted (in-house: its agents; a vendor with a seat count: seats_v) and each
 * such window W:
 *
 *   sum over d in W of agents starting on d  <=  maxConsecutiveDays x people
 *
 * For vendors this also makes the seats paid for enough for a seat roster in
 * which no seat works 7 days running (seats >= agent-days of W / 6).
 */
import { agentsOnDay, type PlanContext } from '../model';
import { inhousePeople } from './inhouseAvailability';

export function addConsecutiveDays(ctx: PlanContext): void {
  const maxRun = ctx.config.roster.maxConsecutiveDays;
  const { dates } = ctx.horizon;
  const length = maxRun + 1;
  if (length > dates.length) return;
  ctx.pools.forEach((pool, p) => {
    const seats = ctx.seats[p] ?? -1;
    if (pool.kind === 'vendor' && seats < 0) return;
    for (let first = 0; first + length <= dates.length; first++) {
      const vars: number[] = [];
      for (let d = first; d < first + length; d++) for (const a of agentsOnDay(ctx, p, d)) if (!a.surge) vars.push(a.variable);
      if (vars.length === 0) continue;
      const name = `consecutiveDays[${pool.name},${dates[first]}..${dates[first + length - 1]}]`;
      if (pool.kind === 'inhouse') {
        const people = inhousePeople(ctx, p);
        if (Number.isFinite(people)) ctx.builder.addConstraint(name, vars, vars.map(() => 1), '<=', maxRun * people);
      }
      else ctx.builder.addConstraint(name, [...vars, seats], [...vars.map(() => 1), -maxRun], '<=', 0);
    }
  });
}
