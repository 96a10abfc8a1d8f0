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

/**
 * `--aht abc` → `--aht: expected a positive number of seconds, got "abc"`.
 * yargs options are declared as strings so the message can quote what was typed.
 */
export function parseNumberOption(name: string, raw: unknown, rule: NumberRule): number {
  const text = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
  const value = text.trim() === '' ? NaN : Number(text);
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
