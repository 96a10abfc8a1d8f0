/**
 * The peak-service model on plans small enough to solve by hand: breaks that
 * are not capacity, overtime, surge seats, event-only shifts, the convex price
 * of lost service, the hard hourly floor (exit 3 naming the hours, or planned
 * short with allowShort), and routing of multi-queue agents.
 * Shrinkage 0, productivity 1 and training days 0 keep the arithmetic visible.
 */
import { parseConfig, type Config } from '../../src/config';
import { InfeasiblePlanError, type Requirement, type RequirementCell } from '../../src/domain';
import { explainShortage, planShifts, solverByName } from '../../src/plan';
import { requirementCell } from '../../src/staffing';

const DAY = { start: '2026-11-11', end: '2026-11-11' };

function cell(agents: number, floorAgents?: number): RequirementCell {
  return { inquiries: 0, agents, scheduled: agents, serviceLevel: 0.8, asaSeconds: 20, occupancy: 0.8, abandonRate: null, ...(floorAgents === undefined ? {} : { floorAgents }) };
}

function requirement(hours: number, perHour: (h: number) => RequirementCell, queues = ['chat']): Requirement {
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2026-11-11T00:00',
    hours,
    queues: queues.map((name) => ({ name, cells: Array.from({ length: hours }, (_, h) => perHour(h)) })),
  };
}

function config(extra: Record<string, unknown>): Config {
  return parseConfig({
    queues: [{ name: 'chat', ahtSeconds: 360, concurrency: 1, maxOccupancy: 1 }],
    shrinkage: 0,
    // 1000 per missing agent-hour (100 per inquiry at 10 inquiries an agent-hour).
    costPerLostInquiry: 100,
    solver: { mipRelGap: 0, mipAbsGap: 0.001 },
    ...extra,
  });
}

const team = (extra: Record<string, unknown> = {}) => ({ name: 'team', kind: 'inhouse', headcount: 20, hourlyCost: 10, maxDaysPerWeek: 7, ...extra });
const TWELVES = [
  { name: 'early', code: 'E', start: '00:00', hours: 12 },
  { name: 'late', code: 'L', start: '12:00', hours: 12 },
];

describe('breaks are not capacity', () => {
  test('2 agents on the floor 08:00-17:00 through a 1-hour break takes 3 agents with staggered breaks: 3 x 8 paid hours x 10 = 240', async () => {
    const shifts = [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8 },
      { name: 'rest', code: 'R', start: '17:00', hours: 15 },
    ];
    const r = await planShifts(config({ shifts, pools: [team()] }), requirement(24, (h) => cell(h >= 8 && h < 17 ? 2 : 0)), DAY);
    expect(r.summary.totalCost).toBeCloseTo(240, 6);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0]!;
    expect([line.shift, line.agents, line.paidHours]).toEqual(['day', 3, 8]);
    // The default break of the unpaid hour may start 3, 4 or 5 hours in: one agent each.
    expect(line.breaks).toEqual([
      { start: '2026-11-11T11:00', end: '2026-11-11T12:00', agents: 1 },
      { start: '2026-11-11T12:00', end: '2026-11-11T13:00', agents: 1 },
      { start: '2026-11-11T13:00', end: '2026-11-11T14:00', agents: 1 },
    ]);
    const scheduled = r.coverage.filter((c) => c.timestamp >= '2026-11-11T08:00' && c.timestamp < '2026-11-11T17:00').map((c) => c.scheduled);
    expect(scheduled).toEqual([3, 3, 3, 2, 2, 2, 3, 3, 3]);
    // Capacity counts paid working time only.
    expect(r.summary.pools.team?.paidHours).toBe(24);
    expect(r.summary.pools.team?.productiveHours).toBe(24);
    expect(r.summary.shortfall.agentHours).toBe(0);
  });

  test('a break window of one start takes the same hour off for everyone', async () => {
    const shifts = [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, breaks: [{ minutes: 60, earliest: 4, latest: 5 }] },
      { name: 'rest', code: 'R', start: '17:00', hours: 15 },
    ];
    const r = await planShifts(config({ shifts, pools: [team()] }), requirement(24, (h) => cell(h >= 8 && h < 17 ? 2 : 0)), DAY);
    // 12:00 has nobody from the day shift: 2 agents short there (2000) unless a rest shift... which starts 17:00: short stays.
    expect(r.lines.map((l) => [l.shift, l.agents])).toEqual([['day', 2]]);
    expect(r.coverage.find((c) => c.timestamp === '2026-11-11T12:00')?.scheduled).toBe(0);
    expect(r.summary.shortfall.agentHours).toBe(2);
  });
});

