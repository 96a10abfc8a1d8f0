/**
 * `--lang zh` everywhere a person reads: the printed summary (why-short lines
 * included), the warnings, summary.md and report.html carry no phrase of the
 * catalogue's English side, and the common errors come out in Chinese, each
 * translated from its English message by the catalogue.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliResult } from '../helpers/cli';
import { englishIn, ENGLISH_PHRASES } from '../helpers/english';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';
import { translateMessage } from '../../src/domain/i18n';

const data = (name: string): string => path.join(repoRoot, 'data', name);

describe('plan --lang zh', () => {
  let out: string;
  let run: CliResult;

  beforeAll(async () => {
    out = path.join(tempDir(), 'plan-zh');
    run = await runCli(['plan', '--config', data('config.json'), '--history', data('inquiries.csv'), '--agents', data('agents.csv'), '--start', '2026-11-11', '--end', '2026-11-11', '--out-dir', out, '--lang', 'zh']);
  }, 120_000);

  it('runs', () => {
    expect(run.code).toBe(0);
    expect(ENGLISH_PHRASES.length).toBeGreaterThan(200);
  });

  it('prints its summary, warnings and file line with no English phrase of the catalogue', () => {
    expect(englishIn(run.stdout)).toEqual([]);
    expect(englishIn(run.stderr)).toEqual([]);
    expect(run.stdout).toMatch(/^ {2}缺口原因 2026-11-11 \d\d:00/m);
    expect(run.stdout.split('\n')[0]).toBe(`排班计划 2026-11-11 .. 2026-11-11（1 天）→ ${out}`);
    expect(run.stdout).toMatch(/^未在目标时间内接起：[\d,]+\.\d 个咨询（服务损失 CNY [\d,]+\.\d\d，不计入总成本）$/m);
    expect(run.stdout).toMatch(/^求解器：highs 最优，差距 \d+\.\d{3}%，求解 \d+\.\d\d 秒（排班表 \d+\.\d\d 秒）；共求解 \d+ 次 \d+\.\d\d 秒$/m);
    expect(run.stdout).toMatch(/^ {2}第 1 轮：排班计划 \d+\.\d\d 秒（差距 \d+\.\d{3}%(，热启动)?）/m);
    expect(run.stderr).toMatch(/^警告：历史数据止于 2026-10-31，距预测开始（2026-11-11）还有 10 天：/m);
    expect(run.stderr).toContain(`已写入 ${fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== '.peakshift-folder').length} 个文件到 ${out}；请打开 ${path.join(out, 'report.html')}\n`);
  });

  it('writes summary.md and report.html with no English phrase of the catalogue', () => {
    const md = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(englishIn(md)).toEqual([]);
    expect(englishIn(html)).toEqual([]);
    expect(md).toContain('## 指标说明');
    expect(html).toContain('<h2>按日期、人员池和班次的人数</h2>');
  });

  it('finds an English phrase when one is left (the check itself)', () => {
    expect(englishIn('排班计划 … What the figures mean …')).toEqual(['What the figures mean']);
    expect(englishIn('排班计划 … 指标说明 …')).toEqual([]);
  });
});

describe('errors in Chinese', () => {
  const zh = (args: string[]): Promise<CliResult> => runCli([...args, '--lang', 'zh']);
  const config = tempFile('bad-config.json', JSON.stringify({ pools: [{ name: 'in-house', kind: 'inhouse', headcount: -5 }] }));
  const out = (): string => path.join(tempDir(), 'o');

  it.each([
    ['a missing history file', ['plan', '--config', data('config.json'), '--history', 'nothere.csv', '--out-dir', 'OUT'], '错误：nothere.csv：文件不存在；应为可读取的咨询量 CSV'],
    ['a bad config value', ['plan', '--config', config, '--history', data('inquiries.csv'), '--out-dir', 'OUT'], `错误：配置 pools[0].headcount：应为大于等于 0 的整数，实际为 -5（文件 ${config}）`],
    ['start after end', ['plan', '--config', data('config.json'), '--history', data('inquiries.csv'), '--start', '2026-11-12', '--end', '2026-11-10', '--out-dir', 'OUT'], '错误：--start 2026-11-12 晚于 --end 2026-11-10：开始日期应不晚于结束日期'],
    ['an unknown option', ['plan', '--config', data('config.json'), '--bogus', '--out-dir', 'OUT'], '错误：plan：未知选项 --bogus（运行 peakshift plan --help 查看用法）'],
    ['a missing option', ['plan', '--history', data('inquiries.csv'), '--out-dir', 'OUT'], '错误：缺少必需的参数：config（运行 peakshift plan --help 查看用法）'],
  ])('%s', async (_what, args, line) => {
    const r = await zh(args.map((a) => (a === 'OUT' ? out() : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
  });

  it('a bad count in a history CSV', async () => {
    const csv = tempFile('bad.csv', 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,abc\n');
    const r = await zh(['plan', '--config', data('config.json'), '--history', csv, '--start', '2026-06-02', '--end', '2026-06-02', '--out-dir', out()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`错误：${csv}:3:2：咨询量 "abc"；应为大于等于 0 的整数咨询量\n`);
  });

  it('stay English without --lang zh, and a message the catalogue does not know stays as it is', async () => {
    const r = await runCli(['plan', '--config', data('config.json'), '--history', 'nothere.csv', '--out-dir', out(), '--lang', 'en']);
    expect(r.stderr).toBe('error: nothere.csv: no such file; expected a readable inquiry CSV\n');
    expect(translateMessage('zh', 'something new went wrong')).toBe('something new went wrong');
    // Nested: the problem of a config error is itself a template.
    expect(translateMessage('zh', 'config solver.timeLimitSeconds: expected a positive number of seconds, got 0')).toBe('配置 solver.timeLimitSeconds：应为正的秒数，实际为 0');
  });
});
