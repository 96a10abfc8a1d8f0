/**
 * Reading inquiry history CSVs into hourly series (DESIGN.md "Inquiry history").
 *
 * Accepted: `timestamp,inquiries` or `date,hour,inquiries`, optional `queue`;
 * headers matched case-insensitively, with the synonyms of HISTORY_HEADERS
 * (the Chinese headers of shop and call-centre exports among them); comma or
 * tab; the encodings of encoding.ts; LF, CRLF or CR line ends, mixed too.
 * Rows finer than an hour are summed into the hour; rows may come in any
 * order. Hours are wall-clock hours of `timezone`.
 *
 * Files as Excel writes them: a `时间`/`time` column beside a date column is
 * the hour of day (`9`, `9:00`, `09:00:00`, `9:00 AM`, `09:00-10:00`);
 * counts may carry thousands separators (`1,200`); rows with every cell empty
 * (`,,,`) and total rows (合计, 总计, 小计, Total) are skipped with a note
 * (`History.readNotes`). Every bad row of a file is reported in one error
 * (InputErrors, the first MAX_REPORTED of them), each at its line and column.
 *
 * Rows are read one at a time into typed columns (never kept as parsed
 * records), and the caps of domain/limits.ts (queues, counts, years, span,
 * queue-hours) are checked before anything is allocated by the history's span.
 */
import { DateTime } from 'luxon';
import {
  InputError,
  InputErrors,
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

/**
 * Header names of each column role, lower case. `time`/`时间` is a full
 * timestamp on its own and the hour of day beside a date column (Excel keeps
 * the date and the time in separate columns).
 */
export const HISTORY_HEADERS: Readonly<Record<Role, readonly string[]>> = {
  timestamp: ['timestamp', 'datetime', 'date_time', 'date time', 'time', '时间', '日期时间', '时间戳'],
  date: ['date', 'day', '日期'],
  hour: ['hour', 'hour of day', 'hour_of_day', 'interval', '小时', '时段', '时刻', '整点'],
  inquiries: ['inquiries', 'inquiry', 'count', 'volume', 'calls', 'contacts', 'chats', 'sessions', '咨询量', '咨询人数', '咨询数', '咨询次数', '进线量', '进线数', '会话量', '会话数', '来电量'],
  queue: ['queue', 'channel', 'skill', 'skill group', 'skill_group', 'skillgroup', '队列', '渠道', '技能组'],
};

/** Headers that are the hour of day when the file also has a date column. */
const TIME_OF_DAY_HEADERS = ['time', '时间'];

/** A cell that marks a total row (Excel's 合计 line under the data), lower case. */
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '汇总', '总数', 'total', 'totals', 'grand total', 'subtotal', 'sum']);

/** Problems listed in one error; the rest are counted. */
export const MAX_REPORTED = 20;

const TIMESTAMP_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_RE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$/;
/** `9`, `09:00`, `9:00:00`, `9:00 AM`, `上午9:00`, `9点`, and ranges `09:00-10:00` / `9-10` (their start). */
const HOUR_RE = /^(上午|下午|晚上)?\s*(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?|[点时])?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*[-~～至到]\s*\d{1,2}(?::\d{2}(?::\d{2})?)?[点时]?\s*(?:am|pm)?)?$/i;
const COUNT_RE = /^\d+$/;
/** A whole number with thousands separators, as Excel writes a number cell formatted `#,##0`. */
const GROUPED_COUNT_RE = /^\d{1,3}(?:,\d{3})+$/;

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
    // A time of day alone (Excel's time column) needs a date column beside it.
    const expected = text !== '' && parseHourOfDay(text) ? `${EXPECT_TIMESTAMP}; or add a date column (日期 or date) and this column is read as the hour of day` : EXPECT_TIMESTAMP;
    throw new InputError(at, text === '' ? 'an empty timestamp' : `timestamp ${describeValue(text)}`, expected);
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

/** Hour and minute of an hour-of-day cell (see HOUR_RE), or undefined. */
export function parseHourOfDay(text: string): { hour: number; minute: number } | undefined {
  const m = HOUR_RE.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[2]);
  const minute = Number(m[3] ?? 0);
  const seconds = Number(m[4] ?? 0);
  const marker = (m[1] ?? m[5] ?? '').toLowerCase().replace(/\./g, '');
  if (hour > 23 || minute > 59 || seconds > 59) return undefined;
  if (marker !== '') {
    const afternoon = marker === 'pm' || marker === '下午' || marker === '晚上';
    if (hour < 1 || hour > 12) {
      // 下午13:00 and 0:00 AM: the 24-hour clock with a redundant marker.
      if (!(marker === '上午' || marker === '下午' || marker === '晚上') || hour > 23) return undefined;
    } else if (hour === 12) hour = afternoon ? 12 : 0;
    else if (afternoon) hour += 12;
  }
  return { hour, minute };
}

const EXPECT_DATE = 'a date like 2026-06-18 or 2026/6/18';
const EXPECT_HOUR = 'an hour of day like 9, 09:00 or 9:00 (0-23)';

