/**
 * The size caps of a config, a holiday file and an agents file (docs/limits.md):
 * each is refused at once with a message naming the field, file line or cell,
 * and nothing a user can write makes a validation pattern overflow the stack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../src/config';
import { ConfigError, InputError } from '../../src/domain';
import {
  MAX_CONFIG_DEPTH,
  MAX_CONFIG_QUEUES,
  MAX_EVENTS,
  MAX_HOLIDAYS,
  MAX_LEAVE_DAYS,
  MAX_NAME_CHARS,
  MAX_OBJECT_FIELDS,
  MAX_POOLS,
  MAX_SHIFTS,
  MAX_TEXT_CHARS,
} from '../../src/domain/limits';
import { translateMessage } from '../../src/domain/i18n';
import { parseAgents } from '../../src/io/agents';
import { parseHolidays } from '../../src/io/holidays';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir } from '../helpers/paths';

type Json = Record<string, unknown>;

/** Five million characters: the size that overflowed the event-name pattern. */
const HUGE = 5_000_000;
const hugeChinese = '双'.repeat(HUGE);
const hugeAscii = 'a'.repeat(HUGE);

const sample = (): Json => JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Json;

function configError(json: unknown): ConfigError {
  try {
    parseConfig(json, 'c.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function inputError(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
}

const queue = (i: number): Json => ({ name: `q${i}` });
const vendor = (i: number): Json => ({ name: `v${i}`, kind: 'vendor', pricing: { model: 'perHour', rate: 30 } });
const shift = (i: number): Json => ({ name: `s${i}`, code: String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26)), start: '08:00', hours: 8 });
const event = (i: number): Json => ({ name: `e${i}`, date: '2026-11-02', uplift: 1.01 });
const holiday = (i: number): Json => ({ date: `${2000 + (i % 90)}-01-01`, name: `h${i}` });

describe('config counts', () => {
  test.each([
    ['queues', MAX_CONFIG_QUEUES, (n: number): Json => ({ queues: Array.from({ length: n }, (_, i) => queue(i)) }), 'queues'],
    ['pools', MAX_POOLS, (n: number): Json => ({ pools: Array.from({ length: n }, (_, i) => vendor(i)) }), 'pools'],
    ['shifts', MAX_SHIFTS, (n: number): Json => ({ shifts: Array.from({ length: n }, (_, i) => shift(i)) }), 'shifts'],
    ['events', MAX_EVENTS, (n: number): Json => ({ events: Array.from({ length: n }, (_, i) => event(i)) }), 'events'],
    ['calendar.holidays', MAX_HOLIDAYS, (n: number): Json => ({ calendar: { holidays: Array.from({ length: n }, (_, i) => holiday(i)) } }), 'holidays'],
  ])('%s: %i are read, one more is refused naming the list', (at, cap, make, items) => {
    const atCap = make(cap);
    // Pools all vendors: the outsourcing band must allow it.
    if (at === 'pools') atCap.outsourcing = { max: 1 };
    expect(() => parseConfig(atCap)).not.toThrow();
    const over = make(cap + 1);
    expect(configError(over).message).toBe(`config ${at}: expected at most ${cap.toLocaleString('en-US')} ${items}, got ${(cap + 1).toLocaleString('en-US')} (in c.json)`);
  });

  test('the sizes of the finding (1,000 queues, 60 vendor pools) are refused before any is validated', () => {
    // Every queue is also invalid: the cap answers first, so nothing was validated item by item.
    expect(configError({ queues: Array.from({ length: 1000 }, () => ({ name: '' })) }).message).toBe('config queues: expected at most 50 queues, got 1,000 (in c.json)');
    expect(configError({ pools: Array.from({ length: 60 }, (_, i) => vendor(i)) }).path).toBe('pools');
  });

  test('inner lists: a pool\'s shift names, start offsets, any other list, fields and nesting', () => {
    expect(configError({ pools: [{ name: 'p', kind: 'inhouse', shifts: Array.from({ length: 51 }, () => 'day') }] }).message).toBe('config pools[0].shifts: expected at most 50 shift names, got 51 (in c.json)');
    expect(configError({ shifts: [{ name: 'day', code: 'D', start: '08:00', hours: 8, startOffsets: Array.from({ length: 25 }, () => 0) }] }).message).toBe(
      'config shifts[0].startOffsets: expected at most 24 start offsets (one per hour of the day), got 25 (in c.json)',
    );
    expect(configError({ shifts: [{ name: 'day', code: 'D', start: '08:00', hours: 8, onlyOn: Array.from({ length: 1001 }, () => '2026-11-11') }] }).message).toBe(
      'config shifts[0].onlyOn: expected at most 1,000 items, got 1,001 (in c.json)',
    );
    const wide = Object.fromEntries(Array.from({ length: MAX_OBJECT_FIELDS + 1 }, (_, i) => [`f${i}`, 1]));
    expect(configError({ solver: wide }).message).toBe(`config solver: expected at most ${MAX_OBJECT_FIELDS} fields, got ${MAX_OBJECT_FIELDS + 1} (in c.json)`);
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(configError({ events: deep }).message).toBe(`config events${'[0]'.repeat(MAX_CONFIG_DEPTH - 1)}: expected at most ${MAX_CONFIG_DEPTH} levels of nesting, got deeper (in c.json)`);
    expect(configError({ [hugeAscii]: 1 }).message).toBe('config (root): expected field names of at most 64 characters, got one of 5,000,000 characters ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...") (in c.json)');
  });
});

