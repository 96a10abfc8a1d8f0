/**
 * How job inputs and results travel through Redis: V8's structured-clone
 * format (what worker threads use, so a number, an undefined field or a NaN
 * comes back exactly as the local run has it), deflated, as base64 text.
 * A payload over the size limit is refused with the job it belongs to, rather
 * than filling the broker's memory.
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PlannerError } from '../domain';

/** Default limit of one compressed payload: 64 MB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? mb.toFixed(0) : mb >= 0.01 ? mb.toFixed(2) : mb.toPrecision(2)} MB`;
}

/** A payload bigger than the limit; exit 2, since the limit is an option. */
export class PayloadTooLargeError extends PlannerError {
  constructor(what: string, bytes: number, limitBytes: number, option: string) {
    super('usage', `${what} is ${megabytes(bytes)} compressed, over the limit of ${megabytes(limitBytes)}`, 2, `raise ${option}`);
    this.name = 'PayloadTooLargeError';
  }
}

/** `value` as compressed text; throws PayloadTooLargeError naming `what` when over `limitBytes`. */
export function encodePayload(value: unknown, what: string, limitBytes: number, option: string): string {
  const packed = deflateRawSync(serialize(value), { level: 6 });
  if (packed.length > limitBytes) throw new PayloadTooLargeError(what, packed.length, limitBytes, option);
  return packed.toString('base64');
}

export function decodePayload<T>(text: string): T {
  return deserialize(inflateRawSync(Buffer.from(text, 'base64'))) as T;
}
