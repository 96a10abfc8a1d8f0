/**
 * "Vendors carry between `outsourcing.min` and `outsourcing.max` of the
 * productive agent-hours, over the horizon, each week or each day
 * (`outsourcing.scope`); a vendor with `minShare`/`maxShare` stays within its own band."
 *
 * Productive agent-hours of an agent variable in period P:
 *   c_a,P = agents_a x (1 - shrinkage) x productivity x (shift hours of a inside P),
 * less the break hours inside P (the break choices' terms, see FloorTerm).
 * With V_P the vendors' and T_P everybody's hours in P, linear (no division):
 *   V_P - min x T_P >= 0   and   V_P - max x T_P <= 0
 * and for a vendor v with its own band: V_v,P - minShare x T_P >= 0, V_v,P - maxShare x T_P <= 0.
 * Weeks are 7-day blocks counted from the horizon's first date (the last may be shorter).
 * A band narrower than 1 point (min = max = 0.5) is held as 1 point wide around
 * its centre (`effectiveBand`): whole agents cannot hit an exact share.
 */
import type { Horizon } from '../horizon';
import type { PlanContext } from '../model';

export interface ScopePeriod {
  /** First and last date of the period. */
  start: string;
  end: string;
  /** Horizon hours [from, to). */
  fromHour: number;
  toHour: number;
}

export function scopePeriods(horizon: Horizon, scope: 'horizon' | 'week' | 'day'): ScopePeriod[] {
  const days = horizon.hours / 24;
  const span = scope === 'horizon' ? days : scope === 'week' ? 7 : 1;
  const horizonDates = horizon.dates.slice(horizon.firstHorizonDay);
  const out: ScopePeriod[] = [];
  for (let first = 0; first < days; first += span) {
    const last = Math.min(days, first + span) - 1;
    out.push({ start: horizonDates[first] as string, end: horizonDates[last] as string, fromHour: first * 24, toHour: (last + 1) * 24 });
  }
  return out;
}

/** Productive agent-hours coefficient of each variable (agents and break choices) in period P, with its agent variable's index. */
function periodHours(ctx: PlanContext, period: ScopePeriod): Array<{ index: number; variable: number; hours: number }> {
  const byVariable = new Map<number, { index: number; variable: number; hours: number }>();
  for (let h = period.fromHour; h < period.toHour; h++) {
    for (const t of ctx.terms[h] ?? []) {
      const a = ctx.agents[t.agent];
      if (!a) continue;
      const entry = byVariable.get(t.variable) ?? { index: t.agent, variable: t.variable, hours: 0 };
      entry.hours += t.weight * a.productive;
      byVariable.set(t.variable, entry);
    }
  }
  return [...byVariable.values()].filter((e) => Math.abs(e.hours) > 1e-12);
}

/** Narrowest band the plan is held to, as a share: whole agents cannot hit an exact share. */
export const MIN_BAND_WIDTH = 0.01;

/**
 * The band the plan holds: the configured one, or, when it is narrower than
 * MIN_BAND_WIDTH (a "50/50" ratio), that width centred on it and clipped to 0..1.
 */
export function effectiveBand(min: number, max: number): { min: number; max: number } {
  if (max - min >= MIN_BAND_WIDTH) return { min, max };
  const centre = (min + max) / 2;
  return { min: Math.max(0, centre - MIN_BAND_WIDTH / 2), max: Math.min(1, centre + MIN_BAND_WIDTH / 2) };
}

export function addOutsourcingRatio(ctx: PlanContext): void {
  const { config, builder, pools } = ctx;
  const { scope } = config.outsourcing;
  const { min, max } = config.outsourcing.min > 0 || config.outsourcing.max < 1 ? effectiveBand(config.outsourcing.min, config.outsourcing.max) : config.outsourcing;
  const shares = pools.map((p) => (p.kind === 'vendor' ? { min: p.minShare ?? 0, max: p.maxShare ?? 1 } : undefined));
  const needBand = (min > 0 || max < 1) && !ctx.skip.has('outsourcingRatio');
  const needShares = shares.some((s) => s && (s.min > 0 || s.max < 1)) && !ctx.skip.has('vendorShare');
  if (!needBand && !needShares) return;
  for (const period of scopePeriods(ctx.horizon, scope)) {
    const terms = periodHours(ctx, period);
    const vars = terms.map((t) => t.variable);
    const isVendor = terms.map((t) => (pools[(ctx.agents[t.index] as { pool: number }).pool]?.kind === 'vendor' ? 1 : 0));
    const label = period.start === period.end ? period.start : `${period.start}..${period.end}`;
    if (needBand && min > 0) {
      builder.addConstraint(`outsourcingMin[${label}]`, vars, terms.map((t, k) => t.hours * ((isVendor[k] as number) - min)), '>=', 0);
    }
    if (needBand && max < 1) {
      builder.addConstraint(`outsourcingMax[${label}]`, vars, terms.map((t, k) => t.hours * ((isVendor[k] as number) - max)), '<=', 0);
    }
    if (!needShares) continue;
    shares.forEach((share, v) => {
      if (!share) return;
      const mine = terms.map((t) => ((ctx.agents[t.index] as { pool: number }).pool === v ? 1 : 0));
      const name = pools[v]?.name ?? '';
      if (share.min > 0) builder.addConstraint(`vendorShareMin[${name},${label}]`, vars, terms.map((t, k) => t.hours * ((mine[k] as number) - share.min)), '>=', 0);
      if (share.max < 1) builder.addConstraint(`vendorShareMax[${name},${label}]`, vars, terms.map((t, k) => t.hours * ((mine[k] as number) - share.max)), '<=', 0);
    });
  }
}
