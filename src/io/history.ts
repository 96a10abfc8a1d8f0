/**
 * Reading inquiry history CSVs into hourly series (DESIGN.md "Inquiry history").
 *
 * Accepted: `timestamp,inquiries` or `date,hour,inquiries`, optional `queue`;
 * headers matched case-insensitively, Chinese headers too; comma or tab;
 * UTF-8 with or without BOM; CRLF. Rows finer than an hour are summed into the
 * hour; rows may come in any order. Hours are wall-clock hours of `timezone`.
 */
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import {
  InputError,
  describeValue,
  hourKeyFromNumber,
  isValidDate,
  type History,
  type QueueSeries,
} from '../domain';
import { readTextFile } from './files';

export interface ReadHistoryOptions {
  /** IANA zone deciding local hours for timestamps that carry a UTC offset. */
  timezone: string;
}

type Role = 'timestamp' | 'date' | 'hour' | 'inquiries' | 'queue';

const HEADER_ALIASES: Record<Role, string[]> = {
  timestamp: ['timestamp', 'datetime', 'date_time', 'time', '时间', '日期时间'],
  date: ['date', 'day', '日期'],
  hour: ['hour', '小时', '时段'],
  inquiries: ['inquiries', 'inquiry', 'count', 'volume', 'calls', 'contacts', '咨询量', '进线量'],
  queue: ['queue', '队列'],
};

const TIMESTAMP_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const HOUR_RE = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?$/;
const COUNT_RE = /^\d+$/;

const EXPECT_TIMESTAMP = 'a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)';

interface Located {
  file: string;
  line: number;
  column: number;
}

