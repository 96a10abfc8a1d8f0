/**
 * `peakshift replay`: a past period planned from the history before it and
 * scored on what came. Short windows keep it quick: Nov 11 2025 of the sample
 * (rostered on its agents), and one week of a real bank's calls (voice, concurrency 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { hasRealData, realDataDir, repoRoot, tempDir } from '../helpers/paths';

const config = path.join(repoRoot, 'data/config.json');
const history = path.join(repoRoot, 'data/inquiries.csv');
const FILES = ['replay-hours.csv', 'replay.csv', 'replay.html', 'replay.md'];

interface Row {
  strategy: string;
  cost: number;
  lost: number;
  lostCost: number;
  total: number;
  lowest: number;
  meeting: number;
}

function readReplay(dir: string): Row[] {
  const [head, ...lines] = fs.readFileSync(path.join(dir, 'replay.csv'), 'utf8').trimEnd().split('\n');
  expect(head).toBe('strategy,cost,lost_inquiries,lost_service_cost,total,lowest_hourly_sl,hours_meeting_target');
  return lines.map((l) => {
    const [strategy, cost, lost, lostCost, total, lowest, meeting] = l.split(',');
    return { strategy: strategy as string, cost: Number(cost), lost: Number(lost), lostCost: Number(lostCost), total: Number(total), lowest: Number(lowest), meeting: Number(meeting) };
  });
}

/** Every row of replay.csv is the sum (and the minimum, the count) of its strategy's rows in replay-hours.csv. */
function expectConsistent(dir: string, rows: Row[], queueHours: number): void {
  const [head, ...lines] = fs.readFileSync(path.join(dir, 'replay-hours.csv'), 'utf8').trimEnd().split('\n');
  expect(head).toBe('strategy,timestamp,queue,actual_inquiries,forecast,needed_agents,scheduled_agents,service_level,lost_inquiries,lost_service_cost,meets_target,simulated_service_level');
  expect(lines).toHaveLength(rows.length * queueHours);
  for (const row of rows) {
    const mine = lines.map((l) => l.split(',')).filter((c) => c[0] === row.strategy);
    expect(mine).toHaveLength(queueHours);
    expect(row.total).toBeCloseTo(row.cost + row.lostCost, 1);
    expect(mine.reduce((n, c) => n + Number(c[8]), 0)).toBeCloseTo(row.lost, 0);
    expect(mine.reduce((n, c) => n + Number(c[9]), 0)).toBeCloseTo(row.lostCost, 0);
    expect(Math.min(...mine.filter((c) => c[7] !== '').map((c) => Number(c[7])))).toBeCloseTo(row.lowest, 4);
    expect(mine.filter((c) => c[10] === '1')).toHaveLength(row.meeting);
  }
}

describe('replay on the sample, rostered on its agents', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  const args = (out: string) => ['replay', '--config', config, '--history', history, '--agents', path.join(repoRoot, 'data/agents.csv'), '--start', '2025-11-11', '--end', '2025-11-11', '--strategies', 'p50,hedged', '--runs', '1', '--lang', 'zh', '--out-dir', out];
  beforeAll(async () => {
    dir = path.join(tempDir(), 'replay');
    first = await runCli(args(dir));
  });

  test('writes the four files; every strategy\'s row adds up from its queue-hours', () => {
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual(FILES);
    const rows = readReplay(dir);
    expect(rows.map((r) => r.strategy)).toEqual(['p50', 'hedged']);
    expectConsistent(dir, rows, 24 * 2);
    // Priced over the band, the hedged plan buys more staff and loses fewer inquiries.
    const [p50, hedged] = rows as [Row, Row];
    expect(hedged.cost).toBeGreaterThan(p50.cost);
    expect(hedged.lost).toBeLessThan(p50.lost);
    expect(first.stdout).toMatch(/^ {2}hedged +cost +[\d,]+ +lost/m);
  });

  test('replay.md and replay.html speak the asked language and chart every strategy', () => {
    expect(fs.readFileSync(path.join(dir, 'replay.md'), 'utf8')).toMatch(/^# 回放 2025-11-11 \.\. 2025-11-11/);
    const html = fs.readFileSync(path.join(dir, 'replay.html'), 'utf8');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
  });

  test('the same inputs give the same bytes', async () => {
    const again = path.join(tempDir(), 'replay');
    expect((await runCli(args(again))).code).toBe(0);
    for (const f of FILES) expect(fs.readFileSync(path.join(again, f))).toEqual(fs.readFileSync(path.join(dir, f)));
  });
});

