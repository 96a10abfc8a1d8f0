/**
 * The local web server behind `peakshift serve`: the page from an in-memory
 * asset map and a small JSON API (docs/web.md). Inputs go
 * through the same readers as the CLI, in a small pool of worker threads
 * (parse-pool.ts) so the main thread only moves bytes and always answers;
 * kept uploads are bounded in bytes and expire when idle; plans run one at a
 * time, each in its own worker thread.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SampleInputs } from './api-types';
import { loadAssets, loadSamples, type AssetMap } from './assets';
import { HistoryStore } from './history-store';
import { releaseMemory } from './memory';
import { ClientGoneError, DEFAULT_BODY_PACE, HttpError, badRequest, discard, notFound, readBody, send, sendError, sendJson, toHttpError, type BodyPace } from './http';
import { ParsePool } from './parse-pool';
import type { PlanInputs, PlanRunner } from '../jobs';
import { PlanQueue } from './queue';
import { cleanFileName, type UploadResult, type UploadTask } from './upload-tasks';
import { workerRunner } from './worker-runner';
import { replanInputs } from './replan-request';

export { cleanFileName } from './upload-tasks';

export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxUploadBytes: number;
  /** Time limit of one plan run. */
  runTimeoutMs: number;
  /** Plans waiting behind the running one before new ones get 503. */
  maxQueued: number;
  /** Uploads parsed at the same time, each in its own worker thread. */
  parseWorkers: number;
  /** Uploads waiting for a parse worker before new ones get 503 with Retry-After. */
  maxWaitingUploads: number;
  /** Bytes of uploaded histories kept for plan requests; least recently used dropped first. */
  historyCacheBytes: number;
  /** A kept history unused this long is dropped. */
  historyTtlMs: number;
  /** A parse worker idle this long is ended (its memory given back). */
  parseIdleMs: number;
  assets?: AssetMap;
  samples?: SampleInputs;
  runner?: PlanRunner;
  /** Plans run at once (default 1); more with a runner that sends them to a job broker's workers. */
  maxRunning?: number;
  /** Time a client has to send a request's headers; a connection past it is answered 408 and closed. */
  headersTimeoutMs: number;
  /** How fast an upload's body must come once it is read (http.ts BodyPace). */
  bodyPace: BodyPace;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  host: '127.0.0.1',
  port: 4173,
  maxUploadBytes: 20 * 1024 * 1024,
  runTimeoutMs: 300_000,
  maxQueued: 20,
  parseWorkers: defaultParseWorkers(),
  maxWaitingUploads: 64,
  historyCacheBytes: 128 * 1024 * 1024,
  historyTtlMs: 30 * 60 * 1000,
  parseIdleMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyPace: DEFAULT_BODY_PACE,
};

/**
 * An upload that declares at most this many bytes is read at once, without
 * waiting its turn in the reading line: its memory is small, and it is never
 * held up by the larger uploads being read (nor by a client that stalls).
 */
export const SMALL_BODY_BYTES = 1024 * 1024;

/**
 * Node checks the header deadline of open connections only this often (30 s
 * unless set), so a deadline of D is met by checking every second and giving
 * the headers D - 2 s: a connection is closed by D - 1 s, which leaves a second
 * for a busy machine's late timers. `silentMs` is the deadline of a connection
 * that sends nothing at all, which Node's check leaves open.
 */
export function headerTimers(deadlineMs: number): { headersTimeout: number; connectionsCheckingInterval: number; silentMs: number } {
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(deadlineMs / 4)));
  return { headersTimeout: deadlineMs - 2 * connectionsCheckingInterval, connectionsCheckingInterval, silentMs: deadlineMs - connectionsCheckingInterval };
}

/** One core is left to the main thread and the plan run: CPUs - 1, at least 1, at most 4. */
export function defaultParseWorkers(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cpus - 1));
}

export interface RunningServer {
  url: string;
  port: number;
  queue: PlanQueue;
  /** Stops listening, ends every connection and worker thread (a running plan included). */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Exactly one Host header with a value, or 400: an empty one names no server,
 * and of two the guard below could check one while a proxy routes by the other.
 * (Node keeps only the first of repeated Host headers in `req.headers`; the raw
 * list has them all.)
 */
function checkHostHeader(rawHeaders: readonly string[]): void {
  const hosts: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === 'host') hosts.push((rawHeaders[i + 1] ?? '').trim());
  if (hosts.length === 1 && hosts[0] !== '') return;
  const found = hosts.length === 0 ? 'no Host header' : hosts.length > 1 ? `${hosts.length} Host headers` : 'an empty Host header';
  throw badRequest(`${found}; expected one Host header with this server's address, e.g. 127.0.0.1:4173`);
}

const newId = (): string => randomUUID().replace(/-/g, '').slice(0, 16);

export interface App {
  handler: http.RequestListener;
  queue: PlanQueue;
  /** Ends the parse workers and the running plan, drops kept histories. */
  stop(): Promise<void>;
}