describe('config strings', () => {
  /** Every name field of the sample config with events, holidays and design limits added, and the other texts. */
  function fullConfig(): Json {
    const c = sample();
    c.events = [{ name: 'brand-day', date: '2026-11-05', uplift: 1.2 }];
    c.calendar = { holidays: [{ date: '2026-01-01', name: 'New Year' }] };
    c.design = { pools: [{ name: 'in-house' }] };
    return c;
  }
  const NAME_PATHS = ['queues[0].name', 'pools[1].name', 'shifts[2].name', 'events[0].name', 'calendar.holidays[0].name', 'design.pools[0].name', 'pools[0].shifts[1]'];
  const TEXT_PATHS = ['timezone', 'currency', 'shifts[3].onlyOn[0]', 'shifts[0].start', 'horizon.start', 'pools[1].pricing.model'];

  function setAt(json: Json, at: string, value: unknown): void {
    const parts = at.replace(/\[(\d+)\]/g, '.$1').split('.');
    let node = json as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts[parts.length - 1] as string] = value;
  }

  test('the full config is valid as it is', () => {
    expect(() => parseConfig(fullConfig())).not.toThrow();
  });

  test.each(NAME_PATHS)('%s: 64 characters are read, 5 million Chinese or ASCII ones are refused naming the field', (at) => {
    const ok = fullConfig();
    const name = '名'.repeat(MAX_NAME_CHARS);
    setAt(ok, at, name);
    // Names are cross-checked (a pool's shifts name a shift): a valid 64-character name where one is referred to.
    if (at === 'shifts[2].name') (ok.pools as Json[]).forEach((p) => delete p.shifts);
    if (at === 'pools[1].name' || at === 'design.pools[0].name') {
      setAt(ok, 'pools[1].name', name);
      setAt(ok, 'design.pools[0].name', name);
      setAt(ok, 'capacity.vendors[0].name', name);
    }
    if (at === 'pools[0].shifts[1]') setAt(ok, 'shifts[1].name', name);
    if (at === 'events[0].name') ok.events = [{ name, date: '2026-11-05' }];
    expect(() => parseConfig(ok)).not.toThrow();
    for (const huge of [hugeChinese, hugeAscii]) {
      const bad = fullConfig();
      setAt(bad, at, huge);
      const error = configError(bad);
      expect(error.path).toBe(at);
      expect(error.message).toBe(`config ${at}: expected a name of at most 64 characters, got 5,000,000 characters (${JSON.stringify(`${huge.slice(0, 37)}...`)}) (in c.json)`);
    }
    const over = fullConfig();
    setAt(over, at, '名'.repeat(MAX_NAME_CHARS + 1));
    expect(configError(over).path).toBe(at);
  });

  test.each(TEXT_PATHS)('%s: 5 million characters are refused naming the field', (at) => {
    const bad = fullConfig();
    setAt(bad, at, hugeChinese);
    expect(configError(bad).message).toBe(`config ${at}: expected a text of at most ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters, got 5,000,000 characters ("${'双'.repeat(37)}...") (in c.json)`);
  });

  test('an unknown field holding 5 million characters is refused by its length, not echoed', () => {
    expect(configError({ pools: [{ ...vendor(0), colour: hugeChinese }] }).message).toMatch(/^config pools\[0\]\.colour: expected a text of at most 4,096 characters, got 5,000,000 characters \("双{37}\.\.\."\) \(in c\.json\)$/);
  });
});

