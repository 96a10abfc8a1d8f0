/** Small hand-built plans for the roster tests. */
import { parseConfig, type Config } from '../../src/config';
import { addDays, formatClock, parseClockMinutes, type ShiftLine } from '../../src/domain';
import type { Agent } from '../../src/roster';

export const config: Config = parseConfig({
  pools: [
    { name: 'in-house', kind: 'inhouse', headcount: 10, hourlyCost: 30, maxDaysPerWeek: 5 },
    { name: 'vendor-a', kind: 'vendor', pricing: { model: 'perHour', rate: 30 } },
    { name: 'vendor-b', kind: 'vendor', pricing: { model: 'perSeatShift', rate: 260 } },
  ],
});

/** A planned line of `agents` on `shiftName` starting `offset` hours late. */
export function line(date: string, shiftName: string, agents: number, pool = 'in-house', offset = 0, cost = 0): ShiftLine {
  const shift = config.shifts.find((s) => s.name === shiftName);
  if (!shift) throw new Error(`no shift ${shiftName}`);
  const startMinutes = (parseClockMinutes(shift.start) ?? 0) + offset * 60;
  const endMinutes = startMinutes + shift.hours * 60;
  const start = `${addDays(date, Math.floor(startMinutes / 1440))}T${formatClock(startMinutes)}`;
  const end = `${addDays(date, Math.floor(endMinutes / 1440))}T${formatClock(endMinutes)}`;
  return { date, shift: shift.name, code: shift.code, start, end, pool, queue: null, agents, cost };
}

export function agent(id: string, over: Partial<Agent> = {}): Agent {
  return { id, name: `Name ${id}`, pool: 'in-house', shifts: null, nightOk: true, maxDaysPerWeek: 5, unavailable: [], ...over };
}

export function days(start: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(start, i));
}