export function createApp(options: ServerOptions): App {
  const assets = options.assets ?? loadAssets();
  const samplesJson = JSON.stringify(options.samples ?? loadSamples());
  // After a burst, expired histories and ended workers leave garbage that an idle server would
  // never collect. A full collection pauses the main thread, so it is asked for only when no
  // upload is being read.
  const quietCollect = (): void => {
    if (pool.inFlight === 0) releaseMemory();
  };
  const kept = new HistoryStore({ maxBytes: options.historyCacheBytes, ttlMs: options.historyTtlMs, onExpired: quietCollect });
  const pool: ParsePool = new ParsePool({ workers: options.parseWorkers, maxWaiting: options.maxWaitingUploads, idleMs: options.parseIdleMs, onIdle: quietCollect });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const queue = new PlanQueue(options.runner ?? workerRunner, {
    maxQueued: options.maxQueued,
    timeoutMs: options.runTimeoutMs,
    keepFinished: 16,
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
  });

  /** Uploads given up because their client went away, for /api/health. */
  let cancelled = 0;

  /**
   * Admit an upload to the parse pool (or refuse it with 503 before its body
   * is read, dropping the body), read its body, run `work`. `small` requests
   * (a config, a plan request) have places of their own; other uploads that
   * declare a large body wait their turn in line unread. `signal` aborts when
   * the client has gone: the upload leaves the line, its reading or its parse.
   */
  async function upload<T>(req: http.IncomingMessage, how: { small: boolean; signal: AbortSignal }, work: (body: Buffer[]) => Promise<T>): Promise<T> {
    let release: () => void;
    try {
      release = pool.admit(how.small);
    } catch (error) {
      discard(req);
      throw error;
    }
    try {
      const inLine = !how.small && !(Number(req.headers['content-length']) <= SMALL_BODY_BYTES);
      const done = inLine ? await pool.readTurn(how.signal) : undefined;
      try {
        return await work(await readBody(req, options.maxUploadBytes, { pace: options.bodyPace, signal: how.signal }));
      } finally {
        done?.();
      }
    } finally {
      release();
    }
  }

  const parse = async <K extends UploadTask['kind']>(task: UploadTask & { kind: K }, signal: AbortSignal): Promise<Extract<UploadResult, { kind: K }>> => {
    const result = (await pool.run(task, signal)) as Extract<UploadResult, { kind: K }>;
    // Parsed, but nobody is waiting for it any more: not kept, not queued.
    if (signal.aborted) throw new ClientGoneError();
    return result;
  };

  /** The inputs of a plan request, every one read without error. */
  async function planInputs(body: Buffer[], signal: AbortSignal): Promise<PlanInputs> {
    const { request } = await parse({ kind: 'plan', body }, signal);
    let history = request.history;
    if (!history) {
      const upload = kept.get(request.historyId as string);
      if (!upload) throw new HttpError(404, { code: 'not-found', field: 'history', message: 'the uploaded history is no longer on the server; upload it again' });
      // Uploaded for another time zone than the config's: read it again in the config's.
      if (upload.timezone !== request.timezone) await parse({ kind: 'history-check', file: upload.file, timezone: request.timezone, text: upload.text }, signal);
      history = { file: upload.file, text: upload.text };
    }
    const { config, agents, scenarios, design, capacity, strict, replay } = request;
    return { history, config, ...(agents ? { agents } : {}), ...(scenarios ? { scenarios } : {}), ...(design ? { design } : {}), ...(capacity ? { capacity } : {}), ...(strict ? { strict } : {}), ...(replay ? { replay } : {}) };
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, signal: AbortSignal): Promise<void> {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /api/health') {
      const memory = process.memoryUsage();
      sendJson(res, 200, {
        ok: true,
        pending: queue.pending,
        uploads: { inFlight: pool.inFlight, parseThreads: pool.threads, cancelled },
        kept: { histories: kept.count, bytes: kept.bytes },
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, arrayBuffersBytes: memory.arrayBuffers },
        // How late the main thread has run its callbacks since the server started.
        eventLoopDelayMs: { p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6) },
      });
      return;
    }
    if (route === 'GET /api/sample') {
      send(res, 200, JSON_TYPE, samplesJson);
      return;
    }
    if (route === 'POST /api/history') {
      const file = cleanFileName(url.searchParams.get('file'), 'history.csv');
      const json = await upload(req, { small: false, signal }, async (body) => {
        const id = newId();
        const result = await parse({ kind: 'history', id, file, timezone: url.searchParams.get('timezone'), body }, signal);
        kept.add(id, file, result.text, result.bytes, result.timezone);
        return result.json;
      });
      send(res, 200, JSON_TYPE, json);
      return;
    }
    if (route === 'POST /api/holidays') {
      const file = cleanFileName(url.searchParams.get('file'), 'holidays.csv');
      // Up to the upload cap like a history, and read off the main thread like one.
      send(res, 200, JSON_TYPE, await upload(req, { small: false, signal }, async (body) => (await parse({ kind: 'holidays', file, body }, signal)).json));
      return;
    }
    if (route === 'POST /api/config') {
      const file = cleanFileName(url.searchParams.get('file'), 'config.json');
      send(res, 200, JSON_TYPE, await upload(req, { small: true, signal }, async (body) => (await parse({ kind: 'config', file, body }, signal)).json));
      return;
    }
    if (route === 'POST /api/plans') {
      const inputs = await upload(req, { small: true, signal }, (body) => planInputs(body, signal));
      sendJson(res, 202, queue.submit(inputs));
      return;
    }
    if (route === 'POST /api/replan') {
      // Small: the re-plan request names a finished plan run and carries the morning's actuals.
      const inputs = await upload(req, { small: true, signal }, async (body) => replanInputs((await parse({ kind: 'replan', body }, signal)).request, queue));
      if (signal.aborted) throw new ClientGoneError();
      sendJson(res, 202, queue.submit(inputs));
      return;
    }
    const job = /^\/api\/plans\/([a-f0-9]{16})$/.exec(url.pathname);
    if (job && req.method === 'GET') {
      const view = queue.get(job[1] as string);
      if (!view) throw notFound('no such plan run (finished runs are kept for the 16 most recent)');
      sendJson(res, 200, view);
      return;
    }
    // Names are keys of the run's in-memory file list (`roster.csv`, `vendors/vendor-a.csv`).
    const file = /^\/api\/plans\/([a-f0-9]{16})\/files\/([A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)?)$/.exec(url.pathname);
    if (file && req.method === 'GET') {
      const found = queue.file(file[1] as string, file[2] as string);
      if (!found) throw notFound('no such file in this plan run');
      send(res, 200, found.type, typeof found.body === 'string' ? found.body : Buffer.from(found.body.buffer, found.body.byteOffset, found.body.byteLength), { 'content-disposition': `attachment; filename="${found.name.replace(/\//g, '-')}"` });
      return;
    }
    throw notFound(`no API route ${route}`);
  }

  const allowedHosts = (hostHeader: string): boolean => {
    // DNS-rebinding guard: a page on another site that resolves its name to
    // 127.0.0.1 sends its own Host header; answer only names of this machine.
    if (!isLoopbackHost(options.host)) return true;
    const name = hostHeader.replace(/:\d+$/, '');
    return isLoopbackHost(name);
  };

  const handler: http.RequestListener = (req, res) => {
    // Aborts when the connection closes before the answer is out: the client has gone.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const run = async (): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      checkHostHeader(req.rawHeaders);
      if (!allowedHosts(req.headers.host ?? '')) {
        throw new HttpError(403, { code: 'forbidden', message: 'this server answers only requests addressed to this machine' });
      }
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (req.method !== 'GET' && origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
          throw new HttpError(403, { code: 'forbidden', message: 'requests from other web sites are refused' });
        }
        await api(req, res, url, gone.signal);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, { code: 'usage', message: `${req.method ?? ''} is not allowed here` });
      }
      const asset = assets.get(url.pathname);
      if (!asset) throw notFound(`no page at ${url.pathname}`);
      send(res, 200, asset.type, asset.body, {
        'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
      });
    };
    run().catch((error: unknown) => {
      if (error instanceof ClientGoneError || gone.signal.aborted) {
        cancelled += 1;
        res.destroy();
        return;
      }
      const httpError = toHttpError(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, httpError);
      // An answer that closes the connection (408: the rest of the body is not waited for): closed even if the client does not.
      if (httpError.headers.connection === 'close') {
        res.once('finish', () => {
          req.socket.end();
          setTimeout(() => req.socket.destroy(), 1000).unref();
        });
      }
    });
  };
  const stop = async (): Promise<void> => {
    loopDelay.disable();
    kept.clear();
    await Promise.all([pool.close(), queue.close()]);
  };
  return { handler, queue, stop };
}

/** Start listening; resolves once the port is bound. */
export function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...partial };
  const { handler, queue, stop } = createApp(options);
  // No overall request timeout: an admitted upload may wait its turn in line unread for
  // longer. Headers must come within headersTimeoutMs, and a body at its pace once it is read (readBody).
  const { headersTimeout, connectionsCheckingInterval, silentMs } = headerTimers(options.headersTimeoutMs);
  const server = http.createServer({ requestTimeout: 0, headersTimeout, connectionsCheckingInterval }, handler);
  // Node's header deadline starts with a request's first byte: a connection that sends nothing
  // at all would stay open for ever. It gets the same deadline from when it opens.
  const spoke = new WeakSet<object>();
  server.prependListener('request', (req: http.IncomingMessage) => spoke.add(req.socket));
  server.on('connection', (socket) => {
    const timer = setTimeout(() => {
      if (spoke.has(socket) || socket.destroyed) return;
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      setTimeout(() => socket.destroy(), 1000).unref();
    }, silentMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${shownHost}:${port}/`,
        port,
        queue,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeAllConnections();
          await Promise.all([closed, stop()]);
        },
      });
    });
  });
}
