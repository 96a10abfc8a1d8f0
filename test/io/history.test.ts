import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, InputErrors } from '../../src/domain';
import { parseHistory, parseHourOfDay, readHistory } from '../../src/io/history';
import { hasRealData, realDataDir } from '../helpers/paths';

const SH = { timezone: 'Asia/Shanghai' };
const read = (text: string, tz = SH) => parseHistory(text, 'in.csv', tz);

function errorOf(text: string, tz = SH): string {
  try {
    read(text, tz);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('accepted shapes', () => {
  test('timestamp,inquiries hourly', () => {
    const h = read('timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,7\n');
    expect(h.startHour).toBe('2026-06-01T10:00');
    expect(h.hours).toBe(2);
    expect(h.queues).toEqual([{ name: 'all', values: [5, 7] }]);
    expect(h.missingHours).toBe(0);
    expect(h.sourceRows).toBe(2);
    expect(h.rowsPerHour).toBe(1);
  });

  test('date,hour,inquiries with a queue column gives the same series as timestamps', () => {
    const a = read('date,hour,queue,inquiries\n2026-06-01,10,presales,5\n2026-06-01,10,aftersales,2\n2026-06-01,11,presales,7\n2026-06-01,11,aftersales,3\n');
    const b = read('timestamp,queue,inquiries\n2026-06-01T10:00,presales,5\n2026-06-01T10:00,aftersales,2\n2026-06-01T11:00,presales,7\n2026-06-01T11:00,aftersales,3\n');
    expect(a.queues).toEqual(b.queues);
    expect(a.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(a.queues[1]?.values).toEqual([2, 3]);
  });

  test('Chinese headers, BOM, tabs and CRLF', () => {
    const h = read('\ufeff时间\t队列\t咨询量\r\n2026-06-01 10:00\t售前\t5\r\n2026-06-01 11:00\t售前\t6\r\n');
    expect(h.queues).toEqual([{ name: '售前', values: [5, 6] }]);
    const d = read('日期,小时,咨询量\r\n2026/06/01,10,5\r\n');
    expect(d.queues[0]?.values).toEqual([5]);
  });

  test('headers are case-insensitive and extra columns are ignored', () => {
    const h = read('TimeStamp,Note,INQUIRIES\n2026-06-01T10:00,x,5\n');
    expect(h.queues[0]?.values).toEqual([5]);
  });

  test('5-minute rows are summed into hours and out-of-order rows are sorted', () => {
    const rows = ['timestamp,inquiries'];
    for (let m = 55; m >= 0; m -= 5) rows.push(`2026-06-01T11:${String(m).padStart(2, '0')},1`);
    rows.push('2026-06-01T10:30:00,4', '2026-06-01T10:00:00,3');
    const h = read(rows.join('\n'));
    expect(h.startHour).toBe('2026-06-01T10:00');
    expect(h.queues[0]?.values).toEqual([7, 12]);
    expect(h.rowsPerHour).toBe(12);
  });

  test('timestamps with seconds, fractions and UTC offsets are put in the config zone', () => {
    const h = read('timestamp,inquiries\n2026-06-01T02:00:00Z,5\n2026-06-01T11:00:00.000+08:00,6\n2026-06-01T04:30+0100,1\n');
    // 02:00Z = 10:00 Shanghai; 04:30+01:00 = 03:30Z = 11:30 Shanghai.
    expect(h.startHour).toBe('2026-06-01T10:00');
    expect(h.queues[0]?.values).toEqual([5, 7]);
  });

  test('missing hours stay missing (null) and are counted', () => {
    const h = read('timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T13:00,0\n');
    expect(h.queues[0]?.values).toEqual([5, null, null, 0]);
    expect(h.missingHours).toBe(2);
  });

  test('DST fall-back: the repeated local hour is merged', () => {
    const h = read(
      'timestamp,inquiries\n2014-11-02T00:00-04:00,10\n2014-11-02T01:00-04:00,20\n2014-11-02T01:00-05:00,30\n2014-11-02T02:00-05:00,40\n',
      { timezone: 'America/New_York' },
    );
    expect(h.startHour).toBe('2014-11-02T00:00');
    expect(h.queues[0]?.values).toEqual([10, 50, 40]);
  });

  test('DST spring-forward: the skipped local hour is absent and not counted missing', () => {
    const h = read(
      'timestamp,inquiries\n2015-03-08T01:00-05:00,10\n2015-03-08T03:00-04:00,20\n',
      { timezone: 'America/New_York' },
    );
    expect(h.queues[0]?.values).toEqual([10, null, 20]);
    expect(h.missingHours).toBe(0);
  });
});

describe('bad input gives one located message', () => {
  const cases: Array<[string, string, string]> = [
    ['empty file', '', 'in.csv:1:1: an empty file; expected a header row such as timestamp,inquiries'],
    ['blank file', '\n\n  \n', 'in.csv:1:1: an empty file; expected a header row such as timestamp,inquiries'],
    ['no count column', 'timestamp,value\n2026-06-01T10:00,1\n', 'in.csv:1:1: header "timestamp,value"; expected a column named inquiries (or 咨询量, 咨询人数, 进线量, 会话量)'],
    ['no time column', 'queue,inquiries\na,1\n', 'in.csv:1:1: header "queue,inquiries"; expected a timestamp column (时间), or date and hour columns (日期, 小时)'],
    ['date without hour', 'date,inquiries\n2026-06-01,1\n', 'in.csv:1:1: header "date,inquiries" with a date but no hour column; expected a timestamp column (时间), or date and hour columns (日期, 小时)'],
    ['two count columns', 'timestamp,inquiries,咨询量\n2026-06-01T10:00,1,1\n', 'in.csv:1:3: a second inquiries column "咨询量"; expected one inquiries column'],
    ['header only', 'timestamp,inquiries\n', 'in.csv:2:1: no data rows; expected at least one row after the header'],
    ['garbage timestamp', 'timestamp,inquiries\n2026-06-01T10:00,1\nyesterday,2\n', 'in.csv:3:1: timestamp "yesterday"; expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['empty timestamp', 'timestamp,inquiries\n,2\n', 'in.csv:2:1: an empty timestamp; expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['month 13', 'timestamp,inquiries\n2026-13-01T10:00,1\n', 'in.csv:2:1: timestamp "2026-13-01T10:00" (no such date or time); expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['Feb 30', 'timestamp,inquiries\n2026-02-30T10:00,1\n', 'in.csv:2:1: timestamp "2026-02-30T10:00" (no such date or time); expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['hour 24', 'timestamp,inquiries\n2026-06-01T24:00,1\n', 'in.csv:2:1: timestamp "2026-06-01T24:00" (no such date or time); expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['date only in timestamp', 'timestamp,inquiries\n2026-06-01,1\n', 'in.csv:2:1: timestamp "2026-06-01"; expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional)'],
    ['offset out of range', 'timestamp,inquiries\n2026-06-01T10:00+15:00,1\n', 'in.csv:2:1: UTC offset "+15:00"; expected an offset between -14:00 and +14:00'],
    ['bad date column', 'date,hour,inquiries\n2026-6-31,1,1\n', 'in.csv:2:1: date "2026-6-31"; expected a date like 2026-06-18 or 2026/6/18'],
    ['empty date', 'date,hour,inquiries\n,1,1\n', 'in.csv:2:1: an empty date; expected a date like 2026-06-18 or 2026/6/18'],
    ['hour 25', 'date,hour,inquiries\n2026-06-01,25,1\n', 'in.csv:2:2: hour "25"; expected an hour of day like 9, 09:00 or 9:00 (0-23)'],
    ['hour text', 'date,hour,inquiries\n2026-06-01,ten,1\n', 'in.csv:2:2: hour "ten"; expected an hour of day like 9, 09:00 or 9:00 (0-23)'],
    ['empty hour', 'date,hour,inquiries\n2026-06-01,,1\n', 'in.csv:2:2: an empty hour; expected an hour of day like 9, 09:00 or 9:00 (0-23)'],
    ['negative count', 'timestamp,inquiries\n2026-06-01T10:00,-3\n', 'in.csv:2:2: a negative count -3; expected a whole number of inquiries >= 0'],
    ['fractional count', 'timestamp,inquiries\n2026-06-01T10:00,2.5\n', 'in.csv:2:2: a fractional count 2.5; expected a whole number of inquiries >= 0'],
    ['text count', 'timestamp,inquiries\n2026-06-01T10:00,many\n', 'in.csv:2:2: count "many"; expected a whole number of inquiries >= 0'],
    ['empty count', 'timestamp,inquiries\n2026-06-01T10:00,\n', 'in.csv:2:2: an empty count; expected a whole number of inquiries >= 0'],
    ['count with a misplaced separator', 'timestamp,inquiries\n2026-06-01T10:00,"12,00"\n', 'in.csv:2:2: count "12,00"; expected a whole number of inquiries >= 0'],
    ['empty queue', 'timestamp,queue,inquiries\n2026-06-01T10:00,,1\n', 'in.csv:2:2: an empty queue name; expected a queue name such as presales'],
    ['queue named all', 'timestamp,queue,inquiries\n2026-06-01T10:00,ALL,1\n', 'in.csv:2:2: queue "all"; expected a queue name other than "all" (reserved for totals)'],
    ['repeated timestamp', 'timestamp,inquiries\n2026-06-01T10:00,1\n2026-06-01T11:00,1\n2026-06-01T10:00,2\n', 'in.csv:4:1: timestamp 2026-06-01T10:00 again (first on line 2); expected each timestamp once per queue'],
    ['repeated timestamp in a queue', 'timestamp,queue,inquiries\n2026-06-01T10:00,a,1\n2026-06-01T10:00,b,1\n2026-06-01T10:00,a,2\n', 'in.csv:4:1: timestamp 2026-06-01T10:00 for queue "a" again (first on line 2); expected each timestamp once per queue'],
    ['repeated date and hour', 'date,hour,inquiries\n2026-06-01,10,1\n2026-06-01,10:00,2\n', 'in.csv:3:1: timestamp 2026-06-01 10:00 again (first on line 2); expected each timestamp once per queue'],
    ['same instant written two ways', 'timestamp,inquiries\n2026-06-01T10:00+08:00,1\n2026-06-01T02:00Z,2\n', 'in.csv:3:1: timestamp 2026-06-01T02:00Z again (first on line 2); expected each timestamp once per queue'],
    ['too many fields', 'timestamp,inquiries\n2026-06-01T10:00,1\n2026-06-01T11:00,1,9\n', 'in.csv:3:1: 3 fields; expected the same number of fields as the header'],
    ['unclosed quote', 'timestamp,inquiries\n"2026-06-01T10:00,1\n', 'in.csv:2:1: a quote that is never closed; expected a closing double quote'],
  ];

  test.each(cases)('%s', (_name, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  test('line numbers count blank lines', () => {
    expect(errorOf('timestamp,inquiries\n\n2026-06-01T10:00,1\n\n2026-06-01T11:00,x\n')).toBe(
      'in.csv:5:2: count "x"; expected a whole number of inquiries >= 0',
    );
  });

  test('a missing file names the file', () => {
    expect(() => readHistory('/nonexistent/inq.csv', SH)).toThrow('/nonexistent/inq.csv: no such file; expected a readable inquiry CSV');
  });
});

describe('real public series', () => {
  const files = {
    bank5: 'us_bank_calls_2003_5min.csv',
    bankH: 'us_bank_calls_2003_hourly.csv',
    taxi30: 'nyc_taxi_passengers_2014_30min.csv',
    taxiH: 'nyc_taxi_passengers_2014_hourly.csv',
  };
  const maybe = hasRealData ? test : test.skip;
  if (!hasRealData) {
    // eslint-disable-next-line no-console
    console.warn(`skipping real-data tests: ${realDataDir} not found`);
  }

  const total = (values: Array<number | null>) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

  maybe('US bank calls: 5-minute file sums to the hourly file exactly', () => {
    const fine = readHistory(path.join(realDataDir, files.bank5), SH);
    const hourly = readHistory(path.join(realDataDir, files.bankH), SH);
    expect(fine.sourceRows).toBe(27716);
    expect(fine.rowsPerHour).toBe(12);
    expect(hourly.sourceRows).toBe(2460);
    expect(fine.startHour).toBe('2003-03-03T07:00');
    expect(fine.queues[0]?.values).toEqual(hourly.queues[0]?.values);
    expect(total(fine.queues[0]?.values ?? [])).toBe(5_323_661);
    const values = fine.queues[0]?.values ?? [];
    expect(values.filter((v) => v !== null).length).toBe(2460);
    // Documented busiest hour: 2003-09-02T10:00 with 4,619 calls.
    expect(Math.max(...values.map((v) => v ?? 0))).toBe(4619);
    expect(fine.missingHours).toBe(fine.hours - 2460);
  });

  maybe('NYC taxi: 30-minute file sums to the hourly file exactly, complete series', () => {
    const fine = readHistory(path.join(realDataDir, files.taxi30), { timezone: 'America/New_York' });
    const hourly = readHistory(path.join(realDataDir, files.taxiH), { timezone: 'America/New_York' });
    expect(fine.sourceRows).toBe(10320);
    expect(fine.rowsPerHour).toBe(2);
    expect(hourly.sourceRows).toBe(5160);
    expect(fine.hours).toBe(5160);
    expect(fine.missingHours).toBe(0);
    expect(fine.queues[0]?.values).toEqual(hourly.queues[0]?.values);
    const values = fine.queues[0]?.values ?? [];
    // Documented: 2014-11-02T01:00 (74,409) is the series maximum (the folded DST hour).
    const max = Math.max(...values.map((v) => v ?? 0));
    expect(max).toBe(74409);
    expect(values.indexOf(max)).toBe((Date.UTC(2014, 10, 2, 1) - Date.UTC(2014, 6, 1)) / 3_600_000);
  });

  maybe('file sizes are what the provenance README documents', () => {
    expect(fs.readFileSync(path.join(realDataDir, files.bankH), 'utf8').trim().split('\n').length - 1).toBe(2460);
  });
});

describe('hardening: what a careless export or a hostile file holds', () => {
  const rows = (from: string, hours: number, queue?: string): string[] => {
    const start = Date.parse(`${from}T00:00Z`);
    return Array.from({ length: hours }, (_, i) => `${new Date(start + i * 3_600_000).toISOString().slice(0, 16)}${queue === undefined ? '' : `,${queue}`},5`);
  };

  test('LF, CRLF and CR line ends mixed in one file are read alike', () => {
    const mixed = read('timestamp,inquiries\r\n2026-06-01T10:00,5\n2026-06-01T11:00,6\r\n\r\n2026-06-01T12:00,7\r2026-06-01T13:00,8\n');
    expect(mixed.queues).toEqual([{ name: 'all', values: [5, 6, 7, 8] }]);
    expect(errorOf('timestamp,inquiries\r\n2026-06-01T10:00,5\n\r\n2026-06-01T11:00,x\r\n')).toBe('in.csv:4:2: count "x"; expected a whole number of inquiries >= 0');
  });

  test('a quote that never closes is reported on the line it opens, not at the end of the file', () => {
    const text = ['timestamp,inquiries', ...rows('2026-06-01', 5).slice(0, 2), '2026-06-01T02:00,"5', ...rows('2026-06-02', 30)].join('\n');
    expect(errorOf(text)).toBe('in.csv:4:2: a quote that is never closed; expected a closing double quote');
  });

  test('a quoted field that runs on to a later quote is reported where it opens', () => {
    const text = 'timestamp,queue,inquiries\n2026-06-01T10:00,"a,5\n2026-06-01T11:00,b,5\n2026-06-01T12:00,"c",5\n';
    expect(errorOf(text)).toBe('in.csv:2:2: a quoted field that runs on to line 4; expected a closing double quote at the end of the field');
  });

  test('a quote inside an unquoted field is located', () => {
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,5"x\n')).toBe(
      'in.csv:3: a double quote inside an unquoted field; expected quotes only around a whole field (write "" for a quote inside one)',
    );
  });

  test('counts: spaces around a whole number are fine; overflowing ones are located', () => {
    expect(read('timestamp,inquiries\n2026-06-01T10:00, 5 \n2026-06-01T11:00," 6 "\n').queues[0]?.values).toEqual([5, 6]);
    expect(read('timestamp,inquiries\n2026-06-01T10:00,1000000000\n').queues[0]?.values).toEqual([1e9]);
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,999999999999999999999999999999999999999\n')).toBe(
      'in.csv:2:2: a count of 999999999999... (39 digits); expected at most 1,000,000,000 inquiries in one row',
    );
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,1000000001\n')).toBe('in.csv:2:2: a count of 1000000001; expected at most 1,000,000,000 inquiries in one row');
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,1e3\n')).toBe('in.csv:2:2: count "1e3"; expected a whole number of inquiries >= 0');
  });

  test('a row far from the others (a typo in the year) is named before anything is laid out by the span', () => {
    const text = ['timestamp,inquiries', ...rows('2023-11-01', 24 * 30), '1970-01-01T00:00,5', ...rows('2026-06-01', 48)].join('\n');
    expect(errorOf(text)).toBe('in.csv:722:1: a row dated 1970-01-01, 54 years from the other rows (2023-11-01 .. 2026-06-02); expected every row within 10 years of the others (a typo in the year?)');
  });

  test('years outside the calendar are named', () => {
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,1\n1899-12-31T10:00,2\n')).toBe('in.csv:3:1: timestamp "1899-12-31T10:00" in the year 1899; expected a date from 1901 to 2099');
    expect(errorOf('date,hour,inquiries\n9999-12-31,1,2\n')).toBe('in.csv:2:1: date "9999-12-31" in the year 9999; expected a date from 1901 to 2099');
  });

  test('a history over 20 years is refused at the row that stretches it', () => {
    const years = Array.from({ length: 23 }, (_, i) => `${2000 + i}-01-01T00:00,5`);
    expect(errorOf(['timestamp,inquiries', ...years].join('\n'))).toBe(
      'in.csv:2:1: a row dated 2000-01-01, making the history span 22.0 years (2000-01-01 .. 2022-01-01); expected a history of at most 20 years (drop the oldest rows)',
    );
    // A year typo 8 years ahead of a 15-year history: within 10 years of the rest, but the span breaks.
    const typo = [...Array.from({ length: 16 }, (_, i) => `${2011 + i}-01-01T00:00,5`), '2034-06-01T00:00,5'];
    expect(errorOf(['timestamp,inquiries', ...typo].join('\n'))).toBe(
      'in.csv:18:1: a row dated 2034-06-01, making the history span 23.4 years (2011-01-01 .. 2034-06-01); expected a history of at most 20 years (a typo in the year?)',
    );
  });

  test('more than 200 queues are refused at the first row over the cap', () => {
    const text = ['timestamp,queue,inquiries', ...Array.from({ length: 250 }, (_, i) => `2026-06-01T10:00,q${i},1`)].join('\n');
    expect(errorOf(text)).toBe('in.csv:202:2: queue "q200", queue number 201 of the file; expected at most 200 queues in one history');
  });

  test('queues × hours over the cap is refused before the series are laid out', () => {
    const text = ['timestamp,queue,inquiries', ...Array.from({ length: 200 }, (_, i) => `2020-01-01T00:00,q${i},1`), '2023-01-01T00:00,q0,1'].join('\n');
    expect(errorOf(text)).toBe('in.csv: 200 queues over 1,096 days (5,261,000 queue-hours); expected at most 5,000,000 queue-hours (fewer queues, or a shorter history)');
  });

  test('queue names with commas and quotes read back exactly', () => {
    const h = read('timestamp,queue,inquiries\n2026-06-01T10:00,"pre,sales",5\n2026-06-01T10:00,"""vip""",2\n');
    expect(h.queues).toEqual([{ name: 'pre,sales', values: [5] }, { name: '"vip"', values: [2] }]);
  });
});

describe('files as Excel writes them', () => {
  test('日期,时间,咨询人数,渠道: the time column beside a date is the hour, 渠道 the queue', () => {
    const h = read('日期,时间,咨询人数,渠道\r\n2025/4/28,9:00,5,售前\r\n2025/4/28,9:00,3,售后\r\n2025/4/28,10:00,7,售前\r\n2025/4/28,10:00,2,售后\r\n');
    expect(h.startHour).toBe('2025-04-28T09:00');
    expect(h.queues).toEqual([
      { name: '售前', values: [5, 7] },
      { name: '售后', values: [3, 2] },
    ]);
    expect(h.readNotes).toEqual([]);
    expect(h.ignoredColumns).toEqual([]);
  });

  test.each([
    ['进线量', '技能组'],
    ['会话量', '队列'],
    ['咨询量', 'channel'],
    ['咨询人数', 'skill group'],
  ])('count column %s and queue column %s', (count, queue) => {
    const h = read(`日期,小时,${count},${queue}\n2025-04-28,9,5,a\n2025-04-28,9,4,b\n`);
    expect(h.queues).toEqual([
      { name: 'a', values: [5] },
      { name: 'b', values: [4] },
    ]);
  });

  test.each([
    ['9', 9],
    ['09', 9],
    ['9:00', 9],
    ['09:00:00', 9],
    ['9:00 AM', 9],
    ['9:00 PM', 21],
    ['12:00 AM', 0],
    ['下午1:00', 13],
    ['09:00-10:00', 9],
    ['9-10', 9],
    ['9点', 9],
  ])('hour cell %s is hour %i', (cell, hour) => {
    expect(parseHourOfDay(cell)).toEqual({ hour, minute: 0 });
    expect(read(`date,time,inquiries\n2025-04-28,${cell},5\n`).startHour).toBe(`2025-04-28T${String(hour).padStart(2, '0')}:00`);
  });

  test.each(['24', '9:60', 'ten', '13:00 PM'])('hour cell %s is not an hour', (cell) => {
    expect(parseHourOfDay(cell)).toBeUndefined();
  });

  test('dates as 2025/4/28, 2025.4.28 and 2025年4月28日; counts with thousands separators', () => {
    const h = read('日期,时间,咨询人数\n2025/4/28,9:00,"1,200"\n2025.4.28,10:00,5\n2025年4月28日,11:00,"12,345,678"\n');
    expect(h.queues[0]?.values).toEqual([1200, 5, 12_345_678]);
  });

  test('empty ,,, rows and 合计/总计/Total rows are skipped with a note naming their lines', () => {
    const h = read('日期,时间,咨询人数,渠道\n2025/4/28,9:00,5,售前\n,,,\n2025/4/28,10:00,7,售前\n,,,\n合计,,12,\n总计：,,12,\nTotal,,,\n');
    expect(h.queues).toEqual([{ name: '售前', values: [5, 7] }]);
    expect(h.sourceRows).toBe(2);
    expect(h.readNotes).toEqual([
      'skipped 2 empty rows (every cell blank) on lines 3, 5',
      'skipped 3 total rows (合计, 总计, Total) on lines 6, 7, 8: totals are not inquiries of an hour',
    ]);
  });

  test('a file of nothing but empty and total rows has no data rows', () => {
    expect(errorOf('日期,时间,咨询人数\n,,\n合计,,0\n')).toBe('in.csv:2:1: no data rows (2 empty or total rows skipped); expected at least one row after the header');
  });

  test('columns that are not read are listed', () => {
    expect(read('日期,星期,时间,咨询人数,备注\n2025/4/28,一,9:00,5,\n').ignoredColumns).toEqual(['星期', '备注']);
  });

  test('a time column without a date column says how to fix it', () => {
    expect(errorOf('时间,咨询人数\n9:00,5\n')).toBe(
      'in.csv:2:1: timestamp "9:00"; expected a local time like 2026-06-18T10:00 (seconds and a UTC offset optional); or add a date column (日期 or date) and this column is read as the hour of day',
    );
  });

  test('a date and a time in the date column says so', () => {
    expect(errorOf('日期,小时,咨询人数\n2025/4/28 9:00,9,5\n')).toBe(
      'in.csv:2:1: date "2025/4/28 9:00"; expected a date like 2026-06-18 or 2026/6/18 (a date and a time in one cell: name the column timestamp or 日期时间, and drop the hour column)',
    );
  });

  test('repeated hours of a file whose channel column has another name point at it', () => {
    expect(errorOf('日期,时间,咨询人数,平台\n2025/4/28,9:00,5,淘宝\n2025/4/28,9:00,3,京东\n')).toBe(
      'in.csv:3:1: timestamp 2025/4/28 9:00 again (first on line 2); expected each timestamp once per queue (if column "平台" splits the rows by channel, name it queue, 队列, 渠道 or 技能组)',
    );
  });
});

describe('every problem of a file in one run', () => {
  test('each bad row on its own error line (its first problem), located, with its fix, then the count', () => {
    let caught: unknown;
    try {
      read('日期,时间,咨询人数,渠道\n2025/4/28,9:00,x,售前\n2025/4/28,25,1,售前\n,9:00,1,售前\n2025/4/28,11:00,-1,\n2025/4/28,12:00,4,售前\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputErrors);
    const errors = caught as InputErrors;
    expect(errors.count).toBe(4);
    expect(errors.where).toEqual({ file: 'in.csv', line: 2, column: 3 });
    expect(errors.message.split('\nerror: ')).toEqual([
      'in.csv:2:3: count "x"; expected a whole number of inquiries >= 0',
      'in.csv:3:2: hour "25"; expected an hour of day like 9, 09:00 or 9:00 (0-23)',
      'in.csv:4:1: an empty date; expected a date like 2026-06-18 or 2026/6/18',
      'in.csv:5:4: an empty queue name; expected a queue name such as presales',
      'in.csv: 4 problems listed above; fix them and run again',
    ]);
  });

  test('at most 20 are listed, all are counted', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `2025-04-28T${String(i % 24).padStart(2, '0')}:00,bad${i}`);
    const lines = errorOf(['timestamp,inquiries', ...rows].join('\n')).split('\nerror: ');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('in.csv:2:2: count "bad0"; expected a whole number of inquiries >= 0');
    expect(lines[19]).toBe('in.csv:21:2: count "bad19"; expected a whole number of inquiries >= 0');
    expect(lines[20]).toBe('in.csv: 25 problems, the first 20 listed above; fix them and run again');
  });

  test('every repeated hour is listed', () => {
    expect(errorOf('timestamp,inquiries\n2026-06-01T10:00,1\n2026-06-01T11:00,1\n2026-06-01T10:00,2\n2026-06-01T11:00,2\n').split('\nerror: ')).toEqual([
      'in.csv:4:1: timestamp 2026-06-01T10:00 again (first on line 2); expected each timestamp once per queue',
      'in.csv:5:1: timestamp 2026-06-01T11:00 again (first on line 3); expected each timestamp once per queue',
      'in.csv: 2 problems listed above; fix them and run again',
    ]);
  });
});
