/**
 * The what-if output folder: one plan folder per scenario (and per sweep
 * point) plus comparison.csv / .md / .html and one CSV per sweep. Built as a
 * map of files so the whole folder is written atomically.
 *
 * The per-scenario plan folder here holds the files the comparison and
 * `simulate --plan` need (config.json, forecast.csv, requirements.csv,
 * shifts.csv, coverage.csv with a queue column, summary.json, simulation.csv).
 */
import type { Config } from '../config';
import type { ShiftLine } from '../domain';
import type { CoverageRow } from '../plan';
import {
  comparisonCsv,
  csvCell,
  comparisonHtml,
  comparisonMarkdown,
  simulationCsv,
  simulationSummary,
  slug,
  sweepCsv,
  type ScenarioJobOutput,
  type WhatIfRun,
} from '../scenario';
import { fixed2, formatForecastCsv } from './demand';
import { formatRequirementsCsv } from './requirements';

const n = (v: number, digits: number): string => {
  const r = Number(v.toFixed(digits));
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
};

export function formatShiftsCsv(lines: readonly ShiftLine[]): string {
  const out = ['date,shift,start,end,pool,queue,agents,cost'];
  for (const l of lines) out.push([l.date, csvCell(l.shift), l.start, l.end, csvCell(l.pool), csvCell(l.queue ?? ''), String(l.agents), fixed2(l.cost)].join(','));
  return `${out.join('\n')}\n`;
}

export const COVERAGE_HEADER = ['timestamp', 'queue', 'required', 'scheduled', 'shortfall', 'surplus', 'agents'] as const;

export function formatCoverageCsv(rows: readonly CoverageRow[]): string {
  const out: string[] = [COVERAGE_HEADER.join(',')];
  for (const r of rows) out.push([r.timestamp, csvCell(r.queue), n(r.required, 4), n(r.scheduled, 4), n(r.shortfall, 4), n(r.surplus, 4), n(r.agents, 4)].join(','));
  return `${out.join('\n')}\n`;
}

/** summary.json of one scenario: the plan's summary, the scenario's figures and the simulation. */
function summaryJson(output: ScenarioJobOutput, scenario: { name: string; description: string }): string {
  const body: Record<string, unknown> = {
    scenario: scenario.name,
    description: scenario.description,
    status: output.result.status,
  };
  if (output.result.message) body.message = output.result.message;
  if (output.plan) {
    const { seconds: _seconds, ...solver } = output.plan.summary.solver;
    void _seconds;
    // Solver seconds vary from run to run; left out so the same inputs give the same bytes.
    body.plan = { ...output.plan.summary, solver };
    body.peakAgentsByPool = output.result.peakAgentsByPool;
    body.lowestHourlyServiceLevel = output.result.lowestServiceLevel;
    body.abandonRate = output.result.abandonRate;
  }
  if (output.simulation) body.simulation = simulationSummary(output.simulation);
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function configJson(config: Config): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

function planFolderFiles(output: ScenarioJobOutput, files: Map<string, string>): void {
  const dir = output.result.folder;
  files.set(`${dir}/config.json`, configJson(output.config));
  files.set(`${dir}/forecast.csv`, formatForecastCsv(output.demand));
  files.set(`${dir}/requirements.csv`, formatRequirementsCsv(output.requirement));
  if (output.plan) {
    files.set(`${dir}/shifts.csv`, formatShiftsCsv(output.plan.lines));
    files.set(`${dir}/coverage.csv`, formatCoverageCsv(output.plan.coverage));
  }
  if (output.simulation) files.set(`${dir}/simulation.csv`, simulationCsv(output.simulation));
  files.set(`${dir}/summary.json`, summaryJson(output, output.result));
}

/** Every file of the what-if output folder, by relative path. */
export function whatIfFiles(run: WhatIfRun): Map<string, string> {
  const files = new Map<string, string>();
  for (const output of run.scenarios) planFolderFiles(output, files);
  for (const { outputs } of run.sweeps) for (const output of outputs) planFolderFiles(output, files);
  files.set('comparison.csv', comparisonCsv(run.comparison));
  files.set('comparison.md', comparisonMarkdown(run.comparison, run.curves));
  files.set('comparison.html', comparisonHtml(run.comparison, run.scenarios.map((o) => o.result), run.curves));
  run.curves.forEach((curve) => files.set(`sweep-${slug(curve.parameter)}.csv`, sweepCsv(curve)));
  return files;
}
