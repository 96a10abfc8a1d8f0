/**
 * Reading inquiry history CSVs into hourly series (DESIGN.md "Inquiry history").
 *
 * Accepted: `timestamp,inquiries` or `date,hour,inquiries`, optional `queue`;
 * headers matched case-insensitively, Chinese headers too; comma or tab;
 * the encodings of encoding.ts; LF, CRLF or CR line ends, mixed too. Rows
 * finer than an hour are summed into the hour; rows may come in any order.
 * Hours are wall-clock hours of `timezone`.
 *
 * Rows are read one at a time into typed columns (never kept as parsed
 * records), and the caps of domain/limits.ts (queues, counts, years, span,
 * queue-hours) are checked before anything is allocated by the history's span.
 */
import { DateTime } from 'luxon';
import {
  InputError,
  describeValue,
  hourKeyFromNumber,
  hourNumber,
  type History,
  type QueueSeries,
} from '../domain';
import {
  MAX_COUNT_PER_ROW,
  MAX_HISTORY_YEARS,
  MAX_QUEUE_HOURS,
  MAX_QUEUES,
  MAX_STRAY_YEARS,
  MAX_YEAR,
  MIN_YEAR,
  groupedInt,
} from '../domain/limits';
import { forEachCsvRecord, normalizeNewlines } from './csv';
import { decodeToUtf8Bytes, stripBom, type TextEncodingName } from './encoding';
import { readInputBytes } from './files';

