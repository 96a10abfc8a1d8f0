/**
 * The parsing and checking behind the upload routes: a history, a config, a
 * holiday file, a plan or re-plan request. These run in the parse workers (parse-pool.ts), never on the
 * server's main thread, so a 1.6 MB history being read does not hold up the
 * health check or the page. Same readers and messages as the CLI.
 */
import { defaultConfig, parseConfig, type Config } from '../config';
import { parseAgents } from '../io/agents';
import { loadConfigText, parseJsonText } from '../io/config';
import { parseHistory } from '../io/history';
import { parseHolidays } from '../io/holidays';
import { decodeText } from '../io/encoding';
import { summarizeHistory } from '../report/history';
import type { CapacityRequest, DesignRequest, HistoryView, NamedText } from './api-types';
import { capacityRequest } from '../jobs/capacity';
import { badRequest, cleanFileName, toHttpError } from './http';
import { parseWebScenarios } from '../jobs/plan';
import { dailyTotals, historyEvents } from './view';
import { parseReplanRequest, type ReplanRequest } from './replan-request';

/**
 * A request's body: its bytes as they came off the socket, decoded in the parse
 * worker as the CLI decodes a file (so the main thread never joins or decodes
 * megabytes), or text already decoded.
 */
export type UploadBody = { body: Uint8Array[] } | { text: string };

/** What the server asks of a parse worker: the request's body and what it is. */
export type UploadTask =
  | ({ kind: 'history'; id: string; file: string; timezone: string | null } & UploadBody)
  | { kind: 'history-check'; file: string; timezone: string; text: string }
  | ({ kind: 'config'; file: string } & UploadBody)
  | ({ kind: 'holidays'; file: string } & UploadBody)
  | ({ kind: 'plan' } & UploadBody)
  | ({ kind: 'replan' } & UploadBody);

/** The body as text: UTF-8 (a byte-order mark dropped), UTF-16 with a BOM, GB18030, named refusals. */
export function uploadText(upload: UploadBody, file: string): string {
  return 'text' in upload ? upload.text : decodeText(Buffer.concat(upload.body), file).text;
}

/** A plan request whose config, agents, scenarios and (inline) history have been read without error. */
export interface CheckedPlanRequest {
  /** Set when the request names a kept upload instead of carrying the history. */
  historyId?: string;
  history?: NamedText;
  config: NamedText;
  agents?: NamedText;
  scenarios?: NamedText;
  design?: DesignRequest;
  capacity?: CapacityRequest;
  /** Unfilled roster seats fail the run (`plan --strict`). */
  strict?: boolean;
  replay?: boolean;
  /** The config's time zone, which the history is read in. */
  timezone: string;
}

export type UploadResult =
  | { kind: 'history'; json: string; timezone: string; bytes: number; text: string }
  | { kind: 'history-check' }
  | { kind: 'config'; json: string }
  | { kind: 'holidays'; json: string }
  | { kind: 'plan'; request: CheckedPlanRequest }
  | { kind: 'replan'; request: ReplanRequest };

export { cleanFileName } from './http';

function namedText(value: unknown, field: string): NamedText | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as { file?: unknown; text?: unknown };
  if (typeof v !== 'object' || typeof v.text !== 'string') {
    throw badRequest(`${field}: expected {"file": "name.csv", "text": "..."}`, field);
  }
  return { file: cleanFileName(typeof v.file === 'string' ? v.file : undefined, field), text: v.text };
}

/** Run `read`, reporting its error against `field` of the request. */
function checked<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw toHttpError(error, field);
  }
}

function historyView(task: Extract<UploadTask, { kind: 'history' }>): { json: string; timezone: string; bytes: number; text: string } {
  // Validated by the config reader, so a bad zone gets the CLI's message.
  const timezone = checked('history', () => parseConfig(task.timezone === null ? {} : { timezone: task.timezone }).timezone);
  const text = uploadText(task, task.file);
  const history = checked('history', () => parseHistory(text, task.file, { timezone }));
  const bytes = Buffer.byteLength(text, 'utf8');
  const view: HistoryView = {
    id: task.id,
    file: task.file,
    bytes,
    summary: summarizeHistory(history),
    daily: dailyTotals(history),
    events: historyEvents(history, defaultConfig()),
  };
  return { json: JSON.stringify(view), timezone, bytes, text };
}

