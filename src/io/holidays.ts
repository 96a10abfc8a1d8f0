/**
 * The holiday file (`calendar.holidaysFile`): CSV `date,name[,kind]`, one row
 * per holiday date, header required (also 日期, 名称, 类型). Rows with the
 * same name are one recurring holiday; consecutive dates of one name are one
 * block (a long weekend). `kind` is holiday (default), closed or event.
 * Every bad value is an InputError at file:line:column.
 */
import { HOLIDAY_KINDS, holidaySchema, type HolidayConfig } from '../config';
import { InputError, describeValue, isValidDate } from '../domain';
import { MAX_HOLIDAYS, MAX_NAME_CHARS, groupedInt } from '../domain/limits';
import { readTextFile } from './files';
import { checkCellSizes, forEachCsvRecord } from './csv';

type Column = 'date' | 'name' | 'kind';
const ALIASES: Record<Column, string[]> = {
  date: ['date', '日期'],
  name: ['name', 'holiday', '名称', '节日'],
  kind: ['kind', 'type', '类型'],
};

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

const NAME_RE = holidaySchema.shape.name;

/** Parse holiday-file text; `file` names it in messages. */
export function parseHolidays(text: string, file: string): HolidayConfig[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError({ file, line: 1, column: 1 }, 'an empty file', 'a header row date,name[,kind]');
  // The caps are checked as the rows come: reading stops at the first row over one.
  const rows: ParsedRow[] = [];
  forEachCsvRecord(body, file, ',', (record, line) => {
    if (rows.length > MAX_HOLIDAYS) throw new InputError({ file, line, column: 1 }, `more than ${groupedInt(MAX_HOLIDAYS)} holidays`, `at most ${groupedInt(MAX_HOLIDAYS)} holidays in one file`);
    checkCellSizes(record, file, line);
    rows.push({ record, info: { lines: line } });
  });
  const header = rows[0] as ParsedRow;
  const col = new Map<Column, number>();
  header.record.forEach((cell, i) => {
    const h = cell.trim().toLowerCase();
    for (const [role, names] of Object.entries(ALIASES) as Array<[Column, string[]]>) {
      if (!names.includes(h)) continue;
      if (col.has(role)) throw new InputError({ file, line: header.info.lines, column: i + 1 }, `a second ${role} column`, `one ${role} column`);
      col.set(role, i);
    }
  });
  for (const required of ['date', 'name'] as const) {
    if (!col.has(required)) {
      throw new InputError({ file, line: header.info.lines, column: 1 }, `header ${describeValue(header.record.join(','))}`, 'a header row date,name[,kind]');
    }
  }
  const out: HolidayConfig[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const line = row.info.lines;
    const at = (c: number): { file: string; line: number; column: number } => ({ file, line, column: c + 1 });
    const dateCol = col.get('date') as number;
    const nameCol = col.get('name') as number;
    const date = (row.record[dateCol] ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValidDate(date)) {
      throw new InputError(at(dateCol), date === '' ? 'an empty date' : `date ${describeValue(date)}`, 'a real date YYYY-MM-DD');
    }
    const name = (row.record[nameCol] ?? '').trim();
    if (name.length > MAX_NAME_CHARS) throw new InputError(at(nameCol), `a name of ${groupedInt(name.length)} characters`, `a holiday name of at most ${MAX_NAME_CHARS} characters`);
    if (!NAME_RE.safeParse(name).success) {
      throw new InputError(at(nameCol), name === '' ? 'an empty name' : `name ${describeValue(name)}`, "a holiday name of letters, digits, spaces, '-', '_', '.' or apostrophes, starting with a letter or digit");
    }
    const kindCol = col.get('kind');
    const kindText = kindCol === undefined ? '' : (row.record[kindCol] ?? '').trim().toLowerCase();
    const kind = kindText === '' ? 'holiday' : kindText;
    if (!(HOLIDAY_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(at(kindCol as number), `kind ${describeValue(kindText)}`, `one of ${HOLIDAY_KINDS.join(', ')} (or empty for holiday)`);
    }
    const key = `${date}\u0000${name}`;
    const first = seen.get(key);
    if (first !== undefined) throw new InputError(at(dateCol), `${date} ${describeValue(name)} again (first on line ${first})`, 'each holiday date once');
    seen.set(key, line);
    out.push({ date, name, kind: kind as HolidayConfig['kind'] });
  }
  return out;
}

/** Read a holiday file. */
export function readHolidays(file: string): HolidayConfig[] {
  return parseHolidays(readTextFile(file, 'a readable holiday CSV (date,name[,kind])'), file);
}
