/**
 * `POST /api/replan`: `{"plan": "<id of a finished plan run>", "now": "2026-11-11T10:00",
 * "actuals": {"file": "actuals.csv", "text": "..."}}` → the inputs of a re-plan job, run in
 * the plan queue like a plan (jobs/plan.ts runReplanJob). The body is read in a parse
 * worker (parseReplanRequest); the plan run's files are then found on the main thread.
 */
import { parseReplanNow } from '../io/replan';
import type { NamedText, PlanInputs } from '../jobs';
import { badRequest, cleanFileName, notFound, toHttpError } from './http';
import type { PlanQueue } from './queue';

export interface ReplanRequest {
  plan: string;
  now: string;
  actuals: NamedText;
}

export function parseReplanRequest(text: string): ReplanRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('expected a JSON object {"plan": ..., "now": ..., "actuals": {"file": ..., "text": ...}}');
  }
  const b = (body ?? {}) as { plan?: unknown; now?: unknown; actuals?: { file?: unknown; text?: unknown } };
  if (typeof b.plan !== 'string' || !/^[a-f0-9]{16}$/.test(b.plan)) throw badRequest('plan: expected the id of a plan run', 'plan');
  if (typeof b.now !== 'string') throw badRequest('now: expected an hour YYYY-MM-DDTHH:00', 'now');
  let now: string;
  try {
    now = parseReplanNow(b.now);
  } catch (error) {
    throw toHttpError(error, 'now');
  }
  if (!b.actuals || typeof b.actuals !== 'object' || typeof b.actuals.text !== 'string') throw badRequest('actuals: expected {"file": "actuals.csv", "text": "..."}', 'actuals');
  return { plan: b.plan, now, actuals: { file: cleanFileName(typeof b.actuals.file === 'string' ? b.actuals.file : undefined, 'actuals.csv'), text: b.actuals.text } };
}

export function replanInputs(request: ReplanRequest, queue: PlanQueue): PlanInputs {
  const files = queue.files(request.plan);
  if (!files) throw notFound('no such finished plan run (finished runs are kept for the 16 most recent); run the plan again');
  const config = files.find((f) => f.name === 'config.json');
  if (!config) throw badRequest('that run is a what-if comparison, not a plan folder; pick a plan run', 'plan');
  return {
    history: request.actuals,
    config: { file: 'config.json', text: typeof config.body === 'string' ? config.body : Buffer.from(config.body).toString('utf8') },
    replan: { now: request.now, plan: files },
  };
}
