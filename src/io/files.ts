/**
 * File access for every command: reading with located errors, and writing
 * atomically (temp file or folder, then rename) so a failed run leaves nothing
 * half-written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../domain';

/** Read a UTF-8 text file, dropping a byte-order mark. */
export function readTextFile(file: string, what = 'a readable file'): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const found = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : `cannot be read (${code ?? 'unknown'})`;
    throw new InputError({ file }, found, what);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

let tempCounter = 0;
function tempName(target: string): string {
  tempCounter += 1;
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${tempCounter}`);
}

/** Write a file atomically: the target is either the old content or the new, never half. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = tempName(path.resolve(file));
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Write a whole folder atomically: `files` maps relative paths to contents.
 * The folder is built beside the target and renamed into place; an existing
 * target is replaced only after the new one is complete.
 */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Buffer>): void {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempName(target);
  try {
    fs.mkdirSync(tmp, { recursive: true });
    for (const [relative, content] of files) {
      const normalized = path.normalize(relative);
      if (path.isAbsolute(normalized) || normalized.startsWith('..')) {
        throw new Error(`refusing to write outside the output folder: ${relative}`);
      }
      const full = path.join(tmp, normalized);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
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
