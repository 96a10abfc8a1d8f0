/**
 * Long fuzzing runs: `npx tsx scripts/fuzz.ts --count 3000 --seed 1 [--jobs 2]`.
 *
 * `--configs`: config cases only (CONFIG_MIX: mutated values, and size
 * mutations of names and lists at, just over and far over their caps), each
 * `plan` in a process of its own from dist/ (`npm run build` first), so that its
 * peak memory is measured: the figures add cases over 20 s and over 1 GB;
 * bench/fuzz-configs.json.
 *
 * Runs the cases of test/fuzz/harness.ts (mutated sample history, config and
 * agents file through inspect, forecast, plan and erlang) in worker threads.
 * A case that has not finished after `--hang-seconds` (default 60) is a hang:
 * its worker is ended and a new one goes on with the next case. Prints the
 * figures (crashes, hangs, non-finite outputs, unlocated line errors) and
 * every failing case, and writes bench/fuzz.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CONFIG_MIX, DEFAULT_MIX, inChildProcess, inProcess, makeCase, runCase, summarize, type CaseResult } from '../test/fuzz/harness';

interface WorkerInput {
  seed: number;
  indices: number[];
  configs: boolean;
  hangSeconds: number;
}

type WorkerMessage = { type: 'start'; index: number } | { type: 'done'; result: CaseResult };

if (!isMainThread) {
  const { seed, indices, configs, hangSeconds } = workerData as WorkerInput;
  // A case in its own process is ended by its own watchdog, a little before the thread's.
  const exec = configs ? inChildProcess(Math.max(1, hangSeconds - 5)) : inProcess;
  void (async () => {
    for (const index of indices) {
      parentPort?.postMessage({ type: 'start', index } satisfies WorkerMessage);
      const result = await runCase(makeCase(seed, index, configs ? CONFIG_MIX : DEFAULT_MIX), exec);
      parentPort?.postMessage({ type: 'done', result } satisfies WorkerMessage);
    }
  })();
} else {
  void main();
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name}: expected a number >= 0`);
  return value;
}

async function main(): Promise<void> {
  const count = option('count', 300);
  const seed = option('seed', 1);
  const jobs = Math.max(1, option('jobs', Math.min(2, os.cpus().length)));
  const hangSeconds = option('hang-seconds', 60);
  const configs = process.argv.includes('--configs');
  const mix = configs ? CONFIG_MIX : DEFAULT_MIX;
  const started = Date.now();
  const results: CaseResult[] = [];
  const hangs: CaseResult[] = [];
  // Cases are dealt round-robin; a worker that hangs is replaced and goes on after the hung case.
  const queues = Array.from({ length: jobs }, (_, j) => Array.from({ length: count }, (_, i) => i).filter((i) => i % jobs === j));
  let done = 0;
  const runQueue = (indices: number[]): Promise<void> =>
    new Promise((resolve) => {
      if (indices.length === 0) {
        resolve();
        return;
      }
      const entry = __filename.endsWith('.ts') ? { execArgv: ['--require', require.resolve('tsx/cjs')] } : { execArgv: [] };
      const worker = new Worker(__filename, { ...entry, workerData: { seed, indices, configs, hangSeconds } satisfies WorkerInput });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;
      const finish = (rest: number[]): void => {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        void worker.terminate();
        void runQueue(rest).then(resolve);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'start') {
          current = message.index;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            const c = makeCase(seed, current, mix);
            hangs.push({ index: current, command: c.command, mutation: c.mutation, code: -1, seconds: hangSeconds, stderr: '', problems: [`no answer after ${hangSeconds} s`], unlocated: false, otherLine: false });
            finish(indices.slice(indices.indexOf(current) + 1));
          }, hangSeconds * 1000);
          return;
        }
        results.push(message.result);
        done += 1;
        if (done % 100 === 0) process.stderr.write(`${done}/${count} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
        if (message.result.index === indices[indices.length - 1]) finish([]);
      });
      worker.on('error', (error) => {
        hangs.push({ index: current, command: 'inspect', mutation: `worker error: ${error.message}`, code: -1, seconds: 0, stderr: String(error.stack), problems: ['worker error'], unlocated: false, otherLine: false });
        finish(indices.slice(indices.indexOf(current) + 1));
      });
    });
  await Promise.all(queues.map(runQueue));
  results.sort((a, b) => a.index - b.index);
  const summary = summarize(seed, results, hangs);
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    `fuzz${configs ? ' --configs' : ''}: ${summary.cases} cases, seed ${seed}, ${jobs} worker(s), ${seconds.toFixed(0)} s`,
    `commands: ${Object.entries(summary.byCommand).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `exit codes: ${Object.entries(summary.byExit).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `crashes (exit 1, stack trace, not one error line): ${summary.crashes}`,
    `hangs (>= 10 s per case, or no answer in ${hangSeconds} s): ${summary.hangs}`,
    `non-finite outputs (NaN, Infinity): ${summary.nonFinite}`,
    `unlocated line errors: ${summary.unlocated}`,
    `errors naming another line than the mutated one: ${summary.otherLine}`,
    `slowest case: ${summary.slowest.seconds.toFixed(2)} s (${summary.slowest.command}: ${summary.slowest.mutation})`,
    `over 20 s: ${summary.over20Seconds}${configs ? `, over 1 GB: ${summary.over1Gb}, largest: ${summary.largest ? `${summary.largest.peakMb} MB (${summary.largest.mutation})` : '-'}` : ''}`,
    `slowest per command: ${Object.entries(summary.slowestByCommand).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const r of results.filter((x) => x.otherLine)) process.stdout.write(`  other line: case ${r.index} ${r.command} [${r.mutation}] | ${r.stderr.split('\n')[0]?.slice(0, 240) ?? ''}\n`);
  // Per size mutation: how the cases ended, the longest and the largest.
  const sizes = new Map<string, { cases: number; exits: Set<number>; seconds: number; peakMb: number }>();
  for (const r of results.filter((x) => x.mutation.startsWith('config size: '))) {
    const name = r.mutation.slice('config size: '.length);
    const row = sizes.get(name) ?? { cases: 0, exits: new Set<number>(), seconds: 0, peakMb: 0 };
    row.cases += 1;
    row.exits.add(r.code);
    row.seconds = Math.max(row.seconds, Number(r.seconds.toFixed(2)));
    row.peakMb = Math.max(row.peakMb, r.peakMb ?? 0);
    sizes.set(name, row);
  }
  const sizeRows = [...sizes].map(([name, row]) => ({ mutation: name, cases: row.cases, exits: [...row.exits].sort(), seconds: row.seconds, peakMb: row.peakMb }));
  for (const row of sizeRows) process.stdout.write(`  size ${row.mutation}: ${row.cases} case(s), exit ${row.exits.join('/')}, ${row.seconds.toFixed(2)} s, ${row.peakMb} MB\n`);
  for (const f of summary.failures) process.stdout.write(`  case ${f.index} ${f.command} [${f.mutation}] exit ${f.code}, ${f.seconds.toFixed(2)} s: ${f.problems.join('; ')} | ${f.stderr.split('\n')[0]?.slice(0, 240) ?? ''}\n`);
  const bench = path.resolve(__dirname, '../bench');
  fs.mkdirSync(bench, { recursive: true });
  fs.writeFileSync(
    path.join(bench, configs ? 'fuzz-configs.json' : 'fuzz.json'),
    `${JSON.stringify({ ...summary, seconds: Number(seconds.toFixed(1)), jobs, ...(configs ? { sizes: sizeRows } : {}), failures: summary.failures.map((f) => ({ index: f.index, command: f.command, mutation: f.mutation, code: f.code, seconds: Number(f.seconds.toFixed(2)), problems: f.problems, stderr: f.stderr.split('\n')[0] })) }, null, 2)}\n`,
  );
}
