/**
 * Memory at the caps: `npx tsx scripts/bench-memory.ts` (after `npm run build`).
 *
 * Writes the largest histories the documented caps accept (docs/limits.md)
 * and runs the compiled `inspect --json` and `forecast` on each in a fresh
 * process, reporting its peak resident memory (process.resourceUsage().maxRSS)
 * and wall time. The bar: every run at most 1 GB. The sample history
 * (3 years, 2 queues) is measured the same way as the baseline. Writes
 * bench/memory.json.
 *
 * Shapes at the caps:
 * - queue-hours: 200 queues (the queue cap) × 25,000 hours = 5,000,000 queue-hours, hourly rows;
 * - span: 20 years (the span cap) × 28 queues = 4.9 million queue-hours, hourly rows;
 * - bytes: a 256 MB file (the size cap) of 5-minute rows, 20 queues.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_HISTORY_YEARS, MAX_INPUT_BYTES, MAX_QUEUE_HOURS, MAX_QUEUES } from '../src/domain/limits';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist/cli/main.js');
const LIMIT_BYTES = 1024 ** 3;

interface Shape {
  name: string;
  queues: number;
  /** Hours of the history. */
  hours: number;
  /** Rows per hour (12 = 5-minute rows). */
  rowsPerHour: number;
  /** Stop writing at this many bytes (the size cap), if set. */
  maxBytes?: number;
}

/** Write a history of `shape` (daily and weekly shape, seeded noise); returns its first and last date and size. */
function writeHistory(file: string, shape: Shape): { first: string; last: string; bytes: number; rows: number } {
  const fd = fs.openSync(file, 'w');
  const start = Date.UTC(2026, 9, 31) - (shape.hours - 24) * 3_600_000;
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  let bytes = 0;
  let rows = 0;
  let buffer = 'timestamp,queue,inquiries\n';
  let lastHour = start;
  const step = 60 / shape.rowsPerHour;
  outer: for (let h = 0; h < shape.hours; h++) {
    const t = start + h * 3_600_000;
    const date = new Date(t);
    const hour = date.getUTCHours();
    const level = (hour >= 9 && hour <= 22 ? 60 : 15) * (date.getUTCDay() === 0 ? 0.8 : 1);
    const stamp = date.toISOString().slice(0, 13);
    for (let k = 0; k < shape.rowsPerHour; k++) {
      const minute = String(k * step).padStart(2, '0');
      for (let q = 0; q < shape.queues; q++) {
        buffer += `${stamp}:${minute},q${q},${Math.round((level / shape.rowsPerHour) * (0.8 + 0.4 * rand()))}\n`;
        rows += 1;
      }
    }
    lastHour = t;
    if (buffer.length > 1 << 20) {
      bytes += fs.writeSync(fd, buffer);
      buffer = '';
      if (shape.maxBytes !== undefined && bytes > shape.maxBytes - (2 << 20)) break outer;
    }
  }
  bytes += fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  return { first: new Date(start).toISOString().slice(0, 10), last: new Date(lastHour).toISOString().slice(0, 10), bytes, rows };
}

interface Run {
  code: number;
  maxRssBytes: number;
  seconds: number;
  stderr: string;
}

/** Run the compiled CLI in a fresh process and read its own peak RSS. */
function run(argv: string[]): Run {
  const script = `require(${JSON.stringify(MAIN)}).main(${JSON.stringify(argv)}, { stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false }).then((code) => { process.stderr.write('\\n@@' + JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\\n'); });`;
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const marker = /@@(\{.*\})/.exec(child.stderr ?? '');
  if (!marker) return { code: child.status ?? -1, maxRssBytes: NaN, seconds, stderr: (child.stderr ?? '').slice(0, 500) };
  const parsed = JSON.parse(marker[1] as string) as { code: number; maxRss: number };
  return { code: parsed.code, maxRssBytes: parsed.maxRss, seconds, stderr: (child.stderr ?? '').replace(/\n?@@.*\n?/, '').trim().slice(0, 500) };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function main(): void {
  if (!fs.existsSync(MAIN)) throw new Error('run `npm run build` first: the benchmark measures the compiled command');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-bench-memory-'));
  const only = process.argv.includes('--quick') ? 1 : Infinity;
  const shapes: Shape[] = [
    { name: `queue-hours cap: ${MAX_QUEUES} queues × 25,000 hours`, queues: MAX_QUEUES, hours: Math.floor(MAX_QUEUE_HOURS / MAX_QUEUES), rowsPerHour: 1 },
    { name: `span cap: ${MAX_HISTORY_YEARS} years × 28 queues`, queues: 28, hours: MAX_HISTORY_YEARS * 8766, rowsPerHour: 1 },
    { name: `size cap: ${MAX_INPUT_BYTES / 1024 / 1024} MB of 5-minute rows, 20 queues`, queues: 20, hours: 60_000, rowsPerHour: 12, maxBytes: MAX_INPUT_BYTES },
  ].slice(0, only);
  const results: Array<Record<string, unknown>> = [];
  const sample = path.join(ROOT, 'data/inquiries.csv');
  const measure = (name: string, file: string, last: string, meta: Record<string, unknown>): void => {
    const start = addDays(last, 1);
    const inspect = run(['inspect', '--history', file, '--json']);
    const forecast = run(['forecast', '--history', file, '--start', start, '--end', addDays(start, 13), '--out', path.join(dir, 'forecast.csv')]);
    for (const [command, r] of [['inspect', inspect], ['forecast', forecast]] as const) {
      results.push({ shape: name, command, ...meta, exitCode: r.code, maxRssMB: Math.round(r.maxRssBytes / 1024 / 1024), seconds: Number(r.seconds.toFixed(1)), withinLimit: r.code === 0 && r.maxRssBytes <= LIMIT_BYTES, ...(r.code === 0 ? {} : { stderr: r.stderr }) });
      process.stdout.write(`${name.padEnd(58)} ${command.padEnd(9)} exit ${r.code}  ${String(Math.round(r.maxRssBytes / 1024 / 1024)).padStart(5)} MB  ${r.seconds.toFixed(1).padStart(6)} s${r.code === 0 ? '' : `  ${r.stderr}`}\n`);
    }
  };
  measure('baseline: the sample (3 years, 2 queues)', sample, '2026-10-31', { rows: 52_608, bytes: fs.statSync(sample).size });
  for (const shape of shapes) {
    const file = path.join(dir, 'history.csv');
    const written = writeHistory(file, shape);
    measure(shape.name, file, written.last, { rows: written.rows, bytes: written.bytes, queues: shape.queues, from: written.first, to: written.last });
    fs.rmSync(file);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const ok = results.every((r) => r.withinLimit === true);
  process.stdout.write(`every run within 1 GB: ${ok ? 'yes' : 'NO'}\n`);
  const bench = path.join(ROOT, 'bench');
  fs.mkdirSync(bench, { recursive: true });
  fs.writeFileSync(path.join(bench, 'memory.json'), `${JSON.stringify({ limitMB: 1024, results, allWithinLimit: ok }, null, 2)}\n`);
}

main();
