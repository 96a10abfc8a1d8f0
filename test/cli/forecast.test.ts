import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { hasRealData, realDataDir, tempDir, tempFile } from '../helpers/paths';
import { hourKeyFromNumber, hourNumber } from '../../src/domain';
import { syntheticHistory } from '../forecast/synthetic';

function historyCsv(queues: Array<{ name: string; share: number }> | undefined): string {
  const h = syntheticHistory({ start: '2026-01-05', end: '2026-04-30', perDay: 2400, seed: 3, ...(queues ? { queues } : {}) });
  const start = hourNumber(h.startHour);
  const lines = [queues ? 'timestamp,queue,inquiries' : 'timestamp,inquiries'];
  for (let i = 0; i < h.hours; i++) {
    for (const q of h.queues) lines.push(queues ? `${hourKeyFromNumber(start + i)},${q.name},${q.values[i]}` : `${hourKeyFromNumber(start + i)},${q.values[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

const twoQueues = tempFile('two.csv', historyCsv([{ name: 'presales', share: 0.6 }, { name: 'aftersales', share: 0.4 }]));
const oneQueue = tempFile('one.csv', historyCsv(undefined));

function rows(csv: string): string[][] {
  return csv.trim().split('\n').slice(1).map((l) => l.split(','));
}

describe('peakshift forecast', () => {
  it('writes one row per hour and queue plus an all row that is their sum, the same bytes every run', async () => {
    const a = await runCli(['forecast', '--history', twoQueues, '--start', '2026-05-01', '--end', '2026-05-03']);
    expect(a.code).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,queue,forecast,p10,p90,event');
    expect(lines[1]).toMatch(/^2026-05-01T00:00,presales,\d+\.\d\d,\d+\.\d\d,\d+\.\d\d,labour-day$/);
    const r = rows(a.stdout);
    expect(r).toHaveLength(72 * 3);
    for (let i = 0; i < r.length; i += 3) {
      const [p, s, all] = [r[i]!, r[i + 1]!, r[i + 2]!];
      expect([p[1], s[1], all[1]]).toEqual(['presales', 'aftersales', 'all']);
      expect(Math.abs(Number(p[2]) + Number(s[2]) - Number(all[2]))).toBeLessThanOrEqual(0.011);
      for (const row of [p, s, all]) {
        expect(Number(row[3])).toBeLessThanOrEqual(Number(row[2]));
        expect(Number(row[2])).toBeLessThanOrEqual(Number(row[4]));
      }
    }
    const b = await runCli(['forecast', '--history', twoQueues, '--start', '2026-05-01', '--end', '2026-05-03']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('splits a single-queue history by the config shares, conserving volume, and writes --out', async () => {
    const config = tempFile('config.json', JSON.stringify({ queues: [{ name: 'chat', share: 0.75 }, { name: 'phone', share: 0.25 }] }));
    const out = path.join(tempDir(), 'forecast.csv');
    const res = await runCli(['forecast', '--history', oneQueue, '--config', config, '--start', '2026-05-04', '--end', '2026-05-04', '--out', out]);
    expect(res.code).toBe(0);
    const r = rows(fs.readFileSync(out, 'utf8'));
    expect(r.map((x) => x[1]).slice(0, 3)).toEqual(['chat', 'phone', 'all']);
    for (let i = 0; i < r.length; i += 3) {
      const all = Number(r[i + 2]![2]);
      expect(Math.abs(Number(r[i]![2]) - 0.75 * all)).toBeLessThanOrEqual(0.011);
    }
  });

  it('writes only the requested --queue', async () => {
    const res = await runCli(['forecast', '--history', twoQueues, '--start', '2026-05-01', '--end', '2026-05-01', '--queue', 'aftersales']);
    expect(res.code).toBe(0);
    expect(new Set(rows(res.stdout).map((x) => x[1]))).toEqual(new Set(['aftersales', 'all']));
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['a malformed date', ['--start', '2026-5-1', '--end', '2026-05-03'], /^error: --start "2026-5-1" is not a date; expected YYYY-MM-DD\n$/],
    ['end before start', ['--start', '2026-05-03', '--end', '2026-05-01'], /^error: --end 2026-05-01 is before --start 2026-05-03\n$/],
    ['too little history', ['--start', '2026-01-20', '--end', '2026-01-21'], /^error: the history before 2026-01-20 covers 15 days \(from 2026-01-05\); expected at least 28 \(forecast a later period or give a longer history\)\n$/],
    ['an unknown queue', ['--start', '2026-05-01', '--end', '2026-05-01', '--queue', 'vip'], /^error: --queue "vip" is not forecast; expected one of presales, aftersales\n$/],
  ];
  it.each(bad)('rejects %s with one line and exit 2', async (_what, args, message) => {
    const res = await runCli(['forecast', '--history', twoQueues, ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('rejects an unknown event name without an anchor at its config path', async () => {
    const config = tempFile('config.json', JSON.stringify({ events: [{ name: 'black-friday', uplift: 2 }] }));
    const res = await runCli(['forecast', '--history', twoQueues, '--config', config, '--start', '2026-05-01', '--end', '2026-05-01']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: config events\[0\]\.name: expected a built-in event name \(spring-festival, .*\), got "black-friday" \(in .*config\.json\)\n$/);
  });
});

describe('peakshift backtest', () => {
  it('prints WAPE, MASE, bias and coverage for the model and both baselines, by segment', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--holdout-days', '7', '--origins', '2']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('origins 2026-04-17, 2026-04-24; 7 days each; queues presales, aftersales');
    for (const seg of ['all', 'event', 'ordinary']) {
      for (const m of ['model', 'seasonal-naive', 'last-year-date']) expect(res.stdout).toMatch(new RegExp(`^${seg} +${m} `, 'm'));
    }
  });

  it('prints JSON with --json, the model beating seasonal naive on a stable series', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--json']);
    const json = JSON.parse(res.stdout) as { scores: Record<string, Record<string, { wape: number; coverage: number | null }>> };
    expect(json.scores.model!.all!.wape).toBeLessThan(json.scores['seasonal-naive']!.all!.wape);
    expect(json.scores['seasonal-naive']!.all!.coverage).toBeNull();
  });

  it('rejects origins that leave too little history', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--origins', '14']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: 14 origins of 7 days leave 18 days to train the first one; expected at least 28 \(use fewer --origins or a shorter --holdout-days\)\n$/);
  });

  it('rejects a holdout that is not a whole number', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--holdout-days', '0']);
    expect(res.stderr).toBe('error: --holdout-days 0; expected a whole number from 1 to 366\n');
  });
});

const real = hasRealData ? describe : describe.skip;
if (!hasRealData) console.warn(`skipping real-data backtests: ${realDataDir} not found`);
real('backtest on real data (../shared/data/real)', () => {
  it.each([
    ['us_bank_calls_2003_hourly.csv', []],
    ['nyc_taxi_passengers_2014_hourly.csv', []],
  ])('%s: the model beats seasonal naive at 4 weekly origins', async (file) => {
    const res = await runCli(['backtest', '--history', path.join(realDataDir, file), '--json']);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as { scores: Record<string, Record<string, { wape: number; coverage: number }>> };
    expect(json.scores.model!.all!.wape).toBeLessThan(json.scores['seasonal-naive']!.all!.wape);
    expect(json.scores.model!.all!.coverage).toBeGreaterThan(0.7);
    expect(json.scores.model!.all!.coverage).toBeLessThan(0.9);
  });
});
