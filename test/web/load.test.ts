/**
 * The server under a crowd of uploads: parsing happens in worker threads with
 * a bounded line (503 with Retry-After past it), the health check is answered
 * while uploads are parsed, plan requests are not shut out, and kept histories
 * are bounded in bytes and expire when idle.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { PlanRunner } from '../../src/jobs';
import { startServer, type RunningServer } from '../../src/web/server';
import { repoRoot } from '../helpers/paths';

const SAMPLE = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** Order in which the answers arrived. */
  order: number;
}

let answered = 0;

function post(server: RunningServer, urlPath: string, body: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: urlPath === '' ? 'GET' : 'POST', path: urlPath || '/api/health', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answered += 1;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, order: answered });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const health = (server: RunningServer): Promise<Reply> => post(server, '', '');

describe('a crowd of uploads', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, parseWorkers: 1, maxWaitingUploads: 2 });
  });
  afterAll(() => server.close());

  test('past the parse places uploads get 503 with Retry-After; health and plan requests are answered meanwhile', async () => {
    const uploads = Array.from({ length: 8 }, () => post(server, '/api/history?file=inquiries.csv', SAMPLE));
    const config = JSON.stringify({ horizon: { start: '2026-11-01', end: '2026-11-02' } });
    // A plan request naming no kept upload: read (in the pool, ahead of the histories) and refused with 404.
    const plan = post(server, '/api/plans', JSON.stringify({ historyId: 'ffffffffffffffff', config: { file: 'config.json', text: config } }));
    await new Promise((r) => setTimeout(r, 50));
    const during = await health(server);
    const replies = await Promise.all(uploads);

    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 503);
    // One parsing and two waiting are admitted; the other five are refused before their body is read.
    expect([ok.length, busy.length]).toEqual([3, 5]);
    for (const r of busy) {
      expect(r.body.error).toEqual({ code: 'busy', message: expect.stringMatching(/^the server is reading \d+ other uploads; try again in \d+ s$/) });
      const seconds = Number(r.headers['retry-after']);
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
      expect((r.body.error as { message: string }).message).toContain(`try again in ${seconds} s`);
    }
    // Refused together, told to come back one after another.
    const waits = busy.map((r) => Number(r.headers['retry-after']));
    expect(Math.max(...waits)).toBeGreaterThan(Math.min(...waits));
    for (const r of ok) expect((r.body.summary as { total: number }).total).toBeGreaterThan(6_000_000);

    // The health check came back while the histories were still being read.
    expect(during.status).toBe(200);
    expect(during.order).toBeLessThan(Math.min(...ok.map((r) => r.order)));
    expect((during.body.uploads as { inFlight: number }).inFlight).toBeGreaterThanOrEqual(1);

    const planReply = await plan;
    expect(planReply.status).toBe(404);
    expect(planReply.body.error).toMatchObject({ code: 'not-found', field: 'history' });
    expect(planReply.order).toBeLessThan(Math.max(...ok.map((r) => r.order)));

    const after = await post(server, '/api/history?file=inquiries.csv', SAMPLE);
    expect(after.status).toBe(200);
  });
});

describe('kept histories', () => {
  const CSV = 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,7\n';
  const config = { file: 'config.json', text: JSON.stringify({ horizon: { start: '2026-06-03', end: '2026-06-03' } }) };
  /** Runs until the server stops. */
  const runner: PlanRunner = (_inputs, _progress, _timeoutMs, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('stopped'))));

  test('a history unused for --history-ttl is dropped, and a plan naming it gets 404', async () => {
    const server = await startServer({ port: 0, historyTtlMs: 300, runner });
    try {
      const up = await post(server, '/api/history?file=a.csv', CSV);
      expect(up.status).toBe(200);
      expect((await health(server)).body.kept).toEqual({ histories: 1, bytes: CSV.length + 1024 });
      for (let i = 0; i < 50 && ((await health(server)).body.kept as { histories: number }).histories > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await health(server)).body.kept).toEqual({ histories: 0, bytes: 0 });
      const plan = await post(server, '/api/plans', JSON.stringify({ historyId: up.body.id, config }));
      expect(plan.status).toBe(404);
      expect(plan.body.error).toEqual({ code: 'not-found', field: 'history', message: 'the uploaded history is no longer on the server; upload it again' });
    } finally {
      await server.close();
    }
  });

  test('past the byte cap the least recently used history goes first', async () => {
    const server = await startServer({ port: 0, historyCacheBytes: 2 * (CSV.length + 1024), runner });
    try {
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c']) ids.push(String((await post(server, `/api/history?file=${name}.csv`, CSV)).body.id));
      expect((await health(server)).body.kept).toEqual({ histories: 2, bytes: 2 * (CSV.length + 1024) });
      const plans = await Promise.all(ids.map((historyId) => post(server, '/api/plans', JSON.stringify({ historyId, config }))));
      expect(plans.map((p) => p.status)).toEqual([404, 202, 202]);
    } finally {
      await server.close();
    }
  });
});
