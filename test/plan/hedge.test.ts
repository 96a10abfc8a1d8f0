/**
 * Hedged lost service in the plan (forecast.hedge): the loss curve of each
 * queue-hour is the expectation over the band's volumes. The model keeps its
 * shape (one coverage row per queue-hour, at most EXTRA_AGENTS priced pieces
 * above the requirement); a collapsed band plans exactly as before; and the
 * hedged plan is the better one in expectation over the band, where the
 * plain plan (sized and priced at the median) is judged the same way.
 */
import { lostInquiryCost, type Config } from '../../src/config';
import type { Requirement, VolumeOutcome } from '../../src/domain';
import { buildPlanModel, planShifts, type PlanResult } from '../../src/plan';
import { EXTRA_AGENTS } from '../../src/plan/constraints/coverage';
import { lostAtStaffing } from '../../src/replay';
import { volumeOutcomes } from '../../src/staffing';
import { instance } from './instances';

const { config, requirement, start, end } = instance({ days: 2, pools: 2, offsets: 1, peak: 14, seed: 3 }, { costPerLostInquiry: 8, solver: { mipRelGap: 0.0005, mipAbsGap: 0.01, timeLimitSeconds: 30 } });

function withOutcomes(req: Requirement, band: (inquiries: number) => VolumeOutcome[]): Requirement {
  return { ...req, queues: req.queues.map((q) => ({ ...q, cells: q.cells.map((c) => (c.inquiries > 0 ? { ...c, outcomes: band(c.inquiries) } : c)) })) };
}

/** A band 15% below and 30% above the median: arrivals that run high more than low. */
const hedgedReq = withOutcomes(requirement, (x) => volumeOutcomes(0.85 * x, x, 1.3 * x));

/** Staffing cost plus the expected price of lost service over each hour's band, at the plan's scheduled agents. */
function expectedTotal(cfg: Config, plan: PlanResult): number {
  let lost = 0;
  for (const row of plan.coverage) {
    if (row.queue === 'all') continue;
    const queue = cfg.queues.find((q) => q.name === row.queue)!;
    const cell = hedgedReq.queues.find((q) => q.name === row.queue)!.cells[plan.coverage.filter((r) => r.queue === row.queue).indexOf(row)]!;
    for (const o of cell.outcomes ?? []) lost += o.weight * lostAtStaffing(queue, o.inquiries, row.scheduled) * lostInquiryCost(cfg, queue);
  }
  return plan.summary.totalCost + lost;
}

let plain: PlanResult;
let hedged: PlanResult;
beforeAll(async () => {
  plain = await planShifts(config, requirement, { start, end, allowShort: true });
  hedged = await planShifts(config, hedgedReq, { start, end, allowShort: true });
});

test('a band collapsed on the median plans exactly as the median curve does', async () => {
  const collapsed = await planShifts(config, withOutcomes(requirement, (x) => [{ inquiries: x, weight: 1 }]), { start, end, allowShort: true });
  expect(collapsed.lines).toEqual(plain.lines);
  expect(collapsed.summary.solver.objective).toBeCloseTo(plain.summary.solver.objective, 6);
});

test('the model keeps its shape: the same rows but coverage (one per queue-hour at most), at most EXTRA_AGENTS priced pieces above each requirement', () => {
  const a = buildPlanModel(config, requirement, start, end).mip;
  const b = buildPlanModel(config, hedgedReq, start, end).mip;
  // Every rule but coverage is untouched; coverage stays one row per queue-hour at most.
  const other = (m: typeof a) => m.constraints.filter((c) => !c.name.startsWith('coverage[')).length;
  expect(other(b)).toBe(other(a));
  expect(b.constraints.length - other(b)).toBeLessThanOrEqual(requirement.queues.length * 24 * 2);
  expect(b.constraints.length - other(b)).toBeGreaterThanOrEqual(a.constraints.length - other(a));
  const pieces = new Map<string, number>();
  for (const v of b.variables) {
    const m = /^unbought\[(.+),(\d+)\]$/.exec(v.name);
    if (m) pieces.set(m[1] as string, (pieces.get(m[1] as string) ?? 0) + 1);
  }
  expect(pieces.size).toBeGreaterThan(0);
  expect(Math.max(...pieces.values())).toBeLessThanOrEqual(EXTRA_AGENTS);
  expect(b.variables.length).toBeLessThanOrEqual(a.variables.length + EXTRA_AGENTS * pieces.size);
});

test('the hedged plan buys a buffer where the band runs high and is the cheaper one in expectation over the band', () => {
  const productive = (p: PlanResult) => p.coverage.filter((r) => r.queue !== 'all').reduce((n, r) => n + r.scheduled, 0);
  expect(productive(hedged)).toBeGreaterThan(productive(plain));
  expect(hedged.summary.totalCost).toBeGreaterThan(plain.summary.totalCost);
  const gaps = Math.abs(hedged.summary.solver.objective - (hedged.summary.solver.bestBound ?? hedged.summary.solver.objective));
  expect(expectedTotal(config, hedged)).toBeLessThan(expectedTotal(config, plain) + gaps);
});
