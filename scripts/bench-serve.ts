/**
 * Load check of `peakshift serve` on loopback: per round, 50 concurrent uploads
 * of a one-year hourly inquiry CSV plus 10 plans queued behind each other (each
 * the whole pipeline with a roster, on a two-day horizon); 3
 * rounds; the server's RSS after each round (no growth expected). Then a 50 MB
 * upload must be refused with 413 while health checks keep being answered.
 * The server runs in a child process so its memory is measured alone.
 * Prints a table and writes bench/serve.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const UPLOADS = 50;
const PLANS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HOST = '127.0.0.1';

function yearCsv(): string {
  const lines = ['timestamp,queue,inquiries'];
  const start = Date.UTC(2025, 0, 1);
  for (let h = 0; h < 8760; h++) {
    const ts = new Date(start + h * 3_600_000).toISOString().slice(0, 16);
    const hour = h % 24;
    const base = hour >= 9 && hour <= 22 ? 300 : 60;
    lines.push(`${ts},presales,${base + ((h * 37) % 50)}`, `${ts},aftersales,${Math.round(base / 2) + ((h * 11) % 20)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Reply {
  status: number;
  text: string;
}

function request(port: number, method: string, urlPath: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout on ${method} ${urlPath}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function startServerProcess(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', "require('./src/cli/main').main(['serve','--port','0','--max-queued','20'])"], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const csv = yearCsv();
  // The sample's config on a two-day horizon in the year the CSV leads into.
  const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  sample.horizon = { start: '2026-01-05', end: '2026-01-06' };
  sample.solver = { mipRelGap: 0.05 };
  const config = JSON.stringify(sample);
  // Each queued plan is the whole pipeline with the sample's agents: forecast, staffing, shift plan, roster.
  const agents = fs.readFileSync(path.join(ROOT, 'data/agents.csv'), 'utf8');
  const server = await startServerProcess();
  const rounds: Array<Record<string, number | string>> = [];
  let errors = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const t0 = Date.now();
      const uploads = await Promise.all(
        Array.from({ length: UPLOADS }, () => request(server.port, 'POST', '/api/history?file=year.csv', csv, { 'content-type': 'text/csv' })),
      );
      const uploadMs = Date.now() - t0;
      const badUploads = uploads.filter((u) => u.status !== 200).length;
      // The store keeps the most recent uploads, so plan on the last one.
      const historyId = (JSON.parse(uploads[uploads.length - 1]?.text ?? '{}') as { id?: string }).id ?? '';
      const t1 = Date.now();
      const submitted = await Promise.all(
        Array.from({ length: PLANS }, () => request(server.port, 'POST', '/api/plans', JSON.stringify({ historyId, config: { file: 'config.json', text: config }, agents: { file: 'agents.csv', text: agents } }), { 'content-type': 'application/json' })),
      );
      const ids = submitted.filter((s) => s.status === 202).map((s) => (JSON.parse(s.text) as { id: string }).id);
      const states = new Map<string, string>();
      while (states.size < ids.length) {
        for (const id of ids) {
          if (states.has(id)) continue;
          const job = JSON.parse((await request(server.port, 'GET', `/api/plans/${id}`)).text) as { state: string; error?: { message: string } };
          if (job.state === 'done' || job.state === 'failed') states.set(id, job.state === 'failed' ? `failed: ${job.error?.message ?? ''}` : 'done');
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      const planMs = Date.now() - t1;
      const refused = submitted.filter((s) => s.status !== 202).map((s) => `refused ${s.status}: ${s.text}`);
      const failed = [...refused, ...[...states.values()].filter((s) => s !== 'done')];
      const health = JSON.parse((await request(server.port, 'GET', '/api/health')).text) as { memory: { rssBytes: number; heapUsedBytes: number } };
      const roundErrors = badUploads + failed.length;
      errors += roundErrors;
      rounds.push({
        round,
        uploads: UPLOADS,
        uploadMs,
        plans: PLANS,
        plansDone: PLANS - failed.length,
        planMs,
        errors: roundErrors,
        rssMb: Number((health.memory.rssBytes / 1048576).toFixed(1)),
        heapMb: Number((health.memory.heapUsedBytes / 1048576).toFixed(1)),
        ...(failed[0] ? { firstFailure: failed[0] } : {}),
      });
    }

    // 50 MB: refused with 413 while health checks go on.
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    let healthOk = 0;
    let healthBad = 0;
    let stopHealth = false;
    const healthLoop = (async () => {
      for (let i = 0; i < 500 && !stopHealth; i++) {
        const r = await request(server.port, 'GET', '/api/health');
        if (r.status === 200) healthOk += 1;
        else healthBad += 1;
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const t2 = Date.now();
    const declared = await request(server.port, 'POST', '/api/history?file=big.csv', big, { 'content-length': String(big.length) });
    const chunked = await request(server.port, 'POST', '/api/history?file=big.csv', big, { 'transfer-encoding': 'chunked' });
    const bigMs = Date.now() - t2;
    stopHealth = true;
    await healthLoop;
    const after = await request(server.port, 'POST', '/api/history?file=year.csv', csv);
    const large = { declared413: declared.status === 413, chunked413: chunked.status === 413, ms: bigMs, healthOk, healthBad, uploadAfter: after.status };
    if (!large.declared413 || !large.chunked413 || healthBad > 0 || after.status !== 200) errors += 1;

    console.log('round  uploads  upload ms  plans  done  plan ms  errors  server RSS MB  heap MB');
    for (const r of rounds) {
      console.log(
        `${String(r.round).padStart(5)} ${String(r.uploads).padStart(8)} ${String(r.uploadMs).padStart(10)} ${String(r.plans).padStart(6)} ${String(r.plansDone).padStart(5)} ${String(r.planMs).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.rssMb).padStart(13)} ${String(r.heapMb).padStart(8)}`,
      );
      if (r.firstFailure) console.log(`       first failed plan: ${String(r.firstFailure)}`);
    }
    console.log(`50 MB upload: 413 declared ${large.declared413 ? 'yes' : 'NO'}, 413 chunked ${large.chunked413 ? 'yes' : 'NO'}, ${large.ms} ms; health checks meanwhile ${healthOk} ok / ${healthBad} failed; upload after: ${after.status}`);
    console.log(errors === 0 ? 'no errors' : `${errors} errors`);
    fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/serve.json'), `${JSON.stringify({ csvBytes: Buffer.byteLength(csv), rounds, large, errors }, null, 2)}\n`);
  } finally {
    server.stop();
  }
  process.exitCode = errors === 0 ? 0 : 1;
}

void main();
