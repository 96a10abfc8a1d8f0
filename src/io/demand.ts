/**
 * The forecast CSV (DESIGN.md): `timestamp,queue,forecast,p10,p90,event`.
 * One row per hour per queue, then a row with queue `all` carrying the hour's
 * total (the sum of the queues). Written with fixed decimals so output is
 * byte-stable; read back with located errors.
 */
import { InputError, describeValue, hourKeyFromNumber, hourNumber, type Demand, type QueueDemand } from '../domain';
import { MAX_COUNT_PER_ROW, MAX_FORECAST_DAYS, MAX_YEAR, MIN_YEAR, groupedInt } from '../domain/limits';
import { csvCell, fixedDigits } from '../report/format';
import { stripBom } from './encoding';
import { readTextFile } from './files';
import { forEachCsvRecord, normalizeNewlines } from './csv';

export const FORECAST_HEADER = ['timestamp', 'queue', 'forecast', 'p10', 'p90', 'event'] as const;

/** Round to 2 decimals for output. */
export function fixed2(value: number): string {
  return fixedDigits(value, 2);
}

export function formatForecastCsv(demand: Demand): string {
  const lines: string[] = [FORECAST_HEADER.join(',')];
  const start = hourNumber(demand.startHour);
  const names = demand.queues.map((q) => csvCell(q.name));
  for (let i = 0; i < demand.hours; i++) {
    const ts = hourKeyFromNumber(start + i);
    const event = csvCell(demand.events[i] ?? '');
    let f = 0;
    let lo = 0;
    let hi = 0;
    demand.queues.forEach((q, k) => {
      const qf = q.forecast[i] ?? 0;
      const q10 = q.p10[i] ?? 0;
      const q90 = q.p90[i] ?? 0;
      f += qf;
      lo += q10;
      hi += q90;
      lines.push(`${ts},${names[k] as string},${fixed2(qf)},${fixed2(q10)},${fixed2(q90)},${event}`);
    });
    // The total's band is the sum of the queue bands: a conservative (comonotone) band.
    lines.push(`${ts},all,${fixed2(f)},${fixed2(lo)},${fixed2(hi)},${event}`);
  }
  return `${lines.join('\n')}\n`;
}


const TS_RE = /^(\d{4})-\d{2}-\d{2}T\d{2}:00$/;

/** A timestamp cell `YYYY-MM-DDTHH:00` within the accepted years, as an hour number. */
export function hourCell(text: string, at: { file: string; line: number; column: number }): number {
  const m = TS_RE.exec(text);
  if (!m) throw new InputError(at, `timestamp ${describeValue(text)}`, 'an hour like 2026-06-18T10:00');
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new InputError(at, `timestamp ${describeValue(text)} in the year ${year}`, `a date from ${MIN_YEAR} to ${MAX_YEAR}`);
  const hour = hourNumber(text);
  if (hourKeyFromNumber(hour) !== text) throw new InputError(at, `timestamp ${describeValue(text)} (no such date or hour)`, 'an hour like 2026-06-18T10:00');
  return hour;
}

/** The span cap of a forecast or requirements file: a row that stretches it past MAX_FORECAST_DAYS is named. */
export function checkHourSpan(first: number, last: number, hour: number, at: { file: string; line: number; column: number }): void {
  const from = Math.min(first, hour);
  const to = Math.max(last, hour);
  if (to - from + 1 > MAX_FORECAST_DAYS * 24) {
    throw new InputError(at, `a row at ${hourKeyFromNumber(hour)}, making the file span ${groupedInt((to - from + 1) / 24)} days`, `at most ${MAX_FORECAST_DAYS} days of hours`);
  }
}

/**
 * Parse a forecast CSV. Rows with queue `all` are checked against the sum of
 * the queues but otherwise ignored; p50 is taken equal to the forecast.
 */
export function parseForecastCsv(text: string, file: string, timezone: string): Demand {
  let header: string[] | undefined;
  const col = (name: string): number => (header as string[]).indexOf(name);
  let cTs = -1;
  let cQueue = -1;
  let cF = -1;
  let c10 = -1;
  let c90 = -1;
  let cEvent = -1;
  interface Cell { f: number; p10: number; p90: number }
  const byQueue = new Map<string, Map<number, Cell>>();
  const events = new Map<number, string>();
  let first = Infinity;
  let last = -Infinity;
  let rows = 0;
  forEachCsvRecord(normalizeNewlines(stripBom(text, file)), file, ',', (rec, line) => {
    if (header === undefined) {
      header = rec.map((h) => h.trim().toLowerCase());
      for (const name of ['timestamp', 'forecast', 'p10', 'p90']) {
        if (col(name) < 0) {
          throw new InputError({ file, line, column: 1 }, `header ${describeValue(header.join(','))}`, `a forecast CSV header ${FORECAST_HEADER.join(',')}`);
        }
      }
      [cTs, cQueue, cF, c10, c90, cEvent] = ['timestamp', 'queue', 'forecast', 'p10', 'p90', 'event'].map(col) as [number, number, number, number, number, number];
      return;
    }
    rows += 1;
    const ts = (rec[cTs] ?? '').trim();
    const at = { file, line, column: cTs + 1 };
    const hour = hourCell(ts, at);
    checkHourSpan(first, last, hour, at);
    const queue = cQueue >= 0 ? (rec[cQueue] ?? '').trim() : 'all';
    if (queue === '') throw new InputError({ file, line, column: cQueue + 1 }, 'an empty queue', 'a queue name');
    const num = (c: number, name: string): number => {
      const t = (rec[c] ?? '').trim();
      const v = Number(t);
      if (t === '' || !Number.isFinite(v) || v < 0 || v > MAX_COUNT_PER_ROW) {
        throw new InputError({ file, line, column: c + 1 }, `${name} ${describeValue(t)}`, `a number from 0 to ${groupedInt(MAX_COUNT_PER_ROW)}`);
      }
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
  });
  if (header === undefined) throw new InputError({ file, line: 1, column: 1 }, 'an empty file', `a forecast CSV header ${FORECAST_HEADER.join(',')}`);
  if (rows === 0) throw new InputError({ file, line: 2, column: 1 }, 'no data rows', 'at least one forecast row');
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
