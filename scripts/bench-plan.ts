/**
 * Plan speed as ratios to a reference solve made in the same process, so that
 * machine noise cancels: the reference is a plain shift MIP (28 days, 1,233
 * variables: hourly coverage with shortfall slack, day/middle with 3 start
 * offsets + night, in-house headcount and 7-day rolling limit, two vendors with
 * capacity, one engagement-fee binary, outsourcing band) at gap 0.5%, built
 * here and never changed, so the ratios of different versions compare.
 *
 * Cases:
 *   sample     `npm start`'s run: the sample config, history and agents, 2026-11-01..14
 *              (forecast, plan ↔ roster rounds, roster, explanations)          goal <= 4x
 *   ninety     the sample config plus 7 vendors, 90 days from a demand file, gap 1%   goal <= 7x
 *   sample28   the sample config, 28 days from a demand file, gap 0.5%          goal <= 5 s
 *   twentyEight test/plan/instances 28 days x 3 pools x 3 offsets, gap 0.5%    (kept)
 *   design     design-shifts on the sample horizon         goal <= 3x a plain plan of the current menu
 *   whatif     whatif data/scenarios.json (default --jobs)  goal <= 3x the sample case's seconds
 *   version    `peakshift --version` as a fresh process     goal <= 0.5 s
 * Each case prints its wall seconds, its ratio, solves, the model's variables, integers and root
 * gap (objective against the model's LP bound), the proven gap, objective and cost.
 *   npx tsx scripts/bench-plan.ts [--grid] [--out FILE] [--only sample,ninety,sample28,twentyEight,design,whatif,version]
 * `--grid` adds the older table (7..90 days x 3 and 10 pools x 1 and 3 offsets).
 * Writes bench/plan.json (or FILE).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { forecastDemand } from '../src/forecast';
import { formatForecastCsv, readAgents, readConfig, readForecastCsv, readHistory } from '../src/io';
import { parseConfig } from '../src/config';
import { runPipeline } from '../src/pipeline';
import { buildHorizon, buildPlanModel, MipBuilder, planShifts, solverByName, type MipModel, type PoolCapacity } from '../src/plan';
import { inhouseCapacity } from '../src/roster';
import { designRequirement, designShifts } from '../src/design';
import { main as cliMain } from '../src/cli/main';
import { execFileSync } from 'node:child_process';
import type { Config } from '../src/config';
import type { Requirement } from '../src/domain';
import { createRng } from '../src/domain';
import { instance } from '../test/plan/instances';

const root = path.join(__dirname, '..');
const data = (name: string): string => path.join(root, 'data', name);

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
const r2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The reference model: 28 days x 24 hours; starts day 08:00 +0/1/2 h, middle
 * 13:00 +0/1/2 h (9 h, 8 paid), night 22:00 (10 h, 9 paid); pools in-house
 * (day/middle, 30 people, 5 of 7 days), vendor-a (per hour, 60 a day),
 * vendor-b (per seat-shift, 40 a day, engagement fee); shortfall 120 per
 * agent-hour; vendors 60-70% of agent-hours.
 */
