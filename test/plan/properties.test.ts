/**
 * Property test: 200 seeded random small instances. For every plan, every rule is
 * re-checked from the exported data alone (shift lines, coverage rows, summary),
 * independently of the model: coverage arithmetic, outsourcing share per scope
 * period, in-house headcount and 7-day limits, vendor capacity and availability,
 * the hourly floor, and cost totals = sum of line costs (+ fees, training, seats).
 */
import { parseConfig, type Config } from '../../src/config';
import { InfeasiblePlanError, addDays, createRng, dayNumber, hourNumber, type Requirement, type Rng } from '../../src/domain';
import { buildPlanModel, findViolations, planShifts, type PlanResult } from '../../src/plan';
import { makeRequirement } from './instances';

const START = '2026-06-15';

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function randomInstance(seed: number): { config: Config; requirement: Requirement; end: string } {
  const rng = createRng(seed);
  const days = 1 + Math.floor(rng() * 4);
  const queueNames = rng() < 0.6 ? ['presales'] : ['presales', 'aftersales'];
  const pools: Array<Record<string, unknown>> = [
    {
      name: 'team',
      kind: 'inhouse',
      headcount: 1 + Math.floor(rng() * 15),
      hourlyCost: 25 + Math.floor(rng() * 15),
      nightPremium: pick(rng, [0, 0.3]),
      maxDaysPerWeek: pick(rng, [5, 6]),
      shifts: pick(rng, [['day', 'middle'], ['day', 'middle', 'night']]),
      minAgentsPerDay: rng() < 0.2 ? 1 : 0,
      ...(queueNames.length > 1 && rng() < 0.3 ? { queues: ['presales'] } : {}),
    },
  ];
  const vendors = 1 + Math.floor(rng() * 3);
  for (let v = 0; v < vendors; v++) {
    const model = pick(rng, ['perHour', 'perSeatShift', 'perInquiry', 'fixedPlusHourly'] as const);
    const rate = model === 'perSeatShift' ? 200 + Math.floor(rng() * 80) : model === 'perInquiry' ? 1 + rng() * 3 : 24 + Math.floor(rng() * 10);
    pools.push({
      name: `v${v}`,
      kind: 'vendor',
      pricing: { model, rate, fixedFee: model === 'fixedPlusHourly' ? 500 : 0 },
      productivity: pick(rng, [0.8, 0.9, 1]),
      engagementFee: pick(rng, [0, 0, 800]),
      trainingDays: pick(rng, [0, 3]),
      ...(rng() < 0.4 ? { maxAgentsPerDay: 5 + Math.floor(rng() * 30) } : {}),
      ...(rng() < 0.2 ? { minAgentsPerDay: 2 } : {}),
      ...(v > 0 && rng() < 0.3 ? { availableFrom: addDays(START, 1) } : {}),
      ...(v > 0 && rng() < 0.2 ? { maxShare: 0.5 } : {}),
      ...(v > 0 && queueNames.length > 1 && rng() < 0.3 ? { queues: ['aftersales'] } : {}),
    });
  }
  const min = pick(rng, [0, 0, 0.3, 0.6]);
  const config = parseConfig({
    queues: queueNames.map((name) => ({ name, ahtSeconds: 200 + Math.floor(rng() * 200), concurrency: pick(rng, [1, 3]) })),
    shrinkage: pick(rng, [0, 0.25]),
    shifts: [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, startOffsets: pick(rng, [[0], [0, 1]]) },
      { name: 'middle', code: 'M', start: '13:00', hours: 9, paidHours: 8 },
      { name: 'night', code: 'N', start: '22:00', hours: 10, paidHours: 9 },
    ],
    pools,
    outsourcing: { min, max: pick(rng, [1, 1, Math.min(1, min + 0.2)]), scope: pick(rng, ['horizon', 'week', 'day'] as const) },
    minAgentsPerHour: rng() < 0.2 ? 1 : 0,
    understaffingPenalty: pick(rng, [200, 500]),
    solver: { mipRelGap: 0.001, mipAbsGap: 1, timeLimitSeconds: 1 },
  });
  const requirement = makeRequirement({ days, pools: 0, offsets: 1, seed, peak: 4 + Math.floor(rng() * 20), start: START }, queueNames);
  return { config, requirement, end: addDays(START, days - 1) };
}

