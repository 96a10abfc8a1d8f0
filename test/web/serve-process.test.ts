/**
 * `peakshift serve` as a process (the built CLI; `npm ci` builds it): it stops
 * within 2 s of SIGTERM while a plan is being solved, and after a storm of
 * uploads its memory comes back within 100 MB of where it started once the
 * kept histories have expired (`--history-ttl`). RSS is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { repoRoot, tempDir } from '../helpers/paths';

const bin = path.join(repoRoot, 'bin/peakshift.js');
const built = fs.existsSync(path.join(repoRoot, 'dist/web/parse-worker.js'));
const linux = fs.existsSync('/proc/self/status');
const SAMPLE = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'));

interface Serve {
  child: ChildProcess;
  port: number;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function serve(args: string[], tmp: string): Promise<Serve> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd: tmp, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stderr?.resume();
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void ended.then((e) => reject(new Error(`serve ended before listening: ${JSON.stringify(e)}`)));
  });
  return { child, port, ended };
}

function call(port: number, method: string, urlPath: string, body?: string | Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

(built && linux ? test : test.skip)('serve stops within 2 s of SIGTERM while a plan is being solved, ending the plan\'s process, and leaves no temp files', async () => {
  const tmp = tempDir('peakshift-serve-');
  const s = await serve([], tmp);
  try {
    const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Record<string, unknown>;
    config.horizon = { start: '2026-11-01', end: '2027-01-29' };
    config.solver = { mipRelGap: 0, timeLimitSeconds: 120 };
    const up = await call(s.port, 'POST', '/api/history?file=inquiries.csv', SAMPLE);
    expect(up.status).toBe(200);
    const job = await call(s.port, 'POST', '/api/plans', JSON.stringify({ historyId: up.json.id, config: { file: 'config.json', text: JSON.stringify(config) } }));
    expect(job.status).toBe(202);
    let stage = '';
    for (let i = 0; i < 200 && stage !== 'plan'; i++) {
      await sleep(100);
      stage = ((await call(s.port, 'GET', `/api/plans/${String(job.json.id)}`)).json.progress as { stage: string }).stage;
    }
    expect(stage).toBe('plan');
    await sleep(500);
    // The run's own process (worker-runner.ts).
    const pid = s.child.pid as number;
    const runs = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    expect(runs).toHaveLength(1);
    const t = Date.now();
    s.child.kill('SIGTERM');
    const end = await s.ended;
    expect(Date.now() - t).toBeLessThan(2000);
    expect(end).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(`/proc/${String(runs[0])}`)).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
  } finally {
    s.child.kill('SIGKILL');
  }
});

(built && linux ? test : test.skip)('after a storm of uploads RSS comes back within 100 MB of its start once kept histories expire', async () => {
  const tmp = tempDir('peakshift-serve-');
  const s = await serve(['--history-ttl', '2', '--parse-workers', '1', '--max-waiting-uploads', '40', '--history-cache-mb', '256'], tmp);
  try {
    await call(s.port, 'GET', '/api/health');
    await sleep(500);
    const before = rssMb(s.child.pid as number);
    let peak = before;
    let storm = true;
    const sampler = (async () => {
      while (storm) {
        peak = Math.max(peak, rssMb(s.child.pid as number));
        await sleep(100);
      }
    })();
    const replies = await Promise.all(Array.from({ length: 20 }, () => call(s.port, 'POST', '/api/history?file=inquiries.csv', SAMPLE)));
    storm = false;
    await sampler;
    expect(replies.map((r) => r.status)).toEqual(new Array(20).fill(200));
    // The storm did take memory, so coming back is a real check.
    expect(peak - before).toBeGreaterThan(100);
    // Histories expire 2 s after their upload; an idle parse worker is ended after 10 s.
    let after = peak;
    for (let i = 0; i < 40; i++) {
      await sleep(500);
      after = rssMb(s.child.pid as number);
      const h = (await call(s.port, 'GET', '/api/health')).json as { kept: { histories: number }; uploads: { parseThreads: number } };
      if (h.kept.histories === 0 && h.uploads.parseThreads === 0 && after - before <= 100) break;
    }
    expect(after - before).toBeLessThanOrEqual(100);
  } finally {
    s.child.kill('SIGKILL');
  }
});