/** `design: {"maxTypes": K}` of a plan request, checked like `--max-types`. */
function designRequest(value: unknown): DesignRequest | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('expected design: {"maxTypes": 5} or {}', 'design');
  const { maxTypes, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw badRequest(`design.${unknown}: unknown field; expected maxTypes`, 'design');
  if (maxTypes === undefined) return {};
  if (typeof maxTypes !== 'number' || !Number.isInteger(maxTypes) || maxTypes < 1 || maxTypes > 50) {
    throw badRequest(`design.maxTypes: expected a whole number of shift types from 1 to 50, got ${JSON.stringify(maxTypes)}`, 'design');
  }
  return { maxTypes };
}

function planRequest(text: string): CheckedPlanRequest {
  const request = parseJsonText(text, 'request') as Record<string, unknown> | null;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw badRequest('expected a JSON object');
  const history = namedText(request.history, 'history');
  const historyId = typeof request.historyId === 'string' ? request.historyId : undefined;
  if (!history && historyId === undefined) throw badRequest('expected historyId or history', 'history');
  const config = namedText(request.config, 'config');
  if (!config) throw badRequest('expected config: {"file": "config.json", "text": "{...}"}', 'config');
  const agents = namedText(request.agents, 'agents');
  const scenarios = namedText(request.scenarios, 'scenarios');
  const design = designRequest(request.design);
  const capacity = capacityRequest(request.capacity);
  if (request.strict !== undefined && typeof request.strict !== 'boolean') throw badRequest(`strict: expected true or false, got ${JSON.stringify(request.strict)}`, 'strict');
  if (request.replay !== undefined && typeof request.replay !== 'boolean') throw badRequest(`replay: expected true or false, got ${JSON.stringify(request.replay)}`, 'replay');
  // Refuse bad inputs now, with the CLI's messages, rather than after waiting in the queue.
  const parsed: Config = checked('config', () => loadConfigText(config.text, config.file));
  if (history) checked('history', () => parseHistory(history.text, history.file, { timezone: parsed.timezone }));
  if (agents) checked('agents', () => parseAgents(agents.text, agents.file, parsed));
  // The scenario reader uses the history's name only as base.history, which it does not open.
  if (scenarios) checked('scenarios', () => parseWebScenarios(scenarios, history?.file ?? 'history.csv'));
  return {
    ...(history ? { history } : { historyId: historyId as string }),
    config,
    ...(agents ? { agents } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(design ? { design } : {}),
    ...(capacity ? { capacity } : {}),
    ...(request.strict === true ? { strict: true } : {}),
    ...(request.replay === true ? { replay: true } : {}),
    timezone: parsed.timezone,
  };
}

/** Do one task. Throws an HttpError (or an error toHttpError maps) for a bad upload. */
export function runUploadTask(task: UploadTask): UploadResult {
  switch (task.kind) {
    case 'history':
      return { kind: 'history', ...historyView(task) };
    case 'history-check':
      checked('history', () => parseHistory(task.text, task.file, { timezone: task.timezone }));
      return { kind: 'history-check' };
    case 'config': {
      const text = uploadText(task, task.file);
      return { kind: 'config', json: JSON.stringify({ config: checked('config', () => loadConfigText(text, task.file)) }) };
    }
    case 'holidays': {
      // The holiday rows become the config's calendar.holidays: their errors belong to the config.
      const text = uploadText(task, task.file);
      return { kind: 'holidays', json: JSON.stringify({ holidays: checked('config', () => parseHolidays(text, task.file)) }) };
    }
    case 'plan':
      return { kind: 'plan', request: planRequest(uploadText(task, 'request')) };
    case 'replan':
      return { kind: 'replan', request: parseReplanRequest(uploadText(task, 'request')) };
  }
}