export function referenceModel(): MipModel {
  const days = 28;
  const rng = createRng(21);
  const curve = [0.35, 0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.2, 0.45, 0.7, 0.85, 0.9, 0.8, 0.8, 0.9, 0.95, 0.9, 0.8, 0.75, 0.85, 1, 1, 0.9, 0.6];
  const need: number[] = [];
  for (let h = 0; h < days * 24; h++) {
    const day = Math.floor(h / 24);
    const ramp = 1 + 0.8 * Math.exp(-((day - days * 0.7) ** 2) / 8);
    need.push(Math.round((curve[h % 24] as number) * (ramp / 1.8) * 30 * (0.9 + 0.2 * rng()) * 10) / 10);
  }
  const starts = [
    ...[0, 1, 2].map((o) => ({ hour: 8 + o, hours: 9, paid: 8, night: false })),
    ...[0, 1, 2].map((o) => ({ hour: 13 + o, hours: 9, paid: 8, night: false })),
    { hour: 22, hours: 10, paid: 9, night: true },
  ];
  const pools = [
    { name: 'in-house', cost: 32, productive: 0.7, night: false, perDay: 30, vendor: false },
    { name: 'vendor-a', cost: 30, productive: 0.63, night: true, perDay: 60, vendor: true },
    { name: 'vendor-b', cost: 260 / 8, productive: 0.7, night: true, perDay: 40, vendor: true },
  ];
  const b = new MipBuilder();
  const cover: Array<{ v: number; c: number }[]> = need.map(() => []);
  const byPoolDay: number[][][] = pools.map(() => Array.from({ length: days }, () => []));
  const hoursTerms: Array<{ v: number; hours: number; vendor: boolean }> = [];
  pools.forEach((p, pi) => {
    for (let d = 0; d < days; d++) {
      for (const s of starts) {
        if (s.night && !p.night) continue;
        const v = b.addVariable(`x[${p.name},${d},${s.hour}]`, { upper: p.perDay, integer: true, cost: p.cost * s.paid });
        byPoolDay[pi]?.[d]?.push(v);
        hoursTerms.push({ v, hours: s.paid, vendor: p.vendor });
        for (let k = 0; k < s.hours; k++) cover[d * 24 + s.hour + k]?.push({ v, c: p.productive });
      }
    }
  });
  need.forEach((n, h) => {
    const short = b.addVariable(`short[${h}]`, { upper: n, cost: 120 });
    const terms = cover[h] ?? [];
    b.addConstraint(`cover[${h}]`, [...terms.map((t) => t.v), short], [...terms.map((t) => t.c), 1], '>=', n);
  });
  const used = b.addVariable('used[vendor-b]', { upper: 1, integer: true, cost: 3000 });
  for (let d = 0; d < days; d++) {
    const inhouse = byPoolDay[0]?.[d] ?? [];
    b.addConstraint(`headcount[${d}]`, inhouse, inhouse.map(() => 1), '<=', 30);
    const vb = byPoolDay[2]?.[d] ?? [];
    b.addConstraint(`used[${d}]`, [...vb, used], [...vb.map(() => 1), -40], '<=', 0);
    const va = byPoolDay[1]?.[d] ?? [];
    b.addConstraint(`vendorMax[${d}]`, va, va.map(() => 1), '<=', 60);
    if (d + 7 <= days) {
      const week = (byPoolDay[0] ?? []).slice(d, d + 7).flat();
      b.addConstraint(`week[${d}]`, week, week.map(() => 1), '<=', 30 * 5);
    }
  }
  b.addConstraint('outsourcingMin', hoursTerms.map((t) => t.v), hoursTerms.map((t) => t.hours * ((t.vendor ? 1 : 0) - 0.6)), '>=', 0);
  b.addConstraint('outsourcingMax', hoursTerms.map((t) => t.v), hoursTerms.map((t) => t.hours * ((t.vendor ? 1 : 0) - 0.7)), '<=', 0);
  return b.build();
}

interface Case {
  name: string;
  goal: number | null;
  /** Wall seconds of the whole run. */
  seconds: number;
  ratio: number;
  /** What the ratio is taken against: the reference solve, or another case of the same run. */
  against?: string;
  /** Whole-number variables of the (first) plan model, and its root gap: (objective - LP bound) / objective. */
  integers?: number;
  rootGap?: number | null;
  objective?: number;
  solverSeconds: number;
  solves: number;
  rounds: number | null;
  variables: number;
  constraints: number;
  gap: number | null;
  cost: number;
  detail: string[];
}

async function reference(): Promise<{ seconds: number; variables: number; integers: number; constraints: number; gap: number }> {
  const model = referenceModel();
  const solver = solverByName('highs');
  const started = process.hrtime.bigint();
  const r = await solver.solve(model, { relativeGap: 0.005, absoluteGap: 1e-6, timeLimitSeconds: 60 });
  return { seconds: seconds(started), variables: model.variables.length, integers: model.variables.filter((v) => v.integer).length, constraints: model.constraints.length, gap: r.gap };
}

/** The figures of one runPipeline call (older result shapes without `seconds.solves` give less detail). */
type Run = Awaited<ReturnType<typeof runPipeline>>;
function fromRun(name: string, goal: number | null, run: Run, wall: number, ref: number): Case {
  const extra = run.seconds as Run['seconds'] & { solves?: Array<{ stage: string; round: number | null; seconds: number; gap: number | null; warmStart?: boolean }>; solver?: number };
  const solves = extra.solves ?? [];
  const detail = solves.map((r) => `${r.stage}${r.round === null ? '' : ` r${r.round}`} ${r.seconds.toFixed(2)} s gap ${r.gap === null ? '-' : (r.gap * 100).toFixed(3)}%${r.warmStart ? ' warm' : ''}`);
  const s = run.plan.summary.solver;
  return {
    name,
    goal,
    seconds: r2(wall),
    ratio: r2(wall / ref),
    integers: s.integerVariables,
    objective: r2(s.objective),
    solverSeconds: r2(extra.solver ?? run.seconds.plan + (run.seconds.roster ?? 0)),
    solves: solves.length,
    rounds: run.summary.roster ? run.summary.roster.replans + 1 : null,
    variables: s.variables,
    constraints: s.constraints,
    gap: s.gap,
    cost: r2(run.plan.summary.totalCost),
    detail,
  };
}