/** Wall-clock minute of a row (minutes since 1970-01-01T00:00 local) and a duplicate key. */
interface RowTime {
  localMinute: number;
  /** Identifies the instant for duplicate detection. */
  instantKey: string;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function validYmd(y: number, m: number, d: number): boolean {
  return isValidDate(`${y}-${pad2(m)}-${pad2(d)}`);
}

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function parseTimestamp(raw: string, at: Located, timezone: string): RowTime {
  const text = raw.trim();
  const m = TIMESTAMP_RE.exec(text);
  if (!m) {
    throw new InputError(at, text === '' ? 'an empty timestamp' : `timestamp ${describeValue(text)}`, EXPECT_TIMESTAMP);
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    throw new InputError(at, `timestamp ${describeValue(text)} (no such date or time)`, EXPECT_TIMESTAMP);
  }
  const offset = m[7];
  const naiveMs = Date.UTC(y, mo - 1, d, h, mi, s);
  if (offset === undefined) {
    return { localMinute: Math.floor(naiveMs / 60_000), instantKey: `L${naiveMs}` };
  }
  const offsetMin = offsetMinutes(offset);
  if (Math.abs(offsetMin) > 14 * 60) {
    throw new InputError(at, `UTC offset ${describeValue(offset)}`, 'an offset between -14:00 and +14:00');
  }
  const instantMs = naiveMs - offsetMin * 60_000;
  const local = DateTime.fromMillis(instantMs, { zone: timezone });
  const localMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return { localMinute: Math.floor(localMs / 60_000), instantKey: `U${instantMs}` };
}

function parseDateHour(dateRaw: string, hourRaw: string, dateAt: Located, hourAt: Located): RowTime {
  const dateText = dateRaw.trim();
  const dm = DATE_RE.exec(dateText);
  const [y, mo, d] = dm ? [Number(dm[1]), Number(dm[2]), Number(dm[3])] : [0, 0, 0];
  if (!dm || !validYmd(y, mo, d)) {
    throw new InputError(dateAt, dateText === '' ? 'an empty date' : `date ${describeValue(dateText)}`, 'a date like 2026-06-18');
  }
  const hourText = hourRaw.trim();
  const hm = HOUR_RE.exec(hourText);
  const h = hm ? Number(hm[1]) : -1;
  const mi = hm ? Number(hm[2] ?? 0) : 0;
  if (!hm || h > 23 || mi > 59) {
    throw new InputError(hourAt, hourText === '' ? 'an empty hour' : `hour ${describeValue(hourText)}`, 'an hour from 0 to 23 (or HH:MM)');
  }
  const naiveMs = Date.UTC(y, mo - 1, d, h, mi);
  return { localMinute: naiveMs / 60_000, instantKey: `L${naiveMs}` };
}

function normalizeHeader(text: string): string {
  return text.trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

export function csvErrorToInput(file: string, error: unknown): InputError {
  const e = error as { code?: string; lines?: number; message?: string; record?: unknown[] };
  const line = typeof e.lines === 'number' ? e.lines : undefined;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(e.record)) {
    return new InputError({ file, line, column: 1 }, `${e.record.length} fields`, 'the same number of fields as the header');
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new InputError({ file, line }, 'a quote that is never closed', 'a closing double quote');
  }
  return new InputError({ file, line }, `malformed CSV (${e.code ?? e.message ?? 'unknown'})`, 'comma- or tab-separated values');
}

/** Parse inquiry-history CSV text. `file` is used in error messages. */
export function parseHistory(text: string, file: string, options: ReadHistoryOptions): History {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a header row such as timestamp,inquiries');
  }
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      relax_column_count: false,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (error) {
    throw csvErrorToInput(file, error);
  }
  const header = records[0] ?? [];
  const roles = new Map<Role, number>();
  header.forEach((cell, index) => {
    const name = normalizeHeader(cell);
    for (const [role, aliases] of Object.entries(HEADER_ALIASES) as Array<[Role, string[]]>) {
      if (aliases.includes(name)) {
        if (roles.has(role)) {
          throw new InputError({ file, line: 1, column: index + 1 }, `a second ${role} column ${describeValue(cell.trim())}`, `one ${role} column`);
        }
        roles.set(role, index);
      }
    }
  });
  const headerText = describeValue(header.join(','));
  const inquiriesCol = roles.get('inquiries');
  if (inquiriesCol === undefined) {
    throw new InputError({ file, line: 1, column: 1 }, `header ${headerText}`, 'a column named inquiries (or 咨询量)');
  }
  const timestampCol = roles.get('timestamp');
  const dateCol = roles.get('date');
  const hourCol = roles.get('hour');
  if (timestampCol === undefined && (dateCol === undefined || hourCol === undefined)) {
    const found = dateCol !== undefined ? `header ${headerText} with a date but no hour column` : `header ${headerText}`;
    throw new InputError({ file, line: 1, column: 1 }, found, 'a timestamp column (时间), or date and hour columns (日期, 小时)');
  }
  const queueCol = roles.get('queue');
  if (records.length < 2) {
    throw new InputError({ file, line: 2, column: 1 }, 'no data rows', 'at least one row after the header');
  }

  // Sums per queue per local hour; first line per (queue, instant) for duplicates.
  const sums = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  const minutesSeen: number[] = [];
  // Line numbers: csv-parse skips empty lines, so track them from the raw text.
  const lineNumbers = recordLineNumbers(body);

