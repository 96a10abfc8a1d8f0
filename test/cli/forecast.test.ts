import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { hasRealData, realDataDir, repoRoot, tempDir, tempFile } from '../helpers/paths';
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

describe('peakshift forecast: model, gap and intraday', () => {
  it('prints the model each queue chose and its backtest score on stderr', async () => {
    const res = await runCli(['forecast', '--history', twoQueues, '--start', '2026-05-01', '--end', '2026-05-03']);
    expect(res.code).toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^model presales: [a-z0-9.-]+( of [a-z0-9., -]+)?, backtest WAPE \d+\.\d% over 10 origins x 7 days$/);
    expect(lines[1]).toMatch(/^model aftersales: /);
  });

  it('warns on stderr when the history ends well before --start, naming the gap in days', async () => {
    const res = await runCli(['forecast', '--history', twoQueues, '--start', '2026-06-15', '--end', '2026-06-16']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      'warning: the history ends 2026-04-30, 45 days before the forecast starts (2026-06-15): the forecast keeps the level of its last weeks (no trend after 60 days), its weekly and daily shape and the learned events, with a band widened for the gap\n',
    );
    expect(rows(res.stdout).every((r) => Number(r[2]) > 0)).toBe(true);
  });

  it('re-scales the rest of the day from the actuals before --actuals-until (default: the history)', async () => {
    const plain = await runCli(['forecast', '--history', twoQueues, '--start', '2026-04-30', '--end', '2026-04-30']);
    const res = await runCli(['forecast', '--history', twoQueues, '--start', '2026-04-30', '--end', '2026-04-30', '--actuals-until', '2026-04-30T12:00']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^intraday presales 2026-04-30: actuals \d+ vs forecast \d+ before 12:00; rest of the day x\d\.\d{3}$/m);
    const before = rows(plain.stdout);
    const after = rows(res.stdout);
    const history = fs.readFileSync(twoQueues, 'utf8');
    // Hours before 12:00 are the actuals; a later hour moved by the factor printed.
    expect(after[0]).toEqual(['2026-04-30T00:00', 'presales', ...Array(3).fill(`${/2026-04-30T00:00,presales,(\d+)/.exec(history)![1]}.00`), 'labour-day']);
    const factor = Number(/presales 2026-04-30: .* x(\d\.\d{3})$/m.exec(res.stderr)![1]);
    expect(Number(after[15 * 3]![2])).toBeCloseTo(Number(before[15 * 3]![2]) * factor, 0);
  });

  const bad: Array<[string, string[], string]> = [
    ['an hour that is not whole', ['--actuals-until', '2026-04-30T12:30'], 'error: --actuals-until "2026-04-30T12:30" is not a whole hour; expected YYYY-MM-DDTHH:00\n'],
    ['an hour outside the forecast', ['--actuals-until', '2026-05-02T12:00'], 'error: --actuals-until 2026-05-02T12:00 is outside the forecast 2026-04-30T00:00 .. 2026-05-01T00:00; expected an hour within it\n'],
    ['actuals without an hour', ['--actuals', 'x.csv'], 'error: --actuals needs --actuals-until (the first hour without actuals)\n'],
  ];
  it.each(bad)('rejects %s', async (_what, args, message) => {
    const res = await runCli(['forecast', '--history', twoQueues, '--start', '2026-04-30', '--end', '2026-04-30', ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr.split('\n').filter((l) => l.startsWith('error:')).join('\n') + '\n').toBe(message);
  });
});

