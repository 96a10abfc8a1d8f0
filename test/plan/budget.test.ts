/**
 * One time budget per run: `--time-limit` (solver.timeLimitSeconds) covers
 * forecast, plan and roster together, and the plan <-> roster rounds share it.
 * A solver that spends the budget on its first solve leaves every later solve
 * MIN_SOLVE_SECONDS; the why-short re-solves (node-limited) are left out.
 */
import { addDays, datesBetween } from '../../src/domain';
import { MIN_SOLVE_SECONDS, runPipeline } from '../../src/pipeline';
import { solverByName, type MipSolver } from '../../src/plan';
import { instance, randomAgents } from './instances';

test('a budget spent by the first solve leaves each later solve the minimum; explanations keep their own limit', async () => {
  const highs = solverByName('highs');
  const calls: Array<{ limit: number; explain: boolean }> = [];
  let first = true;
  const slow: MipSolver = {
    name: 'highs',
    async solve(model, options) {
      calls.push({ limit: options.timeLimitSeconds, explain: options.maxNodes !== undefined });
      if (first) {
        first = false;
        // The first solve takes longer than the whole budget.
        await new Promise((resolve) => setTimeout(resolve, 2600));
      }
      return highs.solve(model, options);
    },
  };
  const { config, requirement, start, end } = instance({ days: 2, pools: 2, offsets: 1, peak: 8, seed: 2 }, { costPerLostInquiry: 1 });
  const agents = randomAgents(2, datesBetween(addDays(start, -1), end));
  const withTeam = { ...config, pools: config.pools.map((p) => (p.kind === 'inhouse' ? { ...p, headcount: agents.length } : p)) };
  const run = await runPipeline({ config: withTeam, source: { kind: 'requirement', requirement }, start, end, agents, solver: slow, allowShort: true, timeLimitSeconds: 2 });
  expect(run.roster?.roster.unfilled ?? []).toEqual([]);
  const budgeted = calls.filter((c) => !c.explain);
  expect(budgeted.length).toBeGreaterThan(1);
  expect(budgeted[0]?.limit).toBeLessThanOrEqual(2);
  for (const c of budgeted.slice(1)) expect(c.limit).toBe(MIN_SOLVE_SECONDS);
  for (const c of calls.filter((x) => x.explain)) expect(c.limit).toBe(2);
}, 60_000);
