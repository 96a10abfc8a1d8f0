/**
 * What a job carries through the broker and how a failure comes back. Plain
 * data and no BullMQ import, so the job processor and the submitting side
 * share it without loading the queue library twice.
 */
import { HttpError, type ApiError, type JobKind } from '../jobs';
import { rebuildError, serializeError, type SerializedError } from '../scenario/workers';

/** Set by the worker for its job processes (`--max-result-mb`). */
export const MAX_RESULT_ENV = 'PEAKSHIFT_MAX_RESULT_BYTES';

/** A what-if scenario (`ScenarioJob` in, `ScenarioJobOutput` out) or a web plan run (`PlanInputs` in, `PlanOutput` out): src/jobs. */
export type BrokerJobKind = JobKind;

export interface BrokerJobData {
  kind: BrokerJobKind;
  /** Names the job in messages: the scenario's folder, or the web run's id. */
  label: string;
  /** Compressed input (codec.ts). */
  payload: string;
}

/** A job's error, as the failed job's reason: the error's own fields survive the trip, so the CLI and the page report it as usual. */
interface FailureReport {
  peakshiftFailure: SerializedError;
  http?: { status: number; body: ApiError };
}

export function failureMessage(error: unknown, http?: HttpError): string {
  const report: FailureReport = { peakshiftFailure: serializeError(error) };
  if (http) report.http = { status: http.status, body: http.body };
  return JSON.stringify(report);
}

function parseFailure(reason: string): FailureReport | null {
  if (!reason.startsWith('{"peakshiftFailure"')) return null;
  try {
    return JSON.parse(reason) as FailureReport;
  } catch {
    return null;
  }
}

/** A failure's message alone, for a worker's log. */
export function failureText(reason: string): string {
  return parseFailure(reason)?.peakshiftFailure.message ?? reason;
}

/**
 * The error of a job that failed for good: the worker's error (a PlannerError
 * keeps its code, exit code and hint), its message led by the job's label and
 * followed by the attempts. Reasons from the broker itself (a job that stalled
 * too often) become a plain error.
 */
export function failedJobError(label: string, reason: string, attempts: number): Error {
  const report = parseFailure(reason);
  const tries = `failed ${attempts} time${attempts === 1 ? '' : 's'}`;
  if (!report) return new Error(`${label}: ${reason} (${tries})`);
  const error = rebuildError({ ...report.peakshiftFailure, message: `${label}: ${report.peakshiftFailure.message} (${tries})` });
  return error;
}

/** The same failure for the web page: the HTTP error the worker made of it, else a 500. */
export function failedPlanError(label: string, reason: string, attempts: number): HttpError {
  const report = parseFailure(reason);
  if (report?.http) return new HttpError(report.http.status, report.http.body);
  return new HttpError(500, { code: 'internal', message: failedJobError(label, reason, attempts).message });
}