/** (objective - LP bound of the plan model) / objective: how much the branch and bound must close. */
async function rootGap(config: Config, requirement: Requirement, start: string, end: string, objective: number, capacity: readonly PoolCapacity[] = []): Promise<number> {
  const { mip } = buildPlanModel(config, requirement, start, end, { inhouseCapacity: capacity });
  const lp = await solverByName('highs').solve({ ...mip, variables: mip.variables.map((v) => ({ ...v, integer: false })) }, { relativeGap: 0, absoluteGap: 0, timeLimitSeconds: 900 });
  return Math.round(((objective - lp.objective) / objective) * 1e6) / 1e6;
}

/** `npm start`'s run, kept for the what-if case's ratio. */
let sampleSeconds = NaN;

async function sampleWithAgents(ref: number): Promise<Case> {
  const config = readConfig(data('config.json'));
  const agents = readAgents(data('agents.csv'), config);
  const history = readHistory(data('inquiries.csv'), { timezone: config.timezone });
  const started = process.hrtime.bigint();
  const run = await runPipeline({ config, source: { kind: 'history', history }, agents, start: '2026-11-01', end: '2026-11-14' });
  const c = fromRun('sample + agents (npm start)', 4, run, seconds(started), ref);
  sampleSeconds = c.seconds;
  const dates = buildHorizon(config, run.requirement, '2026-11-01', '2026-11-14').dates;
  c.rootGap = await rootGap(config, run.requirement, '2026-11-01', '2026-11-14', run.plan.summary.solver.objective, inhouseCapacity(config, agents, dates[0] ?? '2026-11-01', '2026-11-14'));
  return c;
}

/** design-shifts on the sample horizon, against a plain plan of the current menu timed in the same run. */
async function design(): Promise<Case> {
  const config = readConfig(data('config.json'));
  const history = readHistory(data('inquiries.csv'), { timezone: config.timezone });
  const { requirement } = designRequirement(config, { kind: 'history', history }, '2026-11-01', '2026-11-14', 'inquiries.csv');
  let started = process.hrtime.bigint();
  const plain = await planShifts(config, requirement, { start: '2026-11-01', end: '2026-11-14' });
  const plainSeconds = seconds(started);
  started = process.hrtime.bigint();
  const result = await designShifts({ config, requirement, start: '2026-11-01', end: '2026-11-14' });
  const wall = seconds(started);
  const d = result.designed;
  return { name: 'design-shifts, sample horizon', goal: 3, seconds: r2(wall), ratio: r2(wall / plainSeconds), against: `a plain plan of the current menu (${plainSeconds.toFixed(2)} s)`, solverSeconds: r2(d.solver.seconds), solves: 0, rounds: null, variables: d.solver.variables, integers: d.solver.integerVariables, constraints: 0, gap: d.solver.gap, cost: r2(d.cost), objective: r2(d.objective), rootGap: null, detail: [`current objective ${plain.summary.solver.objective.toFixed(2)}, designed ${d.objective.toFixed(2)} (${result.designed.solver.status})`] };
}

/** whatif on data/scenarios.json (6 plans with rosters, default --jobs), against `npm start`'s run of the same process. */
async function whatif(): Promise<Case> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-whatif-')), 'out');
  const started = process.hrtime.bigint();
  const code = await cliMain(['whatif', '--scenarios', data('scenarios.json'), '--out-dir', out, '-q'], { stdout: () => undefined, stderr: (t) => process.stderr.write(t), isTTY: false });
  const wall = seconds(started);
  if (code !== 0) throw new Error(`whatif exited ${code}`);
  return { name: 'whatif data/scenarios.json (6 plans with rosters)', goal: 3, seconds: r2(wall), ratio: r2(wall / sampleSeconds), against: `the sample plan of this run (${sampleSeconds.toFixed(2)} s)`, solverSeconds: 0, solves: 0, rounds: null, variables: 0, constraints: 0, gap: null, cost: 0, detail: [] };
}

