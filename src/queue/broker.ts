/**
 * The submitting side of the job broker (BullMQ on Redis): what-if scenarios
 * and web plan runs become jobs of one queue, `peakshift worker` processes
 * anywhere take them, and results come back through Redis. Plugs into the
 * what-if runner as its pool and into the web server as its PlanRunner, so the
 * pipeline is the same whichever machine runs it.
 */
import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents, type JobsOptions } from 'bullmq';
import type { ScenarioJob, ScenarioJobOutput } from '../scenario/job';
import type { ScenarioPool } from '../scenario/runner';
import { HttpError, type JobProgress, type PlanInputs, type PlanOutput, type PlanRunner, type ProgressFn } from '../jobs';
import { decodePayload, DEFAULT_MAX_PAYLOAD_BYTES, encodePayload } from './codec';
import { checkBrokerReachable, checkBrokerUrl } from './connection';
import { BrokerLink, type LinkEvent } from './link';
import { failedJobError, failedPlanError, type BrokerJobData, type BrokerJobKind } from './protocol';

export const DEFAULT_QUEUE_NAME = 'peakshift';
/** BullMQ's own key prefix, named so the events stream's key is known before the queue exists. */
export const KEY_PREFIX = 'bull';

export interface BrokerOptions {
  /** `redis://[user:password@]host[:port][/db]`. */
  url: string;
  /** Queue name; workers must use the same (default `peakshift`). */
  queueName?: string;
  /** Tries per job before its error is reported (default 3). */
  attempts?: number;
  /** Limit of one compressed job input (default 64 MB). */
  maxInputBytes?: number;
  /** Seconds between checks of jobs whose events may have been missed (default 5). */
  pollSeconds?: number;
  /** Told when Redis stops answering and when it answers again (link.ts); its clients retry meanwhile. */
  onLink?: (event: LinkEvent) => void;
}

interface Watcher {
  label: string;
  completed(returnvalue: string): void;
  failed(error: { reason: string; attempts: number }): void;
  progress?(data: unknown): void;
}

/**
 * Redis connection options every client of the queue uses: BullMQ needs
 * unlimited retries per request on blocking clients; a lost connection is tried
 * again after 0.5 s, 1 s, 1.5 s, ... at most 5 s apart (BullMQ's own waits grow
 * to 20 s), so work goes on within 5 s of Redis coming back.
 */
export function connectionOptions(url: string): { url: string; maxRetriesPerRequest: null; retryStrategy: (times: number) => number } {
  return { url, maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(500 * times, 5000) };
}

