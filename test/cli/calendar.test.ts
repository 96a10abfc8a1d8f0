/**
 * `peakshift calendar --year Y`, and a plan whose horizon reaches a year after
 * the holiday table: stderr, summary.json and the report name the year.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dayNumber, hourKeyFromNumber } from '../../src/domain';
import { runCli } from '../helpers/cli';
import { tempDir, tempFile } from '../helpers/paths';
import { syntheticHistory } from '../forecast/synthetic';

describe('peakshift calendar', () => {
  it('lists 2027 with its provisional holidays and the event windows', async () => {
    const r = await runCli(['calendar', '--year', '2027', '--lang', 'en']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^PROVISIONAL public holidays: the holiday table covers 2004-2026; 2027 has the statutory days/);
    expect(lines).toContain('  2027-10-01 .. 10-03      National Day          provisional');
    expect(lines).toContain('  Spring Festival       2027-01-12 .. 02-20      anchor 2027-02-06');
    const json = JSON.parse((await runCli(['calendar', '--year', '2027', '--json'])).stdout) as { year: number; provisional: boolean; holidays: unknown[] };
    expect(json).toMatchObject({ year: 2027, provisional: true });
    expect(json.holidays).toHaveLength(7);
  });

  it('refuses a year outside the calendar, exit 2', async () => {
    const r = await runCli(['calendar', '--year', '2100']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error: --year: expected a year from 1901 to 2099, got "2100"\n' });
  });
});

describe('a plan of February 2027', () => {
  // Ten weeks of a small shop up to 2027-01-31, one queue, one pool, three shifts: a plan of two days.
  const history = syntheticHistory({ start: '2026-11-23', end: '2027-01-31', perDay: 600, seed: 5 });
  const start = dayNumber(history.startHour.slice(0, 10)) * 24;
  const csv = ['timestamp,inquiries', ...history.queues[0]!.values.map((v, i) => `${hourKeyFromNumber(start + i)},${v}`)].join('\n');
  const config = {
    queues: [{ name: 'inquiries', ahtSeconds: 120, concurrency: 3 }],
    shifts: [
      { name: 'night', code: 'N', start: '00:00', hours: 9, paidHours: 8 },
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8 },
      { name: 'late', code: 'L', start: '16:00', hours: 9, paidHours: 8 },
    ],
    pools: [{ name: 'team', kind: 'inhouse', headcount: 12, hourlyCost: 30, maxDaysPerWeek: 7 }],
  };

  it('warns on stderr, notes it in summary.json and says it in the report, naming 2027', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'plan');
    const r = await runCli(['plan', '--config', tempFile('c.json', JSON.stringify(config)), '--history', tempFile('h.csv', csv), '--start', '2027-02-05', '--end', '2027-02-06', '--out-dir', out, '--lang', 'en']);
    expect(r.stderr).toContain('warning: the mainland holiday table covers 2004-2026, not 2027: 2027 uses provisional holidays');
    expect(r.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { notes: string[] };
    expect(summary.notes.filter((n) => n.includes('2027 uses provisional holidays'))).toHaveLength(1);
    const report = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(report).toContain('Holiday calendar</td><td>provisional for 2027: statutory days from the lunar and solar rules, no bridge days or make-up workdays (peakshift calendar --year 2027)');
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('provisional for 2027');
  });
});
