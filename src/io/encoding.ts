/**
 * Which text encoding an input file is in, and its text as UTF-8.
 *
 * - UTF-8, with or without a byte-order mark (BOM): read as is. Two BOMs in a
 *   row (a file converted twice) are refused: the second would become part of
 *   the first header.
 * - UTF-16 with a BOM (Excel's "Unicode text"): decoded.
 * - UTF-16 or UTF-32 without a BOM, UTF-32 with one, and files with NUL
 *   bytes: refused with the encoding named, so the message is not a far-away
 *   "1 fields" error.
 * - Anything else that is not valid UTF-8 is tried as GB18030 (which includes
 *   GBK, what Excel on Chinese Windows saves); what is neither is refused at
 *   the line of the first bad byte.
 *
 * New encodings go in FALLBACK_ENCODINGS (tried in order, strictly: a decoder
 * that meets an invalid sequence fails rather than guessing).
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../domain';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  encoding: TextEncodingName;
}

/** Tried in order when a file is not valid UTF-8; each must decode the whole file without an error. */
const FALLBACK_ENCODINGS: ReadonlyArray<Extract<TextEncodingName, 'gb18030'>> = ['gb18030'];

const ASK = 'UTF-8 or GB18030 text (in Excel: Save As "CSV UTF-8")';

/** Line (1-based) of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line += 1;
  return line;
}

/** A UTF-16/UTF-32 guess from where the NUL bytes sit in the first bytes; undefined when it looks like neither. */
function wideEncodingWithoutBom(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~3;
  if (n < 4) return undefined;
  const zerosAt = [0, 0, 0, 0];
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      zerosAt[i & 3] = (zerosAt[i & 3] as number) + 1;
      zeros += 1;
    }
  }
  if (zeros === 0) return undefined;
  const quarter = n / 4;
  const [z0, z1, z2, z3] = zerosAt as [number, number, number, number];
  // ASCII text in UTF-32 is three NULs to every character, in UTF-16 one.
  if (z1 > quarter * 0.9 && z2 > quarter * 0.9 && z3 > quarter * 0.9 && z0 < quarter * 0.1) return 'UTF-32LE';
  if (z0 > quarter * 0.9 && z1 > quarter * 0.9 && z2 > quarter * 0.9 && z3 < quarter * 0.1) return 'UTF-32BE';
  if (z1 + z3 > n / 2 * 0.6 && z0 + z2 < n / 2 * 0.1) return 'UTF-16LE';
  if (z0 + z2 > n / 2 * 0.6 && z1 + z3 < n / 2 * 0.1) return 'UTF-16BE';
  return undefined;
}

/** Offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function refuseDoubleBom(file: string): never {
  throw new InputError({ file, line: 1, column: 1 }, 'two byte-order marks at the start (the file was converted twice)', 'at most one (save the file again as UTF-8)');
}

/** Drop one byte-order mark from text; a second one right after it is an error. */
export function stripBom(text: string, file: string): string {
  if (text.charCodeAt(0) !== 0xfeff) return text;
  if (text.charCodeAt(1) === 0xfeff) refuseDoubleBom(file);
  return text.slice(1);
}

/** Decode an input file's bytes (see the header for what is accepted). `file` names it in errors. */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    if (rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) refuseDoubleBom(file);
    return utf8(rest, file);
  }
  if ((b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    throw new InputError({ file, line: 1, column: 1 }, `a UTF-32${b0 === 0 ? 'BE' : 'LE'} file`, ASK);
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new InputError({ file, line: 1, column: 1 }, `a ${encoding.toUpperCase()} file with broken characters`, ASK);
    }
    if (text.charCodeAt(0) === 0xfeff) refuseDoubleBom(file);
    return { text, encoding };
  }
  const wide = wideEncodingWithoutBom(bytes);
  if (wide !== undefined) {
    throw new InputError({ file, line: 1, column: 1 }, `a ${wide} file without a byte-order mark`, ASK);
  }
  return utf8(bytes, file);
}

/** UTF-8 text, else the first fallback that decodes the whole file, else a located error. */
function utf8(bytes: Uint8Array, file: string): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError({ file, line: lineAt(bytes, nul) }, 'a NUL byte (a binary file, or a UTF-16 file without a byte-order mark?)', ASK);
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
  return decodeFallback(bytes, file);
}

function decodeFallback(bytes: Uint8Array, file: string): DecodedText {
  for (const encoding of FALLBACK_ENCODINGS) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this one
    }
  }
  const at = firstInvalidUtf8(bytes);
  const shown = Array.from(bytes.subarray(at, at + 2), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  throw new InputError({ file, line: lineAt(bytes, at) }, `bytes ${shown} that are neither UTF-8 nor GB18030`, ASK);
}

/**
 * The same decision for a large file without building a second copy: UTF-8
 * input comes back as the same bytes (BOM dropped), anything else as new UTF-8 bytes.
 */
export function decodeToUtf8Bytes(bytes: Buffer, file: string): { bytes: Buffer; encoding: TextEncodingName } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (hasBom || (body[0] !== 0xff && body[0] !== 0xfe && wideEncodingWithoutBom(body) === undefined)) {
    if (hasBom && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) refuseDoubleBom(file);
    const nul = body.indexOf(0);
    if (nul >= 0) throw new InputError({ file, line: lineAt(body, nul) }, 'a NUL byte (a binary file, or a UTF-16 file without a byte-order mark?)', ASK);
    if (isUtf8(body)) return { bytes: body, encoding: 'utf-8' };
    const decoded = decodeFallback(body, file);
    return { bytes: Buffer.from(decoded.text, 'utf8'), encoding: decoded.encoding };
  }
  const decoded = decodeText(bytes, file);
  return { bytes: Buffer.from(decoded.text, 'utf8'), encoding: decoded.encoding };
}
