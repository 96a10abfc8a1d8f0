/** Looking at processes through /proc (Linux), for the tests that kill them. */
import * as fs from 'node:fs';

/** Process ids of a process's children. */
export function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A process that has ended: gone, or a zombie waiting for its new parent to collect it. */
export function ended(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
