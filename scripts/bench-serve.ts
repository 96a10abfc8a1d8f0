/**
 * Load check of `peakshift serve` on loopback, as several managers sharing one
 * server would load it: 200 concurrent uploads of the sample history
 * (data/inquiries.csv, 1.6 MB) plus 10 plans queued at the same moment (each
 * the whole pipeline with a roster on a two-day horizon).
 *
 * While it runs, a separate prober process asks `GET /api/health` and the page
 * (`GET /`) one after the other and times every answer, so the latencies are
 * the server's and not this process's own event-loop lag. The server's RSS is
 * read from /proc before the storm, sampled for its peak (alone, and with the
 * plan runs' child processes where it has them), and read again once the kept
 * histories have expired (`--history-ttl`). An upload answered 503
 * must carry Retry-After; the client then waits that long and sends it again,
 * as the page does. Anything else that is not a success is an error.
 *
 * Then a 50 MB upload must be refused with 413 while health checks keep being
 * answered. Prints a table and writes bench/serve.json.
 *
 * Runs the compiled CLI: `npm run build` first. BENCH_SERVER_ROOT=DIR runs
 * another build (e.g. an older checkout) for a before/after comparison;
 * BENCH_TTL (seconds, default 15) is the server's --history-ttl where it has one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { latency, startProber, startServerProcess } from './serve-probe';

const ROOT = path.resolve(__dirname, '..');
const SERVER_ROOT = path.resolve(process.env.BENCH_SERVER_ROOT ?? ROOT);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 200);
const PLANS = 10;
const TTL_SECONDS = Number(process.env.BENCH_TTL ?? 15);
const HOST = '127.0.0.1';
const MB = 1024 * 1024;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function request(port: number, method: string, urlPath: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error) => reject(new Error(`${method} ${urlPath}: ${error.message}`)));
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout on ${method} ${urlPath}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resident and peak resident set of a process, in MB (Linux /proc). */
function rssOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Number((kb('VmRSS') / 1024).toFixed(1)), hwmMb: Number((kb('VmHWM') / 1024).toFixed(1)) };
}

/** RSS of a process and its child processes (plan runs), in MB. */
function treeRssMb(pid: number): number {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  let total = rssOf(pid).rssMb;
  for (const child of children) {
    try {
      const rss = rssOf(child).rssMb;
      // A process ending meanwhile has no RSS line.
      if (Number.isFinite(rss)) total += rss;
    } catch {
      // ended meanwhile
    }
  }
  return Number(total.toFixed(1));
}

interface Outcome {
  ok: boolean;
  attempts: number;
  busy: number;
  ms: number;
  reply?: Reply;
  error?: string;
}

/** One client: send, and on 503 wait Retry-After seconds and send again (as the page does). */
async function send(port: number, urlPath: string, body: Buffer | string, okStatus: number): Promise<Outcome> {
  const t = Date.now();
  let busy = 0;
  for (let attempt = 1; attempt <= 50; attempt++) {
    let r: Reply;
    try {
      r = await request(port, 'POST', urlPath, body);
    } catch (error) {
      return { ok: false, attempts: attempt, busy, ms: Date.now() - t, error: (error as Error).message };
    }
    if (r.status === okStatus) return { ok: true, attempts: attempt, busy, ms: Date.now() - t, reply: r };
    const retryAfter = Number(r.headers['retry-after']);
    if (r.status !== 503 || !(retryAfter > 0)) {
      return { ok: false, attempts: attempt, busy, ms: Date.now() - t, error: `${r.status} retry-after=${String(r.headers['retry-after'])}: ${r.text.slice(0, 200)}` };
    }
    busy += 1;
    await sleep(retryAfter * 1000);
  }
  return { ok: false, attempts: 50, busy, ms: Date.now() - t, error: 'still busy after 50 attempts' };
}

const upload = (port: number, csv: Buffer): Promise<Outcome> => send(port, '/api/history?file=inquiries.csv', csv, 200);

