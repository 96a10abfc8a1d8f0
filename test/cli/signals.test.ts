/**
 * Ctrl-C and SIGTERM stop `plan` and `whatif` at once, mid-run, leaving the
 * old output folder as it was and no temp folder behind. Runs the built CLI
 * (`npm run build`; `npm ci` builds it) in a child process with its own TMPDIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, tempDir } from '../helpers/paths';

const bin = path.join(repoRoot, 'bin/peakshift.js');
const built = fs.existsSync(path.join(repoRoot, 'dist/cli/signals.js'));
const maybe = built ? test : test.skip;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function run(args: string[], cwd: string, tmp: string): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.resume();
  const ended = new Promise<Ended>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, ended };
}

/** Send `signal` after `afterMs` (the run must still be going) and time how long the process takes to end. */
async function interrupt(child: ChildProcess, ended: Promise<Ended>, signal: NodeJS.Signals, afterMs: number): Promise<{ ms: number; end: Ended }> {
  const early = await Promise.race([ended, new Promise<null>((r) => setTimeout(() => r(null), afterMs))]);
  if (early) throw new Error(`the run ended before it could be interrupted: ${JSON.stringify(early)}`);
  const t = Date.now();
  child.kill(signal);
  const end = await ended;
  return { ms: Date.now() - t, end };
}

/** A folder holding an old folder `out` with one file (replaced only with --force). */
function workFolder(): { dir: string; tmp: string } {
  const dir = tempDir('peakshift-signal-');
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'out', 'summary.json'), '{"old": true}\n');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  return { dir, tmp };
}

/** The sample config on a 90-day horizon solved to a zero gap: a run of many seconds. */
function longConfig(dir: string): string {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  config.horizon = { start: '2026-11-01', end: '2027-01-29' };
  config.solver = { mipRelGap: 0, timeLimitSeconds: 120 };
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

function expectUntouched(dir: string): void {
  expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'out', 'tmp', ...(fs.existsSync(path.join(dir, 'scenarios.json')) ? ['scenarios.json'] : [])].sort());
  expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['summary.json']);
  expect(fs.readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).toBe('{"old": true}\n');
  expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
}

maybe('plan stops within 2 s of Ctrl-C during the solve; the old plan folder stays as it was', async () => {
  const { dir, tmp } = workFolder();
  const config = longConfig(dir);
  const { child, ended } = run(['plan', '--config', config, '--history', path.join(repoRoot, 'data/inquiries.csv'), '--out-dir', 'out', '--force'], dir, tmp);
  const { ms, end } = await interrupt(child, ended, 'SIGINT', 2500);
  expect(ms).toBeLessThan(2000);
  expect(end.signal).toBe('SIGINT');
  expectUntouched(dir);
});

maybe('whatif stops within 2 s of SIGTERM while its worker threads solve; no folder is written', async () => {
  const { dir, tmp } = workFolder();
  longConfig(dir);
  const scenarios = {
    base: { name: 'base', config: 'config.json', history: path.join(repoRoot, 'data/inquiries.csv') },
    scenarios: [
      { name: 'promo +30%', overrides: [{ volume: { multiplier: 1.3 } }] },
      { name: '50/50 ratio', overrides: [{ outsourcing: { min: 0.5, max: 0.5 } }] },
    ],
  };
  fs.writeFileSync(path.join(dir, 'scenarios.json'), JSON.stringify(scenarios));
  const { child, ended } = run(['whatif', '--scenarios', 'scenarios.json', '--out-dir', 'out', '--force', '--jobs', '2', '--no-simulate'], dir, tmp);
  const { ms, end } = await interrupt(child, ended, 'SIGTERM', 3000);
  expect(ms).toBeLessThan(2000);
  expect(end.signal).toBe('SIGTERM');
  expectUntouched(dir);
});

maybe('a signal that arrives while the output folder is written is held until the folder is complete', async () => {
  const { dir, tmp } = workFolder();
  // The write sends itself SIGTERM first, then takes 300 ms; the process must still finish it.
  const script = `
    const fs = require('node:fs');
    const { holdingSignals } = require(${JSON.stringify(path.join(repoRoot, 'dist/cli/signals.js'))});
    holdingSignals(() => {
      process.kill(process.pid, 'SIGTERM');
      const until = Date.now() + 300;
      while (Date.now() < until);
      fs.writeFileSync('out/summary.json', '{"new": true}\\n');
    }).then(() => fs.writeFileSync('after.txt', 'the command went on'));
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
  const end = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  expect(end).toEqual({ code: null, signal: 'SIGTERM' });
  expect(fs.readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8')).toBe('{"new": true}\n');
  expect(fs.existsSync(path.join(dir, 'after.txt'))).toBe(false);
});
