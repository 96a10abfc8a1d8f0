import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { tempDir } from '../helpers/paths';

const fixtures = path.resolve(__dirname, '../fixtures/whatif');

function planFolder(): string {
  const dir = tempDir();
  for (const f of ['config.json', 'forecast.csv']) fs.copyFileSync(path.join(fixtures, f), path.join(dir, f));
  const lines = ['timestamp,queue,required,scheduled'];
  for (let h = 0; h < 72; h++) for (const q of ['presales', 'aftersales']) lines.push(`2026-06-${16 + Math.floor(h / 24)}T${String(h % 24).padStart(2, '0')}:00,${q},5,20`);
  fs.writeFileSync(path.join(dir, 'coverage.csv'), `${lines.join('\n')}\n`);
  return dir;
}

async function stderrOf(argv: string[], isTTY: boolean, ci: string | undefined): Promise<string> {
  const saved = process.env.CI;
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
  const err: string[] = [];
  try {
    await main(argv, { stdout: () => undefined, stderr: (s) => err.push(s), isTTY });
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
  return err.join('');
}

describe('progress display', () => {
  const argv = (dir: string) => ['simulate', '--plan', dir, '--runs', '3'];

  test('on a terminal: one line redrawn in place with the count, then cleared', async () => {
    const err = await stderrOf(argv(planFolder()), true, undefined);
    expect(err).toContain('\r\x1b[2Ksimulate [');
    expect(err).toContain('3/3 · run 3');
    expect(err).toMatch(/\r\x1b\[2K(?!simulate)/);
  });

  test.each<[string, string[], boolean, string | undefined]>([
    ['not a terminal', [], false, undefined],
    ['in CI', [], true, 'true'],
    ['--quiet', ['--quiet'], true, undefined],
  ])('silent when %s', async (_what, extra, isTTY, ci) => {
    const err = await stderrOf([...argv(planFolder()), ...extra], isTTY, ci);
    expect(err).not.toContain('\r');
    expect(err).not.toContain('simulate [');
  });
});

describe('plan progress', () => {
  test('on a terminal: the stages, each solve with status and gap, then the total wall time last on stdout', async () => {
    const saved = process.env.CI;
    delete process.env.CI;
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await main(
        ['plan', '--config', path.join(fixtures, 'config.json'), '--demand', path.join(fixtures, 'forecast.csv'), '--start', '2026-06-16', '--end', '2026-06-16', '--out-dir', path.join(tempDir(), 'p')],
        { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: true },
      );
      expect(code).toBe(0);
    } finally {
      if (saved !== undefined) process.env.CI = saved;
    }
    const lines = err.join('').split('\r\x1b[2K').filter((l) => l.startsWith('plan: '));
    const stages = [...new Set(lines.map((l) => (l.split(' · ')[0] as string).slice('plan: '.length)))];
    expect(stages).toEqual(['reading inputs', 'sizing staff (Erlang)', 'solving the shift plan', 'pricing the short hours', 'writing the plan folder']);
    expect(lines.some((l) => /^plan: solving the shift plan · solve 1: optimal, objective [\d,]+, gap \d+\.\d\d%, \d+\.\d s · \d+ s$/.test(l))).toBe(true);
    const report = out.join('').trimEnd().split('\n');
    expect(report[report.length - 1]).toMatch(/^total time: \d+\.\d s$/);
    expect(report[report.length - 2]).toMatch(/^solver: highs optimal, gap .*, \d+\.\d\d s solving; \d+ solve\(s\) \d+\.\d\d s$/);
  }, 60_000);
});
