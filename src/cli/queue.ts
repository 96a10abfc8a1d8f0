/**
 * The job-broker code (src/queue, BullMQ and its Redis client), loaded on first
 * use: only `--broker` and `peakshift worker` need it, so no other command
 * loads the queue library or needs Redis. A plain require, which resolves the
 * same way compiled and from sources.
 */
import { tr, type Lang } from '../domain/i18n';
import type { LinkEvent } from '../queue/link';
import { info } from './output';

export type QueueModule = typeof import('../queue');

export function loadQueue(): QueueModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../queue') as QueueModule;
}

/** How a broker's connection changes are told: one line each on stderr, in the run's language. */
export function linkReporter(lang: Lang): (event: LinkEvent) => void {
  return (event) => {
    if (event.kind === 'unreachable') info(tr(lang, 'brokerUnreachable', { reason: event.reason }));
    else if (event.kind === 'back') info(tr(lang, 'brokerBack'));
    else info(tr(lang, 'brokerError', { message: event.message }));
  };
}
