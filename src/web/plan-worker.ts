/**
 * Entry of the child process that runs one plan (worker-runner.ts): the
 * inputs come as the first message, progress and the result go back the same
 * way. The server kills the process at the run's time limit, which a solve in
 * its own thread could not allow, and when it stops; a process whose server
 * has gone away ends itself, even mid-solve (jobs/orphans.ts).
 */
import { endWithParent, runPlanJob, toHttpError, type ApiError, type PlanInputs, type PlanOutput } from '../jobs';

export type WorkerMessage =
  | { type: 'progress'; stage: string; fraction: number; detail?: string }
  | { type: 'done'; output: PlanOutput }
  | { type: 'error'; status: number; body: ApiError };

if (process.send) {
  const post = (message: WorkerMessage): void => {
    process.send?.(message);
  };
  process.on('disconnect', () => process.exit(0));
  // A server killed outright cannot say so; the solve would hold the disconnect event back.
  endWithParent();
  process.once('message', (inputs: PlanInputs) => {
    runPlanJob(inputs, (p) => post({ type: 'progress', ...p })).then(
      (output) => post({ type: 'done', output }),
      (error: unknown) => {
        const http = toHttpError(error);
        post({ type: 'error', status: http.status, body: http.body });
      },
    );
  });
}