describe('peak levers', () => {
  const overtimeShifts = [
    { name: 'day', code: 'D', start: '08:00', hours: 12 },
    { name: 'night', code: 'N', start: '20:00', hours: 12 },
  ];
  const eveningPeak = requirement(24, (h) => cell(h >= 8 && h < 22 ? 1 : 0));
  const vendor = { name: 'v', kind: 'vendor', pricing: { model: 'perHour', rate: 20 }, trainingDays: 0 };

  test('overtime: 1 agent 08:00-22:00 is a 12-hour day shift + 2 h at 1.5 x 10 = 150', async () => {
    const r = await planShifts(config({ shifts: overtimeShifts, pools: [team({ headcount: 1, overtime: { maxHoursPerShift: 2, maxHoursPerWeek: 6, multiplier: 1.5 } }), vendor] }), eveningPeak, DAY);
    expect(r.summary.totalCost).toBeCloseTo(150, 6);
    expect(r.lines.map((l) => [l.pool, l.shift, l.end, l.overtimeHours, l.paidHours, l.cost])).toEqual([['team', 'day', '2026-11-11T22:00', 2, 14, 150]]);
    expect(r.summary.pools.team?.costByType.overtime).toBe(30);
    expect(r.summary.pools.team?.costByType.inhouseWages).toBe(120);
  });

  test('the weekly overtime cap: 1 h allowed, so a vendor night (12 x 20) beats overtime: 120 + 240 = 360', async () => {
    const r = await planShifts(config({ shifts: overtimeShifts, pools: [team({ headcount: 1, overtime: { maxHoursPerShift: 2, maxHoursPerWeek: 1, multiplier: 1.5 } }), vendor] }), eveningPeak, DAY);
    expect(r.summary.totalCost).toBeCloseTo(360, 6);
    expect(r.lines.every((l) => (l.overtimeHours ?? 0) === 0)).toBe(true);
  });

  test('surge seats: 3 agents with a vendor capped at 2 a day is 2 x 120 + 1 surge x 12 x 15 = 420', async () => {
    const capped = { name: 'v', kind: 'vendor', maxAgentsPerDay: 2, pricing: { model: 'perHour', rate: 10 }, trainingDays: 0, surge: { maxAgentsPerDay: 5, rate: 15 } };
    const r = await planShifts(config({ shifts: TWELVES, pools: [capped] }), requirement(24, (h) => cell(h < 12 ? 3 : 0)), DAY);
    expect(r.summary.totalCost).toBeCloseTo(420, 6);
    expect(r.lines.map((l) => [l.shift, l.agents, Boolean(l.surge), l.cost])).toEqual([
      ['early', 2, false, 240],
      ['early', 1, true, 180],
    ]);
    expect(r.summary.pools.v?.costByType.vendorSurge).toBe(180);
    expect(r.summary.pools.v?.peakAgentsPerDay).toBe(2);
  });

  test('a shift limited to an event day: the 2-hour midnight shift only on Nov 11 (anchor of double-11)', async () => {
    const shifts = [...TWELVES, { name: 'spike', code: 'S', start: '00:00', hours: 2, onlyOn: ['double-11'] }];
    const req: Requirement = { ...requirement(48, (h) => cell(1 + (h % 24 < 2 ? 2 : 0))), startHour: '2026-11-11T00:00' };
    const r = await planShifts(config({ shifts, pools: [team()] }), req, { start: '2026-11-11', end: '2026-11-12' });
    // Nov 11: early 1 + late 1 + spike 2 x 2 h = 240 + 40; Nov 12: early 3 + late 1 = 480.
    expect(r.summary.totalCost).toBeCloseTo(760, 6);
    expect(r.lines.filter((l) => l.shift === 'spike').map((l) => [l.date, l.agents])).toEqual([['2026-11-11', 2]]);
  });
});

