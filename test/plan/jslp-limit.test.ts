/** javascript-lp-solver honours the time limit even inside one long simplex run: its worker thread is ended from outside. */
import { buildPlanModel } from '../../src/plan';
import { jslpSolver } from '../../src/plan/solver/jslp';
import { makeConfig, makeRequirement } from './instances';

test('a model jslp cannot finish in the limit ends as "no solution", the worker stopped', async () => {
  const spec = { days: 28, pools: 10, offsets: 3 };
  const config = makeConfig(spec);
  const model = buildPlanModel(config, makeRequirement(spec, config.queues.map((q) => q.name)), '2026-11-01', '2026-11-28');
  const r = await jslpSolver.solve(model.mip, { relativeGap: 0.001, absoluteGap: 1, timeLimitSeconds: 0.5 });
  expect(r.status).toBe('noSolution');
  expect(r.solverStatus).toBe('time limit (worker stopped)');
  expect(r.values).toEqual([]);
});
