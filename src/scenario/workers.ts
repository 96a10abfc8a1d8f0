/**
 * A small pool of worker threads that runs one exported async function of a
 * module over a list of inputs. Results come back in input order whatever the
 * number of threads or the order they finish in, and each task gets only its
 * own structured-cloned input, so there is no shared mutable state.
 *
 * Under the compiled CLI the module is a .js file next to this one. Under
 * ts-jest or tsx it is a .ts file: the worker then registers tsx before
 * loading it, so tests run real threads too.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { PlannerError, type ErrorCode } from '../domain';

export interface TaskModule {
  /** Absolute path of the module, with or without extension. */
  file: string;
  /** Name of the exported function `(input) => Promise<output>`. */
  exportName: string;
}

export interface PoolOptions {
  /** Threads; default: the number of CPUs. 0 runs in this thread (no workers). */
  jobs?: number;
  /** Called after each task finishes, with how many have finished. */
  onProgress?: (done: number, total: number, index: number) => void;
}

interface TaskMessage {
  index: number;
  input: unknown;
}

type ReplyMessage = { index: number; ok: true; output: unknown } | { index: number; ok: false; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own enumerable fields of the error (code, exitCode, hint, path, ...). */
  fields: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v)) fields[k] = v;
  }
  const out: SerializedError = { name: e.name, message: e.message, fields };
  if (e.stack !== undefined) out.stack = e.stack;
  return out;
}

/**
 * An error thrown in a worker, rebuilt in the main thread: a PlannerError
 * keeps its code, exit code and hint (so the CLI prints it as usual), anything
 * else stays a plain Error with the worker's stack.
 */
export function rebuildError(serialized: SerializedError): Error {
  const { exitCode, code, hint } = serialized.fields;
  const error =
    typeof exitCode === 'number' && typeof code === 'string'
      ? new PlannerError(code as ErrorCode, serialized.message, exitCode, typeof hint === 'string' ? hint : undefined)
      : new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function resolveModuleFile(file: string): string {
  if (/\.[cm]?[jt]s$/.test(file)) return file;
  // Same extension as this file: .js when compiled, .ts under ts-jest/tsx.
  return `${file}${__filename.slice(__filename.lastIndexOf('.'))}`;
}

/** The code each worker runs: receive tasks, call the function, post results. */
function bootstrap(moduleFile: string, exportName: string): string {
  // An eval'd worker resolves bare names from the working folder: name tsx by its own path.
  const register = moduleFile.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();\n` : '';
  return `${register}const { parentPort } = require('node:worker_threads');
const mod = require(${JSON.stringify(moduleFile)});
const fn = mod[${JSON.stringify(exportName)}];
const serializeError = ${serializeError.toString()};
parentPort.on('message', async (task) => {
  try {
    const output = await fn(task.input);
    parentPort.postMessage({ index: task.index, ok: true, output });
  } catch (error) {
    parentPort.postMessage({ index: task.index, ok: false, error: serializeError(error) });
  }
});
`;
}

/** Run `module.exportName(input)` for every input in worker threads; outputs in input order. */
export async function runPool<I, O>(task: TaskModule, inputs: readonly I[], options: PoolOptions = {}): Promise<O[]> {
  const total = inputs.length;
  const outputs = new Array<O>(total);
  let done = 0;
  const jobs = Math.max(0, Math.min(options.jobs ?? defaultJobs(), total));
  const moduleFile = resolveModuleFile(task.file);
  if (jobs === 0) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = (require(moduleFile) as Record<string, (input: I) => Promise<O>>)[task.exportName];
    if (!fn) throw new Error(`${moduleFile} has no export ${task.exportName}`);
    for (let i = 0; i < total; i++) {
      outputs[i] = await fn(inputs[i] as I);
      done += 1;
      options.onProgress?.(done, total, i);
    }
    return outputs;
  }
  const code = bootstrap(moduleFile, task.exportName);
  let next = 0;
  let failure: unknown;
  const workers: Worker[] = [];
  await new Promise<void>((resolve) => {
    let running = 0;
    const finished = new Set<Worker>();
    const stop = (worker: Worker): void => {
      if (finished.has(worker)) return;
      finished.add(worker);
      void worker.terminate().then(() => {
        running -= 1;
        if (running === 0) resolve();
      });
    };
    const feed = (worker: Worker): void => {
      if (failure !== undefined || next >= total) {
        stop(worker);
        return;
      }
      const index = next;
      next += 1;
      const message: TaskMessage = { index, input: inputs[index] };
      worker.postMessage(message);
    };
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(code, { eval: true });
      workers.push(worker);
      running += 1;
      worker.on('message', (reply: ReplyMessage) => {
        if (reply.ok) {
          outputs[reply.index] = reply.output as O;
          done += 1;
          options.onProgress?.(done, total, reply.index);
        } else if (failure === undefined) {
          failure = rebuildError(reply.error);
        }
        feed(worker);
      });
      worker.on('error', (error) => {
        if (failure === undefined) failure = error;
        stop(worker);
      });
      feed(worker);
    }
  });
  if (failure !== undefined) throw failure;
  return outputs;
}