async function main(): Promise<void> {
  const csv = fs.readFileSync(path.join(ROOT, 'data/inquiries.csv'));
  // The sample's config on a two-day horizon right after the history ends.
  const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  sample.horizon = { start: '2026-11-01', end: '2026-11-02' };
  sample.solver = { mipRelGap: 0.05 };
  const config = JSON.stringify(sample);
  const agents = fs.readFileSync(path.join(ROOT, 'data/agents.csv'), 'utf8');

  const help = spawnSync(process.execPath, [path.join(SERVER_ROOT, 'bin/peakshift.js'), 'serve', '--help'], { encoding: 'utf8' }).stdout;
  const hasTtl = help.includes('--history-ttl');
  const server = await startServerProcess(SERVER_ROOT, ['--max-queued', '20', ...(hasTtl ? ['--history-ttl', String(TTL_SECONDS)] : [])]);
  const result: Record<string, unknown> = { serverRoot: SERVER_ROOT === ROOT ? '.' : SERVER_ROOT, csvBytes: csv.length, uploads: UPLOADS, plans: PLANS, historyTtlSeconds: hasTtl ? TTL_SECONDS : null };
  let errors = 0;
  try {
    await request(server.port, 'GET', '/api/health');
    await sleep(1000);
    const before = rssOf(server.pid);

    // The plans' history: uploaded once before the storm.
    const first = await upload(server.port, csv);
    if (!first.ok) throw new Error(`the first upload failed: ${first.error ?? ''}`);
    const historyId = (JSON.parse(first.reply?.text ?? '{}') as { id: string }).id;

    let peakRss = before.rssMb;
    let peakTree = before.rssMb;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, rssOf(server.pid).rssMb);
        peakTree = Math.max(peakTree, treeRssMb(server.pid));
        await sleep(100);
      }
    })();
    const prober = startProber(server.port);
    await sleep(300);

    const t0 = Date.now();
    const uploadsDone = Promise.all(Array.from({ length: UPLOADS }, () => upload(server.port, csv)));
    const planBody = JSON.stringify({ historyId, config: { file: 'config.json', text: config }, agents: { file: 'agents.csv', text: agents } });
    const submitted = await Promise.all(Array.from({ length: PLANS }, () => send(server.port, '/api/plans', planBody, 202)));
    const outcomes = await uploadsDone;
    const stormMs = Date.now() - t0;
    const stormProbe = await prober.stop();
    // The server's own view: how late its main thread ran callbacks (since it started), where it reports it.
    const loopDelay = (JSON.parse((await request(server.port, 'GET', '/api/health')).text) as { eventLoopDelayMs?: { p99: number; max: number } }).eventLoopDelayMs ?? null;
    const prober2 = startProber(server.port);

    const ids = submitted.filter((s) => s.ok).map((s) => (JSON.parse(s.reply?.text ?? '{}') as { id: string }).id);
    const states = new Map<string, string>();
    const pollErrors: string[] = [];
    while (states.size < ids.length) {
      for (const id of ids) {
        if (states.has(id)) continue;
        let job: { state: string; error?: { message: string } };
        try {
          job = JSON.parse((await request(server.port, 'GET', `/api/plans/${id}`)).text) as typeof job;
        } catch (error) {
          pollErrors.push((error as Error).message);
          continue;
        }
        if (job.state === 'done' || job.state === 'failed') states.set(id, job.state === 'failed' ? `failed: ${job.error?.message ?? ''}` : 'done');
      }
      await sleep(250);
    }
    const plansMs = Date.now() - t0;
    const planProbe = await prober2.stop();
    sampling = false;
    await sampler;
    const peak = rssOf(server.pid);

    // Expiry: the kept histories were last used when the plans were submitted.
    const waitMs = (hasTtl ? TTL_SECONDS : 15) * 1000 + 10_000;
    await sleep(waitMs);
    const after = rssOf(server.pid);

    const okUploads = outcomes.filter((o) => o.ok);
    const failedUploads = outcomes.filter((o) => !o.ok);
    const refusedPlans = submitted.filter((s) => !s.ok).map((s) => `plan refused: ${s.error ?? ''}`);
    const failedPlans = [...states.values()].filter((s) => s !== 'done');
    errors += failedUploads.length + refusedPlans.length + failedPlans.length + stormProbe.failures.length + planProbe.failures.length + pollErrors.length;
    Object.assign(result, {
      stormMs,
      plansMs,
      uploadsOk: okUploads.length,
      uploadsFirstTry: outcomes.filter((o) => o.ok && o.attempts === 1).length,
      busy503: outcomes.reduce((s, o) => s + o.busy, 0),
      planBusy503: submitted.reduce((s, o) => s + o.busy, 0),
      uploadMs: latency(outcomes.map((o) => o.ms)),
      plansDone: PLANS - refusedPlans.length - failedPlans.length,
      healthMs: latency(stormProbe.health),
      pageMs: latency(stormProbe.page),
      healthMsDuringPlans: latency(planProbe.health),
      serverEventLoopDelayMs: loopDelay,
      rssMb: { before: before.rssMb, peak: Math.max(peakRss, peak.rssMb), peakHwm: peak.hwmMb, peakWithPlanProcesses: peakTree, afterExpiry: after.rssMb, waitedSeconds: waitMs / 1000 },
      errorsSeen: [...failedUploads.map((o) => `upload: ${o.error ?? ''}`), ...refusedPlans, ...failedPlans, ...stormProbe.failures, ...planProbe.failures, ...pollErrors].slice(0, 5),
    });

    // 50 MB: refused with 413 while health checks go on.
    const big = Buffer.alloc(50 * MB, 'a');
    const bigProbe = startProber(server.port);
    const t2 = Date.now();
    const declared = await request(server.port, 'POST', '/api/history?file=big.csv', big, { 'content-length': String(big.length) });
    const chunked = await request(server.port, 'POST', '/api/history?file=big.csv', big, { 'transfer-encoding': 'chunked' });
    const bigMs = Date.now() - t2;
    const bigHealth = await bigProbe.stop();
    const normal = await upload(server.port, csv);
    const large = { declared413: declared.status === 413, chunked413: chunked.status === 413, ms: bigMs, healthChecks: bigHealth.health.length, healthFailures: bigHealth.failures.length, uploadAfterOk: normal.ok };
    if (!large.declared413 || !large.chunked413 || large.healthFailures > 0 || !normal.ok) errors += 1;
    result.large = large;
    result.errors = errors;

    const r = result as {
      uploadsOk: number; uploadsFirstTry: number; busy503: number; plansDone: number; stormMs: number; plansMs: number;
      healthMs: ReturnType<typeof latency>; pageMs: ReturnType<typeof latency>; healthMsDuringPlans: ReturnType<typeof latency>;
      rssMb: { before: number; peak: number; peakWithPlanProcesses: number; afterExpiry: number };
    };
    console.log(`server: ${SERVER_ROOT}${hasTtl ? ` (--history-ttl ${TTL_SECONDS})` : ' (no --history-ttl)'}`);
    console.log('uploads  ok  first try  503s  plans done  storm s  plans s  health p50/p99/max ms  page p99 ms  health p99 (plans) ms  RSS before/peak/after MB');
    console.log(
      `${String(UPLOADS).padStart(7)} ${String(r.uploadsOk).padStart(3)} ${String(r.uploadsFirstTry).padStart(10)} ${String(r.busy503).padStart(5)} ${String(`${r.plansDone}/${PLANS}`).padStart(11)} ${(r.stormMs / 1000).toFixed(1).padStart(8)} ${(r.plansMs / 1000).toFixed(1).padStart(8)}  ${`${r.healthMs.p50}/${r.healthMs.p99}/${r.healthMs.max}`.padStart(21)} ${String(r.pageMs.p99).padStart(12)} ${String(r.healthMsDuringPlans.p99).padStart(21)}  ${r.rssMb.before}/${r.rssMb.peak}/${r.rssMb.afterExpiry}`,
    );
    console.log(`RSS peak with the plan runs' processes: ${r.rssMb.peakWithPlanProcesses} MB; server event-loop delay p99/max: ${loopDelay ? `${loopDelay.p99}/${loopDelay.max} ms` : 'not reported'}`);
    console.log(`50 MB upload: 413 declared ${large.declared413 ? 'yes' : 'NO'}, 413 chunked ${large.chunked413 ? 'yes' : 'NO'}, ${large.ms} ms; ${large.healthChecks} health checks meanwhile, ${large.healthFailures} failed; upload after: ${normal.ok ? 'ok' : 'FAILED'}`);
    console.log(errors === 0 ? 'no errors (503s with Retry-After are not errors)' : `${errors} errors: ${(result.errorsSeen as string[]).join(' | ')}`);
    const outFile = process.env.BENCH_OUT ?? path.join(ROOT, 'bench/serve.json');
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server.child.kill('SIGTERM');
  }
  process.exitCode = errors === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
