/**
 * `peakshift replan` on the golden sample plan (2026-11-10 .. 12, 24 agents):
 * Nov 11 at 10:00 with the morning on, 40% above and 40% below the forecast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseConfig } from '../../src/config';
import { readPlanForReplan } from '../../src/io';
import { REPLAN_RULES } from '../../src/replan';
import { checkRoster } from '../../src/roster';
import { minuteNumber } from '../../src/roster/rules/context';
import { runCli, type CliResult } from '../helpers/cli';
import { tempDir, tempFile } from '../helpers/paths';

const PLAN = path.join(__dirname, '../golden/plan-small');
const NOW = '2026-11-11T10:00';

function csv(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
}
const read = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

/** Actuals for Nov 11 before 10:00: the plan's forecast times `factor`, whole inquiries. */
function actuals(factor: number): string {
  const rows = csv(read(PLAN, 'forecast.csv')).filter((r) => r.queue !== 'all' && (r.timestamp as string).startsWith('2026-11-11') && (r.timestamp as string) < NOW);
  return `timestamp,queue,inquiries\n${rows.map((r) => `${r.timestamp},${r.queue},${Math.round(Number(r.forecast) * factor)}`).join('\n')}\n`;
}

interface Run {
  out: string;
  result: CliResult;
  changes: Array<Record<string, string>>;
  summary: { totalCost: number; replan: { costDelta: number; serviceLevel: { before: number; after: number }; shortfallAgentHours: { before: number; after: number } } };
}

async function replan(factor: number, extra: string[] = [], plan = PLAN): Promise<Run> {
  const out = path.join(tempDir(), 'replan');
  const result = await runCli(['replan', '--plan', plan, '--actuals', tempFile('actuals.csv', actuals(factor)), '--now', NOW, '--out-dir', out, ...extra]);
  const ok = result.code === 0;
  return {
    out,
    result,
    changes: ok ? csv(read(out, 'changes.csv')) : [],
    summary: ok ? JSON.parse(read(out, 'summary.json')) : ({} as Run['summary']),
  };
}

/** Productive agents scheduled per hour (`all` rows). */
function scheduled(dir: string): Map<string, number> {
  return new Map(csv(read(dir, 'coverage.csv')).filter((r) => r.queue === 'all').map((r) => [r.timestamp as string, Number(r.scheduled)]));
}

const planSummary = JSON.parse(read(PLAN, 'summary.json')) as { totalCost: number };
/**
 * The sample config with both vendors on 2 h surge notice for the day, vendor-b with 10 more surge
 * seats on standby, and a call-in paid at the normal rate (a swapped rest day).
 */
const standbyConfig = (() => {
  const c = JSON.parse(read(PLAN, 'config.json')) as { pools: Array<{ name: string; surge?: { noticeHours: number; maxAgentsPerDay: number } }>; replan: { callInMultiplier: number } };
  c.replan.callInMultiplier = 1;
  for (const p of c.pools) if (p.surge) p.surge.noticeHours = 2;
  const b = c.pools.find((p) => p.name === 'vendor-b');
  if (b?.surge) b.surge.maxAgentsPerDay = 30;
  return tempFile('standby.json', JSON.stringify(c));
})();

/** The first in-house agent whose Nov 11 shift starts after noon: taken off that day below. */
const OFF = (csv(read(PLAN, 'roster.csv')).find((r) => r.date === '2026-11-11' && /^IH/.test(r.agent_id as string) && (r.start as string) >= '2026-11-11T12:00') as Record<string, string>).agent_id as string;

/** The plan with OFF off on Nov 11 (that shift taken out of roster.csv). */
function planWithAgentOff(): string {
  const dir = path.join(tempDir(), 'plan');
  fs.cpSync(PLAN, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'roster.csv'), read(PLAN, 'roster.csv').split('\n').filter((l) => !l.startsWith(`2026-11-11,${OFF},`)).join('\n'));
  return dir;
}

