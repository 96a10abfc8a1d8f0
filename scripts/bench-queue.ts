/**
 * What-if sweeps through the job broker. Prints a table and writes bench/queue.json.
 *
 *   npx tsx scripts/bench-queue.ts [--points 40]
 *
 * A sweep of `points` volume values (plus the base) on a one-day horizon of the
 * what-if fixture, run three ways, each `peakshift whatif` a process of its own:
 * locally on one worker thread (the baseline), through a redis-server on a free
 * loopback port with one worker process, and with two. Two rounds in opposite
 * orders, the faster of each kept. The speed-up is the one-worker wall time over
 * the two-worker one; the per-job overhead is (one worker − local) / jobs, what a
 * job pays for the trip through Redis, its compression and the worker's child
 * process. All three folders must be byte-identical. The CLI and the workers run
 * the built code (`npm run build` first) when it is there, else the sources through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRedis } from '../test/helpers/redis';

const root = path.resolve(__dirname, '..');
const pointsArg = process.argv.indexOf('--points');
const points = pointsArg > 0 ? Number(process.argv[pointsArg + 1]) : 40;
const fixtures = path.join(root, 'test/fixtures/whatif');
const builtCli = path.join(root, 'bin/peakshift.js');
const useBuilt = fs.existsSync(path.join(root, 'dist/queue/processor.js'));
const cliArgs = useBuilt ? [builtCli] : ['--require', require.resolve('tsx/cjs'), path.join(root, 'test/helpers/cli-main.ts')];

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const on = (c: Buffer): void => {
      out += c.toString();
      if (pattern.test(out)) resolve();
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`process ended (${String(code)}) before ${String(pattern)}: ${out}`)));
  });
}

async function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [...cliArgs, 'worker', '--broker', url, '--concurrency', '1', '-q'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await Promise.all(workers.map((w) => waitForLine(w, /peakshift worker is taking jobs/)));
  return workers;
}

function stop(children: ChildProcess[]): void {
  for (const c of children) if (c.pid !== undefined && c.exitCode === null) process.kill(-c.pid, 'SIGTERM');
}

function folderBytes(dir: string, rel = '', out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, e.name);
    if (e.isDirectory()) folderBytes(dir, name, out);
    else out.set(name, fs.readFileSync(path.join(dir, name)));
  }
  return out;
}

function sameFolder(a: string, b: string): boolean {
  const x = folderBytes(a);
  const y = folderBytes(b);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k)?.equals(v) === true);
}

/** One `peakshift whatif` as its own process (the built CLI when there), wall seconds from start to exit. */
function timedWhatIf(args: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [...cliArgs, 'whatif', ...args, '-q'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`whatif exited ${String(code)}`)))),
  );
}

async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-bench-queue-'));
  const config = JSON.parse(fs.readFileSync(path.join(fixtures, 'config.json'), 'utf8')) as Record<string, unknown>;
  // Lost service priced high: no plan explains a short hour (a re-solve with a wall-clock limit), so the folders can be compared.
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ ...config, costPerLostInquiry: 1000 }));
  const step = 0.01;
  const sweep = `volume=0.8:${(0.8 + step * (points - 1)).toFixed(2)}:${step}`;
  const scenarios = path.join(tmp, 'scenarios.json');
  fs.writeFileSync(scenarios, JSON.stringify({ base: { config: 'config.json', demand: path.join(fixtures, 'forecast.csv'), start: '2026-06-17', end: '2026-06-17' }, sweeps: [sweep] }));
  const jobs = points + 1;
  const redis = await startRedis();
  const { url } = redis;
  const common = ['--scenarios', scenarios, '--no-simulate'];
  try {
    // Two rounds in opposite orders, the faster of each kept: the machine's load from other work drifts.
    const local: number[] = [];
    const oneWorker: number[] = [];
    const twoWorkers: number[] = [];
    const out = (name: string): string[] => ['--out-dir', path.join(tmp, name), '--force'];
    local.push(await timedWhatIf([...common, '--jobs', '1', ...out('local')]));
    const [a] = await startWorkers(url, 1);
    oneWorker.push(await timedWhatIf([...common, '--broker', url, ...out('one')]));
    const [b] = await startWorkers(url, 1);
    twoWorkers.push(await timedWhatIf([...common, '--broker', url, ...out('two')]));
    twoWorkers.push(await timedWhatIf([...common, '--broker', url, ...out('two')]));
    stop([b as ChildProcess]);
    oneWorker.push(await timedWhatIf([...common, '--broker', url, ...out('one')]));
    stop([a as ChildProcess]);
    local.push(await timedWhatIf([...common, '--jobs', '1', ...out('local')]));
    const identical = sameFolder(path.join(tmp, 'local'), path.join(tmp, 'one')) && sameFolder(path.join(tmp, 'local'), path.join(tmp, 'two'));
    const r3 = (x: number): number => Number(x.toFixed(3));
    const best = { local: Math.min(...local), one: Math.min(...oneWorker), two: Math.min(...twoWorkers) };
    const result = {
      points,
      jobs,
      horizonDays: 1,
      cpus: os.cpus().length,
      loadAverage1m: r3(os.loadavg()[0] ?? 0),
      workersFrom: useBuilt ? 'dist' : 'sources (tsx)',
      rounds: { local: local.map(r3), oneWorker: oneWorker.map(r3), twoWorkers: twoWorkers.map(r3) },
      seconds: { local: r3(best.local), oneWorker: r3(best.one), twoWorkers: r3(best.two) },
      speedUpTwoOverOne: r3(best.one / best.two),
      perJobSeconds: { local: r3(best.local / jobs), overheadOneWorkerVsLocal: r3((best.one - best.local) / jobs) },
      overheadShareOfLocalJob: r3((best.one - best.local) / best.local),
      identicalFolders: identical,
    };
    console.log(`| run | wall s | per job s |\n|---|---:|---:|`);
    console.log(`| local, 1 thread | ${result.seconds.local} | ${result.perJobSeconds.local} |`);
    console.log(`| broker, 1 worker | ${result.seconds.oneWorker} | ${r3(best.one / jobs)} |`);
    console.log(`| broker, 2 workers | ${result.seconds.twoWorkers} | ${r3(best.two / jobs)} |`);
    console.log(`speed-up 2 workers over 1: ${result.speedUpTwoOverOne}x; overhead per job: ${result.perJobSeconds.overheadOneWorkerVsLocal} s (${(100 * result.overheadShareOfLocalJob).toFixed(1)}% of a local job); folders identical: ${identical}; load average ${result.loadAverage1m} on ${result.cpus} CPUs`);
    fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/queue.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (!identical) process.exitCode = 1;
  } finally {
    await redis.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void run();
