/**
 * Small HTTP helpers for the local server: capped body reading (a body over
 * the cap is refused without being kept), JSON answers and error answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../jobs/errors';

export { HttpError, badRequest, toHttpError } from '../jobs/errors';

/** A safe file name for messages: the base name, printable characters only. */
export function cleanFileName(raw: string | null | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^\p{L}\p{N}._ -]/gu, '').trim().slice(0, 100);
  return clean === '' || /^\.+$/.test(clean) ? fallback : clean;
}

export function tooLarge(limitBytes: number): HttpError {
  const mb = limitBytes / (1024 * 1024);
  return new HttpError(413, {
    code: 'too-large',
    message: `the upload is larger than the limit of ${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`,
    hint: 'split the history or start the server with a larger --max-upload-mb',
  });
}

export function notFound(message: string): HttpError {
  return new HttpError(404, { code: 'not-found', message });
}

/**
 * How fast a body must come once it is being read: its first byte within
 * `graceMs`, then on average at least `minBytesPerSecond` counted from that
 * first byte after the same grace (a body of N bytes is due `graceMs` +
 * N / minBytesPerSecond after its first byte). A client that stalls is dropped
 * with 408 at once, so it never holds a reading place another upload needs.
 */
export interface BodyPace {
  graceMs: number;
  minBytesPerSecond: number;
}

/** 2 s, then 64 KB/s: a 20 MB upload has 5 min 22 s; a client that sends 20 bytes and stops is dropped after 2 s. */
export const DEFAULT_BODY_PACE: BodyPace = { graceMs: 2_000, minBytesPerSecond: 64 * 1024 };

/** The client went away before its request was answered: nothing more is done for it, and no answer is sent. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client went away before its request was answered');
    this.name = 'ClientGoneError';
  }
}

function rateText(bytesPerSecond: number): string {
  return bytesPerSecond >= 1024 ? `${Math.round(bytesPerSecond / 1024)} KB/s` : `${Math.round(bytesPerSecond)} bytes/s`;
}

export interface ReadOptions {
  pace?: BodyPace;
  /** Aborts when the client has gone: the read stops and rejects with ClientGoneError. */
  signal?: AbortSignal;
}

/**
 * Read a request body up to `limitBytes`, as the chunks that came (joined and
 * decoded by whoever needs the text: a parse worker, off the main thread). A declared Content-Length over the cap is refused before any
 * byte is kept; a body that grows past the cap while streaming is refused at
 * that point. Either way the rest of the body is drained and dropped (never
 * kept), and the 413 is answered only once the client has sent it all: a
 * client that sends `Connection: close` (Python's urllib) reads nothing until
 * it has written its whole body, and a server that answers and closes earlier
 * resets its connection (a broken pipe instead of the 413). Keep-alive clients
 * get the same order. A body slower than its pace (BodyPace) is refused with
 * 408 and its connection closed once the answer is out.
 *
 * The chunks stay outside the JavaScript heap; decoded in one go they make one
 * string, which V8 places in its large-object space: no churn of small strings
 * for the collector, and the text goes back to the system once collected.
 */
export function readBody(req: IncomingMessage, limitBytes: number, options: ReadOptions = {}): Promise<Buffer[]> {
  const { pace = DEFAULT_BODY_PACE, signal } = options;
  return new Promise((resolve, reject) => {
    if (req.destroyed || req.socket.destroyed || signal?.aborted) {
      reject(new ClientGoneError());
      return;
    }
    const refuse = (): void => discard(req, () => reject(tooLarge(limitBytes)));
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limitBytes) {
      refuse();
      return;
    }
    let parts: Buffer[] = [];
    let received = 0;
    let settled = false;
    const startedMs = Date.now();
    let firstByteMs: number | undefined;
    // The time the bytes received so far are good for; past it the body is too slow.
    const dueMs = (): number => (firstByteMs === undefined ? startedMs + pace.graceMs : firstByteMs + pace.graceMs + (received * 1000) / pace.minBytesPerSecond);
    const stop = (): void => {
      settled = true;
      parts = [];
      clearTimeout(timer);
      req.off('data', onData);
      signal?.removeEventListener('abort', onGone);
    };
    const onData = (chunk: Buffer): void => {
      if (settled) return;
      firstByteMs ??= Date.now();
      received += chunk.length;
      if (received > limitBytes) {
        stop();
        refuse();
        return;
      }
      parts.push(chunk);
    };
    const check = (): void => {
      if (settled) return;
      const now = Date.now();
      const due = dueMs();
      if (now < due) {
        timer = setTimeout(check, due - now + 1);
        timer.unref();
        return;
      }
      stop();
      const seconds = (now - (firstByteMs ?? startedMs)) / 1000;
      const message =
        firstByteMs === undefined
          ? `the upload sent no body within ${pace.graceMs / 1000} s`
          : `the upload came too slowly: ${received.toLocaleString('en-US')} bytes in ${seconds.toFixed(1)} s, below ${rateText(pace.minBytesPerSecond)} after its first ${pace.graceMs / 1000} s`;
      // Answered, then the connection is closed: the rest of the body is never waited for.
      reject(new HttpError(408, { code: 'timeout', message, hint: 'send it again from a steady connection' }, { connection: 'close' }));
    };
    let timer = setTimeout(check, pace.graceMs);
    timer.unref();
    const onGone = (): void => {
      if (settled) return;
      stop();
      reject(new ClientGoneError());
    };
    signal?.addEventListener('abort', onGone);
    req.on('data', onData);
    req.on('end', () => {
      if (settled) return;
      const body = parts;
      stop();
      resolve(body);
    });
    req.on('error', () => onGone());
    // A client gone before the end of its body: settle, so its place in the parse pool is given back.
    req.on('close', () => {
      if (!req.complete) onGone();
    });
  });
}

/**
 * Bytes of a refused body read and dropped so the client, still sending, gets
 * the 413 instead of a reset connection; past this the connection is cut.
 */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Let the rest of a refused body flow to nowhere (never kept), up to the drain
 * limit; `done` runs once it has all arrived (or the connection is gone).
 */
export function discard(req: IncomingMessage, done: () => void = () => undefined): void {
  let drained = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    done();
  };
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.on('end', finish);
  req.on('close', finish);
  req.on('error', finish);
  if (req.readableEnded) finish();
  req.resume();
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(payload);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function sendError(res: ServerResponse, error: HttpError): void {
  send(res, error.status, 'application/json; charset=utf-8', JSON.stringify({ error: error.body }), error.headers);
}