const near = (a: number, b: number, tol = 1e-6): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Returns every broken rule found in the exported plan (empty when all hold). */
function auditPlan(config: Config, requirement: Requirement, end: string, plan: PlanResult): string[] {
  const problems: string[] = [];
  const fail = (what: string): void => {
    problems.push(what);
  };
  const first = hourNumber(`${START}T00:00`);
  const hours = (dayNumber(end) - dayNumber(START) + 1) * 24;
  const poolByName = new Map(config.pools.map((p) => [p.name, p]));
  const capacity = new Array<number>(hours).fill(0);
  const onFloor = new Array<number>(hours).fill(0);
  const perDay = new Map<string, number>();
  const periodOf = (h: number): number => {
    const day = Math.floor(h / 24);
    return config.outsourcing.scope === 'horizon' ? 0 : config.outsourcing.scope === 'week' ? Math.floor(day / 7) : day;
  };
  const vendorHours = new Map<number, number>();
  const allHours = new Map<number, number>();
  const lineCost = new Map<string, number>();

  for (const line of plan.lines) {
    const pool = poolByName.get(line.pool);
    if (!pool) {
      fail(`unknown pool ${line.pool}`);
      continue;
    }
    if (!Number.isInteger(line.agents) || line.agents <= 0) fail(`line agents ${line.agents}`);
    if (pool.shifts && !pool.shifts.includes(line.shift)) fail(`${pool.name} works ${line.shift}`);
    if (pool.kind === 'vendor' && pool.availableFrom && line.date < pool.availableFrom) fail(`${pool.name} works before availableFrom`);
    const shift = config.shifts.find((s) => s.name === line.shift);
    if (!shift) continue;
    const startHour = hourNumber(`${line.start.slice(0, 13)}:00`);
    if (hourNumber(`${line.end.slice(0, 13)}:00`) - startHour !== shift.hours) fail(`line ${line.start}-${line.end} is not ${shift.hours} h`);
    const productive = (1 - config.shrinkage) * pool.productivity;
    for (let k = 0; k < shift.hours; k++) {
      const h = startHour + k - first;
      if (h < 0 || h >= hours) continue;
      capacity[h] = (capacity[h] as number) + line.agents * productive;
      onFloor[h] = (onFloor[h] as number) + line.agents;
      const period = periodOf(h);
      allHours.set(period, (allHours.get(period) ?? 0) + line.agents * productive);
      if (pool.kind === 'vendor') vendorHours.set(period, (vendorHours.get(period) ?? 0) + line.agents * productive);
    }
    const key = `${pool.name}|${line.date}`;
    perDay.set(key, (perDay.get(key) ?? 0) + line.agents);
    lineCost.set(pool.name, (lineCost.get(pool.name) ?? 0) + line.cost);
    // Line cost from the price list (perInquiry lines carry their share of the inquiry bill instead).
    const paid = shift.paidHours ?? shift.hours;
    if (pool.kind === 'inhouse') {
      let night = 0;
      for (let k = 0; k < shift.hours; k++) {
        const hod = (startHour + k) % 24;
        if (hod >= 22 || hod < 6) night += 1;
      }
      const expected = line.agents * pool.hourlyCost * paid * (1 + (pool.nightPremium * night) / shift.hours);
      if (!near(line.cost, expected)) fail(`in-house line cost ${line.cost} != ${expected}`);
    } else if (pool.pricing.model === 'perSeatShift') {
      if (!near(line.cost, line.agents * pool.pricing.rate)) fail(`seat-shift line cost ${line.cost}`);
    } else if (pool.pricing.model !== 'perInquiry') {
      if (!near(line.cost, line.agents * pool.pricing.rate * paid)) fail(`hourly line cost ${line.cost}`);
    }
  }

  // Coverage arithmetic.
  const nq = requirement.queues.length;
  const rowsByHour = new Map<string, typeof plan.coverage>();
  for (const row of plan.coverage) rowsByHour.set(row.timestamp, [...(rowsByHour.get(row.timestamp) ?? []), row]);
  if (rowsByHour.size !== hours) fail(`coverage has ${rowsByHour.size} hours, expected ${hours}`);
  let shortSum = 0;
  for (let h = 0; h < hours; h++) {
    const ts = `${new Date((first + h) * 3_600_000).toISOString().slice(0, 13)}:00`;
    const rows = rowsByHour.get(ts) ?? [];
    const queueRows = rows.filter((r) => r.queue !== 'all');
    if (queueRows.length !== nq) fail(`${ts}: ${queueRows.length} queue rows`);
    let total = 0;
    queueRows.forEach((row, q) => {
      const req = requirement.queues[q]?.cells[h]?.agents ?? 0;
      if (row.required !== req) fail(`${ts} ${row.queue}: required ${row.required} != ${req}`);
      if (!near(row.shortfall, Math.max(0, req - row.scheduled))) fail(`${ts} ${row.queue}: shortfall ${row.shortfall}`);
      if (!near(row.surplus, Math.max(0, row.scheduled - req))) fail(`${ts} ${row.queue}: surplus ${row.surplus}`);
      total += row.scheduled;
      shortSum += row.shortfall;
    });
    if (!near(total, capacity[h] as number)) fail(`${ts}: queues scheduled ${total} != lines ${capacity[h]}`);
    if (nq > 1) {
      const all = rows.find((r) => r.queue === 'all');
      if (!all || !near(all.scheduled, capacity[h] as number)) fail(`${ts}: all row scheduled`);
    }
    if ((onFloor[h] as number) < config.minAgentsPerHour) fail(`${ts}: ${onFloor[h]} agents < minAgentsPerHour`);
  }
  if (!near(shortSum, plan.summary.shortfall.agentHours)) fail(`shortfall total ${plan.summary.shortfall.agentHours} != ${shortSum}`);

  // Outsourcing band per scope period, and the summary's figures.
  const { min, max } = config.outsourcing;
  plan.summary.outsourcing.periods.forEach((period, i) => {
    const total = allHours.get(i) ?? 0;
    const vendor = vendorHours.get(i) ?? 0;
    if (!near(period.totalProductiveHours, total) || !near(period.vendorProductiveHours, vendor)) fail(`period ${period.start} hours`);
    if (total > 1e-9 && (vendor < min * total - 1e-6 || vendor > max * total + 1e-6)) fail(`period ${period.start}: vendor share ${vendor / total} outside [${min}, ${max}]`);
  });

  // Daily limits.
  const dates = [addDays(START, -1), ...Array.from({ length: hours / 24 }, (_, d) => addDays(START, d))];
  for (const pool of config.pools) {
    const counts = dates.map((d) => perDay.get(`${pool.name}|${d}`) ?? 0);
    counts.forEach((n, i) => {
      const inHorizon = i > 0;
      if (pool.maxAgentsPerDay !== undefined && n > pool.maxAgentsPerDay) fail(`${pool.name} ${dates[i]}: ${n} > maxAgentsPerDay`);
      if (pool.kind === 'inhouse') {
        if (n > pool.headcount) fail(`${pool.name} ${dates[i]}: ${n} > headcount`);
        if (inHorizon && n < pool.minAgentsPerDay) fail(`${pool.name} ${dates[i]}: ${n} < minAgentsPerDay`);
      } else if (inHorizon && pool.minAgentsPerDay > 0 && plan.summary.pools[pool.name]?.used && (!pool.availableFrom || (dates[i] as string) >= pool.availableFrom) && n < pool.minAgentsPerDay) {
        fail(`${pool.name} ${dates[i]}: ${n} < minAgentsPerDay while used`);
      }
    });
    if (pool.kind === 'inhouse') {
      const w = Math.min(7, counts.length);
      for (let s = 0; s + w <= counts.length; s++) {
        const sum = counts.slice(s, s + w).reduce((a, b) => a + b, 0);
        if (sum > pool.headcount * Math.min(pool.maxDaysPerWeek, w)) fail(`${pool.name}: ${sum} agent-days in ${w} days`);
      }
    }
  }

  // Costs: lines add up to the pool's shift costs; pools add up to the total.
  let total = 0;
  for (const pool of config.pools) {
    const s = plan.summary.pools[pool.name];
    if (!s) {
      fail(`no summary for ${pool.name}`);
      continue;
    }
    const shiftCosts = s.costByType.inhouseWages + s.costByType.nightPremium + s.costByType.vendorHours + s.costByType.vendorSeatShifts + s.costByType.vendorInquiries;
    if (!near(shiftCosts, lineCost.get(pool.name) ?? 0, 1e-5)) fail(`${pool.name}: line costs ${lineCost.get(pool.name)} != ${shiftCosts}`);
    if (pool.kind === 'vendor') {
      const fees = s.used ? pool.engagementFee + (pool.pricing.model === 'fixedPlusHourly' ? pool.pricing.fixedFee : 0) : 0;
      if (!near(s.costByType.engagementFees + s.costByType.fixedFees, fees)) fail(`${pool.name}: fees`);
      if (s.costByType.training > 0 && s.peakAgentsPerDay === 0) fail(`${pool.name}: training without seats`);
    }
    total += s.cost;
  }
  if (!near(total, plan.summary.totalCost)) fail(`total ${plan.summary.totalCost} != ${total}`);
  return problems;
}

