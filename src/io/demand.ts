/**
 * The forecast CSV (DESIGN.md): `timestamp,queue,forecast,p10,p90,event`.
 * One row per hour per queue, then a row with queue `all` carrying the hour's
 * total (the sum of the queues). Written with fixed decimals so output is
 * byte-stable; read back with located errors.
 */
import { parse } from 'csv-parse/sync';
import { InputError, describeValue, hourKeyFromNumber, hourNumber, type Demand, type QueueDemand } from '../domain';
import { csvCell, fixedDigits } from '../report/format';
import { readTextFile } from './files';

export const FORECAST_HEADER = ['timestamp', 'queue', 'forecast', 'p10', 'p90', 'event'] as const;

/** Round to 2 decimals for output. */
export function fixed2(value: number): string {
  return fixedDigits(value, 2);
}

export function formatForecastCsv(demand: Demand): string {
  const lines: string[] = [FORECAST_HEADER.join(',')];
  const start = hourNumber(demand.startHour);
  for (let i = 0; i < demand.hours; i++) {
    const ts = hourKeyFromNumber(start + i);
    const event = csvCell(demand.events[i] ?? '');
    let f = 0;
    let lo = 0;
    let hi = 0;
    for (const q of demand.queues) {
      const qf = q.forecast[i] ?? 0;
      const q10 = q.p10[i] ?? 0;
      const q90 = q.p90[i] ?? 0;
      f += qf;
      lo += q10;
      hi += q90;
      lines.push(`${ts},${q.name},${fixed2(qf)},${fixed2(q10)},${fixed2(q90)},${event}`);
    }
    // The total's band is the sum of the queue bands: a conservative (comonotone) band.
    lines.push(`${ts},all,${fixed2(f)},${fixed2(lo)},${fixed2(hi)},${event}`);
  }
  return `${lines.join('\n')}\n`;
}


const TS_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00$/;

/**
 * Parse a forecast CSV. Rows with queue `all` are checked against the sum of
 * the queues but otherwise ignored; p50 is taken equal to the forecast.
 */
export function parseForecastCsv(text: string, file: string, timezone: string): Demand {
  let records: string[][];
  try {
    records = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { skip_empty_lines: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; code?: string };
    throw new InputError({ file, line: e.lines }, `malformed CSV (${e.code ?? 'unknown'})`, 'comma-separated values');
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  for (const name of ['timestamp', 'forecast', 'p10', 'p90']) {
    if (col(name) < 0) {
      throw new InputError({ file, line: 1, column: 1 }, `header ${describeValue(header.join(','))}`, `a forecast CSV header ${FORECAST_HEADER.join(',')}`);
    }
  }
  const cTs = col('timestamp');
  const cQueue = col('queue');
  const cF = col('forecast');
  const c10 = col('p10');
  const c90 = col('p90');
  const cEvent = col('event');
  if (records.length < 2) throw new InputError({ file, line: 2, column: 1 }, 'no data rows', 'at least one forecast row');

  interface Cell { f: number; p10: number; p90: number }
  const byQueue = new Map<string, Map<number, Cell>>();
  const events = new Map<number, string>();
  let first = Infinity;
  let last = -Infinity;
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as string[];
    const line = r + 1;
    const ts = (rec[cTs] ?? '').trim();
    if (!TS_RE.test(ts)) throw new InputError({ file, line, column: cTs + 1 }, `timestamp ${describeValue(ts)}`, 'an hour like 2026-06-18T10:00');
    const hour = hourNumber(ts);
    const queue = cQueue >= 0 ? (rec[cQueue] ?? '').trim() : 'all';
    const num = (c: number, name: string): number => {
      const t = (rec[c] ?? '').trim();
      const v = Number(t);
      if (t === '' || !Number.isFinite(v) || v < 0) throw new InputError({ file, line, column: c + 1 }, `${name} ${describeValue(t)}`, 'a number >= 0');
      return v;
    };
    const cell = { f: num(cF, 'forecast'), p10: num(c10, 'p10'), p90: num(c90, 'p90') };
    if (cell.p10 > cell.f + 1e-9 || cell.f > cell.p90 + 1e-9) {
      throw new InputError({ file, line, column: c10 + 1 }, `p10 ${cell.p10}, forecast ${cell.f}, p90 ${cell.p90}`, 'p10 <= forecast <= p90');
    }
    let q = byQueue.get(queue);
    if (!q) {
      q = new Map();
      byQueue.set(queue, q);
    }
    if (q.has(hour)) throw new InputError({ file, line, column: cTs + 1 }, `timestamp ${ts} for queue ${describeValue(queue)} again`, 'one row per hour and queue');
    q.set(hour, cell);
    if (cEvent >= 0 && (rec[cEvent] ?? '').trim() !== '') events.set(hour, (rec[cEvent] ?? '').trim());
    first = Math.min(first, hour);
    last = Math.max(last, hour);
  }
  const hours = last - first + 1;
  const names = [...byQueue.keys()].filter((n) => n !== 'all');
  const sources = names.length > 0 ? names : ['all'];
  const queues: QueueDemand[] = sources.map((name) => {
    const m = byQueue.get(name) as Map<number, Cell>;
    const q: QueueDemand = { name, forecast: [], p10: [], p50: [], p90: [] };
    for (let i = 0; i < hours; i++) {
      const c = m.get(first + i);
      if (!c) {
        throw new InputError({ file }, `no row for ${hourKeyFromNumber(first + i)} in queue ${describeValue(name)}`, 'one row per hour for every queue, without gaps');
      }
      q.forecast.push(c.f);
      q.p10.push(c.p10);
      q.p50.push(c.f);
      q.p90.push(c.p90);
    }
    return q;
  });
  return {
    timezone,
    startHour: hourKeyFromNumber(first),
    hours,
    queues,
    events: Array.from({ length: hours }, (_, i) => events.get(first + i) ?? ''),
  };
}

export function readForecastCsv(file: string, timezone: string): Demand {
  return parseForecastCsv(readTextFile(file, 'a readable forecast CSV'), file, timezone);
}
