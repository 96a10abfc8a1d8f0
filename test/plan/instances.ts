/**
 * Plan instances for tests and the benchmark: a config with a chosen number of
 * pools and start offsets, and a requirement sized from hourly inquiries with a
 * daily curve and a promotion ramp, made from a seeded RNG.
 */
import { parseConfig, type Config, type QueueConfig } from '../../src/config';
import { addDays, createRng, type Requirement, type RequirementCell } from '../../src/domain';
import type { Agent } from '../../src/roster';
import { requirementCell } from '../../src/staffing';

export interface InstanceSpec {
  days: number;
  pools: number;
  offsets: number;
  queues?: number;
  seed?: number;
  /** Peak productive agents in the busiest hour. */
  peak?: number;
  start?: string;
}

/** Relative volume by hour of day for e-commerce chat (quiet night, two day peaks). */
const DAY_CURVE = [0.35, 0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.2, 0.45, 0.7, 0.85, 0.9, 0.8, 0.8, 0.9, 0.95, 0.9, 0.8, 0.75, 0.85, 1, 1, 0.9, 0.6];

/** The instances' queues: chat, 4 minutes a session, 3 at once (the config's defaults otherwise). */
export const INSTANCE_QUEUE = { ahtSeconds: 240, concurrency: 3 } as const;

/** Inquiries an hour one productive agent answers at the instances' 0.85 occupancy cap, rounded down. */
const INQUIRIES_PER_AGENT = 36;

/**
 * Hourly inquiries from the day curve, a promotion ramp and noise, sized per
 * queue with the staffing model (so required agents, the service floor and
 * the price of lost service agree). `peak` is about the productive agents the
 * busiest hour needs.
 */
export function makeRequirement(spec: InstanceSpec, queueNames: string[]): Requirement {
  const rng = createRng(spec.seed ?? 1);
  const peak = spec.peak ?? 30;
  const hours = spec.days * 24;
  const queueConfigs = parseConfig({ queues: queueNames.map((name) => ({ name, ...INSTANCE_QUEUE })) }).queues;
  const queues = queueNames.map((name, qi) => {
    const share = qi === 0 ? 0.65 : 0.35 / Math.max(1, queueNames.length - 1);
    const queue = queueConfigs[qi] as QueueConfig;
    const cells: RequirementCell[] = [];
    for (let h = 0; h < hours; h++) {
      const day = Math.floor(h / 24);
      const ramp = 1 + 0.8 * Math.exp(-((day - spec.days * 0.7) ** 2) / 8);
      // The ramp peaks at 1.8: divided out, `peak` is about the productive agents of the busiest hour, all queues together.
      const volume = (DAY_CURVE[h % 24] as number) * (ramp / 1.8) * share * peak * INQUIRIES_PER_AGENT * (0.9 + 0.2 * rng());
      cells.push(requirementCell(queue, Math.round(volume), 0));
    }
    return { name, cells };
  });
  return { timezone: 'Asia/Shanghai', startHour: `${spec.start ?? '2026-11-01'}T00:00`, hours, queues };
}

export function makeConfig(spec: InstanceSpec, overrides: Record<string, unknown> = {}): Config {
  const offsets = spec.offsets === 1 ? [0] : [0, 1, 2];
  const queueNames = Array.from({ length: spec.queues ?? 1 }, (_, i) => ['presales', 'aftersales', 'logistics'][i] ?? `q${i}`);
  const pools: Array<Record<string, unknown>> = [
    { name: 'in-house', kind: 'inhouse', headcount: 30, hourlyCost: 32, nightPremium: 0.3, maxDaysPerWeek: 5, shifts: ['day', 'middle'] },
    { name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 60, productivity: 0.9, pricing: { model: 'perHour', rate: 30 }, trainingDays: 3 },
    { name: 'vendor-b', kind: 'vendor', maxAgentsPerDay: 40, pricing: { model: 'perSeatShift', rate: 260 }, engagementFee: 3000 },
  ];
  const models = ['perHour', 'perSeatShift', 'fixedPlusHourly'] as const;
  for (let i = pools.length; i < spec.pools; i++) {
    const model = models[i % models.length] as string;
    const rate = model === 'perSeatShift' ? 240 + 5 * i : 27 + (i % 4);
    pools.push({
      name: `vendor-${String.fromCharCode(97 + i)}`,
      kind: 'vendor',
      maxAgentsPerDay: 20 + 5 * (i % 3),
      productivity: 0.85 + 0.05 * (i % 3),
      pricing: { model, rate, fixedFee: model === 'fixedPlusHourly' ? 2000 : 0 },
      engagementFee: 1000 * (i % 3),
    });
  }
  return parseConfig({
    queues: queueNames.map((name) => ({ name, ...INSTANCE_QUEUE })),
    shrinkage: 0.3,
    shifts: [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, startOffsets: offsets },
      { name: 'middle', code: 'M', start: '13:00', hours: 9, paidHours: 8, startOffsets: spec.offsets === 1 ? [0] : [0, 1] },
      { name: 'night', code: 'N', start: '22:00', hours: 10, paidHours: 9 },
    ],
    pools: pools.slice(0, spec.pools),
    outsourcing: { min: 0.6, max: 0.7, scope: 'horizon' },
    ...overrides,
  });
}

export function instance(spec: InstanceSpec, overrides: Record<string, unknown> = {}): { config: Config; requirement: Requirement; start: string; end: string } {
  const config = makeConfig(spec, overrides);
  const requirement = makeRequirement(spec, config.queues.map((q) => q.name));
  const start = spec.start ?? '2026-11-01';
  return { config, requirement, start, end: addDays(start, spec.days - 1) };
}

/** A seeded team of 4-12 in-house agents: some limited to one shift, 4-6 days a week, about 10% of dates on leave. */
export function randomAgents(seed: number, dates: string[]): Agent[] {
  const rng = createRng(seed);
  const n = 4 + Math.floor(rng() * 9);
  return Array.from({ length: n }, (_, i) => {
    const r = rng();
    return {
      id: `A${i}`,
      name: `A${i}`,
      pool: 'in-house',
      shifts: r < 0.2 ? ['day'] : r < 0.3 ? ['middle'] : null,
      nightOk: true,
      maxDaysPerWeek: 4 + Math.floor(rng() * 3),
      unavailable: dates.filter(() => rng() < 0.1),
    };
  });
}
