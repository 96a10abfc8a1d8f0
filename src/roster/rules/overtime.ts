/** At most the pool's overtime.maxHoursPerWeek overtime hours in ANY 7-day window. */
import { dateFromDayNumber, dayNumber } from '../../domain';
import { timelines, type RosterRule, type Violation } from './context';
import { WINDOW_DAYS } from './weeklyDays';

/** Overtime hours of `days` (day number → hours) that fall in [from, to]. */
export function overtimeInWindow(days: ReadonlyMap<number, number>, from: number, to: number): number {
  let n = 0;
  for (const [d, hours] of days) if (d >= from && d <= to) n += hours;
  return n;
}

export const maxOvertimePerWeek: RosterRule = {
  name: 'max-overtime-per-week',
  reason: 'an agent works at most the pool\'s overtime.maxHoursPerWeek overtime hours in any 7 consecutive days',
  check(ctx) {
    const out: Violation[] = [];
    for (const [personId, list] of timelines(ctx.assignments)) {
      const agent = ctx.agents.get(personId);
      if (!agent) continue;
      const cap = ctx.overtimeCaps.get(agent.pool) ?? 0;
      const days = new Map<number, number>();
      for (const a of list) if (a.overtimeHours) days.set(dayNumber(a.date), (days.get(dayNumber(a.date)) ?? 0) + a.overtimeHours);
      if (days.size === 0) continue;
      const first = Math.min(...days.keys());
      const last = Math.max(...days.keys());
      for (let from = first - WINDOW_DAYS + 1; from <= last; from++) {
        const n = overtimeInWindow(days, from, from + WINDOW_DAYS - 1);
        if (n > cap) {
          out.push({
            rule: this.name,
            date: dateFromDayNumber(from),
            personId,
            message: `${personId} works ${n} overtime hours in ${dateFromDayNumber(from)}..${dateFromDayNumber(from + WINDOW_DAYS - 1)}; at most ${cap} allowed`,
          });
          break;
        }
      }
    }
    return out;
  },
};
