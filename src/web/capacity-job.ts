/**
 * The page's "Before the peak" step: `peakshift capacity` on the uploaded
 * history, config and agents, with the same stage functions and the same
 * folder files as the CLI. The summary is capacity.json's figures.
 */
import { capacityDates, planCapacity } from '../capacity';
import { capacityOf } from '../config';
import { checkForecastWindow } from '../domain/limits';
import { capacityFolderFiles } from '../io/capacity';
import { parseAgents } from '../io/agents';
import { loadConfigText } from '../io/config';
import { parseHistory } from '../io/history';
import { sizeSource } from '../pipeline';
import { solverByName } from '../plan';
import { badRequest } from './http';
import type { CapacityRequest } from './api-types';
import type { PlanInputs, PlanOutput, ProgressFn } from './queue';
import { filesOf } from './plan-job';

const NAMES = { from: 'capacity.from', until: 'capacity.until' };

/** `capacity: {"from": "2026-08-03", "until": "2026-11-30", "quantile": "p90"}` of a plan request, checked like the CLI's options. */
export function capacityRequest(value: unknown): CapacityRequest | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('expected capacity: {"from": "2026-08-03", "until": "2026-11-30"}', 'capacity');
  const { from, until, quantile, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw badRequest(`capacity.${unknown}: unknown field; expected from, until, quantile`, 'capacity');
  if (quantile !== undefined && quantile !== 'p50' && quantile !== 'p90') throw badRequest(`capacity.quantile: expected p50 or p90, got ${JSON.stringify(quantile)}`, 'capacity');
  let dates: { from: string; until: string };
  try {
    dates = capacityDates(from, until, NAMES);
  } catch (error) {
    throw badRequest((error as Error).message, 'capacity');
  }
  return { ...dates, ...(quantile === 'p50' || quantile === 'p90' ? { quantile } : {}) };
}

export async function runCapacityJob(inputs: PlanInputs, request: CapacityRequest, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  const { from, until } = request;
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  checkForecastWindow(history, from, until, { start: NAMES.from, end: NAMES.until });
  const agents = inputs.agents ? parseAgents(inputs.agents.text, inputs.agents.file, config) : undefined;
  const quantile = request.quantile ?? capacityOf(config).quantile;
  onProgress({ stage: 'forecast', fraction: 0.1 });
  const { demand, requirement } = sizeSource(config, { kind: 'history', history }, from, until, inputs.history.file, quantile, []);
  onProgress({ stage: 'capacity', fraction: 0.5 });
  const plan = await planCapacity({ config, requirement, demand, from, until, quantile, sourceFile: inputs.history.file, solver: solverByName(config.solver.name), ...(agents ? { agents } : {}) });
  onProgress({ stage: 'report', fraction: 0.95 });
  const files = capacityFolderFiles({ plan, config, agents: agents ?? null, lang: config.language ?? 'en' });
  return { files: filesOf(files), summary: JSON.parse(files.get('capacity.json') as string) as unknown };
}
