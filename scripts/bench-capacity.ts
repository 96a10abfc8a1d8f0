/**
 * Capacity planning speed on the sample: a 26-week plan (2026-06-01 .. 11-29)
 * and the Double 11 walkthrough (2026-08-03 .. 11-30), each timed as the
 * command spends it: forecast and sizing (the same work any plan of those
 * dates does), the weeks' loss curves, the integer program. The first solve
 * of a process also compiles HiGHS's WebAssembly: the cold run is timed, then
 * the same plan again (warm). The ratio to the forecast and sizing of the same
 * weeks, measured in the same process, is what a noisy machine changes least.
 * Prints a table and writes bench/capacity.json. Goal: 26 weeks <= 5 s.
 *
 *   npx tsx scripts/bench-capacity.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { capacityOf } from '../src/config';
import { capacityWeeks, planCapacity, type CapacityPlan } from '../src/capacity';
import { readAgents, readConfig, readHistory } from '../src/io';
import { sizeSource } from '../src/pipeline';
import { solverByName } from '../src/plan';

const root = path.join(__dirname, '..');
const config = readConfig(path.join(root, 'data/config.json'));
const history = readHistory(path.join(root, 'data/inquiries.csv'), { timezone: config.timezone });
const agents = readAgents(path.join(root, 'data/agents.csv'), config);
const quantile = capacityOf(config).quantile;

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

interface Timing {
  case: string;
  weeks: number;
  sizingSeconds: number;
  weeksSeconds: number;
  solveSeconds: number;
  totalSeconds: number;
  ratioToSizing: number;
  variables: number;
  integerVariables: number;
  gap: number | null;
  classes: number;
  trainees: number;
  totalCost: number;
}

async function time(name: string, from: string, until: string): Promise<Timing> {
  let t = process.hrtime.bigint();
  const { demand, requirement } = sizeSource(config, { kind: 'history', history }, from, until, 'data/inquiries.csv', quantile, []);
  const sizingSeconds = seconds(t);
  t = process.hrtime.bigint();
  capacityWeeks(config, requirement, demand, from, until);
  const weeksSeconds = seconds(t);
  t = process.hrtime.bigint();
  const plan: CapacityPlan = await planCapacity({ config, requirement, demand, agents, from, until, quantile, solver: solverByName('highs') });
  const solveSeconds = seconds(t);
  const totalSeconds = sizingSeconds + solveSeconds;
  return {
    case: name,
    weeks: plan.weeks.length,
    sizingSeconds: Number(sizingSeconds.toFixed(3)),
    weeksSeconds: Number(weeksSeconds.toFixed(3)),
    solveSeconds: Number(solveSeconds.toFixed(3)),
    totalSeconds: Number(totalSeconds.toFixed(3)),
    ratioToSizing: Number((solveSeconds / sizingSeconds).toFixed(3)),
    variables: plan.solver.variables,
    integerVariables: plan.solver.integerVariables,
    gap: plan.solver.gap,
    classes: plan.classes.length,
    trainees: plan.classes.reduce((s, c) => s + c.trainees, 0),
    totalCost: plan.costs.total,
  };
}

async function main(): Promise<void> {
  const rows: Timing[] = [];
  rows.push(await time('26 weeks 2026-06-01 .. 11-29, cold (first solve of the process)', '2026-06-01', '2026-11-29'));
  rows.push(await time('26 weeks 2026-06-01 .. 11-29, warm', '2026-06-01', '2026-11-29'));
  rows.push(await time('Double 11 walkthrough 2026-08-03 .. 11-30 (18 weeks), warm', '2026-08-03', '2026-11-30'));
  const width = Math.max(...rows.map((r) => r.case.length));
  console.log(`${'case'.padEnd(width)}  sizing s  weeks s  plan s  total s  plan/sizing  ints  classes`);
  for (const r of rows) {
    console.log(`${r.case.padEnd(width)}  ${r.sizingSeconds.toFixed(2).padStart(8)}  ${r.weeksSeconds.toFixed(2).padStart(7)}  ${r.solveSeconds.toFixed(2).padStart(6)}  ${r.totalSeconds.toFixed(2).padStart(7)}  ${r.ratioToSizing.toFixed(2).padStart(11)}  ${String(r.integerVariables).padStart(4)}  ${r.classes} (${r.trainees})`);
  }
  const out = path.join(root, 'bench', 'capacity.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ node: process.version, cores: os.cpus().length, loadAverage: Number(os.loadavg()[0]?.toFixed(2)), goal: '26 weeks <= 5 s (total: forecast, sizing, weeks and plan)', rows }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

void main();
