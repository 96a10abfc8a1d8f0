/**
 * One page run from uploaded texts, with the same readers and the same stage
 * functions as the CLI (src/pipeline.ts for a plan, the what-if runner for scenarios), so the page's output folder has the CLI's bytes. Runs
 * in a process of its own (the web server's web/plan-worker.ts, or a broker worker's
 * job process) so a long solve never blocks the server.
 */
import { UsageError } from '../domain';
import { parseAgents } from '../io/agents';
import { parseHistory } from '../io/history';
import { loadConfigText, parseJsonText } from '../io/config';
import { planFolderFiles } from '../io/plan-folder';
import { comparisonFiles, whatIfFiles } from '../io/whatif';
import { checkReplanNow, parseReplanNow, planForReplan, replanFolderFiles } from '../io/replan';
import { solverByName } from '../plan';
import { replanDay } from '../replan';
import { runPipeline, type PipelineProgress } from '../pipeline';
import { parseScenarioFile, parseSweep, prepareWhatIf, runWhatIf, type ScenarioFile } from '../scenario';
import { designMarkdown, designRequirement, designShifts, newConfigJson } from '../design';
import type { DesignRequest, JobProgress, NamedText, PlanInputs, PlanOutput, ProgressFn } from './types';
import { runCapacityJob } from './capacity';
import { runReplayJob } from './replay';
import { filesOf } from './files';

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

async function runWhatIfJob(inputs: PlanInputs, scenarios: NamedText, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  const spec = parseWebScenarios(scenarios, inputs.history.file);
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  const agents = inputs.agents ? parseAgents(inputs.agents.text, inputs.agents.file, config) : undefined;
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
    ...(agents ? { agents } : {}),
  });
  // One thread: the server runs one job at a time, in this process.
  const run = await runWhatIf(input, { jobs: 0, onProgress: (done, total) => onProgress({ stage: 'whatif', fraction: 0.1 + (0.9 * done) / Math.max(1, total) }) });
  const lang = config.language ?? 'en';
  const files = await whatIfFiles(run, lang);
  files.set('scenarios.json', scenarios.text);
  // The comparison in the other language too: the page's downloads follow its language switch.
  const other = lang === 'zh' ? 'en' : 'zh';
  for (const [name, text] of comparisonFiles(run, other)) files.set(`${other}/${name}`, text);
  return { files: filesOf(files), summary: run.comparison };
}

/**
 * The page's progress bar over the pipeline's stages (the CLI's progress line
 * shows the same): forecast 5-15%, sizing 15-20%, solving 20-85% (each solve
 * moves the bar half of the way left, as the number of solves is not known
 * in advance), pricing the short hours 85-95%.
 */
export function webProgress(p: PipelineProgress): JobProgress {
  const solving = 0.2 + 0.65 * (1 - 0.5 ** p.solves);
  const roster = p.model === 'roster';
  const detail = p.solve
    ? `${p.round !== undefined && p.round > 1 ? `round ${p.round} · ` : ''}${p.solve.status}${Number.isFinite(p.solve.objective) ? ` ${Math.round(p.solve.objective).toLocaleString('en-US')}` : ''}${p.solve.gap === null ? '' : ` · gap ${(p.solve.gap * 100).toFixed(2)}%`} · ${p.solve.seconds.toFixed(1)} s`
    : undefined;
  const at = (stage: string, fraction: number): JobProgress => ({ stage, fraction, ...(detail ? { detail } : {}) });
  switch (p.stage) {
    case 'forecast':
      return at('forecast', 0.05);
    case 'sizing':
      return at('requirements', 0.15);
    case 'solve':
      return at(roster ? 'roster' : 'plan', solving);
    case 'explain':
      return at('explain', 0.85);
    case 'done':
      return at('report', 0.95);
  }
}

