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
