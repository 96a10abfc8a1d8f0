/**
 * File access for every command: reading with located errors (size cap,
 * encoding detection), and writing atomically (temp file or folder, then
 * rename) so a failed run leaves nothing half-written.
 *
 * Temporary names are `.<target>.peakshift-tmp-<pid>-<n>`: recognisable, and
 * the next write into the same parent folder removes the ones whose process
 * is gone (a run killed mid-write leaves its temp folder behind).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, UsageError } from '../domain';
import { MAX_INPUT_BYTES, groupedInt } from '../domain/limits';
import { decodeText, type DecodedText } from './encoding';

export { decodeText, stripBom, type DecodedText, type TextEncodingName } from './encoding';

/** Read a file's bytes, refusing a missing file, a folder or one over the size cap. */
export function readInputBytes(file: string, what = 'a readable file'): Buffer {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    size = stat.size;
  } catch (error) {
    throw unreadable(file, error, what);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError({ file }, `a file of ${groupedInt(size / (1024 * 1024))} MB`, `at most ${groupedInt(MAX_INPUT_BYTES / (1024 * 1024))} MB (split it, or aggregate finer rows into hours)`);
  }
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw unreadable(file, error, what);
  }
}

function unreadable(file: string, error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const found = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : `cannot be read (${code ?? 'unknown'})`;
  return new InputError({ file }, found, what);
}

/** Read a text file as UTF-8 (see encoding.ts for what is detected), without a byte-order mark. */
export function readTextFile(file: string, what = 'a readable file'): string {
  return readDecodedFile(file, what).text;
}

/** Read a text file and say which encoding it was in. */
export function readDecodedFile(file: string, what = 'a readable file'): DecodedText {
  return decodeText(readInputBytes(file, what), file);
}

const TEMP_MARK = '.peakshift-tmp-';
const TEMP_RE = /^\..+\.peakshift-tmp-(\d+)-\d+$/;

let tempCounter = 0;
function tempName(target: string): string {
  tempCounter += 1;
  return path.join(path.dirname(target), `.${path.basename(target)}${TEMP_MARK}${process.pid}-${tempCounter}`);
}

/** True while a process with this id runs (a process of another user counts as running). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove temp files and folders left in `dir` by peakshift runs that were
 * killed mid-write (their process id is no longer running). Returns the names removed.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Another run may be removing it at the same time; it goes next time.
    }
  }
  return removed;
}

/** Write a file atomically: the target is either the old content or the new, never half. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTemps(path.dirname(target));
  const tmp = tempName(target);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * The file in every folder peakshift writes: it lists the folder's files, so a
 * later run replaces the folder only when nothing else was put in it.
 */
export const FOLDER_MARKER = '.peakshift-folder';
const MARKER_HEAD = 'written by peakshift; a later run may replace this folder. Files:';

function markerText(files: Iterable<string>): string {
  return `${MARKER_HEAD}\n${[...files].map((f) => path.normalize(f).split(path.sep).join('/')).sort().join('\n')}\n`;
}

/** Relative paths of the files under `dir` (folders are walked; the marker itself is left out). */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (rel !== FOLDER_MARKER) out.push(rel);
  }
  return out;
}

/**
 * Refuse to replace `dir` unless peakshift wrote it: it must be absent, empty,
 * or hold a marker listing every file in it. `option` names the option for the
 * message (`--out-dir`). `force` skips the check.
 */
export function checkOutputFolder(dir: string, option: string, force = false): void {
  if (force) return;
  const target = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  const refuse = (why: string): never => {
    throw new UsageError(`${option} ${dir} ${why}; choose another folder or pass --force`);
  };
  if (!stat.isDirectory()) refuse('is a file, not a folder peakshift wrote');
  const present = filesUnder(target);
  const markerFile = path.join(target, FOLDER_MARKER);
  if (!fs.existsSync(markerFile)) {
    if (present.length === 0) return;
    refuse('exists and was not written by peakshift');
  }
  const listed = new Set(fs.readFileSync(markerFile, 'utf8').split('\n').slice(1).filter((l) => l !== ''));
  const foreign = present.filter((f) => !listed.has(f));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, ... (${foreign.length} files)` : '');
    refuse(`holds files peakshift did not write (${shown})`);
  }
}

/**
 * Record in a folder's marker that peakshift wrote `relative` there too
 * (`simulate` adds simulation.csv to a plan folder), so a later run may still
 * replace the folder. A folder without a marker is left as it is.
 */
export function addToFolderMarker(dir: string, relative: string): void {
  const markerFile = path.join(dir, FOLDER_MARKER);
  if (!fs.existsSync(markerFile)) return;
  const listed = fs.readFileSync(markerFile, 'utf8').split('\n').slice(1).filter((l) => l !== '');
  const name = path.normalize(relative).split(path.sep).join('/');
  if (listed.includes(name)) return;
  writeFileAtomic(markerFile, markerText([...listed, name]));
}

export interface WriteFolderOptions {
  /** The option that named the folder, for messages (default `--out-dir`). */
  option?: string;
  /** Replace the folder even when peakshift did not write it. */
  force?: boolean;
}

/**
 * Write a whole folder atomically: `files` maps relative paths to contents.
 * The folder is built beside the target and renamed into place; an existing
 * target is replaced only after the new one is complete, and only when
 * peakshift wrote it (checkOutputFolder). The folder gets the marker file.
 */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Buffer>, options: WriteFolderOptions = {}): void {
  const target = path.resolve(dir);
  checkOutputFolder(dir, options.option ?? '--out-dir', options.force);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTemps(path.dirname(target));
  const tmp = tempName(target);
  try {
    fs.mkdirSync(tmp, { recursive: true });
    for (const [relative, content] of files) {
      const normalized = path.normalize(relative);
      if (path.isAbsolute(normalized) || normalized.startsWith('..') || normalized === FOLDER_MARKER) {
        throw new Error(`refusing to write outside the output folder: ${relative}`);
      }
      const full = path.join(tmp, normalized);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
    fs.writeFileSync(path.join(tmp, FOLDER_MARKER), markerText(files.keys()));
    if (fs.existsSync(target)) {
      const old = tempName(target);
      fs.renameSync(target, old);
      fs.renameSync(tmp, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(tmp, target);
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
