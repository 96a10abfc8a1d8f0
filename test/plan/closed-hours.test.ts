/**
 * Closed hours need no pool: a bank with one day shift plans its open hours,
 * and only an hour with demand and no shift reaching it is an impossible request.
 */
import { parseConfig } from '../../src/config';
import { InfeasiblePlanError, type Requirement } from '../../src/domain';
import { planShifts } from '../../src/plan';

function requirement(perHour: (h: number) => number): Requirement {
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2026-11-11T00:00',
    hours: 24,
    queues: [{ name: 'calls', cells: Array.from({ length: 24 }, (_, h) => ({ inquiries: 0, agents: perHour(h), scheduled: perHour(h), serviceLevel: 0.8, asaSeconds: 20, occupancy: 0.8, abandonRate: null })) }],
  };
}

const bank = parseConfig({
  queues: [{ name: 'calls' }],
  shrinkage: 0,
  shifts: [{ name: 'day', code: 'D', start: '08:00', hours: 9 }],
  pools: [{ name: 'tellers', kind: 'inhouse', headcount: 20, hourlyCost: 10, maxDaysPerWeek: 7 }],
  solver: { mipRelGap: 0, mipAbsGap: 0.001 },
});
const day = { start: '2026-11-11', end: '2026-11-11' };

test('a config whose shifts leave the night uncovered is valid', () => {
  expect(bank.shifts.map((s) => s.name)).toEqual(['day']);
});

test('plans the open hours with no shortfall when the closed hours need nobody', async () => {
  const plan = await planShifts(bank, requirement((h) => (h >= 8 && h < 17 ? 3 : 0)), day);
  expect(plan.lines.map((l) => [l.shift, l.agents])).toEqual([['day', 3]]);
  expect(plan.summary.shortfall.agentHours).toBe(0);
});

test('an hour with demand that no shift reaches is an impossible request naming it', async () => {
  const run = planShifts(bank, requirement((h) => (h === 3 || (h >= 8 && h < 17) ? 2 : 0)), day);
  await expect(run).rejects.toThrow(InfeasiblePlanError);
  await expect(run).rejects.toThrow("2026-11-11T03:00 calls needs 2 productive agents, but no pool's shifts reach 03:00");
});
