/**
 * The server against clients that misbehave: names of five million characters,
 * holiday files parsed off the main thread, bodies that stall, clients that
 * hang up after sending, empty or repeated Host headers, and slowloris
 * connections that never finish their headers.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { headerTimers, startServer, type RunningServer } from '../../src/web/server';
import { repoRoot } from '../helpers/paths';

/** The sample history's first `days` days (about 1.5 KB a day). */
function sampleHistory(days: number): string {
  const lines = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8').split('\n');
  return `${lines.slice(0, 1 + days * 48).join('\n')}\n`;
}

interface Health {
  uploads: { inFlight: number; parseThreads: number; cancelled: number };
  kept: { histories: number; bytes: number };
}

async function health(server: RunningServer): Promise<Health> {
  return (await (await fetch(`${server.url}api/health`)).json()) as Health;
}

async function until(what: () => Promise<boolean>): Promise<void> {
  while (!(await what())) await new Promise((r) => setTimeout(r, 50));
}

/** A raw connection: sends `head` (and `body`), returns everything the server sends until it closes. */
function rawExchange(port: number, head: string, body: Buffer | string = '', then: 'wait' | 'hang-up' = 'wait'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('connect', () => {
      socket.write(head);
      socket.write(body, () => {
        if (then === 'hang-up') socket.destroy();
      });
    });
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const bodyOf = (answer: string): unknown => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

describe('uploads', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // One parse thread (two readers): the busiest setting, as on a two-core machine.
    server = await startServer({ port: 0, parseWorkers: 1, parseIdleMs: 60_000 });
  });
  afterAll(() => server.close());

  test('a config or holiday file with a name of 5 million Chinese characters is answered 400 naming it, not 500', async () => {
    const name = '双'.repeat(5_000_000);
    const config = await fetch(`${server.url}api/config?file=c.json`, { method: 'POST', body: JSON.stringify({ events: [{ name, date: '2026-11-11' }] }) });
    expect(config.status).toBe(400);
    expect(((await config.json()) as { error: { path: string; message: string } }).error).toMatchObject({ code: 'config', path: 'events[0].name', message: `config events[0].name: expected a name of at most 64 characters, got 5,000,000 characters ("${'双'.repeat(37)}...") (in c.json)` });
    const holidays = await fetch(`${server.url}api/holidays?file=h.csv`, { method: 'POST', body: `date,name\n2026-11-11,${name}\n` });
    expect(holidays.status).toBe(400);
    expect(((await holidays.json()) as { error: unknown }).error).toEqual({
      code: 'input',
      field: 'config',
      message: 'h.csv:2:2: a cell of 5,000,000 characters; expected at most 4,096 characters in a cell',
      where: { file: 'h.csv', line: 2, column: 2 },
    });
  });

  test('a holiday file is parsed in a parse thread, not on the main thread', async () => {
    const before = await health(server);
    const res = await fetch(`${server.url}api/holidays?file=h.csv`, { method: 'POST', body: 'date,name\n2026-10-01,国庆节\n' });
    expect(await res.json()).toEqual({ holidays: [{ date: '2026-10-01', name: '国庆节', kind: 'holiday' }] });
    // The first holiday file started the parse thread (the config above was parsed in it too); none runs on the main thread.
    expect(before.uploads.parseThreads).toBe(1);
    expect((await health(server)).uploads.parseThreads).toBe(1);
  });

  test('stalled bodies get 408 and give their reading places back; a large upload behind them is answered', async () => {
    const head = (bytes: number): string => `POST /api/history HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: text/csv\r\nContent-Length: ${bytes}\r\n\r\n`;
    // Declared large, so they wait in the reading line (two places): headers and 20 bytes, then nothing.
    const stalled = [0, 1, 2].map(() => rawExchange(server.port, head(5 * 1024 * 1024), 'timestamp,inquiries\n'));
    // And one that declares 1 MB, as in the finding: read at once, outside the line.
    stalled.push(rawExchange(server.port, head(1024 * 1024), 'timestamp,inquiries\n'));
    await until(async () => (await health(server)).uploads.inFlight === 4);
    const large = sampleHistory(800);
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const normal = await fetch(`${server.url}api/history?file=large.csv`, { method: 'POST', body: large });
    expect(normal.status).toBe(200);
    for (const answer of await Promise.all(stalled)) {
      expect(statusOf(answer)).toBe(408);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(bodyOf(answer)).toEqual({
        error: {
          code: 'timeout',
          message: expect.stringMatching(/^the upload came too slowly: 20 bytes in \d+\.\d s, below 64 KB\/s after its first 2 s$/) as unknown as string,
          hint: 'send it again from a steady connection',
        },
      });
    }
    expect((await health(server)).uploads.inFlight).toBe(0);
  }, 30_000);

  test('uploads whose client hangs up after sending are cancelled and not kept', async () => {
    const before = await health(server);
    const text = sampleHistory(30);
    const head = `POST /api/history HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: text/csv\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 40 }, () => rawExchange(server.port, head, text, 'hang-up')));
    expect(answers.every((a) => a === '')).toBe(true);
    // Every one ends either cancelled or kept.
    const settled = (h: Health): number => h.uploads.cancelled - before.uploads.cancelled + h.kept.histories - before.kept.histories;
    await until(async () => settled(await health(server)) === 40);
    const after = await health(server);
    expect(after.uploads.cancelled - before.uploads.cancelled).toBe(40);
    expect(after.kept.histories).toBe(before.kept.histories);
    // The server goes on reading uploads.
    const res = await fetch(`${server.url}api/history?file=h.csv`, { method: 'POST', body: sampleHistory(2) });
    expect(res.status).toBe(200);
  }, 30_000);

  test('an empty, a repeated or a missing Host header gets 400', async () => {
    const cases: Array<[string, string]> = [
      ['Host:\r\n', 'an empty Host header'],
      ['Host: 127.0.0.1\r\nHost: evil.example\r\n', '2 Host headers'],
      ['', 'no Host header'],
    ];
    for (const [hosts, found] of cases) {
      for (const [method, target, body] of [['GET', '/', ''], ['GET', '/api/health', ''], ['POST', '/api/config', '{}']] as const) {
        const version = hosts === '' ? 'HTTP/1.0' : 'HTTP/1.1';
        const answer = await rawExchange(server.port, `${method} ${target} ${version}\r\n${hosts}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body);
        expect({ hosts, target, status: statusOf(answer) }).toEqual({ hosts, target, status: 400 });
        expect(bodyOf(answer)).toEqual({ error: { code: 'usage', message: `${found}; expected one Host header with this server's address, e.g. 127.0.0.1:4173` } });
      }
    }
  });
});

