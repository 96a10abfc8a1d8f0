/**
 * Stopping on SIGINT (Ctrl-C) and SIGTERM within moments, never leaving a
 * half-written output folder behind.
 *
 * `plan` and `whatif` spend their time in long synchronous steps (a HiGHS
 * solve runs on the main thread) or waiting on worker threads. A JavaScript
 * signal handler runs only once the current step yields, which can be the
 * whole solve. So these commands keep the default action, which ends the
 * process at once and its worker threads with it, everywhere except while
 * the output folder is written: there a signal is held until the folder is
 * complete, then acted on. Before the write no temp folder exists and the old
 * folder is untouched; after it the new folder is whole.
 */

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Two turns of the event loop: a signal caught during synchronous work is dispatched in a poll phase between them. */
function nextTurns(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** End the process the way the signal's default action would (exit status 128 + signal number in a shell). */
function reraise(signal: StopSignal): void {
  for (const s of STOP_SIGNALS) process.removeAllListeners(s);
  process.kill(process.pid, signal);
}

/**
 * Run `write` (a synchronous folder write) with SIGINT and SIGTERM held; a
 * signal that came meanwhile ends the process once the write is done.
 */
export async function holdingSignals<T>(write: () => T): Promise<T> {
  let caught: StopSignal | undefined;
  const hold = (signal: NodeJS.Signals): void => {
    caught ??= signal as StopSignal;
  };
  for (const s of STOP_SIGNALS) process.on(s, hold);
  try {
    return write();
  } finally {
    await nextTurns();
    for (const s of STOP_SIGNALS) process.off(s, hold);
    if (caught !== undefined) reraise(caught);
  }
}

/**
 * Resolves with the first SIGINT or SIGTERM. Its listeners are removed then,
 * so a second Ctrl-C ends the process at once. `deadlineMs` after the signal,
 * if the caller has not called `done()` by then, the process is ended anyway.
 */
export function stopSignal(deadlineMs = 1500): Promise<{ signal: StopSignal; done: () => void }> {
  return new Promise((resolve) => {
    const on = (received: NodeJS.Signals): void => {
      const signal = received as StopSignal;
      for (const s of STOP_SIGNALS) process.off(s, on);
      const deadline = setTimeout(() => reraise(signal), deadlineMs);
      deadline.unref();
      resolve({ signal, done: () => clearTimeout(deadline) });
    };
    for (const s of STOP_SIGNALS) process.on(s, on);
  });
}
