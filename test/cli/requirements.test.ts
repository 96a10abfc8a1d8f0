/**
 * `peakshift requirements`: golden output on a small June 2026 forecast. The
 * 10:00 presales row (200 inquiries an hour, AHT 180 s, 80/20) is the published
 * pyworkforce case: 14 agents, 20 scheduled at 30% shrinkage, SL 0.8884,
 * occupancy 0.7143, ASA 7.84 s (see test/staffing/erlangC.test.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli as run } from '../helpers/cli';

const fixtures = path.join(__dirname, '../fixtures/staffing');
const forecast = path.join(fixtures, 'forecast-june-2026.csv');
const config = path.join(fixtures, 'config.json');
const golden = fs.readFileSync(path.join(fixtures, 'requirements-june-2026.csv'), 'utf8');

describe('peakshift requirements', () => {
  it('prints the requirements CSV byte for byte', async () => {
    const r = await run(['requirements', '--demand', forecast, '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden);
    expect(r.stdout).toContain('2026-06-18T10:00,presales,200.00,14,20.00,0.8884,7.84,0.7143,,');
  });

  it('writes --out atomically and reports on stderr', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-req-')), 'requirements.csv');
    const r = await run(['requirements', '--demand', forecast, '--config', config, '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(golden);
    expect(r.stderr).toContain('6 hours x 2 queue(s)');
  });

  it('--quantile p90 needs more agents in every busy hour', async () => {
    const p90 = (await run(['requirements', '--demand', forecast, '--config', config, '--quantile', 'p90'])).stdout;
    const agents = (csv: string): number[] => csv.trim().split('\n').slice(1).filter((l) => l.includes(',all,')).map((l) => Number(l.split(',')[3]));
    const base = agents(golden);
    agents(p90).forEach((n, i) => expect(n).toBeGreaterThanOrEqual(base[i] as number));
    expect(agents(p90)[3]).toBeGreaterThan(base[3] as number);
  });

  it('rejects a bad --quantile', async () => {
    const r = await run(['requirements', '--demand', forecast, '--config', config, '--quantile', 'p75']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --quantile: expected p50 or p90, got "p75"\n');
  });

  it('names the file and the queue when the config lacks a demand queue', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-req-'));
    const other = path.join(dir, 'config.json');
    fs.writeFileSync(other, JSON.stringify({ queues: [{ name: 'presales' }] }));
    const r = await run(['requirements', '--demand', forecast, '--config', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${forecast}: queue "aftersales" has no entry in the config; expected one of the config queues (presales), or add it to queues in the config\n`);
  });

  it('names a missing demand file', async () => {
    const r = await run(['requirements', '--demand', '/nonexistent/f.csv', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: /nonexistent/f.csv: no such file; expected a readable forecast CSV\n');
  });
});
