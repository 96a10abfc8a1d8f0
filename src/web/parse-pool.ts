/**
 * A small pool of worker threads for the upload routes (parse-worker.ts), so
 * reading a large history never blocks the server's main thread.
 *
 * At most `workers` tasks run at once. Requests are admitted before their
 * body is read: up to `workers + maxWaiting` histories at a time, and as many
 * small requests (configs, plan requests) besides; past that they are refused
 * with 503 and a Retry-After estimated from recent parse times, and their body
 * is never kept. An admitted history waits in line with its body unread (the
 * client is held by TCP flow control) until a worker is about to be free, so
 * at most `workers + 1` history bodies are in memory at once, however long the
 * line. A worker idle for `idleMs` is ended, which gives its heap back; the
 * next task starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { ClientGoneError, HttpError } from './http';
import type { ParseReply, ParseRequest } from './parse-worker';
import type { UploadResult, UploadTask } from './upload-tasks';
import { workerEntry } from './worker-runner';

export interface ParsePoolOptions {
  /** Tasks parsed at the same time (one worker thread each). */
  workers: number;
  /** Admitted requests waiting for a worker before new ones get 503. */
  maxWaiting: number;
  /** An idle worker is ended after this long. */
  idleMs: number;
  /** Called when the last worker has been ended for being idle. */
  onIdle?: () => void;
}

interface Pending {
  seq: number;
  task: UploadTask;
  resolve: (result: UploadResult) => void;
  reject: (error: unknown) => void;
  /** Stops listening to the task's abort signal. */
  unlisten: () => void;
}

interface PoolWorker {
  worker: Worker;
  task: Pending | undefined;
  startedMs: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * Before any task has finished: a 1.6 MB history takes about 0.5 s on a
 * quiet machine, more on a busy one. A first refused crowd sent back a little
 * early finds the line (`maxWaiting`, default 64) taking up the difference.
 */
const FIRST_ESTIMATE_MS = 500;

export class ParsePool {
  private admitted = 0;
  private admittedSmall = 0;
  /** When refused requests were told to come back, in order; those past are dropped. */
  private readonly promised: number[] = [];
  /** Histories whose body is being read or parsed; the rest of the line waits unread. */
  private reading = 0;
  private readonly readers: Array<() => void> = [];
  private readonly queue: Pending[] = [];
  private readonly workers = new Set<PoolWorker>();
  private seq = 0;
  private averageMs = FIRST_ESTIMATE_MS;
  /** Time between parses finishing while others waited: how often a place in line opens, all load included. */
  private paceMs: number | undefined;
  private lastFinishMs = 0;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {}

  /**
   * Take a place for one request, or throw 503 busy. Call the returned
   * function once the request is done with the pool. `small` requests (a
   * config, a plan request) have places of their own, as many again, and go
   * ahead of waiting histories: a storm of uploads never shuts out a plan.
   */
  admit(small = false): () => void {
    if (this.closed) throw new HttpError(503, { code: 'stopped', message: 'the server is stopping' });
    const places = this.options.workers + this.options.maxWaiting;
    if ((small ? this.admittedSmall : this.admitted) >= places) {
      const seconds = this.retryAfterSeconds();
      throw new HttpError(
        503,
        { code: 'busy', message: `the server is reading ${this.admitted + this.admittedSmall} other uploads; try again in ${seconds} s` },
        { 'retry-after': String(seconds) },
      );
    }
    if (small) this.admittedSmall += 1;
    else this.admitted += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (small) this.admittedSmall -= 1;
      else this.admitted -= 1;
    };
  }