/** `peakshift plan --config C --history H [--agents A] --out-dir D` on the uploaded texts: the plan folder's files. */
async function runPlanFolderJob(inputs: PlanInputs, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  if (!config.horizon) throw new UsageError('no dates to plan: expected horizon in the config');
  const { start, end } = config.horizon;
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  const agents = inputs.agents ? parseAgents(inputs.agents.text, inputs.agents.file, config) : undefined;
  const run = await runPipeline({ config, source: { kind: 'history', history }, sourceFile: inputs.history.file, start, end, ...(agents ? { agents } : {}), ...(inputs.strict ? { strict: true } : {}), onProgress: (p) => onProgress(webProgress(p)) });
  onProgress({ stage: 'report', fraction: 0.95 });
  const lang = config.language ?? 'en';
  // The files for people in the other language too: the page's downloads follow its language switch.
  const files = await planFolderFiles({ lang, alsoLangs: [lang === 'zh' ? 'en' : 'zh'], config, demand: run.demand, requirement: run.requirement, plan: run.plan, service: run.service, summary: run.summary, roster: run.roster?.roster ?? null, agents: agents ?? null });
  return { files: filesOf(files), summary: run.summary };
}

/**
 * `peakshift design-shifts --config C --history H --out NEW-CONFIG.json` on the uploaded texts:
 * the new config and design.md; the summary carries the comparison and the new config's text.
 */
async function runDesignJob(inputs: PlanInputs, design: DesignRequest, onProgress: ProgressFn): Promise<PlanOutput> {
  const config = loadConfigText(inputs.config.text, inputs.config.file);
  if (!config.horizon) throw new UsageError('no dates to design for: expected horizon in the config');
  const { start, end } = config.horizon;
  const history = parseHistory(inputs.history.text, inputs.history.file, { timezone: config.timezone });
  onProgress({ stage: 'design', fraction: 0.1 });
  const { requirement } = designRequirement(config, { kind: 'history', history }, start, end, inputs.history.file);
  const result = await designShifts({ config, requirement, start, end, ...(design.maxTypes === undefined ? {} : { maxTypes: design.maxTypes }) });
  const text = `${JSON.stringify(newConfigJson(parseJsonText(inputs.config.text, inputs.config.file), result), null, 2)}\n`;
  loadConfigText(text, 'NEW-CONFIG.json');
  const files = new Map([
    ['NEW-CONFIG.json', text],
    ['design.md', designMarkdown(result)],
  ]);
  const { config: _config, ...comparison } = result;
  void _config;
  return { files: filesOf(files), summary: { design: comparison, newConfig: text } };
}

/** `peakshift replan --plan <the run's folder> --actuals <uploaded> --now T`: the re-planned folder's files. */
async function runReplanJob(inputs: PlanInputs, replan: NonNullable<PlanInputs['replan']>, onProgress: ProgressFn): Promise<PlanOutput> {
  const plan = planForReplan(new Map(replan.plan.map((f) => [f.name, typeof f.body === 'string' ? Buffer.from(f.body, 'utf8') : Buffer.from(f.body)])), 'the plan', (name) => name);
  const now = parseReplanNow(replan.now);
  checkReplanNow(now, plan.demand);
  const actuals = parseHistory(inputs.history.text, inputs.history.file, {
    timezone: plan.config.timezone,
    before: { hour: now, option: '--now' },
    knownQueues: { names: plan.config.queues.map((q) => q.name), owner: "the plan's" },
  });
  onProgress({ stage: 'replan', fraction: 0.2 });
  const result = await replanDay({ config: plan.config, demand: plan.demand, coverage: plan.coverage, roster: plan.roster, agents: plan.agents, actuals, now, solver: solverByName(plan.config.solver.name) });
  const files = new Map([...replanFolderFiles(plan, result)].map(([name, body]) => [name, typeof body === 'string' ? body : body.toString('utf8')]));
  return { files: filesOf(files), summary: { replan: result.figures, line: result.line } };
}

export async function runPlanJob(inputs: PlanInputs, onProgress: ProgressFn): Promise<PlanOutput> {
  onProgress({ stage: 'parse', fraction: 0.02 });
  if (inputs.design) return runDesignJob(inputs, inputs.design, onProgress);
  if (inputs.capacity) return runCapacityJob(inputs, inputs.capacity, onProgress);
  if (inputs.replay) return runReplayJob(inputs, onProgress);
  if (inputs.replan) return runReplanJob(inputs, inputs.replan, onProgress);
  return inputs.scenarios ? runWhatIfJob(inputs, inputs.scenarios, onProgress) : runPlanFolderJob(inputs, onProgress);
}
