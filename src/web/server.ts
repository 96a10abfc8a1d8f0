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
import { parseHolidays } from '../io/holidays';
import { HistoryStore } from './history-store';
import { releaseMemory } from './memory';
import { HttpError, discard, notFound, readText, send, sendError, sendJson, toHttpError } from './http';
import { ParsePool } from './parse-pool';
import { PlanQueue, type PlanInputs, type PlanRunner } from './queue';
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
};

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

  /**
   * Admit an upload to the parse pool (or refuse it with 503 before its body
   * is read, dropping the body), read its body, run `work`.
   */
  async function upload<T>(req: http.IncomingMessage, small: boolean, work: (text: string) => Promise<T>, file = 'upload'): Promise<T> {
    let release: () => void;
    try {
      release = pool.admit(small);
    } catch (error) {
      discard(req);
      throw error;
    }
    try {
      // A history waits its turn unread; a small request is read at once.
      const done = small ? undefined : await pool.readTurn();
      try {
        return await work(await readText(req, options.maxUploadBytes, file));
      } finally {
        done?.();
      }
    } finally {
      release();
    }
  }

  const parse = async <K extends UploadTask['kind']>(task: UploadTask & { kind: K }): Promise<Extract<UploadResult, { kind: K }>> =>
    (await pool.run(task)) as Extract<UploadResult, { kind: K }>;

  /** The inputs of a plan request, every one read without error. */
  async function planInputs(text: string): Promise<PlanInputs> {
    const { request } = await parse({ kind: 'plan', text });
    let history = request.history;
    if (!history) {
      const upload = kept.get(request.historyId as string);
      if (!upload) throw new HttpError(404, { code: 'not-found', field: 'history', message: 'the uploaded history is no longer on the server; upload it again' });
      // Uploaded for another time zone than the config's: read it again in the config's.
      if (upload.timezone !== request.timezone) await parse({ kind: 'history-check', file: upload.file, timezone: request.timezone, text: upload.text });
      history = { file: upload.file, text: upload.text };
    }
    const { config, agents, scenarios, design, capacity, strict } = request;
    return { history, config, ...(agents ? { agents } : {}), ...(scenarios ? { scenarios } : {}), ...(design ? { design } : {}), ...(capacity ? { capacity } : {}), ...(strict ? { strict } : {}) };
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /api/health') {
      const memory = process.memoryUsage();
      sendJson(res, 200, {
        ok: true,
        pending: queue.pending,
        uploads: { inFlight: pool.inFlight, parseThreads: pool.threads },
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
      const json = await upload(req, false, async (text) => {
        const id = newId();
        const result = await parse({ kind: 'history', id, file, timezone: url.searchParams.get('timezone'), text });
        kept.add(id, file, text, result.bytes, result.timezone);
        return result.json;
      }, file);
      send(res, 200, JSON_TYPE, json);
      return;
    }
    if (route === 'POST /api/holidays') {
      const file = cleanFileName(url.searchParams.get('file'), 'holidays.csv');
      // A holiday list is small: read on the main thread like a config's checks.
      const holidays = await upload(req, true, async (text) => {
        try {
          return parseHolidays(text, file);
        } catch (error) {
          throw toHttpError(error, 'config');
        }
      }, file);
      sendJson(res, 200, { holidays });
      return;
    }
    if (route === 'POST /api/config') {
      const file = cleanFileName(url.searchParams.get('file'), 'config.json');
      send(res, 200, JSON_TYPE, await upload(req, true, async (text) => (await parse({ kind: 'config', file, text })).json, file));
      return;
    }
    if (route === 'POST /api/plans') {
      const inputs = await upload(req, true, planInputs, 'request');
      sendJson(res, 202, queue.submit(inputs));
      return;
    }
    if (route === 'POST /api/replan') {
      // Small: the re-plan request names a finished plan run and carries the morning's actuals.
      const inputs = await upload(req, true, async (text) => replanInputs(text, queue));
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
    const run = async (): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!allowedHosts(req.headers.host ?? '')) {
        throw new HttpError(403, { code: 'forbidden', message: 'this server answers only requests addressed to this machine' });
      }
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (req.method !== 'GET' && origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
          throw new HttpError(403, { code: 'forbidden', message: 'requests from other web sites are refused' });
        }
        await api(req, res, url);
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
      const httpError = toHttpError(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, httpError);
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
  // longer. Headers must come within 30 s, and a body within 120 s once it is read (readText).
  const server = http.createServer({ requestTimeout: 0, headersTimeout: 30_000 }, handler);
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