  for (let r = 1; r < records.length; r++) {
    const record = records[r] as string[];
    const line = lineNumbers[r] ?? r + 1;
    const at = (col: number): Located => ({ file, line, column: col + 1 });

    let time: RowTime;
    if (timestampCol !== undefined) {
      time = parseTimestamp(record[timestampCol] ?? '', at(timestampCol), options.timezone);
    } else {
      time = parseDateHour(record[dateCol as number] ?? '', record[hourCol as number] ?? '', at(dateCol as number), at(hourCol as number));
    }

    let queue = 'all';
    if (queueCol !== undefined) {
      queue = (record[queueCol] ?? '').trim();
      if (queue === '') throw new InputError(at(queueCol), 'an empty queue name', 'a queue name such as presales');
      if (queue.toLowerCase() === 'all') {
        throw new InputError(at(queueCol), 'queue "all"', 'a queue name other than "all" (reserved for totals)');
      }
    }

    const countText = (record[inquiriesCol] ?? '').trim();
    if (!COUNT_RE.test(countText)) {
      const found =
        countText === ''
          ? 'an empty count'
          : /^-\d+(\.\d+)?$/.test(countText)
            ? `a negative count ${countText}`
            : /^\d*\.\d+$/.test(countText)
              ? `a fractional count ${countText}`
              : `count ${describeValue(countText)}`;
      throw new InputError(at(inquiriesCol), found, 'a whole number of inquiries >= 0');
    }
    const count = Number(countText);

    const dupKey = `${queue}\u0000${time.instantKey}`;
    const firstLine = seen.get(dupKey);
    if (firstLine !== undefined) {
      const shown = timestampCol !== undefined ? (record[timestampCol] ?? '').trim() : `${(record[dateCol as number] ?? '').trim()} ${(record[hourCol as number] ?? '').trim()}`;
      const col = timestampCol ?? (dateCol as number);
      throw new InputError(
        at(col),
        `timestamp ${shown}${queueCol !== undefined ? ` for queue ${describeValue(queue)}` : ''} again (first on line ${firstLine})`,
        'each timestamp once per queue',
      );
    }
    seen.set(dupKey, line);
    if (r <= 2000) minutesSeen.push(time.localMinute);

    const hour = Math.floor(time.localMinute / 60);
    let queueSums = sums.get(queue);
    if (!queueSums) {
      queueSums = new Map();
      sums.set(queue, queueSums);
    }
    queueSums.set(hour, (queueSums.get(hour) ?? 0) + count);
  }

  let first = Infinity;
  let last = -Infinity;
  for (const queueSums of sums.values()) {
    for (const hour of queueSums.keys()) {
      if (hour < first) first = hour;
      if (hour > last) last = hour;
    }
  }
  const hours = last - first + 1;
  const queues: QueueSeries[] = [];
  for (const [name, queueSums] of sums) {
    const values = new Array<number | null>(hours).fill(null);
    for (const [hour, sum] of queueSums) values[hour - first] = sum;
    queues.push({ name, values });
  }

  let missingHours = 0;
  for (let i = 0; i < hours; i++) {
    if (queues.every((q) => q.values[i] === null) && hourExists(first + i, options.timezone)) missingHours += 1;
  }

  return {
    timezone: options.timezone,
    startHour: hourKeyFromNumber(first),
    hours,
    queues,
    missingHours,
    sourceRows: records.length - 1,
    rowsPerHour: rowsPerHour(minutesSeen),
  };
}

/** Read an inquiry-history CSV file. */
export function readHistory(file: string, options: ReadHistoryOptions): History {
  return parseHistory(readTextFile(file, 'a readable inquiry CSV'), file, options);
}

/** False for a wall-clock hour skipped by a DST jump in `timezone`. */
function hourExists(hourNumber: number, timezone: string): boolean {
  const naive = new Date(hourNumber * 3_600_000);
  const local = DateTime.fromObject(
    { year: naive.getUTCFullYear(), month: naive.getUTCMonth() + 1, day: naive.getUTCDate(), hour: naive.getUTCHours() },
    { zone: timezone },
  );
  return local.hour === naive.getUTCHours();
}

/** Source rows per hour from the most common spacing of the first rows (1 when hourly or coarser). */
function rowsPerHour(minutes: number[]): number {
  const sorted = [...new Set(minutes)].sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const step = (sorted[i] as number) - (sorted[i - 1] as number);
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = 60;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best > 0 && best < 60 && 60 % best === 0 ? 60 / best : 1;
}

/**
 * Physical line number (1-based) of each non-empty record start. Quoted fields
 * with embedded newlines are rare in inquiry exports; we count quotes to stay right.
 */
function recordLineNumbers(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let inQuotes = false;
  let recordStart = true;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (recordStart && ch !== 10 && ch !== 13) {
      out.push(line);
      recordStart = false;
      lineHasContent = true;
    }
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10) {
      line += 1;
      if (!inQuotes && lineHasContent) {
        recordStart = true;
        lineHasContent = false;
      } else if (!inQuotes) {
        recordStart = true;
      }
    }
  }
  return out;
}
