/**
 * `peakshift serve` against hostile or broken clients, on loopback:
 *
 * 1. Three uploads that send their headers and 20 bytes of a declared 1 MB body
 *    and then stall, a 15 MB `/api/holidays` upload, and then a normal 62 KB
 *    history upload: how long the normal upload takes to be answered, what the
 *    stalled ones get, and how fast `/api/health` answers meanwhile (goal:
 *    normal upload within 5 s, health p99 <= 100 ms).
 * 2. 600 slowloris connections (a header line every 2 s, never the end of the
 *    headers): how long until the server has closed them all (goal: by the
 *    documented 30 s header deadline), with health answered meanwhile.
 *
 * Health (and the page) are probed from a process of its own, one request at a
 * time, 20 ms apart, so the latencies are the server's. Runs the compiled CLI: `npm run
 * build` first; BENCH_SERVER_ROOT=DIR runs another build (an older checkout) for
 * a before/after comparison, and BENCH_OUT names the JSON file (default
 * bench/hostile.json). Prints a table.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { latency, startProber, startServerProcess } from './serve-probe';

const ROOT = path.resolve(__dirname, '..');
const SERVER_ROOT = path.resolve(process.env.BENCH_SERVER_ROOT ?? ROOT);
const HOST = '127.0.0.1';
const SLOWLORIS = 600;
/** Longest a phase is waited for: past it the figure is reported as "more than". */
const GIVE_UP_MS = 150_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A raw request: `head`, then `body` (possibly less than declared); resolves with the status line's code (0: closed without one) and when. */
function rawRequest(port: number, head: string, body: Buffer | string, giveUpMs: number): Promise<{ status: number; ms: number }> {
  const t = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 0), ms: Date.now() - t });
    };
    const timer = setTimeout(finish, giveUpMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head);
      socket.write(body);
    });
  });
}

function post(port: number, urlPath: string, body: Buffer): Promise<{ status: number; ms: number }> {
  const t = Date.now();
  return new Promise((resolve) => {
    const req = http.request({ host: HOST, port, method: 'POST', path: urlPath, agent: false, headers: { 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - t }));
    });
    req.on('error', () => resolve({ status: 0, ms: Date.now() - t }));
    req.setTimeout(GIVE_UP_MS, () => req.destroy());
    req.end(body);
  });
}

