/** At most max_days_per_week working days in ANY 7-day window (rolling, not calendar weeks). */
import { dateFromDayNumber } from '../../domain';
import { timelines, workedDays, type RosterRule, type Violation } from './context';

export const WINDOW_DAYS = 7;

/** Worked days (sorted day numbers) that fall in [from, to]. */
export function daysInWindow(days: readonly number[], from: number, to: number): number {
  let n = 0;
  for (const d of days) if (d >= from && d <= to) n += 1;
  return n;
}

export const maxDaysPerWeek: RosterRule = {
  name: 'max-days-per-week',
  reason: "an agent works at most max_days_per_week days in any 7 consecutive days",
  check(ctx) {
    const out: Violation[] = [];
    for (const [personId, list] of timelines(ctx.assignments)) {
      const agent = ctx.agents.get(personId);
      if (!agent) continue;
      const days = workedDays(list);
      const first = days[0];
      const last = days[days.length - 1];
      if (first === undefined || last === undefined) continue;
      for (let from = first; from <= last; from++) {
        const n = daysInWindow(days, from, from + WINDOW_DAYS - 1);
        if (n > agent.maxDaysPerWeek) {
          out.push({
            rule: this.name,
            date: dateFromDayNumber(from),
            personId,
            message: `${personId} works ${n} days in ${dateFromDayNumber(from)}..${dateFromDayNumber(from + WINDOW_DAYS - 1)}; at most ${agent.maxDaysPerWeek} allowed`,
          });
        }
      }
    }
    return out;
  },
};
