/**
 * The two kinds of job both faces hand out: a what-if point (one scenario of a
 * comparison, scenario/job.ts) and a page plan (plan, what-if comparison, shift
 * design or re-plan, plan.ts). The web server runs page plans in a process of
 * its own; a broker's worker runs either kind in its job processes; all of them
 * call runJob, so a job gives the same bytes wherever it runs.
 */
import { runScenarioJob, type ScenarioJob, type ScenarioJobOutput } from '../scenario/job';
import { toHttpError, type HttpError } from './errors';
import { runPlanJob } from './plan';
import type { PlanInputs, PlanOutput, ProgressFn } from './types';

export type JobKind = 'scenario' | 'plan';

export type JobInput = { kind: 'scenario'; input: ScenarioJob } | { kind: 'plan'; input: PlanInputs };

export type JobOutput = ScenarioJobOutput | PlanOutput;

/** Run one job; `onProgress` hears a page plan's stages (a what-if point reports none). */
export function runJob(job: JobInput, onProgress: ProgressFn): Promise<JobOutput> {
  return job.kind === 'scenario' ? runScenarioJob(job.input) : runPlanJob(job.input, onProgress);
}

/** A failed job's error as the web page answers it (page plans), or undefined for a what-if point, whose error the CLI prints as it is. */
export function pageError(kind: JobKind, error: unknown): HttpError | undefined {
  return kind === 'plan' ? toHttpError(error) : undefined;
}
