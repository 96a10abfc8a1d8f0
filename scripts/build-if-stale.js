#!/usr/bin/env node
/**
 * `npm start`'s build step: rebuild dist/ only when a source or build setting
 * changed since the last build (dist/.build-stamp), so a second `npm start`
 * goes straight to the plan. `npm run build` always builds and stamps.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(file).reduce((most, name) => Math.max(most, newest(path.join(file, name))), stat.mtimeMs);
}

const built = newest(stamp);
const changed = Math.max(...inputs.map((f) => newest(path.join(root, f))));
if (built > 0 && built >= changed) {
  process.stderr.write('dist/ is up to date (npm run build rebuilds it anyway)\n');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