export class Broker {
  private readonly watchers = new Map<string, Watcher>();
  private readonly poll: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly queue: Queue<BrokerJobData, string>,
    private readonly events: QueueEvents,
    private readonly link: BrokerLink,
    private readonly options: Required<Omit<BrokerOptions, 'url' | 'queueName' | 'onLink'>>,
  ) {
    events.on('completed', ({ jobId }) => void this.settle(jobId));
    events.on('failed', ({ jobId }) => void this.settle(jobId));
    events.on('progress', ({ jobId, data }) => this.watchers.get(jobId)?.progress?.(data));
    // Events are a capped stream: a check now and then finds a job whose event went by unseen.
    this.poll = setInterval(() => void this.sweep(), this.options.pollSeconds * 1000);
    this.poll.unref();
  }

  static async connect(options: BrokerOptions): Promise<Broker> {
    checkBrokerUrl(options.url);
    const name = options.queueName ?? DEFAULT_QUEUE_NAME;
    const connection = connectionOptions(options.url);
    // Read events from the stream's current end, so none of this run's jobs can finish unseen.
    const last = await checkBrokerReachable(options.url, '--broker', (client) => client.xrevrange(`${KEY_PREFIX}:${name}:events`, '+', '-', 'COUNT', 1));
    const link = new BrokerLink(options.url, options.onLink);
    const queue = new Queue<BrokerJobData, string>(name, { connection, prefix: KEY_PREFIX, streams: { events: { maxLen: 1000 } } });
    queue.on('error', link.error);
    const events = new QueueEvents(name, { connection, prefix: KEY_PREFIX, lastEventId: last?.[0]?.[0] ?? '0-0' });
    events.on('error', link.error);
    await events.waitUntilReady();
    return new Broker(queue, events, link, {
      attempts: options.attempts ?? 3,
      maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
      pollSeconds: options.pollSeconds ?? 5,
    });
  }

  private jobOptions(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: this.options.attempts,
      backoff: { type: 'exponential', delay: 500 },
      // The submitter removes each job once it has its result; these only clear jobs whose submitter went away.
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /** A job whose event came: read its result or its error once it is finished for good (a failed try that will be retried is not). */
  private async settle(jobId: string): Promise<void> {
    if (!this.watchers.has(jobId)) return;
    const state = await this.queue.getJobState(jobId).catch(() => 'unknown');
    if (state !== 'completed' && state !== 'failed') return;
    const job = await Job.fromId<BrokerJobData, string>(this.queue, jobId);
    const watcher = this.watchers.get(jobId);
    if (!job || !watcher) return;
    this.watchers.delete(jobId);
    if (state === 'completed' && typeof job.returnvalue === 'string') watcher.completed(job.returnvalue);
    else watcher.failed({ reason: job.failedReason ?? 'the job failed with no reason given', attempts: job.attemptsMade });
    await job.remove().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    for (const jobId of [...this.watchers.keys()]) await this.settle(jobId);
  }

  private async add(kind: BrokerJobKind, entries: Array<{ jobId: string; label: string; input: unknown; watcher: Watcher }>): Promise<void> {
    const jobs = entries.map(({ jobId, label, input }) => ({
      name: kind,
      data: { kind, label, payload: encodePayload(input, `the input of ${label}`, this.options.maxInputBytes, '--max-input-mb') },
      opts: this.jobOptions(jobId),
    }));
    for (const { jobId, watcher } of entries) this.watchers.set(jobId, watcher);
    await this.queue.addBulk(jobs);
  }

  /** Remove the jobs still waiting (a failed run's rest); running ones finish and expire. */
  private async drop(jobIds: readonly string[]): Promise<void> {
    for (const jobId of jobIds) {
      this.watchers.delete(jobId);
      const job = await Job.fromId(this.queue, jobId).catch(() => undefined);
      await job?.remove().catch(() => undefined);
    }
  }

  /** The what-if runner's pool: every scenario a job, outputs in job order; the first job that fails for good fails the run. */
  readonly scenarioPool: ScenarioPool = (jobs: readonly ScenarioJob[], onProgress) =>
    new Promise<ScenarioJobOutput[]>((resolve, reject) => {
      const runId = randomUUID().replace(/-/g, '').slice(0, 12);
      const total = jobs.length;
      const outputs = new Array<ScenarioJobOutput>(total);
      const ids = jobs.map((_, i) => `${runId}-${i}`);
      let done = 0;
      let failed = false;
      if (total === 0) {
        resolve(outputs);
        return;
      }
      const entries = jobs.map((job, index) => ({
        jobId: ids[index] as string,
        label: job.folder,
        input: job,
        watcher: {
          label: job.folder,
          completed: (value: string) => {
            if (failed) return;
            try {
              outputs[index] = decodePayload<ScenarioJobOutput>(value);
            } catch (error) {
              failed = true;
              reject(error);
              return;
            }
            done += 1;
            onProgress(done, total, index);
            if (done === total) resolve(outputs);
          },
          failed: ({ reason, attempts }: { reason: string; attempts: number }) => {
            if (failed) return;
            failed = true;
            reject(failedJobError(job.folder, reason, attempts));
            void this.drop(ids);
          },
        },
      }));
      this.add('scenario', entries).catch((error: unknown) => {
        failed = true;
        void this.drop(ids);
        reject(error);
      });
    });

  /** The web server's PlanRunner: the run is a job; its progress, result and error come back as the local runner's would. */
  readonly planRunner: PlanRunner = (inputs: PlanInputs, onProgress: ProgressFn, timeoutMs: number, signal?: AbortSignal) =>
    new Promise<PlanOutput>((resolve, reject) => {
      const jobId = `plan-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const giveUp = (error: Error): void =>
        finish(() => {
          void this.drop([jobId]);
          reject(error);
        });
      const onAbort = (): void => giveUp(new HttpError(503, { code: 'stopped', message: 'the server was stopped before the plan finished' }));
      const timer = setTimeout(
        () =>
          giveUp(
            new HttpError(504, {
              code: 'timeout',
              message: `the plan run took longer than the limit of ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} and was given up`,
              hint: 'shorten the horizon, raise solver.mipRelGap, start more workers, or start the server with a larger --run-timeout',
            }),
          ),
        timeoutMs,
      );
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort);
      onProgress({ stage: 'queued', fraction: 0 });
      const watcher: Watcher = {
        label: jobId,
        completed: (value) => finish(() => resolve(decodePayload<PlanOutput>(value))),
        failed: ({ reason, attempts }) => finish(() => reject(failedPlanError(jobId, reason, attempts))),
        progress: (data) => {
          const p = data as Partial<JobProgress>;
          if (typeof p.stage === 'string' && typeof p.fraction === 'number') onProgress({ stage: p.stage, fraction: p.fraction });
        },
      };
      this.add('plan', [{ jobId, label: `plan ${jobId}`, input: inputs, watcher }]).catch((error: unknown) => giveUp(error instanceof Error ? error : new Error(String(error))));
    });

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    this.watchers.clear();
    this.link.close();
    await this.events.close();
    await this.queue.close();
  }
}
