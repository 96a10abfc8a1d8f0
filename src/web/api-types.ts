/**
 * The JSON shapes of the local web API (docs/web.md). Shared by the server and
 * the page's script, so this file holds types only and imports nothing.
 */

/** Every error answer: `{ "error": ApiError }` with an HTTP status 4xx/5xx. */
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

export interface DailyPoint {
  date: string;
  inquiries: number;
}

/** A detected event window shown on the history chart. */
export interface HistoryEvent {
  name: string;
  /** The event's day (Nov 11, lunar 5/5 of that year, ...). */
  anchor: string;
  /** The window the forecaster treats as the event. */
  start: string;
  end: string;
}

export interface HistoryView {
  id: string;
  file: string;
  bytes: number;
  /**
   * The summary `peakshift inspect --json` prints for the same file: report/history.ts's
   * HistorySummary, restated because the page's script is compiled on its own (the
   * server assigns a HistorySummary here, so tsc flags any drift).
   */
  summary: {
    timezone: string;
    firstHour: string;
    lastHour: string;
    days: number;
    hourSlots: number;
    hoursWithData: number;
    missingHours: number;
    sourceRows: number;
    rowsPerHour: number;
    queues: Array<{ name: string; total: number }>;
    total: number;
    busiestHour: { hour: string; inquiries: number };
    busiestDay: { date: string; inquiries: number };
    meanDailyInquiries: number;
  };
  daily: DailyPoint[];
  events: HistoryEvent[];
}

export interface SampleInputs {
  history?: { file: string; text: string };
  config?: { file: string; text: string };
  agents?: { file: string; text: string };
  scenarios?: { file: string; text: string };
}

/** A text input as the CLI would read it from a file. */
export interface NamedText {
  file: string;
  text: string;
}

/** POST /api/plans body. */
export interface PlanRequest {
  /** An id from POST /api/history, or the CSV itself. */
  historyId?: string;
  history?: NamedText;
  /** The config as JSON text (validated exactly like `--config`). */
  config: NamedText;
  agents?: NamedText;
  /**
   * Makes the run a what-if: a scenario file (as for `peakshift whatif`) whose
   * base may be left out; its config, history and agents paths are ignored.
   */
  scenarios?: NamedText;
  /** With agents: unfilled roster seats fail the run, as `plan --strict` (exit 3) does. */
  strict?: boolean;
  /** Makes the run a shift design (`peakshift design-shifts`): NEW-CONFIG.json and design.md. */
  design?: DesignRequest;
  /** Makes the run a capacity plan (`peakshift capacity`): the capacity folder's files. */
  capacity?: CapacityRequest;
}

/** Options of a capacity plan run (`--from`, `--until`, `--quantile`). */
export interface CapacityRequest {
  from: string;
  until: string;
  quantile?: 'p50' | 'p90';
}

/** Options of a shift design run; unset ones follow the config's `design` section. */
export interface DesignRequest {
  maxTypes?: number;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobProgress {
  /** Stage being run: parse, forecast, requirements, plan, roster, report. */
  stage: string;
  /** 0..1 over the whole run. */
  fraction: number;
  /** The last solve, for people: status, objective, gap, seconds. */
  detail?: string;
}

export interface JobView {
  id: string;
  state: JobState;
  /** Jobs ahead of this one (0 when running or finished). */
  position: number;
  progress: JobProgress;
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: ApiError;
  /** Files of the plan folder (same names and bytes as `peakshift plan --out-dir`). */
  files?: Array<{ name: string; bytes: number; type: string }>;
  /** summary.json parsed, when done. */
  summary?: unknown;
}
