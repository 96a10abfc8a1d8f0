/**
 * The what-if output folder: one plan folder per scenario (and per sweep
 * point) plus comparison.csv / .md / .html and one CSV per sweep. Built as a
 * map of files so the whole folder is written atomically.
 *
 * Each scenario's folder is a plan folder (`planFolderFiles`, the same files
 * as `peakshift plan` without a roster) plus simulation.csv; a scenario
 * without a plan keeps config.json, forecast.csv, requirements.csv and a
 * summary.json saying why.
 */
import {
  comparisonCsv,
  comparisonHtml,
  comparisonMarkdown,
  simulationCsv,
  simulationSummary,
  slug,
  sweepCsv,
  type ScenarioJobOutput,
  type WhatIfRun,
} from '../scenario';
import { formatForecastCsv } from './demand';
import type { Lang } from '../domain/i18n';
import { configJson, planFolderFiles } from './plan-folder';
import { formatRequirementsCsv } from './requirements';

/** summary.json of one scenario: its name and status, the plan folder's summary and the simulation. */
function summaryBody(output: ScenarioJobOutput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    scenario: output.result.name,
    description: output.result.description,
    status: output.result.status,
  };
  if (output.result.message) body.message = output.result.message;
  if (output.plan) {
    Object.assign(body, output.plan.folderSummary);
    body.peakAgentsByPool = output.result.peakAgentsByPool;
  }
  if (output.simulation) body.simulation = simulationSummary(output.simulation);
  return body;
}

async function scenarioFolderFiles(output: ScenarioJobOutput, files: Map<string, string | Buffer>, lang: Lang): Promise<void> {
  const dir = output.result.folder;
  const summary = summaryBody(output);
  if (output.plan) {
    const folder = await planFolderFiles({ config: output.config, demand: output.demand, requirement: output.requirement, plan: output.plan, service: output.plan.service, summary, lang, roster: output.plan.roster }, dir);
    for (const [name, text] of folder) files.set(name, text);
  } else {
    // No plan: what the scenario was sized on, and why it has no plan.
    files.set(`${dir}/config.json`, configJson(output.config));
    files.set(`${dir}/forecast.csv`, formatForecastCsv(output.demand));
    files.set(`${dir}/requirements.csv`, formatRequirementsCsv(output.requirement));
    files.set(`${dir}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (output.simulation) files.set(`${dir}/simulation.csv`, simulationCsv(output.simulation));
}

/** Every file of the what-if output folder, by relative path. */
/** comparison.md and comparison.html, the comparison for people, in `lang`. */
export function comparisonFiles(run: WhatIfRun, lang: Lang): Map<string, string> {
  return new Map([
    ['comparison.md', comparisonMarkdown(run.comparison, run.curves, lang)],
    ['comparison.html', comparisonHtml(run.comparison, run.scenarios.map((o) => o.result), run.curves, lang)],
  ]);
}

export async function whatIfFiles(run: WhatIfRun, lang: Lang = 'en'): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  for (const output of run.scenarios) await scenarioFolderFiles(output, files, lang);
  for (const { outputs } of run.sweeps) for (const output of outputs) await scenarioFolderFiles(output, files, lang);
  files.set('comparison.csv', comparisonCsv(run.comparison));
  for (const [name, text] of comparisonFiles(run, lang)) files.set(name, text);
  run.curves.forEach((curve) => files.set(`sweep-${slug(curve.parameter)}.csv`, sweepCsv(curve)));
  return files;
}
