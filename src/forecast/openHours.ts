/**
 * Open and closed hours of the week. A bank answers nothing at night or on
 * weekends: those hours are absent from its export (or zero), and they are
 * closed, not missing. An hour of the week is closed when it had volume on
 * at most 2% of the dates of its weekday that have any data; a weekday is
 * closed all day when it has data on fewer than half as many dates as the
 * weekday with the most (so a gap in the export closes nothing). Nothing is
 * closed on fewer than 4 dates of evidence.
 */
import { hourNumber, type History } from '../domain';
import { toDaySeries, weekdayIndex, type DaySeries } from './series';

/** Share of a weekday's dates with data an hour may have volume on and still be closed. */
export const CLOSED_MAX_SHARE = 0.02;
/** Dates of a weekday needed before any of its hours is judged closed (fewer: all open). */
export const MIN_WEEKS_TO_CLOSE = 4;

/** open[w * 24 + h] = 1 when weekday w (Monday 0) is open at hour h, judged on series days [from, end). */
export function openWeekHours(s: DaySeries, from: number, end: number): Uint8Array {
  const dated = new Float64Array(7);
  const positive = new Float64Array(7 * 24);
  for (let d = Math.max(0, from); d < Math.min(end, s.days); d++) {
    const w = weekdayIndex(s.firstDay + d);
    let any = false;
    for (let h = 0; h < 24; h++) {
      const v = s.y[d * 24 + h] as number;
      if (Number.isNaN(v)) continue;
      any = true;
      if (v > 0) positive[w * 24 + h] = (positive[w * 24 + h] as number) + 1;
    }
    if (any) dated[w] = (dated[w] as number) + 1;
  }
  const most = Math.max(...dated);
  const open = new Uint8Array(7 * 24);
  for (let w = 0; w < 7; w++) {
    const n = dated[w] as number;
    if (most >= MIN_WEEKS_TO_CLOSE && n < 0.5 * most) continue;
    for (let h = 0; h < 24; h++) if (n < MIN_WEEKS_TO_CLOSE || (positive[w * 24 + h] as number) > CLOSED_MAX_SHARE * n) open[w * 24 + h] = 1;
  }
  return open;
}

export interface ClosedSplit {
  /** Hour slots at closed hours of the week (absent or zero there). */
  closedHours: number;
  /** Hour slots with no data at open hours of the week. */
  missingHours: number;
  /** Open hours per weekday, Monday first, as `HH-HH` ranges (`closed` for a closed day). */
  openHours: string[];
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Open ranges of one weekday: `07-22`, `00-24`, `08-12,13-18`; `closed` when none. */
function ranges(open: Uint8Array, w: number): string {
  const out: string[] = [];
  for (let h = 0; h < 24; h++) {
    if (!open[w * 24 + h] || (h > 0 && open[w * 24 + h - 1])) continue;
    let e = h;
    while (e < 24 && open[w * 24 + e]) e++;
    out.push(`${String(h).padStart(2, '0')}-${String(e).padStart(2, '0')}`);
  }
  return out.length > 0 ? out.join(',') : 'closed';
}

/**
 * Split a history's empty hour slots into closed hours (an hour of the week
 * that never has volume, judged on the whole history and the total of all
 * queues) and missing ones (the history's missing hours at open hours).
 */
export function closedSplit(history: History): ClosedSplit {
  const start = hourNumber(history.startHour);
  const total = new Array<number | null>(history.hours).fill(null);
  for (const q of history.queues) q.values.forEach((v, i) => v !== null && (total[i] = (total[i] ?? 0) + v));
  const s = toDaySeries(total, start);
  const open = openWeekHours(s, 0, s.days);
  let closedHours = 0;
  let absentClosed = 0;
  for (let i = 0; i < history.hours; i++) {
    const hour = start + i;
    const w = weekdayIndex(Math.floor(hour / 24));
    if (open[w * 24 + (((hour % 24) + 24) % 24)] === 1) continue;
    const v = total[i];
    if (v === null || v === undefined || v === 0) closedHours += 1;
    if (v === null || v === undefined) absentClosed += 1;
  }
  return { closedHours, missingHours: Math.max(0, history.missingHours - absentClosed), openHours: WEEKDAY_NAMES.map((name, w) => `${name} ${ranges(open, w)}`) };
}
