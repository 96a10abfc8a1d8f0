/**
 * The sample Double 11 run end to end: forecast → requirements → plan (with the
 * in-house capacity of data/agents.csv) → roster. Prints the unfilled seats,
 * vendor seats paid for vs rostered, and the plan cost.
 *
 *   npx tsx scripts/plan-roster-sample.ts [--no-capacity]
 */
import path from 'node:path';
import { forecastDemand } from '../src/forecast';
import { computeRequirements } from '../src/staffing';
import { planShifts, solverByName, solverOptions } from '../src/plan';
import { planWithRoster, solveRoster } from '../src/roster';
import { readAgents, readConfig, readHistory } from '../src/io';

async function main(): Promise<void> {
  const dir = path.join(__dirname, '../data');
  const config = readConfig(path.join(dir, 'config.json'));
  const agents = readAgents(path.join(dir, 'agents.csv'), config);
  const start = '2026-11-01';
  const end = '2026-11-14';
  const history = readHistory(path.join(dir, 'inquiries.csv'), { timezone: config.timezone });
  const demand = forecastDemand(history, config, { start, end, queues: config.queues }).demand;
  const requirement = computeRequirements(demand, config, { quantile: config.forecast.quantile, file: 'inquiries.csv' });
  const solver = solverByName(config.solver.name);
  const input = { dates: [] as string[], eventDates: new Set<string>() };
  if (process.argv.includes('--no-capacity')) {
    const t0 = Date.now();
    const plan = await planShifts(config, requirement, { start, end });
    const roster = (await solveRoster({ config, lines: plan.lines, agents, ...input, dates: plan.lines.map((l) => l.date) }, solver, solverOptions(config))).roster;
    report('plan without capacity', plan, roster, 1, Date.now() - t0);
    return;
  }
  const t0 = Date.now();
  const r = await planWithRoster(config, requirement, agents, { start, end, eventDates: new Set() });
  report('plan with capacity', r.plan, r.roster, r.rounds, Date.now() - t0);
  console.log(`  UNFILLED after each round: ${r.unfilledByRound.join(', ')}`);
  for (const u of r.roster.unfilled) console.log(`  ${u.reason}`);
}

function report(
  label: string,
  plan: Awaited<ReturnType<typeof planShifts>>,
  roster: { unfilled: Array<{ seats: number }>; people: Array<{ kind: string; pool: string }> },
  rounds: number,
  ms: number,
): void {
  const unfilled = roster.unfilled.reduce((n, u) => n + u.seats, 0);
  console.log(`${label}: rounds ${rounds}, ${(ms / 1000).toFixed(1)} s, total cost ${plan.summary.totalCost.toFixed(0)}, UNFILLED ${unfilled}`);
  for (const [pool, ps] of Object.entries(plan.summary.pools)) {
    const rostered = roster.people.filter((p) => p.kind === 'seat' && p.pool === pool).length;
    if (ps.kind === 'vendor') console.log(`  ${pool}: peak ${ps.peakAgentsPerDay} a day, seats paid for ${ps.seats ?? 'n/a'}, seats rostered ${rostered}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
