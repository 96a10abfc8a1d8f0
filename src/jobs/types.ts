/**
 * What a job takes and gives back: a page plan (plan, what-if comparison,
 * shift design, re-plan) as the web server and the broker's workers both run
 * it. Types only, importing nothing: the page's script is compiled with them
 * (web/api-types.ts restates the ones the page reads).
 */

/** A job's or a request's error, as the web API answers it: `{ "error": ApiError }` with an HTTP status 4xx/5xx. */
export interface ApiError {
  /** `input` (a file), `config` (a config field), `usage` (the request), `too-large`, `not-found`, `busy` (503, with a Retry-After header), `stopped` (the server is stopping), `infeasible`, `timeout`, `internal`. */
  code: string;
  /** One line, the same text the CLI prints after `error: `. */
  message: string;
  /** Which request field the error belongs to: `history`, `config`, `agents`, or absent. */
  field?: string;
  /** For input errors: where in the uploaded file. */
  where?: { file: string; line?: number; column?: number };
  /** For config errors: the config path, e.g. `pools[1].pricing.rate`. */
  path?: string;
  hint?: string;
}

/** A text input as the CLI would read it from a file. */
export interface NamedText {
  file: string;
  text: string;
}

/** Options of a shift design run; unset ones follow the config's `design` section. */
export interface DesignRequest {
  maxTypes?: number;
}

/** Options of a capacity plan run (`--from`, `--until`, `--quantile`). */
export interface CapacityRequest {
  from: string;
  until: string;
  quantile?: 'p50' | 'p90';
}

export interface JobProgress {
  /** Stage being run: parse, forecast, requirements, plan, roster, report. */
  stage: string;
  /** 0..1 over the whole run. */
  fraction: number;
  /** The last solve, for people: status, objective, gap, seconds. */
  detail?: string;
}

export interface PlanInputs {
  history: NamedText;
  config: NamedText;
  agents?: NamedText;
  /** Present for a what-if run: the scenario file (see plan.ts parseWebScenarios). */
  scenarios?: NamedText;
  /** Present for a shift design run (plan.ts runDesignJob). */
  design?: DesignRequest;
  /** Present for a capacity plan (capacity.ts). */
  capacity?: CapacityRequest;
  /** Present for a re-plan (`history` then holds the actuals so far): the hour it is now and the plan folder's files. */
  replan?: { now: string; plan: PlanFile[] };
  /** Unfilled roster seats fail the run (`plan --strict`). */
  strict?: boolean;
  /** A replay of the horizon one year earlier (replay.ts). */
  replay?: boolean;
}

export interface PlanFile {
  name: string;
  type: string;
  /** Text, or bytes (roster.xlsx; a Uint8Array once it has crossed from the plan process). */
  body: string | Uint8Array;
}

export interface PlanOutput {
  /** The plan folder, file by file, exactly as `peakshift plan --out-dir` writes it. */
  files: PlanFile[];
  summary: unknown;
}

export type ProgressFn = (progress: JobProgress) => void;

/**
 * Runs one plan. Must stop (resolve or reject) within `timeoutMs`, and at
 * once when `signal` aborts (the server stopping): the web server's local
 * runner ends the run's process, the broker's drops the job.
 */
export type PlanRunner = (inputs: PlanInputs, onProgress: ProgressFn, timeoutMs: number, signal?: AbortSignal) => Promise<PlanOutput>;
