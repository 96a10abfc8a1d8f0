/**
 * The default PlanRunner: each run in a child process of its own, ended at the
 * time limit or when the server stops. A process rather than a thread, so that
 * everything a run allocates (the solver's WebAssembly compiled and grown, the
 * allocator's arenas) goes back to the system when it ends; a thread's leftovers
 * would stay in the server's memory.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { HttpError, type PlanInputs, type PlanOutput, type PlanRunner, type ProgressFn } from '../jobs';
import type { WorkerMessage } from './plan-worker';

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
    const child = fork(entry.file, [], { execArgv: entry.execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let settled = false;
    const onAbort = (): void => finish(() => reject(stoppedError()));
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
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
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress({ stage: message.stage, fraction: message.fraction, ...(message.detail === undefined ? {} : { detail: message.detail }) });
      else if (message.type === 'done') finish(() => resolve(message.output));
      else finish(() => reject(new HttpError(message.status, message.body)));
    });
    child.on('error', (error) => finish(() => reject(error)));
    child.on('exit', (code, killedBy) => {
      finish(() => reject(new Error(`the plan process stopped (${killedBy ?? `exit code ${String(code)}`}) before finishing`)));
    });
    child.send(inputs);
  });
