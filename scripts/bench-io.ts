/**
 * Reading speed of the inquiry-history reader on the real 5-minute US bank file
 * (27,716 rows) and the NYC taxi 30-minute file. Goal: the bank file in under 1 s.
 * Prints a table and writes bench/io.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHistory } from '../src/io/history';

const realDir = path.resolve(__dirname, '../../shared/data/real');
const cases = [
  { file: 'us_bank_calls_2003_5min.csv', timezone: 'Asia/Shanghai', goalMs: 1000 },
  { file: 'nyc_taxi_passengers_2014_30min.csv', timezone: 'America/New_York', goalMs: 1000 },
];

function timeRead(file: string, timezone: string, repeats: number): { bestMs: number; medianMs: number; rows: number } {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    rows = readHistory(file, { timezone }).sourceRows;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { bestMs: times[0] ?? NaN, medianMs: times[Math.floor(times.length / 2)] ?? NaN, rows };
}

if (!fs.existsSync(realDir)) {
  console.log(`skipped: ${realDir} not found`);
  process.exit(0);
}
const results = cases.map((c) => {
  const file = path.join(realDir, c.file);
  const first = timeRead(file, c.timezone, 1);
  const warm = timeRead(file, c.timezone, 5);
  return { file: c.file, rows: warm.rows, firstMs: Number(first.bestMs.toFixed(1)), medianMs: Number(warm.medianMs.toFixed(1)), goalMs: c.goalMs, pass: first.bestMs < c.goalMs };
});
console.log('file                                   rows   first read ms  median ms  goal ms  pass');
for (const r of results) {
  console.log(`${r.file.padEnd(36)} ${String(r.rows).padStart(6)} ${String(r.firstMs).padStart(14)} ${String(r.medianMs).padStart(10)} ${String(r.goalMs).padStart(8)}  ${r.pass ? 'yes' : 'NO'}`);
}
fs.mkdirSync(path.resolve(__dirname, '../bench'), { recursive: true });
fs.writeFileSync(path.resolve(__dirname, '../bench/io.json'), `${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
