/**
 * The job-broker code (src/queue, BullMQ and its Redis client), loaded on first
 * use: only `--broker` and `peakshift worker` need it, so no other command
 * loads the queue library or needs Redis. A plain require, which resolves the
 * same way compiled and from sources.
 */
export type QueueModule = typeof import('../queue');

export function loadQueue(): QueueModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../queue') as QueueModule;
}
