/**
 * Property test: 72 seeded random small instances. For every plan, every rule is
 * re-checked from the exported data alone (shift lines with their breaks,
 * coverage rows, summary), independently of the model: capacity = agents on the
 * floor (breaks taken out) x productivity, the hourly service floor (sized again
 * from the inquiries), routing of multi-queue agents (no queue at 0 while
 * another has surplus), paid hours >= productive hours, overtime and surge
 * limits, outsourcing share per scope period, in-house headcount and 7-day
 * limits, vendor capacity and availability, the minimum agents per hour, and
 * cost totals = sum of line costs (+ fees, training, seats). Instances whose
 * floor no plan can hold are planned again with allowShort, and then only the
 * hours the summary reports below the floor may be below it.
 */
import { breaksOf, parseConfig, serviceFloorOf, type Config } from '../../src/config';
import { InfeasiblePlanError, addDays, createRng, dayNumber, hourKeyFromNumber, hourNumber, type Requirement, type Rng } from '../../src/domain';
import { buildPlanModel, findViolations, planShifts, type PlanResult } from '../../src/plan';
import { floorAgents } from '../../src/staffing';
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
      ...(rng() < 0.3 ? { overtime: { maxHoursPerShift: pick(rng, [1, 2]), maxHoursPerWeek: pick(rng, [2, 6]), multiplier: 1.5 } } : {}),
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
      ...(model !== 'perInquiry' && rng() < 0.3 ? { surge: { maxAgentsPerDay: 2 + Math.floor(rng() * 5), rate: model === 'perSeatShift' ? rate * 1.5 : rate * 1.5 } } : {}),
    });
  }
  const twoBreaks = rng() < 0.2;
  const min = pick(rng, [0, 0, 0.3, 0.6]);
  const config = parseConfig({
    queues: queueNames.map((name) => ({ name, ahtSeconds: 200 + Math.floor(rng() * 200), concurrency: pick(rng, [1, 3]) })),
    shrinkage: pick(rng, [0, 0.25]),
    shifts: [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, startOffsets: pick(rng, [[0], [0, 1]]) },
      { name: 'middle', code: 'M', start: '13:00', hours: 9, paidHours: 8, ...(twoBreaks ? { breaks: [{ minutes: 30, earliest: 2, latest: 4 }, { minutes: 30, earliest: 5, latest: 7 }] } : {}) },
      { name: 'night', code: 'N', start: '22:00', hours: 10, paidHours: 9 },
      ...(rng() < 0.3 ? [{ name: 'spike', code: 'S', start: '20:00', hours: 4, startOffsets: [0, 1], onlyOn: [addDays(START, 1)] }] : []),
    ],
    pools,
    outsourcing: { min, max: pick(rng, [1, 1, Math.min(1, min + 0.2)]), scope: pick(rng, ['horizon', 'week', 'day'] as const) },
    minAgentsPerHour: rng() < 0.2 ? 1 : 0,
    costPerLostInquiry: pick(rng, [2, 10]),
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
  const shared = new Array<number>(hours).fill(0);
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
    const overtime = line.overtimeHours ?? 0;
    const length = shift.hours + overtime;
    const startHour = hourNumber(`${line.start.slice(0, 13)}:00`);
    if (hourNumber(`${line.end.slice(0, 13)}:00`) - startHour !== length) fail(`line ${line.start}-${line.end} is not ${length} h`);
    if (overtime > 0 && !(pool.kind === 'inhouse' && pool.overtime && overtime <= pool.overtime.maxHoursPerShift)) fail(`${pool.name}: ${overtime} h overtime not allowed`);
    if (line.surge && !(pool.kind === 'vendor' && pool.surge)) fail(`${pool.name}: surge line without surge`);
    if (shift.onlyOn && !shift.onlyOn.some((d) => line.start.slice(0, 10) === d || line.end.slice(0, 10) === d)) fail(`${line.shift} worked on ${line.date}, outside onlyOn`);
    // Breaks: each of the shift's breaks once per agent, inside its window.
    const windows = breaksOf(shift);
    const breakAt = new Array<number>(length).fill(0);
    windows.forEach((w, index) => {
      const mine = (line.breaks ?? []).filter((b) => (b.index ?? 0) === index);
      if (mine.reduce((n, b) => n + b.agents, 0) !== line.agents) fail(`${line.start} ${line.shift}: break ${index} for ${mine.reduce((n, b) => n + b.agents, 0)} of ${line.agents} agents`);
      for (const b of mine) {
        const from = (hourNumber(`${b.start.slice(0, 13)}:00`) - startHour) * 60 + Number(b.start.slice(14, 16)) - Number(line.start.slice(14, 16));
        if (from < w.earliest * 60 || from + w.minutes > w.latest * 60) fail(`${line.start} ${line.shift}: break at ${b.start} outside its window`);
        for (let k = 0; k < length; k++) breakAt[k] = (breakAt[k] as number) + (b.agents * Math.max(0, Math.min(k * 60 + 60, from + w.minutes) - Math.max(k * 60, from))) / 60;
      }
    });
    const productive = (1 - config.shrinkage) * pool.productivity;
    for (let k = 0; k < length; k++) {
      const h = startHour + k - first;
      if (h < 0 || h >= hours) continue;
      const working = line.agents - (breakAt[k] as number);
      capacity[h] = (capacity[h] as number) + working * productive;
      if (line.queue === null) shared[h] = (shared[h] as number) + working * productive;
      onFloor[h] = (onFloor[h] as number) + working;
      const period = periodOf(h);
      allHours.set(period, (allHours.get(period) ?? 0) + working * productive);
      if (pool.kind === 'vendor') vendorHours.set(period, (vendorHours.get(period) ?? 0) + working * productive);
    }
    const key = `${pool.name}|${line.date}${line.surge ? '|surge' : ''}`;
    perDay.set(key, (perDay.get(key) ?? 0) + line.agents);
    lineCost.set(pool.name, (lineCost.get(pool.name) ?? 0) + line.cost);
    // Line cost from the price list (perInquiry lines carry their share of the inquiry bill instead).
    const paid = (shift.paidHours ?? shift.hours) + overtime;
    if (line.paidHours !== paid) fail(`${line.start} ${line.shift}: paid hours ${line.paidHours} != ${paid}`);
    if (pool.kind === 'inhouse') {
      let night = 0;
      for (let k = 0; k < length; k++) {
        const hod = (startHour + k) % 24;
        if (hod >= 22 || hod < 6) night += 1;
      }
      const cents = (v: number) => Math.round(v * 100) / 100;
      const perAgent = cents(pool.hourlyCost * (paid - overtime)) + cents(pool.hourlyCost * overtime * (pool.overtime?.multiplier ?? 1)) + cents((pool.hourlyCost * paid * pool.nightPremium * night) / length);
      if (!near(line.cost, line.agents * perAgent)) fail(`in-house line cost ${line.cost} != ${line.agents * perAgent}`);
    } else {
      const rate = line.surge && pool.surge ? pool.surge.rate : pool.pricing.rate;
      if (pool.pricing.model === 'perSeatShift') {
        if (!near(line.cost, line.agents * rate)) fail(`seat-shift line cost ${line.cost}`);
      } else if (pool.pricing.model !== 'perInquiry') {
        if (!near(line.cost, line.agents * rate * paid)) fail(`hourly line cost ${line.cost}`);
      }
    }
  }

  // Paid working time is the only capacity: productive hours <= paid hours x (1 - shrinkage) x productivity.
  for (const pool of config.pools) {
    const ps = plan.summary.pools[pool.name];
    if (ps && ps.productiveHours > ps.paidHours * (1 - config.shrinkage) * pool.productivity + 1e-6) fail(`${pool.name}: productive ${ps.productiveHours} > paid ${ps.paidHours} x (1 - shrinkage) x productivity`);
  }

  // Coverage arithmetic.
  const nq = requirement.queues.length;
  const rowsByHour = new Map<string, typeof plan.coverage>();
  for (const row of plan.coverage) rowsByHour.set(row.timestamp, [...(rowsByHour.get(row.timestamp) ?? []), row]);
  if (rowsByHour.size !== hours) fail(`coverage has ${rowsByHour.size} hours, expected ${hours}`);
  let shortSum = 0;
  let belowFloor = 0;
  for (let h = 0; h < hours; h++) {
    const ts = hourKeyFromNumber(first + h);
    const rows = rowsByHour.get(ts) ?? [];
    const queueRows = rows.filter((r) => r.queue !== 'all');
    if (queueRows.length !== nq) fail(`${ts}: ${queueRows.length} queue rows`);
    let total = 0;
    queueRows.forEach((row, q) => {
      const req = requirement.queues[q]?.cells[h]?.agents ?? 0;
      if (row.required !== req) fail(`${ts} ${row.queue}: required ${row.required} != ${req}`);
      // The hourly service floor, sized again from the inquiries.
      const qc = config.queues.find((c) => c.name === row.queue);
      const inquiries = requirement.queues[q]?.cells[h]?.inquiries ?? 0;
      // The requirement's own floor when it carries one (as sized by staffing), else sized from the config's queue.
      const cellFloor = requirement.queues[q]?.cells[h]?.floorAgents;
      const floor = Math.min(req, cellFloor ?? (qc ? floorAgents(qc, inquiries, serviceFloorOf(qc)) : 0));
      if (row.floor !== floor) fail(`${ts} ${row.queue}: floor ${row.floor} != ${floor}`);
      if (row.scheduled < floor - 1e-6) {
        if (plan.summary.shortfall.hoursBelowFloor === 0) fail(`${ts} ${row.queue}: ${row.scheduled} below the floor ${floor}`);
        belowFloor += 1;
      }
      if (inquiries > 0 && row.scheduled <= 1e-9 && (shared[h] as number) > 1e-9 && queueRows.some((other) => other.surplus > 1e-9)) fail(`${ts} ${row.queue}: 0 scheduled while multi-queue agents give another queue surplus`);
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
  if (belowFloor !== plan.summary.shortfall.hoursBelowFloor) fail(`${belowFloor} queue-hours below the floor, summary says ${plan.summary.shortfall.hoursBelowFloor}`);

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
    if (pool.kind === 'vendor' && pool.surge) {
      dates.forEach((d) => {
        if ((perDay.get(`${pool.name}|${d}|surge`) ?? 0) > (pool.surge?.maxAgentsPerDay ?? 0)) fail(`${pool.name} ${d}: surge above its cap`);
      });
    }
    counts.forEach((n, i) => {
      const inHorizon = i > 0;
      if (pool.maxAgentsPerDay !== undefined && n > pool.maxAgentsPerDay) fail(`${pool.name} ${dates[i]}: ${n} > maxAgentsPerDay`);
      if (pool.kind === 'inhouse') {
        if (n > pool.headcount) fail(`${pool.name} ${dates[i]}: ${n} > headcount`);
        if (inHorizon && n < pool.minAgentsPerDay) fail(`${pool.name} ${dates[i]}: ${n} < minAgentsPerDay`);
      } else if (inHorizon && pool.minAgentsPerDay > 0 && plan.summary.pools[pool.name]?.used && (!pool.availableFrom || (dates[i] as string) >= pool.availableFrom) && n + (perDay.get(`${pool.name}|${dates[i]}|surge`) ?? 0) < pool.minAgentsPerDay) {
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
    const shiftCosts = s.costByType.inhouseWages + s.costByType.overtime + s.costByType.nightPremium + s.costByType.vendorHours + s.costByType.vendorSeatShifts + s.costByType.vendorSurge + s.costByType.vendorInquiries;
    if (!near(shiftCosts, lineCost.get(pool.name) ?? 0, 1e-5)) fail(`${pool.name}: line costs ${lineCost.get(pool.name)} != ${shiftCosts}`);
    if (pool.kind === 'vendor') {
      const fees = s.used ? pool.engagementFee + (pool.pricing.model === 'fixedPlusHourly' ? pool.pricing.fixedFee : 0) : 0;
      if (!near(s.costByType.engagementFees + s.costByType.fixedFees, fees)) fail(`${pool.name}: fees`);
      // A plan proven optimal pays no seat nobody works (one stopped by the time limit may).
      if (s.costByType.training > 0 && s.peakAgentsPerDay === 0 && plan.summary.solver.status === 'optimal') fail(`${pool.name}: training without seats (${plan.summary.solver.status})`);
    }
    total += s.cost;
  }
  if (!near(total, plan.summary.totalCost)) fail(`total ${plan.summary.totalCost} != ${total}`);
  return problems;
}

describe('every plan keeps every rule (72 seeded random instances)', () => {
  test('exported lines, coverage and summary satisfy every constraint and add up', async () => {
    let solved = 0;
    let infeasible = 0;
    let limited = 0;
    for (let seed = 1; seed <= 72; seed++) {
      const { config, requirement, end } = randomInstance(seed);
      let plan: PlanResult;
      let allowShort = false;
      try {
        plan = await planShifts(config, requirement, { start: START, end });
      } catch (error) {
        if (!(error instanceof InfeasiblePlanError)) throw error;
        // The floor cannot be held (or another rule): plan short of the floor where it must be.
        infeasible += 1;
        allowShort = true;
        try {
          plan = await planShifts(config, requirement, { start: START, end, allowShort });
        } catch (again) {
          if (again instanceof InfeasiblePlanError) continue;
          throw again;
        }
        if (!plan.floorDiagnosis && plan.summary.shortfall.hoursBelowFloor > 0) throw new Error(`seed ${seed}: below the floor without a diagnosis`);
      }
      solved += 1;
      const model = buildPlanModel(config, requirement, START, end, { allowShort });
      const violations = findViolations(model.mip, plan.values).map((v) => v.what);
      const problems = [...violations, ...auditPlan(config, requirement, end, plan)];
      // A few instances (a per-inquiry vendor under a maxShare) stop at the 1 s limit; their plan must still keep every rule.
      if (plan.summary.solver.status !== 'optimal') limited += 1;
      if (problems.length > 0) throw new Error(`seed ${seed}: ${problems.slice(0, 5).join('; ')}`);
    }
    // Random pools are often too small for the floor: those plans go short of it with a diagnosis (checked above).
    expect(solved).toBeGreaterThan(66);
    expect(infeasible).toBeLessThan(solved);
    // How many stop at the 1 s limit depends on the machine's load (a timing, not a rule):
    // scripts/bench-plan.ts measures solve times. Each such plan was fully checked above.
    expect(limited).toBeLessThan(solved);
  });
});
