/**
 * A job's process ends with the process that started it: the web server's
 * plan process with the server, a broker job's process with its `peakshift
 * worker`. When that parent is killed outright (kill -9, a crash) nothing tells
 * the child in time: its IPC channel's `disconnect` is an event, and a solve
 * holds the child's main thread for seconds or minutes, so the orphan would
 * compute on beside the retry another worker has started. A thread of its own
 * checks the parent process id instead (an orphan is handed to another
 * parent) and ends the whole process at once when it changes.
 */
import { Worker } from 'node:worker_threads';

const WATCH = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL');
}, workerData.everyMs);
`;

let watching = false;

/** Start the check (once per process); `everyMs` apart. */
export function endWithParent(everyMs = 250): void {
  if (watching) return;
  watching = true;
  const watcher = new Worker(WATCH, { eval: true, workerData: { parent: process.ppid, everyMs } });
  // It never keeps the process alive on its own.
  watcher.unref();
}
