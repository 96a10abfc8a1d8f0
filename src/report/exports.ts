/** Every roster export of a plan folder, as relative path → content (written by io/). */
import type { Roster } from '../roster';
import { buildReportModel, renderReportHtml, renderSummaryMarkdown, type ReportInput, type ReportModel } from './plan';
import { formatRosterCsv, formatRosterGrid, formatVendorSheet } from './roster';

/** `model`: the report model of `input` when the caller has built it already. */
export function rosterExportFiles(input: ReportInput & { roster: Roster }, model: ReportModel = buildReportModel(input)): Map<string, string> {
  const files = new Map<string, string>();
  files.set('roster.csv', formatRosterCsv(input.roster));
  files.set('roster-grid.csv', formatRosterGrid(input.roster, input.config));
  for (const pool of input.config.pools) {
    if (pool.kind !== 'vendor') continue;
    const ps = input.summary.pools[pool.name];
    if (!ps || !ps.used) continue;
    files.set(`vendors/${pool.name}.csv`, formatVendorSheet(pool.name, input.roster, input.lines, ps, input.config));
    files.set(`vendors/${pool.name}-grid.csv`, formatRosterGrid(input.roster, input.config, new Set([pool.name])));
  }
  files.set('summary.md', renderSummaryMarkdown(model));
  files.set('report.html', renderReportHtml(model));
  return files;
}
