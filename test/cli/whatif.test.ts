import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { tempDir, tempFile } from '../helpers/paths';

const fixtures = path.resolve(__dirname, '../fixtures/whatif');
const scenarios = path.join(fixtures, 'scenarios.json');

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

describe('peakshift whatif', () => {
  test('--jobs 1 and --jobs 4 write byte-identical folders', async () => {
    const one = path.join(tempDir(), 'out');
    const four = path.join(tempDir(), 'out');
    const args = ['whatif', '--scenarios', scenarios, '--runs', '1', '--sweep', 'volume=1:1.2:0.2'];
    const [a, b] = [await runCli([...args, '--out-dir', one, '--jobs', '1']), await runCli([...args, '--out-dir', four, '--jobs', '4'])];
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, expect.stringContaining('wrote'), expect.stringContaining('wrote')]);
    const files = listFiles(one);
    expect(listFiles(four)).toEqual(files);
    for (const f of files) expect(fs.readFileSync(path.join(four, f), 'utf8')).toBe(fs.readFileSync(path.join(one, f), 'utf8'));
    expect(a.stdout).toBe(b.stdout);

    expect(files).toEqual(expect.arrayContaining([
      'comparison.csv', 'comparison.html', 'comparison.md', 'sweep-volume.csv',
      '00-base/config.json', '00-base/coverage.csv', '00-base/forecast.csv', '00-base/requirements.csv', '00-base/shifts.csv', '00-base/simulation.csv', '00-base/summary.json',
      '03-vendor-b-out/summary.json', 'sweeps/00-volume/01-1.2/summary.json',
    ]));
    const csv = fs.readFileSync(path.join(one, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv.map((l) => l.split(',')[0])).toEqual(['scenario', 'base', 'promo +30%', '50/50 ratio', 'vendor-b out', 'AHT +20%', 'target 20 s']);
    const vendorOut = JSON.parse(fs.readFileSync(path.join(one, '03-vendor-b-out/config.json'), 'utf8')) as { pools: Array<{ name: string }> };
    expect(vendorOut.pools.map((p) => p.name)).toEqual(['in-house', 'vendor-a']);
    const summary = JSON.parse(fs.readFileSync(path.join(one, '00-base/summary.json'), 'utf8')) as { simulation: { runs: number; serviceLevel: number; shareOfHoursMeetingTarget: number } };
    expect(summary.simulation.runs).toBe(1);
    expect(summary.simulation.serviceLevel).toBeGreaterThan(0.5);
    expect(a.stdout).toContain('| base |');
    expect(a.stdout).toContain('## Sweep volume');
  });

  test.each<[string, string[], string]>([
    ['a missing scenario file', ['--scenarios', 'nope.json'], 'error: nope.json: no such file; expected a readable scenario file (JSON or YAML)'],
    ['a bad sweep', ['--scenarios', scenarios, '--sweep', 'volume=1:2'], 'error: --sweep "volume=1:2": expected parameter=from:to:step'],
    ['a negative --jobs', ['--scenarios', scenarios, '--jobs', '-1'], 'error: --jobs -1: expected a whole number >= 0'],
  ])('%s exits 2 with one line', async (_what, args, expected) => {
    const r = await runCli(['whatif', '--out-dir', path.join(tempDir(), 'o'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(expected)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a bad override stops the run before any plan, naming the scenario and the override', async () => {
    const file = tempFile('s.json', JSON.stringify({
      base: { config: path.join(fixtures, 'config.json'), demand: path.join(fixtures, 'forecast.csv') },
      scenarios: [{ name: 'ok', overrides: [{ volume: 1.1 }] }, { name: 'vendor-b out', overrides: [{ pool: { name: 'vendor-c', remove: true } }] }],
    }));
    const out = path.join(tempDir(), 'o');
    const r = await runCli(['whatif', '--scenarios', file, '--out-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: scenario "vendor-b out" overrides[0].pool.name: no pool named "vendor-c"; expected one of in-house, vendor-a, vendor-b (in ${file})\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a volume override naming an event the demand lacks is located', async () => {
    const file = tempFile('s.json', JSON.stringify({
      base: { config: path.join(fixtures, 'config.json'), demand: path.join(fixtures, 'forecast.csv') },
      scenarios: [{ name: '618 bigger', overrides: [{ volume: { multiplier: 1.3, event: '618' } }] }],
    }));
    const r = await runCli(['whatif', '--scenarios', file, '--out-dir', path.join(tempDir(), 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: scenario "618 bigger" overrides[0].volume.event: no hour of the demand has event "618"; expected one of promo (in ${file})\n`);
  });
});

describe('a base that forecasts from a history', () => {
  const base = { config: path.join(fixtures, 'config.json'), history: path.join(fixtures, 'history.csv'), start: '2026-06-12', end: '2026-06-13' };

  test('an event override re-forecasts that scenario, and a volume override can then target the new event', async () => {
    const file = tempFile('s.json', JSON.stringify({
      base,
      scenarios: [{ name: 'flash sale', overrides: [{ event: { name: 'flash', date: '2026-06-13', uplift: 2 } }, { volume: { multiplier: 1.2, event: 'flash' } }] }],
      simulation: { runs: 1 },
    }));
    const out = path.join(tempDir(), 'o');
    const r = await runCli(['whatif', '--scenarios', file, '--out-dir', out, '--jobs', '2']);
    expect(r.code).toBe(0);
    const noon = (folder: string) => {
      const row = fs.readFileSync(path.join(out, folder, 'forecast.csv'), 'utf8').split('\n').find((l) => l.startsWith('2026-06-13T12:00,all,')) as string;
      return { forecast: Number(row.split(',')[2]), event: row.split(',')[5] };
    };
    const [b, flash] = [noon('00-base'), noon('01-flash-sale')];
    expect(b.event).not.toBe('flash');
    expect(flash.event).toBe('flash');
    expect(flash.forecast).toBeGreaterThan(1.5 * b.forecast);
    const rows = fs.readFileSync(path.join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(Number(rows[2]?.split(',')[3])).toBeGreaterThan(0);
  });

  test('without dates it asks for them', async () => {
    const file = tempFile('s.json', JSON.stringify({ base: { config: { pools: [{ name: 'in-house', kind: 'inhouse', headcount: 5, hourlyCost: 30 }] }, history: path.join(fixtures, 'history.csv') } }));
    const r = await runCli(['whatif', '--scenarios', file, '--out-dir', path.join(tempDir(), 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: a base with a history needs the dates to plan; expected base.start and base.end, or horizon in the config\n`);
  });
});
