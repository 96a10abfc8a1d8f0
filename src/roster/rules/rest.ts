/** Rest between shifts: one shift a day, and at least minRestHours between two shifts. */
import { minuteNumber, timelines, type RosterRule, type Violation } from './context';

/** True when a shift starting at `nextStartMinute` leaves enough rest after one ending at `prevEndMinute`. */
export function restAllows(prevEndMinute: number | undefined, nextStartMinute: number, minRestHours: number): boolean {
  return prevEndMinute === undefined || nextStartMinute - prevEndMinute >= minRestHours * 60;
}

export const oneShiftPerDay: RosterRule = {
  name: 'one-shift-per-day',
  reason: 'a person works at most one shift starting on any date',
  check(ctx) {
    const out: Violation[] = [];
    for (const [personId, list] of timelines(ctx.assignments)) {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (prev && cur && prev.date === cur.date) {
          out.push({ rule: this.name, date: cur.date, personId, message: `${personId} has two shifts on ${cur.date} (${prev.shift} and ${cur.shift})` });
        }
      }
    }
    return out;
  },
};

export const minRest: RosterRule = {
  name: 'min-rest',
  reason: 'at least 11 h (roster.minRestHours) off between the end of one shift and the start of the next',
  check(ctx) {
    const out: Violation[] = [];
    for (const [personId, list] of timelines(ctx.assignments)) {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (!prev || !cur || prev.date === cur.date) continue;
        if (!restAllows(minuteNumber(prev.end), minuteNumber(cur.start), ctx.limits.minRestHours)) {
          const hours = (minuteNumber(cur.start) - minuteNumber(prev.end)) / 60;
          out.push({
            rule: this.name,
            date: cur.date,
            personId,
            message: `${personId} rests ${hours} h between ${prev.shift} ending ${prev.end} and ${cur.shift} starting ${cur.start}; at least ${ctx.limits.minRestHours} h required`,
          });
        }
      }
    }
    return out;
  },
};
