/**
 * The what-if run: the base and every scenario (and every sweep point) as
 * independent jobs over a worker-thread pool, then the comparison. Results
 * are in scenario order whatever the number of threads.
 */
import * as path from 'node:path';
import { compareScenarios, type Comparison } from './compare';
import { runScenarioJob, type ScenarioBase, type ScenarioJob, type ScenarioJobOutput } from './job';
import { applyConfigOverrides, applyVolumeOverrides } from './overrides';
import type { Scenario, SimulationSpec } from './schema';
import { sweepCurve, sweepScenarios, type Sweep, type SweepCurve } from './sweep';
import { runPool } from './workers';

export interface WhatIfInput extends ScenarioBase {
  baseName: string;
  scenarios: Scenario[];
  sweeps: Sweep[];
}

export interface WhatIfOptions {
  /** Worker threads (default: CPU count); 0 runs every job in this thread. */
  jobs?: number;
  onProgress?: (done: number, total: number, name: string) => void;
  /**
   * Runs the jobs somewhere else (a job broker's workers) instead of this
   * machine's threads: outputs in job order, as the thread pool returns them.
   */
  pool?: ScenarioPool;
}

/** Runs every scenario job; `onProgress` after each one, with the job's index. */
export type ScenarioPool = (jobs: readonly ScenarioJob[], onProgress: (done: number, total: number, index: number) => void) => Promise<ScenarioJobOutput[]>;

export interface WhatIfRun {
  /** Base and scenarios, in file order. */
  scenarios: ScenarioJobOutput[];
  /** Per sweep, its points' outputs in sweep order. */
  sweeps: Array<{ sweep: Sweep; outputs: ScenarioJobOutput[] }>;
  comparison: Comparison;
  curves: SweepCurve[];
}

/** `promo +30%` → `promo-30`; never empty. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9\u4e00-\u9fff.=_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'scenario';
}

const pad = (i: number): string => String(i).padStart(2, '0');

/** Every job of the run, in order: base, scenarios, then each sweep's points. */
export function whatIfJobs(input: WhatIfInput): { jobs: ScenarioJob[]; sweepRanges: Array<{ sweep: Sweep; from: number; to: number }> } {
  const { baseName: _name, scenarios: _scenarios, sweeps: _sweeps, ...common } = input;
  void [_name, _scenarios, _sweeps];
  const base: Scenario = { name: input.baseName, description: 'the base as given', overrides: [] };
  const jobs: ScenarioJob[] = [base, ...input.scenarios].map((scenario, i) => ({
    ...common,
    name: scenario.name,
    description: scenario.description,
    folder: `${pad(i)}-${slug(scenario.name)}`,
    scenario,
  }));
  const sweepRanges: Array<{ sweep: Sweep; from: number; to: number }> = [];
  input.sweeps.forEach((sweep, s) => {
    const from = jobs.length;
    sweepScenarios(sweep, input.baseConfig).forEach((scenario, i) => {
      jobs.push({ ...common, name: scenario.name, description: scenario.description, folder: `sweeps/${pad(s)}-${slug(sweep.parameter)}/${pad(i)}-${slug(String(sweep.values[i]))}`, scenario });
    });
    sweepRanges.push({ sweep, from, to: jobs.length });
  });
  return { jobs, sweepRanges };
}

/** Apply every job's overrides here first, so a bad one fails before any plan is solved. */
export function checkJobs(jobs: readonly ScenarioJob[]): void {
  for (const job of jobs) {
    const ctx = { demandBased: job.history === null, ...(job.file === undefined ? {} : { file: job.file }) };
    const config = applyConfigOverrides(job.baseConfig, job.scenario, ctx);
    // A scenario that changes an event gets its own forecast in its worker; its volume limits are checked there.
    if (!job.scenario.overrides.some((o) => o.kind === 'event')) applyVolumeOverrides(job.demand, config, job.scenario, ctx);
  }
}

export async function runWhatIf(input: WhatIfInput, options: WhatIfOptions = {}): Promise<WhatIfRun> {
  const { jobs, sweepRanges } = whatIfJobs(input);
  checkJobs(jobs);
  const task = { file: path.join(__dirname, 'job'), exportName: runScenarioJob.name };
  const poolOptions = {
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    onProgress: (done: number, total: number, index: number) => options.onProgress?.(done, total, jobs[index]?.name ?? ''),
  };
  const outputs = options.pool
    ? await options.pool(jobs, poolOptions.onProgress)
    : await runPool<ScenarioJob, ScenarioJobOutput>(task, jobs, poolOptions);
  const scenarioCount = 1 + input.scenarios.length;
  const scenarios = outputs.slice(0, scenarioCount);
  const sweeps = sweepRanges.map(({ sweep, from, to }) => ({ sweep, outputs: outputs.slice(from, to) }));
  const curves = sweeps.map(({ sweep, outputs: points }) =>
    sweepCurve(
      sweep.parameter,
      points.map((o, i) => ({
        value: sweep.values[i] as number,
        name: o.result.name,
        totalCost: o.result.status === 'ok' ? o.result.totalCost : null,
        lostServiceCost: o.result.status === 'ok' ? o.result.lostServiceCost : null,
        shortfallAgentHours: o.result.status === 'ok' ? o.result.shortfallAgentHours : null,
      })),
    ),
  );
  return { scenarios, sweeps, comparison: compareScenarios(scenarios.map((o) => o.result)), curves };
}
