/**
 * The local web server behind `peakshift serve`: the page from an in-memory
 * asset map and a small JSON API (README, "The local web page"). Inputs go through the same
 * readers as the CLI; uploads stay in memory; plans run one at a time.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultConfig, parseConfig, type Config } from '../config';
import { parseAgents } from '../io/agents';
import { decodeText } from '../io/encoding';
import { parseHistory } from '../io/history';
import { loadConfigText, parseJsonText } from '../io/config';
import { parseHolidays } from '../io/holidays';
import { summarizeHistory } from '../report/history';
import type { HistoryView, NamedText, PlanRequest, SampleInputs } from './api-types';
import { loadAssets, loadSamples, type AssetMap } from './assets';
import { HttpError, badRequest, notFound, readBody, send, sendError, sendJson, toHttpError } from './http';
import { PlanQueue, type PlanInputs, type PlanRunner } from './queue';
import { parseWebScenarios } from './plan-job';
import { dailyTotals, historyEvents } from './view';
import { workerRunner } from './worker-runner';

export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxUploadBytes: number;
  /** Time limit of one plan run. */
  runTimeoutMs: number;
  /** Plans waiting behind the running one before new ones get 503. */
  maxQueued: number;
  assets?: AssetMap;
  samples?: SampleInputs;
  runner?: PlanRunner;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  host: '127.0.0.1',
  port: 4173,
  maxUploadBytes: 20 * 1024 * 1024,
  runTimeoutMs: 300_000,
  maxQueued: 20,
};

export interface RunningServer {
  url: string;
  port: number;
  queue: PlanQueue;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Uploaded histories, in memory, oldest dropped first past the caps. */
class UploadStore {
  private readonly items = new Map<string, NamedText & { bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxBytes: number,
  ) {}

  add(input: NamedText): { id: string; bytes: number } {
    const id = randomUUID().replace(/-/g, '').slice(0, 16);
    const bytes = Buffer.byteLength(input.text, 'utf8');
    this.items.set(id, { ...input, bytes });
    this.bytes += bytes;
    for (const [oldId, item] of this.items) {
      if (this.items.size <= this.maxItems && this.bytes <= this.maxBytes) break;
      if (oldId === id) break;
      this.items.delete(oldId);
      this.bytes -= item.bytes;
    }
    return { id, bytes };
  }

  get(id: string): NamedText | undefined {
    return this.items.get(id);
  }
}

/** A safe file name for messages: the base name, printable characters only. */
export function cleanFileName(raw: string | null | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^\p{L}\p{N}._ -]/gu, '').trim().slice(0, 100);
  return clean === '' || /^\.+$/.test(clean) ? fallback : clean;
}

function decodeUtf8(body: Buffer): string {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function timezoneFrom(url: URL): string {
  const zone = url.searchParams.get('timezone');
  // Validated by the config reader, so a bad zone gets the CLI's message.
  return parseConfig(zone === null ? {} : { timezone: zone }).timezone;
}

function namedText(value: unknown, field: string): NamedText | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as { file?: unknown; text?: unknown };
  if (typeof v !== 'object' || typeof v.text !== 'string') {
    throw badRequest(`${field}: expected {"file": "name.csv", "text": "..."}`, field);
  }
  return { file: cleanFileName(typeof v.file === 'string' ? v.file : undefined, field), text: v.text };
}

