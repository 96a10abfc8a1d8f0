/**
 * Errors are values with a code and a hint a user can act on. The CLI maps each
 * kind to an exit code (2 = bad input or config, 3 = infeasible request,
 * 4 = a solve stopped at the safety time limit before its asked gap, 1 = bug)
 * and prints `error: <message>` on one line.
 */
export type ErrorCode =
  | 'input'
  | 'config'
  | 'usage'
  | 'infeasible'
  | 'gap'
  | 'solver';

export class PlannerError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, exitCode: number, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** Where in an input file something went wrong. Lines and columns are 1-based. */
export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(where: InputLocation): string {
  let text = where.file;
  if (where.line !== undefined) {
    text += `:${where.line}`;
    if (where.column !== undefined) text += `:${where.column}`;
  }
  return text;
}

/** Bad data in an input file: `<file>:<line>:<column>: <found>; expected <expected>`. */
export class InputError extends PlannerError {
  readonly where: InputLocation;
  readonly found: string;
  readonly expected: string;

  constructor(where: InputLocation, found: string, expected: string, hint?: string) {
    super('input', `${formatLocation(where)}: ${found}; expected ${expected}`, 2, hint);
    this.where = where;
    this.found = found;
    this.expected = expected;
  }
}

/** A bad config value: `config <path>: expected <what>, got <value>` (path like `pools[1].pricing.rate`). */
export class ConfigError extends PlannerError {
  readonly path: string;
  readonly file: string | undefined;

  constructor(path: string, problem: string, file?: string, hint?: string) {
    super('config', `config ${path || '(root)'}: ${problem}${file ? ` (in ${file})` : ''}`, 2, hint);
    this.path = path;
    this.file = file;
  }
}

/** Bad command-line usage (missing or conflicting options). */
export class UsageError extends PlannerError {
  constructor(message: string, hint?: string) {
    super('usage', message, 2, hint);
  }
}

/** The request cannot be met by any plan: names the conflicting settings. */
export class InfeasiblePlanError extends PlannerError {
  readonly settings: string[];

  constructor(message: string, settings: string[], hint?: string) {
    super('infeasible', message, 3, hint);
    this.settings = settings;
  }
}

/**
 * A solve stopped at the safety time limit (`--time-limit`) before it proved
 * its answer within the asked gap (exit 4). Nothing is written: such an answer
 * would depend on the machine's speed and load. `--accept-gap` lets a plan
 * through whose proven gap is at most the gap accepted.
 */
export class GapNotReachedError extends PlannerError {
  /** Proven relative gap of the best answer found, null when none was found. */
  readonly reached: number | null;
  readonly asked: number;
  readonly seconds: number;

  constructor(message: string, reached: number | null, asked: number, seconds: number, hint?: string) {
    super('gap', message, 4, hint);
    this.reached = reached;
    this.asked = asked;
    this.seconds = seconds;
  }
}

/** The solver failed in a way that is not the user's fault (exit 1). */
export class SolverError extends PlannerError {
  constructor(message: string, hint?: string) {
    super('solver', message, 1, hint);
  }
}

/** Quote a found value for a message: strings in double quotes, long ones cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(cut);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
