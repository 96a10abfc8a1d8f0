/**
 * A job's process ends with its parent even while its main thread is busy (a
 * solve): the parent is killed with SIGKILL, the child is gone soon after.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, tempDir } from '../helpers/paths';
import { ended } from '../helpers/processes';

test('a child that calls endWithParent and then blocks its main thread ends when its parent is killed', async () => {
  const orphans = path.join(repoRoot, 'src/jobs/orphans.ts');
  // The child: the check, then a minute of work that never yields (as a solve does).
  const childFile = path.join(tempDir('peakshift-orphan-'), 'child.js');
  fs.writeFileSync(childFile, `require(${JSON.stringify(orphans)}).endWithParent(100);\nprocess.send('busy');\nconst t = Date.now();\nwhile (Date.now() - t < 60000) {}\n`);
  const parent = `const c = require('node:child_process').fork(${JSON.stringify(childFile)}, [], { execArgv: ['--require', ${JSON.stringify(require.resolve('tsx/cjs'))}] });
    c.on('message', () => console.log(c.pid)); setInterval(() => {}, 1000);`;
  const p = spawn(process.execPath, ['-e', parent], { stdio: ['ignore', 'pipe', 'inherit'] });
  const childPid = await new Promise<number>((resolve) => p.stdout.on('data', (c: Buffer) => resolve(Number(c.toString().trim()))));
  expect(ended(childPid)).toBe(false);
  p.kill('SIGKILL');
  while (!ended(childPid)) await new Promise((r) => setTimeout(r, 50));
}, 20_000);
