/**
 * No silent wrong answers: requests no plan can meet stop with exit 3 and the
 * reason, and a history that ends months before the horizon still plans the
 * peak (checked against the full-history plan of the same days).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';

const data = (name: string): string => path.join(repoRoot, 'data', name);
const sample = JSON.parse(fs.readFileSync(data('config.json'), 'utf8')) as { pools: Array<Record<string, unknown>>; outsourcing: Record<string, unknown> } & Record<string, unknown>;
const SOLVER = { mipRelGap: 0.005, timeLimitSeconds: 60 };

/** One day of requirements for the sample's two queues: 4 and 2 agents every hour. */
function requirementsFile(): string {
  const rows = ['timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy,abandon_rate'];
  for (let h = 0; h < 24; h++) {
    const ts = `2026-11-10T${String(h).padStart(2, '0')}:00`;
    rows.push(`${ts},presales,120,4,4,0.9,10,0.7,`, `${ts},aftersales,40,2,2,0.9,10,0.6,`);
  }
  return tempFile('requirements.csv', `${rows.join('\n')}\n`);
}

describe('an outsourcing band below 100% with no in-house agents', () => {
  const config = tempFile('config.json', JSON.stringify({ ...sample, pools: sample.pools.map((p) => (p.kind === 'inhouse' ? { ...p, headcount: 0 } : p)), solver: SOLVER }));
  const message =
    'error: outsourcing.max 0.7 allows no vendor hours: no in-house pool can work (pools[0].headcount 0 (in-house)), so any vendor hour makes the outsourced share 100% (raise outsourcing.max to 1 or give an in-house pool a headcount)\n';

  test.each([
    ['without an agents file', [] as string[]],
    ['with an agents file', ['--agents', data('agents.csv')]],
  ])('is an impossible request naming the band, %s (exit 3, no folder)', async (_name, extra) => {
    const out = path.join(tempDir(), 'plan');
    const r = await runCli(['plan', '--config', config, '--requirements', requirementsFile(), '--start', '2026-11-10', '--end', '2026-11-10', '--out-dir', out, ...extra]);
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(3);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('a history that ends at 2026-06-30, planning Double 11', () => {
  const config = tempFile('config.json', JSON.stringify({ ...sample, solver: SOLVER }));
  const lines = fs.readFileSync(data('inquiries.csv'), 'utf8').split('\n');
  const stale = tempFile('stale.csv', `${lines.filter((l, i) => i === 0 || (l !== '' && l < '2026-07')).join('\n')}\n`);
  const args = (history: string, out: string): string[] => ['plan', '--config', config, '--history', history, '--start', '2026-11-10', '--end', '2026-11-12', '--out-dir', out];

  test('plans the peak at a cost within 35% of the full-history plan, holds the floor, and names the gap', async () => {
    const dir = tempDir();
    const full = await runCli(args(data('inquiries.csv'), path.join(dir, 'full')));
    const cut = await runCli(args(stale, path.join(dir, 'stale')));
    expect([full.code, cut.code]).toEqual([0, 0]);
    const gapNote = 'warning: the history ends 2026-06-30, 132 days before the forecast starts (2026-11-10)';
    expect(cut.stderr).toContain(gapNote);
    const summary = (name: string): { totalCost: number; notes: string[]; shortfall: { belowFloorAgentHours: number }; lowestHourlyServiceLevel: number } =>
      JSON.parse(fs.readFileSync(path.join(dir, name, 'summary.json'), 'utf8'));
    const a = summary('full');
    const b = summary('stale');
    expect(b.totalCost).toBeGreaterThan(0.65 * a.totalCost);
    expect(b.totalCost).toBeLessThan(1.35 * a.totalCost);
    expect(b.shortfall.belowFloorAgentHours).toBe(0);
    expect(b.notes.some((n) => gapNote.endsWith(n.slice(0, gapNote.length - 'warning: '.length)))).toBe(true);
    // The Nov 11 midnight spike is still planned for: the busiest forecast hour falls on Nov 11.
    const forecast = fs.readFileSync(path.join(dir, 'stale', 'forecast.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const byHour = new Map<string, number>();
    for (const [ts, , value] of forecast) byHour.set(ts as string, (byHour.get(ts as string) ?? 0) + Number(value));
    const busiest = [...byHour.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
    expect(busiest?.slice(0, 10)).toBe('2026-11-11');
  }, 240_000);
});
