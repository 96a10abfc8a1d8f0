/**
 * Forecast accuracy and speed bars (issue 4, point 5). Prints a table and
 * writes bench/forecast.json.
 *
 *   npx tsx scripts/bench-forecast.ts [--data DIR]   (DIR holds inquiries.csv and config.json; default data/)
 *
 * Sample data: train through 2026-08-31, forecast 2026-09-01..2026-10-15 (Mid-Autumn
 * 2026-09-25 vs 2025-10-06), and train through 2026-05-31, forecast June 2026 (618 and
 * Dragon Boat 06-19). Real data (../shared/data/real): 4 weekly rolling origins.
 * Speed: 3 years hourly, 2 queues, 60-day forecast (read + fit + forecast).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../src/config';
import { hourNumber } from '../src/domain';
import { forecastDemand, rollingOrigins, runBacktest, type BacktestResult } from '../src/forecast';
import { readConfig, readHistory } from '../src/io';

const root = path.resolve(__dirname, '..');
const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? path.resolve(process.argv[dataArg + 1] ?? 'data') : path.join(root, 'data');
const realDir = path.resolve(root, '../shared/data/real');

interface Bar {
  bar: string;
  value: number | string;
  threshold: string;
  pass: boolean;
}
const bars: Bar[] = [];
const extra: Record<string, unknown> = {};
const r3 = (x: number): number => Number(x.toFixed(3));

// Speed first, so the peak memory is the forecast's and not the backtests'.
const sampleHistory = path.join(dataDir, 'inquiries.csv');
const sampleConfig = path.join(dataDir, 'config.json');
const haveSample = fs.existsSync(sampleHistory) && fs.existsSync(sampleConfig);
if (haveSample) {
  const t0 = process.hrtime.bigint();
  const config = readConfig(sampleConfig);
  const history = readHistory(sampleHistory, { timezone: config.timezone });
  const tRead = process.hrtime.bigint();
  const result = forecastDemand(history, config, { start: '2026-11-01', end: '2026-12-30', queues: config.queues });
  const t1 = process.hrtime.bigint();
  const ms = Number(t1 - t0) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  bars.push({ bar: `speed: ${history.hours} h x ${history.queues.length} queues -> 60-day forecast (read ${Math.round(Number(tRead - t0) / 1e6)} ms + model)`, value: Math.round(ms), threshold: '< 2000 ms', pass: ms < 2000 });
  bars.push({ bar: 'memory: peak RSS of this process (includes the tsx runner)', value: Math.round(rssMb), threshold: '< 300 MB', pass: rssMb < 300 });
  void result;

  for (const c of [
    { name: 'sample Sep 1 - Oct 15 2026 (Mid-Autumn)', origin: '2026-09-01', days: 45 },
    { name: 'sample June 2026 (618 + Dragon Boat)', origin: '2026-06-01', days: 30 },
  ]) {
    const r = runBacktest(history, config, { origins: [c.origin], horizonDays: c.days });
    const m = r.scores.model;
    const sn = r.scores['seasonal-naive'];
    const ly = r.scores['last-year-date'];
    bars.push({ bar: `${c.name}: WAPE model / seasonal naive (${r3(m.all.wape)} / ${r3(sn.all.wape)})`, value: r3(m.all.wape / sn.all.wape), threshold: '<= 0.8', pass: m.all.wape <= 0.8 * sn.all.wape });
    bars.push({ bar: `${c.name}: event-window WAPE model / last-year-date (${r3(m.event.wape)} / ${r3(ly.event.wape)})`, value: r3(m.event.wape / ly.event.wape), threshold: '<= 0.6', pass: m.event.wape <= 0.6 * ly.event.wape });
    bars.push({ bar: `${c.name}: peak day forecast = actual (${r.peakDay.actual})`, value: r.peakDay.forecast, threshold: r.peakDay.actual, pass: r.peakDay.forecast === r.peakDay.actual });
    extra[c.name] = summary(r);
  }

  // What the Double 11 forecast shows (trained on history through 2026-10-31).
  const d11 = forecastDemand(history, config, { start: '2026-11-01', end: '2026-11-14', queues: config.queues });
  const days: Array<{ date: string; forecast: number; p10: number; p90: number; event: string }> = [];
  const hours: Array<{ hour: string; forecast: number }> = [];
  const start = hourNumber(d11.demand.startHour);
  for (let i = 0; i < d11.demand.hours; i++) {
    const total = d11.demand.queues.reduce((a, q) => a + (q.forecast[i] ?? 0), 0);
    hours.push({ hour: new Date((start + i) * 3_600_000).toISOString().slice(0, 13), forecast: Math.round(total) });
    const k = Math.floor(i / 24);
    const day = days[k] ?? { date: new Date((start + i) * 3_600_000).toISOString().slice(0, 10), forecast: 0, p10: 0, p90: 0, event: d11.demand.events[i] ?? '' };
    day.forecast += total;
    day.p10 += d11.demand.queues.reduce((a, q) => a + (q.p10[i] ?? 0), 0);
    day.p90 += d11.demand.queues.reduce((a, q) => a + (q.p90[i] ?? 0), 0);
    days[k] = day;
  }
  console.log('Double 11 forecast (all queues), trained through 2026-10-31:');
  console.log('date        forecast      p10      p90  event');
  for (const d of days) console.log(`${d.date} ${String(Math.round(d.forecast)).padStart(9)} ${String(Math.round(d.p10)).padStart(8)} ${String(Math.round(d.p90)).padStart(8)}  ${d.event}`);
  const top = [...hours].sort((a, b) => b.forecast - a.forecast || a.hour.localeCompare(b.hour)).slice(0, 5);
  console.log(`busiest hours: ${top.map((h) => `${h.hour}:00 ${h.forecast}`).join(', ')}`);
  console.log('');
  extra.double11 = { days: days.map((d) => ({ ...d, forecast: Math.round(d.forecast), p10: Math.round(d.p10), p90: Math.round(d.p90) })), busiestHours: top };
} else {
  console.log(`sample data not found in ${dataDir}: sample bars and speed skipped`);
}

if (fs.existsSync(realDir)) {
  for (const c of [
    { file: 'us_bank_calls_2003_hourly.csv', name: 'US bank calls' },
    { file: 'nyc_taxi_passengers_2014_hourly.csv', name: 'NYC taxi' },
  ]) {
    const history = readHistory(path.join(realDir, c.file), { timezone: defaultConfig().timezone });
    const r = runBacktest(history, defaultConfig(), { origins: rollingOrigins(history, 7, 4), horizonDays: 7 });
    const m = r.scores.model.all;
    const sn = r.scores['seasonal-naive'].all;
    bars.push({ bar: `${c.name}, 4 x 7-day origins: WAPE model < seasonal naive (${r3(m.wape)} vs ${r3(sn.wape)})`, value: r3(m.wape / sn.wape), threshold: '< 1', pass: m.wape < sn.wape });
    bars.push({ bar: `${c.name}, 4 x 7-day origins: p10-p90 coverage`, value: r3(m.coverage), threshold: '0.70 - 0.90', pass: m.coverage >= 0.7 && m.coverage <= 0.9 });
    extra[c.name] = summary(r);
  }
} else {
  console.log(`real data not found in ${realDir}: real-data bars skipped`);
}

function summary(r: BacktestResult): Record<string, unknown> {
  const out: Record<string, unknown> = { origins: r.origins, horizonDays: r.horizonDays, peakDay: r.peakDay };
  for (const [m, bySeg] of Object.entries(r.scores)) {
    out[m] = Object.fromEntries(Object.entries(bySeg).map(([seg, s]) => [seg, { hours: s.hours, wape: r3(s.wape), mase: r3(s.mase), bias: r3(s.bias), coverage: Number.isFinite(s.coverage) ? r3(s.coverage) : null }]));
  }
  return out;
}

const width = Math.max(...bars.map((b) => b.bar.length));
console.log(`${'bar'.padEnd(width)}  ${'value'.padStart(10)}  ${'threshold'.padStart(11)}  pass`);
for (const b of bars) console.log(`${b.bar.padEnd(width)}  ${String(b.value).padStart(10)}  ${b.threshold.padStart(11)}  ${b.pass ? 'yes' : 'NO'}`);
fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/forecast.json'), `${JSON.stringify({ node: process.version, bars, details: extra }, null, 2)}\n`);
