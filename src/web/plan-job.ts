/**
 * One run from uploaded texts, with the same readers and the same stage
 * functions as the CLI, so the page's output folder has the CLI's bytes. Runs
 * inside the plan worker (plan-worker.ts) so a long solve never blocks the server.
 */
import { parseHistory } from '../io/history';
import { loadConfigText, parseJsonText } from '../io/config';
import { whatIfFiles } from '../io/whatif';
import { parseScenarioFile, parseSweep, prepareWhatIf, runWhatIf, type ScenarioFile } from '../scenario';
import type { NamedText } from './api-types';
import { HttpError } from './http';
import type { PlanFile, PlanInputs, PlanOutput, ProgressFn } from './queue';

/**
 * A scenario file as the page sends it: the file's format, where `base` may be
 * left out and its config, history and agents paths are ignored (the request
 * carries those: the uploaded history stands in as base.history).
 */
export function parseWebScenarios(input: NamedText, historyFile: string): ScenarioFile {
  const json = parseJsonText(input.text, input.file);
  const body = json !== null && typeof json === 'object' && !Array.isArray(json) ? { ...(json as Record<string, unknown>) } : json;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const base = record.base !== null && typeof record.base === 'object' ? { ...(record.base as Record<string, unknown>) } : {};
    for (const key of ['history', 'demand', 'agents']) delete base[key];
    record.base = { ...base, config: {}, history: historyFile };
  }
  return parseScenarioFile(body, input.file);
}

function fileType(name: string): string {
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.md')) return 'text/markdown; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

export function filesOf(files: ReadonlyMap<string, string>): PlanFile[] {
  return [...files].map(([name, body]) => ({ name, type: fileType(name), body }));
}

async function runWhatIfJob(inputs: PlanInputs, scenarios: NamedText, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  const spec = parseWebScenarios(scenarios, inputs.history.file);
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  onProgress({ stage: 'forecast', fraction: 0.05 });
  const { input } = prepareWhatIf({
    file: scenarios.file,
    base: spec.base,
    config,
    demand: null,
    history: () => history,
    demandFile: inputs.history.file,
    scenarios: spec.scenarios,
    sweeps: spec.sweeps.map(parseSweep),
    simulation: spec.simulation,
  });
  // One thread: the server runs one job at a time, in this worker.
  const run = await runWhatIf(input, { jobs: 0, onProgress: (done, total) => onProgress({ stage: 'whatif', fraction: 0.1 + (0.9 * done) / Math.max(1, total) }) });
  const files = whatIfFiles(run);
  files.set('scenarios.json', scenarios.text);
  return { files: filesOf(files), summary: run.comparison };
}

export async function runPlanJob(inputs: PlanInputs, onProgress: ProgressFn): Promise<PlanOutput> {
  onProgress({ stage: 'parse', fraction: 0.02 });
  if (inputs.scenarios) return runWhatIfJob(inputs, inputs.scenarios, onProgress);
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  throw new HttpError(501, {
    code: 'unavailable',
    message: 'the shift planner is not part of this build yet; the history and config were read without errors',
  });
}
