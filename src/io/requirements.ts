/**
 * The requirements CSV (DESIGN.md):
 * `timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy,abandon_rate`,
 * then `floor_agents` (productive agents that reach the hourly service floor).
 * One row per hour per queue, then a row with queue `all` carrying the hour's
 * total: summed inquiries, agents and scheduled; service level, ASA and abandon
 * rate weighted by inquiries; occupancy weighted by agents. `abandon_rate` is
 * empty for Erlang C queues. Fixed decimals keep the output byte-stable.
 */
import { InputError, describeValue, hourKeyFromNumber, hourNumber, type QueueRequirement, type Requirement, type RequirementCell } from '../domain';
import { MAX_COUNT_PER_ROW, MAX_SERVERS, groupedInt } from '../domain/limits';
import { csvCell, fixedDigits as fixed } from '../report/format';
import { checkHourSpan, fixed2, hourCell } from './demand';
import { stripBom } from './encoding';
import { readTextFile } from './files';
import { forEachCsvRecord, normalizeNewlines } from './csv';

export const REQUIREMENTS_HEADER = ['timestamp', 'queue', 'inquiries', 'agents', 'scheduled', 'service_level', 'asa_seconds', 'occupancy', 'abandon_rate'] as const;
/** Written after the DESIGN.md columns; optional on input (the planner sizes it when absent). */
export const FLOOR_COLUMN = 'floor_agents';

function row(ts: string, queue: string, c: RequirementCell): string {
  const asa = Number.isFinite(c.asaSeconds) ? fixed2(c.asaSeconds) : '';
  const abandon = c.abandonRate === null ? '' : fixed(c.abandonRate, 4);
  const floor = c.floorAgents === undefined ? '' : Number.isInteger(c.floorAgents) ? String(c.floorAgents) : fixed2(c.floorAgents);
  return `${ts},${csvCell(queue)},${fixed2(c.inquiries)},${Number.isInteger(c.agents) ? c.agents : fixed2(c.agents)},${fixed2(c.scheduled)},${fixed(c.serviceLevel, 4)},${asa},${fixed(c.occupancy, 4)},${abandon},${floor}`;
}

/** The hour's total over every queue (the `all` row). */
export function totalCell(cells: RequirementCell[]): RequirementCell {
  let inquiries = 0;
  let agents = 0;
  let scheduled = 0;
  let sl = 0;
  let asa = 0;
  let busy = 0;
  let abandon = 0;
  let anyAbandon = false;
  let floor = 0;
  let anyFloor = false;
  for (const c of cells) {
    if (c.floorAgents !== undefined) {
      anyFloor = true;
      floor += c.floorAgents;
    }
    inquiries += c.inquiries;
    agents += c.agents;
    scheduled += c.scheduled;
    sl += c.serviceLevel * c.inquiries;
    asa += (Number.isFinite(c.asaSeconds) ? c.asaSeconds : 0) * c.inquiries;
    busy += c.occupancy * c.agents;
    if (c.abandonRate !== null) {
      anyAbandon = true;
      abandon += c.abandonRate * c.inquiries;
    }
  }
  return {
    inquiries,
    agents,
    scheduled,
    serviceLevel: inquiries > 0 ? sl / inquiries : 1,
    asaSeconds: inquiries > 0 ? asa / inquiries : 0,
    occupancy: agents > 0 ? busy / agents : 0,
    abandonRate: anyAbandon ? (inquiries > 0 ? abandon / inquiries : 0) : null,
    ...(anyFloor ? { floorAgents: floor } : {}),
  };
}

