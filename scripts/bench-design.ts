/**
 * Shift design benchmark on the sample (data/): the Double 11 horizon
 * 2026-11-01..14 (14 days) with K = 5. Times the design (shortlist and design
 * model) against planning the current menu in the same process, plans the
 * written config again with `plan` to confirm its objective, and writes
 * bench/design.json with both menus.
 * Bars (issue 16): design for 14 days in <= 60 s; the designed config's plan
 * objective <= the current config's, with higher efficiency.
 *   npx tsx scripts/bench-design.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { designRequirement, designShifts, newConfigJson } from '../src/design';
import { loadConfigText, readConfig, readHistory } from '../src/io';
import { planShifts } from '../src/plan';

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const configFile = path.join(root, 'data', 'config.json');
  const config = readConfig(configFile);
  const history = readHistory(path.join(root, 'data', 'inquiries.csv'), { timezone: config.timezone });
  const start = '2026-11-01';
  const end = '2026-11-14';
  const { requirement } = designRequirement(config, { kind: 'history', history }, start, end, 'inquiries.csv');
  const started = process.hrtime.bigint();
  const result = await designShifts({ config, requirement, start, end, maxTypes: 5 });
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  const current = result.current;
  if (!current) throw new Error(`the sample's current menu has no plan: ${result.currentProblem ?? ''}`);
  const designSeconds = total - current.solver.seconds;
  const raw = JSON.parse(fs.readFileSync(configFile, 'utf8')) as unknown;
  const written = loadConfigText(JSON.stringify(newConfigJson(raw, result)), 'NEW-CONFIG.json');
  const replanned = await planShifts(written, requirement, { start, end });
  const d = result.designed;
  const fmt = (v: number): string => v.toFixed(2);
  console.log('| menu | objective | cost | lost service | efficiency | lowest hourly SL | solver | seconds |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, f] of [['current', current], ['designed', d]] as const) {
    console.log(`| ${name} | ${fmt(f.objective)} | ${fmt(f.cost)} | ${fmt(f.lostServiceCost)} | ${(f.efficiency * 100).toFixed(1)}% | ${f.lowestServiceLevel === null ? 'n/a' : `${(f.lowestServiceLevel * 100).toFixed(1)}%`} | ${f.solver.status} gap ${f.solver.gap === null ? '-' : `${(f.solver.gap * 100).toFixed(2)}%`} | ${f.solver.seconds.toFixed(1)} |`);
  }
  console.log(`| designed config planned again | ${fmt(replanned.summary.solver.objective)} | ${fmt(replanned.summary.totalCost)} | ${fmt(replanned.summary.lostService.cost)} | ${(replanned.summary.scheduleEfficiency * 100).toFixed(1)}% | | ${replanned.summary.solver.status} gap ${replanned.summary.solver.gap === null ? '-' : `${(replanned.summary.solver.gap * 100).toFixed(2)}%`} | ${replanned.summary.solver.seconds.toFixed(1)} |`);
  console.log('\ndesigned menu:');
  for (const s of d.shifts) console.log(`  ${s.code.padEnd(3)} ${s.name.padEnd(10)} ${s.start}-${s.end} ${s.hours} h (${s.paidHours} paid) starts ${s.startOffsets.map((o) => `+${o}`).join(' ')}${s.onlyOn ? ` on ${s.onlyOn.join(', ')}` : ''}  ${s.pools.join(', ')}  ${s.agentShifts} agent-shifts`);
  console.log(`\ncandidates ${result.candidates}, considered ${result.considered.join(', ')}`);
  console.log(`design (shortlist + design model) ${designSeconds.toFixed(1)} s; with the current menu's plan ${total.toFixed(1)} s; ratio design / current plan ${(designSeconds / current.solver.seconds).toFixed(2)}`);
  console.log(`bar design for 14 days <= 60 s: ${designSeconds <= 60 ? 'PASS' : 'FAIL'} (${designSeconds.toFixed(1)} s)`);
  console.log(`bar designed objective <= current: ${replanned.summary.solver.objective <= current.objective + 1e-6 ? 'PASS' : 'FAIL'} (${fmt(replanned.summary.solver.objective)} vs ${fmt(current.objective)})`);
  console.log(`bar designed efficiency > current: ${d.efficiency > current.efficiency ? 'PASS' : 'FAIL'} (${(d.efficiency * 100).toFixed(1)}% vs ${(current.efficiency * 100).toFixed(1)}%)`);
  for (const n of result.notes) console.log(`note: ${n}`);
  const out = path.join(root, 'bench', 'design.json');
  const strip = (f: typeof d): unknown => ({ ...f, shifts: f.shifts.map((s) => ({ name: s.name, code: s.code, start: s.start, end: s.end, hours: s.hours, paidHours: s.paidHours, startOffsets: s.startOffsets, onlyOn: s.onlyOn, pools: s.pools, agentShifts: s.agentShifts })) });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ node: process.version, horizon: { start, end }, maxTypes: 5, candidates: result.candidates, considered: result.considered, seconds: { design: Math.round(designSeconds * 10) / 10, total: Math.round(total * 10) / 10 }, current: strip(current), designed: strip(d), replanned: { objective: replanned.summary.solver.objective, efficiency: replanned.summary.scheduleEfficiency, status: replanned.summary.solver.status, gap: replanned.summary.solver.gap }, notes: result.notes }, null, 2)}\n`,
  );
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