describe('the header deadline', () => {
  test('is met by checking connections often enough: headers get the deadline less two check intervals, a silent connection less one', () => {
    expect(headerTimers(30_000)).toEqual({ headersTimeout: 28_000, connectionsCheckingInterval: 1_000, silentMs: 29_000 });
    expect(headerTimers(1_200)).toEqual({ headersTimeout: 600, connectionsCheckingInterval: 300, silentMs: 900 });
  });

  test('600 slowloris connections, and 50 that send nothing, are answered 408 and closed by the server', async () => {
    // A short deadline, so the test is short; Node's own check interval (30 s) would keep them open far longer.
    const server = await startServer({ port: 0, headersTimeoutMs: 1_200 });
    try {
      const open = (i: number, slow: boolean): Promise<string> => {
        const socket = net.connect(server.port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('error', () => undefined);
        // One header line now and then, never the blank line that ends them.
        let trickle: NodeJS.Timeout | undefined;
        if (slow) {
          socket.on('connect', () => {
            socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
            trickle = setInterval(() => socket.write(`X-Line-${i}: slow\r\n`), 200);
          });
        }
        return new Promise<string>((resolve) =>
          socket.on('close', () => {
            clearInterval(trickle);
            resolve(Buffer.concat(chunks).toString('utf8'));
          }),
        );
      };
      const answers = await Promise.all([...Array.from({ length: 600 }, (_, i) => open(i, true)), ...Array.from({ length: 50 }, (_, i) => open(i, false))]);
      expect(answers.filter((a) => statusOf(a) === 408)).toHaveLength(650);
    } finally {
      await server.close();
    }
  }, 20_000);
});
