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
import { redisServerPath, startRedis, type RedisServer } from '../helpers/redis';

const fixtures = path.join(repoRoot, 'test/fixtures/whatif');
const cliMain = path.join(repoRoot, 'test/helpers/cli-main.ts');

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
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), cliMain, 'worker', '--broker', url, ...args], {
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
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    },
  };
  await worker.waitFor(/^peakshift worker is taking jobs/);
  return worker;
}

(redisServerPath ? describe : describe.skip)('whatif through a Redis job broker', () => {
  let redis: RedisServer;
  let tmp: string;
  let scenarios: string;
  const localDir = (): string => path.join(tmp, 'local');
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    tmp = tempDir('peakshift-broker-');
    // Lost service priced high and scenarios that can be covered: no plan explains a short hour, whose
    // re-solve has a wall-clock limit and so could differ on a loaded machine.
    const config = JSON.parse(fs.readFileSync(path.join(fixtures, 'config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ ...config, costPerLostInquiry: 1000 }));
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

  test('two workers write the local run\'s folder byte for byte, each job once', async () => {
    const out = path.join(tmp, 'broker');
    const run = await runCli(['whatif', '--scenarios', scenarios, '--out-dir', out, '--broker', redis.url, '-q']);
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
    const run = await runCli(['whatif', '--scenarios', scenarios, '--out-dir', path.join(tmp, 'small'), '--broker', redis.url, '--queue-name', 'small', '--attempts', '2', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: (00-base|01-AHT-10|sweeps\/00-volume\/0[01]-(0\.9|1)): the result is [0-9.]+ MB compressed, over the limit of 0\.0000095 MB \(failed 2 times\) \(raise --max-result-mb of the worker\)\n$/);
    expect(fs.existsSync(path.join(tmp, 'small'))).toBe(false);
  }, 60_000);
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
});
