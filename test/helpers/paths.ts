import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
/** Real public arrival series shipped beside the project (not inside it). */
export const realDataDir = path.resolve(repoRoot, '../shared/data/real');
export const hasRealData = fs.existsSync(realDataDir);

export function tempDir(prefix = 'peakshift-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Write `content` to a fresh temp file and return its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}