let same: Run;
let up: Run;
let standby: Run;
let down: Run;

beforeAll(async () => {
  same = await replan(1);
  // The plan already books every lever the sample's notice allows on Nov 11 (overtime to the cap,
  // surge seats on 24-48 h notice): with the vendors on 2 h notice the re-plan has room to act.
  up = await replan(1.4, ['--config', standbyConfig]);
  standby = await replan(1.4, ['--config', standbyConfig], planWithAgentOff());
  down = await replan(0.6);
}, 120_000);

function expectFrozenBeforeNow(run: Run): void {
  const lines = (dir: string): string[] => read(dir, 'coverage.csv').split('\n').filter((l) => l.startsWith('2026-11-10') || (l.startsWith('2026-11-11') && l.slice(0, 16) < NOW));
  expect(lines(run.out)).toEqual(lines(PLAN));
  expect(lines(run.out).length).toBeGreaterThan(100);
  // Who worked before now, and from when, is as planned; a shift under way may only end differently, after now.
  const key = (r: Record<string, string>): string => `${r.date}|${r.agent_id}|${r.start}`;
  const started = (dir: string): Map<string, Record<string, string>> => new Map(csv(read(dir, 'roster.csv')).filter((r) => minuteNumber(r.start as string) < minuteNumber(NOW)).map((r) => [key(r), r]));
  const [mine, planned] = [started(run.out), started(PLAN)];
  expect([...mine.keys()]).toEqual([...planned.keys()]);
  for (const [k, r] of mine) {
    const p = planned.get(k) as Record<string, string>;
    if (r.end !== p.end) expect(Math.min(minuteNumber(r.end as string), minuteNumber(p.end as string))).toBeGreaterThan(minuteNumber(NOW));
  }
}

function expectRulesHold(run: Run): void {
  const plan = readPlanForReplan(run.out);
  expect(checkRoster({ config: plan.config, lines: [], assignments: plan.roster, agents: plan.agents ?? [] }, REPLAN_RULES)).toEqual([]);
  // Every named agent keeps 11 h between shifts.
  const byAgent = new Map<string, Array<{ start: number; end: number }>>();
  for (const a of plan.roster) {
    if (a.kind !== 'agent') continue;
    byAgent.set(a.personId, [...(byAgent.get(a.personId) ?? []), { start: minuteNumber(a.start), end: minuteNumber(a.end) }]);
  }
  for (const list of byAgent.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) expect((list[i] as { start: number }).start - (list[i - 1] as { end: number }).end).toBeGreaterThanOrEqual(11 * 60);
  }
}

