/** Impossible requests fail with InfeasiblePlanError (exit 3) naming the settings that conflict. */
import { InfeasiblePlanError } from '../../src/domain';
import { planShifts } from '../../src/plan';
import { instance } from './instances';

async function failure(promise: Promise<unknown>): Promise<InfeasiblePlanError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InfeasiblePlanError) return error;
    throw error;
  }
  throw new Error('expected the plan to be infeasible');
}

describe('impossible requests', () => {
  test('an in-house daily minimum above what headcount x maxDaysPerWeek allows in 7 days', async () => {
    const inst = instance({ days: 7, pools: 3, offsets: 1 });
    inst.config.pools[0] = { ...inst.config.pools[0], minAgentsPerDay: 25 } as (typeof inst.config.pools)[0];
    const e = await failure(planShifts(inst.config, inst.requirement, inst));
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe('pools[0].minAgentsPerDay 25 (in-house) needs 175 agent-days in 7 days, but pools[0].headcount 30 x pools[0].maxDaysPerWeek 5 allows 150');
  });

  test('a daily outsourcing minimum on a day no vendor is available yet', async () => {
    const inst = instance({ days: 3, pools: 2, offsets: 1 }, { outsourcing: { min: 0.5, max: 1, scope: 'day' } });
    inst.config.pools[1] = { ...inst.config.pools[1], availableFrom: '2026-11-02' } as (typeof inst.config.pools)[1];
    const e = await failure(planShifts(inst.config, inst.requirement, inst));
    expect(e.message).toBe(
      'outsourcing.min 0.5 (scope day) needs vendor hours in 2026-11-01, but no vendor can work then (vendor-a: availableFrom 2026-11-02)',
    );
    expect(e.settings).toEqual(['outsourcing.min', 'outsourcing.scope', 'pools[1].availableFrom']);
  });

  test("vendors' own minimum shares above the outsourcing maximum", async () => {
    const inst = instance({ days: 2, pools: 3, offsets: 1 }, { outsourcing: { min: 0, max: 0.5 } });
    inst.config.pools[1] = { ...inst.config.pools[1], minShare: 0.3 } as (typeof inst.config.pools)[1];
    inst.config.pools[2] = { ...inst.config.pools[2], minShare: 0.3 } as (typeof inst.config.pools)[2];
    const e = await failure(planShifts(inst.config, inst.requirement, inst));
    expect(e.message).toBe("the vendors' minShare add up to 0.6, above outsourcing.max 0.5");
  });

  test('a ratio band the pools cannot reach is diagnosed by the solver and named', async () => {
    // In-house must put 20 agents on every day (>= 160 productive hours a day in day shifts),
    // vendors may send at most 5 + 5 a day: 90% vendor hours is out of reach.
    const inst = instance({ days: 2, pools: 3, offsets: 1 }, { outsourcing: { min: 0.9, max: 1 } });
    inst.config.pools[0] = { ...inst.config.pools[0], minAgentsPerDay: 20 } as (typeof inst.config.pools)[0];
    inst.config.pools[1] = { ...inst.config.pools[1], maxAgentsPerDay: 5 } as (typeof inst.config.pools)[1];
    inst.config.pools[2] = { ...inst.config.pools[2], maxAgentsPerDay: 5 } as (typeof inst.config.pools)[2];
    const e = await failure(planShifts(inst.config, inst.requirement, inst));
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^no plan meets outsourcing\.min 0\.9, outsourcing\.max 1, outsourcing\.scope horizon, pools\[0\]\.minAgentsPerDay 20 \(in-house\) together with the pools' capacity \(pools\[0\]\.headcount 30 \(in-house\), pools\[1\]\.maxAgentsPerDay 5 \(vendor-a\), pools\[2\]\.maxAgentsPerDay 5 \(vendor-b\)\)$/);
  });

  test('requirements that do not cover the horizon are a usage error', async () => {
    const inst = instance({ days: 2, pools: 2, offsets: 1 });
    await expect(planShifts(inst.config, inst.requirement, { start: '2026-11-01', end: '2026-11-05' })).rejects.toThrow(
      'the requirements cover 2026-11-01T00:00 to 2026-11-02T23:00, but the plan 2026-11-01..2026-11-05 needs every hour from 2026-11-01T00:00 to 2026-11-05T23:00',
    );
  });
});
