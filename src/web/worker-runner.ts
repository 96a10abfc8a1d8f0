/** The default PlanRunner: each run in its own worker thread, ended at the time limit or when the server stops. */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HttpError } from './http';
import type { WorkerMessage } from './plan-worker';
import type { PlanInputs, PlanOutput, PlanRunner, ProgressFn } from './queue';

/**
 * A worker module of this folder (`plan-worker`, `parse-worker`). Compiled: the
 * .js beside this file; from sources (tests, tsx): the .ts through tsx's loader.
 */
export function workerEntry(name: string): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) {
    return { file: path.join(__dirname, `${name}.ts`), execArgv: ['--require', require.resolve('tsx/cjs')] };
  }
  return { file: path.join(__dirname, `${name}.js`), execArgv: [] };
}

function stoppedError(): HttpError {
  return new HttpError(503, { code: 'stopped', message: 'the server was stopped before the plan finished' });
}

export const workerRunner: PlanRunner = (inputs: PlanInputs, onProgress: ProgressFn, timeoutMs: number, signal?: AbortSignal) =>
  new Promise<PlanOutput>((resolve, reject) => {
    if (signal?.aborted) {
      reject(stoppedError());
      return;
    }
    const entry = workerEntry('plan-worker');
    const worker = new Worker(entry.file, { workerData: inputs, execArgv: entry.execArgv });
    let settled = false;
    const onAbort = (): void => finish(() => reject(stoppedError()));
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new HttpError(504, {
            code: 'timeout',
            message: `the plan run took longer than the limit of ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} and was stopped`,
            hint: 'shorten the horizon, raise solver.mipRelGap, or start the server with a larger --run-timeout',
          }),
        ),
      );
    }, timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress({ stage: message.stage, fraction: message.fraction });
      else if (message.type === 'done') finish(() => resolve(message.output));
      else finish(() => reject(new HttpError(message.status, message.body)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => {
      finish(() => reject(new Error(`the plan worker stopped with exit code ${code} before finishing`)));
    });
  });