function parseDateHour(dateRaw: string, hourRaw: string, dateAt: Located, hourAt: Located): RowTime {
  const dateText = dateRaw.trim();
  const dm = DATE_RE.exec(dateText);
  const [y, mo, d] = dm ? [Number(dm[1]), Number(dm[2] ?? dm[4]), Number(dm[3] ?? dm[5])] : [0, 0, 0];
  if (!dm || !validYmd(y, mo, d)) {
    const timestampLike = TIMESTAMP_RE.test(dateText);
    throw new InputError(
      dateAt,
      dateText === '' ? 'an empty date' : `date ${describeValue(dateText)}`,
      timestampLike ? `${EXPECT_DATE} (a date and a time in one cell: name the column timestamp or 日期时间, and drop the hour column)` : EXPECT_DATE,
    );
  }
  checkYear(y, dateAt, 'date', dateText);
  const hourText = hourRaw.trim();
  const hm = parseHourOfDay(hourText);
  if (!hm) {
    throw new InputError(hourAt, hourText === '' ? 'an empty hour' : `hour ${describeValue(hourText)}`, EXPECT_HOUR);
  }
  const naiveMs = Date.UTC(y, mo - 1, d, hm.hour, hm.minute);
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

/** A problem that ends the reading (a size cap): the rows after it are not read. */
class StopReading extends InputError {}

/** Grouped digits (`1,200`) as Excel writes a `#,##0` cell; anything else as it is. */
function ungroup(countText: string): string {
  return GROUPED_COUNT_RE.test(countText) ? countText.replace(/,/g, '') : countText;
}

/** Line numbers for a note: `2, 5 and 9`, or the first few and how many more. */
function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).join(', ');
  return lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
}

