/**
 * The rule every solve of a run answers to: an answer counts when it is proven
 * within the asked gap, or when a deterministic limit (nodes) ended a search
 * whose caller reads it as "at most this" (the why-short repairs). An answer
 * stopped by the safety time limit depends on how fast and how busy the
 * machine was, so it stops the run (GapNotReachedError, exit 4) unless the
 * user accepted a gap at least as large as the one proven (`--accept-gap`);
 * accepted answers are recorded, so every output can say so.
 */
import { GapNotReachedError } from '../../domain';
import type { MipModel, MipOptions, MipResult, MipSolver } from './model';

/** A solve whose answer was used above its asked gap because the user accepted that gap. */
export interface AcceptedGap {
  /** What was solved (`plan`, `roster`, ...). */
  what: string;
  /** Proven relative gap of the answer used. */
  gap: number;
  /** Relative gap asked (solver.mipRelGap, or the solve's own). */
  asked: number;
  /** The gap the user accepted. */
  accepted: number;
}

const percent = (v: number): string => `${(v * 100).toFixed(2)}%`;

/** True when `result` is an answer the run may use without the user accepting a gap. */
export function provenEnough(result: MipResult): boolean {
  if (result.status === 'optimal' || result.status === 'infeasible' || result.status === 'unbounded') return true;
  return result.limit === 'nodes';
}

/**
 * Wraps `solver` so that every answer not proven within its gap is refused
 * (thrown as GapNotReachedError naming what was solved, the gap reached and
 * asked, and the seconds spent), or, when it is within `acceptGap`, used and
 * pushed to `accepted`.
 */
export function guardSolver(solver: MipSolver, acceptGap: number | undefined, accepted: AcceptedGap[], what: () => string): MipSolver {
  return {
    name: solver.name,
    async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
      const result = await solver.solve(model, options);
      if (provenEnough(result)) return result;
      const asked = options.askedGap ?? options.relativeGap;
      const reached = result.status === 'feasible' && Number.isFinite(result.gap) ? result.gap : null;
      if (acceptGap !== undefined && reached !== null && reached <= acceptGap + 1e-12) {
        accepted.push({ what: what(), gap: reached, asked, accepted: acceptGap });
        return result;
      }
      const byTime = result.limit === 'time';
      const found = reached === null ? 'no answer found' : `a proven gap of ${percent(reached)}`;
      const stop = byTime ? `stopped at the safety time limit of ${options.timeLimitSeconds} s` : 'stopped';
      const gaps = `asked ${percent(asked)}${options.relativeGap < asked - 1e-12 ? `; this step of the solve asks ${percent(options.relativeGap)}` : ''}`;
      // Stopped by the clock when its gap was already met (the solver checks the gap only now and then):
      // the answer is good, but where the search stood (its bound, even its answer) would differ on a
      // faster or a busier machine.
      const early = byTime && reached !== null && reached <= options.relativeGap + 1e-12;
      const hint =
        reached === null
          ? 'raise --time-limit (solver.timeLimitSeconds), or plan a shorter horizon'
          : `raise --time-limit (solver.timeLimitSeconds), or pass --accept-gap ${Math.ceil(reached * 1000) / 1000} to write it marked as ${early ? 'stopped by the time limit' : 'above the asked gap'}`;
      throw new GapNotReachedError(
        early
          ? `the ${what()} solve ${stop} before its search had ended, at a proven gap of ${percent(reached)} (${gaps}), after ${result.seconds.toFixed(1)} s: where it stopped depends on the machine's speed; nothing was written`
          : `the ${what()} solve ${stop} with ${found} (${gaps}) after ${result.seconds.toFixed(1)} s; nothing was written`,
        reached,
        asked,
        result.seconds,
        hint,
      );
    },
  };
}