describe('peakshift backtest', () => {
  it('lists the chosen model per origin, then the forecaster, every candidate and the benchmarks, by segment', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--holdout-days', '7', '--origins', '2']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('origins 2026-04-17, 2026-04-24; 7 days each; queues presales, aftersales');
    expect(res.stdout).toMatch(/^ {2}presales 2026-04-17: [a-z0-9.-]+ \(\d+\.\d%\); level-shape, week-mean-\d, ewma-[\d.]+, dshw-\w+, last-week, combination$/m);
    for (const seg of ['all', 'event', 'ordinary']) expect(res.stdout).toMatch(new RegExp(`^${seg} hours +method +hours +WAPE +MASE +bias +p10-p90$`, 'm'));
    for (const m of ['level-shape', 'week-mean', 'ewma', 'dshw', 'last-week', 'combination', 'seasonal-naive', '4-week-mean', 'last-year-date']) {
      expect(res.stdout.match(new RegExp(`^ *(candidates|benchmarks)? +${m} +\\d+ `, 'gm'))).toHaveLength(3);
    }
    expect(res.stdout.match(/^forecaster +model +\d+ +\d+\.\d% .* \d+\.\d%$/gm)).toHaveLength(3);
  });

  it('prints JSON with --json, the model beating seasonal naive on a stable series', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--json']);
    const json = JSON.parse(res.stdout) as { scores: Record<string, Record<string, { wape: number; coverage: number | null }>>; chosen: Array<{ queue: string; model: string }> };
    expect(json.scores.model!.all!.wape).toBeLessThan(json.scores['seasonal-naive']!.all!.wape);
    expect(json.scores['seasonal-naive']!.all!.coverage).toBeNull();
    expect(json.chosen.map((c) => c.queue)).toEqual(['presales', 'presales', 'presales', 'presales', 'aftersales', 'aftersales', 'aftersales', 'aftersales']);
  });

  it('takes origins as dates', async () => {
    const res = await runCli(['backtest', '--history', twoQueues, '--origins', '2026-04-20,2026-03-30', '--json']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { origins: string[] }).origins).toEqual(['2026-03-30', '2026-04-20']);
  });

  it.each([
    ['too many origins', ['--origins', '14'], 'error: 14 origins of 7 days leave 18 days to train the first one; expected at least 28 (use fewer --origins or a shorter --holdout-days)\n'],
    ['a holdout that is not a whole number', ['--holdout-days', '0'], 'error: --holdout-days 0; expected a whole number from 1 to 366\n'],
    ['an origin that is not a date', ['--origins', '2026-04-20,2026-4-27'], 'error: --origins "2026-04-20,2026-4-27": "2026-4-27" is not a date; expected a count (e.g. 4) or dates YYYY-MM-DD separated by commas\n'],
    ['an origin too early', ['--origins', '2026-01-20'], 'error: origin 2026-01-20 leaves 15 days of history to train on; expected at least 28 (choose a later origin)\n'],
    ['an origin after the history', ['--origins', '2026-05-01'], "error: origin 2026-05-01 is after the history's last day 2026-04-30; expected an origin with actuals to score\n"],
  ])('rejects %s', async (_what, args, message) => {
    const res = await runCli(['backtest', '--history', twoQueues, ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(message);
  });
});

const real = hasRealData ? describe : describe.skip;
if (!hasRealData) console.warn(`skipping real-data backtests: ${realDataDir} not found`);
real('backtest on real data (../shared/data/real): the README accuracy table', () => {
  const config = path.join(repoRoot, 'calendars/us.json');
  it.each([
    ['us_bank_calls_2003_hourly.csv', '2003-05-05,2003-06-30,2003-09-01,2003-10-13', 0.09],
    ['nyc_taxi_passengers_2014_hourly.csv', '2014-09-01,2014-10-06,2014-11-24,2015-01-05', 0.133],
  ])('%s at %s: WAPE at most %d, below the 4-week mean and seasonal naive, p10-p90 coverage 70-90%', async (file, origins, most) => {
    const res = await runCli(['backtest', '--history', path.join(realDataDir, file), '--config', config, '--origins', origins, '--json']);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as { scores: Record<string, Record<string, { wape: number; coverage: number }>> };
    const model = json.scores.model!.all!;
    expect(model.wape).toBeLessThanOrEqual(most);
    expect(model.wape).toBeLessThan(json.scores['4-week-mean']!.all!.wape);
    expect(model.wape).toBeLessThan(json.scores['seasonal-naive']!.all!.wape);
    expect(model.coverage).toBeGreaterThanOrEqual(0.7);
    expect(model.coverage).toBeLessThanOrEqual(0.9);
  });
});
