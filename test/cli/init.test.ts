/**
 * `peakshift init`: what it refuses before drafting anything. The draft itself
 * (queues, open hours, the fitted menu, the pools) is checked on the README's
 * walkthrough in test/docs/commands.test.ts, which runs it on data/excel-export.csv.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';

const excel = path.join(repoRoot, 'data/excel-export.csv');

describe('peakshift init refuses, exit 2, writing nothing', () => {
  it('an --out file that exists, before reading the history', async () => {
    const out = tempFile('config.json', '{"shrinkage": 0.2}\n');
    const r = await runCli(['init', '--history', '/nonexistent.csv', '--out', out]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `error: --out ${out} exists; choose another file or pass --force to replace it\n` });
    expect(fs.readFileSync(out, 'utf8')).toBe('{"shrinkage": 0.2}\n');
  });

  it('a history with bad rows: every one on its own line', async () => {
    const history = tempFile('h.csv', '日期,时间,咨询人数,渠道\n2026/11/2,8:00,12,售前\n2026/11/2,8:00,abc,售后\n2026/11/2,25:00,3,售前\n');
    const out = path.join(tempDir(), 'config.json');
    const r = await runCli(['init', '--history', history, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `error: ${history}:3:3: count "abc"; expected a whole number of inquiries >= 0`,
      `error: ${history}:4:2: hour "25:00"; expected an hour of day like 9, 09:00 or 9:00 (0-23)`,
      `error: ${history}: 2 problems listed above; fix them and run again`,
      '',
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('an agents file without a pool column', async () => {
    const agents = tempFile('a.csv', '工号,姓名\nKF01,陈晓\n');
    const out = path.join(tempDir(), 'config.json');
    const r = await runCli(['init', '--history', excel, '--agents', agents, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${agents}:1:1: header "工号,姓名" without a pool column; expected a header with agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable (agent_id, name and pool required; 工号, 姓名, 人员池 as roster.xlsx writes them work too)\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('dates the wrong way round, or not a date', async () => {
    const out = path.join(tempDir(), 'config.json');
    const reversed = await runCli(['init', '--history', excel, '--out', out, '--start', '2026-12-20', '--end', '2026-12-14']);
    expect(reversed).toEqual({ code: 2, stdout: '', stderr: 'error: --end 2026-12-14 is before --start 2026-12-20: expected end on or after start\n' });
    const bad = await runCli(['init', '--history', excel, '--out', out, '--start', '2026-02-30']);
    expect(bad.stderr).toBe('error: --start: expected a date from 1901-01-01 to 2099-12-31, got "2026-02-30"\n');
    expect(fs.existsSync(out)).toBe(false);
  });
});
