/**
 * "Plan no more in-house shifts than the named agents can work" (`plan --agents`).
 *
 * The roster stage turns the agents file into limits per in-house pool
 * (`inhouseCapacity` / `tightenCapacity` in src/roster/capacity.ts); for each
 * pool with limits, each date d and 7-day window W:
 *   sum of agents starting on d                 <=  agents present on d (not on leave)
 *   sum of agents starting shift s on d         <=  agents allowed shift s on d
 *   sum over d in W of agents starting on d     <=  agent-days the agents can give in W
 * and the rest rule in aggregate form: nobody works a shift on d that ends at
 * or after e and one on d+1 that starts before e + roster.minRestHours, so for
 * every end time e of a shift starting on d
 *   agents on d ending at or after e + agents on d+1 starting before e + rest  <=  agents of the pool
 * Dates without limits (the evening before the horizon) are left alone.
 */
import { agentsOnDay, type AgentVar, type PlanContext } from '../model';

/** Limits of one in-house pool from its named agents (same shape as the roster's PoolCapacity). */
export interface PoolAvailability {
  pool: string;
  /** Named agents of the pool. */
  members: number;
  days: ReadonlyArray<{ date: string; agents: number; byShift: Readonly<Record<string, number>> }>;
  windows: ReadonlyArray<{ start: string; end: string; agentDays: number }>;
}

export function addAgentAvailability(ctx: PlanContext, availability: readonly PoolAvailability[]): void {
  const { dates } = ctx.horizon;
  for (const limits of availability) {
    const p = ctx.pools.findIndex((pool) => pool.name === limits.pool && pool.kind === 'inhouse');
    if (p < 0) continue;
    const byDate = new Map(limits.days.map((day) => [day.date, day]));
    dates.forEach((date, d) => {
      const day = byDate.get(date);
      if (!day) return;
      const on = agentsOnDay(ctx, p, d);
      ctx.builder.addConstraint(`available[${limits.pool},${date}]`, on.map((a) => a.variable), on.map(() => 1), '<=', day.agents);
      for (const [shift, count] of Object.entries(day.byShift)) {
        const vars = on.filter((a) => a.start.shift.name === shift).map((a) => a.variable);
        if (vars.length > 0) ctx.builder.addConstraint(`available[${limits.pool},${date},${shift}]`, vars, vars.map(() => 1), '<=', count);
      }
    });
    for (const w of limits.windows) {
      const vars: number[] = [];
      dates.forEach((date, d) => {
        if (date >= w.start && date <= w.end) for (const a of agentsOnDay(ctx, p, d)) vars.push(a.variable);
      });
      if (vars.length > 0) ctx.builder.addConstraint(`availableDays[${limits.pool},${w.start}..${w.end}]`, vars, vars.map(() => 1), '<=', w.agentDays);
    }
    addRest(ctx, p, limits.members, byDate);
  }
}

const startMinute = (a: AgentVar): number => a.start.startHour * 60 + a.start.startMinute;
const endMinute = (a: AgentVar): number => startMinute(a) + a.start.shift.hours * 60;

function addRest(ctx: PlanContext, p: number, members: number, byDate: ReadonlyMap<string, { agents: number }>): void {
  const rest = ctx.config.roster.minRestHours * 60;
  const { dates } = ctx.horizon;
  for (let d = 0; d + 1 < dates.length; d++) {
    const first = byDate.get(dates[d] as string);
    const second = byDate.get(dates[d + 1] as string);
    if (!first || !second) continue;
    // Agents who can work either day: at most the pool, at most those present on one day or the other.
    const people = Math.min(members, first.agents + second.agents);
    const today = agentsOnDay(ctx, p, d);
    const tomorrow = agentsOnDay(ctx, p, d + 1);
    for (const end of [...new Set(today.map(endMinute))].sort((a, b) => a - b)) {
      const late = today.filter((a) => endMinute(a) >= end);
      const early = tomorrow.filter((b) => startMinute(b) < end + rest);
      if (early.length === 0) continue;
      const vars = [...late, ...early].map((a) => a.variable);
      ctx.builder.addConstraint(`rest[${ctx.pools[p]?.name ?? p},${dates[d]},${end}]`, vars, vars.map(() => 1), '<=', people);
    }
  }
}
