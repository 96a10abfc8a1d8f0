/** The job broker (BullMQ on Redis). Loaded only when `--broker` is given: nothing else needs Redis. */
export * from './broker';
export * from './codec';
export * from './connection';
export * from './worker';
export * from './link';
