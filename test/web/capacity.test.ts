/** "Before the peak" on the server: a plan request with `capacity` is checked like the CLI's options and runs `peakshift capacity`. */
import { addDays } from '../../src/domain';
import { runPlanJob } from '../../src/web/plan-job';
import { runUploadTask } from '../../src/web/upload-tasks';
import { instanceConfig } from '../capacity/instance';

// Six weeks of a chat queue open 08:00-20:00 before the plan's first week.
const HISTORY = (() => {
  const rows = ['timestamp,queue,inquiries'];
  for (let d = 0; d < 42; d++) {
    const date = addDays('2026-06-22', d);
    for (let h = 8; h < 20; h++) rows.push(`${date}T${String(h).padStart(2, '0')}:00,chat,${100 + ((d * 7 + h * 13) % 40)}`);
  }
  return `${rows.join('\n')}\n`;
})();
const CONFIG = JSON.stringify(instanceConfig({ vendorRate: 60 }));
const request = (capacity: unknown): string => JSON.stringify({ history: { file: 'h.csv', text: HISTORY }, config: { file: 'config.json', text: CONFIG }, capacity });

describe('capacity requests', () => {
  test('bad capacity fields are refused with the messages of --from and --until', () => {
    expect(() => runUploadTask({ kind: 'plan', text: request({ from: '2026-08-3', until: '2026-11-22' }) })).toThrow('capacity.from "2026-08-3": expected a date like 2026-08-03');
    expect(() => runUploadTask({ kind: 'plan', text: request({ from: '2026-08-03', until: '2026-08-01' }) })).toThrow('capacity.until 2026-08-01 is before capacity.from 2026-08-03: expected until on or after from');
    expect(() => runUploadTask({ kind: 'plan', text: request({ from: '2026-08-03' }) })).toThrow('capacity needs capacity.until: expected a date like 2026-08-03');
    expect(() => runUploadTask({ kind: 'plan', text: request({ from: '2026-08-03', until: '2026-11-22', weeks: 3 }) })).toThrow('capacity.weeks: unknown field; expected from, until, quantile');
    expect(() => runUploadTask({ kind: 'plan', text: request({ from: '2026-08-03', until: '2026-11-22', quantile: 'p99' }) })).toThrow('capacity.quantile: expected p50 or p90, got "p99"');
  });

  test('a capacity run gives the capacity folder and capacity.json as its summary', async () => {
    const { request: checked } = runUploadTask({ kind: 'plan', text: request({ from: '2026-08-03', until: '2026-10-25', quantile: 'p50' }) }) as { request: { capacity?: unknown } };
    expect(checked.capacity).toEqual({ from: '2026-08-03', until: '2026-10-25', quantile: 'p50' });
    const stages: string[] = [];
    const out = await runPlanJob(
      { history: { file: 'h.csv', text: HISTORY }, config: { file: 'config.json', text: CONFIG }, capacity: { from: '2026-08-03', until: '2026-10-25', quantile: 'p50' } },
      (p) => stages.push(p.stage),
    );
    expect(out.files.map((f) => f.name).sort()).toEqual(['agents-planned.csv', 'capacity.csv', 'capacity.html', 'capacity.json', 'capacity.md', 'hiring.csv', 'releases.csv', 'vendor-seats.csv']);
    const summary = out.summary as { from: string; until: string; quantile: string; weeks: unknown[]; solver: Record<string, unknown> };
    expect([summary.from, summary.until, summary.quantile, summary.weeks.length]).toEqual(['2026-08-03', '2026-10-25', 'p50', 12]);
    expect(summary.solver.seconds).toBeUndefined();
    expect(stages).toEqual(['parse', 'forecast', 'capacity', 'report']);
  });
});
