/**
 * What-if sweeps through a real job broker: a redis-server on a free loopback
 * port and `peakshift worker` processes from the sources. The broker run with
 * two workers writes the local run's bytes; so does a run in which a worker
 * process dies mid-sweep (its job is recovered from the lapsed lock); a job
 * that fails every try is reported with its located error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir } from '../helpers/paths';
import { childrenOf, ended } from '../helpers/processes';
import { withCpuBurners } from '../helpers/load';
import { redisServerPath, startRedis, type RedisServer } from '../helpers/redis';
import { Broker } from '../../src/queue';
import type { JobView } from '../../src/web/api-types';
import { startServer } from '../../src/web/server';

const fixtures = path.join(repoRoot, 'test/fixtures/whatif');

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestSource(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)),
  );
}

/**
 * Workers run the built CLI when it is up to date (CI builds it in `npm ci`):
 * their job processes then start without compiling the sources. Otherwise the
 * sources, through tsx.
 */
const builtMain = path.join(repoRoot, 'dist/cli/main.js');
const useBuilt = fs.existsSync(builtMain) && fs.existsSync(path.join(repoRoot, 'dist/queue/processor.js')) && fs.statSync(builtMain).mtimeMs >= newestSource(path.join(repoRoot, 'src'));
const workerCommand = useBuilt ? [path.join(repoRoot, 'bin/peakshift.js')] : ['--require', require.resolve('tsx/cjs'), path.join(repoRoot, 'test/helpers/cli-main.ts')];

/** Every file of a folder, by relative path. */
function folderBytes(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(name);
      else out.set(name, fs.readFileSync(path.join(dir, name)));
    }
  };
  walk('');
  return out;
}

