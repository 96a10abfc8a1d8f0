/**
 * Small HTTP helpers for the local server: capped body reading (a body over
 * the cap is refused without being kept), JSON answers and error answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeText } from '../io/encoding';
import { HttpError } from '../jobs/errors';

export { HttpError, toHttpError } from '../jobs/errors';

export function tooLarge(limitBytes: number): HttpError {
  const mb = limitBytes / (1024 * 1024);
  return new HttpError(413, {
    code: 'too-large',
    message: `the upload is larger than the limit of ${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`,
    hint: 'split the history or start the server with a larger --max-upload-mb',
  });
}

export function badRequest(message: string, field?: string): HttpError {
  return new HttpError(400, { code: 'usage', message, ...(field ? { field } : {}) });
}

export function notFound(message: string): HttpError {
  return new HttpError(404, { code: 'not-found', message });
}

/**
 * Read a request body up to `limitBytes` as UTF-8 text (a leading byte-order
 * mark dropped). A declared Content-Length over the cap is refused before any
 * byte is kept; a body that grows past the cap while streaming is refused at
 * that point. Either way the rest of the body is drained and dropped (never
 * kept), and the 413 is answered only once the client has sent it all: a
 * client that sends `Connection: close` (Python's urllib) reads nothing until
 * it has written its whole body, and a server that answers and closes earlier
 * resets its connection (a broken pipe instead of the 413). Keep-alive clients
 * get the same order.
 *
 * The chunks stay outside the JavaScript heap until the body is complete and
 * are then decoded in one go into one string, which V8 places in its
 * large-object space: no churn of small strings for the main thread's
 * collector, and the text goes back to the system as soon as it is collected.
 */
/** Time to receive a body once it is being read (the server's own request timeout is off, see server.ts). */
const BODY_TIMEOUT_MS = 120_000;

export function readText(req: IncomingMessage, limitBytes: number, file = 'upload'): Promise<string> {
  return new Promise((resolve, reject) => {
    if (req.destroyed || req.socket.destroyed) {
      reject(new Error('the request was cut off before its end'));
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
    let refused = false;
    const onData = (chunk: Buffer): void => {
      if (refused) return;
      received += chunk.length;
      if (received > limitBytes) {
        refused = true;
        parts = [];
        req.off('data', onData);
        refuse();
        return;
      }
      parts.push(chunk);
    };
    // The time limit for the body runs from when it is read, not from when the request
    // came in: an upload may first wait its turn in line, unread.
    const timer = setTimeout(() => {
      if (refused) return;
      refused = true;
      parts = [];
      req.off('data', onData);
      reject(new HttpError(408, { code: 'timeout', message: `the upload did not arrive within ${BODY_TIMEOUT_MS / 1000} s` }));
      req.socket.destroy();
    }, BODY_TIMEOUT_MS);
    timer.unref();
    req.on('data', onData);
    req.on('end', () => {
      clearTimeout(timer);
      if (refused) return;
      const bytes = Buffer.concat(parts, received);
      parts = [];
      // The CLI's decoding: UTF-8 (a byte-order mark dropped), UTF-16 with a BOM, GB18030, named refusals.
      try {
        resolve(decodeText(bytes, file).text);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', (error) => {
      if (!refused) reject(error);
    });
    // A client gone before the end of its body: settle, so its place in the parse pool is given back.
    req.on('close', () => {
      clearTimeout(timer);
      if (!refused) reject(new Error('the request was cut off before its end'));
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