  /**
   * Wait for a history's turn to be read: resolves when fewer than
   * `workers + 1` bodies are being read or parsed. Call the returned function
   * when its parse is over. A `signal` that aborts (the client has gone) takes
   * the request out of the line, rejecting with ClientGoneError.
   */
  async readTurn(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new ClientGoneError();
    if (this.reading >= this.options.workers + 1) {
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = (): void => {
          const at = this.readers.indexOf(turn);
          if (at >= 0) this.readers.splice(at, 1);
          reject(new ClientGoneError());
        };
        this.readers.push(turn);
        signal?.addEventListener('abort', leave, { once: true });
      });
    } else this.reading += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.readers.shift();
      // The place passes straight to the next in line.
      if (next) next();
      else this.reading -= 1;
    };
  }

  /** Uploads admitted and not yet answered (parsing, waiting, or still arriving). */
  get inFlight(): number {
    return this.admitted + this.admittedSmall;
  }

  get threads(): number {
    return this.workers.size;
  }

  /**
   * Run one task in a worker. When `signal` aborts (the client has gone) the
   * task is taken out of the line, or its worker ended if it is being parsed,
   * and the promise rejects with ClientGoneError.
   */
  run(task: UploadTask, signal?: AbortSignal): Promise<UploadResult> {
    if (this.closed) return Promise.reject(new HttpError(503, { code: 'stopped', message: 'the server is stopping' }));
    if (signal?.aborted) return Promise.reject(new ClientGoneError());
    return new Promise((resolve, reject) => {
      this.seq += 1;
      const cancel = (): void => this.cancel(pending);
      const pending: Pending = {
        seq: this.seq,
        task,
        resolve: (result) => {
          pending.unlisten();
          resolve(result);
        },
        reject: (error) => {
          pending.unlisten();
          reject(error);
        },
        unlisten: () => signal?.removeEventListener('abort', cancel),
      };
      signal?.addEventListener('abort', cancel, { once: true });
      // Histories wait in arrival order; anything else goes before them.
      if (task.kind === 'history') this.queue.push(pending);
      else {
        const firstHistory = this.queue.findIndex((p) => p.task.kind === 'history');
        this.queue.splice(firstHistory < 0 ? this.queue.length : firstHistory, 0, pending);
      }
      this.dispatch();
    });
  }

  /** A task whose client has gone: out of the line, or its worker ended mid-parse (a new one starts for the next task). */
  private cancel(pending: Pending): void {
    const waiting = this.queue.indexOf(pending);
    if (waiting >= 0) this.queue.splice(waiting, 1);
    else {
      const w = [...this.workers].find((x) => x.task === pending);
      if (!w) return;
      w.task = undefined;
      this.workers.delete(w);
      if (w.idleTimer) clearTimeout(w.idleTimer);
      void w.worker.terminate();
    }
    pending.reject(new ClientGoneError());
    this.dispatch();
  }

  /** End every worker and refuse what waits. */
  async close(): Promise<void> {
    this.closed = true;
    for (const next of this.readers.splice(0)) next();
    const stopped = new HttpError(503, { code: 'stopped', message: 'the server is stopping' });
    for (const pending of this.queue.splice(0)) pending.reject(stopped);
    const ending: Array<Promise<number>> = [];
    for (const w of this.workers) {
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.task?.reject(stopped);
      w.task = undefined;
      ending.push(w.worker.terminate());
    }
    this.workers.clear();
    await Promise.all(ending);
  }

  /**
   * Seconds until this request is likely to find a place: its turn behind
   * the work admitted and behind the requests already told to come back
   * later, at the pool's current pace (average parse time over the workers).
   * So a crowd refused at once comes back spread out instead of all together,
   * and the spacing follows the pace as it changes.
   */
  private retryAfterSeconds(): number {
    const now = Date.now();
    while (this.promised.length > 0 && (this.promised[0] as number) <= now) this.promised.shift();
    const slotMs = this.paceMs ?? this.averageMs / this.options.workers;
    // The line is full now; a place opens about every slot, and those told earlier go first.
    const dueMs = now + (this.promised.length + 1) * slotMs;
    // At most a minute: the pace changes with the machine's load, and a booking far ahead would leave the pool idle.
    const seconds = Math.min(60, Math.max(1, Math.ceil((dueMs - now) / 1000)));
    this.promised.push(Math.max(now + seconds * 1000, this.promised[this.promised.length - 1] ?? 0));
    return seconds;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let free: PoolWorker | undefined;
      for (const w of this.workers) {
        if (!w.task) {
          free = w;
          break;
        }
      }
      if (!free && this.workers.size < this.options.workers) free = this.spawn();
      if (!free) return;
      const pending = this.queue.shift() as Pending;
      if (free.idleTimer) clearTimeout(free.idleTimer);
      free.idleTimer = undefined;
      free.task = pending;
      free.startedMs = Date.now();
      const message: ParseRequest = { seq: pending.seq, task: pending.task };
      free.worker.postMessage(message);
    }
  }

  private spawn(): PoolWorker {
    const entry = workerEntry('parse-worker');
    const w: PoolWorker = { worker: new Worker(entry.file, { execArgv: entry.execArgv }), task: undefined, startedMs: 0, idleTimer: undefined };
    this.workers.add(w);
    w.worker.on('message', (reply: ParseReply) => {
      const pending = w.task;
      if (!pending || pending.seq !== reply.seq) return;
      w.task = undefined;
      // Exponential average of parse times, for Retry-After.
      const now = Date.now();
      this.averageMs = 0.8 * this.averageMs + 0.2 * (now - w.startedMs);
      if (this.queue.length > 0 || this.admitted > this.options.workers) {
        const gap = now - this.lastFinishMs;
        if (this.lastFinishMs > 0 && gap < 10 * this.averageMs) this.paceMs = this.paceMs === undefined ? gap : 0.8 * this.paceMs + 0.2 * gap;
      }
      this.lastFinishMs = now;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new HttpError(reply.status, reply.error));
      w.idleTimer = setTimeout(() => this.retire(w), this.options.idleMs);
      w.idleTimer.unref();
      this.dispatch();
    });
    const lost = (why: string): void => {
      if (!this.workers.delete(w)) return;
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.task?.reject(new HttpError(500, { code: 'internal', message: `the upload reader stopped: ${why} (this is a bug in peakshift)` }));
      w.task = undefined;
      this.dispatch();
    };
    w.worker.on('error', (error) => lost(error.message));
    w.worker.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  private retire(w: PoolWorker): void {
    if (w.task || !this.workers.delete(w)) return;
    void w.worker.terminate().then(() => {
      if (this.workers.size === 0 && !this.closed) this.options.onIdle?.();
    });
  }
}
