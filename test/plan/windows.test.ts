/**
 * Long horizons by window (`solver.windowsFromDays`): a 35-day plan solved in
 * 14-day windows keeps every row of the whole model and is proven against the
 * whole horizon's LP bound; where that proof is above the asked gap the whole
 * model follows, started from the windows' answer; off (the default), the plan
 * is one model.
 */
import { buildPlanModel, findViolations, planShifts, solverByName, type MipSolver, type PlanResult } from '../../src/plan';
import { instance } from './instances';

const SPEC = { days: 35, pools: 3, offsets: 1, seed: 5, peak: 14 };

function setup(mipRelGap: number, windowsFromDays: number): ReturnType<typeof instance> {
  return instance(SPEC, { solver: { mipRelGap, windowsFromDays } });
}

async function plan(mipRelGap: number, windowsFromDays: number, labels: string[]): Promise<PlanResult> {
  const { config, requirement, start, end } = setup(mipRelGap, windowsFromDays);
  const highs = solverByName('highs');
  const solver: MipSolver = { name: 'highs', solve: (model, options) => (labels.push(options.label ?? ''), highs.solve(model, options)) };
  return planShifts(config, requirement, { start, end, solver });
}

const WINDOWS = ['2026-10-31..2026-11-13', '2026-11-07..2026-11-20', '2026-11-14..2026-11-27', '2026-11-21..2026-12-04', '2026-11-28..2026-12-05'];
const windowsOf = (labels: string[]): string[] => labels.filter((l) => l.startsWith('plan, window ')).map((l) => l.replace('plan, window ', ''));
const fallbacks = (labels: string[]): string[] => labels.filter((l) => l.startsWith('plan, whole horizon ('));

function expectValid(result: PlanResult, mipRelGap: number, windowsFromDays: number): void {
  const { config, requirement, start, end } = setup(mipRelGap, windowsFromDays);
  expect(findViolations(buildPlanModel(config, requirement, start, end).mip, result.values).map((v) => v.what)).toEqual([]);
  const s = result.summary.solver;
  expect(s.gap as number).toBeLessThanOrEqual(mipRelGap + 1e-9);
  expect(s.objective).toBeGreaterThanOrEqual((s.bestBound as number) - 1e-6);
}

describe('a 35-day plan', () => {
  const loose: string[] = [];
  const tight: string[] = [];
  const whole: string[] = [];
  let looseWindows: PlanResult;
  let tightWindows: PlanResult;
  let single: PlanResult;
  beforeAll(async () => {
    looseWindows = await plan(0.05, 28, loose);
    tightWindows = await plan(0.01, 28, tight);
    single = await plan(0.01, 0, whole);
  }, 120_000);

  test('windowsFromDays 28 at a 5% gap: the windows (14 days, moving on by 7) answer, proven against the whole horizon LP bound', () => {
    expect(windowsOf(loose)).toEqual(WINDOWS);
    expect(loose).toContain('plan, whole horizon LP bound');
    expect(fallbacks(loose)).toEqual([]);
    expectValid(looseWindows, 0.05, 28);
  });

  test('at 1% the windows\' answer is above the gap against that bound, so the whole model follows from it and proves 1%', () => {
    expect(windowsOf(tight)).toEqual(WINDOWS);
    expect(fallbacks(tight)).toEqual(['plan, whole horizon (windows above the asked gap)']);
    expectValid(tightWindows, 0.01, 28);
    // Both within 1% of the same optimum.
    expect(Math.abs(tightWindows.summary.solver.objective - single.summary.solver.objective) / single.summary.solver.objective).toBeLessThanOrEqual(0.0201);
  });

  test('off (the default, 0): one model, no window', () => {
    expect(setup(0.01, 0).config.solver.windowsFromDays).toBe(0);
    expect(instance(SPEC).config.solver.windowsFromDays).toBe(0);
    expect(windowsOf(whole)).toEqual([]);
    expectValid(single, 0.01, 0);
  });
});
