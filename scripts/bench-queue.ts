/**
 * What-if sweeps through the job broker. Prints a table and writes bench/queue.json.
 *
 *   npx tsx scripts/bench-queue.ts [--points 40]
 *
 * A sweep of `points` volume values (plus the base) on a one-day horizon of the
 * what-if fixture, run three ways in this process: locally with no threads (the
 * baseline), through a redis-server on a free loopback port with one worker
 * process, and with two. The speed-up is the one-worker wall time over the
 * two-worker one; the per-job overhead is (one worker − local) / jobs, what a job
 * pays for the trip through Redis, its compression and the worker's child
 * process. All three folders must be byte-identical. Workers run the built CLI
 * (`npm run build` first) when it is there, else the sources through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';

const root = path.resolve(__dirname, '..');
const pointsArg = process.argv.indexOf('--points');
const points = pointsArg > 0 ? Number(process.argv[pointsArg + 1]) : 40;
const fixtures = path.join(root, 'test/fixtures/whatif');
const builtCli = path.join(root, 'bin/peakshift.js');
const useBuilt = fs.existsSync(path.join(root, 'dist/queue/processor.js'));
const cliArgs = useBuilt ? [builtCli] : ['--require', require.resolve('tsx/cjs'), path.join(root, 'test/helpers/cli-main.ts')];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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

async function timedWhatIf(args: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  const code = await main(['whatif', ...args, '-q'], { stdout: () => undefined, stderr: (s) => process.stderr.write(s), isTTY: false });
  if (code !== 0) throw new Error(`whatif exited ${code}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
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
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForLine(redis, /Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}`;
  const common = ['--scenarios', scenarios, '--no-simulate'];
  try {
    const local = await timedWhatIf([...common, '--jobs', '0', '--out-dir', path.join(tmp, 'local')]);
    const one = await startWorkers(url, 1);
    const oneWorker = await timedWhatIf([...common, '--broker', url, '--out-dir', path.join(tmp, 'one')]);
    const two = [...one, ...(await startWorkers(url, 1))];
    const twoWorkers = await timedWhatIf([...common, '--broker', url, '--out-dir', path.join(tmp, 'two')]);
    stop(two);
    const identical = sameFolder(path.join(tmp, 'local'), path.join(tmp, 'one')) && sameFolder(path.join(tmp, 'local'), path.join(tmp, 'two'));
    const r3 = (x: number): number => Number(x.toFixed(3));
    const result = {
      points,
      jobs,
      horizonDays: 1,
      cpus: os.cpus().length,
      loadAverage1m: r3(os.loadavg()[0] ?? 0),
      workersFrom: useBuilt ? 'dist' : 'sources (tsx)',
      seconds: { local: r3(local), oneWorker: r3(oneWorker), twoWorkers: r3(twoWorkers) },
      speedUpTwoOverOne: r3(oneWorker / twoWorkers),
      perJobSeconds: { local: r3(local / jobs), overheadOneWorkerVsLocal: r3((oneWorker - local) / jobs) },
      overheadShareOfLocalJob: r3((oneWorker - local) / local),
      identicalFolders: identical,
    };
    console.log(`| run | wall s | per job s |\n|---|---:|---:|`);
    console.log(`| local, no threads | ${result.seconds.local} | ${result.perJobSeconds.local} |`);
    console.log(`| broker, 1 worker | ${result.seconds.oneWorker} | ${r3(oneWorker / jobs)} |`);
    console.log(`| broker, 2 workers | ${result.seconds.twoWorkers} | ${r3(twoWorkers / jobs)} |`);
    console.log(`speed-up 2 workers over 1: ${result.speedUpTwoOverOne}x; overhead per job: ${result.perJobSeconds.overheadOneWorkerVsLocal} s (${(100 * result.overheadShareOfLocalJob).toFixed(1)}% of a local job); folders identical: ${identical}; load average ${result.loadAverage1m} on ${result.cpus} CPUs`);
    fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/queue.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (!identical) process.exitCode = 1;
  } finally {
    redis.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void run();
