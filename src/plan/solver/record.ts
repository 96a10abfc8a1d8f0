/**
 * Every solve of a run, as it happened: which stage asked (plan, roster,
 * seats, explain, diagnosis), which plan ↔ roster round, the model's size,
 * status, proven gap, whether it started from an earlier solution, and the
 * solver's seconds. `SolveLog.wrap` puts the record around any adapter.
 */
import type { MipModel, MipOptions, MipResult, MipSolver } from './model';

export type SolveStage = 'plan' | 'roster' | 'seats' | 'explain' | 'other';

export interface SolveRecord {
  stage: SolveStage;
  /** Plan ↔ roster round (1-based), null outside the rounds. */
  round: number | null;
  variables: number;
  integerVariables: number;
  constraints: number;
  status: MipResult['status'];
  /** Proven relative gap, null when unknown. */
  gap: number | null;
  /** The step within the stage (`plan, breaks relaxed`, `roster, fill`...), or null. */
  step: string | null;
  /** What stopped it short of its gap: the node limit (deterministic) or the time limit; null when it reached its gap. */
  limit: MipResult['limit'];
  /** Started from an earlier solution (`MipOptions.start`). */
  warmStart: boolean;
  seconds: number;
}

export class SolveLog {
  readonly records: SolveRecord[] = [];
  /** The stage and round the next solves belong to. */
  stage: SolveStage = 'plan';
  round: number | null = null;

  wrap(solver: MipSolver): MipSolver {
    return {
      name: solver.name,
      solve: async (model: MipModel, options: MipOptions): Promise<MipResult> => {
        const result = await solver.solve(model, options);
        this.records.push({
          stage: this.stage,
          round: this.round,
          variables: model.variables.length,
          integerVariables: model.variables.reduce((n, v) => n + (v.integer ? 1 : 0), 0),
          constraints: model.constraints.length,
          status: result.status,
          gap: Number.isFinite(result.gap) ? result.gap : null,
          step: options.label ?? null,
          limit: result.limit,
          warmStart: (options.start?.size ?? 0) > 0,
          seconds: result.seconds,
        });
        return result;
      },
    };
  }

  /** Solver seconds of the records matching `where` (all by default). */
  seconds(where: (r: SolveRecord) => boolean = () => true): number {
    return this.records.filter(where).reduce((s, r) => s + r.seconds, 0);
  }
}
