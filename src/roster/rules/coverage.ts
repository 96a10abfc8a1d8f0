/** Exactly the planned number of people on every planned shift line, and no seat left empty. */
import type { ShiftLine } from '../../domain';
import { UNFILLED, type RosterAssignment } from '../types';
import type { RosterRule, Violation } from './context';

/** Identity of a shift line (and of the assignments that fill it): overtime and surge lines have their own. */
export function lineKey(x: Pick<ShiftLine, 'date' | 'shift' | 'start' | 'end' | 'pool' | 'queue' | 'surge'>): string {
  return `${x.date}|${x.shift}|${x.start}|${x.pool}|${x.queue ?? ''}|${x.end}|${x.surge ? 'surge' : ''}`;
}

export const plannedCount: RosterRule = {
  name: 'planned-count',
  reason: 'every planned shift line gets exactly its planned number of people (unfilled seats included)',
  check(ctx) {
    const out: Violation[] = [];
    const counts = new Map<string, number>();
    for (const a of ctx.assignments) counts.set(lineKey(a), (counts.get(lineKey(a)) ?? 0) + 1);
    const planned = new Map<string, ShiftLine>();
    for (const line of ctx.lines) {
      if (line.agents <= 0) continue;
      const key = lineKey(line);
      planned.set(key, line);
      const n = counts.get(key) ?? 0;
      if (n !== line.agents) {
        out.push({ rule: this.name, date: line.date, personId: '', message: `${line.pool} ${line.shift} starting ${line.start}: ${n} rostered, ${line.agents} planned` });
      }
    }
    for (const [key, n] of counts) {
      if (!planned.has(key)) {
        const [date = '', shift, start, pool] = key.split('|');
        out.push({ rule: this.name, date, personId: '', message: `${pool} ${shift} starting ${start}: ${n} rostered, none planned` });
      }
    }
    return out;
  },
};

export const seatsFilled: RosterRule = {
  name: 'seats-filled',
  reason: 'every planned seat has a named agent or vendor seat',
  check(ctx) {
    return ctx.assignments
      .filter((a: RosterAssignment) => a.personId === UNFILLED)
      .map((a): Violation => ({ rule: this.name, date: a.date, personId: '', message: `${a.pool} ${a.shift} starting ${a.start} has an UNFILLED seat` }));
  },
};
