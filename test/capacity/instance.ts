/**
 * A small capacity instance: one chat queue open 08:00-20:00, 16 weeks from
 * Monday 2026-08-03 with a peak in weeks 12-13 (2026-10-19 .. 11-01), 10
 * in-house agents on a day and a late shift, one vendor. The requirement comes
 * from computeRequirements, as in `peakshift capacity`.
 */
import { parseConfig, type Config } from '../../src/config';
import { addDays, type Demand } from '../../src/domain';
import { computeRequirements } from '../../src/staffing';
import { planCapacity, type CapacityPlan } from '../../src/capacity';
import { solverByName } from '../../src/plan';

export const FROM = '2026-08-03';
export const UNTIL = '2026-11-22';
export const PEAK = { start: '2026-10-19', end: '2026-11-01' };

export function instanceConfig(overrides: { capacity?: Record<string, unknown>; vendorRate?: number; band?: { min: number; max: number } } = {}): Config {
  return parseConfig({
    queues: [{ name: 'chat', ahtSeconds: 180, concurrency: 2, target: { serviceLevel: 0.8, answerSeconds: 30 }, maxOccupancy: 0.85 }],
    shrinkage: 0.2,
    shifts: [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8 },
      { name: 'late', code: 'L', start: '12:00', hours: 9, paidHours: 8 },
    ],
    pools: [
      { name: 'in-house', kind: 'inhouse', headcount: 10, hourlyCost: 30 },
      { name: 'vendor', kind: 'vendor', maxAgentsPerDay: 60, pricing: { model: 'perHour', rate: overrides.vendorRate ?? 32 }, trainingDays: 2 },
    ],
    horizon: PEAK,
    outsourcing: { min: overrides.band?.min ?? 0, max: overrides.band?.max ?? 1, scope: 'horizon' },
    costPerLostInquiry: 10,
    capacity: {
      quantile: 'p50',
      shiftEfficiency: 0.8,
      recruitingLeadWeeks: 2,
      trainingWeeks: 3,
      classSize: { min: 4, max: 20 },
      costPerHire: 500,
      recruitingYield: 0.75,
      ramp: [{ weeks: 2, ahtMultiplier: 1.5 }, { weeks: 2, ahtMultiplier: 1.2 }],
      temps: { contractWeeks: 12, releaseNoticeWeeks: 1, hourlyCost: 25 },
      vendors: [{ name: 'vendor', leadWeeks: 0, minTermWeeks: 2, seatsAtStart: 0 }],
      ...(overrides.capacity ?? {}),
    },
  });
}

/** Inquiries per hour: 08:00-20:00 open, 120 an hour, x3 in the peak weeks. */
export function instanceDemand(): Demand {
  const days = 16 * 7;
  const values: number[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(FROM, d);
    const peak = date >= PEAK.start && date <= PEAK.end ? 3 : 1;
    for (let h = 0; h < 24; h++) values.push(h >= 8 && h < 20 ? 120 * peak : 0);
  }
  return { timezone: 'Asia/Shanghai', startHour: `${FROM}T00:00`, hours: values.length, queues: [{ name: 'chat', forecast: values, p10: values, p50: values, p90: values }], events: values.map(() => '') };
}

export async function planInstance(config: Config): Promise<CapacityPlan> {
  const demand = instanceDemand();
  const requirement = computeRequirements(demand, config, { quantile: 'p50', file: 'test' });
  return planCapacity({ config, requirement, demand, from: FROM, until: UNTIL, quantile: 'p50', solver: solverByName('highs') });
}
