/**
 * The `peakshift` command line: global options, command registry, and the one
 * place that turns errors into a single line and an exit code.
 */
import yargs from 'yargs';
import { PlannerError, UsageError } from '../domain';
import { commands } from './commands';
import { setRawArgv } from './options';
import type { Lang } from '../domain/i18n';
import { errorText, langOfArgv, localizedErrorLine } from './lang';
import { printError, setOutput, setQuiet, type CliOutput } from './output';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../package.json') as { version: string }).version;

function errorLine(error: unknown, debug: boolean, lang: Lang): { line: string; exitCode: number } {
  if (error instanceof PlannerError) return { line: errorText(lang, error.message, error.hint), exitCode: error.exitCode };
  const err = error instanceof Error ? error : new Error(String(error));
  const detail = debug ? `\n${err.stack ?? ''}` : ' (this is a bug in peakshift; run with --debug for details)';
  return { line: `error: ${err.message.split('\n')[0]}${detail}`, exitCode: 1 };
}

const COMMAND_NAMES = commands.map((c) => String(c.command).split(' ')[0] as string);

/**
 * yargs says "Unknown arguments: bogus, x"; name the command and the options as they are typed:
 * "plan: unknown option --bogus (run peakshift plan --help)".
 */
export function usageLine(message: string, argv: readonly string[]): string {
  const command = argv.find((a) => !a.startsWith('-'));
  const known = command !== undefined && COMMAND_NAMES.includes(command);
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (m) {
    const words = (m[1] as string).split(', ');
    if (!known) {
      const word = words.find((w) => !w.startsWith('-') && argv.includes(w)) ?? words[0] ?? '';
      if (argv.includes(word)) return `error: unknown command ${JSON.stringify(word)}; expected one of ${COMMAND_NAMES.join(', ')} (run peakshift --help)`;
    }
    const options = words.map((w) => (argv.includes(w) ? w : `--${w}`));
    const where = known ? `${command}: ` : '';
    return `error: ${where}unknown option${options.length > 1 ? 's' : ''} ${options.join(', ')} (run peakshift ${known ? `${command} ` : ''}--help)`;
  }
  return `error: ${message} (run peakshift${known ? ` ${command}` : ''} --help)`;
}

/**
 * Run the CLI with `argv` (without node and script). Resolves to the exit code;
 * never calls process.exit, so tests can run commands in-process.
 */
export async function main(argv: string[], output?: CliOutput): Promise<number> {
  const previous = output ? setOutput(output) : undefined;
  const debug = argv.includes('--debug');
  const lang = langOfArgv(argv);
  setQuiet(argv.includes('--quiet') || argv.includes('-q'));
  setRawArgv(argv);
  let usageFailure: string | undefined;
  let helpOrVersion = false;
  try {
    const parser = yargs(argv)
      .scriptName('peakshift')
      .usage('$0 <command> [options]\n\nStaffing and shift planning for e-commerce customer-service peaks.')
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'Print results only, no progress or notes', global: true })
      .option('debug', { type: 'boolean', describe: 'Show stack traces for unexpected errors', global: true })
      .command(commands)
      .demandCommand(1, 'expected a command')
      .strict()
      .version(VERSION)
      .help()
      .alias('h', 'help')
      .alias('V', 'version')
      .wrap(Math.min(100, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((message: string | null, error: Error | undefined) => {
        if (error) throw error;
        usageFailure = message ?? 'bad usage';
        // Throwing stops yargs here: a usage failure (an unknown option, a
        // missing one) must never reach the command's handler.
        throw new UsageError(usageFailure);
      });
    const printed: string[] = [];
    const parsed = await parser.parseAsync(argv, {}, (err: Error | undefined, _args: unknown, text: string) => {
      if (text && !err) printed.push(text);
    });
    if (printed.length > 0) {
      helpOrVersion = true;
      const { print } = await import('./output');
      print(printed.join('\n'));
    }
    void parsed;
    if (usageFailure !== undefined) {
      printError(localizedErrorLine(lang, usageLine(usageFailure, argv)));
      return 2;
    }
    return helpOrVersion ? 0 : 0;
  } catch (error) {
    if (usageFailure !== undefined) {
      printError(localizedErrorLine(lang, usageLine(usageFailure, argv)));
      return 2;
    }
    const { line, exitCode } = errorLine(error, debug, lang);
    printError(line);
    return exitCode;
  } finally {
    if (previous) setOutput(previous);
    setQuiet(false);
    setRawArgv([]);
  }
}
