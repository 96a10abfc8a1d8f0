/**
 * Monotone in price: raising costPerLostInquiry never raises the shortfall by
 * more than the solvers' gaps allow. The shortfall S is the inquiries lost
 * below the requirement (summary.shortfall.lostInquiries, on the model's own
 * price-free loss curve). For prices p1 < p2 with plans A (at p1) and B (at
 * p2), each within its absolute gap g of its optimum:
 *
 *   C(A) + p1 S(A) <= C(B) + p1 S(B) + g1     C(B) + p2 S(B) <= C(A) + p2 S(A) + g2
 *
 * and adding the two: S(B) - S(A) <= (g1 + g2) / (p2 - p1). (Agents bought
 * above the requirement are priced too, by the service they add; they only
 * grow with the price.) The walk goes through plan and roster: each price is
 * also planned and rostered to named agents with planWithRoster, every seat
 * filled, and the same bound holds there; and the inquiries answered late at
 * the scheduled agents fall from the cheapest price to the dearest.
 */
import type { Config } from '../../src/config';
import { addDays, datesBetween } from '../../src/domain';
import { planShifts, solverByName, type PlanResult } from '../../src/plan';
import { planWithRoster } from '../../src/roster';
import { instance, randomAgents } from './instances';

const PRICES = [0.5, 4, 30];
const highs = solverByName('highs');
/** Tie-breaks in the objective: far below this. */
const TIES = 0.5;

interface Step {
  short: number;
  late: number;
  gap: number;
}

function step(plan: PlanResult): Step {
  const s = plan.summary;
  const late = plan.coverage.filter((c) => c.queue !== 'all').reduce((n, c) => n + (c.lateInquiries ?? 0), 0);
  if (s.solver.bestBound === null) throw new Error('the solver gave no bound');
  return { short: s.shortfall.lostInquiries, late, gap: Math.abs(s.solver.objective - s.solver.bestBound) };
}

function expectMonotone(walk: Step[], what: string): void {
  for (let i = 1; i < walk.length; i++) {
    const a = walk[i - 1] as Step;
    const b = walk[i] as Step;
    const bound = (a.gap + b.gap + 2 * TIES) / ((PRICES[i] as number) - (PRICES[i - 1] as number));
    if (b.short - a.short > bound) throw new Error(`${what}, price ${PRICES[i - 1]} -> ${PRICES[i]}: lost inquiries ${a.short.toFixed(2)} -> ${b.short.toFixed(2)}, more than the gaps allow (${bound.toFixed(2)})`);
  }
  const first = walk[0] as Step;
  const last = walk[walk.length - 1] as Step;
  // The walk spans real choices: the dearest price buys back service the cheapest leaves.
  expect(last.short).toBeLessThan(first.short - 1);
  expect(last.late).toBeLessThan(first.late);
}

test('a walk of prices through plan and roster loses no more service at a higher price than the gaps allow', async () => {
  const spec = { days: 3, pools: 2, offsets: 1, peak: 12, seed: 5 };
  const { config: base, requirement, start, end } = instance(spec, { solver: { mipRelGap: 0.0005, mipAbsGap: 0.01, timeLimitSeconds: 30 } });
  const agents = randomAgents(5, datesBetween(addDays(start, -1), end));
  const plans: Step[] = [];
  const rostered: Step[] = [];
  for (const price of PRICES) {
    const config: Config = { ...base, costPerLostInquiry: price, pools: base.pools.map((p) => (p.kind === 'inhouse' ? { ...p, headcount: agents.length } : p)) };
    plans.push(step(await planShifts(config, requirement, { start, end, allowShort: true })));
    const together = await planWithRoster(config, requirement, agents, { start, end, eventDates: new Set(), solver: highs, allowShort: true });
    expect(together.roster.unfilled.reduce((n, u) => n + u.seats, 0)).toBe(0);
    rostered.push(step(together.plan));
  }
  expectMonotone(plans, 'plan');
  expectMonotone(rostered, 'plan with roster');
}, 120_000);
