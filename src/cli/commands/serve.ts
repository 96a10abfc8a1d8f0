/** `peakshift serve`: the local web page (src/web). Runs until Ctrl-C or SIGTERM, then stops within moments. */
import { spawn } from 'node:child_process';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { defaultParseWorkers, isLoopbackHost, startServer } from '../../web/server';
import { optionalNumberOption, parseNumberOption } from '../options';
import { info, print, warn } from '../output';
import { linkReporter, loadQueue } from '../queue';
import { resolveLang } from '../lang';
import { stopSignal } from '../signals';

interface ServeArgs {
  host: string;
  port: number;
  open?: boolean;
  maxUploadMb: number;
  runTimeout: number;
  maxQueued: number;
  parseWorkers: number;
  maxWaitingUploads: number;
  historyTtl: number;
  historyCacheMb: number;
  broker?: string;
  queueName: string;
  attempts: unknown;
  maxRunning?: unknown;
}

export const command = 'serve';
export const describe = 'Start the local web page: upload a history, set pools and ratio, run plans, download rosters';

export function builder(yargs: Argv): Argv<ServeArgs> {
  return yargs
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on; anything but loopback exposes the page to your network' })
    .option('port', { type: 'number', default: 4173, describe: 'Port to listen on (0 picks a free one)' })
    .option('open', { type: 'boolean', describe: 'Open the page in the default browser' })
    .option('max-upload-mb', { type: 'number', default: 20, describe: 'Largest accepted upload, in MB (bigger ones get 413)' })
    .option('run-timeout', { type: 'number', default: 300, describe: 'Time limit of one plan run, in seconds' })
    .option('max-queued', { type: 'number', default: 20, describe: 'Plans that may wait behind the running one' })
    .option('parse-workers', { type: 'number', default: defaultParseWorkers(), describe: 'Uploads read at the same time, each in its own thread (default: CPUs - 1, 1 to 4)' })
    .option('max-waiting-uploads', { type: 'number', default: 64, describe: 'Uploads that may wait in line for a reader (unread); more get 503 with Retry-After' })
    .option('history-ttl', { type: 'number', default: 1800, describe: 'Seconds an uploaded history is kept after its last use' })
    .option('history-cache-mb', { type: 'number', default: 128, describe: 'MB of uploaded histories kept at most (least recently used dropped first)' })
    .example('$0 serve --port 4173 --open', 'the web page on http://127.0.0.1:4173')
    .option('broker', { type: 'string', describe: 'Send plans to `peakshift worker` processes through this Redis job broker (redis://host:6379) instead of running them here' })
    .option('queue-name', { type: 'string', default: 'peakshift', describe: 'With --broker: the workers\' queue' })
    .option('attempts', { type: 'number', default: 3, describe: 'With --broker: tries per plan before its error is shown' })
    .option('max-running', { type: 'number', describe: 'Plans run at once (default 1; with --broker 4): more need --broker' }) as unknown as Argv<ServeArgs>;
}

function check(args: ServeArgs): void {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new UsageError(`--port: expected a whole number from 0 to 65535, got ${String(args.port)}`);
  }
  if (!Number.isFinite(args.maxUploadMb) || args.maxUploadMb <= 0) {
    throw new UsageError(`--max-upload-mb: expected a positive number, got ${String(args.maxUploadMb)}`);
  }
  if (!Number.isFinite(args.runTimeout) || args.runTimeout <= 0) {
    throw new UsageError(`--run-timeout: expected a positive number of seconds, got ${String(args.runTimeout)}`);
  }
  if (!Number.isInteger(args.maxQueued) || args.maxQueued < 0) {
    throw new UsageError(`--max-queued: expected a whole number >= 0, got ${String(args.maxQueued)}`);
  }
  if (!Number.isInteger(args.parseWorkers) || args.parseWorkers < 1 || args.parseWorkers > 64) {
    throw new UsageError(`--parse-workers: expected a whole number from 1 to 64, got ${String(args.parseWorkers)}`);
  }
  if (!Number.isInteger(args.maxWaitingUploads) || args.maxWaitingUploads < 0) {
    throw new UsageError(`--max-waiting-uploads: expected a whole number >= 0, got ${String(args.maxWaitingUploads)}`);
  }
  if (!Number.isFinite(args.historyTtl) || args.historyTtl <= 0) {
    throw new UsageError(`--history-ttl: expected a positive number of seconds, got ${String(args.historyTtl)}`);
  }
  if (!Number.isFinite(args.historyCacheMb) || args.historyCacheMb < args.maxUploadMb) {
    throw new UsageError(`--history-cache-mb: expected a number of MB >= --max-upload-mb (${String(args.maxUploadMb)}), got ${String(args.historyCacheMb)}`);
  }
  if (args.host.trim() === '') throw new UsageError('--host: expected an address such as 127.0.0.1');
}

function openBrowser(url: string): void {
  const [cmd, ...rest] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  try {
    const child = spawn(cmd as string, rest, { stdio: 'ignore', detached: true });
    child.on('error', () => warn(`could not open a browser; open ${url} yourself`));
    child.unref();
  } catch {
    warn(`could not open a browser; open ${url} yourself`);
  }
}

export async function handler(args: ArgumentsCamelCase<ServeArgs>): Promise<void> {
  check(args);
  const attempts = parseNumberOption('attempts', args.attempts, { expected: 'a whole number from 1 to 20', integer: true, min: 1, max: 20 });
  const maxRunning = optionalNumberOption('max-running', args.maxRunning, { expected: 'a whole number from 1 to 64', integer: true, min: 1, max: 64 }) ?? (args.broker === undefined ? 1 : 4);
  if (maxRunning > 1 && args.broker === undefined) throw new UsageError(`--max-running ${maxRunning}: more than one plan at once needs --broker (plans run on this machine one at a time)`);
  // The queue code (and Redis) only when asked for.
  const broker = args.broker === undefined ? undefined : await loadQueue().Broker.connect({ url: args.broker, queueName: args.queueName, attempts, onLink: linkReporter(resolveLang(undefined, undefined)) });
  if (!isLoopbackHost(args.host)) {
    warn(`listening on ${args.host}: anyone who can reach this address can upload data and run plans; use --host 127.0.0.1 to keep the page on this machine`);
  }
  let server;
  try {
    server = await startServer({
      host: args.host,
      port: args.port,
      maxUploadBytes: Math.round(args.maxUploadMb * 1024 * 1024),
      runTimeoutMs: Math.round(args.runTimeout * 1000),
      maxQueued: args.maxQueued,
      parseWorkers: args.parseWorkers,
      maxWaitingUploads: args.maxWaitingUploads,
      historyTtlMs: Math.round(args.historyTtl * 1000),
      historyCacheBytes: Math.round(args.historyCacheMb * 1024 * 1024),
      maxRunning,
      ...(broker ? { runner: broker.planRunner } : {}),
    });
  } catch (error) {
    await broker?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${args.port}: the port is in use; pick another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--host ${args.host}: not an address of this machine`);
    throw error;
  }
  print(`peakshift is serving ${server.url}`);
  if (broker && args.broker !== undefined) info(`plans go to the workers of ${loadQueue().shownAddress(args.broker)} (queue ${args.queueName}), ${maxRunning} at a time`);
  info('press Ctrl-C to stop');
  if (args.open) openBrowser(server.url);
  const stop = await stopSignal();
  await server.close();
  await broker?.close();
  stop.done();
}
