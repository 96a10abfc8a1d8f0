/**
 * One plan at a time (or `maxRunning`, when a job broker's workers run them): a
 * FIFO queue of plan jobs with a time limit per run.
 * Finished jobs keep their output files in memory until newer ones push them
 * out (`keepFinished`), so the page can download them.
 */
import { randomUUID } from 'node:crypto';
import type { ApiError, CapacityRequest, DesignRequest, JobProgress, JobState, JobView, NamedText } from './api-types';
import { HttpError, toHttpError } from './http';

export interface PlanInputs {
  history: NamedText;
  config: NamedText;
  agents?: NamedText;
  /** Present for a what-if run: the scenario file (see plan-job.ts parseWebScenarios). */
  scenarios?: NamedText;
  /** Present for a shift design run (plan-job.ts runDesignJob). */
  design?: DesignRequest;
  /** Present for a capacity plan (capacity-job.ts). */
  capacity?: CapacityRequest;
  /** Present for a re-plan (`history` then holds the actuals so far): the hour it is now and the plan folder's files. */
  replan?: { now: string; plan: PlanFile[] };
  /** Unfilled roster seats fail the run (`plan --strict`). */
  strict?: boolean;
}

export interface PlanFile {
  name: string;
  type: string;
  /** Text, or bytes (roster.xlsx; a Uint8Array once it has crossed from the plan process). */
  body: string | Uint8Array;
}

export interface PlanOutput {
  /** The plan folder, file by file, exactly as `peakshift plan --out-dir` writes it. */
  files: PlanFile[];
  summary: unknown;
}

export type ProgressFn = (progress: JobProgress) => void;

/**
 * Runs one plan. Must stop (resolve or reject) within `timeoutMs`, and at
 * once when `signal` aborts (the server stopping); the worker runner enforces
 * both by ending the run's process.
 */
export type PlanRunner = (inputs: PlanInputs, onProgress: ProgressFn, timeoutMs: number, signal?: AbortSignal) => Promise<PlanOutput>;

interface Job {
  id: string;
  state: JobState;
  inputs: PlanInputs | undefined;
  progress: JobProgress;
  submittedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  output?: PlanOutput;
  error?: ApiError;
}

export interface QueueOptions {
  /** Jobs waiting (not counting the running one) before new ones are refused with 503. */
  maxQueued: number;
  timeoutMs: number;
  /** Finished jobs kept for download. */
  keepFinished: number;
  /** Plans run at once (default 1); more than one only when the runner sends them elsewhere. */
  maxRunning?: number;
}

export class PlanQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private readonly running = new Set<Job>();
  private readonly finished: string[] = [];
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;
  private readonly stopping = new AbortController();
  /** Exponential average of run times (a first guess before any has finished), for Retry-After. */
  private averageRunMs = 30_000;

  constructor(
    private readonly runner: PlanRunner,
    private readonly options: QueueOptions,
  ) {}

  submit(inputs: PlanInputs): JobView {
    if (this.stopping.signal.aborted) throw new HttpError(503, { code: 'stopped', message: 'the server is stopping' });
    if (this.waiting.length >= this.options.maxQueued) {
      // The next place opens when a running plan ends: about one run's time.
      const seconds = Math.min(600, Math.max(1, Math.ceil(this.averageRunMs / 1000)));
      throw new HttpError(
        503,
        { code: 'busy', message: `${this.waiting.length} plans are already waiting; try again when one has finished` },
        { 'retry-after': String(seconds) },
      );
    }
    const job: Job = {
      id: randomUUID().replace(/-/g, '').slice(0, 16),
      state: 'queued',
      inputs,
      progress: { stage: 'queued', fraction: 0 },
      submittedAt: new Date(),
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    if (!this.markIdle) this.idle = new Promise((resolve) => (this.markIdle = resolve));
    void this.pump();
    return this.view(job);
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job ? this.view(job) : undefined;
  }

  /** Every file of a finished run (undefined while it runs or when it is gone). */
  files(id: string): PlanFile[] | undefined {
    return this.jobs.get(id)?.output?.files;
  }

  file(id: string, name: string): PlanFile | undefined {
    return this.jobs.get(id)?.output?.files.find((f) => f.name === name);
  }

  /** Waiting and running jobs. */
  get pending(): number {
    return this.waiting.length + this.running.size;
  }

  /** Resolves when nothing is queued or running. */
  drained(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : this.idle;
  }

  /** Stop: the running plan's process is ended and waiting plans are dropped. Resolves once nothing runs. */
  async close(): Promise<void> {
    this.stopping.abort();
    for (const job of this.waiting.splice(0)) {
      job.inputs = undefined;
      job.state = 'failed';
      job.error = { code: 'stopped', message: 'the server was stopped before the plan started' };
    }
    await this.drained();
  }

  private view(job: Job): JobView {
    const position = job.state === 'queued' ? this.waiting.indexOf(job) + this.running.size : 0;
    const out: JobView = {
      id: job.id,
      state: job.state,
      position,
      progress: { ...job.progress },
      submittedAt: job.submittedAt.toISOString(),
    };
    if (job.startedAt) out.startedAt = job.startedAt.toISOString();
    if (job.finishedAt) out.finishedAt = job.finishedAt.toISOString();
    if (job.error) out.error = job.error;
    if (job.output) {
      out.files = job.output.files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.body, 'utf8'), type: f.type }));
      out.summary = job.output.summary;
    }
    return out;
  }

  private async pump(): Promise<void> {
    if (this.running.size >= (this.options.maxRunning ?? 1)) return;
    const job = this.waiting.shift();
    if (!job) {
      if (this.running.size > 0) return;
      const done = this.markIdle;
      this.markIdle = undefined;
      done?.();
      return;
    }
    this.running.add(job);
    // Room for more: start the next waiting plan too.
    void this.pump();
    job.state = 'running';
    job.startedAt = new Date();
    job.progress = { stage: 'starting', fraction: 0 };
    const inputs = job.inputs as PlanInputs;
    job.inputs = undefined; // the uploaded text is not kept once the run has it
    try {
      job.output = await this.runner(inputs, (p) => (job.progress = p), this.options.timeoutMs, this.stopping.signal);
      job.state = 'done';
      job.progress = { stage: 'done', fraction: 1 };
    } catch (error) {
      job.state = 'failed';
      job.error = toHttpError(error).body;
    }
    job.finishedAt = new Date();
    const ms = job.finishedAt.getTime() - (job.startedAt as Date).getTime();
    this.averageRunMs = this.finished.length === 0 ? ms : 0.7 * this.averageRunMs + 0.3 * ms;
    this.running.delete(job);
    this.finished.push(job.id);
    while (this.finished.length > this.options.keepFinished) {
      const old = this.finished.shift();
      if (old !== undefined) this.jobs.delete(old);
    }
    void this.pump();
  }
}
