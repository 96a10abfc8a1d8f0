/**
 * One plan run from uploaded texts: the same readers and the same pipeline as
 * `peakshift plan`, so the page's plan folder has the CLI's bytes. Runs inside
 * the plan worker (plan-worker.ts) so a long solve never blocks the server.
 */
import { parseHistory } from '../io/history';
import { loadConfigText } from '../io/config';
import { HttpError } from './http';
import type { PlanInputs, PlanOutput, ProgressFn } from './queue';

export async function runPlanJob(inputs: PlanInputs, onProgress: ProgressFn): Promise<PlanOutput> {
  onProgress({ stage: 'parse', fraction: 0.02 });
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  throw new HttpError(501, {
    code: 'unavailable',
    message: 'the shift planner is not part of this build yet; the history and config were read without errors',
  });
}
