/**
 * Reading what `simulate --plan DIR` needs from a plan folder: the config copy
 * (config.json), the forecast (forecast.csv) and the productive agents
 * scheduled per hour and queue (coverage.csv with a queue column).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Config } from '../config';
import { describeValue, InputError, type Demand } from '../domain';
import type { CoverageRow } from '../plan';
import { parseJsonText, readConfig } from './config';
import { readForecastCsv } from './demand';
import { readTextFile, writeFileAtomic } from './files';

export interface PlanForSimulation {
  config: Config;
  demand: Demand;
  coverage: CoverageRow[];
}

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:00$/;

export function parseCoverageCsv(text: string, file: string, queueNames: readonly string[]): CoverageRow[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; code?: string };
    throw new InputError({ file, line: e.lines }, `malformed CSV (${e.code ?? 'unknown'})`, 'comma-separated values');
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  for (const name of ['timestamp', 'required', 'scheduled']) {
    if (col(name) < 0) throw new InputError({ file, line: 1, column: 1 }, `header ${describeValue(header.join(','))}`, 'a coverage CSV with timestamp, queue, required and scheduled columns');
  }
  const cQueue = col('queue');
  if (cQueue < 0 && queueNames.length > 1) {
    throw new InputError({ file, line: 1, column: 1 }, `no queue column with ${queueNames.length} queues in the config`, 'one row per hour and queue (timestamp,queue,required,scheduled,...)');
  }
  const rows: CoverageRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as string[];
    const line = r + 1;
    const ts = (rec[col('timestamp')] ?? '').trim();
    if (!TS_RE.test(ts)) throw new InputError({ file, line, column: col('timestamp') + 1 }, `timestamp ${describeValue(ts)}`, 'an hour like 2026-06-18T10:00');
    const num = (name: string): number => {
      const c = col(name);
      if (c < 0) return 0;
      const t = (rec[c] ?? '').trim();
      const v = Number(t);
      if (t === '' || !Number.isFinite(v) || v < 0) throw new InputError({ file, line, column: c + 1 }, `${name} ${describeValue(t)}`, 'a number >= 0');
      return v;
    };
    const queue = cQueue >= 0 ? (rec[cQueue] ?? '').trim() : (queueNames[0] as string);
    if (queue !== 'all' && !queueNames.includes(queue)) {
      throw new InputError({ file, line, column: cQueue + 1 }, `queue ${describeValue(queue)}`, `one of the config's queues (${queueNames.join(', ')}) or all`);
    }
    rows.push({ timestamp: ts, queue, required: num('required'), scheduled: num('scheduled'), shortfall: num('shortfall'), surplus: num('surplus'), agents: num('agents') });
  }
  if (cQueue < 0) {
    // One queue and totals only: the totals are that queue's rows, and its `all` rows too.
    rows.push(...rows.map((r) => ({ ...r, queue: 'all' })));
  }
  return rows;
}

export function readPlanForSimulation(dir: string): PlanForSimulation {
  const config = readConfig(path.join(dir, 'config.json'));
  const demand = readForecastCsv(path.join(dir, 'forecast.csv'), config.timezone);
  const coverageFile = path.join(dir, 'coverage.csv');
  const coverage = parseCoverageCsv(readTextFile(coverageFile, 'the plan\'s coverage CSV'), coverageFile, config.queues.map((q) => q.name));
  return { config, demand, coverage };
}

/** Set one top-level key of the folder's summary.json (created when missing), atomically. */
export function updatePlanSummary(dir: string, key: string, value: unknown): void {
  const file = path.join(dir, 'summary.json');
  let body: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const parsed = parseJsonText(readTextFile(file), file);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError({ file, line: 1, column: 1 }, 'not a JSON object', 'the plan summary object');
    body = parsed as Record<string, unknown>;
  }
  body[key] = value;
  writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
}
