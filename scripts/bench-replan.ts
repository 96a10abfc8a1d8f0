/**
 * The event-day re-plan on the sample: plan data/ (2026-11-01..14 with the
 * agents), then re-plan Nov 11 at 10:00 with the morning on the forecast, 40%
 * above, 40% above with the vendors on 2 h surge standby, and 40% below.
 * Each re-plan runs end to end as `peakshift replan` does (read the folder,
 * re-forecast, solve, write the folder) and is timed against the plan of the
 * same sample in the same process.
 *
 *   npx tsx scripts/bench-replan.ts        prints a table, writes bench/replan.json
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';

const DATA = path.join(__dirname, '../data');
const NOW = '2026-11-11T10:00';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; seconds: number }> {
  const out: string[] = [];
  const t0 = performance.now();
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: () => undefined, isTTY: false });
  return { code, stdout: out.join('').trim(), seconds: (performance.now() - t0) / 1000 };
}

function actuals(planDir: string, factor: number): string {
  const lines = fs.readFileSync(path.join(planDir, 'forecast.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines
    .map((l) => l.split(','))
    .filter(([ts, queue]) => queue !== 'all' && (ts as string).startsWith('2026-11-11') && (ts as string) < NOW)
    .map(([ts, queue, forecast]) => `${ts},${queue},${Math.round(Number(forecast) * factor)}`);
  return `timestamp,queue,inquiries\n${rows.join('\n')}\n`;
}

async function run(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-bench-replan-'));
  const planDir = path.join(work, 'plan');
  const plan = await cli(['plan', '--config', path.join(DATA, 'config.json'), '--history', path.join(DATA, 'inquiries.csv'), '--agents', path.join(DATA, 'agents.csv'), '--out-dir', planDir]);
  if (plan.code !== 0) throw new Error(`plan failed with exit ${plan.code}`);
  const config = JSON.parse(fs.readFileSync(path.join(planDir, 'config.json'), 'utf8')) as { pools: Array<{ surge?: { noticeHours: number } }> };
  for (const p of config.pools) if (p.surge) p.surge.noticeHours = 2;
  const standby = path.join(work, 'standby.json');
  fs.writeFileSync(standby, JSON.stringify(config));
  const cases: Array<{ name: string; factor: number; extra: string[] }> = [
    { name: 'on forecast', factor: 1, extra: [] },
    { name: '+40%', factor: 1.4, extra: [] },
    { name: '+40%, vendors on 2 h notice', factor: 1.4, extra: ['--config', standby] },
    { name: '-40%', factor: 0.6, extra: [] },
  ];
  const rows: Array<Record<string, unknown>> = [];
  for (const c of cases) {
    const file = path.join(work, `actuals-${c.factor}.csv`);
    fs.writeFileSync(file, actuals(planDir, c.factor));
    const out = path.join(work, `replan-${rows.length}`);
    const r = await cli(['replan', '--plan', planDir, '--actuals', file, '--now', NOW, '--out-dir', out, ...c.extra]);
    if (r.code !== 0) throw new Error(`replan ${c.name} failed with exit ${r.code}`);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      replan: { changes: Record<string, number>; costDelta: number; shortfallAgentHours: { before: number; after: number }; serviceLevel: { before: number; after: number }; solver: { variables: number; rows: number } };
    };
    rows.push({
      case: c.name,
      seconds: Number(r.seconds.toFixed(2)),
      ratioToPlan: Number((r.seconds / plan.seconds).toFixed(3)),
      changes: summary.replan.changes,
      costDelta: summary.replan.costDelta,
      shortfallBefore: summary.replan.shortfallAgentHours.before,
      shortfallAfter: summary.replan.shortfallAgentHours.after,
      serviceLevelBefore: summary.replan.serviceLevel.before,
      serviceLevelAfter: summary.replan.serviceLevel.after,
      variables: summary.replan.solver.variables,
      rows: summary.replan.solver.rows,
      stdout: r.stdout,
    });
  }
  console.log(`plan of the sample (2026-11-01..14, 24 agents): ${plan.seconds.toFixed(2)} s`);
  console.log('| case | seconds (end to end) | / plan | changes | cost | shortfall agent-hours | service level rest of day | MIP vars / rows |');
  console.log('|---|---|---|---|---|---|---|---|');
  const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : 'n/a');
  for (const r of rows) {
    const changes = Object.entries(r.changes as Record<string, number>).filter(([, n]) => n > 0).map(([a, n]) => `${a} ${n}`).join(', ') || 'none';
    console.log(`| ${r.case} | ${r.seconds} | ${r.ratioToPlan} | ${changes} | ${r.costDelta} | ${Number(r.shortfallBefore).toFixed(1)} -> ${Number(r.shortfallAfter).toFixed(1)} | ${pct(r.serviceLevelBefore)} -> ${pct(r.serviceLevelAfter)} | ${r.variables} / ${r.rows} |`);
  }
  for (const r of rows) console.log(`${r.case}: ${r.stdout}`);
  fs.mkdirSync(path.join(__dirname, '../bench'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '../bench/replan.json'), `${JSON.stringify({ cores: os.cpus().length, now: NOW, planSeconds: Number(plan.seconds.toFixed(2)), cases: rows }, null, 2)}\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
