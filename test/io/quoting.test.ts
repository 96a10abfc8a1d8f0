/**
 * Every CSV the project writes quotes per RFC 4180 through one helper, so a
 * queue named `pre,sales` or `"vip"` reads back exactly; the readers locate
 * their errors per physical line and refuse values over the caps.
 */
import { parse } from 'csv-parse/sync';
import type { Demand, Requirement } from '../../src/domain';
import { InputError } from '../../src/domain';
import { formatCoverageCsv, formatForecastCsv, formatRequirementsCsv, formatShiftsCsv, parseCoverageCsv, parseForecastCsv, parseRequirementsCsv } from '../../src/io';
import { simulationCsv } from '../../src/scenario';

const NAMES = ['pre,sales', '"vip"'];

const demand: Demand = {
  timezone: 'Asia/Shanghai',
  startHour: '2026-11-11T00:00',
  hours: 2,
  queues: NAMES.map((name, k) => ({ name, forecast: [10 + k, 20], p10: [5, 10], p50: [10 + k, 20], p90: [15 + k, 30] })),
  events: ['double-11', 'a "quoted", event'],
};

const cell = { inquiries: 10, agents: 2, scheduled: 2.5, serviceLevel: 0.9, asaSeconds: 3, occupancy: 0.5, abandonRate: null };
const requirement: Requirement = { timezone: 'Asia/Shanghai', startHour: '2026-11-11T00:00', hours: 2, queues: NAMES.map((name) => ({ name, cells: [cell, cell] })) };

/** Every row of a CSV has the header's number of fields. */
function fields(text: string): string[][] {
  const rows = parse(text, { relax_column_count: true }) as string[][];
  const width = rows[0]?.length;
  for (const r of rows) expect(r.length).toBe(width);
  return rows;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('queue names with a comma or quotes', () => {
  test('the forecast CSV quotes them and reads them back', () => {
    const text = formatForecastCsv(demand);
    expect(text.split('\n')[1]).toBe('2026-11-11T00:00,"pre,sales",10.00,5.00,15.00,double-11');
    expect(text.split('\n')[2]).toBe('2026-11-11T00:00,"""vip""",11.00,5.00,16.00,double-11');
    expect(fields(text).map((r) => r[1])).toEqual(['queue', ...NAMES, 'all', ...NAMES, 'all']);
    const back = parseForecastCsv(text, 'f.csv', 'Asia/Shanghai');
    expect(back.queues.map((q) => q.name)).toEqual(NAMES);
    expect(back.events).toEqual(demand.events);
  });

  test('the requirements CSV quotes them and reads them back', () => {
    const text = formatRequirementsCsv(requirement);
    expect(text.split('\n')[1]).toBe('2026-11-11T00:00,"pre,sales",10.00,2,2.50,0.9000,3.00,0.5000,,');
    expect(fields(text).map((r) => r[1])).toEqual(['queue', ...NAMES, 'all', ...NAMES, 'all']);
    expect(parseRequirementsCsv(text, 'r.csv', 'Asia/Shanghai')).toEqual(requirement);
  });

  test('coverage, shifts and simulation CSVs quote them', () => {
    const rows = NAMES.map((queue) => ({ timestamp: '2026-11-11T00:00', queue, required: 2, scheduled: 2, shortfall: 0, surplus: 0, agents: 3 }));
    const coverage = formatCoverageCsv(rows, [0.9, null]);
    expect(fields(coverage).map((r) => r[1])).toEqual(['queue', ...NAMES]);
    expect(parseCoverageCsv(coverage, 'c.csv', NAMES).map((r) => r.queue)).toEqual(NAMES);
    const line = { date: '2026-11-11', shift: 'day', code: 'D', start: '2026-11-11T08:00', end: '2026-11-11T17:00', pool: 'in-house', queue: 'pre,sales', agents: 3, cost: 720 };
    expect(formatShiftsCsv([line]).split('\n')[1]).toBe('2026-11-11,day,2026-11-11T08:00,2026-11-11T17:00,in-house,3,720.00,,0,,,"pre,sales"');
    const stats = { offered: 1, answered: 1, abandoned: 0, serviceLevel: 1, asaSeconds: 0, abandonRate: 0 };
    const sim = simulationCsv({ startHour: '2026-11-11T00:00', hours: [stats], queues: NAMES.map((name) => ({ name, hours: [stats] })) } as unknown as Parameters<typeof simulationCsv>[0]);
    expect(fields(sim).map((r) => r[1])).toEqual(['queue', ...NAMES, 'all']);
  });
});

describe('readers: physical lines and caps', () => {
  test('blank lines and CRLF do not shift the line numbers', () => {
    const text = 'timestamp,queue,forecast,p10,p90,event\r\n\r\n2026-11-11T00:00,a,1,1,1,\r\n\r\n2026-11-11T01:00,a,x,1,1,\r\n';
    expect(messageOf(() => parseForecastCsv(text, 'f.csv', 'Asia/Shanghai'))).toBe('f.csv:5:3: forecast "x"; expected a number from 0 to 1,000,000,000');
  });

  test('huge or non-finite values are refused with their place', () => {
    expect(messageOf(() => parseForecastCsv('timestamp,queue,forecast,p10,p90,event\n2026-11-11T00:00,a,1e300,1,1e300,\n', 'f.csv', 'Asia/Shanghai'))).toBe(
      'f.csv:2:3: forecast "1e300"; expected a number from 0 to 1,000,000,000',
    );
    const header = 'timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy,abandon_rate';
    expect(messageOf(() => parseRequirementsCsv(`${header}\n2026-11-11T00:00,a,1,1e6,1,1,0,0,\n`, 'r.csv', 'Asia/Shanghai'))).toBe(
      'r.csv:2:4: agents "1e6"; expected a number of agents from 0 to 100,000',
    );
  });

  test('a row that stretches the file past a year, or falls outside the calendar, is named', () => {
    const head = 'timestamp,queue,forecast,p10,p90,event';
    expect(messageOf(() => parseForecastCsv(`${head}\n2026-11-11T00:00,a,1,1,1,\n2036-11-11T00:00,a,1,1,1,\n`, 'f.csv', 'Asia/Shanghai'))).toBe(
      'f.csv:3:1: a row at 2036-11-11T00:00, making the file span 3,653 days; expected at most 366 days of hours',
    );
    expect(messageOf(() => parseForecastCsv(`${head}\n1899-11-11T00:00,a,1,1,1,\n`, 'f.csv', 'Asia/Shanghai'))).toBe(
      'f.csv:2:1: timestamp "1899-11-11T00:00" in the year 1899; expected a date from 1901 to 2099',
    );
    expect(messageOf(() => parseForecastCsv(`${head}\n2026-02-30T00:00,a,1,1,1,\n`, 'f.csv', 'Asia/Shanghai'))).toBe(
      'f.csv:2:1: timestamp "2026-02-30T00:00" (no such date or hour); expected an hour like 2026-06-18T10:00',
    );
  });
});
