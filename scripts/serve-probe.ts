/**
 * What the serve benchmarks share: the built server as a process of its own,
 * and a prober process that times `GET /api/health` and `GET /` one after the
 * other, 20 ms apart, so the latencies are the server's and not the
 * benchmark's own event-loop lag.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface Server {
  port: number;
  pid: number;
  child: ChildProcess;
}

/** `peakshift serve --port 0 ARGS` of the build in `serverRoot`; resolves once it listens. */
export async function startServerProcess(serverRoot: string, args: string[] = []): Promise<Server> {
  const bin = path.join(serverRoot, 'bin/peakshift.js');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd: serverRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(c));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, pid: child.pid as number, child };
}

/**
 * The prober: its own process, one request at a time (health, then the page),
 * 20 ms apart, until told to stop on stdin; prints the latencies as JSON.
 */
const PROBER = `
const http = require('node:http');
const port = Number(process.argv[1]);
const out = { health: [], page: [], failures: [] };
let stop = false;
process.stdin.on('data', () => { stop = true; });
const get = (p) => new Promise((resolve) => {
  const t = process.hrtime.bigint();
  const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
    res.resume();
    res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, status: res.statusCode }));
  });
  req.on('error', (e) => resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, status: 0, error: e.message }));
});
(async () => {
  while (!stop) {
    for (const [key, p] of [['health', '/api/health'], ['page', '/']]) {
      const r = await get(p);
      out[key].push(r.ms);
      if (r.status !== 200) out.failures.push(p + ' ' + r.status + (r.error ? ' ' + r.error : ''));
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

export interface ProbeResult {
  health: number[];
  page: number[];
  failures: string[];
}

export function startProber(port: number): { stop: () => Promise<ProbeResult> } {
  const child = spawn(process.execPath, ['-e', PROBER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.on('error', (error) => console.error(`prober: ${error.message}`));
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<ProbeResult>((resolve) => child.on('exit', () => resolve(JSON.parse(out) as ProbeResult)));
  return {
    stop: () => {
      child.stdin.end('stop\n');
      return done;
    },
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number).toFixed(1));
}

export function latency(values: number[]): { n: number; p50: number; p99: number; max: number } {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}