describe('holiday file', () => {
  const rows = (n: number): string => `date,name\n${Array.from({ length: n }, (_, i) => `${2000 + (i % 90)}-01-${String(1 + Math.floor(i / 90) % 28).padStart(2, '0')},h${i}`).join('\n')}\n`;

  test('10,000 rows are read; the row over the cap is named by its line and reading stops there', () => {
    expect(parseHolidays(rows(MAX_HOLIDAYS), 'h.csv')).toHaveLength(MAX_HOLIDAYS);
    // The row after the cap is broken: the cap answers first.
    expect(inputError(() => parseHolidays(`${rows(MAX_HOLIDAYS + 1)}2026-01-01,"never closed\n`, 'h.csv'))).toBe('h.csv:10002:1: more than 10,000 holidays; expected at most 10,000 holidays in one file');
  });

  test('a name of 5 million Chinese characters, a 65-character name and an oversized cell are located', () => {
    expect(inputError(() => parseHolidays(`date,name\n2026-01-01,${hugeChinese}\n`, 'h.csv'))).toBe('h.csv:2:2: a cell of 5,000,000 characters; expected at most 4,096 characters in a cell');
    expect(inputError(() => parseHolidays(`date,name\n2026-01-01,${'节'.repeat(65)}\n`, 'h.csv'))).toBe('h.csv:2:2: a name of 65 characters; expected a holiday name of at most 64 characters');
    expect(parseHolidays(`date,name\n2026-01-01,${'节'.repeat(64)}\n`, 'h.csv')).toHaveLength(1);
    expect(inputError(() => parseHolidays(`date,name,kind\n2026-01-01,a,${hugeAscii}\n`, 'h.csv'))).toBe('h.csv:2:3: a cell of 5,000,000 characters; expected at most 4,096 characters in a cell');
  });

  test('a config\'s holiday file and inline holidays together are capped', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'h.csv'), rows(MAX_HOLIDAYS));
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ calendar: { holidaysFile: 'h.csv', holidays: [{ date: '2026-05-01', name: 'extra' }] } }));
    return runCli(['inspect', '--history', path.join(repoRoot, 'test/fixtures/whatif/history.csv'), '--config', path.join(dir, 'c.json')]).then((run) => {
      expect(run).toEqual({ code: 2, stdout: '', stderr: `error: config calendar.holidays: expected at most 10,000 holidays, got 10,001 (in ${path.join(dir, 'c.json')})\n` });
    });
  });
});

describe('agents file', () => {
  const config = parseConfig(sample());
  const header = 'agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable';

  test('ids and names over 64 characters, oversized cells and too much leave are located', () => {
    expect(inputError(() => parseAgents(`${header}\n${hugeChinese},王芳,in-house,,,,\n`, 'a.csv', config))).toBe('a.csv:2:1: a cell of 5,000,000 characters; expected at most 4,096 characters in a cell');
    expect(inputError(() => parseAgents(`${header}\n${'工'.repeat(65)},王芳,in-house,,,,\n`, 'a.csv', config))).toBe('a.csv:2:1: an agent_id of 65 characters; expected an id of at most 64 characters');
    expect(inputError(() => parseAgents(`${header}\nA1,${'王'.repeat(65)},in-house,,,,\n`, 'a.csv', config))).toBe('a.csv:2:2: a name of 65 characters; expected a name of at most 64 characters');
    expect(parseAgents(`${header}\n${'工'.repeat(64)},${'王'.repeat(64)},in-house,,,,\n`, 'a.csv', config)).toHaveLength(1);
    const years = Array.from({ length: 3 }, (_, i) => `${2026 + i}-01-01..${2026 + i}-12-31`).join(';');
    expect(inputError(() => parseAgents(`${header}\nA1,王芳,in-house,,,,${years}\n`, 'a.csv', config))).toBe(`a.csv:2:7: more than ${MAX_LEAVE_DAYS} days of leave; expected at most ${MAX_LEAVE_DAYS} unavailable days for one agent`);
  });
});

describe('the finding, through the command line', () => {
  test('inspect with an event name of 5 million Chinese characters: exit 2, one line naming the field', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.json');
    fs.writeFileSync(file, JSON.stringify({ events: [{ name: hugeChinese, date: '2026-11-05' }] }));
    const run = await runCli(['inspect', '--history', path.join(repoRoot, 'test/fixtures/whatif/history.csv'), '--config', file]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `error: config events[0].name: expected a name of at most 64 characters, got 5,000,000 characters ("${'双'.repeat(37)}...") (in ${file})\n` });
  });
});

test('the cap messages read in Chinese too (the catalogue\'s templates)', () => {
  expect(translateMessage('zh', configError({ queues: Array.from({ length: 51 }, (_, i) => queue(i)) }).message)).toBe('配置 queues：应为最多 50 项（queues），实际为 51（文件 c.json）');
  expect(translateMessage('zh', configError({ events: [{ name: 'a'.repeat(65), date: '2026-11-02' }] }).message)).toBe(
    `配置 events[0].name：应为不超过 64 个字符的名称，实际为 65 characters ("${'a'.repeat(37)}...")（文件 c.json）`,
  );
  expect(translateMessage('zh', inputError(() => parseHolidays(`date,name\n2026-01-01,${'节'.repeat(65)}\n`, 'h.csv')))).toBe('h.csv:2:2：一个 65 个字符的名称；应为不超过 64 个字符的节假日名称');
  expect(translateMessage('zh', 'the upload came too slowly: 20 bytes in 2.0 s, below 64 KB/s after its first 2 s')).toBe('上传太慢：2.0 秒收到 20 字节，开头 2 秒之后低于 64 KB/s');
  expect(translateMessage('zh', "2 Host headers; expected one Host header with this server's address, e.g. 127.0.0.1:4173")).toBe('2 个 Host 头；应为一个写明本服务器地址的 Host 头，例如 127.0.0.1:4173');
});
