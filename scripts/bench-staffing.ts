/**
 * Staffing speed: sizing calls per second (Erlang C and Erlang A) at loads up to
 * 200 Erlangs and at 5,000 Erlangs, and one sizing per hour for 3 years x 2
 * queues through computeRequirements. Prints a table, writes bench/staffing.json.
 *
 *   npx tsx scripts/bench-staffing.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../src/config';
import { createRng, type Demand } from '../src/domain';
import { computeRequirements, sizeStaffing, type QueueParameters, type StaffingTargets } from '../src/staffing';

const targets: StaffingTargets = { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0.9, maxAbandonRate: 0.05 };

function sizingsPerSecond(loads: number[], patienceSeconds: number | undefined, minSeconds = 1): { perSecond: number; checksum: number } {
  let done = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const load of loads) {
      const queue: QueueParameters = { arrivalsPerSecond: load / 180, ahtSeconds: 180, concurrency: 1 };
      if (patienceSeconds !== undefined) queue.patienceSeconds = patienceSeconds;
      checksum += sizeStaffing(queue, targets).agents;
      done += 1;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { perSecond: done / elapsed, checksum };
}

function threeYearDemand(): Demand {
  const hours = 3 * 365 * 24;
  const rng = createRng(2026);
  const shape = (h: number): number => 0.15 + Math.max(0, Math.sin(((h % 24) - 7) / 16 * Math.PI)) * (1 + 0.3 * Math.sin(h / (24 * 7) * 2 * Math.PI));
  const series = (peak: number): number[] => Array.from({ length: hours }, (_, h) => Math.round(peak * shape(h) * (0.8 + 0.4 * rng()) * 100) / 100);
  const presales = series(600);
  const aftersales = series(300);
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2023-11-01T00:00',
    hours,
    queues: [
      { name: 'presales', forecast: presales, p10: presales, p50: presales, p90: presales },
      { name: 'aftersales', forecast: aftersales, p10: aftersales, p50: aftersales, p90: aftersales },
    ],
    events: Array.from({ length: hours }, () => ''),
  };
}

function timeRequirements(config: ReturnType<typeof parseConfig>, demand: Demand): number {
  const start = process.hrtime.bigint();
  computeRequirements(demand, config, { quantile: 'p50', file: 'bench' });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const rng = createRng(7);
const smallLoads = Array.from({ length: 1000 }, () => 1 + rng() * 199);
const bigLoads = Array.from({ length: 20 }, () => 4900 + rng() * 200);

// Warm up the JIT.
sizingsPerSecond(smallLoads, undefined, 0.3);
sizingsPerSecond(smallLoads, 180, 0.3);

const rows: Array<{ case: string; value: number; unit: string; goal: string }> = [];
rows.push({ case: 'Erlang C sizing, loads 1-200 Erlangs', value: sizingsPerSecond(smallLoads, undefined).perSecond, unit: 'sizings/s', goal: '>= 100,000/s' });
rows.push({ case: 'Erlang A sizing, loads 1-200 Erlangs, patience 180 s', value: sizingsPerSecond(smallLoads, 180).perSecond, unit: 'sizings/s', goal: '(no goal)' });
rows.push({ case: 'Erlang C sizing, ~5,000 Erlangs', value: sizingsPerSecond(bigLoads, undefined).perSecond, unit: 'sizings/s', goal: '>= 1,000/s' });
rows.push({ case: 'Erlang A sizing, ~5,000 Erlangs, patience 180 s', value: sizingsPerSecond(bigLoads, 180).perSecond, unit: 'sizings/s', goal: '(no goal)' });

const demand = threeYearDemand();
const erlangCConfig = parseConfig({ queues: [{ name: 'presales', ahtSeconds: 180 }, { name: 'aftersales', ahtSeconds: 300, concurrency: 3 }] });
const mixedConfig = parseConfig({
  queues: [
    { name: 'presales', ahtSeconds: 180 },
    { name: 'aftersales', ahtSeconds: 300, concurrency: 3, patienceSeconds: 120, target: { serviceLevel: 0.9, answerSeconds: 30, maxAbandonRate: 0.05 } },
  ],
});
timeRequirements(erlangCConfig, demand);
rows.push({ case: `3 years x 2 queues hourly (${demand.hours * 2} sizings), Erlang C`, value: timeRequirements(erlangCConfig, demand), unit: 's', goal: '< 1 s' });
rows.push({ case: `3 years x 2 queues hourly (${demand.hours * 2} sizings), Erlang C + Erlang A chat`, value: timeRequirements(mixedConfig, demand), unit: 's', goal: '< 1 s' });

const width = Math.max(...rows.map((r) => r.case.length));
console.log(`${'case'.padEnd(width)}  ${'measured'.padStart(14)}  goal`);
for (const r of rows) {
  const value = r.unit === 's' ? `${r.value.toFixed(3)} s` : `${Math.round(r.value).toLocaleString('en-US')}/s`;
  console.log(`${r.case.padEnd(width)}  ${value.padStart(14)}  ${r.goal}`);
}
const out = path.join(__dirname, '..', 'bench', 'staffing.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
