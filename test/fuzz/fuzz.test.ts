/**
 * A seeded fuzz run in the suite: a few hundred mutations of the sample
 * history, config and agents file through inspect, forecast, plan and erlang,
 * in this process (about 20 s on two cores). scripts/fuzz.ts runs the same
 * cases at any count. Every case: exit 0 or 2 (plan: or 3), one error line and
 * no stack trace on failure, no NaN or Infinity in any output, no output file
 * after a failure, a bad data line named by its number, under 10 s. Every size
 * mutation over a cap (names of five million characters, lists just and far
 * over theirs) is refused by `plan` with exit 2 naming the field.
 */
import { makeCase, runCase, SIZE_MUTATIONS, sizedConfig, summarize, type CaseResult, type FuzzCase } from './harness';

const SEED = 20_261_111;
const CASES = 300;
const MIX = { history: 0.86, plan: 0.06, timeLimitSeconds: 1 };

const results: CaseResult[] = [];

beforeAll(async () => {
  for (let i = 0; i < CASES; i++) results.push(await runCase(makeCase(SEED, i, MIX)));
}, 240_000);

test('the run covers every command and both outcomes', () => {
  const s = summarize(SEED, results);
  expect(s.cases).toBe(CASES);
  for (const command of ['inspect', 'forecast', 'plan', 'erlang']) expect(s.byCommand[command] ?? 0).toBeGreaterThan(5);
  expect(s.byExit['0'] ?? 0).toBeGreaterThan(CASES / 10);
  expect(s.byExit['2'] ?? 0).toBeGreaterThan(CASES / 4);
});

test('every case keeps the rules', () => {
  const broken = results.filter((r) => r.problems.length > 0).map((r) => `case ${r.index} ${r.command} [${r.mutation}]: ${r.problems.join('; ')} | ${r.stderr.split('\n')[0] ?? ''}`);
  expect(broken).toEqual([]);
});

test('bad data lines are named by their own line number', () => {
  expect(results.filter((r) => r.unlocated).map((r) => `${r.mutation}: ${r.stderr}`)).toEqual([]);
  expect(results.filter((r) => r.otherLine).map((r) => `${r.mutation}: ${r.stderr}`)).toEqual([]);
});

test('every config size over its cap: plan exits 2 at once, naming the field', async () => {
  const base = makeCase(SEED, 0, { history: 0, plan: 1, agents: 0 });
  const over = SIZE_MUTATIONS.filter((m) => m.over);
  expect(over.length).toBeGreaterThan(15);
  const broken: string[] = [];
  for (const [i, mutation] of over.entries()) {
    const c: FuzzCase = { ...base, index: i, mutation: mutation.name, capField: mutation.field as string, files: { ...base.files, config: sizedConfig(mutation) } };
    const r = await runCase(c);
    if (r.problems.length > 0 || r.code !== 2) broken.push(`${mutation.name}: exit ${r.code}, ${r.problems.join('; ')} | ${r.stderr.slice(0, 200)}`);
  }
  expect(broken).toEqual([]);
}, 60_000);