export function createApp(options: ServerOptions): { handler: http.RequestListener; queue: PlanQueue } {
  const assets = options.assets ?? loadAssets();
  const samples = options.samples ?? loadSamples();
  const uploads = new UploadStore(32, Math.max(256 * 1024 * 1024, options.maxUploadBytes * 4));
  const queue = new PlanQueue(options.runner ?? workerRunner, {
    maxQueued: options.maxQueued,
    timeoutMs: options.runTimeoutMs,
    keepFinished: 16,
  });

  function historyView(input: NamedText, timezone: string): HistoryView {
    const history = parseHistory(input.text, input.file, { timezone });
    const { id, bytes } = uploads.add(input);
    return { id, file: input.file, bytes, summary: summarizeHistory(history), daily: dailyTotals(history), events: historyEvents(history, defaultConfig()) };
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /api/health') {
      const memory = process.memoryUsage();
      sendJson(res, 200, { ok: true, pending: queue.pending, memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed } });
      return;
    }
    if (route === 'GET /api/sample') {
      sendJson(res, 200, samples);
      return;
    }
    if (route === 'POST /api/history') {
      const body = await readBody(req, options.maxUploadBytes);
      const file = cleanFileName(url.searchParams.get('file'), 'history.csv');
      try {
        // The CLI's encoding detection: UTF-16 with a BOM, GB18030, and named refusals.
        sendJson(res, 200, historyView({ file, text: decodeText(body, file).text }, timezoneFrom(url)));
      } catch (error) {
        throw toHttpError(error, 'history');
      }
      return;
    }
    if (route === 'POST /api/holidays') {
      const body = await readBody(req, options.maxUploadBytes);
      const file = cleanFileName(url.searchParams.get('file'), 'holidays.csv');
      try {
        sendJson(res, 200, { holidays: parseHolidays(decodeUtf8(body), file) });
      } catch (error) {
        throw toHttpError(error, 'config');
      }
      return;
    }
    if (route === 'POST /api/config') {
      const body = await readBody(req, options.maxUploadBytes);
      const file = cleanFileName(url.searchParams.get('file'), 'config.json');
      try {
        sendJson(res, 200, { config: loadConfigText(decodeUtf8(body), file) });
      } catch (error) {
        throw toHttpError(error, 'config');
      }
      return;
    }
    if (route === 'POST /api/plans') {
      const body = await readBody(req, options.maxUploadBytes);
      const request = parseJsonText(decodeUtf8(body), 'request') as PlanRequest;
      if (typeof request !== 'object' || request === null) throw badRequest('expected a JSON object');
      let history = namedText(request.history, 'history');
      if (!history && typeof request.historyId === 'string') {
        history = uploads.get(request.historyId);
        if (!history) throw new HttpError(404, { code: 'not-found', field: 'history', message: 'the uploaded history is no longer on the server; upload it again' });
      }
      if (!history) throw badRequest('expected historyId or history', 'history');
      const config = namedText(request.config, 'config');
      if (!config) throw badRequest('expected config: {"file": "config.json", "text": "{...}"}', 'config');
      const agents = namedText(request.agents, 'agents');
      const scenarios = namedText(request.scenarios, 'scenarios');
      // Refuse bad inputs now, with the CLI's messages, rather than after waiting in the queue.
      let parsedConfig: Config;
      try {
        parsedConfig = loadConfigText(config.text, config.file);
      } catch (error) {
        throw toHttpError(error, 'config');
      }
      try {
        parseHistory(history.text, history.file, { timezone: parsedConfig.timezone });
      } catch (error) {
        throw toHttpError(error, 'history');
      }
      if (agents) {
        try {
          parseAgents(agents.text, agents.file, parsedConfig);
        } catch (error) {
          throw toHttpError(error, 'agents');
        }
      }
      if (scenarios) {
        try {
          parseWebScenarios(scenarios, history.file);
        } catch (error) {
          throw toHttpError(error, 'scenarios');
        }
      }
      const inputs: PlanInputs = { history, config, ...(agents ? { agents } : {}), ...(scenarios ? { scenarios } : {}) };
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
      send(res, 200, found.type, found.body, { 'content-disposition': `attachment; filename="${found.name.replace(/\//g, '-')}"` });
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
  return { handler, queue };
}

/** Start listening; resolves once the port is bound. */
export function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...partial };
  const { handler, queue } = createApp(options);
  const server = http.createServer({ requestTimeout: 120_000, headersTimeout: 30_000 }, handler);
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