describe('lost service is priced by the Erlang curve', () => {
  // 1-hour shifts at 00:00 and 01:00 hold two equal hours; the day's headcount leaves 2 agents short in all.
  const shifts = [
    { name: 'h0', code: 'A', start: '00:00', hours: 1 },
    { name: 'h1', code: 'B', start: '01:00', hours: 1 },
    { name: 'c', code: 'C', start: '02:00', hours: 11 },
    { name: 'd', code: 'D', start: '13:00', hours: 11 },
  ];
  const queue = { name: 'chat', ahtSeconds: 180, concurrency: 1, maxOccupancy: 0.9, target: { serviceLevel: 0.8, answerSeconds: 20, minServiceLevel: 0.3 } };

  test('a convex price spreads a shortage of 2 agents over two equal hours (1 + 1), never 2 in one', async () => {
    const c = config({ queues: [queue], shifts, pools: [team({ headcount: 0 })], costPerLostInquiry: 50 });
    const busy = requirementCell(c.queues[0]!, 300, 0);
    expect(busy.agents - (busy.floorAgents ?? 0)).toBeGreaterThanOrEqual(2);
    const req = requirement(24, (h) => (h < 2 ? busy : cell(0)));
    const inhouse = team({ headcount: 2 * busy.agents - 2 });
    const r = await planShifts(config({ queues: [queue], shifts, pools: [inhouse], costPerLostInquiry: 50 }), req, DAY);
    const short = r.coverage.filter((x) => x.timestamp < '2026-11-11T02:00').map((x) => x.shortfall);
    expect(short).toEqual([1, 1]);
    // The price is the inquiries each missing agent would have answered in time.
    expect(r.summary.shortfall.lostInquiries).toBeGreaterThan(0);
    expect(r.summary.shortfall.cost).toBeCloseTo(50 * r.summary.shortfall.lostInquiries, 6);
  });

  test('agents beyond the bare requirement are bought where they save more service than they cost', async () => {
    const busy = requirementCell(config({ queues: [queue] }).queues[0]!, 300, 0);
    const req = requirement(24, (h) => (h < 2 ? busy : cell(0)));
    const dear = await planShifts(config({ queues: [queue], shifts, pools: [team({ headcount: 100 })], costPerLostInquiry: 50 }), req, DAY);
    const cheap = await planShifts(config({ queues: [queue], shifts, pools: [team({ headcount: 100 })], costPerLostInquiry: 0.01 }), req, DAY);
    const at = (r: typeof dear) => r.coverage.filter((x) => x.timestamp < '2026-11-11T02:00').map((x) => x.scheduled);
    // Nearly free lost service: down to the floor; dear: above the bare requirement.
    expect(at(cheap)).toEqual([busy.floorAgents, busy.floorAgents]);
    expect(at(dear).every((n) => n > busy.agents)).toBe(true);
  });
});

