/** `peakshift inspect` on a history with closed hours: closed apart from missing. */
import { runCli } from '../helpers/cli';
import * as path from 'node:path';
import { repoRoot, tempFile } from '../helpers/paths';
import { dayNumber, hourKeyFromNumber, type History } from '../../src/domain';
import { forecastDemand, zeroForecastNote } from '../../src/forecast';
import { parseConfig } from '../../src/config';
import { syntheticHistory } from '../forecast/synthetic';

// A bank: weekdays 08:00-20:00 only, five weeks from Monday 2026-03-02, Friday 2026-03-20 missing.
const bank = syntheticHistory({
  start: '2026-03-02',
  end: '2026-04-03',
  perDay: 3000,
  seed: 4,
  missing: (day, hour) => (day + 3) % 7 >= 5 || hour < 8 || hour >= 20 || day === dayNumber('2026-03-20'),
});

function csv(h: History): string {
  const start = dayNumber(h.startHour.slice(0, 10)) * 24;
  const lines = ['timestamp,inquiries'];
  h.queues[0]!.values.forEach((v, i) => v !== null && lines.push(`${hourKeyFromNumber(start + i)},${v}`));
  return `${lines.join('\n')}\n`;
}
const file = tempFile('bank.csv', csv(bank));

describe('inspect', () => {
  it('reports closed hours apart from missing ones, with the open hours of each weekday', async () => {
    const r = await runCli(['inspect', '--history', file]);
    expect(r.code).toBe(0);
    // 2026-03-02T08:00 .. 2026-04-03T19:00 is 780 slots; 24 days x 12 = 288 hours with data; 12 missing (the Friday); the rest closed.
    expect(r.stdout).toContain('rows      288 source rows, 1 per hour -> 288 hours with data, 12 hours missing, 480 hours closed\n');
    expect(r.stdout).toContain('open      Mon 08-20; Tue 08-20; Wed 08-20; Thu 08-20; Fri 08-20; Sat closed; Sun closed\n');
    const json = JSON.parse((await runCli(['inspect', '--history', file, '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ hourSlots: 780, hoursWithData: 288, missingHours: 12, closedHours: 480 });
  });
});

describe('a forecast of zeros', () => {
  it('is right on closed days, and then says so', () => {
    const r = forecastDemand(bank, parseConfig({ calendar: { region: 'none' } }), { start: '2026-04-04', end: '2026-04-05' });
    expect(r.demand.queues[0]!.forecast.every((v) => v === 0)).toBe(true);
    expect(r.notes).toContain('every forecast hour is 0: the forecast days fall on closed hours of the week or closures of the holiday calendar');
  });

  it('is an error at open hours while the history has volume (exit 3)', () => {
    const cal = { start: dayNumber('2026-04-06'), days: [{ date: '2026-04-06', active: [], label: '', makeupWorkday: false, closed: false }] };
    const zero = [{ name: 'all', forecast: new Array(24).fill(0), p10: [], p50: [], p90: [] }];
    const open = new Uint8Array(168).fill(1);
    expect(() => zeroForecastNote(bank, zero, cal, 0, 1, open, '2026-04-06')).toThrow(
      'every forecast hour from 2026-04-06 is 0 while the history has 37,116 inquiries and 24 of the forecast hours are open',
    );
  });
});

describe('inspect names the encoding', () => {
  // 时间,咨询量 and 售前 in GBK (the bytes Excel on Chinese Windows writes).
  const gbkHeader = [0xca, 0xb1, 0xbc, 0xe4, 0x2c, 0xd7, 0xc9, 0xd1, 0xaf, 0xc1, 0xbf, 0x0a];
  const rows = '2026-06-01T10:00,5\n2026-06-01T11:00,7\n';

  it('prints UTF-8 or GB18030, and both give the same totals', async () => {
    const utf8 = await runCli(['inspect', '--history', tempFile('h-utf8.csv', `时间,咨询量\n${rows}`)]);
    const gbk = await runCli(['inspect', '--history', tempFile('h-gbk.csv', Buffer.concat([Buffer.from(gbkHeader), Buffer.from(rows)]))]);
    expect(utf8.code).toBe(0);
    expect(gbk.code).toBe(0);
    expect(utf8.stdout.split('\n')[1]).toBe('encoding  UTF-8');
    expect(gbk.stdout.split('\n')[1]).toBe('encoding  GB18030 (GBK, as Excel saves CSV on Chinese Windows)');
    expect(gbk.stdout).toContain('total     12 inquiries');
    expect(gbk.stdout.split('\n').slice(2)).toEqual(utf8.stdout.split('\n').slice(2));
    const json = JSON.parse((await runCli(['inspect', '--history', tempFile('h-gbk2.csv', Buffer.concat([Buffer.from(gbkHeader), Buffer.from(rows)])), '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ encoding: 'gb18030', total: 12 });
  });

  it('refuses a file that is neither UTF-8 nor GB18030 with exit 2 and a hint to save as UTF-8', async () => {
    const file = tempFile('h-bad.csv', Buffer.concat([Buffer.from(`timestamp,inquiries\n${rows}2026-06-01T12:00,`), Buffer.from([0xff, 0x0a])]));
    const r = await runCli(['inspect', '--history', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}:4: bytes FF 0A that are neither UTF-8 nor GB18030; expected UTF-8 or GB18030 text (in Excel: Save As "CSV UTF-8")\n`);
  });
});

describe('inspect on an Excel export', () => {
  it('reads data/excel-export.csv (GBK, 日期,时间,咨询人数,渠道) and notes the rows it skipped', async () => {
    const r = await runCli(['inspect', '--history', path.join(repoRoot, 'data/excel-export.csv')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('encoding  GB18030 (GBK, as Excel saves CSV on Chinese Windows)');
    expect(lines).toContain('open      Mon 08-24; Tue 08-24; Wed 08-24; Thu 08-24; Fri 08-24; Sat 08-24; Sun 08-24');
    expect(lines).toContain('note      skipped 7 empty rows (every cell blank) on lines 226, 451, 676, 901, 1126 and 2 more');
    expect(lines).toContain('note      skipped 1 total row (合计) on line 1352: totals are not inquiries of an hour');
    expect(lines.filter((l) => l.startsWith('  queue')).map((l) => l.split(/\s+/)[2])).toEqual(['售前', '售后']);
  });

  it('names the columns it does not read', async () => {
    const r = await runCli(['inspect', '--history', tempFile('w.csv', '日期,星期,时间,咨询量\n2026/11/2,一,8:00,5\n')]);
    expect(r.stdout).toContain('ignored   column "星期" (not a time, count or queue column)\n');
  });
});
