/**
 * `peakshift worker`: takes plan and what-if jobs from the broker's queue and
 * runs each in a child process of its own (processor.ts), `concurrency` at a
 * time. The worker's own loop only keeps the jobs' locks fresh: when a worker
 * dies, its jobs' locks lapse and another worker takes them up (stalled-job
 * recovery), so no job is lost.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'bullmq';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './codec';
import { connectionOptions, DEFAULT_QUEUE_NAME, KEY_PREFIX } from './broker';
import { checkBrokerReachable, checkBrokerUrl } from './connection';
import { BrokerLink, type LinkEvent } from './link';
import { failureText, MAX_RESULT_ENV, type BrokerJobData } from './protocol';

export interface WorkerOptions {
  url: string;
  queueName?: string;
  /** Jobs run at once, each in its own process (default 1). */
  concurrency?: number;
  /** Limit of one compressed result (default 64 MB). */
  maxResultBytes?: number;
  /** How long a job's lock lasts without renewal, and how often stalled jobs are looked for (default 30 s). */
  lockSeconds?: number;
  onEvent?: (event: { kind: 'start' | 'done' | 'failed'; label: string; detail?: string }) => void;
  /** Told when Redis stops answering and when it answers again (link.ts). */
  onLink?: (event: LinkEvent) => void;
}

export interface RunningWorker {
  /**
   * Take no new jobs and end the running ones' processes at once: their locks
   * lapse and another worker runs them again (stalled-job recovery).
   */
  close(): Promise<void>;
}

/** The processor module and how to load it: the compiled .js, or the .ts through tsx when running from sources. */
function processorEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) {
    return { file: path.join(__dirname, 'processor.ts'), execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href] };
  }
  return { file: path.join(__dirname, 'processor.js'), execArgv: [] };
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  checkBrokerUrl(options.url);
  await checkBrokerReachable(options.url);
  const entry = processorEntry();
  const lockMs = Math.round((options.lockSeconds ?? 30) * 1000);
  const worker = new Worker<BrokerJobData, string>(options.queueName ?? DEFAULT_QUEUE_NAME, entry.file, {
    connection: connectionOptions(options.url),
    prefix: KEY_PREFIX,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    useWorkerThreads: false,
    workerForkOptions: {
      execArgv: entry.execArgv,
      env: { ...process.env, [MAX_RESULT_ENV]: String(options.maxResultBytes ?? DEFAULT_MAX_PAYLOAD_BYTES) },
    },
  });
  const onEvent = options.onEvent;
  if (onEvent) {
    worker.on('active', (job) => onEvent({ kind: 'start', label: job.data.label }));
    worker.on('completed', (job) => onEvent({ kind: 'done', label: job.data.label }));
    worker.on('failed', (job, error) => onEvent({ kind: 'failed', label: job?.data.label ?? '?', detail: failureText(error.message) }));
  }
  // Connection trouble is retried by the client; the worker keeps going once Redis is back, and says so.
  const link = new BrokerLink(options.url, options.onLink);
  worker.on('error', link.error);
  await worker.waitUntilReady();
  return {
    close: async () => {
      link.close();
      await worker.close(true);
    },
  };
}
