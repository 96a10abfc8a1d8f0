/**
 * A seeded fuzz run in the suite: a few hundred mutations of the sample
 * history, config and agents file through inspect, forecast, plan and erlang,
 * in this process (about 20 s on two cores). scripts/fuzz.ts runs the same
 * cases at any count. Every case: exit 0 or 2 (plan: or 3), one error line and
 * no stack trace on failure, no NaN or Infinity in any output, no output file
 * after a failure, a bad data line named by its number, under 10 s.
 */
import { makeCase, runCase, summarize, type CaseResult } from './harness';

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
