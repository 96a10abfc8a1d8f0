/**
 * `peakshift plan` end to end on three days of the sample data (Double 11
 * 2026 in the middle): a byte-exact plan folder (test/golden/plan-small; to
 * accept a deliberate change run `UPDATE_GOLDEN=1 npx jest test/cli/plan.test.ts`
 * and review the diff), the consistency of every export, and the error paths
 * with their exact messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { withCpuBurners } from '../helpers/load';
import { runCli, type CliResult } from '../helpers/cli';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';
import { parseConfig } from '../../src/config';
import { evaluateStaffing, queueParameters } from '../../src/staffing';

const GOLDEN = path.join(__dirname, '../golden/plan-small');
const data = (name: string): string => path.join(repoRoot, 'data', name);
const sampleConfig = JSON.parse(fs.readFileSync(data('config.json'), 'utf8')) as Record<string, unknown>;
/** The sample config with the 0.5% gap the tests use (fast, still proven). */
const configFile = tempFile('config.json', JSON.stringify({ ...sampleConfig, solver: { mipRelGap: 0.005, timeLimitSeconds: 60 } }, null, 2));
const config = parseConfig(JSON.parse(fs.readFileSync(configFile, 'utf8')));

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

function csv(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true, relax_column_count: true }) as Array<Record<string, string>>;
}

const cents = (v: number | string): number => Math.round(Number(v) * 100);

let out: string;
let run: CliResult;
let files: Map<string, string>;
/** roster.xlsx: read back with exceljs below, not compared byte for byte with the golden folder. */
let xlsx: Buffer | undefined;

beforeAll(async () => {
  out = path.join(tempDir(), 'plan');
  // Beside two CPU-burning processes: the golden folder was written on a quiet machine, so equal
  // bytes below also show that no figure depends on the machine's speed or load.
  run = await withCpuBurners(2, () => runCli(['plan', '--config', configFile, '--history', data('inquiries.csv'), '--agents', data('agents.csv'), '--start', '2026-11-10', '--end', '2026-11-12', '--out-dir', out]));
  files = new Map(fs.existsSync(out) ? listFiles(out).filter((f) => f !== 'roster.xlsx').map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]) : []);
  xlsx = fs.existsSync(path.join(out, 'roster.xlsx')) ? fs.readFileSync(path.join(out, 'roster.xlsx')) : undefined;
}, 120_000);

