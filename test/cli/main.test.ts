import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { tempFile, repoRoot } from '../helpers/paths';

describe('global behaviour', () => {
  test('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('peakshift inspect');
    expect(r.stdout).toContain('--quiet');
  });

  test('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(r.stdout.trim()).toBe((require(path.join(repoRoot, 'package.json')) as { version: string }).version);
  });

  test('no command is a usage error (exit 2, one line)', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: expected a command (run peakshift --help)\n');
  });

  test('an unknown command is a usage error', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown command "frobnicate"; expected one of inspect, init, forecast, backtest, calendar, erlang, requirements, plan, replan, replay, whatif, design-shifts, capacity, simulate, serve, worker (run peakshift --help)\n');
  });

  test('a missing required option is a usage error', async () => {
    const r = await runCli(['inspect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: Missing required argument: history (run peakshift inspect --help)\n');
  });
});

describe('one command line', () => {
  const COMMANDS = ['inspect', 'forecast', 'backtest', 'erlang', 'requirements', 'plan', 'replan', 'whatif', 'design-shifts', 'simulate', 'serve', 'worker'];

  test.each(COMMANDS)('%s --help shows an example of the command', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    const examples = r.stdout.split('Examples:\n')[1] ?? '';
    expect(examples).toMatch(new RegExp(`^  peakshift ${name} --`, 'm'));
  });

  test('numeric options are numbers to yargs, and still quote what was typed when wrong', async () => {
    // One option per entry: yargs may wrap the type onto the next line.
    const entries = (await runCli(['erlang', '--help'])).stdout.split(/\n(?=\s+--)/);
    for (const option of ['--calls', '--interval-minutes', '--aht', '--answer-seconds', '--service-level', '--patience', '--concurrency', '--shrinkage', '--agent-count']) {
      expect(entries.find((e) => e.trim().startsWith(`${option} `))).toMatch(/\[number\]/);
    }
    expect((await runCli(['plan', '--help'])).stdout).toMatch(/^\s+--time-limit .*\[number\]/m);
    const r = await runCli(['plan', '--config', 'c.json', '--demand', 'd.csv', '--out-dir', 'o', '--time-limit', 'soon']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: --time-limit: expected a positive number of seconds, got "soon"\n' });
  });

  test('erlang and plan do not share --agents: erlang counts with --agent-count', async () => {
    expect((await runCli(['erlang', '--help'])).stdout).toMatch(/--agents .*\[deprecated: use --agent-count\]/);
  });

  test('simulate and whatif simulate the same number of runs by default', async () => {
    const simulate = /--runs [^\n]*\[default: (\d+)\]/.exec((await runCli(['simulate', '--help'])).stdout);
    const whatif = /--runs [^[]*else (\d+)\)/.exec((await runCli(['whatif', '--help'])).stdout.replace(/\s+/g, ' '));
    expect(simulate?.[1]).toBe('5');
    expect(whatif?.[1]).toBe('5');
  });

  test('several unknown options are named together, as typed, before any work', async () => {
    const r = await runCli(['simulate', '--plan', 'nowhere', '--bogus', '1', '--rnus=3']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: simulate: unknown options --bogus, --rnus (run peakshift simulate --help)\n' });
  });
});

describe('inspect', () => {
  test('summarises a history', async () => {
    const file = tempFile('h.csv', 'timestamp,queue,inquiries\n2026-06-01T10:00,presales,5\n2026-06-01T10:00,aftersales,2\n2026-06-01T12:00,presales,9\n');
    const r = await runCli(['inspect', '--history', file, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      firstHour: '2026-06-01T10:00',
      lastHour: '2026-06-01T12:00',
      hourSlots: 3,
      hoursWithData: 2,
      missingHours: 1,
      total: 16,
      queues: [{ name: 'presales', total: 14 }, { name: 'aftersales', total: 2 }],
      busiestHour: { hour: '2026-06-01T12:00', inquiries: 9 },
    });
  });

  test('bad input: one located line on stderr, exit 2, nothing on stdout', async () => {
    const file = tempFile('bad.csv', 'timestamp,inquiries\n2026-06-01T10:00,-1\n');
    const r = await runCli(['inspect', '--history', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${file}:2:2: a negative count -1; expected a whole number of inquiries >= 0\n`);
  });

  test('bad config: the path of the field, exit 2', async () => {
    const history = tempFile('h.csv', 'timestamp,inquiries\n2026-06-01T10:00,1\n');
    const config = tempFile('c.json', JSON.stringify({ pools: [{ name: 'v', kind: 'vendor', pricing: { model: 'perHour', rate: 'abc' } }] }));
    const r = await runCli(['inspect', '--history', history, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: config pools[0].pricing.rate: expected a positive number, got "abc" (in ${config})\n`);
  });

  test('a missing file', async () => {
    const r = await runCli(['inspect', '--history', '/no/such.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: /no/such.csv: no such file; expected a readable inquiry CSV\n');
  });
});
