/**
 * The roster exports on real (HiGHS) plans: roster counts equal the plan on
 * every (date, shift, pool); grid totals equal roster rows; each vendor sheet
 * sums to that vendor's cost in summary.json and holds only that vendor's data.
 */
import { parse } from 'csv-parse/sync';
import { rosterExportFiles } from '../../src/report';
import { checkRoster } from '../../src/roster';
import { smallAgents, smallPlan, type SmallPlan } from './planFixture';

function exportsOf(p: SmallPlan): Map<string, string> {
  return rosterExportFiles({ config: p.config, lines: p.plan.lines, coverage: p.plan.coverage, summary: p.plan.summary, demand: p.demand, roster: p.roster });
}

function rows(text: string | undefined): string[][] {
  return parse(text ?? '', { relax_column_count: true }) as string[][];
}

function checkConsistency(p: SmallPlan): void {
  const files = exportsOf(p);
  // 1. roster.csv counts = plan agents on every (date, shift, pool).
  const roster = rows(files.get('roster.csv'));
  expect(roster[0]).toEqual(['date', 'agent_id', 'agent_name', 'pool', 'shift', 'start', 'end', 'breaks', 'overtime_hours']);
  // Every break time of a line is given to exactly as many people as the plan placed there.
  for (const l of p.plan.lines) {
    const mine = roster.slice(1).filter((r) => r[0] === l.date && r[3] === l.pool && r[4] === l.shift && r[5] === l.start && r[6] === l.end);
    const given = new Map<string, number>();
    for (const r of mine) for (const b of (r[7] ?? '').split(';').filter(Boolean)) given.set(b, (given.get(b) ?? 0) + 1);
    const planned = new Map<string, number>();
    for (const b of l.breaks ?? []) planned.set(`${b.start.slice(11)}-${b.end.slice(11)}`, (planned.get(`${b.start.slice(11)}-${b.end.slice(11)}`) ?? 0) + b.agents);
    expect(Object.fromEntries(given)).toEqual(Object.fromEntries(planned));
  }
  const count = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const fromRoster = new Map<string, number>();
  for (const r of roster.slice(1)) count(fromRoster, `${r[0]}|${r[4]}|${r[3]}`, 1);
  const fromPlan = new Map<string, number>();
  for (const l of p.plan.lines) count(fromPlan, `${l.date}|${l.shift}|${l.pool}`, l.agents);
  expect(Object.fromEntries(fromRoster)).toEqual(Object.fromEntries(fromPlan));

  // 2. grid: TOTAL per date = roster rows of that date; person cells agree with the roster.
  const grid = rows(files.get('roster-grid.csv'));
  const dates = (grid[0] as string[]).slice(3, -2);
  const total = grid.find((r) => r[0] === 'TOTAL') as string[];
  dates.forEach((d, i) => expect(Number(total[3 + i])).toBe(roster.filter((r) => r[0] === d).length));
  const people = grid.filter((r) => r[0] !== '' && !r[0]?.startsWith('TOTAL') && r[0] !== 'UNFILLED' && r[0] !== 'agent_id');
  const worked = people.reduce((n, r) => n + r.slice(3, -2).filter((c) => c !== 'OFF').length, 0);
  expect(worked).toBe(roster.slice(1).filter((r) => r[1] !== 'UNFILLED').length);

  // 3. each vendor sheet sums to the vendor's cost; only its own seats, no names.
  const agentWords = smallAgents.flatMap((a) => [a.id, a.name]);
  for (const [pool, ps] of Object.entries(p.plan.summary.pools)) {
    if (ps.kind !== 'vendor' || !ps.used) continue;
    const sheet = rows(files.get(`vendors/${pool}.csv`));
    const body = sheet.slice(1, -1);
    const cents = body.reduce((n, r) => n + Math.round(Number(r[6]) * 100), 0);
    expect(cents).toBe(Math.round(ps.cost * 100));
    expect(sheet[sheet.length - 1]?.[6]).toBe(ps.cost.toFixed(2));
    for (const r of body) if (r[1] !== '') expect(r[1]?.startsWith(`${pool}-`)).toBe(true);
    const text = `${files.get(`vendors/${pool}.csv`)}${files.get(`vendors/${pool}-grid.csv`)}`;
    for (const word of [...agentWords, 'in-house', ...Object.keys(p.plan.summary.pools).filter((o) => o !== pool)]) expect(text).not.toContain(word);
    const vendorRows = roster.slice(1).filter((r) => r[3] === pool).length;
    expect(body.filter((r) => r[1] !== '').length).toBe(vendorRows);
  }
  expect(checkRoster({ config: p.config, lines: p.plan.lines, assignments: p.roster.assignments, agents: p.agents }).filter((v) => v.rule !== 'seats-filled')).toEqual([]);
}

describe('export consistency', () => {
  it.each([1, 2, 3])('random small plan %i', async (seed) => {
    checkConsistency(await smallPlan('2026-11-09', '2026-11-13', seed));
  });
  it('holds with UNFILLED seats when two agents cannot staff the plan', async () => {
    const p = await smallPlan('2026-11-09', '2026-11-12', 5, smallAgents.slice(0, 2));
    expect(p.roster.unfilled.length).toBeGreaterThan(0);
    checkConsistency(p);
    const grid = exportsOf(p).get('roster-grid.csv') as string;
    expect(grid).toMatch(/^UNFILLED,,,/m);
  });
});

describe('report.html', () => {
  it('is one self-contained file with the charts and the summary figures', async () => {
    const p = await smallPlan('2026-11-09', '2026-11-12', 4);
    const html = exportsOf(p).get('report.html') as string;
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    const shortHours = new Set(p.plan.coverage.filter((r) => r.shortfall > 1e-9).map((r) => r.timestamp)).size;
    // Two hourly charts shade the same short hours.
    expect((html.match(/class="highlight"/g) ?? []).length).toBe(2 * shortHours);
    expect(html).toContain(`CNY ${p.plan.summary.totalCost.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(html).toContain('Fair spread');
  });
});
