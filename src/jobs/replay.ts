/**
 * The page's "How would this have done?": `peakshift replay` on the uploaded
 * texts for the plan's horizon one year earlier (same calendar dates; Feb 29
 * becomes Feb 28), with the same files and bytes as the CLI writes.
 */
import { UsageError, isValidDate } from '../domain';
import { parseAgents } from '../io/agents';
import { parseHistory } from '../io/history';
import { loadConfigText } from '../io/config';
import { replayFiles, runReplay, STRATEGIES } from '../replay';
import { filesOf } from './files';
import type { PlanInputs, PlanOutput, ProgressFn } from './types';

/** The same calendar date one year earlier. */
export function sameDateLastYear(date: string): string {
  const earlier = `${String(Number(date.slice(0, 4)) - 1).padStart(4, '0')}${date.slice(4)}`;
  return isValidDate(earlier) ? earlier : `${earlier.slice(0, 8)}28`;
}

export async function runReplayJob(inputs: PlanInputs, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  if (!config.horizon) throw new UsageError('no dates to replay: expected horizon in the config');
  const start = sameDateLastYear(config.horizon.start);
  const end = sameDateLastYear(config.horizon.end);
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  const agents = inputs.agents ? parseAgents(inputs.agents.text, inputs.agents.file, config) : undefined;
  onProgress({ stage: 'forecast', fraction: 0.05 });
  let planned = 0;
  let current = '';
  const result = await runReplay({
    config,
    history,
    historyFile: inputs.history.file,
    start,
    end,
    strategies: STRATEGIES,
    runs: 3,
    seed: 1,
    lang: config.language ?? 'en',
    ...(agents ? { agents } : {}),
    onProgress: (strategy) => {
      if (strategy === current) return;
      current = strategy;
      planned += 1;
      onProgress({ stage: 'plan', fraction: 0.1 + (0.85 * (planned - 1)) / STRATEGIES.length, detail: strategy });
    },
  });
  onProgress({ stage: 'report', fraction: 0.95 });
  const files = replayFiles(result, config.language ?? 'en');
  return { files: filesOf(files), summary: { replay: { start, end, currency: result.currency, best: result.best, configured: result.configured } } };
}