/** `peakshift --version` as a fresh process. */
async function version(): Promise<Case> {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(root, 'bin', 'peakshift.js'), '--version']);
  const wall = seconds(started);
  return { name: 'peakshift --version', goal: null, seconds: r2(wall), ratio: NaN, against: 'goal 0.5 s', solverSeconds: 0, solves: 0, rounds: null, variables: 0, constraints: 0, gap: null, cost: 0, detail: [] };
}

/** The sample config plus 7 vendors (vendor-c..i), 90 days from a forecast written to and read from a demand file. */
async function ninetyByTen(ref: number): Promise<Case> {
  const raw = JSON.parse(fs.readFileSync(data('config.json'), 'utf8')) as { pools: Array<Record<string, unknown>>; solver?: Record<string, unknown> };
  const models = ['perHour', 'perSeatShift', 'perHour'] as const;
  for (let i = 0; i < 7; i++) {
    const model = models[i % 3] as string;
    raw.pools.push({
      name: `vendor-${String.fromCharCode(99 + i)}`,
      kind: 'vendor',
      maxAgentsPerDay: 20 + 5 * (i % 3),
      productivity: 0.85 + 0.05 * (i % 3),
      pricing: { model, rate: model === 'perSeatShift' ? 250 + 5 * i : 28 + (i % 4) },
      engagementFee: 1000 * (i % 3),
    });
  }
  raw.solver = { ...(raw.solver ?? {}), mipRelGap: 0.01, timeLimitSeconds: 900 };
  const config = parseConfig(raw);
  const start = '2026-11-01';
  const end = '2027-01-29';
  return planFromDemandFile(config, start, end, '90 days x 10 pools, gap 1%', 7, ref);
}

/** The sample history forecast to a demand file, then planned from it (the forecast is not timed). */
async function planFromDemandFile(config: Config, start: string, end: string, name: string, goal: number | null, ref: number): Promise<Case> {
  const history = readHistory(data('inquiries.csv'), { timezone: config.timezone });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-plan-')), 'demand.csv');
  fs.writeFileSync(file, formatForecastCsv(forecastDemand(history, config, { start, end, queues: config.queues }).demand));
  const demand = readForecastCsv(file, config.timezone);
  const started = process.hrtime.bigint();
  const run = await runPipeline({ config, source: { kind: 'demand', demand }, sourceFile: file, start, end });
  const c = fromRun(name, goal, run, seconds(started), ref);
  c.rootGap = await rootGap(config, run.requirement, start, end, run.plan.summary.solver.objective);
  return c;
}

/** The sample config over 28 days from a demand file (2026-11-01..28, gap 0.5%), without agents: goal <= 5 s. */
async function sample28(ref: number): Promise<Case> {
  const config = readConfig(data('config.json'));
  const start = '2026-11-01';
  const end = '2026-11-28';
  return planFromDemandFile(config, start, end, 'sample config, 28 days from a demand file, gap 0.5% (goal <= 5 s)', null, ref);
}

async function twentyEight(ref: number): Promise<Case> {
  const inst = instance({ days: 28, pools: 3, offsets: 3, queues: 2, peak: 15 }, { solver: { mipRelGap: 0.005, timeLimitSeconds: 60 } });
  const started = process.hrtime.bigint();
  const r = await planShifts(inst.config, inst.requirement, inst);
  const wall = seconds(started);
  const s = r.summary.solver;
  const rg = await rootGap(inst.config, inst.requirement, inst.start, inst.end, s.objective);
  return { name: '28 days x 3 pools, gap 0.5% (goal <= 5 s)', goal: null, seconds: r2(wall), ratio: r2(wall / ref), solverSeconds: r2(s.seconds), solves: 1, rounds: null, variables: s.variables, integers: s.integerVariables, constraints: s.constraints, gap: s.gap, cost: r2(r.summary.totalCost), objective: r2(s.objective), rootGap: rg, detail: [] };
}

interface GridRow {
  days: number;
  pools: number;
  offsets: number;
  relGap: number;
  variables: number;
  integers: number;
  constraints: number;
  seconds: number;
  ratio: number;
  status: string;
  gap: number | null;
  cost: number;
}

