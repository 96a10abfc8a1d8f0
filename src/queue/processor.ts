/**
 * The job processor a `peakshift worker` runs in its child processes (BullMQ's
 * sandboxed processor): decode the input, run it through the same functions as
 * the local run (src/jobs: a what-if point or a page plan), return
 * the compressed output. A child per running job keeps the solver off the
 * worker's main loop, which must renew the job's lock in time; the child ends
 * when its worker does, even killed outright (jobs/orphans.ts), so a job whose
 * worker has died is not computed twice.
 */
import type { SandboxedJob } from 'bullmq';
import { endWithParent, pageError, runJob, type JobInput } from '../jobs';
import { decodePayload, DEFAULT_MAX_PAYLOAD_BYTES, encodePayload } from './codec';
import { failureMessage, MAX_RESULT_ENV, type BrokerJobData } from './protocol';

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
  // This runs in the worker's child process only: it ends with its worker, even mid-solve.
  endWithParent();
  try {
    return await run(job);
  } catch (error) {
    throw new Error(failureMessage(error, pageError(job.data.kind, error)));
  }
}
