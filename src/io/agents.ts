/**
 * The agents file (`--agents F`):
 * `agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable[,hired]`.
 *
 * Headers are matched case-insensitively in any order; `agent_id`, `name` and
 * `pool` are required, the other columns are optional and an empty cell takes
 * the default (every shift of the pool, night_ok false, the pool's
 * maxDaysPerWeek, no leave). Every bad value is an InputError at
 * file:line:column naming what was found and what was expected.
 */
import type { Config, InhousePoolConfig } from '../config';
import { InputError, addDays, dayNumber, describeValue, isValidDate } from '../domain';
import { MAX_AGENTS, groupedInt } from '../domain/limits';
import { UNFILLED, poolShiftNames, type Agent } from '../roster';
import { stripBom } from './encoding';
import { readTextFile } from './files';
import { forEachCsvRecord, normalizeNewlines } from './csv';
import { csvCell } from '../report/format';

export const AGENTS_HEADER = ['agent_id', 'name', 'pool', 'shifts', 'night_ok', 'max_days_per_week', 'unavailable'] as const;
/** Optional column after AGENTS_HEADER: the first day of employment (capacity planning's ramp). */
export const HIRED_COLUMN = 'hired';
const REQUIRED = ['agent_id', 'name', 'pool'] as const;
type Column = (typeof AGENTS_HEADER)[number] | typeof HIRED_COLUMN;

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);
/** Longest leave range accepted in one item, to catch typos like 2026..2062. */
const MAX_RANGE_DAYS = 366;
const ID_RE = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]*$/;

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

/** Every non-empty record with the line it starts on (an agents file is small: kept whole). */
function readRows(text: string, file: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  forEachCsvRecord(normalizeNewlines(text), file, ',', (record, line) => {
    if (rows.length > MAX_AGENTS) {
      throw new InputError({ file, line, column: 1 }, `more than ${groupedInt(MAX_AGENTS)} agents`, `at most ${groupedInt(MAX_AGENTS)} agents in one file`);
    }
    rows.push({ record, info: { lines: line } });
  });
  return rows;
}

/** Parse the unavailable cell: `;`-separated dates or ranges `2026-11-03..2026-11-05`. */
export function parseUnavailable(text: string, at: { file: string; line: number; column: number }): string[] {
  const dates = new Set<string>();
  for (const raw of text.split(';')) {
    const item = raw.trim();
    if (item === '') continue;
    const parts = item.split('..').map((p) => p.trim());
    if (parts.length > 2) {
      throw new InputError(at, `unavailable item ${describeValue(item)}`, 'a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD');
    }
    for (const p of parts) {
      if (!isValidDate(p)) {
        throw new InputError(at, `unavailable date ${describeValue(p)}`, 'a real date YYYY-MM-DD (ranges as 2026-11-03..2026-11-05, items separated by ;)');
      }
    }
    const from = parts[0] as string;
    const to = parts[1] ?? from;
    const days = dayNumber(to) - dayNumber(from);
    if (days < 0) {
      throw new InputError(at, `unavailable range ${describeValue(item)} ending before it starts`, 'a range whose end is on or after its start');
    }
    if (days >= MAX_RANGE_DAYS) {
      throw new InputError(at, `unavailable range ${describeValue(item)} of ${days + 1} days`, `a range of at most ${MAX_RANGE_DAYS} days`);
    }
    for (let d = 0; d <= days; d++) dates.add(addDays(from, d));
  }
  return [...dates].sort();
}