describe('bad input: one line, exit 2', () => {
  test.each([
    ['a period the history does not reach', ['--history', history, '--start', '2026-12-01', '--end', '2026-12-03'], `error: ${history}: no inquiries from 2026-12-01 to 2026-12-03 (the history covers 2023-11-01T00:00 .. 2026-10-31T23:00); expected the actual arrivals of the replayed days in the history (replay a period the history covers, or give the history with its actuals)\n`],
    ['a period past the end of the history', ['--history', history, '--start', '2026-10-31', '--end', '2026-11-02'], `error: ${history}: the history ends 2026-10-31, inside the replayed days 2026-10-31 .. 2026-11-02; expected actual arrivals through 2026-11-02 (end the replay on a day the history covers)\n`],
    ['an unknown strategy', ['--history', history, '--start', '2025-05-20', '--end', '2025-05-21', '--strategies', 'p50,safe'], 'error: --strategies "p50,safe": "safe" is not a strategy; expected a comma-separated list of p50, p90, hedged\n'],
    ['runs that are not a whole number', ['--history', history, '--start', '2025-05-20', '--end', '2025-05-21', '--runs', '1.5'], 'error: --runs: expected a whole number from 0 to 100, got "1.5"\n'],
    ['a gap that is not a share', ['--history', history, '--start', '2025-05-20', '--end', '2025-05-21', '--accept-gap', '2'], 'error: --accept-gap: expected a relative gap from 0 to 1 (0.02 = 2%), got "2"\n'],
    ['an end before the start', ['--history', history, '--start', '2025-05-21', '--end', '2025-05-20'], 'error: --start 2025-05-21 is after --end 2025-05-20: expected start on or before end\n'],
  ])('%s', async (_what, extra, message) => {
    const out = path.join(tempDir(), 'replay');
    const res = await runCli(['replay', '--config', config, ...extra, '--out-dir', out]);
    expect(res.stderr).toBe(message);
    expect(res.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

const real = hasRealData ? test : test.skip;
if (!hasRealData) console.warn(`skipping the replay of a real voice week: ${realDataDir} not found`);
real('a week of a real bank\'s calls (voice, concurrency 1): the hedged plan costs no more than the others (+0.5%) and meets target in more hours than the p50 plan', async () => {
  const out = path.join(tempDir(), 'replay');
  const res = await runCli([
    'replay',
    '--config', path.join(repoRoot, 'test/fixtures/replay/bank-voice.json'),
    '--history', path.join(realDataDir, 'us_bank_calls_2003_hourly.csv'),
    '--start', '2003-09-01', '--end', '2003-09-07',
    '--runs', '1', '--lang', 'en', '--out-dir', out,
  ]);
  expect(res.code).toBe(0);
  const rows = readReplay(out);
  expectConsistent(out, rows, 7 * 24);
  const by = Object.fromEntries(rows.map((r) => [r.strategy, r])) as Record<'p50' | 'p90' | 'hedged', Row>;
  expect(by.hedged.total).toBeLessThanOrEqual(1.005 * Math.min(by.p50.total, by.p90.total));
  expect(by.hedged.meeting).toBeGreaterThan(by.p50.meeting);
  // Labor Day (closed) and the weekend have no calls: 4 open days of 15 hours.
  const open = fs.readFileSync(path.join(out, 'replay-hours.csv'), 'utf8').split('\n').filter((l) => l.startsWith('hedged,') && l.split(',')[7] !== '');
  expect(open).toHaveLength(4 * 15);
  // Three week-long plans: a few seconds alone, longer on a machine shared by many.
}, 180_000);
