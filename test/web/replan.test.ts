/**
 * `POST /api/replan`: the "Today" step re-plans a finished plan run from the
 * morning's actuals with the CLI's code (src/jobs/plan.ts), in the plan queue.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobView } from '../../src/web/api-types';
import { runPlanJob } from '../../src/jobs';
import type { PlanRunner } from '../../src/jobs';
import { startServer, type RunningServer } from '../../src/web/server';

const PLAN = path.join(__dirname, '../golden/plan-small');
const planFiles = fs.readdirSync(PLAN, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name !== '.peakshift-folder')
  .map((e) => {
    const name = path.relative(PLAN, path.join(e.parentPath, e.name));
    return { name, type: 'text/plain', body: fs.readFileSync(path.join(PLAN, name), 'utf8') };
  });

/** A plan run answers with the golden folder; a re-plan runs for real. */
const runner: PlanRunner = (inputs, onProgress) => (inputs.replan ? runPlanJob(inputs, onProgress) : Promise.resolve({ files: planFiles, summary: {} }));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, runner });
});
afterAll(async () => {
  await server.close();
});

async function post(pathname: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${pathname.slice(1)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function finished(id: string): Promise<JobView> {
  for (;;) {
    const job = (await (await fetch(`${server.url}api/plans/${id}`)).json()) as JobView;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('re-plans a finished plan run from the actuals; bad actuals fail the job with the CLI message', async () => {
  // The plan run (its uploads are covered by server.test.ts) straight into the queue.
  const planJob = await finished(server.queue.submit({ history: { file: 'h.csv', text: '' }, config: { file: 'c.json', text: '{}' } }).id);
  expect(planJob.state).toBe('done');

  const forecast = fs.readFileSync(path.join(PLAN, 'forecast.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const morning = forecast.filter(([ts, q]) => q !== 'all' && (ts as string).startsWith('2026-11-11') && (ts as string) < '2026-11-11T10:00');
  const actuals = `timestamp,queue,inquiries\n${morning.map(([ts, q, f]) => `${ts},${q},${Math.round(Number(f))}`).join('\n')}\n`;
  const r = await post('/api/replan', { plan: planJob.id, now: '2026-11-11T10:00', actuals: { file: 'morning.csv', text: actuals } });
  expect(r.status).toBe(202);
  const job = await finished(r.json.id as string);
  expect(job.state).toBe('done');
  expect(job.files?.map((f) => f.name)).toContain('changes.csv');
  const changes = await (await fetch(`${server.url}api/plans/${job.id}/files/changes.csv`)).text();
  expect(changes.split('\n')[0]).toBe('time,action,pool,agent_id,shift,hours,cost');
  // On forecast: nothing to change (the levers are covered by test/cli/replan.test.ts).
  expect(changes).toBe('time,action,pool,agent_id,shift,hours,cost\n');
  expect((job.summary as { line: string }).line).toMatch(/^no changes at 10:00: \+CNY 0; shortfall \d+ -> \d+ agent-hours$/);

  const late = await post('/api/replan', { plan: planJob.id, now: '2026-11-11T10:00', actuals: { file: 'morning.csv', text: 'timestamp,queue,inquiries\n2026-11-11T11:00,presales,3\n' } });
  const failed = await finished(late.json.id as string);
  expect(failed.state).toBe('failed');
  expect(failed.error?.message).toBe('morning.csv:2:1: hour 2026-11-11T11:00, at or after --now 2026-11-11T10:00; expected actuals for hours before --now only');

  const badNow = await post('/api/replan', { plan: planJob.id, now: '10:00', actuals: { file: 'm.csv', text: actuals } });
  expect(badNow.status).toBe(400);
  expect((badNow.json.error as { message: string }).message).toBe('--now "10:00" is not a whole hour; expected YYYY-MM-DDTHH:00');
  const gone = await post('/api/replan', { plan: '0123456789abcdef', now: '2026-11-11T10:00', actuals: { file: 'm.csv', text: actuals } });
  expect(gone.status).toBe(404);
}, 60_000);
