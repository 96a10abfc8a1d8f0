/**
 * The command line under abuse: unknown options and unsafe output folders are
 * refused before any work, caps are named by option or config field before
 * a model is built, and the queue formulas answer extreme inputs at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';

const DATA = path.join(repoRoot, 'data');
const CONFIG = path.join(DATA, 'config.json');
const HISTORY = path.join(DATA, 'inquiries.csv');
const sampleConfig = (): Record<string, unknown> => JSON.parse(fs.readFileSync(CONFIG, 'utf8')) as Record<string, unknown>;
const configFile = (changes: Record<string, unknown>): string => tempFile('config.json', JSON.stringify({ ...sampleConfig(), ...changes }));

describe('refused before any work', () => {
  test.each([
    ['plan', ['plan', '--config', CONFIG, '--history', HISTORY, '--start', '2026-11-01', '--end', '2026-11-02']],
    ['inspect', ['inspect', '--history', HISTORY]],
    ['forecast', ['forecast', '--history', HISTORY, '--start', '2026-11-01', '--end', '2026-11-02']],
  ])('%s with an unknown option prints nothing but the error and writes nothing', async (_name, argv) => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const r = await runCli([...argv, ...(argv[0] === 'plan' ? ['--out-dir', out] : argv[0] === 'forecast' ? ['--out', out] : []), '--bogus', '1']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `error: ${argv[0]}: unknown option --bogus (run peakshift ${argv[0]} --help)\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('plan into a folder peakshift did not write: exit 2, the folder untouched; --force replaces it', async () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'budget.xlsx'), 'mine');
    const r = await runCli(['plan', '--config', CONFIG, '--history', HISTORY, '--start', '2026-11-01', '--end', '2026-11-01', '--out-dir', out, '-q']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `error: --out-dir ${out} exists and was not written by peakshift; choose another folder or pass --force\n` });
    expect(fs.readdirSync(out)).toEqual(['budget.xlsx']);
    const forced = await runCli(['plan', '--config', CONFIG, '--history', HISTORY, '--start', '2026-11-01', '--end', '2026-11-01', '--out-dir', out, '--force', '-q']);
    expect(forced.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'budget.xlsx'))).toBe(false);
    expect(fs.existsSync(path.join(out, '.peakshift-folder'))).toBe(true);
  }, 60_000);
});

describe('plan caps, named before a model is built', () => {
  const plan = (...extra: string[]) => runCli(['plan', '--config', CONFIG, '--history', HISTORY, '--out-dir', path.join(tempDir(), 'o'), ...extra]);

  test('a horizon over 92 days, by option and in the config', async () => {
    expect((await plan('--start', '2026-01-01', '--end', '2026-12-31')).stderr).toBe(
      'error: --end: a plan of 365 days (2026-01-01 .. 2026-12-31); expected at most 92 days (plan a long season in parts)\n',
    );
    const file = configFile({ horizon: { start: '2026-11-01', end: '2036-11-01' } });
    const r = await runCli(['plan', '--config', file, '--history', HISTORY, '--out-dir', path.join(tempDir(), 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: config horizon.end: expected a horizon of at most 92 days, got 3654 days (2026-11-01 .. 2036-11-01) (in ${file})\n`);
  });

  test('dates outside the calendar years', async () => {
    expect((await plan('--start', '1850-01-01', '--end', '1850-01-02')).stderr).toBe('error: --start "1850-01-01": expected a date from 1901-01-01 to 2099-12-31\n');
  });

  test('too many shift starts for the model', async () => {
    const cfg = sampleConfig();
    const all = Array.from({ length: 24 }, (_, i) => i);
    const shifts = (cfg.shifts as Array<Record<string, unknown>>).map((s) => ({ ...s, hours: 16, paidHours: 15, startOffsets: all }));
    const vendors = Array.from({ length: 8 }, (_, i) => ({ name: `v${i}`, kind: 'vendor', pricing: { model: 'perHour', rate: 30 } }));
    const file = configFile({ shifts, pools: [...(cfg.pools as unknown[]), ...vendors], outsourcing: { min: 0, max: 1 } });
    const r = await runCli(['plan', '--config', file, '--history', HISTORY, '--start', '2026-08-01', '--end', '2026-10-31', '--out-dir', path.join(tempDir(), 'o')]);
    expect(r.stderr).toBe(
      'error: config shifts[0].startOffsets: the shift plan would have 508,896 integer variables (92 days × 11 pools × their shift starts); expected at most 60,000 (fewer start offsets, pools or days)\n',
    );
  });

  test('too many queues sharing pools with a per-inquiry vendor', async () => {
    const queues = Array.from({ length: 20 }, (_, i) => ({ name: `q${i}` }));
    const cfg = sampleConfig();
    const pools = [...(cfg.pools as unknown[]), { name: 'per-chat', kind: 'vendor', pricing: { model: 'perInquiry', rate: 2 } }];
    const r = await runCli(['plan', '--config', configFile({ queues, pools }), '--history', HISTORY, '--start', '2026-11-01', '--end', '2026-11-14', '--out-dir', path.join(tempDir(), 'o')]);
    // 14 days x 24 h x (2 x 20 rows per queue + 1 routing row + 2^20 - 1 sets of queues) = 336 x 1,048,616.
    expect(r.stderr).toBe(
      'error: config queues: 20 queues sharing pools with a per-inquiry vendor need 352,334,976 coverage rows over 14 days (every set of queues, each hour); expected at most 500,000 (fewer queues, pools restricted to queues with pools[].queues, or fewer days)\n',
    );
  });

  test('an agents file over 2,000 agents, and a roster too large for its days', async () => {
    const header = 'agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable';
    const many = (n: number): string => [header, ...Array.from({ length: n }, (_, i) => `A${i},Agent ${i},in-house,,true,5,`)].join('\n');
    const over = tempFile('agents.csv', many(2001));
    expect((await plan('--start', '2026-11-01', '--end', '2026-11-14', '--agents', over)).stderr).toBe(`error: ${over}:2002:1: more than 2,000 agents; expected at most 2,000 agents in one file\n`);
    const full = tempFile('agents.csv', many(2000));
    expect((await plan('--start', '2026-09-01', '--end', '2026-10-31', '--agents', full)).stderr).toBe(
      `error: --agents ${full}: the roster would weigh 2,604,000 agent-shift choices (2,000 agents × 61 days × their shift starts); expected at most 400,000 (fewer agents or days)\n`,
    );
  });

  test('a forecast far after the history, or too long', async () => {
    const far = await runCli(['forecast', '--history', HISTORY, '--start', '2040-01-01', '--end', '2040-01-02']);
    expect(far).toEqual({ code: 2, stdout: '', stderr: 'error: --start: 2040-01-01 is 4,809 days after the history ends (2026-10-31); expected at most 1,098 days (a more recent history)\n' });
    const long = await runCli(['forecast', '--history', HISTORY, '--start', '2026-11-01', '--end', '2027-12-31']);
    expect(long.stderr).toBe('error: --end: a forecast of 426 days (2026-11-01 .. 2027-12-31); expected at most 366 days\n');
  });
});

describe('erlang: extreme inputs answer at once, finite or exit 2 naming the option', () => {
  const erlang = (...args: string[]) => runCli(['erlang', '--interval-minutes', '30', '--aht', '257', ...args]);

  test.each([
    [['--calls', '1e12'], 'error: --calls 1e12: an offered load of 142,777,777,778 Erlangs (arrivals per second × AHT); expected at most 50,000 Erlangs per queue and interval\n'],
    [['--calls', '1e12', '--patience', '300'], 'error: --calls 1e12: an offered load of 142,777,777,778 Erlangs (arrivals per second × AHT); expected at most 50,000 Erlangs per queue and interval\n'],
    [['--calls', '400', '--max-occupancy', '1e-12'], 'error: --max-occupancy 1e-12: at least 57,111,111,111,112 servers (agents × concurrency) needed; expected at most 100,000\n'],
    [['--calls', '400', '--agent-count', '1000000'], 'error: --agent-count 1000000: 1,000,000 servers (agents × concurrency); expected at most 100,000\n'],
    [['--calls', '400', '--patience', '1e9', '--agent-count', '1'], 'error: --agent-count 1: 218,331,172 more arrivals than 1 servers take within one mean patience; expected at most 2,000,000 (a shorter patience, or more agents)\n'],
    [['--calls', '400', '--patience', '1e12'], 'error: --patience 1e12: 222,222,222,222 arrivals within one mean patience (arrivals per second × patience); expected at most 10,000,000,000 (at such a patience Erlang C gives the same answer: leave the patience out)\n'],
    [['--calls', '400', '--aht', '0'], 'error: --aht: expected a positive number of seconds, got "0"\n'],
    [['--calls', '400', '--service-level', '1.0'], 'error: --service-level: expected a share above 0 and below 1 (e.g. 0.8), got "1.0"\n'],
    [['--calls', '400', '--patience', '0'], 'error: --patience: expected a positive number of seconds, got "0"\n'],
  ])('%j', async (args, message) => {
    expect(await erlang(...args)).toEqual({ code: 2, stdout: '', stderr: message });
  });

  test.each([
    [['--calls', '0']],
    [['--calls', '1e7', '--interval-minutes', '60', '--aht', '10']],
    [['--calls', '1e7', '--interval-minutes', '60', '--aht', '10', '--patience', '60']],
    [['--calls', '400', '--answer-seconds', '0']],
    [['--calls', '400', '--agent-count', '100000', '--patience', '300']],
    [['--calls', '1.7e6', '--interval-minutes', '60', '--aht', '100', '--patience', '1000', '--service-level', '0.999999', '--answer-seconds', '0']],
  ])('%j gives finite numbers', async (args) => {
    const r = await erlang(...args, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const out = JSON.parse(r.stdout) as Record<string, number | null>;
    for (const key of ['agents', 'serviceLevel', 'occupancy', 'waitProbability']) expect(Number.isFinite(out[key])).toBe(true);
  });
});

test('requirements beyond the queue models name the config field', async () => {
  const forecast = path.join(repoRoot, 'test/fixtures/whatif/forecast.csv');
  const cfg = sampleConfig();
  const queues = cfg.queues as Array<Record<string, unknown>>;
  const aht = configFile({ queues: [{ ...queues[0], ahtSeconds: 1e6 }, queues[1]] });
  const r = await runCli(['requirements', '--demand', forecast, '--config', aht]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: config queues\[0\]\.ahtSeconds: queue "presales" at \d{4}-\d\d-\d\dT\d\d:00 \([\d.]+ inquiries\): an offered load of [\d,]+ Erlangs \(arrivals per second × AHT\); expected at most 50,000 Erlangs per queue and interval\n$/);
  const occupancy = configFile({ queues: [{ ...queues[0], maxOccupancy: 1e-12 }, queues[1]] });
  const o = await runCli(['requirements', '--demand', forecast, '--config', occupancy]);
  expect(o.stderr).toMatch(/^error: config queues\[0\]\.maxOccupancy: queue "presales" at .*: at least [\d,]+ servers \(agents × concurrency\) needed; expected at most 100,000\n$/);
});

test('a queue named "pre,sales" and one named "vip" in quotes round-trip through forecast, requirements, plan and roster', async () => {
  const dir = tempDir();
  const lines = fs.readFileSync(HISTORY, 'utf8').trimEnd().split('\n');
  const renamed = [lines[0] as string, ...lines.slice(1).filter((l) => l >= '2026-09-01' && l < '2026-11-01')].map((l) => l.replace(',presales,', ',"pre,sales",').replace(',aftersales,', ',"""vip""",'));
  const history = path.join(dir, 'history.csv');
  fs.writeFileSync(history, `${renamed.join('\n')}\n`);
  const cfg = sampleConfig();
  const queues = cfg.queues as Array<Record<string, unknown>>;
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ ...cfg, queues: [{ ...queues[0], name: 'pre,sales' }, { ...queues[1], name: '"vip"' }] }));
  const forecast = path.join(dir, 'forecast.csv');
  expect((await runCli(['forecast', '--history', history, '--config', config, '--start', '2026-11-01', '--end', '2026-11-02', '--out', forecast, '-q'])).code).toBe(0);
  const requirements = path.join(dir, 'requirements.csv');
  expect((await runCli(['requirements', '--demand', forecast, '--config', config, '--out', requirements, '-q'])).code).toBe(0);
  const out = path.join(dir, 'plan');
  const r = await runCli(['plan', '--config', config, '--requirements', requirements, '--agents', path.join(DATA, 'agents.csv'), '--out-dir', out, '--start', '2026-11-01', '--end', '2026-11-02', '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const file of [forecast, requirements, path.join(out, 'requirements.csv'), path.join(out, 'coverage.csv')]) {
    const rows = parse(fs.readFileSync(file, 'utf8')) as string[][];
    const width = rows[0]?.length;
    expect(rows.every((row) => row.length === width)).toBe(true);
    expect(new Set(rows.slice(1).map((row) => row[1]))).toEqual(new Set(['pre,sales', '"vip"', 'all']));
  }
  expect(fs.readFileSync(path.join(out, 'roster.csv'), 'utf8').split('\n').length).toBeGreaterThan(10);
}, 60_000);

test('backtest and simulate bound their work by option', async () => {
  expect((await runCli(['backtest', '--history', HISTORY, '--origins', '1000'])).stderr).toBe('error: --origins 1000; expected a whole number from 1 to 104\n');
  const plan = tempDir();
  fs.cpSync(path.join(repoRoot, 'test/golden/plan-small'), plan, { recursive: true });
  const forecast = path.join(plan, 'forecast.csv');
  const rows = fs.readFileSync(forecast, 'utf8').trimEnd().split('\n');
  fs.writeFileSync(forecast, `${[rows[0], ...rows.slice(1).map((r) => r.replace(/,[\d.]+,[\d.]+,[\d.]+,/, ',1000000,1000000,1000000,'))].join('\n')}\n`);
  const r = await runCli(['simulate', '--plan', plan, '--runs', '3']);
  expect(r.stderr).toBe(`error: --runs 3: 3 run(s) of 144,000,000 forecast inquiries each; expected at most 50,000,000 simulated inquiries in all (fewer --runs, or check ${forecast})\n`);
});