describe('every plan keeps every rule (200 seeded random instances)', () => {
  test('exported lines, coverage and summary satisfy every constraint and add up', async () => {
    let solved = 0;
    let infeasible = 0;
    let limited = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { config, requirement, end } = randomInstance(seed);
      let plan: PlanResult;
      try {
        plan = await planShifts(config, requirement, { start: START, end });
      } catch (error) {
        if (error instanceof InfeasiblePlanError) {
          infeasible += 1;
          continue;
        }
        throw error;
      }
      solved += 1;
      const model = buildPlanModel(config, requirement, START, end);
      const violations = findViolations(model.mip, plan.values).map((v) => v.what);
      const problems = [...violations, ...auditPlan(config, requirement, end, plan)];
      // A few instances (a per-inquiry vendor under a maxShare) stop at the 1 s limit; their plan must still keep every rule.
      if (plan.summary.solver.status !== 'optimal') limited += 1;
      if (problems.length > 0) throw new Error(`seed ${seed}: ${problems.slice(0, 5).join('; ')}`);
    }
    expect(solved + infeasible).toBe(200);
    expect(solved).toBeGreaterThan(150);
    // How many stop at the 1 s limit depends on the machine's load (a timing, not a rule):
    // scripts/bench-plan.ts measures solve times. Each such plan was fully checked above.
    expect(limited).toBeLessThan(solved);
  });
});