export interface ReadHistoryOptions {
  /** IANA zone deciding local hours for timestamps that carry a UTC offset. */
  timezone: string;
  /** Every row must fall before this local hour (`YYYY-MM-DDTHH:00`; `option` names it in the message): actuals so far. */
  before?: { hour: string; option: string };
  /** Queue names a row may carry (a file without a queue column is always accepted), with who knows them. */
  knownQueues?: { names: readonly string[]; owner: string };
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

/** Wall-clock minute of a row (minutes since 1970-01-01T00:00 local) and its instant. */
interface RowTime {
  localMinute: number;
  /**
   * Identifies the instant for duplicate detection: whole seconds × 2, plus 1
   * when the row carried a UTC offset (a local time and an offset time are
   * never the same key, as before).
   */
  instant: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (DAYS_IN_MONTH[m - 1] as number) + (leap ? 1 : 0);
}

function checkYear(y: number, at: Located, what: string, text: string): void {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new InputError(at, `${what} ${describeValue(text)} in the year ${y}`, `a date from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
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
  checkYear(y, at, 'timestamp', text);
  const offset = m[7];
  const naiveMs = Date.UTC(y, mo - 1, d, h, mi, s);
  if (offset === undefined) {
    return { localMinute: Math.floor(naiveMs / 60_000), instant: (naiveMs / 1000) * 2 };
  }
  const offsetMin = offsetMinutes(offset);
  if (Math.abs(offsetMin) > 14 * 60) {
    throw new InputError(at, `UTC offset ${describeValue(offset)}`, 'an offset between -14:00 and +14:00');
  }
  const instantMs = naiveMs - offsetMin * 60_000;
  const local = DateTime.fromMillis(instantMs, { zone: timezone });
  const localMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return { localMinute: Math.floor(localMs / 60_000), instant: (instantMs / 1000) * 2 + 1 };
}

function parseDateHour(dateRaw: string, hourRaw: string, dateAt: Located, hourAt: Located): RowTime {
  const dateText = dateRaw.trim();
  const dm = DATE_RE.exec(dateText);
  const [y, mo, d] = dm ? [Number(dm[1]), Number(dm[2]), Number(dm[3])] : [0, 0, 0];
  if (!dm || !validYmd(y, mo, d)) {
    throw new InputError(dateAt, dateText === '' ? 'an empty date' : `date ${describeValue(dateText)}`, 'a date like 2026-06-18');
  }
  checkYear(y, dateAt, 'date', dateText);
  const hourText = hourRaw.trim();
  const hm = HOUR_RE.exec(hourText);
  const h = hm ? Number(hm[1]) : -1;
  const mi = hm ? Number(hm[2] ?? 0) : 0;
  if (!hm || h > 23 || mi > 59) {
    throw new InputError(hourAt, hourText === '' ? 'an empty hour' : `hour ${describeValue(hourText)}`, 'an hour from 0 to 23 (or HH:MM)');
  }
  const naiveMs = Date.UTC(y, mo - 1, d, h, mi);
  return { localMinute: naiveMs / 60_000, instant: (naiveMs / 1000) * 2 };
}

function normalizeHeader(text: string): string {
  return text.trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

/** Tab when the first line has tabs and no commas, else comma. */
function detectDelimiter(data: string | Buffer): string {
  const head = typeof data === 'string' ? data.slice(0, 4096) : data.subarray(0, 4096).toString('utf8');
  const newline = head.indexOf('\n');
  const firstLine = newline >= 0 ? head.slice(0, newline) : head;
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

function isBlank(data: string | Buffer): boolean {
  if (typeof data === 'string') return data.trim() === '';
  for (const b of data) if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return false;
  return true;
}

/** Grow-only typed columns of the rows read so far. */
class RowColumns {
  length = 0;
  queue = new Uint16Array(1024);
  minute = new Int32Array(1024);
  /** Instant for duplicate detection: whole seconds × 2, + 1 when the row carried a UTC offset. */
  instant = new Float64Array(1024);
  count = new Uint32Array(1024);
  line = new Uint32Array(1024);

  push(queue: number, minute: number, instant: number, count: number, line: number): void {
    if (this.length === this.queue.length) this.grow();
    const i = this.length++;
    this.queue[i] = queue;
    this.minute[i] = minute;
    this.instant[i] = instant;
    this.count[i] = count;
    this.line[i] = line;
  }

  private grow(): void {
    const size = this.queue.length * 2;
    const grown = <T extends Uint16Array | Int32Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.queue = grown(this.queue, (n) => new Uint16Array(n));
    this.minute = grown(this.minute, (n) => new Int32Array(n));
    this.instant = grown(this.instant, (n) => new Float64Array(n));
    this.count = grown(this.count, (n) => new Uint32Array(n));
    this.line = grown(this.line, (n) => new Uint32Array(n));
  }
}

const HOURS_PER_YEAR = 8766;

function countError(at: Located, countText: string): InputError {
  const found =
    countText === ''
      ? 'an empty count'
      : /^-\d+(\.\d+)?$/.test(countText)
        ? `a negative count ${countText}`
        : /^\d*\.\d+$/.test(countText)
          ? `a fractional count ${countText}`
          : `count ${describeValue(countText)}`;
  return new InputError(at, found, 'a whole number of inquiries >= 0');
}

/** Parse inquiry-history CSV text (or UTF-8 bytes). `file` is used in error messages. */
export function parseHistory(input: string | Buffer, file: string, options: ReadHistoryOptions): History {
  const data = normalizeNewlines(typeof input === 'string' ? stripBom(input, file) : input);
  if (isBlank(data)) {
    throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a header row such as timestamp,inquiries');
  }
  const delimiter = detectDelimiter(data);
  const roles = new Map<Role, number>();
  let header: string[] | undefined;
  let inquiriesCol = -1;
  let timestampCol: number | undefined;
  let dateCol = -1;
  let hourCol = -1;
  let queueCol: number | undefined;
  const queueIndex = new Map<string, number>();
  const queueNames: string[] = [];
  const rows = new RowColumns();

  const readHeader = (record: string[], line: number): void => {
    header = record;
    record.forEach((cell, index) => {
      const name = normalizeHeader(cell);
      for (const [role, aliases] of Object.entries(HEADER_ALIASES) as Array<[Role, string[]]>) {
        if (aliases.includes(name)) {
          if (roles.has(role)) {
            throw new InputError({ file, line, column: index + 1 }, `a second ${role} column ${describeValue(cell.trim())}`, `one ${role} column`);
          }
          roles.set(role, index);
        }
      }
    });
    const headerText = describeValue(record.join(','));
    const found = roles.get('inquiries');
    if (found === undefined) {
      throw new InputError({ file, line, column: 1 }, `header ${headerText}`, 'a column named inquiries (or 咨询量)');
    }
    inquiriesCol = found;
    timestampCol = roles.get('timestamp');
    const d = roles.get('date');
    const h = roles.get('hour');
    if (timestampCol === undefined && (d === undefined || h === undefined)) {
      const what = d !== undefined ? `header ${headerText} with a date but no hour column` : `header ${headerText}`;
      throw new InputError({ file, line, column: 1 }, what, 'a timestamp column (时间), or date and hour columns (日期, 小时)');
    }
    dateCol = d ?? -1;
    hourCol = h ?? -1;
    queueCol = roles.get('queue');
  };

  const readRow = (record: string[], line: number): void => {
    const at = (col: number): Located => ({ file, line, column: col + 1 });
    const time =
      timestampCol !== undefined
        ? parseTimestamp(record[timestampCol] ?? '', at(timestampCol), options.timezone)
        : parseDateHour(record[dateCol] ?? '', record[hourCol] ?? '', at(dateCol), at(hourCol));
    const before = options.before;
    if (before && Math.floor(time.localMinute / 60) >= hourNumber(before.hour)) {
      throw new InputError(at(timestampCol ?? dateCol), `hour ${hourKeyFromNumber(Math.floor(time.localMinute / 60))}, at or after ${before.option} ${before.hour}`, `actuals for hours before ${before.option} only`);
    }

    let queue = 'all';
    if (queueCol !== undefined) {
      queue = (record[queueCol] ?? '').trim();
      if (queue === '') throw new InputError(at(queueCol), 'an empty queue name', 'a queue name such as presales');
      if (queue.toLowerCase() === 'all') {
        throw new InputError(at(queueCol), 'queue "all"', 'a queue name other than "all" (reserved for totals)');
      }
      const known = options.knownQueues;
      if (known && !known.names.includes(queue)) {
        throw new InputError(at(queueCol), `queue ${describeValue(queue)}`, `one of ${known.owner} queues (${known.names.join(', ')})`);
      }
    }
    let q = queueIndex.get(queue);
    if (q === undefined) {
      if (queueNames.length >= MAX_QUEUES) {
        throw new InputError(at(queueCol ?? 0), `queue ${describeValue(queue)}, queue number ${queueNames.length + 1} of the file`, `at most ${MAX_QUEUES} queues in one history`);
      }
      q = queueNames.length;
      queueIndex.set(queue, q);
      queueNames.push(queue);
    }

    const countText = (record[inquiriesCol] ?? '').trim();
    if (!COUNT_RE.test(countText)) throw countError(at(inquiriesCol), countText);
    const count = countText.length > 10 ? Infinity : Number(countText);
    if (count > MAX_COUNT_PER_ROW) {
      throw new InputError(at(inquiriesCol), `a count of ${countText.length > 24 ? `${countText.slice(0, 12)}... (${countText.length} digits)` : countText}`, `at most ${groupedInt(MAX_COUNT_PER_ROW)} inquiries in one row`);
    }
    rows.push(q, time.localMinute, time.instant, count, line);
  };

  forEachCsvRecord(data, file, delimiter, (record, line) => {
    if (header === undefined) readHeader(record, line);
    else readRow(record, line);
  });
  if (header === undefined) {
    throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a header row such as timestamp,inquiries');
  }
  if (rows.length === 0) throw new InputError({ file, line: 2, column: 1 }, 'no data rows', 'at least one row after the header');

  const timeColumn = timestampCol ?? dateCol;
  const { first, last } = checkSpan(rows, file, timeColumn);
  const hours = last - first + 1;
  if (hours * queueNames.length > MAX_QUEUE_HOURS) {
    throw new InputError(
      { file },
      `${queueNames.length} queues over ${groupedInt(hours / 24)} days (${groupedInt(hours * queueNames.length)} queue-hours)`,
      `at most ${groupedInt(MAX_QUEUE_HOURS)} queue-hours (fewer queues, or a shorter history)`,
    );
  }
  checkDuplicates(rows, data, file, delimiter, timestampCol, dateCol, hourCol, queueCol, queueNames);

  // Sums per queue per local hour; only now is anything allocated by the span.
  const sums = queueNames.map(() => new Float64Array(hours));
  const seen = queueNames.map(() => new Uint8Array(hours));
  for (let i = 0; i < rows.length; i++) {
    const q = rows.queue[i] as number;
    const h = Math.floor((rows.minute[i] as number) / 60) - first;
    (sums[q] as Float64Array)[h] = ((sums[q] as Float64Array)[h] as number) + (rows.count[i] as number);
    (seen[q] as Uint8Array)[h] = 1;
  }
  const queues: QueueSeries[] = queueNames.map((name, q) => {
    const s = sums[q] as Float64Array;
    const has = seen[q] as Uint8Array;
    const values = new Array<number | null>(hours);
    for (let i = 0; i < hours; i++) values[i] = has[i] ? (s[i] as number) : null;
    return { name, values };
  });

  let missingHours = 0;
  for (let i = 0; i < hours; i++) {
    if (seen.every((has) => has[i] === 0) && hourExists(first + i, options.timezone)) missingHours += 1;
  }

  return {
    timezone: options.timezone,
    startHour: hourKeyFromNumber(first),
    hours,
    queues,
    missingHours,
    sourceRows: rows.length,
    rowsPerHour: rowsPerHour(Array.from(rows.minute.subarray(0, Math.min(rows.length, 2000)))),
  };
}

/**
 * First and last hour of the rows, after refusing a row far from all the
 * others (a typo such as 1970 or 2100 in a 3-year file) and a span over the
 * cap. Rows are sorted by hour as a typed array: no allocation by span.
 */
function checkSpan(rows: RowColumns, file: string, timeColumn: number): { first: number; last: number } {
  const hoursSorted = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) hoursSorted[i] = Math.floor((rows.minute[i] as number) / 60);
  hoursSorted.sort();
  const first = hoursSorted[0] as number;
  const last = hoursSorted[rows.length - 1] as number;
  const strayHours = MAX_STRAY_YEARS * HOURS_PER_YEAR;
  let gapAt = -1;
  let widest = 0;
  for (let i = 1; i < rows.length; i++) {
    const gap = (hoursSorted[i] as number) - (hoursSorted[i - 1] as number);
    if (gap > widest) {
      widest = gap;
      gapAt = i;
    }
  }
  const lineOf = (inside: (hour: number) => boolean): { line: number; hour: number } => {
    let best = { line: Infinity, hour: 0 };
    for (let i = 0; i < rows.length; i++) {
      const hour = Math.floor((rows.minute[i] as number) / 60);
      if (inside(hour) && (rows.line[i] as number) < best.line) best = { line: rows.line[i] as number, hour };
    }
    return best;
  };
  const day = (hour: number): string => hourKeyFromNumber(hour).slice(0, 10);
  if (widest > strayHours) {
    // The smaller side of the widest gap is the stray part (ties: the later side).
    const below = gapAt;
    const strayBelow = below < rows.length - below;
    const cut = hoursSorted[gapAt] as number;
    const stray = lineOf((h) => (strayBelow ? h < cut : h >= cut));
    const restFrom = strayBelow ? cut : first;
    const restTo = strayBelow ? last : (hoursSorted[gapAt - 1] as number);
    const years = (widest / HOURS_PER_YEAR).toFixed(0);
    throw new InputError(
      { file, line: stray.line, column: timeColumn + 1 },
      `a row dated ${day(stray.hour)}, ${years} years from the other rows (${day(restFrom)} .. ${day(restTo)})`,
      `every row within ${MAX_STRAY_YEARS} years of the others (a typo in the year?)`,
    );
  }
  if (last - first > MAX_HISTORY_YEARS * HOURS_PER_YEAR) {
    // Name the end farther from the middle row.
    const middle = hoursSorted[Math.floor(rows.length / 2)] as number;
    const newest = last - middle > middle - first;
    const atEnd = newest ? lineOf((h) => h === last) : lineOf((h) => h === first);
    throw new InputError(
      { file, line: atEnd.line, column: timeColumn + 1 },
      `a row dated ${day(atEnd.hour)}, making the history span ${((last - first) / HOURS_PER_YEAR).toFixed(1)} years (${day(first)} .. ${day(last)})`,
      `a history of at most ${MAX_HISTORY_YEARS} years (${newest ? 'a typo in the year?' : 'drop the oldest rows'})`,
    );
  }
  return { first, last };
}

/**
 * A (queue, instant) given twice is an error naming both lines. Keys are
 * sorted as one typed array; only on a repeat are the rows read again to
 * quote the later one.
 */
function checkDuplicates(
  rows: RowColumns,
  data: string | Buffer,
  file: string,
  delimiter: string,
  timestampCol: number | undefined,
  dateCol: number,
  hourCol: number,
  queueCol: number | undefined,
  queueNames: readonly string[],
): void {
  // Whole seconds ×2 (+1 for UTC rows) stay below 2^35; the queue goes above that.
  const keyOf = (i: number): number => (rows.queue[i] as number) * 2 ** 36 + (rows.instant[i] as number) + 2 ** 35;
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = keyOf(i);
  keys.sort();
  const repeated = new Set<number>();
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) repeated.add(keys[i] as number);
  if (repeated.size === 0) return;
  // The repeat that comes first in the file.
  const firstLineOf = new Map<number, number>();
  let report: { line: number; firstLine: number; queue: number } | undefined;
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(i);
    if (!repeated.has(key)) continue;
    const seenAt = firstLineOf.get(key);
    if (seenAt === undefined) {
      firstLineOf.set(key, rows.line[i] as number);
    } else if (report === undefined || (rows.line[i] as number) < report.line) {
      report = { line: rows.line[i] as number, firstLine: seenAt, queue: rows.queue[i] as number };
    }
  }
  if (!report) return;
  const target = report;
  let shown = '';
  forEachCsvRecord(data, file, delimiter, (record, line) => {
    if (line !== target.line) return;
    shown =
      timestampCol !== undefined
        ? (record[timestampCol] ?? '').trim()
        : `${(record[dateCol] ?? '').trim()} ${(record[hourCol] ?? '').trim()}`;
  });
  const queue = queueNames[target.queue] ?? 'all';
  throw new InputError(
    { file, line: target.line, column: (timestampCol ?? dateCol) + 1 },
    `timestamp ${shown}${queueCol !== undefined ? ` for queue ${describeValue(queue)}` : ''} again (first on line ${target.firstLine})`,
    'each timestamp once per queue',
  );
}

/** Read an inquiry-history CSV file (UTF-8, or another encoding decodeText accepts). */
export function readHistory(file: string, options: ReadHistoryOptions): History {
  return readHistoryWithEncoding(file, options).history;
}

/** readHistory, and the text encoding the file was found in (what `inspect` reports). */
export function readHistoryWithEncoding(file: string, options: ReadHistoryOptions): { history: History; encoding: TextEncodingName } {
  const { bytes, encoding } = decodeToUtf8Bytes(readInputBytes(file, 'a readable inquiry CSV'), file);
  return { history: parseHistory(bytes, file, options), encoding };
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