/** 15 MB of holiday rows, as a long list exported from a calendar tool. */
function holidayFile(): Buffer {
  const rows = ['date,name,kind'];
  let bytes = 15;
  for (let i = 0; bytes < 15 * 1024 * 1024; i++) {
    const row = `${1901 + (i % 199)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},Company holiday number ${i},holiday`;
    rows.push(row);
    bytes += row.length + 1;
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

async function stalledPhase(port: number): Promise<Record<string, unknown>> {
  const csv = fs.readFileSync(path.join(ROOT, 'data/inquiries.csv'), 'utf8').split('\n');
  // About 62 KB: the sample's first 43 days.
  const normal = Buffer.from(`${csv.slice(0, 1 + 43 * 48).join('\n')}\n`);
  const holidays = holidayFile();
  const prober = startProber(port);
  await sleep(300);
  const head = `POST /api/history?file=stalled.csv HTTP/1.1\r\nHost: ${HOST}:${port}\r\nContent-Type: text/csv\r\nContent-Length: ${1024 * 1024}\r\n\r\n`;
  const stalled = [0, 1, 2].map(() => rawRequest(port, head, 'timestamp,inquiries\n', GIVE_UP_MS));
  await sleep(200);
  const big = post(port, '/api/holidays?file=holidays.csv', holidays);
  await sleep(200);
  const small = await post(port, '/api/history?file=normal.csv', normal);
  const [bigDone, ...stalledDone] = await Promise.all([big, ...stalled]);
  const probe = await prober.stop();
  return {
    normalUpload: { bytes: normal.length, status: small.status, ms: small.ms },
    holidays: { bytes: holidays.length, status: bigDone?.status, ms: bigDone?.ms },
    stalled: stalledDone.map((s) => ({ status: s.status, ms: s.ms })),
    healthMs: latency(probe.health),
    healthFailures: probe.failures.length,
  };
}

async function slowlorisPhase(port: number): Promise<Record<string, unknown>> {
  const prober = startProber(port);
  const t = Date.now();
  const closedAt: number[] = [];
  // Per connection: from its first header byte to the server's answer, and to its close (the deadline runs from there).
  const openMs: number[] = [];
  const answeredMs: number[] = [];
  const sockets = Array.from({ length: SLOWLORIS }, (_, i) => {
    const socket = net.connect(port, HOST);
    let trickle: NodeJS.Timeout | undefined;
    let connectedAt = Date.now();
    socket.on('error', () => undefined);
    socket.once('data', () => answeredMs.push(Date.now() - connectedAt));
    socket.on('connect', () => {
      connectedAt = Date.now();
      socket.write(`GET / HTTP/1.1\r\nHost: ${HOST}:${port}\r\n`);
      trickle = setInterval(() => socket.write(`X-Slow-${i}: ${Date.now()}\r\n`), 2000);
    });
    return new Promise<void>((resolve) => {
      const giveUp = setTimeout(() => socket.destroy(), GIVE_UP_MS);
      socket.on('close', () => {
        clearInterval(trickle);
        clearTimeout(giveUp);
        closedAt.push(Date.now() - t);
        openMs.push(Date.now() - connectedAt);
        resolve();
      });
    });
  });
  await Promise.all(sockets);
  const probe = await prober.stop();
  const lastMs = Math.max(...closedAt);
  return {
    sockets: SLOWLORIS,
    allClosedMs: lastMs >= GIVE_UP_MS ? `> ${GIVE_UP_MS}` : lastMs,
    firstClosedMs: Math.min(...closedAt),
    longestOpenMs: Math.max(...openMs),
    latestAnswerMs: Math.max(...answeredMs),
    answered: answeredMs.length,
    healthMs: latency(probe.health),
    healthFailures: probe.failures.length,
  };
}

/** Health alone for a few seconds: the machine's own noise, to read the other figures against. */
async function quietPhase(port: number): Promise<Record<string, unknown>> {
  const prober = startProber(port);
  await sleep(4000);
  const probe = await prober.stop();
  return { healthMs: latency(probe.health), healthFailures: probe.failures.length };
}

async function main(): Promise<void> {
  const server = await startServerProcess(SERVER_ROOT);
  const result: Record<string, unknown> = { serverRoot: SERVER_ROOT === ROOT ? '.' : SERVER_ROOT };
  try {
    result.quiet = await quietPhase(server.port);
    result.stalled = await stalledPhase(server.port);
    result.slowloris = await slowlorisPhase(server.port);
  } finally {
    server.child.kill('SIGTERM');
  }
  const s = result.stalled as { normalUpload: { status: number; ms: number }; holidays: { status: number; ms: number }; stalled: Array<{ status: number; ms: number }>; healthMs: { p50: number; p99: number; max: number }; healthFailures: number };
  const l = result.slowloris as { allClosedMs: number | string; longestOpenMs: number; healthMs: { p99: number; max: number } };
  const q = result.quiet as { healthMs: { p50: number; p99: number; max: number } };
  console.log(`server: ${SERVER_ROOT}`);
  console.log('phase                              answer                         health p50/p99/max ms');
  console.log(`quiet (health alone)                                                               ${q.healthMs.p50}/${q.healthMs.p99}/${q.healthMs.max}`);
  console.log(`3 stalled + 15 MB holidays + 62 KB  normal ${s.normalUpload.status} in ${(s.normalUpload.ms / 1000).toFixed(2)} s; holidays ${s.holidays.status} in ${(s.holidays.ms / 1000).toFixed(2)} s; stalled ${s.stalled.map((x) => `${x.status} in ${(x.ms / 1000).toFixed(1)} s`).join(', ')}   ${s.healthMs.p50}/${s.healthMs.p99}/${s.healthMs.max} (${s.healthFailures} failed)`);
  console.log(`${SLOWLORIS} slowloris connections           all closed after ${typeof l.allClosedMs === 'number' ? `${(l.allClosedMs / 1000).toFixed(1)} s` : `${l.allClosedMs} ms`} (longest open ${(l.longestOpenMs / 1000).toFixed(1)} s)   -/${l.healthMs.p99}/${l.healthMs.max}`);
  const outFile = process.env.BENCH_OUT ?? path.join(ROOT, 'bench/hostile.json');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
