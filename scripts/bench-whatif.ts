/**
 * What-if throughput: 8 scenarios over a 14-day horizon through the whole
 * scenario job (overrides, requirements, HiGHS plan, 3-run simulation) on the
 * worker pool. Goal (issue 8): all 8 on 2 threads in <= 2x the wall time of
 * the slowest scenario run alone (each alone also in one worker thread, so
 * thread start-up and solver loading count on both sides).
 *
 * The demand is synthetic (a 14-day Double 11 shape for the sample's two
 * queues), so the figure does not depend on the forecast stage.
 * Prints a table and writes bench/whatif.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../src/config';
import type { Demand } from '../src/domain';
import { parseScenario, runScenarioJob, runPool, whatIfJobs, type ScenarioJob, type ScenarioJobOutput } from '../src/scenario';

const DAYS = 14;
const start = '2026-11-01';

function demand(): Demand {
  const hours = DAYS * 24;
  const shape = (h: number): number => (h < 1 ? 0.5 : h < 8 ? 0.15 : h < 12 ? 0.8 + 0.05 * (h - 8) : h < 18 ? 1 : h < 22 ? 1.2 : 0.8);
  const events = Array.from({ length: hours }, (_, i) => (Math.floor(i / 24) >= 9 && Math.floor(i / 24) <= 11 ? 'double-11' : ''));
  const series = (scale: number) => Array.from({ length: hours }, (_, i) => scale * shape(i % 24) * (events[i] ? 2.2 : 1) * (1 + 0.04 * Math.floor(i / 24)));
  const q = (name: string, scale: number) => {
    const f = series(scale);
    return { name, forecast: f, p10: f.map((x) => x * 0.8), p50: f, p90: f.map((x) => x * 1.25) };
  };
  return { timezone: 'Asia/Shanghai', startHour: `${start}T00:00`, hours, queues: [q('presales', 300), q('aftersales', 160)], events };
}

const config = parseConfig({
  horizon: { start, end: '2026-11-14' },
  queues: [
    { name: 'presales', ahtSeconds: 180, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30 }, patienceSeconds: 300 },
    { name: 'aftersales', ahtSeconds: 240, concurrency: 2, target: { serviceLevel: 0.8, answerSeconds: 30 }, patienceSeconds: 420 },
  ],
  shrinkage: 0.25,
  pools: [
    { name: 'in-house', kind: 'inhouse', headcount: 24, hourlyCost: 32, nightPremium: 0.3, shifts: ['day', 'middle'] },
    { name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 80, productivity: 0.9, pricing: { model: 'perHour', rate: 30 } },
    { name: 'vendor-b', kind: 'vendor', maxAgentsPerDay: 60, pricing: { model: 'perSeatShift', rate: 260 }, engagementFee: 3000 },
  ],
  outsourcing: { min: 0.6, max: 0.7 },
  solver: { mipRelGap: 0.005 },
});

const scenarios = [
  { name: 'promo +30%', overrides: [{ volume: { multiplier: 1.3, event: 'double-11' } }] },
  { name: '50/50 ratio', overrides: [{ outsourcing: { min: 0.5, max: 0.5 } }] },
  { name: 'vendor-b out', overrides: [{ pool: { name: 'vendor-b', remove: true } }] },
  { name: 'AHT +20%', overrides: [{ queue: { ahtMultiplier: 1.2 } }] },
  { name: 'target 20 s', overrides: [{ queue: { answerSeconds: 20 } }] },
  { name: 'shrinkage 30%', overrides: [{ shrinkage: 0.3 }] },
  { name: 'p90 demand', overrides: [{ quantile: 'p90' }] },
].map((s, i) => parseScenario(s, i));

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
// The compiled job when built (as the CLI runs it), else the TypeScript source through tsx.
const compiled = path.resolve(__dirname, '../dist/scenario/job.js');
const task = { file: fs.existsSync(compiled) ? compiled : path.resolve(__dirname, '../src/scenario/job.ts'), exportName: runScenarioJob.name };

async function main(): Promise<void> {
  const { jobs } = whatIfJobs({
    baseName: 'base', baseConfig: config, demand: demand(), history: null, demandFile: 'synthetic', start, end: '2026-11-14', scenarios, sweeps: [],
    simulation: { runs: 3, seed: 1, arrivals: 'forecast', handling: 'exponential', handlingCv: 1 },
  });
  const alone: Array<{ scenario: string; seconds: number; solverSeconds: number; cost: number }> = [];
  for (const job of jobs) {
    const t0 = process.hrtime.bigint();
    const [out] = await runPool<ScenarioJob, ScenarioJobOutput>(task, [job], { jobs: 1 });
    alone.push({ scenario: job.name, seconds: seconds(t0), solverSeconds: out?.plan?.summary.solver.seconds ?? NaN, cost: out?.result.totalCost ?? NaN });
  }
  const slowest = Math.max(...alone.map((a) => a.seconds));
  const totals: Record<string, number> = {};
  for (const threads of [1, 2]) {
    const t0 = process.hrtime.bigint();
    await runPool<ScenarioJob, ScenarioJobOutput>(task, jobs, { jobs: threads });
    totals[`threads${threads}`] = seconds(t0);
  }
  const ratio = (totals.threads2 ?? NaN) / slowest;
  console.log('scenario          alone s  solver s  total cost');
  for (const a of alone) console.log(`${a.scenario.padEnd(16)} ${a.seconds.toFixed(2).padStart(8)} ${a.solverSeconds.toFixed(2).padStart(9)} ${Math.round(a.cost).toString().padStart(11)}`);
  console.log(`\nsum alone ${alone.reduce((s, a) => s + a.seconds, 0).toFixed(2)} s; slowest alone ${slowest.toFixed(2)} s`);
  console.log(`all 8, 1 thread: ${totals.threads1?.toFixed(2)} s; all 8, 2 threads: ${totals.threads2?.toFixed(2)} s`);
  console.log(`ratio (2 threads / slowest alone): ${ratio.toFixed(2)} (goal <= 2): ${ratio <= 2 ? 'pass' : 'FAIL'}`);
  fs.mkdirSync(path.resolve(__dirname, '../bench'), { recursive: true });
  fs.writeFileSync(
    path.resolve(__dirname, '../bench/whatif.json'),
    `${JSON.stringify({ node: process.version, cpus: os.availableParallelism(), days: DAYS, scenarios: jobs.length, alone, slowestAloneSeconds: slowest, ...totals, ratio, goal: 2, pass: ratio <= 2 }, null, 2)}\n`,
  );
}

void main();
