/**
 * A busy machine on purpose: `n` processes that burn a CPU each while `work`
 * runs (a manager's laptop compiling, indexing, playing video). Results that
 * depend on the wall clock come out differently beside them.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export async function withCpuBurners<T>(n: number, work: () => Promise<T>): Promise<T> {
  const burners: ChildProcess[] = Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    return await work();
  } finally {
    for (const b of burners) b.kill('SIGKILL');
  }
}
