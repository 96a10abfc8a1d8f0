/**
 * The job processor a `peakshift worker` runs in its child processes (BullMQ's
 * sandboxed processor): decode the input, run it through the same functions as
 * the local run (src/jobs: a what-if point or a page plan), return
 * the compressed output. A child per running job keeps the solver off the
 * worker's main loop, which must renew the job's lock in time.
 */
import type { SandboxedJob } from 'bullmq';
import { pageError, runJob, type JobInput } from '../jobs';
import { decodePayload, DEFAULT_MAX_PAYLOAD_BYTES, encodePayload } from './codec';
import { failureMessage, type BrokerJobData } from './protocol';

/** Set by the worker for its children (`--max-result-mb`). */
export const MAX_RESULT_ENV = 'PEAKSHIFT_MAX_RESULT_BYTES';

function maxResultBytes(): number {
  const value = Number(process.env[MAX_RESULT_ENV]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_PAYLOAD_BYTES;
}

async function run(job: SandboxedJob<BrokerJobData, string>): Promise<string> {
  const input = { kind: job.data.kind, input: decodePayload<JobInput['input']>(job.data.payload) } as JobInput;
  const output = await runJob(input, (progress) => void job.updateProgress(progress));
  return encodePayload(output, 'the result', maxResultBytes(), '--max-result-mb of the worker');
}

export default async function processBrokerJob(job: SandboxedJob<BrokerJobData, string>): Promise<string> {
  try {
    return await run(job);
  } catch (error) {
    throw new Error(failureMessage(error, pageError(job.data.kind, error)));
  }
}
