/**
 * Shift planner benchmark: horizons 7/14/28/56/90 days x 3 and 10 pools x 1 and
 * 3 start offsets (two queues, outsourcing band 60-70%). Prints time, status and
 * gap per instance and writes bench/plan.json.
 * Bars (issue 6): 28 days x 3 pools x 3 offsets proven within 0.5% in <= 5 s;
 * 90 days x 10 pools within 1% in <= 30 s.
 *   npx tsx scripts/bench-plan.ts [--quick]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planShifts } from '../src/plan';
import { instance } from '../test/plan/instances';

interface Row {
  days: number;
  pools: number;
  offsets: number;
  relGap: number;
  variables: number;
  integers: number;
  constraints: number;
  seconds: number;
  status: string;
  gap: number | null;
  cost: number;
  shortfall: number;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const horizons = quick ? [7, 28] : [7, 14, 28, 56, 90];
  const rows: Row[] = [];
  console.log('| days | pools | offsets | rel gap set | vars (int) | rows | seconds | status | gap | cost | shortfall h |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const days of horizons) {
    for (const pools of [3, 10]) {
      for (const offsets of [1, 3]) {
        const relGap = pools >= 10 ? 0.01 : 0.005;
        const inst = instance({ days, pools, offsets, queues: 2, peak: pools >= 10 ? 30 : 15 }, { solver: { mipRelGap: relGap, timeLimitSeconds: 60 } });
        const started = process.hrtime.bigint();
        const r = await planShifts(inst.config, inst.requirement, inst);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const s = r.summary.solver;
        const row: Row = {
          days,
          pools,
          offsets,
          relGap,
          variables: s.variables,
          integers: s.integerVariables,
          constraints: s.constraints,
          seconds: Math.round(seconds * 100) / 100,
          status: s.status,
          gap: s.gap,
          cost: Math.round(r.summary.totalCost),
          shortfall: Math.round(r.summary.shortfall.agentHours),
        };
        rows.push(row);
        const gap = row.gap === null ? '-' : `${(row.gap * 100).toFixed(2)}%`;
        console.log(`| ${days} | ${pools} | ${offsets} | ${relGap * 100}% | ${row.variables} (${row.integers}) | ${row.constraints} | ${row.seconds.toFixed(2)} | ${row.status} | ${gap} | ${row.cost} | ${row.shortfall} |`);
      }
    }
  }
  const bar = (days: number, pools: number, offsets: number, gap: number, seconds: number): string => {
    const row = rows.find((r) => r.days === days && r.pools === pools && r.offsets === offsets);
    if (!row) return 'not run';
    const ok = row.gap !== null && row.gap <= gap && row.seconds <= seconds;
    return `${ok ? 'PASS' : 'FAIL'} (${row.seconds.toFixed(2)} s, gap ${row.gap === null ? '-' : (row.gap * 100).toFixed(2)}%)`;
  };
  console.log(`\nbar 28 days x 3 pools x 3 offsets <= 0.5% in <= 5 s: ${bar(28, 3, 3, 0.005, 5)}`);
  console.log(`bar 90 days x 10 pools (3 offsets) <= 1% in <= 30 s: ${bar(90, 10, 3, 0.01, 30)}`);
  console.log(`bar 90 days x 10 pools (1 offset) <= 1% in <= 30 s: ${bar(90, 10, 1, 0.01, 30)}`);
  if (!quick) {
    const out = path.join(__dirname, '..', 'bench', 'plan.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

void main();
