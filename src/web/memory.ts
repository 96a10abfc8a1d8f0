/**
 * Giving memory back once a burst of uploads is over. V8 collects garbage
 * only when JavaScript allocates; a server that has just dropped a hundred
 * megabytes of expired uploads and then sits idle would hold them (as
 * unreachable buffers) until the next burst. So when kept histories expire or
 * the last parse worker ends, the server asks for one full collection. This
 * uses V8's `gc` function, exposed at run time the same way test runners do
 * for leak checks.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc: unknown = vm.runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

let last = 0;

/** One full collection, at most once a second; a no-op where V8 does not allow it. */
export function releaseMemory(now = Date.now()): void {
  if (now - last < 1000) return;
  last = now;
  collector()?.();
}
