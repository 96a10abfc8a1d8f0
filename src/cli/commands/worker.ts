/**
 * `peakshift worker`: run plan and what-if jobs from a job broker (BullMQ on
 * Redis) until Ctrl-C or SIGTERM. The queue code is loaded here, on demand:
 * no other command needs Redis.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { parseNumberOption } from '../options';
import { info, print } from '../output';
import { linkReporter, loadQueue } from '../queue';
import { resolveLang } from '../lang';
import { stopSignal } from '../signals';

interface WorkerArgs {
  broker: string;
  concurrency: unknown;
  queueName: string;
  maxResultMb: unknown;
  lockSeconds: unknown;
}

export const command = 'worker';
export const describe = 'Take plan and what-if jobs from a Redis job broker and run them (see --broker of whatif and serve)';

export function builder(yargs: Argv): Argv<WorkerArgs> {
  return yargs
    .option('broker', { type: 'string', demandOption: true, describe: 'Redis address, e.g. redis://127.0.0.1:6379 or redis://:password@host:6379/0' })
    .option('concurrency', { type: 'number', default: 1, describe: 'Jobs run at once, each in its own process (about one per CPU)' })
    .option('queue-name', { type: 'string', default: 'peakshift', describe: 'Queue to take jobs from; submitters must use the same' })
    .option('max-result-mb', { type: 'number', default: 64, describe: 'Largest result of one job, compressed, in MB; a bigger one fails with its job named' })
    .option('lock-seconds', { type: 'number', default: 30, describe: 'A job whose worker has been silent this long is run again by another worker' })
    .example('$0 worker --broker redis://127.0.0.1:6379 --concurrency 2', 'take plan and what-if jobs, two at a time') as unknown as Argv<WorkerArgs>;
}

export async function handler(args: ArgumentsCamelCase<WorkerArgs>): Promise<void> {
  const concurrency = parseNumberOption('concurrency', args.concurrency, { expected: 'a whole number from 1 to 64', integer: true, min: 1, max: 64 });
  const maxResultMb = parseNumberOption('max-result-mb', args.maxResultMb, { expected: 'a positive number of MB', min: 0, minInclusive: false, max: 512 });
  const lockSeconds = parseNumberOption('lock-seconds', args.lockSeconds, { expected: 'a number of seconds from 1 to 3600', min: 1, max: 3600 });
  const { checkBrokerUrl, shownAddress, startWorker } = loadQueue();
  checkBrokerUrl(args.broker);
  const worker = await startWorker({
    url: args.broker,
    queueName: args.queueName,
    concurrency,
    maxResultBytes: Math.round(maxResultMb * 1024 * 1024),
    lockSeconds,
    onLink: linkReporter(resolveLang(undefined, undefined)),
    onEvent: ({ kind, label, detail }) => info(kind === 'failed' ? `${label}: failed: ${detail ?? ''}` : `${label}: ${kind === 'start' ? 'started' : 'done'}`),
  });
  print(`peakshift worker is taking jobs from ${shownAddress(args.broker)} (queue ${args.queueName}), ${concurrency} at a time`);
  info('press Ctrl-C to stop; running jobs go back to the queue');
  const stop = await stopSignal();
  await worker.close();
  stop.done();
}
