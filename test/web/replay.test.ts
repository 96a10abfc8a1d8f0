/** "How would this have done?" on the server: a plan request with `replay` runs `peakshift replay` on last year's dates. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPlanJob, sameDateLastYear } from '../../src/jobs';
import { runUploadTask } from '../../src/web/upload-tasks';
import { repoRoot } from '../helpers/paths';

const CSV = 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,7\n2026-06-02T10:00,9\n';
const CONFIG = JSON.stringify({ horizon: { start: '2026-06-03', end: '2026-06-04' } });
const request = (replay: unknown): string => JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'config.json', text: CONFIG }, replay });

test('replay must be true or false', () => {
  expect(() => runUploadTask({ kind: 'plan', text: request('yes') })).toThrow('replay: expected true or false, got "yes"');
  const ok = runUploadTask({ kind: 'plan', text: request(true) });
  expect(ok.kind === 'plan' && ok.request.replay).toBe(true);
});

test('last year is the same calendar date; Feb 29 becomes Feb 28', () => {
  expect(sameDateLastYear('2026-11-01')).toBe('2025-11-01');
  expect(sameDateLastYear('2028-02-29')).toBe('2027-02-28');
});

test('a replay run plans the horizon one year earlier with every strategy and returns the replay files', async () => {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  config.horizon = { start: '2026-11-11', end: '2026-11-11' };
  const stages: string[] = [];
  // Ten weeks of the sample before the day and the day itself: enough to forecast, quick to read.
  const [head, ...rows] = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8').trimEnd().split('\n');
  const text = [head, ...rows.filter((r) => r >= '2025-09-01' && r < '2025-11-12')].join('\n');
  const out = await runPlanJob(
    { history: { file: 'inquiries.csv', text }, config: { file: 'config.json', text: JSON.stringify(config) }, replay: true },
    (p) => stages.push(p.stage),
  );
  expect(out.files.map((f) => f.name)).toEqual(['replay.csv', 'replay-hours.csv', 'replay.md', 'replay.html']);
  expect(out.summary).toMatchObject({ replay: { start: '2025-11-11', end: '2025-11-11', currency: 'CNY', configured: 'p50' } });
  const csv = String(out.files[0]?.body).trimEnd().split('\n');
  expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(['p50', 'p90', 'hedged']);
  expect(stages).toEqual(expect.arrayContaining(['parse', 'forecast', 'plan', 'report']));
});

test('without a horizon there is nothing to replay', async () => {
  await expect(runPlanJob({ history: { file: 'h.csv', text: CSV }, config: { file: 'config.json', text: '{}' }, replay: true }, () => undefined)).rejects.toThrow('no dates to replay: expected horizon in the config');
});
