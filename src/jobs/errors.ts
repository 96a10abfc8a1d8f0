/**
 * A job's or a request's failure as the web API answers it: an HTTP status
 * and an ApiError. The web server sends it; a broker's worker sends it back
 * with the failed job, so the page shows the same answer wherever the job ran.
 */
import { ConfigError, InputError, PlannerError } from '../domain';
import type { ApiError } from './types';

/** A request answered with a status other than 2xx, carrying an ApiError. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: ApiError;
  /** Extra response headers, e.g. Retry-After on 503. */
  readonly headers: Record<string, string>;

  constructor(status: number, body: ApiError, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** A bad request (400, `usage`), naming the request field it belongs to. */
export function badRequest(message: string, field?: string): HttpError {
  return new HttpError(400, { code: 'usage', message, ...(field ? { field } : {}) });
}

/** Map any thrown value to an HTTP status and an ApiError (the CLI's one-line message). */
export function toHttpError(error: unknown, field?: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InputError) {
    return new HttpError(400, {
      code: 'input',
      message: error.message,
      where: { ...error.where },
      ...(field ? { field } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  if (error instanceof ConfigError) {
    return new HttpError(400, {
      code: 'config',
      message: error.message,
      path: error.path,
      field: 'config',
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  if (error instanceof PlannerError) {
    const status = error.code === 'infeasible' ? 422 : error.exitCode === 2 ? 400 : 500;
    return new HttpError(status, {
      code: error.code,
      message: error.message,
      ...(field && status === 400 ? { field } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  const message = error instanceof Error ? error.message.split('\n')[0] ?? 'unknown error' : String(error);
  return new HttpError(500, { code: 'internal', message: `${message} (this is a bug in peakshift)` });
}

