/** A task for the worker-pool tests: waits `ms`, answers with the id of the thread it ran in. */
import { threadId } from 'node:worker_threads';
import { UsageError } from '../../src/domain';

export async function probe(ms: number): Promise<number> {
  if (ms < 0) throw new UsageError(`negative input ${ms}`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return threadId;
}