describe('replan: Nov 11 at 10:00', () => {
  it('changes nothing when the morning ran on the forecast', () => {
    expect(same.result.stderr).toBe(`wrote 11 files to ${same.out}; 0 changes in changes.csv\n`);
    expect(same.result.code).toBe(0);
    expect(same.result.stdout).toMatch(/^no changes at 10:00: \+CNY 0; shortfall \d+ -> \d+ agent-hours\n$/);
    expect(read(same.out, 'changes.csv')).toBe('time,action,pool,agent_id,shift,hours,cost\n');
    expect(read(same.out, 'roster.csv')).toBe(read(PLAN, 'roster.csv'));
    expect(scheduled(same.out)).toEqual(scheduled(PLAN));
    expect(same.summary.totalCost).toBe(planSummary.totalCost);
    expect(same.summary.replan.costDelta).toBe(0);
    for (const f of ['shifts.csv', 'forecast.csv', 'agents.csv']) expect(read(same.out, f)).toBe(read(PLAN, f));
    for (const f of ['roster.xlsx', 'roster-grid.csv', 'vendors/vendor-b.csv']) expect(fs.existsSync(path.join(same.out, f))).toBe(false);
  });

  it('40% above: acts, raises capacity after noon, serves the rest of the day better', () => {
    expect(up.result.code).toBe(0);
    expect(up.changes.length).toBeGreaterThan(0);
    expect(up.changes.every((c) => ['extend', 'call-in', 'surge'].includes(c.action as string))).toBe(true);
    const total = up.changes.reduce((s, c) => s + Math.round(Number(c.cost) * 100), 0);
    expect(Math.round(up.summary.replan.costDelta * 100)).toBe(total);
    expect(Math.round(up.summary.totalCost * 100)).toBe(Math.round(planSummary.totalCost * 100) + total);
    expect(up.summary.replan.serviceLevel.after).toBeGreaterThan(up.summary.replan.serviceLevel.before);
    expect(up.summary.replan.shortfallAgentHours.after).toBeLessThan(up.summary.replan.shortfallAgentHours.before);
    expect(up.result.stdout).toMatch(/^.+: \+CNY [\d,]+; shortfall \d+ -> \d+ agent-hours\n$/);
    const [before, after] = [scheduled(PLAN), scheduled(up.out)];
    let raised = 0;
    for (const [ts, v] of after) {
      if (ts >= '2026-11-11T12:00') expect(v).toBeGreaterThanOrEqual((before.get(ts) as number) - 1e-9);
      if (ts >= '2026-11-11T12:00' && v > (before.get(ts) as number) + 1e-9) raised += 1;
    }
    expect(raised).toBeGreaterThan(0);
    expectFrozenBeforeNow(up);
    expectRulesHold(up);
    expect(read(up.out, 'summary.md')).toContain('## Re-plan at 10:00');
    expect(read(up.out, 'report.html')).toContain('<h2>Re-plan at 10:00</h2>');
  });

  it('40% above with vendors on 2 h notice and an agent off: surge seats and a call-in, no sooner than the notice', () => {
    expect(standby.result.code).toBe(0);
    const calls = standby.changes.filter((c) => c.action === 'call-in');
    expect(calls.map((c) => c.agent_id)).toEqual([OFF]);
    expect(minuteNumber(calls[0]?.time as string) - minuteNumber(NOW)).toBeGreaterThanOrEqual(120);
    const surge = standby.changes.filter((c) => c.action === 'surge');
    expect(surge.length).toBeGreaterThan(0);
    for (const c of surge) {
      expect((c.time as string) >= '2026-11-11T12:00').toBe(true);
      expect(c.agent_id).toMatch(/^vendor-[ab]-S\d{3}$/);
    }
    expect(standby.summary.replan.serviceLevel.after).toBeGreaterThan(standby.summary.replan.serviceLevel.before);
    // The call-in makes up for the agent off: the day ends served as well as with everyone on.
    expect(standby.summary.replan.serviceLevel.after).toBeGreaterThanOrEqual(up.summary.replan.serviceLevel.after - 0.005);
    // The vendors' daily surge caps hold with the plan's surge seats.
    const roster = csv(read(standby.out, 'roster.csv')).filter((r) => r.date === '2026-11-11');
    expect(roster.filter((r) => /^vendor-a-S/.test(r.agent_id as string)).length).toBeLessThanOrEqual(30);
    expect(roster.filter((r) => /^vendor-b-S/.test(r.agent_id as string)).length).toBeLessThanOrEqual(30);
    expectFrozenBeforeNow(standby);
    expectRulesHold(standby);
  });

  it('40% below: cancels vendor shifts or sends people home, and the day costs less', () => {
    expect(down.result.code).toBe(0);
    expect(down.changes.length).toBeGreaterThan(0);
    expect(down.changes.every((c) => ['cancel', 'send-home'].includes(c.action as string))).toBe(true);
    expect(down.summary.replan.costDelta).toBeLessThan(0);
    expect(down.summary.totalCost).toBeLessThan(planSummary.totalCost);
    for (const c of down.changes) {
      expect(Number(c.hours)).toBeLessThan(0);
      // Notice: a cancellation at least 4 h ahead, a send-home at least 1 h ahead.
      expect(minuteNumber(c.time as string) - minuteNumber(NOW)).toBeGreaterThanOrEqual(c.action === 'cancel' ? 240 : 60);
    }
    expectFrozenBeforeNow(down);
    expectRulesHold(down);
  });
});

