/**
 * The local web API: same validators and messages as the CLI, upload cap,
 * no file-system access from request paths, one plan at a time.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseHistory } from '../../src/io/history';
import { summarizeHistory } from '../../src/report/history';
import type { JobView } from '../../src/web/api-types';
import type { PlanInputs, PlanOutput, PlanRunner } from '../../src/jobs';
import { startServer, type RunningServer } from '../../src/web/server';
import { workerRunner } from '../../src/web/worker-runner';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir, tempFile } from '../helpers/paths';

const CSV = 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,7\n2026-06-02T10:00,9\n';
const CONFIG = JSON.stringify({ horizon: { start: '2026-06-03', end: '2026-06-04' } });

/** A raw request, so paths reach the server exactly as written (fetch would normalise `..`). */
function raw(server: RunningServer, options: http.RequestOptions, body?: string | Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * A client like Python's urllib: `Connection: close`, the whole body written
 * (waiting on each drain) before a byte of the answer is read.
 */
function postAllThenRead(server: RunningServer, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.pause();
    const received: Buffer[] = [];
    socket.on('error', reject);
    socket.on('connect', async () => {
      socket.write(`POST /api/history HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      for (let at = 0; at < body.length; at += 64 * 1024) {
        if (!socket.write(body.subarray(at, at + 64 * 1024))) await new Promise((r) => socket.once('drain', r));
      }
      socket.on('data', (c: Buffer) => received.push(c));
      socket.on('end', () => {
        const text = Buffer.concat(received).toString('utf8');
        resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text: text.slice(text.indexOf('\r\n\r\n') + 4) });
      });
      socket.resume();
    });
  });
}

async function postHistory(server: RunningServer, text: string, file = 'inquiries.csv', timezone?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams({ file, ...(timezone ? { timezone } : {}) });
  const res = await fetch(`${server.url}api/history?${query}`, { method: 'POST', body: text });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('with the default runner', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, maxUploadBytes: 64 * 1024 });
  });
  afterAll(() => server.close());

  test('serves the page and its script from memory with a strict CSP', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/js/app.js">');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${server.url}js/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("from './i18n.js'");
  });

  test('an uploaded history gets the summary `peakshift inspect --json` prints', async () => {
    const { status, body } = await postHistory(server, CSV);
    expect(status).toBe(200);
    const cli = await runCli(['inspect', '--history', tempFile('inquiries.csv', CSV), '--json']);
    expect(cli.code).toBe(0);
    // inspect adds the file's encoding; the upload's summary is the rest.
    expect({ ...(body.summary as object), encoding: 'utf-8' }).toEqual(JSON.parse(cli.stdout));
    expect(body.summary).toEqual(summarizeHistory(parseHistory(CSV, 'x', { timezone: 'Asia/Shanghai' })));
    expect(body.daily).toEqual([
      { date: '2026-06-01', inquiries: 12 },
      { date: '2026-06-02', inquiries: 9 },
    ]);
    expect(body.id).toMatch(/^[a-f0-9]{16}$/);
  });

  test('the history view marks the calendar events inside it', async () => {
    const rows = ['timestamp,inquiries'];
    for (let d = 10; d <= 25; d++) rows.push(`2026-06-${d}T10:00,${d}`);
    const { body } = await postHistory(server, `${rows.join('\n')}\n`);
    // 618 is June 18; the Dragon Boat Festival (lunar 5/5) falls on 2026-06-19
    // (State Council holiday notice for 2026: 端午节 6月19日).
    expect((body.events as Array<{ name: string; anchor: string }>).map((e) => [e.name, e.anchor])).toEqual([
      ['618', '2026-06-18'],
      ['dragon-boat', '2026-06-19'],
    ]);
  });

  test('a bad CSV is answered 400 with the CLI message and its location', async () => {
    const bad = 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,abc\n';
    const { status, body } = await postHistory(server, bad, 'shop.csv');
    expect(status).toBe(400);
    const cli = await runCli(['inspect', '--history', tempFile('shop.csv', bad)]);
    const cliMessage = cli.stderr.replace(/^error: /, '').trim().replace(/^.*shop\.csv/, 'shop.csv');
    expect(body.error).toEqual({
      code: 'input',
      field: 'history',
      message: 'shop.csv:3:2: count "abc"; expected a whole number of inquiries >= 0',
      where: { file: 'shop.csv', line: 3, column: 2 },
    });
    expect(cliMessage).toBe('shop.csv:3:2: count "abc"; expected a whole number of inquiries >= 0');
  });

  test('the uploaded file name is reduced to a plain base name', async () => {
    const { body } = await postHistory(server, 'when,inquiries\n', '../../etc/<b>x.csv');
    expect((body.error as { message: string }).message).toBe('bx.csv:1:1: header "when,inquiries"; expected a timestamp column (时间), or date and hour columns (日期, 小时)');
  });

  test('a bad time zone is answered with the config reader message', async () => {
    const { status, body } = await postHistory(server, CSV, 'a.csv', 'Mars/Olympus');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'config', path: 'timezone', message: 'config timezone: expected an IANA time zone name like "Asia/Shanghai", got "Mars/Olympus"' });
  });

  test('config validation names the path like --config does', async () => {
    const text = JSON.stringify({ pools: [{ name: 'in-house', kind: 'inhouse', headcount: -3 }] });
    const res = await fetch(`${server.url}api/config?file=my.json`, { method: 'POST', body: text });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 'config', field: 'config', path: 'pools[0].headcount' });
    expect(body.error.message).toBe('config pools[0].headcount: expected a whole number >= 0, got -3 (in my.json)');
    const cli = await runCli(['inspect', '--history', tempFile('h.csv', CSV), '--config', tempFile('my.json', text)]);
    expect(cli.stderr).toContain('config pools[0].headcount: expected a whole number >= 0, got -3');

    const syntax = await fetch(`${server.url}api/config?file=my.json`, { method: 'POST', body: '{\n  "shrinkage": 0.3,\n}' });
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { error: { message: string } }).error.message).toMatch(/^my\.json:3:1: invalid JSON at "}"/);
  });

  test('a good config comes back with every default filled in', async () => {
    const res = await fetch(`${server.url}api/config`, { method: 'POST', body: CONFIG });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { config: { shrinkage: number; timezone: string; horizon: unknown } };
    expect(body.config).toMatchObject({ shrinkage: 0.3, timezone: 'Asia/Shanghai', horizon: { start: '2026-06-03', end: '2026-06-04' } });
  });

  test('a body over the cap is refused with 413 before it is read, and the server keeps serving', async () => {
    const big = Buffer.alloc(200 * 1024, 'a');
    const declared = await raw(server, { method: 'POST', path: '/api/history', headers: { 'content-length': String(big.length) } }, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text)).toEqual({
      error: { code: 'too-large', message: 'the upload is larger than the limit of 0.06 MB', hint: 'split the history or start the server with a larger --max-upload-mb' },
    });
    // Chunked: no length given, refused once the stream passes the cap.
    const chunked = await raw(server, { method: 'POST', path: '/api/history', headers: { 'transfer-encoding': 'chunked' } }, big);
    expect(chunked.status).toBe(413);
    const health = await fetch(`${server.url}api/health`);
    expect(await health.json()).toMatchObject({ ok: true, pending: 0, memory: { rssBytes: expect.any(Number) } });
  });

  test('a client that sends Connection: close and its whole body before reading gets the 413, not a reset', async () => {
    const answer = await postAllThenRead(server, Buffer.alloc(8 * 1024 * 1024, 'a'));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'too-large' } });
  });

  test('an upload is decoded as the CLI decodes a file: UTF-16 with a BOM is read, without one it is named', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    const ok = await fetch(`${server.url}api/history?file=u16.csv`, { method: 'POST', body: utf16 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { summary: { total: number } }).summary.total).toBe(21);
    const bad = await fetch(`${server.url}api/history?file=u16.csv`, { method: 'POST', body: Buffer.from(CSV, 'utf16le') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('u16.csv:1:1: a UTF-16LE file without a byte-order mark; expected UTF-8 or GB18030 text (in Excel: Save As "CSV UTF-8")');
  });

  test.each([
    '/../package.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/js/../../../../etc/passwd',
    '/js/..%5c..%5cpackage.json',
    '//etc/passwd',
    '/src/web/public/index.html',
    '/dist/web-client/client/app.js',
    '/index.html/../../package.json',
    '/api/plans/0123456789abcdef/files/..%2f..%2fpackage.json',
    '/api/plans/0123456789abcdef/files/../../../package.json',
  ])('no request path reaches the file system: %s', async (path) => {
    const res = await raw(server, { method: 'GET', path });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('"name": "peakshift"');
    expect(res.text).not.toContain('root:');
    expect(JSON.parse(res.text).error.code).toBe('not-found');
  });

  test('requests addressed to another host name or from another site are refused', async () => {
    const rebinding = await raw(server, { method: 'GET', path: '/api/health', headers: { host: 'attacker.example:4173' } });
    expect(rebinding.status).toBe(403);
    const crossSite = await raw(server, { method: 'POST', path: '/api/config', headers: { origin: 'http://attacker.example' } }, '{}');
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text).error.message).toBe('requests from other web sites are refused');
  });

  test('a plan request with a bad history or config is refused before it is queued', async () => {
    const badHistory = await fetch(`${server.url}api/plans`, {
      method: 'POST',
      body: JSON.stringify({ history: { file: 'h.csv', text: 'timestamp,inquiries\n2026-13-01T00:00,1\n' }, config: { file: 'c.json', text: CONFIG } }),
    });
    expect(badHistory.status).toBe(400);
    expect(((await badHistory.json()) as { error: unknown }).error).toMatchObject({ field: 'history', where: { file: 'h.csv', line: 2, column: 1 } });
    const badConfig = await fetch(`${server.url}api/plans`, {
      method: 'POST',
      body: JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: '{"outsourcing": {"min": 0.8, "max": 0.5}}' } }),
    });
    expect(badConfig.status).toBe(400);
    expect(((await badConfig.json()) as { error: unknown }).error).toMatchObject({ field: 'config', path: 'outsourcing.min' });
    const badAgents = await fetch(`${server.url}api/plans`, {
      method: 'POST',
      body: JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: CONFIG }, agents: { file: 'agents.csv', text: 'agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable\nA1,Wang,nobody,day,false,5,\n' } }),
    });
    expect(badAgents.status).toBe(400);
    const agentsError = ((await badAgents.json()) as { error: { field: string; where: { line: number; column: number }; message: string } }).error;
    expect(agentsError).toMatchObject({ code: 'input', field: 'agents', where: { file: 'agents.csv', line: 2, column: 3 } });
    expect(agentsError.message).toBe('agents.csv:2:3: unknown pool "nobody"; expected an in-house pool from the config: in-house');
    const badStrict = await fetch(`${server.url}api/plans`, { method: 'POST', body: JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: CONFIG }, strict: 'yes' }) });
    expect(badStrict.status).toBe(400);
    expect(((await badStrict.json()) as { error: unknown }).error).toMatchObject({ field: 'strict', message: 'strict: expected true or false, got "yes"' });
    const unknownId = await fetch(`${server.url}api/plans`, { method: 'POST', body: JSON.stringify({ historyId: 'ffffffffffffffff', config: { file: 'c.json', text: CONFIG } }) });
    expect(unknownId.status).toBe(404);
    expect(server.queue.pending).toBe(0);
  });
});

describe('the plan queue', () => {
  /** A runner whose runs finish only when the test says so. */
  function gatedRunner(): { runner: PlanRunner; started: PlanInputs[]; release: (i: number) => void } {
    const started: PlanInputs[] = [];
    const gates: Array<() => void> = [];
    const runner: PlanRunner = (inputs, onProgress) =>
      new Promise<PlanOutput>((resolve) => {
        started.push(inputs);
        onProgress({ stage: 'plan', fraction: 0.5 });
        const run = started.length;
        gates.push(() =>
          resolve({
            files: [
              { name: 'roster.csv', type: 'text/csv; charset=utf-8', body: `run ${run}\n` },
              { name: 'vendors/vendor-a.csv', type: 'text/csv; charset=utf-8', body: `vendor ${run}\n` },
            ],
            summary: { run },
          }),
        );
      });
    return { runner, started, release: (i) => gates[i]?.() };
  }

  test('runs one plan at a time, in order, reports positions, and refuses past the queue limit', async () => {
    const gate = gatedRunner();
    const server = await startServer({ port: 0, runner: gate.runner, maxQueued: 2 });
    try {
      const submit = async (): Promise<{ status: number; body: JobView }> => {
        const res = await fetch(`${server.url}api/plans`, { method: 'POST', body: JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: CONFIG } }) });
        return { status: res.status, body: (await res.json()) as JobView };
      };
      const a = await submit();
      const b = await submit();
      const c = await submit();
      expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
      const full = await submit();
      expect(full.status).toBe(503);
      expect((full.body as unknown as { error: { code: string } }).error.code).toBe('busy');
      const view = async (id: string): Promise<JobView> => (await (await fetch(`${server.url}api/plans/${id}`)).json()) as JobView;
      expect(gate.started).toHaveLength(1);
      expect(await view(a.body.id)).toMatchObject({ state: 'running', progress: { stage: 'plan', fraction: 0.5 } });
      expect(await view(b.body.id)).toMatchObject({ state: 'queued', position: 1 });
      expect(await view(c.body.id)).toMatchObject({ state: 'queued', position: 2 });
      gate.release(0);
      await new Promise((r) => setTimeout(r, 20));
      expect(gate.started).toHaveLength(2);
      expect(await view(a.body.id)).toMatchObject({ state: 'done', files: [{ name: 'roster.csv', bytes: 6 }, { name: 'vendors/vendor-a.csv', bytes: 9 }], summary: { run: 1 } });
      expect(await view(c.body.id)).toMatchObject({ state: 'queued', position: 1 });
      const file = await fetch(`${server.url}api/plans/${a.body.id}/files/roster.csv`);
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="roster.csv"');
      expect(await file.text()).toBe('run 1\n');
      const sheet = await fetch(`${server.url}api/plans/${a.body.id}/files/vendors/vendor-a.csv`);
      expect(sheet.headers.get('content-disposition')).toBe('attachment; filename="vendors-vendor-a.csv"');
      expect(await sheet.text()).toBe('vendor 1\n');
      gate.release(1);
      await new Promise((r) => setTimeout(r, 20));
      gate.release(2);
      await server.queue.drained();
      expect(await view(c.body.id)).toMatchObject({ state: 'done', summary: { run: 3 } });
    } finally {
      await server.close();
    }
  });

  test('the worker runner stops a run at its time limit', async () => {
    const started = Date.now();
    await expect(workerRunner({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: CONFIG } }, () => undefined, 1)).rejects.toMatchObject({
      status: 504,
      body: { code: 'timeout', message: 'the plan run took longer than the limit of 1 ms and was stopped' },
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('peakshift serve', () => {
  test('bad options are usage errors', async () => {
    expect(await runCli(['serve', '--port', '70000'])).toMatchObject({ code: 2, stderr: 'error: --port: expected a whole number from 0 to 65535, got 70000\n' });
    expect(await runCli(['serve', '--max-upload-mb', '0'])).toMatchObject({ code: 2, stderr: 'error: --max-upload-mb: expected a positive number, got 0\n' });
    expect(await runCli(['serve', '--parse-workers', '0'])).toMatchObject({ code: 2, stderr: 'error: --parse-workers: expected a whole number from 1 to 64, got 0\n' });
    expect(await runCli(['serve', '--max-waiting-uploads', '-1'])).toMatchObject({ code: 2, stderr: 'error: --max-waiting-uploads: expected a whole number >= 0, got -1\n' });
    expect(await runCli(['serve', '--history-ttl', '0'])).toMatchObject({ code: 2, stderr: 'error: --history-ttl: expected a positive number of seconds, got 0\n' });
    expect(await runCli(['serve', '--history-cache-mb', '10'])).toMatchObject({ code: 2, stderr: 'error: --history-cache-mb: expected a number of MB >= --max-upload-mb (20), got 10\n' });
  });

  test('serves on loopback until interrupted', async () => {
    const out: string[] = [];
    const { main } = await import('../../src/cli/main');
    const running = main(['serve', '--port', '0'], { stdout: (s) => out.push(s), stderr: () => undefined, isTTY: false });
    for (let i = 0; i < 100 && out.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out.join(''))?.[0];
    expect(url).toBeDefined();
    const res = await fetch(`${url as string}api/health`);
    expect(res.status).toBe(200);
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });

  test('a non-loopback host prints a warning', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const { main } = await import('../../src/cli/main');
    const running = main(['serve', '--host', '0.0.0.0', '--port', '0'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false });
    for (let i = 0; i < 100 && out.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    process.emit('SIGINT');
    expect(await running).toBe(0);
    expect(err.join('')).toContain('warning: listening on 0.0.0.0: anyone who can reach this address can upload data and run plans');
  });
});

describe('what-if runs', () => {
  // Two days of the sample's Double 11 run-up, one scenario, one simulation run: small enough for seconds.
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  config.horizon = { start: '2026-11-10', end: '2026-11-11' };
  // A 5% gap keeps both solves to about a second; both sides use the same settings.
  config.solver = { mipRelGap: 0.05 };
  const configText = `${JSON.stringify(config, null, 2)}\n`;
  const historyText = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8');
  const scenarios = { scenarios: [{ name: '50/50 ratio', overrides: [{ outsourcing: { min: 0.5, max: 0.5 } }] }], simulation: { runs: 1, seed: 7 } };

  test('the page and `peakshift whatif` write the same comparison and plan folders', async () => {
    const server = await startServer({ port: 0 });
    try {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'config.json'), configText);
      fs.writeFileSync(path.join(dir, 'inquiries.csv'), historyText);
      fs.writeFileSync(path.join(dir, 'scenarios.json'), JSON.stringify({ base: { config: 'config.json', history: 'inquiries.csv' }, ...scenarios }));
      const cli = await runCli(['whatif', '--scenarios', path.join(dir, 'scenarios.json'), '--out-dir', path.join(dir, 'out'), '--jobs', '0']);
      expect(cli.stderr).not.toContain('error');
      expect(cli.code).toBe(0);
      const res = await fetch(`${server.url}api/plans`, {
        method: 'POST',
        body: JSON.stringify({ history: { file: 'inquiries.csv', text: historyText }, config: { file: 'config.json', text: configText }, scenarios: { file: 'scenarios.json', text: JSON.stringify(scenarios) } }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as JobView;
      await server.queue.drained();
      const job = (await (await fetch(`${server.url}api/plans/${id}`)).json()) as JobView;
      expect(job.error).toBeUndefined();
      expect(job.state).toBe('done');

      // The CLI's folder marker is how a later run knows it may replace the folder; the page serves the plan files,
      // and the comparison in the other language for its language switch.
      const cliFiles = listFiles(path.join(dir, 'out')).filter((n) => n !== '.peakshift-folder');
      const webFiles = (job.files ?? []).map((f) => f.name).filter((n) => n !== 'scenarios.json');
      expect(webFiles.filter((n) => !n.startsWith('zh/')).sort()).toEqual(cliFiles);
      expect(webFiles.filter((n) => n.startsWith('zh/')).sort()).toEqual(['zh/comparison.html', 'zh/comparison.md']);
      for (const name of ['comparison.csv', '00-base/summary.json', '01-50-50-ratio/summary.json', '01-50-50-ratio/coverage.csv']) {
        const web = await (await fetch(`${server.url}api/plans/${id}/files/${name}`)).text();
        expect(web).toBe(fs.readFileSync(path.join(dir, 'out', name), 'utf8'));
      }
      // The workbook crosses from the plan process as bytes and downloads as the CLI wrote it.
      const xlsx = await fetch(`${server.url}api/plans/${id}/files/00-base/roster.xlsx`);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="00-base-roster.xlsx"');
      expect(Buffer.from(await xlsx.arrayBuffer()).equals(fs.readFileSync(path.join(dir, 'out', '00-base', 'roster.xlsx')))).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a bad scenario is refused with the scenario reader message', async () => {
    const server = await startServer({ port: 0 });
    try {
      const res = await fetch(`${server.url}api/plans`, {
        method: 'POST',
        body: JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'c.json', text: CONFIG }, scenarios: { file: 'scenarios.json', text: '{"scenarios": [{"name": "x", "overrides": [{"outsourcing": {"min": 2}}]}]}' } }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { field: string; message: string } };
      expect(body.error.field).toBe('scenarios');
      expect(body.error.message).toMatch(/^scenario "x" overrides\[0\]\.outsourcing\.min: /);
    } finally {
      await server.close();
    }
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}
