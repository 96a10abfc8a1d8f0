/**
 * "Nobody works more than `overtime.maxHoursPerWeek` overtime hours in any 7 days" —
 * aggregate form, so a roster can give every extension to someone within the cap.
 *
 * For each in-house pool with overtime and each window W of 7 consecutive dates
 * (all dates when the plan is shorter):
 *
 *   sum over agent variables a starting in W of overtimeHours_a x agents_a  <=  maxHoursPerWeek x people
 */
import { agentsOnDay, type PlanContext } from '../model';
import { inhousePeople } from './inhouseAvailability';

export function addOvertimeCap(ctx: PlanContext): void {
  const { dates } = ctx.horizon;
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'inhouse' || !pool.overtime) return;
    const length = Math.min(7, dates.length);
    for (let first = 0; first + length <= dates.length; first++) {
      const vars: number[] = [];
      const coefs: number[] = [];
      for (let d = first; d < first + length; d++) {
        for (const a of agentsOnDay(ctx, p, d)) {
          if (a.start.overtimeHours <= 0) continue;
          vars.push(a.variable);
          coefs.push(a.start.overtimeHours);
        }
      }
      const people = inhousePeople(ctx, p);
      if (vars.length === 0 || !Number.isFinite(people)) continue;
      ctx.builder.addConstraint(`overtimeCap[${pool.name},${dates[first]}..${dates[first + length - 1]}]`, vars, coefs, '<=', pool.overtime.maxHoursPerWeek * people);
    }
  });
}
