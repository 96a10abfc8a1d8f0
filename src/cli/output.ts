import { tr, translateMessage, type Lang } from '../domain/i18n';

/**
 * Where commands print. `main` points these at the process streams; tests
 * point them at buffers to run commands in-process.
 */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is an interactive terminal (progress displays). */
  isTTY: boolean;
}

let current: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

let quiet = false;

export function setOutput(output: CliOutput): CliOutput {
  const previous = current;
  current = output;
  return previous;
}

export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

/** Results (CSV, tables, JSON): always printed. */
export function print(text: string): void {
  current.stdout(text.endsWith('\n') ? text : `${text}\n`);
}

/** Progress and notes for people: on stderr, silenced by --quiet. */
export function info(text: string): void {
  if (!quiet) current.stderr(text.endsWith('\n') ? text : `${text}\n`);
}

/** A warning on stderr; in `lang`, with the message translated where the catalogue knows it. */
export function warn(text: string, lang: Lang = 'en'): void {
  current.stderr(`${tr(lang, 'warningLine', { message: translateMessage(lang, text) })}\n`);
}

export function printError(text: string): void {
  current.stderr(text.endsWith('\n') ? text : `${text}\n`);
}

export function interactive(): boolean {
  return current.isTTY && !quiet && !process.env.CI;
}

/** Redraw the one-line progress display on stderr; only when interactive(). */
export function progressLine(text: string): void {
  if (interactive()) current.stderr(`\r\x1b[2K${text}`);
}

/** Clear the progress line. */
export function clearProgress(): void {
  if (interactive()) current.stderr('\r\x1b[2K');
}