/** The notes of rows skipped while reading (what `inspect`, `plan` and the forecast print). */
function skippedNotes(blank: readonly number[], totals: ReadonlyArray<{ line: number; word: string }>): string[] {
  const notes: string[] = [];
  if (blank.length > 0) notes.push(`skipped ${blank.length} empty row${blank.length > 1 ? 's' : ''} (every cell blank) on line${blank.length > 1 ? 's' : ''} ${lineList(blank)}`);
  if (totals.length > 0) {
    const words = [...new Set(totals.map((t) => t.word))].join(', ');
    notes.push(`skipped ${totals.length} total row${totals.length > 1 ? 's' : ''} (${words}) on line${totals.length > 1 ? 's' : ''} ${lineList(totals.map((t) => t.line))}: totals are not inquiries of an hour`);
  }
  return notes;
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
  const ignoredColumns: string[] = [];
  const queueIndex = new Map<string, number>();
  const queueNames: string[] = [];
  const rows = new RowColumns();
  const problems: InputError[] = [];
  let problemCount = 0;
  const blankLines: number[] = [];
  const totalRows: Array<{ line: number; word: string }> = [];

  const readHeader = (record: string[], line: number): void => {
    header = record;
    record.forEach((cell, index) => {
      const name = normalizeHeader(cell);
      let known = false;
      for (const [role, aliases] of Object.entries(HISTORY_HEADERS) as Array<[Role, readonly string[]]>) {
        if (!aliases.includes(name)) continue;
        known = true;
        if (roles.has(role)) {
          throw new InputError({ file, line, column: index + 1 }, `a second ${role} column ${describeValue(cell.trim())}`, `one ${role} column`);
        }
        roles.set(role, index);
      }
      if (!known && cell.trim() !== '') ignoredColumns.push(cell.trim());
    });
    // 日期,时间: Excel's separate date and time columns; the time column is the hour of day.
    const ts = roles.get('timestamp');
    if (ts !== undefined && roles.has('date') && !roles.has('hour') && TIME_OF_DAY_HEADERS.includes(normalizeHeader(record[ts] ?? ''))) {
      roles.delete('timestamp');
      roles.set('hour', ts);
    }
    const headerText = describeValue(record.join(','));
    const found = roles.get('inquiries');
    if (found === undefined) {
      throw new InputError({ file, line, column: 1 }, `header ${headerText}`, 'a column named inquiries (or 咨询量, 咨询人数, 进线量, 会话量)');
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

  /** A total row: a cell other than the count holds 合计, 总计, Total, ... */
  const totalWord = (record: readonly string[]): string | undefined => {
    for (let c = 0; c < record.length; c++) {
      if (c === inquiriesCol) continue;
      const text = (record[c] ?? '').trim().replace(/[:：]$/, '');
      if (TOTAL_WORDS.has(text.toLowerCase())) return text;
    }
    return undefined;
  };

  const readRow = (record: string[], line: number): void => {
    if (record.every((cell) => cell.trim() === '')) {
      blankLines.push(line);
      return;
    }
    const total = totalWord(record);
    if (total !== undefined) {
      totalRows.push({ line, word: total });
      return;
    }
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

    const countText = ungroup((record[inquiriesCol] ?? '').trim());
    if (!COUNT_RE.test(countText)) throw countError(at(inquiriesCol), countText);
    const count = countText.length > 10 ? Infinity : Number(countText);
    if (count > MAX_COUNT_PER_ROW) {
      throw new InputError(at(inquiriesCol), `a count of ${countText.length > 24 ? `${countText.slice(0, 12)}... (${countText.length} digits)` : countText}`, `at most ${groupedInt(MAX_COUNT_PER_ROW)} inquiries in one row`);
    }

    let q = queueIndex.get(queue);
    if (q === undefined) {
      if (queueNames.length >= MAX_QUEUES) {
        // A cap, not a typo: reading stops here.
        throw new StopReading(at(queueCol ?? 0), `queue ${describeValue(queue)}, queue number ${queueNames.length + 1} of the file`, `at most ${MAX_QUEUES} queues in one history`);
      }
      q = queueNames.length;
      queueIndex.set(queue, q);
      queueNames.push(queue);
    }
    rows.push(q, time.localMinute, time.instant, count, line);
  };

  const note = (problem: InputError): void => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED) problems.push(problem);
  };
  try {
    forEachCsvRecord(data, file, delimiter, (record, line) => {
      if (header === undefined) {
        readHeader(record, line);
        return;
      }
      try {
        readRow(record, line);
      } catch (error) {
        // Every bad row is reported, not only the first: collect and go on.
        if (!(error instanceof InputError) || error instanceof StopReading) throw error;
        note(error);
      }
    });
  } catch (error) {
    // A header or CSV syntax error stops the reading; the rows already found bad come first.
    if (!(error instanceof InputError) || problems.length === 0) throw error;
    note(error instanceof StopReading ? new InputError(error.where, error.found, error.expected) : error);
  }
  if (problems.length > 0) throw InputErrors.of(problems, problemCount, file);
  if (header === undefined) {
    throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a header row such as timestamp,inquiries');
  }
  if (rows.length === 0) {
    const skipped = blankLines.length + totalRows.length;
    throw new InputError({ file, line: 2, column: 1 }, skipped > 0 ? `no data rows (${skipped} empty or total rows skipped)` : 'no data rows', 'at least one row after the header');
  }

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
  checkDuplicates(rows, data, file, delimiter, timestampCol, dateCol, hourCol, queueCol, queueNames, ignoredColumns);

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
    readNotes: skippedNotes(blankLines, totalRows),
    ignoredColumns,
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
 * A (queue, instant) given twice is an error naming both lines; every repeat
 * is reported (up to MAX_REPORTED). Keys are sorted as one typed array; only
 * on a repeat are the rows read again to quote the later ones.
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
  ignoredColumns: readonly string[],
): void {
  // Whole seconds ×2 (+1 for UTC rows) stay below 2^35; the queue goes above that.
  const keyOf = (i: number): number => (rows.queue[i] as number) * 2 ** 36 + (rows.instant[i] as number) + 2 ** 35;
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = keyOf(i);
  keys.sort();
  const repeated = new Set<number>();
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) repeated.add(keys[i] as number);
  if (repeated.size === 0) return;
  // The repeats in file order.
  const firstLineOf = new Map<number, number>();
  const reports: Array<{ line: number; firstLine: number; queue: number }> = [];
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(i);
    if (!repeated.has(key)) continue;
    const seenAt = firstLineOf.get(key);
    if (seenAt === undefined) {
      firstLineOf.set(key, rows.line[i] as number);
    } else {
      count += 1;
      reports.push({ line: rows.line[i] as number, firstLine: seenAt, queue: rows.queue[i] as number });
    }
  }
  reports.sort((a, b) => a.line - b.line);
  const listed = reports.slice(0, MAX_REPORTED);
  const wanted = new Set(listed.map((r) => r.line));
  const shown = new Map<number, string>();
  forEachCsvRecord(data, file, delimiter, (record, line) => {
    if (!wanted.has(line)) return;
    shown.set(line, timestampCol !== undefined ? (record[timestampCol] ?? '').trim() : `${(record[dateCol] ?? '').trim()} ${(record[hourCol] ?? '').trim()}`);
  });
  // Without a queue column, rows of two channels look like repeats: say which column would split them.
  const split = queueCol === undefined && ignoredColumns.length > 0 ? ` (if column ${describeValue(ignoredColumns[0])} splits the rows by channel, name it queue, 队列, 渠道 or 技能组)` : '';
  const problems = listed.map((r) => {
    const queue = queueNames[r.queue] ?? 'all';
    return new InputError(
      { file, line: r.line, column: (timestampCol ?? dateCol) + 1 },
      `timestamp ${shown.get(r.line) ?? ''}${queueCol !== undefined ? ` for queue ${describeValue(queue)}` : ''} again (first on line ${r.firstLine})`,
      `each timestamp once per queue${split}`,
    );
  });
  throw InputErrors.of(problems, count, file);
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
