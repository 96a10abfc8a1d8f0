import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../src/domain';
import { readAgents } from '../../src/io/agents';
import { decodeText, stripBom } from '../../src/io/encoding';
import { readHistory } from '../../src/io/history';
import { readConfig } from '../../src/io/config';
import { repoRoot, tempFile } from '../helpers/paths';

const CSV = 'timestamp,queue,inquiries\n2026-06-01T10:00,presales,5\n2026-06-01T11:00,presales,7\n';
const SH = { timezone: 'Asia/Shanghai' };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

const ASK = 'expected UTF-8 or GB18030 text (in Excel: Save As "CSV UTF-8")';

describe('decodeText', () => {
  test('UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from(CSV), 'a.csv')).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(`\ufeff${CSV}`), 'a.csv')).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  test('UTF-16 with a byte-order mark is decoded, little- and big-endian', () => {
    const le = Buffer.from(`\ufeff${CSV}售前`, 'utf16le');
    expect(decodeText(le, 'a.csv')).toEqual({ text: `${CSV}售前`, encoding: 'utf-16le' });
    expect(decodeText(Buffer.from(le).swap16(), 'a.csv')).toEqual({ text: `${CSV}售前`, encoding: 'utf-16be' });
  });

  test.each([
    ['UTF-16LE', Buffer.from(CSV, 'utf16le')],
    ['UTF-16BE', Buffer.from(CSV, 'utf16le').swap16()],
    ['UTF-32LE', Buffer.from(Array.from(CSV).flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))],
    ['UTF-32BE', Buffer.from(Array.from(CSV).flatMap((c) => [0, 0, 0, c.charCodeAt(0)]))],
  ])('%s without a byte-order mark is named, not read as garbage', (name, bytes) => {
    expect(messageOf(() => decodeText(bytes, 'h.csv'))).toBe(`h.csv:1:1: a ${name} file without a byte-order mark; ${ASK}`);
  });

  test('UTF-32 with a byte-order mark is refused by name', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from(CSV).flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]);
    expect(messageOf(() => decodeText(bytes, 'h.csv'))).toBe(`h.csv:1:1: a UTF-32LE file; ${ASK}`);
  });

  test('two byte-order marks are refused, in bytes and in text', () => {
    const expected = 'h.csv:1:1: two byte-order marks at the start (the file was converted twice); expected at most one (save the file again as UTF-8)';
    expect(messageOf(() => decodeText(Buffer.from(`\ufeff\ufeff${CSV}`), 'h.csv'))).toBe(expected);
    expect(messageOf(() => stripBom(`\ufeff\ufeff${CSV}`, 'h.csv'))).toBe(expected);
    expect(stripBom(`\ufeff${CSV}`, 'h.csv')).toBe(CSV);
  });

  test('GBK / GB18030 (Excel on Chinese Windows) is decoded', () => {
    // 时间,队列,咨询量 / 售前 in GBK.
    const gbk = Buffer.from('ca b1 bc e4 2c b6 d3 c1 d0 2c d7 c9 d1 af c1 bf 0a 32 30 32 36 2d 30 36 2d 30 31 54 31 30 3a 30 30 2c ca db c7 b0 2c 35 0a'.split(' ').map((h) => parseInt(h, 16)));
    expect(decodeText(gbk, 'g.csv')).toEqual({ text: '时间,队列,咨询量\n2026-06-01T10:00,售前,5\n', encoding: 'gb18030' });
  });

  test('bytes that are neither UTF-8 nor GB18030 are located', () => {
    const bytes = Buffer.concat([Buffer.from('timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,'), Buffer.from([0xff, 0x0a])]);
    expect(messageOf(() => decodeText(bytes, 'h.csv'))).toBe(`h.csv:3: bytes FF 0A that are neither UTF-8 nor GB18030; ${ASK}`);
  });

  test('a NUL byte is located', () => {
    const bytes = Buffer.concat([Buffer.from('timestamp,inquiries\n2026-06-01T10:00,5\n'), Buffer.from([0x35, 0x00, 0x0a])]);
    expect(messageOf(() => decodeText(bytes, 'h.csv'))).toBe(`h.csv:3: a NUL byte (a binary file, or a UTF-16 file without a byte-order mark?); ${ASK}`);
  });
});

describe('every reader decodes the same way', () => {
  test('a GBK history reads to exactly the totals of the same file in UTF-8', () => {
    const utf8 = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8').split('\n').slice(0, 2000).join('\n')
      .replace('timestamp,queue,inquiries', '时间,队列,咨询量').replace(/presales/g, '售前').replace(/aftersales/g, '售后');
    // Node has no GBK encoder: build the bytes from the decoder's own table for the few characters used.
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const ch = decoder.decode(Buffer.from([lead, trail]));
        if (ch.length === 1 && '时间队列咨询量售前后'.includes(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    const bytes = Buffer.from(Array.from(utf8).flatMap((ch) => table.get(ch) ?? [ch.charCodeAt(0)]));
    const a = readHistory(tempFile('utf8.csv', utf8), SH);
    const b = readHistory(tempFile('gbk.csv', bytes), SH);
    expect(b.queues.map((q) => q.name)).toEqual(['售前', '售后']);
    expect(b).toEqual(a);
  });

  test('an agents file in UTF-16 without a byte-order mark names the encoding', () => {
    const config = readConfig(path.join(repoRoot, 'data/config.json'));
    const file = tempFile('agents.csv', Buffer.from(fs.readFileSync(path.join(repoRoot, 'data/agents.csv'), 'utf8'), 'utf16le'));
    expect(messageOf(() => readAgents(file, config))).toBe(`${file}:1:1: a UTF-16LE file without a byte-order mark; ${ASK}`);
  });

  test('a history in UTF-16 with a byte-order mark and tabs (Excel "Unicode text") is read', () => {
    const file = tempFile('u.txt', Buffer.from(`\ufeff${CSV.replace(/,/g, '\t')}`, 'utf16le'));
    expect(readHistory(file, SH).queues).toEqual([{ name: 'presales', values: [5, 7] }]);
  });
});