/** Parse agents-file text; `config` supplies the in-house pools and shift names. */
export function parseAgents(text: string, file: string, config: Pick<Config, 'pools' | 'shifts'>): Agent[] {
  const body = stripBom(text, file);
  if (body.trim() === '') {
    throw new InputError({ file, line: 1, column: 1 }, 'an empty file', `a header row ${AGENTS_HEADER.join(',')}`);
  }
  const rows = readRows(body, file);
  const headerRow = rows[0] as ParsedRow;
  const header = headerRow.record.map((h) => h.trim().toLowerCase());
  const col = new Map<Column, number>();
  header.forEach((h, i) => {
    if (!(AGENTS_HEADER as readonly string[]).includes(h) && h !== HIRED_COLUMN) return;
    if (col.has(h as Column)) {
      throw new InputError({ file, line: headerRow.info.lines, column: i + 1 }, `a second ${h} column`, `one ${h} column`);
    }
    col.set(h as Column, i);
  });
  for (const name of REQUIRED) {
    if (!col.has(name)) {
      throw new InputError(
        { file, line: headerRow.info.lines, column: 1 },
        `header ${describeValue(header.join(','))} without a ${name} column`,
        `a header with ${AGENTS_HEADER.join(',')} (agent_id, name and pool required)`,
      );
    }
  }
  if (rows.length < 2) throw new InputError({ file, line: headerRow.info.lines + 1, column: 1 }, 'no agent rows', 'at least one agent after the header');

  const inhouse = config.pools.filter((p): p is InhousePoolConfig => p.kind === 'inhouse');
  const inhouseNames = inhouse.map((p) => p.name);
  const shiftByName = new Map(config.shifts.map((s) => [s.name.toLowerCase(), s.name]));
  const firstLine = new Map<string, number>();
  const agents: Agent[] = [];

  for (let r = 1; r < rows.length; r++) {
    const { record, info } = rows[r] as ParsedRow;
    const line = info.lines;
    const at = (c: Column) => ({ file, line, column: (col.get(c) ?? 0) + 1 });
    const cell = (c: Column): string => {
      const i = col.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };

    const id = cell('agent_id');
    if (!ID_RE.test(id) || id === UNFILLED) {
      throw new InputError(at('agent_id'), id === '' ? 'an empty agent_id' : `agent_id ${describeValue(id)}`, `an id of letters, digits, '-', '_' or '.' (not ${UNFILLED})`);
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      throw new InputError(at('agent_id'), `agent_id ${describeValue(id)} again (first on line ${seen})`, 'a unique agent_id per row');
    }
    firstLine.set(id, line);

    const name = cell('name');
    if (name === '') throw new InputError(at('name'), 'an empty name', "the agent's name");

    const poolName = cell('pool');
    const pool = inhouse.find((p) => p.name === poolName);
    if (!pool) {
      const isVendor = config.pools.some((p) => p.name === poolName && p.kind === 'vendor');
      const found = isVendor ? `vendor pool ${describeValue(poolName)} (vendor seats are generated, not listed)` : poolName === '' ? 'an empty pool' : `unknown pool ${describeValue(poolName)}`;
      const expected = inhouseNames.length > 0 ? `an in-house pool from the config: ${inhouseNames.join(', ')}` : 'an in-house pool, but the config has none';
      throw new InputError(at('pool'), found, expected);
    }

    const allowed = poolShiftNames(config, pool.name);
    let shifts: string[] | null = null;
    const shiftsText = cell('shifts');
    if (shiftsText !== '') {
      const picked = new Set<string>();
      for (const raw of shiftsText.split(';')) {
        const item = raw.trim();
        if (item === '') continue;
        const shift = shiftByName.get(item.toLowerCase());
        if (!shift) {
          throw new InputError(at('shifts'), `shift ${describeValue(item)}`, `shift names from the config separated by ; (${config.shifts.map((s) => s.name).join(', ')})`);
        }
        if (!allowed.includes(shift)) {
          throw new InputError(at('shifts'), `shift ${describeValue(shift)}, which pool ${describeValue(pool.name)} does not work`, `shifts of that pool (${allowed.join(', ')})`);
        }
        picked.add(shift);
      }
      shifts = allowed.filter((s) => picked.has(s));
    }

    let nightOk = false;
    const nightText = cell('night_ok').toLowerCase();
    if (nightText !== '') {
      if (TRUE_WORDS.has(nightText)) nightOk = true;
      else if (!FALSE_WORDS.has(nightText)) {
        throw new InputError(at('night_ok'), `night_ok ${describeValue(cell('night_ok'))}`, 'true/false, yes/no or 1/0');
      }
    }

    let maxDaysPerWeek = pool.maxDaysPerWeek;
    const maxText = cell('max_days_per_week');
    if (maxText !== '') {
      const n = Number(maxText);
      if (!/^\d+$/.test(maxText) || n < 1 || n > 7) {
        throw new InputError(at('max_days_per_week'), `max_days_per_week ${describeValue(maxText)}`, 'a whole number of days from 1 to 7');
      }
      maxDaysPerWeek = n;
    }

    const unavailable = parseUnavailable(cell('unavailable'), at('unavailable'));
    const hired = cell(HIRED_COLUMN);
    if (hired !== '' && !isValidDate(hired)) throw new InputError(at(HIRED_COLUMN), `hired ${describeValue(hired)}`, 'a real date YYYY-MM-DD (the first day of employment) or an empty cell');
    agents.push({ id, name, pool: pool.name, shifts, nightOk, maxDaysPerWeek, unavailable, ...(hired === '' ? {} : { hired }) });
  }
  return agents;
}

export function readAgents(file: string, config: Pick<Config, 'pools' | 'shifts'>): Agent[] {
  return parseAgents(readTextFile(file, 'a readable agents CSV'), file, config);
}

/** The agents as an agents file (AGENTS_HEADER, and `hired` when any agent has one; leave as single dates): what `plan --agents` keeps in its folder for `replan`. */
export function formatAgentsCsv(agents: readonly Agent[]): string {
  const withHired = agents.some((a) => a.hired !== undefined);
  const rows = agents.map((a) => [a.id, csvCell(a.name), a.pool, a.shifts === null ? '' : a.shifts.join(';'), a.nightOk ? 'true' : 'false', String(a.maxDaysPerWeek), a.unavailable.join(';'), ...(withHired ? [a.hired ?? ''] : [])].join(','));
  return `${[[...AGENTS_HEADER, ...(withHired ? [HIRED_COLUMN] : [])].join(','), ...rows].join('\n')}\n`;
}
