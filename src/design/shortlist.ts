/**
 * The shortlist: a small covering model that narrows the hundreds of candidate
 * shifts down to a few before the full plan model chooses the menu. Per
 * candidate start and pool, a continuous number of agents; per horizon hour,
 * productive agents (breaks spread evenly over their window) cover the summed
 * requirement of every queue or pay a shortage price; the pools' daily caps and
 * the outsourcing band hold; at most `maxTypes` candidate shifts are used
 * (binaries). Pay per agent-shift is the planner's own (plan/pricing.ts).
 * Overtime, surge seats, service floors and per-queue routing are left to the
 * full model.
 */
import type { Config } from '../config';
import type { Requirement } from '../domain';
import { agentShiftCost } from '../plan/pricing';
import { breakOverlap, buildHorizon } from '../plan/horizon';
import { MipBuilder, type MipOptions, type MipSolver } from '../plan';

export interface ShortlistOptions {
  maxTypes: number;
  solver: MipSolver;
  mipOptions: MipOptions;
}

/** Names of the shifts the covering model uses (at most maxTypes), best first by agent-shifts. */
export async function shortlist(config: Config, requirement: Requirement, start: string, end: string, options: ShortlistOptions): Promise<string[]> {
  const horizon = buildHorizon(config, requirement, start, end);
  const builder = new MipBuilder();
  const need = Array.from({ length: horizon.hours }, (_, h) => horizon.required.reduce((n, q) => n + (q[h] ?? 0), 0));
  const peak = Math.max(0, ...need);
  const shrink = 1 - config.shrinkage;
  const cover: Array<{ vars: number[]; coefs: number[] }> = need.map(() => ({ vars: [], coefs: [] }));
  const byShiftDay = new Map<string, number[]>();
  const byPoolDay = new Map<string, number[]>();
  const vendorHours: Array<{ variable: number; hours: number; vendor: boolean }> = [];
  let costPerProductiveHour = 0;
  for (const s of horizon.starts) {
    if (s.overtimeHours > 0) continue;
    config.pools.forEach((pool) => {
      if (pool.shifts && !pool.shifts.includes(s.shift.name)) return;
      if (pool.kind === 'vendor' && pool.availableFrom !== undefined && s.date < pool.availableFrom) return;
      const cost = agentShiftCost(pool, s);
      const productive = shrink * pool.productivity;
      costPerProductiveHour = Math.max(costPerProductiveHour, (cost.base + cost.nightPremium) / Math.max(1, s.paidHours * productive));
      const variable = builder.addVariable(`y[${s.date},${s.shift.name},+${s.offset},${pool.name}]`, { cost: cost.base + cost.nightPremium });
      let hoursIn = 0;
      s.coveredHours.forEach((h, k) => {
        const rel = s.coveredOffsets[k] as number;
        let weight = 1;
        for (const b of s.breaks) for (const at of b.starts) weight -= breakOverlap(at, b.minutes, rel) / b.starts.length;
        cover[h]?.vars.push(variable);
        cover[h]?.coefs.push(weight * productive);
        hoursIn += weight * productive;
      });
      vendorHours.push({ variable, hours: hoursIn, vendor: pool.kind === 'vendor' });
      const key = `${s.shift.name}|${s.date}`;
      byShiftDay.set(key, [...(byShiftDay.get(key) ?? []), variable]);
      const poolKey = `${pool.name}|${s.date}`;
      byPoolDay.set(poolKey, [...(byPoolDay.get(poolKey) ?? []), variable]);
    });
  }
  // A missing productive agent-hour costs three times the dearest one bought: cover it where any shift can.
  const shortPrice = 3 * Math.max(costPerProductiveHour, 1);
  need.forEach((r, h) => {
    if (r <= 0) return;
    const c = cover[h] as { vars: number[]; coefs: number[] };
    const short = builder.addVariable(`short[${h}]`, { cost: shortPrice });
    builder.addConstraint(`cover[${h}]`, [...c.vars, short], [...c.coefs, 1], '>=', r);
  });
  for (const pool of config.pools) {
    const cap = pool.kind === 'vendor' ? (pool.maxAgentsPerDay ?? Infinity) + (pool.surge?.maxAgentsPerDay ?? 0) : pool.headcount;
    for (const date of horizon.dates) {
      const vars = byPoolDay.get(`${pool.name}|${date}`) ?? [];
      if (vars.length > 0 && Number.isFinite(cap)) builder.addConstraint(`cap[${pool.name},${date}]`, vars, vars.map(() => 1), '<=', cap);
    }
  }
  const { min, max } = config.outsourcing;
  if (vendorHours.some((v) => v.vendor) && (min > 0 || max < 1)) {
    const vars = vendorHours.map((v) => v.variable);
    builder.addConstraint('outsourcedMin', vars, vendorHours.map((v) => (v.vendor ? 1 - min : -min) * v.hours), '>=', 0);
    builder.addConstraint('outsourcedMax', vars, vendorHours.map((v) => (v.vendor ? 1 - max : -max) * v.hours), '<=', 0);
  }
  // One start of one shift never needs more agents than the busiest hour, all from the least productive pool.
  const minProductive = Math.min(...config.pools.map((p) => shrink * p.productivity));
  const bigM = Math.ceil(peak / minProductive) + 1;
  const used = new Map<string, number>();
  for (const shift of config.shifts) used.set(shift.name, builder.addVariable(`used[${shift.name}]`, { upper: 1, integer: true, cost: 1 }));
  for (const [key, vars] of byShiftDay) {
    const u = used.get(key.split('|')[0] as string) as number;
    builder.addConstraint(`link[${key}]`, [...vars, u], [...vars.map(() => 1), -bigM], '<=', 0);
  }
  builder.addConstraint('maxTypes', [...used.values()], [...used.values()].map(() => 1), '<=', options.maxTypes);
  const model = builder.build();
  const result = await options.solver.solve(model, options.mipOptions);
  const agentShifts = new Map<string, number>();
  if (result.values.length > 0) {
    for (const [key, vars] of byShiftDay) {
      const name = key.split('|')[0] as string;
      agentShifts.set(name, (agentShifts.get(name) ?? 0) + vars.reduce((n, v) => n + (result.values[v] ?? 0), 0));
    }
  }
  return [...agentShifts.entries()]
    .filter(([name, n]) => n > 1e-6 && (result.values[used.get(name) as number] ?? 0) > 0.5)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name]) => name);
}
