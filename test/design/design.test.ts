/**
 * Shift design on hand-built demand curves whose best menu is known: a flat
 * curve over 09:00-17:00 needs one 8-hour shift; two 4-hour humps need two
 * staggered 4-hour shifts. The current menu (a 10-hour shift) is always a
 * candidate, so the designed menu never costs more, and the written config
 * plans as it is.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig, type Config, type QueueConfig } from '../../src/config';
import { designShifts, generateCandidates, newConfigJson } from '../../src/design';
import { ConfigError, type Requirement } from '../../src/domain';
import { formatRequirementsCsv, loadConfigText } from '../../src/io';
import { planShifts } from '../../src/plan';
import { requirementCell } from '../../src/staffing';
import { runCli } from '../helpers/cli';

const RAW = {
  queues: [{ name: 'chat', ahtSeconds: 240, concurrency: 3 }],
  shrinkage: 0.2,
  shifts: [{ name: 'long', code: 'L', start: '06:00', hours: 10, startOffsets: [0, 2, 4, 6, 8, 10, 12] }],
  pools: [{ name: 'team', kind: 'inhouse', headcount: 200, hourlyCost: 30, maxDaysPerWeek: 7 }],
  design: { minHours: 4, maxHours: 8, breakAfterHours: 8, night: false },
  solver: { mipRelGap: 0.0001, timeLimitSeconds: 20 },
};
const config = (): Config => parseConfig(RAW);

/** Two days of `inquiries` per hour on the given hours of the day, none otherwise. */
function requirement(cfg: Config, hours: readonly number[], inquiries = 300): Requirement {
  const queue = cfg.queues[0] as QueueConfig;
  const cells = Array.from({ length: 48 }, (_, h) => requirementCell(queue, hours.includes(h % 24) ? inquiries : 0, cfg.shrinkage));
  return { timezone: 'Asia/Shanghai', startHour: '2026-06-01T00:00', hours: 48, queues: [{ name: 'chat', cells }] };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const dates = { start: '2026-06-01', end: '2026-06-02' };

describe('design-shifts', () => {
  it('offers every whole-hour start and allowed length, with the current menu first', () => {
    const candidates = generateCandidates(config());
    expect(candidates[0]?.shift.name).toBe('long');
    // night: false keeps starts whose hours stay within 06:00-22:00: start s, length L with s >= 6 and s + L <= 22.
    let expected = 0;
    for (let s = 6; s < 24; s++) for (let l = 4; l <= 8; l++) if (s + l <= 22) expected += 1;
    expect(candidates.length).toBe(1 + expected);
    expect(candidates.some((c) => c.shift.name === '0900-8h')).toBe(true);
  });

  it('a flat curve gets one shift type that fits it', async () => {
    const cfg = config();
    const r = await designShifts({ config: cfg, requirement: requirement(cfg, range(9, 17)), ...dates, maxTypes: 3 });
    expect(r.shifts.map((s) => s.name)).toEqual(['0900-8h']);
    expect(r.designed.shortfallAgentHours).toBe(0);
    expect(r.designed.efficiency).toBeGreaterThan(r.current?.efficiency ?? 1);
    expect(r.designed.objective).toBeLessThan(r.current?.objective ?? 0);
  });

  it('two humps get two staggered shift types, and the written config plans at no more cost', async () => {
    const cfg = config();
    const req = requirement(cfg, [...range(8, 12), ...range(18, 22)]);
    const r = await designShifts({ config: cfg, requirement: req, ...dates, maxTypes: 3 });
    expect(r.shifts.map((s) => s.name).sort()).toEqual(['0800-4h', '1800-4h']);
    expect(r.shifts.map((s) => s.code).sort()).toEqual(['A', 'B']);
    expect(r.poolShifts).toEqual({ team: expect.arrayContaining(['0800-4h', '1800-4h']) });
    expect(r.designed.efficiency).toBeGreaterThan(r.current?.efficiency ?? 1);
    const written = loadConfigText(JSON.stringify(newConfigJson(RAW, r)), 'NEW-CONFIG.json');
    const again = await planShifts(written, req, dates);
    expect(again.summary.solver.objective).toBeLessThanOrEqual((r.current?.objective ?? -1) + 1e-6);
    expect(again.summary.solver.objective).toBeCloseTo(r.designed.objective, 4);
  });

  it('never proposes a menu dearer than the current one when the current one is a candidate', async () => {
    const cfg = parseConfig({ ...RAW, shifts: [{ name: 'fit', code: 'F', start: '09:00', hours: 8, startOffsets: [0] }] });
    const r = await designShifts({ config: cfg, requirement: requirement(cfg, range(9, 17)), ...dates, maxTypes: 1 });
    expect(r.designed.objective).toBeLessThanOrEqual((r.current?.objective ?? -1) + 1e-6);
    expect(r.shifts.map((s) => s.name)).toEqual(['fit']);
  });

  it('writes the default pools out when the input config left them out', () => {
    const defaults = parseConfig({});
    const shift = { name: '0900-8h', code: 'A', start: '09:00', hours: 8, startOffsets: [0] };
    const json = newConfigJson({ shrinkage: 0.2 }, { shifts: [shift], poolShifts: { 'in-house': ['0900-8h'] }, config: defaults });
    const written = loadConfigText(JSON.stringify(json), 'NEW-CONFIG.json');
    expect(written.shrinkage).toBe(0.2);
    expect(written.pools.map((p) => [p.name, p.shifts])).toEqual([['in-house', ['0900-8h']]]);
  });

  it('rejects design limits that cannot hold, naming the config path', () => {
    expect(() => parseConfig({ ...RAW, design: { pools: [{ name: 'vendor-x' }] } })).toThrow(new ConfigError('design.pools[0].name', 'expected one of the pools (team), got "vendor-x"'));
    expect(() => parseConfig({ ...RAW, design: { minHours: 9, maxHours: 8 } })).toThrow(new ConfigError('design.minHours', 'expected minHours (9) at most maxHours (8)'));
    expect(() => parseConfig({ ...RAW, design: { pools: [{ name: 'team', earliestStart: '12:00', latestStart: '08:00' }] } })).toThrow(
      new ConfigError('design.pools[0].earliestStart', 'expected earliestStart (12:00) at or before latestStart (08:00)'),
    );
  });

  it('the command writes a config plan accepts and design.md, and refuses a bad --max-types', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-design-'));
    const cfgFile = path.join(dir, 'config.json');
    fs.writeFileSync(cfgFile, JSON.stringify(RAW));
    const reqFile = path.join(dir, 'requirements.csv');
    fs.writeFileSync(reqFile, formatRequirementsCsv(requirement(config(), [...range(8, 12), ...range(18, 22)])));
    const out = path.join(dir, 'NEW-CONFIG.json');
    const bad = await runCli(['design-shifts', '--config', cfgFile, '--requirements', reqFile, '--start', dates.start, '--end', dates.end, '--max-types', '0', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('error: --max-types: expected a whole number of shift types from 1 to 50, got "0"');
    expect(fs.existsSync(out)).toBe(false);
    const r = await runCli(['design-shifts', '--config', cfgFile, '--requirements', reqFile, '--start', dates.start, '--end', dates.end, '--out', out]);
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('designed menu:');
    expect(r.stdout).toMatch(/A {3}0800-4h {4}08:00-12:00/);
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as { shifts: Array<{ name: string }>; pools: Array<{ shifts: string[] }>; design: unknown };
    expect(written.shifts.map((s) => s.name).sort()).toEqual(['0800-4h', '1800-4h']);
    expect(written.design).toEqual(RAW.design);
    expect(fs.readFileSync(path.join(dir, 'design.md'), 'utf8')).toContain('| shift types | 1 | 2 | +1 |');
    const plan = await runCli(['plan', '--config', out, '--requirements', reqFile, '--start', dates.start, '--end', dates.end, '--out-dir', path.join(dir, 'plan')]);
    expect(plan.code).toBe(0);
  });
});
