/**
 * Tiny plans whose optimum is computed by hand (see each test's comment).
 * Shrinkage 0, productivity 1 and training days 0 keep the arithmetic visible.
 */
import { parseConfig } from '../../src/config';
import type { Requirement } from '../../src/domain';
import { planShifts } from '../../src/plan';

const TWELVE_HOUR_SHIFTS = [
  { name: 'early', code: 'E', start: '00:00', hours: 12 },
  { name: 'late', code: 'L', start: '12:00', hours: 12 },
];

function requirement(perHour: (h: number) => number, inquiries: (h: number) => number = () => 0): Requirement {
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2026-11-11T00:00',
    hours: 24,
    queues: [
      {
        name: 'chat',
        cells: Array.from({ length: 24 }, (_, h) => ({ inquiries: inquiries(h), agents: perHour(h), scheduled: perHour(h), serviceLevel: 0.8, asaSeconds: 20, occupancy: 0.8, abandonRate: null })),
      },
    ],
  };
}

function config(extra: Record<string, unknown>): ReturnType<typeof parseConfig> {
  return parseConfig({
    queues: [{ name: 'chat', ahtSeconds: 360, concurrency: 1, maxOccupancy: 1 }],
    shrinkage: 0,
    shifts: TWELVE_HOUR_SHIFTS,
    understaffingPenalty: 1000,
    solver: { mipRelGap: 0, mipAbsGap: 0.001 },
    ...extra,
  });
}

const inhouse = { name: 'team', kind: 'inhouse', headcount: 20, hourlyCost: 10, maxDaysPerWeek: 7 };
const day = { start: '2026-11-11', end: '2026-11-11' };
const threeThenFive = requirement((h) => (h < 12 ? 3 : 5));

