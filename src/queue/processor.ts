/**
 * The job processor a `peakshift worker` runs in its child processes (BullMQ's
 * sandboxed processor): decode the input, run it through the same functions as
 * the local run (the what-if scenario job, the web page's plan job), return
 * the compressed output. A child per running job keeps the solver off the
 * worker's main loop, which must renew the job's lock in time.
 */
import type { SandboxedJob } from 'bullmq';
import { runScenarioJob, type ScenarioJob } from '../scenario/job';
import { toHttpError } from '../web/http';
import { runPlanJob } from '../web/plan-job';
import type { PlanInputs } from '../web/queue';
import { decodePayload, DEFAULT_MAX_PAYLOAD_BYTES, encodePayload } from './codec';
import { failureMessage, type BrokerJobData } from './protocol';

/** Set by the worker for its children (`--max-result-mb`). */
export const MAX_RESULT_ENV = 'PEAKSHIFT_MAX_RESULT_BYTES';

function maxResultBytes(): number {
  const value = Number(process.env[MAX_RESULT_ENV]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_PAYLOAD_BYTES;
}

async function run(job: SandboxedJob<BrokerJobData, string>): Promise<string> {
  const data = job.data;
  const what = 'the result';
  if (data.kind === 'scenario') {
    const output = await runScenarioJob(decodePayload<ScenarioJob>(data.payload));
    return encodePayload(output, what, maxResultBytes(), '--max-result-mb of the worker');
  }
  const output = await runPlanJob(decodePayload<PlanInputs>(data.payload), (progress) => void job.updateProgress(progress));
  return encodePayload(output, what, maxResultBytes(), '--max-result-mb of the worker');
}

export default async function processBrokerJob(job: SandboxedJob<BrokerJobData, string>): Promise<string> {
  try {
    return await run(job);
  } catch (error) {
    throw new Error(failureMessage(error, job.data.kind === 'plan' ? toHttpError(error) : undefined));
  }
}
