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
    expect(r.stderr).toBe('error: Unknown argument: frobnicate (run peakshift --help)\n');
  });

  test('a missing required option is a usage error', async () => {
    const r = await runCli(['inspect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: Missing required argument: history (run peakshift --help)\n');
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
