/** The holiday file (calendar.holidaysFile): parsing, located errors, and reading it through the config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../src/domain';
import { loadConfigText, parseHolidays, readConfig } from '../../src/io';
import { repoRoot, tempDir } from '../helpers/paths';

function error(text: string): string {
  try {
    parseHolidays(text, 'h.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseHolidays', () => {
  it('reads date,name[,kind] with the kind defaulting to holiday, in any column order, BOM and CRLF', () => {
    const rows = parseHolidays('\uFEFFname,date,kind\r\nNew Year\'s Day,2026-01-01,\r\nStore closed,2026-01-02,closed\r\n\r\nBrand Day,2026-08-08,EVENT\r\n', 'h.csv');
    expect(rows).toEqual([
      { date: '2026-01-01', name: "New Year's Day", kind: 'holiday' },
      { date: '2026-01-02', name: 'Store closed', kind: 'closed' },
      { date: '2026-08-08', name: 'Brand Day', kind: 'event' },
    ]);
    expect(parseHolidays('日期,名称\n2026-10-01,国庆节\n', 'h.csv')).toEqual([{ date: '2026-10-01', name: '国庆节', kind: 'holiday' }]);
  });

  it('reads the shipped US federal calendar', () => {
    const rows = parseHolidays(fs.readFileSync(path.join(repoRoot, 'calendars/us-federal.csv'), 'utf8'), 'us-federal.csv');
    expect(rows.filter((r) => r.date.startsWith('2014-'))).toHaveLength(10);
    expect(rows.find((r) => r.date === '2014-11-27')).toEqual({ date: '2014-11-27', name: 'Thanksgiving Day', kind: 'holiday' });
  });

  it.each([
    ['an empty file', '', 'h.csv:1:1: an empty file; expected a header row date,name[,kind]'],
    ['no name column', 'date,holiday_name\n2026-01-01,x\n', 'h.csv:1:1: header "date,holiday_name"; expected a header row date,name[,kind]'],
    ['a bad date', 'date,name\n2026-01-01,a\n2026-13-01,b\n', 'h.csv:3:1: date "2026-13-01"; expected a real date YYYY-MM-DD'],
    ['an empty name', 'date,name\n2026-01-01,\n', 'h.csv:2:2: an empty name; expected a holiday name of letters, digits, spaces, \'-\', \'_\', \'.\' or apostrophes, starting with a letter or digit'],
    ['a bad kind', 'date,name,kind\n2026-01-01,a,bank\n', 'h.csv:2:3: kind "bank"; expected one of holiday, closed, event (or empty for holiday)'],
    ['a repeated row', 'date,name\n2026-01-01,a\n2026-01-01,a\n', 'h.csv:3:1: 2026-01-01 "a" again (first on line 2); expected each holiday date once'],
    ['a short row', 'date,name\n2026-01-01\n', 'h.csv:2:1: 1 fields; expected the same number of fields as the header'],
  ])('rejects %s with file:line:column', (_what, text, message) => {
    expect(error(text)).toBe(message);
  });
});

describe('calendar.holidaysFile in a config', () => {
  it('is read relative to the config file, joins calendar.holidays, and is then dropped', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'cal'));
    fs.writeFileSync(path.join(dir, 'cal', 'h.csv'), 'date,name\n2026-07-04,Independence Day\n');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ calendar: { region: 'none', holidaysFile: 'cal/h.csv', holidays: [{ date: '2026-01-01', name: 'New Year' }] } }));
    const config = readConfig(path.join(dir, 'config.json'));
    expect(config.calendar.holidays).toEqual([
      { date: '2026-01-01', name: 'New Year', kind: 'holiday' },
      { date: '2026-07-04', name: 'Independence Day', kind: 'holiday' },
    ]);
    expect(config.calendar.holidaysFile).toBeUndefined();
  });

  it('names the holiday file in its errors', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ calendar: { holidaysFile: 'missing.csv' } }));
    expect(() => readConfig(path.join(dir, 'config.json'))).toThrow(`${path.join(dir, 'missing.csv')}: no such file; expected a readable holiday CSV (date,name[,kind])`);
  });

  it('is refused where no file may be read (a config sent to the web page)', () => {
    expect(() => loadConfigText(JSON.stringify({ calendar: { holidaysFile: 'h.csv' } }), 'config.json')).toThrow(
      'config calendar.holidaysFile: expected the holidays in calendar.holidays here (upload the holiday file; no file is read on the server), got "h.csv" (in config.json)',
    );
  });
});
