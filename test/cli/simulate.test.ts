import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';

const fixtures = path.resolve(__dirname, '../fixtures/whatif');

/** A plan folder with the fixture's config and forecast and `agents` productive agents per queue and hour. */
function planFolder(agents: (hour: number) => number, withQueueColumn = true): string {
  const dir = tempDir();
  fs.copyFileSync(path.join(fixtures, 'config.json'), path.join(dir, 'config.json'));
  fs.copyFileSync(path.join(fixtures, 'forecast.csv'), path.join(dir, 'forecast.csv'));
  const lines = [withQueueColumn ? 'timestamp,queue,required,scheduled,shortfall,surplus,agents' : 'timestamp,required,scheduled,shortfall,surplus'];
  for (let h = 0; h < 72; h++) {
    const ts = `2026-06-${16 + Math.floor(h / 24)}T${String(h % 24).padStart(2, '0')}:00`;
    if (withQueueColumn) for (const q of ['presales', 'aftersales']) lines.push(`${ts},${q},5,${agents(h)},0,0,${agents(h)}`);
    else lines.push(`${ts},5,${agents(h)},0,0`);
  }
  fs.writeFileSync(path.join(dir, 'coverage.csv'), `${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'summary.json'), '{"totalCost": 1}\n');
  return dir;
}

test('simulate writes simulation.csv and the summary section; the same seed gives the same bytes', async () => {
  const dir = planFolder(() => 40);
  const first = await runCli(['simulate', '--plan', dir, '--runs', '2', '--seed', '5']);
  expect(first.code).toBe(0);
  const csv = fs.readFileSync(path.join(dir, 'simulation.csv'), 'utf8');
  expect(csv.split('\n')[0]).toBe('timestamp,queue,offered,answered,abandoned,service_level,asa_seconds,abandon_rate');
  expect(csv.trim().split('\n')).toHaveLength(1 + 72 * 3);
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { totalCost: number; simulation: { runs: number; seed: number; serviceLevel: number; shareOfHoursMeetingTarget: number } };
  expect(summary.totalCost).toBe(1);
  expect(summary.simulation).toMatchObject({ runs: 2, seed: 5 });
  // 40 agents x 3 sessions for at most ~540 presales an hour: everybody is answered at once.
  expect(summary.simulation.serviceLevel).toBeGreaterThan(0.99);
  expect(summary.simulation.shareOfHoursMeetingTarget).toBe(1);
  expect(first.stdout).toContain('| presales | 90.0% |');

  const again = await runCli(['simulate', '--plan', dir, '--runs', '2', '--seed', '5']);
  expect(again.stdout).toBe(first.stdout);
  expect(fs.readFileSync(path.join(dir, 'simulation.csv'), 'utf8')).toBe(csv);
});

test('an understaffed evening shows in the hours meeting target, and p90 arrivals make it worse', async () => {
  const dir = planFolder((h) => (h % 24 >= 18 && h % 24 < 22 ? 2 : 40));
  await runCli(['simulate', '--plan', dir, '--runs', '1']);
  const mean = (JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { simulation: { shareOfHoursMeetingTarget: number; serviceLevel: number } }).simulation;
  expect(mean.shareOfHoursMeetingTarget).toBeLessThan(1 - (3 * 4 * 2 - 1) / (72 * 2));
  await runCli(['simulate', '--plan', dir, '--runs', '1', '--arrivals', 'p90']);
  const p90 = (JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { simulation: { serviceLevel: number } }).simulation;
  expect(p90.serviceLevel).toBeLessThan(mean.serviceLevel);
});

test.each<[string, (dir: string) => string[], (dir: string) => string]>([
  ['runs of 0', (d) => ['--plan', d, '--runs', '0'], () => 'error: --runs 0: expected a whole number from 1 to 1000'],
  ['unknown arrivals', (d) => ['--plan', d, '--arrivals', 'p95'], () => 'error: --arrivals p95: expected forecast or p90'],
  ['no plan folder', () => ['--plan', '/nonexistent/plan'], () => 'error: /nonexistent/plan/config.json: no such file; expected a readable JSON config file'],
  ['totals only with two queues', (d) => ['--plan', d], (d) => `error: ${path.join(d, 'coverage.csv')}:1:1: no queue column with 2 queues in the config; expected one row per hour and queue`],
])('%s exits 2', async (_what, argv, expected) => {
  const dir = planFolder(() => 10, false);
  const r = await runCli(['simulate', ...argv(dir)]);
  expect(r.code).toBe(2);
  expect(r.stderr.startsWith(expected(dir))).toBe(true);
});
