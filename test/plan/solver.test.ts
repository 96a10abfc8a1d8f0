import { highsSolver } from '../../src/plan/solver/highs';
import { jslpSolver, rejectBrokenAnswer } from '../../src/plan/solver/jslp';
import { MipBuilder, SolveLog, findViolations, toLpText } from '../../src/plan/solver';

/**
 * min 3x + 2y + 4z  s.t. x + y + z >= 7.5, x - y <= 2, 0 <= x <= 10, 0 <= y <= 3, x, y, z integer.
 * By hand: y = 3 (cheapest), then x <= 5 (x - y <= 2) and x + z >= 4.5 → x = 5, z = 0: 15 + 6 = 21.
 */
function tiny(): ReturnType<MipBuilder['build']> {
  const b = new MipBuilder();
  const x = b.addVariable('x', { upper: 10, integer: true, cost: 3 });
  const y = b.addVariable('y', { upper: 3, integer: true, cost: 2 });
  const z = b.addVariable('z', { integer: true, cost: 4 });
  b.addConstraint('c1', [x, y, z], [1, 1, 1], '>=', 7.5);
  b.addConstraint('c2', [x, y, y], [1, -0.5, -0.5], '<=', 2);
  b.objectiveOffset = 100;
  return b.build();
}

const options = { relativeGap: 0, absoluteGap: 0, timeLimitSeconds: 10 };

describe('solver adapters', () => {
  test('LP text lists every variable with bounds and integrality, merging repeated terms', () => {
    const text = toLpText(tiny());
    expect(text).toContain(' obj: + 3 x0 + 2 x1 + 4 x2\n');
    expect(text).toContain(' c0: + x0 + x1 + x2 >= 7.5\n c1: + x0 - x1 <= 2\n');
    expect(text).toContain(' 0 <= x2 <= inf');
    expect(text).toMatch(/General\n x0 x1 x2\nEnd/);
  });

  test('HiGHS finds the hand-computed optimum and reports bound, gap and seconds', async () => {
    const r = await highsSolver.solve(tiny(), options);
    expect(r.status).toBe('optimal');
    expect(r.values).toEqual([5, 3, 0]);
    expect(r.objective).toBeCloseTo(121, 9);
    expect(r.bestBound).toBeCloseTo(121, 6);
    expect(r.gap).toBeCloseTo(0, 9);
    expect(r.seconds).toBeGreaterThanOrEqual(0);
  });

  test('a start (whole, partial, or infeasible) leaves the optimum as it is, and the solve log records it', async () => {
    const log = new SolveLog();
    log.stage = 'plan';
    log.round = 2;
    const solver = log.wrap(highsSolver);
    const starts = [new Map([['x', 5], ['y', 3], ['z', 0]]), new Map([['x', 10]]), new Map([['x', 0], ['y', 0], ['z', 0]])];
    for (const start of starts) {
      const r = await solver.solve(tiny(), { ...options, start });
      expect([r.status, r.objective, r.values]).toEqual(['optimal', 121, [5, 3, 0]]);
    }
    await solver.solve(tiny(), options);
    expect(log.records.map((x) => [x.stage, x.round, x.variables, x.integerVariables, x.constraints, x.status, x.gap, x.warmStart])).toEqual([
      ...starts.map(() => ['plan', 2, 3, 3, 2, 'optimal', 0, true]),
      ['plan', 2, 3, 3, 2, 'optimal', 0, false],
    ]);
    expect(log.seconds()).toBeCloseTo(log.records.reduce((n, x) => n + x.seconds, 0), 9);
  });

  test('HiGHS reports an infeasible model as infeasible', async () => {
    const b = new MipBuilder();
    const x = b.addVariable('x', { upper: 1, integer: true, cost: 1 });
    b.addConstraint('c', [x], [1], '>=', 2);
    expect((await highsSolver.solve(b.build(), options)).status).toBe('infeasible');
  });

  test('javascript-lp-solver agrees on the tiny model', async () => {
    const r = await jslpSolver.solve(tiny(), options);
    expect(r.values).toEqual([5, 3, 0]);
    expect(r.objective).toBeCloseTo(121, 9);
  });

  test('a non-integral or constraint-breaking answer is rejected with a clear error', () => {
    const model = tiny();
    expect(() => rejectBrokenAnswer(model, [4.5, 3, 0])).toThrow(/javascript-lp-solver returned an answer that breaks the model \(1 problem\(s\), first: x = 4.5 is not a whole number\)/);
    expect(() => rejectBrokenAnswer(model, [1, 1, 1])).toThrow(/first: c1: 3 >= 7.5 fails/);
    expect(findViolations(model, [5, 3, 0])).toEqual([]);
  });
});
