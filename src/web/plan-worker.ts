/**
 * Worker-thread entry for one plan run. The server ends the thread when the
 * run exceeds its time limit, which a solve on the main thread could not allow.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toHttpError } from './http';
import { runPlanJob } from './plan-job';
import type { PlanInputs } from './queue';

export type WorkerMessage =
  | { type: 'progress'; stage: string; fraction: number }
  | { type: 'done'; output: import('./queue').PlanOutput }
  | { type: 'error'; status: number; body: import('./api-types').ApiError };

const port = parentPort;
if (port) {
  const post = (message: WorkerMessage): void => port.postMessage(message);
  runPlanJob(workerData as PlanInputs, (p) => post({ type: 'progress', ...p })).then(
    (output) => post({ type: 'done', output }),
    (error: unknown) => {
      const http = toHttpError(error);
      post({ type: 'error', status: http.status, body: http.body });
    },
  );
}
