/**
 * `peakshift capacity` in-process on the small instance of test/capacity:
 * the folder it writes, the same bytes twice, the agents file the peak plan
 * reads, and every bad option with its one-line message and exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../src/config';
import { formatForecastCsv, parseAgents } from '../../src/io';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { instanceConfig, instanceDemand } from '../capacity/instance';

describe('peakshift capacity', () => {
  const dir = tempDir('peakshift-capacity-');
  const configFile = path.join(dir, 'config.json');
  const demandFile = path.join(dir, 'forecast.csv');
  const agentsFile = path.join(dir, 'agents.csv');
  const config = instanceConfig({ vendorRate: 60 });
  fs.writeFileSync(configFile, JSON.stringify(config));
  fs.writeFileSync(demandFile, formatForecastCsv(instanceDemand()));
  fs.writeFileSync(agentsFile, `agent_id,name,pool\n${Array.from({ length: 10 }, (_, i) => `A${i + 1},Agent ${i + 1},in-house`).join('\n')}\n`);
  const args = (out: string): string[] => ['capacity', '--config', configFile, '--demand', demandFile, '--agents', agentsFile, '--from', '2026-08-03', '--until', '2026-11-22', '--out-dir', out];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the capacity folder, the same bytes on a second run (reports in Chinese with --lang zh), and agents the plan reads', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const first = await runCli([...args(a), '--lang', 'en']);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(`capacity plan 2026-08-03 .. 2026-11-22 (16 weeks) -> ${a}`);
    expect(first.stdout).toMatch(/^ {2}C01: recruit \d+ by 2026-\d\d-\d\d, training from/m);
    const second = await runCli([...args(b), '--lang', 'zh']);
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n')[0]).toBe(`人力规划 2026-08-03 至 2026-11-22（16 周）-> ${b}`);
    expect(fs.readFileSync(path.join(b, 'capacity.md'), 'utf8').split('\n')[0]).toBe('# 旺季前人力规划');
    expect(fs.readFileSync(path.join(b, 'capacity.html'), 'utf8')).toContain('<html lang="zh-CN">');
    const names = fs.readdirSync(a).filter((f) => !f.startsWith('.')).sort();
    expect(names).toEqual(['agents-planned.csv', 'capacity.csv', 'capacity.html', 'capacity.json', 'capacity.md', 'hiring.csv', 'releases.csv', 'vendor-seats.csv']);
    // The machine-readable files do not depend on the language (agents-planned.csv names the hires in it).
    for (const name of ['capacity.csv', 'capacity.json', 'hiring.csv', 'releases.csv', 'vendor-seats.csv']) {
      expect({ name, same: fs.readFileSync(path.join(a, name)).equals(fs.readFileSync(path.join(b, name))) }).toEqual({ name, same: true });
    }
    expect(fs.readFileSync(path.join(a, 'hiring.csv'), 'utf8').split('\n')[0]).toBe('class,recruit_by,training_start,productive_from,trainees,cost,graduates,contract_end');
    expect(fs.readFileSync(path.join(a, 'releases.csv'), 'utf8').split('\n')[0]).toBe('date,class,agents,reason,notify_by');
    // agents-planned.csv: today's 10 agents, then the hires with the first training day as hire date.
    const planned = parseAgents(fs.readFileSync(path.join(a, 'agents-planned.csv'), 'utf8'), 'agents-planned.csv', parseConfig(JSON.parse(fs.readFileSync(configFile, 'utf8'))));
    const hiring = fs.readFileSync(path.join(a, 'hiring.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(planned.slice(0, 10).map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => `A${i + 1}`));
    expect(planned.length).toBeGreaterThan(10);
    for (const hire of planned.slice(10)) {
      expect(hire.pool).toBe('in-house');
      expect(hire.name).toBe(`new hire ${hire.id}`);
      expect(hire.hired).toBe(hiring.find((row) => hire.id.startsWith(`${row[0]}-`))?.[2]);
    }
  });

  it('takes the shift efficiency of a plan folder', async () => {
    const planDir = tempDir();
    fs.writeFileSync(path.join(planDir, 'summary.json'), JSON.stringify({ scheduleEfficiency: 0.5 }));
    const out = path.join(dir, 'eff');
    const run = await runCli([...args(out), '--efficiency-from', planDir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'capacity.json'), 'utf8')).shiftEfficiency).toBe(0.5);
  });

  it.each([
    [['--from', '2026-13-01'], '--from "2026-13-01": expected a date like 2026-08-03'],
    [['--until', '2026-08-01'], '--until 2026-08-01 is before --from 2026-08-03: expected until on or after from'],
    [['--until', '2027-09-01'], '--until: 395 days from --from 2026-08-03 to 2027-09-01; expected at most 366 days'],
    [['--quantile', 'p75'], '--quantile: expected p50 or p90, got "p75"'],
    [['--history', 'h.csv'], '--history and --demand given: expected only one of --history, --demand or --requirements'],
    [['--until', '2026-11-30'], `${'DEMAND'}: hours 2026-08-03T00:00 .. 2026-11-22T23:00; expected every hour from 2026-08-03T00:00 to 2026-11-30T23:00 (--from .. --until)`],
  ])('%j exits 2 with one line', async (extra, message) => {
    const out = path.join(dir, 'bad');
    const base = args(out);
    const argv = [...base];
    for (let i = 0; i < extra.length; i += 2) {
      const at = argv.indexOf(extra[i] as string);
      if (at >= 0) argv[at + 1] = extra[i + 1] as string;
      else argv.push(extra[i] as string, extra[i + 1] as string);
    }
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('error:'))).toEqual([`error: ${message.replace('DEMAND', demandFile)}`]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a plan folder without an efficiency', async () => {
    const run = await runCli([...args(path.join(dir, 'bad2')), '--efficiency-from', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*summary\.json: no such file; expected a plan folder with summary\.json \(written by peakshift plan\)$/m);
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'summary.json'), '{"scheduleEfficiency": 1.5}');
    const run2 = await runCli([...args(path.join(dir, 'bad3')), '--efficiency-from', other]);
    expect(run2.stderr.trim()).toBe(`error: ${path.join(other, 'summary.json')}: scheduleEfficiency 1.5; expected a plan summary with scheduleEfficiency above 0 and at most 1`);
  });
});
