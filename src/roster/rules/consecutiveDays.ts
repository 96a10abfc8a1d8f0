/** At most maxConsecutiveDays working days in a row (agents and vendor seats). */
import { dateFromDayNumber } from '../../domain';
import { timelines, workedDays, type RosterRule, type Violation } from './context';

/** Length of the run of worked days ending on `day` (0 when `day` is not worked). */
export function runEndingOn(days: ReadonlySet<number>, day: number): number {
  let n = 0;
  while (days.has(day - n)) n += 1;
  return n;
}

export const maxConsecutiveDays: RosterRule = {
  name: 'max-consecutive-days',
  reason: 'at most 6 (roster.maxConsecutiveDays) working days in a row',
  check(ctx) {
    const out: Violation[] = [];
    const limit = ctx.limits.maxConsecutiveDays;
    for (const [personId, list] of timelines(ctx.assignments)) {
      const days = workedDays(list);
      const set = new Set(days);
      for (const d of days) {
        // Report each over-long run once, on the first day that breaks the limit.
        if (runEndingOn(set, d) === limit + 1) {
          out.push({
            rule: this.name,
            date: dateFromDayNumber(d),
            personId,
            message: `${personId} works ${limit + 1} days in a row up to ${dateFromDayNumber(d)}; at most ${limit} allowed`,
          });
        }
      }
    }
    return out;
  },
};