function expectSameFolder(actual: string, expected: string): void {
  const a = folderBytes(actual);
  const e = folderBytes(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  const differing = [...e].filter(([name, bytes]) => !a.get(name)?.equals(bytes)).map(([name]) => name);
  expect(differing).toEqual([]);
}

interface WorkerProcess {
  child: ChildProcess;
  log: string[];
  /** Resolves with the first log line from index `from` on that matches. */
  waitFor(pattern: RegExp, from?: number): Promise<string>;
  kill(): void;
}

async function startWorkerProcess(url: string, args: string[]): Promise<WorkerProcess> {
  // Its own process group, so a kill takes its job processes too, as when a machine dies.
  const child = spawn(process.execPath, [...workerCommand, 'worker', '--broker', url, ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      log.push(line);
      for (const w of waiters.splice(0)) {
        if (w.pattern.test(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const worker: WorkerProcess = {
    child,
    log,
    waitFor: (pattern, from = 0) => {
      const seen = log.slice(from).find((l) => pattern.test(l));
      return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    kill: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group has ended already
      }
    },
  };
  await worker.waitFor(/^peakshift worker is taking jobs/);
  return worker;
}

(redisServerPath ? describe : describe.skip)('whatif through a Redis job broker', () => {
  let redis: RedisServer;
  let tmp: string;
  let scenarios: string;
  let configText: string;
  const localDir = (): string => path.join(tmp, 'local');
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    tmp = tempDir('peakshift-broker-');
    // Lost service priced high and scenarios that can be covered, so that the jobs stay small.
    const config = JSON.parse(fs.readFileSync(path.join(fixtures, 'config.json'), 'utf8')) as Record<string, unknown>;
    configText = JSON.stringify({ ...config, costPerLostInquiry: 1000, horizon: { start: '2026-06-17', end: '2026-06-17' } });
    fs.writeFileSync(path.join(tmp, 'config.json'), configText);
    scenarios = path.join(tmp, 'scenarios.json');
    fs.writeFileSync(
      scenarios,
      JSON.stringify({
        base: { config: 'config.json', demand: path.join(fixtures, 'forecast.csv'), start: '2026-06-17', end: '2026-06-17' },
        scenarios: [{ name: 'AHT +10%', overrides: [{ queue: { ahtMultiplier: 1.1 } }] }],
        sweeps: ['volume=0.9:1:0.1'],
        simulation: { runs: 1, seed: 3 },
      }),
    );
    // Just the base, for the job that fails every try.
    fs.writeFileSync(path.join(tmp, 'base.json'), JSON.stringify({ base: { config: 'config.json', demand: path.join(fixtures, 'forecast.csv'), start: '2026-06-17', end: '2026-06-17' } }));
    redis = await startRedis();
    const started = Promise.all([
      startWorkerProcess(redis.url, ['--lock-seconds', '2']),
      startWorkerProcess(redis.url, ['--lock-seconds', '2']),
      startWorkerProcess(redis.url, ['--queue-name', 'small', '--max-result-mb', '0.00001']),
    ]);
    const local = await runCli(['whatif', '--scenarios', scenarios, '--out-dir', localDir(), '--jobs', '0', '-q']);
    expect(local).toMatchObject({ code: 0, stderr: '' });
    workers.push(...(await started));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) w.kill();
    await redis?.stop();
  });

  test('two workers beside two CPU-burning processes write the quiet local run\'s folder byte for byte, each job once', async () => {
    const out = path.join(tmp, 'broker');
    const run = await withCpuBurners(2, () => runCli(['whatif', '--scenarios', scenarios, '--out-dir', out, '--broker', redis.url, '-q']));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expectSameFolder(out, localDir());
    const done = [workers[0], workers[1]].flatMap((w) => (w as WorkerProcess).log.filter((l) => l.endsWith(': done')));
    expect(done.sort()).toEqual(['00-base: done', '01-AHT-10: done', 'sweeps/00-volume/00-0.9: done', 'sweeps/00-volume/01-1: done']);
  }, 60_000);

  test('a worker killed mid-job: another takes its job up and the sweep ends with the same folder', async () => {
    const [a, b] = workers as [WorkerProcess, WorkerProcess];
    const out = path.join(tmp, 'fault');
    const before = a.log.length;
    const running = runCli(['whatif', '--scenarios', scenarios, '--out-dir', out, '--broker', redis.url, '-q']);
    const line = await a.waitFor(/: started$/, before);
    a.kill();
    const label = line.replace(/: started$/, '');
    const run = await running;
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expectSameFolder(out, localDir());
    // The killed worker's job was finished by the one still alive.
    expect(b.log).toContain(`${label}: done`);
  }, 60_000);

  test('a job that fails every try is reported with its located error after --attempts tries', async () => {
    const small = workers[2] as WorkerProcess;
    const run = await runCli(['whatif', '--scenarios', path.join(tmp, 'base.json'), '--out-dir', path.join(tmp, 'small'), '--broker', redis.url, '--queue-name', 'small', '--attempts', '2', '--no-simulate', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: 00-base: the result is [0-9.]+ MB compressed, over the limit of 0\.0000095 MB \(failed 2 times\) \(raise --max-result-mb of the worker\)\n$/);
    expect(fs.existsSync(path.join(tmp, 'small'))).toBe(false);
    // Both tries ran on the worker, and failed there with the same message.
    const first = small.log.findIndex((l) => l.startsWith('00-base: failed: '));
    await small.waitFor(/^00-base: failed: /, first + 1);
    const failures = small.log.filter((l) => l.startsWith('00-base: failed: '));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/^00-base: failed: the result is [0-9.]+ MB compressed, over the limit of 0\.0000095 MB$/);
  }, 60_000);

  test('serve with the broker: a page\'s plan runs on a worker and has the CLI plan folder\'s files', async () => {
    const historyFile = path.join(fixtures, 'history.csv');
    const cli = await runCli(['plan', '--config', path.join(tmp, 'config.json'), '--history', historyFile, '--out-dir', path.join(tmp, 'plan'), '-q']);
    expect(cli.code).toBe(0);
    const broker = await Broker.connect({ url: redis.url });
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      server = await startServer({ port: 0, runner: broker.planRunner, maxRunning: 2 });
      const res = await fetch(`${server.url}api/plans`, {
        method: 'POST',
        body: JSON.stringify({ history: { file: 'history.csv', text: fs.readFileSync(historyFile, 'utf8') }, config: { file: 'config.json', text: configText } }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as JobView;
      await server.queue.drained();
      const job = (await (await fetch(`${server.url}api/plans/${id}`)).json()) as JobView;
      expect(job).toMatchObject({ state: 'done' });
      const cliFiles = [...folderBytes(path.join(tmp, 'plan'))].filter(([name]) => name !== '.peakshift-folder');
      // The page's run also carries the files for people in the other language (zh/), for its language switch.
      expect((job.files ?? []).map((f) => f.name).filter((n) => !n.startsWith('zh/')).sort()).toEqual(cliFiles.map(([name]) => name).sort());
      for (const [name, bytes] of cliFiles) {
        const web = Buffer.from(await (await fetch(`${server.url}api/plans/${id}/files/${name}`)).arrayBuffer());
        expect({ name, same: web.equals(bytes) }).toEqual({ name, same: true });
      }
    } finally {
      await server?.close();
      await broker.close();
    }
  }, 60_000);
});

(redisServerPath ? describe : describe.skip)('the broker through a Redis outage and a killed worker', () => {
  let redis: RedisServer;
  let worker: WorkerProcess;
  let tmp: string;

  beforeAll(async () => {
    tmp = tempDir('peakshift-outage-');
    // Kept on disk, so a restart is an outage the queue survives (docs/broker.md's settings).
    redis = await startRedis({ persist: true });
    worker = await startWorkerProcess(redis.url, ['--lock-seconds', '2']);
  }, 60_000);

  afterAll(async () => {
    worker?.kill();
    await redis?.stop();
  });

  test('Redis away for 2 s: whatif and the worker print one line when it goes and one when it is back, no stack trace, and the sweep ends', async () => {
    const config = JSON.parse(fs.readFileSync(path.join(fixtures, 'config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ ...config, costPerLostInquiry: 1000, horizon: { start: '2026-06-17', end: '2026-06-17' } }));
    fs.writeFileSync(path.join(tmp, 'sweep.json'), JSON.stringify({ base: { config: 'config.json', demand: path.join(fixtures, 'forecast.csv'), start: '2026-06-17', end: '2026-06-17' }, sweeps: ['volume=0.9:1.1:0.1'] }));
    const from = worker.log.length;
    const running = runCli(['whatif', '--scenarios', path.join(tmp, 'sweep.json'), '--out-dir', path.join(tmp, 'out'), '--broker', redis.url, '--no-simulate', '--lang', 'en']);
    await worker.waitFor(/: done$/, from);
    await redis.restart(2000);
    const run = await running;
    expect(run.code).toBe(0);
    const lines = run.stderr.split(/\r|\n/).filter((l) => l.trim() !== '');
    expect(lines).toEqual(['broker unreachable, retrying (ECONNREFUSED)', 'broker back', `wrote ${path.join(tmp, 'out', 'comparison.html')} and 4 plan folder(s)`]);
    await worker.waitFor(/^broker back$/, from);
    const log = worker.log.slice(from);
    expect(log.filter((l) => l.startsWith('broker unreachable'))).toEqual(['broker unreachable, retrying (ECONNREFUSED)']);
    expect(log.filter((l) => l === 'broker back')).toHaveLength(1);
    expect(log.filter((l) => /^\s+at |Error: connect/.test(l))).toEqual([]);
  }, 60_000);

  test('a worker killed with kill -9 takes its job\'s process with it, mid-solve', async () => {
    const killed = await startWorkerProcess(redis.url, ['--queue-name', 'killed']);
    const broker = await Broker.connect({ url: redis.url, queueName: 'killed', attempts: 1 });
    const stop = new AbortController();
    try {
      // A shift design of the sample's 14 days: a solve of about 40 s, in the job's process.
      const inputs = {
        history: { file: 'inquiries.csv', text: fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8') },
        config: { file: 'config.json', text: fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8') },
        design: {},
      };
      let designing: () => void = () => undefined;
      const solving = new Promise<void>((resolve) => (designing = resolve));
      const run = broker.planRunner(inputs, (p) => p.stage === 'design' && designing(), 120_000, stop.signal).catch((error: unknown) => error);
      // The job's process has read its inputs and is computing the design: its main thread is busy from here on.
      await solving;
      const jobProcesses = childrenOf(killed.child.pid as number);
      expect(jobProcesses.length).toBeGreaterThan(0);
      // The worker alone, not its process group: nothing but the job process's own check can end it.
      process.kill(killed.child.pid as number, 'SIGKILL');
      while (!jobProcesses.every(ended)) await new Promise((r) => setTimeout(r, 100));
      stop.abort();
      expect(await run).toMatchObject({ status: 503 });
    } finally {
      killed.kill();
      await broker.close();
    }
  }, 30_000);
});

describe('--broker address', () => {
  test('not a Redis address: one line, exit 2', async () => {
    const run = await runCli(['whatif', '--scenarios', path.join(fixtures, 'scenarios.json'), '--out-dir', path.join(tempDir(), 'out'), '--broker', 'http://127.0.0.1:6379']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'error: --broker http://127.0.0.1:6379: expected a redis:// or rediss:// address, got http://\n' });
  });

  test('nothing listening: one line naming the address without its password, exit 2', async () => {
    const run = await runCli(['worker', '--broker', 'redis://:secret@127.0.0.1:1']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --broker redis://:***@127.0.0.1:1: cannot reach Redis (ECONNREFUSED) (start redis-server there, or check the address, password and firewall)\n',
    });
  });

  test('options that do not go together: one line each, exit 2', async () => {
    expect(await runCli(['serve', '--max-running', '2'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --max-running 2: more than one plan at once needs --broker (plans run on this machine one at a time)\n',
    });
    const whatif = await runCli(['whatif', '--scenarios', path.join(fixtures, 'scenarios.json'), '--out-dir', path.join(tempDir(), 'out'), '--broker', 'redis://127.0.0.1:1', '--jobs', '2']);
    expect(whatif).toEqual({ code: 2, stdout: '', stderr: "error: --jobs: not with --broker (each worker's --concurrency sets how many run at once)\n" });
    expect(await runCli(['worker', '--broker', 'redis://127.0.0.1:1', '--concurrency', '0'])).toEqual({ code: 2, stdout: '', stderr: 'error: --concurrency: expected a whole number from 1 to 64, got "0"\n' });
  });
});
