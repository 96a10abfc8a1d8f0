/**
 * "No more in-house agents on a day than are present, and on a shift than may work it."
 *
 * Only with `PlanOptions.inhouseCapacity` (what the named agents of the agents
 * file can staff; built by `inhouseCapacity` in src/roster). For each in-house
 * pool p with a capacity entry:
 *   per date d:            sum of agents_a starting on d                 <= agents present on d
 *   per date d, shift s:   sum of agents_a of shift s starting on d      <= agents present and allowed s on d
 *   per date d, start t:   sum of agents_a starting on d at clock t      <= byStart[t] (0 for clocks not listed; only with byStart)
 *   per date d:            sum of agents_a starting on d working an hour 00:00-06:00 (overtime included)
 *                                                                        <= agents present with night_ok
 *   per 7-day window W:    sum over d in W of agents_a starting on d     <= agent-days the agents can give in W
 *   per window W, shift s: the same over shift s                         <= agent-days of the agents allowed s
 *   per window W:          the same over starts working 00:00-06:00      <= agent-days of the agents with night_ok
 * A date or window the capacity does not list is left to the pool's own rules.
 */
import { agentsOnDay, type AgentVar, type PlanContext } from '../model';

export interface DayCapacity {
  date: string;
  /** Agents of the pool not on leave. */
  agents: number;
  /** Agents present on this date or the next (bounds the rest rule across the two). */
  presentTwoDays?: number;
  /** Shift name → agents who may work it that day (night_ok and shift lists applied). */
  byShift: Record<string, number>;
  /** Agents present with night_ok: the most that may work any hour 00:00-06:00 that day (absent: no limit). */
  nightOk?: number;
  /**
   * Start (`startKey`: clock and overtime hours) → most agents starting then; when
   * given, no other start is allowed that day (a re-plan held to a roster that was filled).
   */
  byStart?: Record<string, number>;
}

export interface WindowCapacity {
  /** First and last date of the 7-day window (clipped to the horizon). */
  start: string;
  end: string;
  agentDays: number;
  /** Shift name → agent-days the agents allowed that shift can give in the window. */
  byShift?: Record<string, number>;
  /** Agent-days the agents with night_ok can give in the window (absent: no limit). */
  nightOk?: number;
}

/** What the named agents of one in-house pool can staff. */
export interface PoolCapacity {
  pool: string;
  /** Named agents of the pool (the most that can work any two days together). */
  members: number;
  days: DayCapacity[];
  windows: WindowCapacity[];
}

export function addInhouseAvailability(ctx: PlanContext): void {
  const { dates } = ctx.horizon;
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  ctx.pools.forEach((pool, p) => {
    const cap = ctx.capacity.get(p);
    if (pool.kind !== 'inhouse' || !cap || ctx.skip.has('agentAvailability')) return;
    for (const day of cap.days) {
      const d = dayIndex.get(day.date);
      if (d === undefined) continue;
      const all = agentsOnDay(ctx, p, d);
      const vars = all.map((a) => a.variable);
      if (vars.length === 0) continue;
      if (!ctx.skip.has('agentAvailability')) {
        ctx.builder.addConstraint(`present[${pool.name},${day.date}]`, vars, vars.map(() => 1), '<=', day.agents);
      }
      for (const [shift, allowed] of Object.entries(day.byShift)) {
        const mine = all.filter((a) => a.start.shift.name === shift).map((a) => a.variable);
        if (mine.length === 0 || ctx.skip.has('agentAvailability')) continue;
        ctx.builder.addConstraint(`allowedShift[${pool.name},${day.date},${shift}]`, mine, mine.map(() => 1), '<=', allowed);
      }
      if (day.nightOk !== undefined) {
        const night = all.filter((a) => a.start.reachesNight).map((a) => a.variable);
        if (night.length > 0) ctx.builder.addConstraint(`nightOk[${pool.name},${day.date}]`, night, night.map(() => 1), '<=', day.nightOk);
      }
      if (day.byStart && !ctx.skip.has('agentAvailability')) {
        const clocks = new Map<string, number[]>();
        for (const a of all) {
          const key = startKey(startClock(a), a.start.overtimeHours);
          clocks.set(key, [...(clocks.get(key) ?? []), a.variable]);
        }
        for (const [clock, list] of clocks) {
          ctx.builder.addConstraint(`allowedStart[${pool.name},${day.date},${clock}]`, list, list.map(() => 1), '<=', day.byStart[clock] ?? 0);
        }
      }
    }
    for (const w of cap.windows) {
      const inWindow: AgentVar[] = [];
      for (const [date, d] of dayIndex) if (date >= w.start && date <= w.end) inWindow.push(...agentsOnDay(ctx, p, d));
      if (inWindow.length === 0) continue;
      const vars = inWindow.map((a) => a.variable);
      ctx.builder.addConstraint(`agentDays[${pool.name},${w.start}..${w.end}]`, vars, vars.map(() => 1), '<=', w.agentDays);
      if (w.nightOk !== undefined && w.nightOk < w.agentDays) {
        const night = inWindow.filter((a) => a.start.reachesNight).map((a) => a.variable);
        if (night.length > 0) ctx.builder.addConstraint(`agentDays[${pool.name},${w.start}..${w.end},night]`, night, night.map(() => 1), '<=', w.nightOk);
      }
      for (const [shift, limit] of Object.entries(w.byShift ?? {})) {
        if (limit >= w.agentDays) continue;
        const mine = inWindow.filter((a) => a.start.shift.name === shift).map((a) => a.variable);
        if (mine.length > 0) ctx.builder.addConstraint(`agentDays[${pool.name},${w.start}..${w.end},${shift}]`, mine, mine.map(() => 1), '<=', limit);
      }
    }
  });
}

/** Key of a start in `DayCapacity.byStart`: `HH:MM`, with `+N` for N hours of overtime. */
export function startKey(clock: string, overtimeHours = 0): string {
  return overtimeHours > 0 ? `${clock}+${overtimeHours}` : clock;
}

/** Local start clock `HH:MM` of an agent variable's shift. */
export function startClock(a: AgentVar): string {
  const h = ((a.start.startHour % 24) + 24) % 24;
  return `${String(h).padStart(2, '0')}:${String(a.start.startMinute).padStart(2, '0')}`;
}

/**
 * Most distinct agents of pool p that can work on model day d or the next:
 * headcount, or fewer named agents, or fewer present on either day.
 */
export function inhousePeople(ctx: PlanContext, p: number, d?: number): number {
  const pool = ctx.pools[p];
  if (!pool || pool.kind !== 'inhouse') return 0;
  const cap = ctx.capacity.get(p);
  // A diagnosis that lifts the pools' capacity counts the people as unlimited (the rules they bound are left out).
  if (ctx.skip.has('poolCapacity')) return Infinity;
  let people = cap && !ctx.skip.has('agentAvailability') ? Math.min(pool.headcount, cap.members) : pool.headcount;
  const date = d === undefined ? undefined : ctx.horizon.dates[d];
  const twoDays = date === undefined ? undefined : cap?.days.find((x) => x.date === date)?.presentTwoDays;
  if (twoDays !== undefined && !ctx.skip.has('agentAvailability')) people = Math.min(people, twoDays);
  return people;
}
