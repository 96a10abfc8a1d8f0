/** Parsing numeric command-line options into one-line usage errors. */
import { UsageError } from '../domain';

export interface NumberRule {
  /** What the option expects, for the message: "a positive number of seconds". */
  expected: string;
  min?: number;
  /** Whether `min` itself is allowed (default true). */
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
  integer?: boolean;
}

let rawArgv: readonly string[] = [];

/** The words of the command line being parsed, so a message can quote what was typed. */
export function setRawArgv(argv: readonly string[]): void {
  rawArgv = argv;
}

const camel = (kebab: string): string => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The text typed for `--name` (last occurrence, `--name value` or `--name=value`), or undefined.
 * Numeric options are declared as numbers to yargs, which turns "abc" into NaN; the message quotes the text.
 */
export function typedText(name: string): string | undefined {
  const spellings = new Set([`--${name}`, `--${camel(name)}`]);
  let found: string | undefined;
  rawArgv.forEach((word, i) => {
    const eq = word.indexOf('=');
    if (eq > 0 && spellings.has(word.slice(0, eq))) found = word.slice(eq + 1);
    else if (spellings.has(word) && i + 1 < rawArgv.length) found = rawArgv[i + 1];
  });
  return found;
}

/** `--aht abc` → `--aht: expected a positive number of seconds, got "abc"`. */
export function parseNumberOption(name: string, raw: unknown, rule: NumberRule): number {
  const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const text = typedText(name) ?? String(last);
  const value = typeof last === 'number' ? last : String(last).trim() === '' ? NaN : Number(last);
  const fail = (): never => {
    throw new UsageError(`--${name}: expected ${rule.expected}, got ${JSON.stringify(text)}`);
  };
  if (!Number.isFinite(value)) fail();
  if (rule.integer && !Number.isInteger(value)) fail();
  if (rule.min !== undefined && (rule.minInclusive === false ? value <= rule.min : value < rule.min)) fail();
  if (rule.max !== undefined && (rule.maxInclusive === false ? value >= rule.max : value > rule.max)) fail();
  return value;
}

export function optionalNumberOption(name: string, raw: unknown, rule: NumberRule): number | undefined {
  return raw === undefined ? undefined : parseNumberOption(name, raw, rule);
}

/**
 * `--time-limit` (a solve's safety limit, seconds) and, where the command has it, `--accept-gap`
 * (the largest proven gap a solve stopped by that limit may have and still be written, marked),
 * each as only the options given.
 */
export function solveLimitOptions(args: { timeLimit?: unknown; acceptGap?: unknown }): { timeLimitSeconds?: number; acceptGap?: number } {
  const timeLimitSeconds = optionalNumberOption('time-limit', args.timeLimit, { expected: 'a positive number of seconds', min: 0, minInclusive: false });
  const acceptGap = optionalNumberOption('accept-gap', args.acceptGap, { expected: 'a relative gap from 0 to 1 (0.02 = 2%)', min: 0, max: 1 });
  return { ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }), ...(acceptGap === undefined ? {} : { acceptGap }) };
}
