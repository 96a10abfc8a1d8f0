/**
 * The JSON shapes of the local web API (docs/web.md). Shared by the server and
 * the page's script, so this file holds types only and imports types only (the
 * job layer's, which the page's script is compiled with).
 */
import type { ApiError, CapacityRequest, DesignRequest, JobProgress, NamedText } from '../jobs/types';

export type { ApiError, CapacityRequest, DesignRequest, JobProgress, NamedText } from '../jobs/types';

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
  /** Makes the run a replay (`peakshift replay`) of the horizon one year earlier: replay.csv, replay-hours.csv, replay.md, replay.html. */
  replay?: boolean;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

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
