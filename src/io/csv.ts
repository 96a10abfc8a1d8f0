/**
 * Reading CSV records for every reader: one record at a time with the
 * physical line it starts on (nothing kept), line ends normalised, and
 * csv-parse's syntax errors turned into located InputErrors (a quote that
 * never closes is reported where it opens).
 */
import { Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InputError } from '../domain';
import { MAX_TEXT_CHARS, groupedInt } from '../domain/limits';

/**
 * Line endings as `\n` only: CRLF, LF and old-Mac CR may be mixed in one file
 * (files pasted together), and csv-parse fixes its line ending on the first line.
 */
export function normalizeNewlines(data: string | Buffer): string | Buffer {
  if (typeof data === 'string') return data.includes('\r') ? data.replace(/\r\n?/g, '\n') : data;
  if (data.indexOf(13) < 0) return data;
  let w = 0;
  for (let r = 0; r < data.length; r++) {
    const b = data[r] as number;
    if (b === 13) {
      data[w++] = 10;
      if (data[r + 1] === 10) r += 1;
    } else {
      data[w++] = b;
    }
  }
  return data.subarray(0, w);
}

interface CsvContext {
  lines: number;
}

/** csv-parse's record loop without its stream: `parse(buffer, end, push, close)` returns an error or undefined. */
interface CsvRecordLoop {
  parse(data: Buffer, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

/** Physical line a record starts on: csv-parse reports where it ends. */
function recordStartLine(record: readonly string[], endLine: number): number {
  let inside = 0;
  for (const field of record) {
    if (field.includes('\n')) inside += field.split('\n').length - 1;
  }
  return endLine - inside;
}

/**
 * Read `data` with csv-parse, calling `onRecord(record, line)` for every
 * non-empty record (line = the physical line it starts on) without keeping
 * them: memory stays at the size of the input, not of its parsed rows.
 * CSV syntax errors become located InputErrors.
 *
 * The records come from the record loop behind csv-parse's stream Parser,
 * called synchronously on the whole buffer: five times faster than the sync
 * API's `on_record` (which builds an info object per record). Should a
 * csv-parse release drop that loop, the sync API is used instead.
 */
export function forEachCsvRecord(data: string | Buffer, file: string, delimiter: string, onRecord: (record: string[], line: number) => void): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const options = { delimiter, relax_column_count: false, skip_empty_lines: true, trim: false };
  const parser = new Parser(options);
  const loop = (parser as unknown as { api?: CsvRecordLoop }).api;
  let error: unknown;
  try {
    if (loop && typeof loop.parse === 'function') {
      error = loop.parse(bytes, true, (record) => onRecord(record, recordStartLine(record, parser.info.lines)), () => undefined);
    } else {
      parseSync(bytes, {
        ...options,
        on_record: (record: string[], context: CsvContext) => {
          onRecord(record, recordStartLine(record, context.lines));
          return null;
        },
      });
    }
  } catch (thrown) {
    error = thrown;
  }
  if (error === undefined) return;
  if (error instanceof InputError) throw error;
  throw csvErrorToInput(file, error, data, delimiter);
}

/**
 * Every cell of a holiday or agents file row within MAX_TEXT_CHARS, checked
 * before any cell is matched or used; else an InputError at the cell.
 */
export function checkCellSizes(record: readonly string[], file: string, line: number): void {
  record.forEach((cell, i) => {
    if (cell.length > MAX_TEXT_CHARS) throw new InputError({ file, line, column: i + 1 }, `a cell of ${groupedInt(cell.length)} characters`, `at most ${groupedInt(MAX_TEXT_CHARS)} characters in a cell`);
  });
}

/**
 * Where a quoted field that never closes (or closes and runs on) was opened:
 * csv-parse reports the line where it gave up, which is the end of the file
 * or the next quote, often far below the real mistake.
 */
export function quoteOpenedAt(data: string | Buffer, delimiter = ','): { line: number; column: number } | undefined {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const sep = delimiter.charCodeAt(0);
  let line = 1;
  let field = 1;
  let atFieldStart = true;
  let open: { line: number; column: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (open) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          i += 1;
          continue;
        }
        const next = text.charCodeAt(i + 1);
        // A closing quote must end the field; anything else is the reported error, so the opening was the mistake.
        if (!(Number.isNaN(next) || next === sep || next === 10 || next === 13)) return open;
        open = undefined;
        atFieldStart = false;
      } else if (ch === 10) {
        line += 1;
      }
      continue;
    }
    if (ch === 34 && atFieldStart) {
      open = { line, column: field };
      continue;
    }
    if (ch === sep) {
      field += 1;
      atFieldStart = true;
    } else if (ch === 10) {
      line += 1;
      field = 1;
      atFieldStart = true;
    } else {
      atFieldStart = false;
    }
  }
  return open;
}

interface CsvParseErrorShape {
  code?: string;
  lines?: number;
  message?: string;
  record?: unknown[];
  column?: number | string;
}

export function csvErrorToInput(file: string, error: unknown, data?: string | Buffer, delimiter = ','): InputError {
  const e = error as CsvParseErrorShape;
  const line = typeof e.lines === 'number' ? e.lines : undefined;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(e.record)) {
    return new InputError({ file, line, column: 1 }, `${e.record.length} fields`, 'the same number of fields as the header');
  }
  if ((e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_INVALID_CLOSING_QUOTE') && data !== undefined) {
    const opened = quoteOpenedAt(data, delimiter);
    if (opened) {
      return e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? new InputError({ file, ...opened }, 'a quote that is never closed', 'a closing double quote')
        : new InputError({ file, ...opened }, `a quoted field that runs on to line ${line ?? '?'}`, 'a closing double quote at the end of the field');
    }
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new InputError({ file, line }, 'a quote that is never closed', 'a closing double quote');
  }
  if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_OPENING_QUOTE') {
    return new InputError({ file, line }, 'a double quote inside an unquoted field', 'quotes only around a whole field (write "" for a quote inside one)');
  }
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return new InputError({ file, line }, 'text right after a closing quote', 'a delimiter or the end of the line after a quoted field');
  }
  return new InputError({ file, line }, `malformed CSV (${e.code ?? e.message ?? 'unknown'})`, 'comma- or tab-separated values');
}