describe('replan: bad input', () => {
  const run = (text: string, name = 'actuals.csv'): Promise<CliResult> => {
    const file = tempFile(name, text);
    return runCli(['replan', '--plan', PLAN, '--actuals', file, '--now', NOW, '--out-dir', path.join(tempDir(), 'x')]).then((r) => ({ ...r, stderr: r.stderr.replace(file, name) }));
  };

  it('an hour at or after --now: exit 2, located', async () => {
    const r = await run('timestamp,queue,inquiries\n2026-11-11T09:00,presales,100\n2026-11-11T10:00,presales,120\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: actuals.csv:3:1: hour 2026-11-11T10:00, at or after --now 2026-11-11T10:00; expected actuals for hours before --now only\n');
  });

  it('a queue the plan does not know: exit 2, located', async () => {
    const r = await run('date,hour,queue,inquiries\n2026-11-11,8,presales,100\n2026-11-11,9,vip,5\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: actuals.csv:3:3: queue "vip"; expected one of the plan\'s queues (presales, aftersales)\n');
  });

  it('--now not a whole hour, or outside the plan', async () => {
    const a = await runCli(['replan', '--plan', PLAN, '--actuals', tempFile('a.csv', actuals(1)), '--now', '2026-11-11T10:30', '--out-dir', path.join(tempDir(), 'x')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('error: --now "2026-11-11T10:30" is not a whole hour; expected YYYY-MM-DDTHH:00\n');
    const b = await runCli(['replan', '--plan', PLAN, '--actuals', tempFile('a.csv', actuals(1)), '--now', '2026-11-20T10:00', '--out-dir', path.join(tempDir(), 'x')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^error: --now 2026-11-20T10:00 is outside the plan's forecast 2026-11-\d\dT\d\d:00 \.\. 2026-11-12T23:00; expected an hour after the plan's first and within it\n$/);
  });

  it('a plan folder without a roster, and --out-dir on the plan itself', async () => {
    const dir = path.join(tempDir(), 'plan');
    fs.cpSync(PLAN, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'roster.csv'));
    const a = await runCli(['replan', '--plan', dir, '--actuals', tempFile('a.csv', actuals(1)), '--now', NOW, '--out-dir', path.join(tempDir(), 'x')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(`error: --plan ${dir} has no roster.csv (plan with --agents: the re-plan changes named shifts); expected a plan folder written by peakshift plan\n`);
    const b = await runCli(['replan', '--plan', dir, '--actuals', tempFile('a.csv', actuals(1)), '--now', NOW, '--out-dir', dir]);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(`error: --out-dir ${dir} is the --plan folder; expected a new folder (the plan stays as it was)\n`);
  });

  it('pools restricted to queues are refused', async () => {
    const c = JSON.parse(read(PLAN, 'config.json')) as { pools: Array<{ queues?: string[] }> };
    (c.pools[1] as { queues?: string[] }).queues = ['presales'];
    const r = await runCli(['replan', '--plan', PLAN, '--actuals', tempFile('a.csv', actuals(1)), '--now', NOW, '--config', tempFile('c.json', JSON.stringify(c)), '--out-dir', path.join(tempDir(), 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: replan: pools[1].queues is set; expected pools that serve every queue (the re-plan shares each hour's agents over the queues)\n");
  });

  it('a config value out of range names its path', () => {
    expect(() => parseConfig({ replan: { cancelFeeShare: 1.5 } }, 'c.json')).toThrow('config replan.cancelFeeShare: expected a number from 0 to 1');
  });
});