describe('the hourly service floor', () => {
  const shifts = [
    { name: 'h10', code: 'T', start: '10:00', hours: 1 },
    { name: 'early', code: 'E', start: '11:00', hours: 12 },
    { name: 'late', code: 'L', start: '23:00', hours: 11 },
  ];
  const req = requirement(24, (h) => (h === 10 ? cell(5, 3) : cell(0)));

  test('a floor nobody can reach is an infeasible request naming the hour and the limit that binds', async () => {
    const attempt = planShifts(config({ shifts, pools: [team({ headcount: 2 })] }), req, DAY);
    await expect(attempt).rejects.toThrow(InfeasiblePlanError);
    await expect(attempt).rejects.toThrow(
      'the hourly service floor cannot be held in 1 queue-hour(s), 1 productive agent-hours short: 2026-11-11T10:00 chat (floor 3 productive agents, 1 short); binding: pools[0].headcount 2 (team)',
    );
  });

  test('allowShort plans below the floor there, and carries the same diagnosis', async () => {
    const r = await planShifts(config({ shifts, pools: [team({ headcount: 2 })] }), req, { ...DAY, allowShort: true });
    expect(r.lines.map((l) => [l.shift, l.agents])).toEqual([['h10', 2]]);
    expect(r.summary.shortfall.belowFloorAgentHours).toBe(1);
    expect(r.summary.shortfall.hoursBelowFloor).toBe(1);
    expect(r.floorDiagnosis?.gaps).toEqual([{ timestamp: '2026-11-11T10:00', queue: 'chat', floor: 3, short: 1 }]);
    const why = await explainShortage(config({ shifts, pools: [team({ headcount: 2 })] }), req, r, { ...DAY, solver: solverByName('highs'), mipOptions: { relativeGap: 0, absoluteGap: 0.001, timeLimitSeconds: 10 }, allowShort: true, floorDiagnosis: r.floorDiagnosis! });
    expect(why[0]).toMatchObject({ kind: 'floor', from: '2026-11-11T10:00', binding: ['pools[0].headcount 2 (team)'] });
  });

  test('an hour no shift reaches is named', async () => {
    const gapShifts = [
      { name: 'early', code: 'E', start: '11:00', hours: 12 },
      { name: 'late', code: 'L', start: '23:00', hours: 11 },
      { name: 'short', code: 'S', start: '10:00', hours: 1, onlyOn: ['2026-12-01'] },
    ];
    await expect(planShifts(config({ shifts: gapShifts, pools: [team()] }), req, DAY)).rejects.toThrow(/no pool's shift covers 10:00/);
  });
});

describe('routing of multi-queue agents', () => {
  test('every queue-hour gets at least its floor, and none sits at 0 while capacity idles', async () => {
    const queues = [
      { name: 'pre', ahtSeconds: 180, concurrency: 1, maxOccupancy: 0.9 },
      { name: 'post', ahtSeconds: 240, concurrency: 1, maxOccupancy: 0.9 },
    ];
    const c = config({ queues, shifts: TWELVES, pools: [team({ headcount: 30 })], costPerLostInquiry: 1 });
    const pre = requirementCell(c.queues[0]!, 120, 0);
    const post = requirementCell(c.queues[1]!, 20, 0);
    const req: Requirement = {
      timezone: 'Asia/Shanghai',
      startHour: '2026-11-11T00:00',
      hours: 24,
      queues: [
        { name: 'pre', cells: Array.from({ length: 24 }, () => pre) },
        { name: 'post', cells: Array.from({ length: 24 }, () => post) },
      ],
    };
    const r = await planShifts(c, req, DAY);
    for (const row of r.coverage.filter((x) => x.queue !== 'all')) {
      expect(row.scheduled).toBeGreaterThanOrEqual((row.floor ?? 0) - 1e-9);
      expect(row.scheduled).toBeGreaterThan(0);
    }
    for (const all of r.coverage.filter((x) => x.queue === 'all')) {
      const rows = r.coverage.filter((x) => x.timestamp === all.timestamp && x.queue !== 'all');
      expect(rows.reduce((s, x) => s + x.scheduled, 0)).toBeCloseTo(all.scheduled, 9);
      // Short in one queue and surplus in the other cannot both happen: capacity goes where it is missing first.
      const short = rows.some((x) => x.shortfall > 1e-9);
      const surplus = rows.some((x) => x.surplus > 1e-9);
      expect(short && surplus).toBe(false);
    }
  });
});

describe('empty and trivial plans', () => {
  test('nothing to staff is an empty plan, not a solver error', async () => {
    const r = await planShifts(config({ shifts: TWELVES, pools: [team()] }), requirement(24, () => cell(0)), DAY);
    expect(r.lines).toEqual([]);
    expect(r.summary.totalCost).toBe(0);
    expect(r.summary.solver.status).toBe('optimal');
  });
});