describe('hand-computed optima', () => {
  test('one pool: 3 early + 5 late agents x 12 h x 10 = 960', async () => {
    const r = await planShifts(config({ pools: [inhouse] }), threeThenFive, day);
    expect(r.summary.totalCost).toBeCloseTo(960, 6);
    expect(r.lines.map((l) => [l.shift, l.agents, l.cost])).toEqual([
      ['early', 3, 360],
      ['late', 5, 600],
    ]);
    expect(r.summary.shortfall.agentHours).toBe(0);
    expect(r.summary.scheduleEfficiency).toBe(1);
  });

  test('the ratio forces a dearer vendor: half of 96 hours at 15 → 48 x 10 + 48 x 15 = 1200', async () => {
    const vendor = { name: 'vendor', kind: 'vendor', pricing: { model: 'perHour', rate: 15 }, trainingDays: 0 };
    const r = await planShifts(config({ pools: [inhouse, vendor], outsourcing: { min: 0.5, max: 1 } }), threeThenFive, day);
    expect(r.summary.totalCost).toBeCloseTo(1200, 6);
    expect(r.summary.outsourcing.achieved).toBeCloseTo(0.5, 9);
    expect(r.summary.pools.vendor?.productiveHours).toBe(48);
  });

  test('engagement fees make one vendor enough', async () => {
    // 8 agents a day. Without fees: x (rate 10, max 5) takes 5, y (rate 11) 3: 600 + 396 = 996.
    // With 200 each: both = 1396, y alone = 8 x 12 x 11 + 200 = 1256 (x alone cannot: max 5).
    const x = { name: 'x', kind: 'vendor', maxAgentsPerDay: 5, pricing: { model: 'perHour', rate: 10 }, trainingDays: 0 };
    const y = { name: 'y', kind: 'vendor', maxAgentsPerDay: 10, pricing: { model: 'perHour', rate: 11 }, trainingDays: 0 };
    const free = await planShifts(config({ pools: [x, y] }), threeThenFive, day);
    expect(free.summary.totalCost).toBeCloseTo(996, 6);
    const paid = await planShifts(config({ pools: [{ ...x, engagementFee: 200 }, { ...y, engagementFee: 200 }] }), threeThenFive, day);
    expect(paid.summary.totalCost).toBeCloseTo(1256, 6);
    expect(paid.summary.pools.x?.used).toBe(false);
    expect(paid.summary.costByType.engagementFees).toBe(200);
  });

  test('a night premium moves the night to the vendor', async () => {
    // Day 08:00-20:00, night 20:00-08:00 (8 of its 12 hours in 22:00-06:00); 2 agents every hour.
    // The evening before's night covers 00-08, so 2 x (night before, day, night) shifts.
    // No premium: in-house 120 per shift < vendor 144: 6 x 120 = 720.
    // Premium 0.5: in-house night = 120 + 120 x 0.5 x 8/12 = 160 > 144: 2 x 120 + 4 x 144 = 816.
    const shifts = [
      { name: 'day', code: 'D', start: '08:00', hours: 12 },
      { name: 'night', code: 'N', start: '20:00', hours: 12 },
    ];
    const vendor = { name: 'vendor', kind: 'vendor', pricing: { model: 'perHour', rate: 12 }, trainingDays: 0 };
    const flat = requirement(() => 2);
    const noPremium = await planShifts(config({ shifts, pools: [inhouse, vendor] }), flat, day);
    expect(noPremium.summary.totalCost).toBeCloseTo(720, 6);
    expect(noPremium.summary.pools.vendor?.used).toBe(false);
    const premium = await planShifts(config({ shifts, pools: [{ ...inhouse, nightPremium: 0.5 }, vendor] }), flat, day);
    expect(premium.summary.totalCost).toBeCloseTo(816, 6);
    expect(premium.lines.filter((l) => l.pool === 'vendor').map((l) => l.shift)).toEqual(['night', 'night']);
    expect(premium.lines.filter((l) => l.pool === 'team').map((l) => l.shift)).toEqual(['day']);
  });

  test('perInquiry against perHour: the crossover is at the per-hour rate / inquiries per agent-hour', async () => {
    // 2 agents and 10 inquiries each hour; AHT 360 s → one agent handles 10 an hour.
    // Per-inquiry agents cost nothing per shift, so 2 of them cover every hour; the
    // inquiries go to them (10 x rate an hour) or to one per-hour agent (10 an hour).
    // rate 0.5: 24 x 5 = 120, all billed per inquiry. rate 2: 24 x 10 = 240, per-hour agent takes them.
    // Lost service is priced at 0 here, so nothing buys agents beyond the hourly floor: at 10 an hour and
    // 6 min each (1 erlang), 1 agent answers nothing in time and 2 reach the 0.6 floor, so the floor is the 2 required.
    const req = requirement(() => 2, () => 10);
    const hourly = { name: 'hourly', kind: 'vendor', pricing: { model: 'perHour', rate: 10 }, trainingDays: 0 };
    const unpriced = (pools: unknown[]) => config({ pools, costPerLostInquiry: 0 });
    const cheap = await planShifts(unpriced([hourly, { name: 'perinq', kind: 'vendor', pricing: { model: 'perInquiry', rate: 0.5 }, trainingDays: 0 }]), req, day);
    expect(cheap.summary.totalCost).toBeCloseTo(120, 6);
    expect(cheap.summary.pools.perinq?.routedInquiries).toBe(240);
    expect(cheap.summary.pools.hourly?.used).toBe(false);
    const dear = await planShifts(unpriced([hourly, { name: 'perinq', kind: 'vendor', pricing: { model: 'perInquiry', rate: 2 }, trainingDays: 0 }]), req, day);
    expect(dear.summary.totalCost).toBeCloseTo(240, 6);
    expect(dear.summary.pools.perinq?.routedInquiries).toBe(0);
    expect(dear.summary.pools.hourly?.agentShifts).toBe(2);
  });

  test('training is charged once per seat on the busiest day', async () => {
    // 3 early + 5 late = 8 seats; 2 training days at 50 = 800 on top of 8 x 12 x 10 = 960.
    const vendor = { name: 'vendor', kind: 'vendor', pricing: { model: 'perHour', rate: 10 }, trainingDays: 2, trainingCostPerDay: 50 };
    const r = await planShifts(config({ pools: [vendor] }), threeThenFive, day);
    expect(r.summary.costByType.training).toBe(800);
    expect(r.summary.totalCost).toBeCloseTo(1760, 6);
  });

  test('shortfall is priced and reported where it happens', async () => {
    // Only the late shift needs agents (5); headcount 4 leaves 1 short for 12 h.
    const r = await planShifts(config({ pools: [{ ...inhouse, headcount: 4 }] }), requirement((h) => (h < 12 ? 0 : 5)), day);
    expect(r.summary.shortfall.cost).toBeCloseTo(12000, 6);
    expect(r.summary.shortfall.agentHours).toBe(12);
    expect(r.summary.shortfall.hoursShort).toBe(12);
    expect(r.summary.shortfall.worst[0]).toEqual({ timestamp: '2026-11-11T12:00', queue: 'chat', required: 5, scheduled: 4, shortfall: 1 });
  });
});