async function grid(ref: number): Promise<GridRow[]> {
  const rows: GridRow[] = [];
  console.log('\n| days | pools | offsets | rel gap set | vars (int) | rows | seconds | x ref | status | gap | cost |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const days of [7, 14, 28, 56, 90]) {
    for (const pools of [3, 10]) {
      for (const offsets of [1, 3]) {
        const relGap = pools >= 10 ? 0.01 : 0.005;
        const inst = instance({ days, pools, offsets, queues: 2, peak: pools >= 10 ? 30 : 15 }, { solver: { mipRelGap: relGap, timeLimitSeconds: 60 } });
        const started = process.hrtime.bigint();
        const r = await planShifts(inst.config, inst.requirement, inst);
        const wall = seconds(started);
        const s = r.summary.solver;
        const row: GridRow = { days, pools, offsets, relGap, variables: s.variables, integers: s.integerVariables, constraints: s.constraints, seconds: r2(wall), ratio: r2(wall / ref), status: s.status, gap: s.gap, cost: Math.round(r.summary.totalCost) };
        rows.push(row);
        const gap = row.gap === null ? '-' : `${(row.gap * 100).toFixed(2)}%`;
        console.log(`| ${days} | ${pools} | ${offsets} | ${relGap * 100}% | ${row.variables} (${row.integers}) | ${row.constraints} | ${row.seconds.toFixed(2)} | ${row.ratio.toFixed(2)} | ${row.status} | ${gap} | ${row.cost} |`);
      }
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const outAt = process.argv.indexOf('--out');
  const out = outAt > 0 ? (process.argv[outAt + 1] as string) : path.join(root, 'bench', 'plan.json');
  // Load the solver once before timing anything.
  await solverByName('highs').solve(referenceModel(), { relativeGap: 0.5, absoluteGap: 1e9, timeLimitSeconds: 5 });
  const refs = [await reference()];
  const ref0 = refs[0] as Awaited<ReturnType<typeof reference>>;
  console.log(`reference: plain shift MIP, 28 days, ${ref0.variables} variables (${ref0.integers} integer), ${ref0.constraints} rows, gap 0.5%: ${ref0.seconds.toFixed(2)} s (proven gap ${(ref0.gap * 100).toFixed(3)}%)`);
  const cases: Case[] = [];
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? (process.argv[onlyAt + 1] as string) : null;
  const all = { sample: sampleWithAgents, ninety: ninetyByTen, sample28, twentyEight, design, whatif, version };
  for (const run of Object.entries(all).filter(([key]) => only === null || only.split(',').includes(key)).map(([, f]) => f)) {
    // The reference again before each case: the ratio uses the mean of the references around it
    // (cases with their own yardstick, `against`, keep theirs).
    const c = await run(ref0.seconds);
    const again = await reference();
    refs.push(again);
    const ref = (refs[refs.length - 2] as { seconds: number }).seconds / 2 + again.seconds / 2;
    if (c.against === undefined) c.ratio = r2(c.seconds / ref);
    cases.push(c);
    const gap = c.gap === null ? '-' : `${(c.gap * 100).toFixed(3)}%`;
    const yardstick = c.against ?? `reference (${ref.toFixed(2)} s)`;
    const model = c.variables > 0 ? `; ${c.variables} vars (${c.integers ?? '?'} integer), ${c.constraints} rows, root gap ${c.rootGap == null ? '-' : `${(c.rootGap * 100).toFixed(3)}%`}, gap ${gap}, objective ${c.objective ?? '-'}, cost ${c.cost}` : '';
    console.log(`${c.name}: ${c.seconds.toFixed(2)} s${Number.isFinite(c.ratio) ? ` = ${c.ratio.toFixed(2)} x ${yardstick}` : ` (${yardstick})`}${c.goal === null ? '' : `, goal <= ${c.goal}x: ${c.ratio <= c.goal ? 'PASS' : 'FAIL'}`}${c.solves > 0 ? `; solver ${c.solverSeconds.toFixed(2)} s in ${c.solves} solves` : ''}${c.rounds === null ? '' : `, ${c.rounds} round(s)`}${model}`);
    for (const line of c.detail) console.log(`    ${line}`);
  }
  const gridRows = process.argv.includes('--grid') ? await grid(refs.reduce((s, r) => s + r.seconds, 0) / refs.length) : undefined;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const reference0 = { ...ref0, seconds: refs.map((r) => r2(r.seconds)) };
  fs.writeFileSync(out, `${JSON.stringify({ node: process.version, reference: reference0, cases, ...(gridRows ? { grid: gridRows } : {}) }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
