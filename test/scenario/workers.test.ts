import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { PlannerError } from '../../src/domain';
import { runPool, type PlanSimulationInput, type PlanSimulationResult } from '../../src/scenario';

const simulation = { file: path.resolve(__dirname, '../../src/scenario/simulation'), exportName: 'simulatePlan' };
const probe = { file: path.resolve(__dirname, 'poolProbe'), exportName: 'probe' };

function inputs(): PlanSimulationInput[] {
  return [3, 1, 4, 1, 5, 9].map((seed, i) => ({
    startHour: '2026-06-01T00:00',
    hours: 12,
    queues: [{ name: 'q', arrivalsPerHour: Array(12).fill(100 + 40 * i), productiveAgents: Array(12).fill(6 + 2 * i), concurrency: 1, ahtSeconds: 180, answerSeconds: 20, targetServiceLevel: 0.8, patienceSeconds: 300 }],
    handling: { kind: 'exponential' },
    runs: 2,
    seed,
  }));
}

test('results are identical and in input order for 0 (in-process), 1 and 4 threads', async () => {
  const [inline, one, four] = await Promise.all([0, 1, 4].map((jobs) => runPool<PlanSimulationInput, PlanSimulationResult>(simulation, inputs(), { jobs })));
  expect(inline).toHaveLength(6);
  expect(one).toEqual(inline);
  expect(four).toEqual(inline);
  expect((inline as PlanSimulationResult[]).map((r) => r.seed)).toEqual([3, 1, 4, 1, 5, 9]);
});

test('tasks really run in worker threads, spread over them', async () => {
  const ids = await runPool<number, number>(probe, [60, 10, 10, 10, 60, 10, 10, 10], { jobs: 4 });
  expect(ids.every((id) => id !== threadId)).toBe(true);
  expect(new Set(ids).size).toBeGreaterThan(1);
});

test('progress is reported once per task', async () => {
  const seen: number[] = [];
  await runPool(probe, [1, 1, 1], { jobs: 2, onProgress: (done) => seen.push(done) });
  expect(seen).toEqual([1, 2, 3]);
});

test('a task error reaches the caller with its planner fields', async () => {
  const failing = runPool(probe, [1, -1, 1], { jobs: 2 });
  await expect(failing).rejects.toBeInstanceOf(PlannerError);
  await expect(failing).rejects.toThrow('negative input -1');
  await expect(failing).rejects.toMatchObject({ exitCode: 2, code: 'usage' });
});
