/** The CLI from sources, as a process (`node --require tsx/cjs test/helpers/cli-main.ts <command> ...`). */
import { main } from '../../src/cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
