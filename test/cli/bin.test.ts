import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

// The installed binary runs the compiled CLI (`npm ci` builds it through `prepare`).
const built = fs.existsSync(path.join(repoRoot, 'dist/cli/main.js'));
(built ? test : test.skip)('bin/peakshift.js --help works from the build', () => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/peakshift.js'), '--help'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Commands:');
});

(built ? test : test.skip)('bin/peakshift.js exits 2 with one line on bad usage', () => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/peakshift.js'), 'inspect', '--history', '/no/such.csv'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('error: /no/such.csv: no such file; expected a readable inquiry CSV\n');
});
