#!/usr/bin/env node
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The version needs nothing of the program: answer before loading it.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/cli/main.js')
    .main(args)
    .then((code) => { process.exitCode = code; });
}
