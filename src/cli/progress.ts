/**
 * A progress display for long runs (what-if jobs, simulation runs): one line on
 * stderr redrawn in place with the count, the last item and the elapsed time,
 * refreshed every second so a long solve still shows it is alive. Silent when
 * stderr is not a terminal, in CI (env CI set) and with --quiet.
 */
import { clearProgress, interactive, progressLine } from './output';

export interface Progress {
  update(done: number, last: string): void;
  stop(): void;
}

export function startProgress(label: string, total: number, now: () => number = Date.now): Progress {
  if (!interactive()) return { update: () => undefined, stop: () => undefined };
  const started = now();
  let done = 0;
  let last = '';
  const draw = (): void => {
    const seconds = Math.round((now() - started) / 1000);
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    progressLine(`${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${last ? ` · ${last}` : ''} · ${seconds} s`);
  };
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update(d: number, l: string): void {
      done = d;
      last = l;
      draw();
    },
    stop(): void {
      clearInterval(timer);
      clearProgress();
    },
  };
}
