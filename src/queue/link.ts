/**
 * The broker's connection as people see it. BullMQ's Redis clients retry on
 * their own while Redis is away, and report each failed try as an `error`
 * event; left alone those end up on stderr as one stack trace per try. Every
 * client's errors come here instead, and become one line per change of state:
 * `unreachable` when Redis stops answering, `back` once it answers again (a
 * client of this module's own asks every half second meanwhile). Other Redis
 * errors are told once each, by their first line.
 */
import { Redis } from 'ioredis';

export type LinkEvent = { kind: 'unreachable'; reason: string } | { kind: 'back' } | { kind: 'error'; message: string };

/** Errors of a connection that failed or was lost, as Node and ioredis name them. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENETDOWN']);

function isConnectionError(error: NodeJS.ErrnoException): boolean {
  return (error.code !== undefined && CONNECTION_CODES.has(error.code)) || /^(Connection is closed|connect ETIMEDOUT|Stream isn't writeable|Socket closed unexpectedly)/.test(error.message);
}

export class BrokerLink {
  private down = false;
  private probe: Redis | undefined;
  private lastError = '';
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onEvent: (event: LinkEvent) => void = () => undefined,
  ) {}

  /** The `error` listener of every queue, events and worker object of the broker. */
  readonly error = (thrown: unknown): void => {
    if (this.closed) return;
    // Duck-typed: an error made in another realm (a test sandbox) is not `instanceof Error` here.
    const error: NodeJS.ErrnoException = thrown !== null && typeof thrown === 'object' && typeof (thrown as Error).message === 'string' ? (thrown as NodeJS.ErrnoException) : new Error(String(thrown));
    if (isConnectionError(error)) {
      if (this.down) return;
      this.down = true;
      this.onEvent({ kind: 'unreachable', reason: error.code ?? (error.message.split('\n')[0] as string) });
      this.watch();
      return;
    }
    // Anything else while Redis is away is the outage again.
    if (this.down) return;
    const message = error.message.split('\n')[0] ?? 'unknown error';
    if (message === this.lastError) return;
    this.lastError = message;
    this.onEvent({ kind: 'error', message });
  };

  private watch(): void {
    const probe = new Redis(this.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 5000, retryStrategy: () => 500 });
    this.probe = probe;
    probe.on('error', () => undefined);
    // `ready`: connected and past Redis's loading of its data, so the queue's clients can work again.
    probe.once('ready', () => {
      probe.disconnect();
      if (this.probe === probe) this.probe = undefined;
      if (this.closed) return;
      this.down = false;
      this.lastError = '';
      this.onEvent({ kind: 'back' });
    });
  }

  close(): void {
    this.closed = true;
    this.probe?.disconnect();
    this.probe = undefined;
  }
}
