/**
 * "Vendors carry between `outsourcing.min` and `outsourcing.max` of the
 * productive agent-hours, over the horizon, each week or each day
 * (`outsourcing.scope`); a vendor with `minShare`/`maxShare` stays within its own band."
 *
 * Productive agent-hours of an agent variable in period P:
 *   c_a,P = agents_a x (1 - shrinkage) x productivity x (shift hours of a inside P).
 * With V_P the vendors' and T_P everybody's hours in P, linear (no division):
 *   V_P - min x T_P >= 0   and   V_P - max x T_P <= 0
 * and for a vendor v with its own band: V_v,P - minShare x T_P >= 0, V_v,P - maxShare x T_P <= 0.
 * Weeks are 7-day blocks counted from the horizon's first date (the last may be shorter).
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

/** Productive agent-hours coefficient of each agent variable in period P (only non-zero ones). */
function periodHours(ctx: PlanContext, period: ScopePeriod): Array<{ index: number; hours: number }> {
  const out: Array<{ index: number; hours: number }> = [];
  ctx.agents.forEach((a, index) => {
    let n = 0;
    for (const h of a.start.coveredHours) if (h >= period.fromHour && h < period.toHour) n += 1;
    if (n > 0) out.push({ index, hours: n * a.productive });
  });
  return out;
}

export function addOutsourcingRatio(ctx: PlanContext): void {
  const { config, builder, pools } = ctx;
  const { min, max, scope } = config.outsourcing;
  const shares = pools.map((p) => (p.kind === 'vendor' ? { min: p.minShare ?? 0, max: p.maxShare ?? 1 } : undefined));
  const needBand = (min > 0 || max < 1) && !ctx.skip.has('outsourcingRatio');
  const needShares = shares.some((s) => s && (s.min > 0 || s.max < 1)) && !ctx.skip.has('vendorShare');
  if (!needBand && !needShares) return;
  for (const period of scopePeriods(ctx.horizon, scope)) {
    const terms = periodHours(ctx, period);
    const vars = terms.map((t) => (ctx.agents[t.index] as { variable: number }).variable);
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
