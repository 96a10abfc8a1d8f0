/**
 * The `--broker` address: checked, and Redis reached once, before any queue is
 * made, so a wrong address or a stopped server is one line rather than a
 * client retrying for ever.
 */
import { Redis } from 'ioredis';
import { UsageError } from '../domain';

/** The address with any password hidden, for messages. */
export function shownAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS); anything else is a usage error. */
export function checkBrokerUrl(url: string, option = '--broker'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${option} ${JSON.stringify(url)}: expected a Redis address such as redis://127.0.0.1:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`${option} ${shownAddress(url)}: expected a redis:// or rediss:// address, got ${parsed.protocol.replace(/:$/, '')}://`);
  }
  if (parsed.hostname === '') throw new UsageError(`${option} ${shownAddress(url)}: expected a host, as in redis://127.0.0.1:6379`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new UsageError(`${option} ${shownAddress(url)}: expected a database number after the host, got "${db}"`);
  return url;
}

/**
 * Connect once with no retries: resolves when Redis answers PING (and `then`,
 * if given, has run on the connection), else a usage error naming the address
 * and the reason.
 */
export async function checkBrokerReachable<T = void>(url: string, option = '--broker', then?: (client: Redis) => Promise<T>): Promise<T | undefined> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, enableOfflineQueue: false });
  let lastError: NodeJS.ErrnoException | undefined;
  client.on('error', (error: NodeJS.ErrnoException) => (lastError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const e = lastError ?? (error as NodeJS.ErrnoException);
    const reason = e.code ?? e.message.split('\n')[0] ?? 'no answer';
    throw new UsageError(`${option} ${shownAddress(url)}: cannot reach Redis (${reason})`, 'start redis-server there, or check the address, password and firewall');
  }
  try {
    return then ? await then(client) : undefined;
  } finally {
    client.disconnect();
  }
}
