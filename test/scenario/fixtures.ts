import { parseConfig, type Config } from '../../src/config';
import type { Demand } from '../../src/domain';

/** A small operation shaped like the sample: two queues, one in-house pool, two vendors. */
export const baseConfigJson = {
  horizon: { start: '2026-06-16', end: '2026-06-18' },
  queues: [
    { name: 'presales', share: 0.6, ahtSeconds: 180, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30 }, patienceSeconds: 300 },
    { name: 'aftersales', share: 0.4, ahtSeconds: 240, concurrency: 2, target: { serviceLevel: 0.8, answerSeconds: 30 } },
  ],
  shrinkage: 0.25,
  pools: [
    { name: 'in-house', kind: 'inhouse', headcount: 24, hourlyCost: 32, nightPremium: 0.3, shifts: ['day', 'middle'] },
    { name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 60, productivity: 0.9, pricing: { model: 'perHour', rate: 30 } },
    { name: 'vendor-b', kind: 'vendor', maxAgentsPerDay: 40, pricing: { model: 'perSeatShift', rate: 260 }, engagementFee: 3000 },
  ],
  outsourcing: { min: 0.6, max: 0.7 },
  events: [{ name: 'promo', date: '2026-06-18', startOffsetDays: -1, uplift: 1.5 }],
};

export function baseConfig(): Config {
  return parseConfig(baseConfigJson);
}

/** 48 hours from 2026-06-17T00:00, one `all` queue with 100 inquiries an hour; the second day is the event. */
export function flatDemand(hours = 48, perHour = 100): Demand {
  const series = (f: number) => Array.from({ length: hours }, () => perHour * f);
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2026-06-17T00:00',
    hours,
    queues: [{ name: 'all', forecast: series(1), p10: series(0.8), p50: series(1), p90: series(1.3) }],
    events: Array.from({ length: hours }, (_, i) => (i >= 24 ? 'promo' : '')),
  };
}
