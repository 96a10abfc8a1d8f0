/**
 * PlanQueue with `maxRunning`: plans start as places free, in order; waiting
 * plans count the running ones ahead of them; drained() waits for the last.
 */
import type { PlanInputs, PlanOutput, PlanRunner } from '../../src/jobs';
import { PlanQueue } from '../../src/web/queue';

function gatedRunner(): { runner: PlanRunner; started: string[]; release: (file: string) => void } {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const runner: PlanRunner = (inputs: PlanInputs) =>
    new Promise<PlanOutput>((resolve) => {
      started.push(inputs.history.file);
      gates.set(inputs.history.file, () => resolve({ files: [{ name: 'out.txt', type: 'text/plain', body: inputs.history.file }], summary: null }));
    });
  return { runner, started, release: (file) => gates.get(file)?.() };
}

const inputs = (file: string): PlanInputs => ({ history: { file, text: '' }, config: { file: 'c.json', text: '{}' } });
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('two at a time: the third waits behind both, starts when one ends, and drained() waits for all', async () => {
  const gate = gatedRunner();
  const queue = new PlanQueue(gate.runner, { maxQueued: 5, timeoutMs: 60_000, keepFinished: 10, maxRunning: 2 });
  const [a, b, c] = ['a', 'b', 'c'].map((f) => queue.submit(inputs(f))) as [ReturnType<PlanQueue['submit']>, ReturnType<PlanQueue['submit']>, ReturnType<PlanQueue['submit']>];
  await turn();
  expect(gate.started).toEqual(['a', 'b']);
  expect(queue.get(c.id)).toMatchObject({ state: 'queued', position: 2 });
  expect(queue.pending).toBe(3);
  let drained = false;
  void queue.drained().then(() => (drained = true));
  gate.release('b');
  await turn();
  expect(gate.started).toEqual(['a', 'b', 'c']);
  expect(queue.get(b.id)).toMatchObject({ state: 'done' });
  expect(queue.file(b.id, 'out.txt')?.body).toBe('b');
  gate.release('c');
  await turn();
  expect(drained).toBe(false);
  gate.release('a');
  await turn();
  expect(drained).toBe(true);
  expect(queue.get(a.id)).toMatchObject({ state: 'done' });
});

test('one at a time by default', async () => {
  const gate = gatedRunner();
  const queue = new PlanQueue(gate.runner, { maxQueued: 5, timeoutMs: 60_000, keepFinished: 10 });
  const second = (['a', 'b'].map((f) => queue.submit(inputs(f))))[1];
  await turn();
  expect(gate.started).toEqual(['a']);
  expect(queue.get(second?.id ?? '')).toMatchObject({ state: 'queued', position: 1 });
  gate.release('a');
  await turn();
  expect(gate.started).toEqual(['a', 'b']);
  gate.release('b');
  await queue.drained();
});