describe('plan folder of the sample, 2026-11-10 .. 2026-11-12', () => {
  it('runs and prints the short summary', () => {
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(files.get('summary.json') as string) as { totalCost: number; currency: string; shortfall: { agentHours: number; hoursShort: number }; lostService: { lateInquiries: number; cost: number } };
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`plan 2026-11-10 .. 2026-11-12 (3 days) → ${out}`);
    expect(lines[1]).toBe(`total cost: CNY ${summary.totalCost.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    // One figure of unanswered inquiries (as in the report), and the hours short of the target apart from it.
    const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(run.stdout).toContain(`\nunanswered within target: ${summary.lostService.lateInquiries.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} inquiries (lost service CNY ${money(summary.lostService.cost)}, not in the total cost)\n`);
    expect(run.stdout).toContain(`\nhours short of the service target: ${summary.shortfall.hoursShort} (${summary.shortfall.agentHours.toFixed(2)} productive agent-hours below the requirement)\n`);
    expect(run.stdout).not.toMatch(/not answered in time/);
    // The shortfall's own share of late inquiries is no second unanswered figure, here or in the report.
    const late = (JSON.parse(files.get('summary.json') as string) as { shortfall: { lostInquiries: number } }).shortfall.lostInquiries;
    expect(late).toBeGreaterThan(1);
    for (const text of [run.stdout, files.get('summary.md') as string]) expect(text).not.toContain(late.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    expect(run.stdout).toMatch(/^outsourced share: \d+\.\d% of productive agent-hours \(band 60%-70% per horizon\)$/m);
    expect(run.stdout).toMatch(/^lowest hourly service level: \d+\.\d%/m);
    expect(run.stdout).toMatch(/^roster: \d+ of 24 agents working, vendor seats .*, UNFILLED seats \d+ \((mip|daily-matching)\)$/m);
    expect(lines[lines.length - 2]).toMatch(/^solver: highs (optimal|feasible), gap \d+\.\d{3}%, \d+\.\d\d s solving \(roster \d+\.\d\d s\); \d+ solve\(s\) \d+\.\d\d s$/);
    // The last line is the whole command's wall time, never less than the solver's share of it.
    const wall = Number(/^total time: (\d+\.\d) s$/.exec(lines[lines.length - 1] as string)?.[1]);
    expect(wall).toBeGreaterThanOrEqual(Number(/(\d+\.\d\d) s solving/.exec(lines[lines.length - 2] as string)?.[1]) - 0.05);
    // Every solve accounted for: one line per plan ↔ roster round, then the solves after them.
    const solves = (JSON.parse(files.get('summary.json') as string) as { solves: Array<{ stage: string; round: number | null }> }).solves;
    const rounds = [...new Set(solves.map((r) => r.round).filter((r) => r !== null))];
    expect(rounds).toEqual(Array.from({ length: rounds.length }, (_, i) => i + 1));
    for (const round of rounds) expect(run.stdout).toMatch(new RegExp(`^  round ${round}: plan \\d+\\.\\d\\d s \\(gap \\d+\\.\\d{3}%(, warm start)?\\)(, roster \\d+\\.\\d\\d s)?`, 'm'));
    expect(Number(/; (\d+) solve\(s\)/.exec(run.stdout)?.[1])).toBe(solves.length);
  });

  it('is byte-identical to the golden folder', () => {
    if (process.env.UPDATE_GOLDEN) {
      fs.rmSync(GOLDEN, { recursive: true, force: true });
      for (const [name, text] of files) {
        fs.mkdirSync(path.dirname(path.join(GOLDEN, name)), { recursive: true });
        fs.writeFileSync(path.join(GOLDEN, name), text);
      }
    }
    expect([...files.keys()].sort()).toEqual(listFiles(GOLDEN));
    for (const [name, text] of files) expect(`${name}\n${text}`).toBe(`${name}\n${fs.readFileSync(path.join(GOLDEN, name), 'utf8')}`);
  });

  it('holds roster.xlsx with a sheet per vendor, and a BOM on the CSVs people open in Excel', async () => {
    expect(xlsx).toBeDefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Roster grid', 'vendor-a', 'vendor-b', 'Intraday 11-11', 'Shifts', 'Coverage', 'Coverage by queue']);
    const bom = [...files].filter(([, text]) => text.startsWith('\ufeff')).map(([name]) => name).sort();
    expect(bom).toEqual(['roster-grid.csv', 'roster.csv', 'vendors/vendor-a.csv', 'vendors/vendor-a-grid.csv', 'vendors/vendor-b.csv', 'vendors/vendor-b-grid.csv'].sort());
  });

  it('keeps coverage arithmetic: shortfall and surplus, all rows = sum of queues, service level from the queue model', () => {
    const rows = csv(files.get('coverage.csv') as string);
    const req = csv(files.get('requirements.csv') as string);
    const inquiries = new Map(req.map((r) => [`${r.timestamp}|${r.queue}`, Number(r.inquiries)]));
    const byHour = new Map<string, Array<Record<string, string>>>();
    for (const r of rows) {
      const required = Number(r.required);
      const scheduled = Number(r.scheduled);
      if (r.queue !== 'all') {
        expect(Number(r.shortfall)).toBeCloseTo(Math.max(0, required - scheduled), 3);
        expect(Number(r.surplus)).toBeCloseTo(Math.max(0, scheduled - required), 3);
        expect(scheduled).toBeGreaterThanOrEqual(Number(r.floor) - 1e-4);
      }
      const list = byHour.get(r.timestamp as string) ?? [];
      list.push(r);
      byHour.set(r.timestamp as string, list);
    }
    expect(byHour.size).toBe(3 * 24);
    for (const [hour, list] of byHour) {
      const queues = list.filter((r) => r.queue !== 'all');
      const all = list.find((r) => r.queue === 'all') as Record<string, string>;
      expect(queues.map((r) => r.queue)).toEqual(config.queues.map((q) => q.name));
      for (const key of ['required', 'scheduled', 'shortfall', 'surplus', 'floor', 'late_inquiries']) expect(Number(all[key])).toBeCloseTo(queues.reduce((s, r) => s + Number(r[key]), 0), 3);
      let weight = 0;
      let answered = 0;
      for (const r of queues) {
        const q = config.queues.find((c) => c.name === r.queue);
        const n = inquiries.get(`${hour}|${r.queue}`) ?? 0;
        if (!q || n <= 0) continue;
        // Erlang at the whole scheduled productive agents, recomputed from the files (inquiries rounded to cents there).
        const sl = evaluateStaffing(queueParameters(q, n), Math.floor(Number(r.scheduled) + 1e-9), q.target.answerSeconds).serviceLevel;
        expect(Number(r.service_level)).toBeCloseTo(sl, 3);
        weight += n;
        answered += n * sl;
      }
      if (weight > 0) expect(Number(all.service_level)).toBeCloseTo(answered / weight, 3);
    }
    const summary = JSON.parse(files.get('summary.json') as string) as { lowestHourlyServiceLevel: number; shortfall: { agentHours: number } };
    const queueLevels = rows.filter((r) => r.queue !== 'all' && r.service_level !== '').map((r) => Number(r.service_level));
    expect(summary.lowestHourlyServiceLevel).toBeCloseTo(Math.min(...queueLevels), 4);
    const short = rows.filter((r) => r.queue !== 'all').reduce((s, r) => s + Number(r.shortfall), 0);
    expect(summary.shortfall.agentHours).toBeCloseTo(short, 2);
  });

  it('adds up costs: pools = total, in-house lines = in-house cost, vendor sheets = vendor cost', () => {
    const summary = JSON.parse(files.get('summary.json') as string) as { totalCost: number; pools: Record<string, { kind: string; cost: number; used: boolean; agentShifts: number }>; solver: Record<string, unknown> };
    expect(summary.solver).not.toHaveProperty('seconds');
    const pools = Object.entries(summary.pools);
    expect(pools.reduce((s, [, p]) => s + cents(p.cost), 0)).toBe(cents(summary.totalCost));
    const shifts = csv(files.get('shifts.csv') as string);
    for (const [name, p] of pools) {
      const mine = shifts.filter((l) => l.pool === name);
      expect(mine.reduce((s, l) => s + Number(l.agents), 0)).toBe(p.agentShifts);
      if (p.kind === 'inhouse') expect(mine.reduce((s, l) => s + cents(l.cost as string), 0)).toBe(cents(p.cost));
      if (p.kind === 'vendor' && p.used) {
        const sheet = csv(files.get(`vendors/${name}.csv`) as string);
        const total = sheet[sheet.length - 1] as Record<string, string>;
        expect(total.shift).toBe('total');
        expect(cents(total.amount as string)).toBe(cents(p.cost));
        expect(sheet.slice(0, -1).reduce((s, r) => s + cents(r.amount as string), 0)).toBe(cents(p.cost));
      }
    }
  });

  it('rosters exactly the planned agents on every (date, shift, pool), grid totals = roster rows', () => {
    const count = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    const planned = new Map<string, number>();
    for (const l of csv(files.get('shifts.csv') as string)) count(planned, `${l.date}|${l.shift}|${l.pool}`, Number(l.agents));
    const roster = csv(files.get('roster.csv') as string);
    const rostered = new Map<string, number>();
    for (const r of roster) count(rostered, `${r.date}|${r.shift}|${r.pool}`, 1);
    expect(Object.fromEntries([...rostered].sort())).toEqual(Object.fromEntries([...planned].filter(([, n]) => n > 0).sort()));
    const grid = parse(files.get('roster-grid.csv') as string, { bom: true, relax_column_count: true }) as string[][];
    const dates = (grid[0] as string[]).slice(3, -2);
    const total = grid.find((r) => r[0] === 'TOTAL') as string[];
    dates.forEach((d, i) => expect(Number(total[3 + i])).toBe(roster.filter((r) => r.date === d).length));
    const summary = JSON.parse(files.get('summary.json') as string) as { roster: { unfilledSeats: number } };
    expect(roster.filter((r) => r.agent_id === 'UNFILLED').length).toBe(summary.roster.unfilledSeats);
  });

  it('reads back for simulate and plans again from its own requirements.csv and forecast.csv', async () => {
    const sim = await runCli(['simulate', '--plan', out, '--runs', '1']);
    expect(sim.code).toBe(0);
    // Without agents, the same plan from requirements.csv and from forecast.csv; no forecast.csv without a forecast.
    const again = path.join(tempDir(), 'again');
    const fromReq = await runCli(['plan', '--config', configFile, '--requirements', path.join(out, 'requirements.csv'), '--start', '2026-11-10', '--end', '2026-11-12', '--out-dir', again, '-q']);
    expect(fromReq.stderr).toBe('');
    expect(fromReq.code).toBe(0);
    expect(listFiles(again)).toEqual(['.peakshift-folder', 'config.json', 'coverage.csv', 'report.html', 'requirements.csv', 'roster.xlsx', 'shifts.csv', 'summary.json', 'summary.md']);
    const shifts = fs.readFileSync(path.join(again, 'shifts.csv'), 'utf8');
    const coverage = fs.readFileSync(path.join(again, 'coverage.csv'), 'utf8');
    const fromDemand = await runCli(['plan', '--config', configFile, '--demand', path.join(out, 'forecast.csv'), '--out-dir', again, '--start', '2026-11-10', '--end', '2026-11-12', '-q']);
    expect(fromDemand.code).toBe(0);
    // Service levels and late inquiries differ in the 4th decimal only: requirements.csv keeps inquiries to the cent.
    const withoutServiceLevel = (text: string): string => text.replace(/^((?:[^,\n]*,){6})[^,\n]*,/gm, '$1').replace(/,[^,\n]*$/gm, '');
    expect(fs.readFileSync(path.join(again, 'shifts.csv'), 'utf8')).toBe(shifts);
    expect(withoutServiceLevel(fs.readFileSync(path.join(again, 'coverage.csv'), 'utf8'))).toBe(withoutServiceLevel(coverage));
    // The agents' limits cost something: the plan without them is no dearer.
    const free = JSON.parse(fs.readFileSync(path.join(again, 'summary.json'), 'utf8')) as { totalCost: number; lostService: { cost: number } };
    const bound = JSON.parse(files.get('summary.json') as string) as { totalCost: number; lostService: { cost: number } };
    expect(free.totalCost + free.lostService.cost).toBeLessThanOrEqual((bound.totalCost + bound.lostService.cost) * 1.005 + 1);
  }, 120_000);
});

describe('plan errors', () => {
  const demand = path.join(GOLDEN, 'forecast.csv');
  async function fails(argv: string[], code: number, message: string): Promise<void> {
    const dir = path.join(tempDir(), 'out');
    const r = await runCli(['plan', '--config', configFile, ...argv, '--out-dir', dir]);
    expect(r.stderr.trimEnd()).toBe(message);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(dir)).toBe(false);
  }

  it('needs one source of demand', async () => {
    await fails([], 2, 'error: plan needs its demand: expected one of --history, --demand or --requirements');
    await fails(['--history', data('inquiries.csv'), '--demand', demand], 2, 'error: --history and --demand given: expected only one of --history, --demand or --requirements');
  });

  it('checks dates, quantile, solver and time limit', async () => {
    await fails(['--demand', demand, '--start', '2026-11-31'], 2, 'error: --start "2026-11-31": expected a date like 2026-11-01');
    await fails(['--demand', demand, '--start', '2026-11-12', '--end', '2026-11-10'], 2, 'error: --start 2026-11-12 is after --end 2026-11-10: expected start on or before end');
    await fails(['--demand', demand, '--quantile', 'p75'], 2, 'error: --quantile: expected p50 or p90, got "p75"');
    await fails(['--demand', demand, '--solver', 'cplex'], 2, 'error: --solver: expected highs or jslp, got "cplex"');
    await fails(['--demand', demand, '--time-limit', '0'], 2, 'error: --time-limit: expected a positive number of seconds, got "0"');
    await fails(['--demand', demand, '--accept-gap', '1.5'], 2, 'error: --accept-gap: expected a relative gap from 0 to 1 (0.02 = 2%), got "1.5"');
    const { horizon: _horizon, ...noHorizon } = sampleConfig;
    void _horizon;
    const cfg = tempFile('config.json', JSON.stringify(noHorizon));
    const dir = path.join(tempDir(), 'out');
    const r = await runCli(['plan', '--config', cfg, '--demand', demand, '--start', '2026-11-10', '--out-dir', dir]);
    expect(r.stderr.trimEnd()).toBe('error: no dates to plan: expected --end, or horizon in the config');
    expect(r.code).toBe(2);
  });

  it('exits 3 naming the conflicting settings when no plan exists', async () => {
    // A daily vendor minimum on a day before any vendor may start.
    const pools = (sampleConfig.pools as Array<Record<string, unknown>>).map((p) => (p.kind === 'vendor' ? { ...p, availableFrom: '2026-11-11' } : p));
    const cfg = tempFile('config.json', JSON.stringify({ ...sampleConfig, pools, outsourcing: { ...(sampleConfig.outsourcing as object), scope: 'day' } }));
    const dir = path.join(tempDir(), 'out');
    const r = await runCli(['plan', '--config', cfg, '--demand', demand, '--start', '2026-11-10', '--end', '2026-11-12', '--out-dir', dir]);
    expect(r.stderr.trimEnd()).toBe(
      'error: outsourcing.min 0.6 (scope day) needs vendor hours in 2026-11-10, but no vendor can work then (vendor-a: availableFrom 2026-11-11, vendor-b: availableFrom 2026-11-11) (lower outsourcing.min, widen the scope, or make a vendor available earlier)',
    );
    expect(r.code).toBe(3);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('exits 4 with one line when a solve reaches the safety time limit before its gap, and writes nothing', async () => {
    const dir = path.join(tempDir(), 'out');
    const r = await runCli(['plan', '--config', configFile, '--demand', demand, '--start', '2026-11-10', '--end', '2026-11-12', '--time-limit', '0.000001', '--out-dir', dir]);
    expect(r.stderr).toMatch(/^error: the plan solve stopped at the safety time limit of 0\.000001 s with (no answer found|a proven gap of \d+\.\d\d%) \(asked 0\.50%(; this step of the solve asks \d+\.\d\d%)?\) after \d+\.\d s; nothing was written \(raise --time-limit \(solver\.timeLimitSeconds\)(, or pass --accept-gap [\d.]+ to write it marked as above the asked gap|, or plan a shorter horizon)\)\n$/);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('two agents cannot meet a daily minimum of 5: exit 3 with --strict, UNFILLED seats without', async () => {
    const agents = `${fs.readFileSync(data('agents.csv'), 'utf8').split('\n').slice(0, 3).join('\n')}\n`;
    const pools = (sampleConfig.pools as Array<Record<string, unknown>>).map((p) => (p.kind === 'inhouse' ? { ...p, minAgentsPerDay: 5 } : p));
    const cfg = tempFile('config.json', JSON.stringify({ ...sampleConfig, pools, solver: { mipRelGap: 0.005 } }));
    const argv = ['plan', '--config', cfg, '--demand', demand, '--agents', tempFile('agents.csv', agents), '--start', '2026-11-10', '--end', '2026-11-12'];
    const dir = path.join(tempDir(), 'out');
    const strict = await runCli([...argv, '--strict', '--out-dir', dir]);
    expect(strict.stderr).toMatch(/^error: no plan meets .*the named agents of in-house \(--agents: leave, shifts, night_ok, max_days_per_week\)/);
    expect(strict.code).toBe(3);
    expect(fs.existsSync(dir)).toBe(false);
    const loose = await runCli([...argv, '--out-dir', dir]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toMatch(/^warning: no plan meets .*; planned on the config's headcount instead$/m);
    const unfilled = csv(fs.readFileSync(path.join(dir, 'roster.csv'), 'utf8')).filter((r) => r.agent_id === 'UNFILLED').length;
    expect(unfilled).toBeGreaterThanOrEqual(3 * 5 - 3 * 2);
    expect(loose.stdout).toContain(`UNFILLED seats ${unfilled} `);
  }, 60_000);
});