export function formatRequirementsCsv(requirement: Requirement): string {
  const lines: string[] = [[...REQUIREMENTS_HEADER, FLOOR_COLUMN].join(',')];
  const start = hourNumber(requirement.startHour);
  for (let i = 0; i < requirement.hours; i++) {
    const ts = hourKeyFromNumber(start + i);
    const cells: RequirementCell[] = [];
    for (const q of requirement.queues) {
      const cell = q.cells[i];
      if (!cell) continue;
      cells.push(cell);
      lines.push(row(ts, q.name, cell));
    }
    lines.push(row(ts, 'all', totalCell(cells)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parse a requirements CSV into a Requirement. Rows with queue `all` are
 * totals and are skipped; every other queue needs one row per hour without gaps.
 */
export function parseRequirementsCsv(text: string, file: string, timezone: string): Requirement {
  let header: string[] | undefined;
  const columns = new Map<string, number>();
  const col = (name: (typeof REQUIREMENTS_HEADER)[number]): number => columns.get(name) as number;
  let floorCol = -1;
  const byQueue = new Map<string, Map<number, RequirementCell>>();
  let first = Infinity;
  let last = -Infinity;
  let rows = 0;
  forEachCsvRecord(normalizeNewlines(stripBom(text, file)), file, ',', (rec, line) => {
    if (header === undefined) {
      header = rec.map((h) => h.trim().toLowerCase());
      for (const name of REQUIREMENTS_HEADER) {
        const index = header.indexOf(name);
        if (index < 0) {
          throw new InputError({ file, line, column: 1 }, `header ${describeValue(header.join(','))} without column ${name}`, `a requirements CSV header ${REQUIREMENTS_HEADER.join(',')}`);
        }
        columns.set(name, index);
      }
      floorCol = header.indexOf(FLOOR_COLUMN);
      return;
    }
    rows += 1;
    const cell = (name: (typeof REQUIREMENTS_HEADER)[number]): string => (rec[col(name)] ?? '').trim();
    const ts = cell('timestamp');
    const at = { file, line, column: col('timestamp') + 1 };
    const hour = hourCell(ts, at);
    const queue = cell('queue');
    if (queue === '') throw new InputError({ file, line, column: col('queue') + 1 }, 'an empty queue', 'a queue name');
    const num = (name: (typeof REQUIREMENTS_HEADER)[number], max: number, what: string): number => {
      const t = cell(name);
      const v = Number(t);
      if (t === '' || !Number.isFinite(v) || v < 0 || v > max) throw new InputError({ file, line, column: col(name) + 1 }, `${name} ${describeValue(t)}`, what);
      return v;
    };
    const count = `a number from 0 to ${groupedInt(MAX_COUNT_PER_ROW)}`;
    const inquiries = num('inquiries', MAX_COUNT_PER_ROW, count);
    const agents = num('agents', MAX_SERVERS, `a number of agents from 0 to ${groupedInt(MAX_SERVERS)}`);
    const scheduled = num('scheduled', MAX_COUNT_PER_ROW, count);
    const serviceLevel = num('service_level', 1, 'a share from 0 to 1');
    const asaText = cell('asa_seconds');
    const asaSeconds = asaText === '' ? Infinity : num('asa_seconds', MAX_COUNT_PER_ROW, 'seconds >= 0 (or empty when unbounded)');
    const occupancy = num('occupancy', 1, 'a share from 0 to 1');
    const abandonRate = cell('abandon_rate') === '' ? null : num('abandon_rate', 1, 'a share from 0 to 1, or empty for Erlang C');
    const floorText = floorCol >= 0 ? (rec[floorCol] ?? '').trim() : '';
    let floorAgents: number | undefined;
    if (floorText !== '') {
      floorAgents = Number(floorText);
      if (!Number.isFinite(floorAgents) || floorAgents < 0 || floorAgents > agents) {
        throw new InputError({ file, line, column: floorCol + 1 }, `${FLOOR_COLUMN} ${describeValue(floorText)}`, `a number from 0 to the row's agents (${agents}), or empty`);
      }
    }
    if (queue === 'all') return;
    checkHourSpan(first, last, hour, at);
    let q = byQueue.get(queue);
    if (!q) {
      q = new Map();
      byQueue.set(queue, q);
    }
    if (q.has(hour)) throw new InputError({ file, line, column: col('timestamp') + 1 }, `timestamp ${ts} for queue ${describeValue(queue)} again`, 'one row per hour and queue');
    q.set(hour, { inquiries, agents, scheduled, serviceLevel, asaSeconds, occupancy, abandonRate, ...(floorAgents === undefined ? {} : { floorAgents }) });
    first = Math.min(first, hour);
    last = Math.max(last, hour);
  });
  if (header === undefined) throw new InputError({ file, line: 1, column: 1 }, 'an empty file', `a requirements CSV header ${REQUIREMENTS_HEADER.join(',')}`);
  if (rows === 0) throw new InputError({ file, line: 2, column: 1 }, 'no data rows', 'at least one requirements row');
  if (byQueue.size === 0) throw new InputError({ file, line: 2 }, 'only rows with queue "all"', 'at least one row per queue (the "all" rows are totals)');
  const hours = last - first + 1;
  const queues: QueueRequirement[] = [...byQueue.entries()].map(([name, m]) => {
    const cells: RequirementCell[] = [];
    for (let i = 0; i < hours; i++) {
      const c = m.get(first + i);
      if (!c) throw new InputError({ file }, `no row for ${hourKeyFromNumber(first + i)} in queue ${describeValue(name)}`, 'one row per hour for every queue, without gaps');
      cells.push(c);
    }
    return { name, cells };
  });
  return { timezone, startHour: hourKeyFromNumber(first), hours, queues };
}

export function readRequirementsCsv(file: string, timezone: string): Requirement {
  return parseRequirementsCsv(readTextFile(file, 'a readable requirements CSV'), file, timezone);
}
