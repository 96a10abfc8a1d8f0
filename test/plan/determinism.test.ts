/** The same input gives the same plan, byte for byte (solver seconds aside). */
import { planShifts } from '../../src/plan';
import { instance } from './instances';

test('repeat runs give identical lines, coverage and summary', async () => {
  const inst = instance({ days: 7, pools: 3, offsets: 3, queues: 2, peak: 15 }, { solver: { mipRelGap: 0.005 } });
  const render = async (): Promise<string> => {
    const r = await planShifts(inst.config, inst.requirement, inst);
    const summary = { ...r.summary, solver: { ...r.summary.solver, seconds: 0 } };
    return JSON.stringify([r.lines, r.coverage, summary]);
  };
  const first = await render();
  expect(await render()).toBe(first);
  expect(first.length).toBeGreaterThan(10_000);
});
