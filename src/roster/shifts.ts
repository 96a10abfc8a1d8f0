/** Facts about configured shifts that the labour rules need. */
import { NIGHT_OK_END_HOUR, type Config, type ShiftConfig } from '../config';
import { dayNumber, parseClockMinutes } from '../domain';

/** Hours 00:00-06:00: a shift working any of them is a night shift (night_ok rule). */
export const NIGHT_HOURS_END = NIGHT_OK_END_HOUR;

/** True when any start offset of the shift works an hour between 00:00 and 06:00. */
export function isNightShift(shift: ShiftConfig): boolean {
  const startHour = Math.floor((parseClockMinutes(shift.start) ?? 0) / 60);
  for (const offset of shift.startOffsets) {
    for (let h = 0; h < shift.hours; h++) {
      if ((startHour + offset + h) % 24 < NIGHT_HOURS_END) return true;
    }
  }
  return false;
}

/**
 * True when the local time span [start, end) (`YYYY-MM-DDTHH:MM`) works any
 * minute between 00:00 and 06:00, overtime included.
 */
export function reachesNight(start: string, end: string): boolean {
  const from = dayNumber(start.slice(0, 10)) * 1440 + (parseClockMinutes(start.slice(11, 16)) ?? 0);
  const to = dayNumber(end.slice(0, 10)) * 1440 + (parseClockMinutes(end.slice(11, 16)) ?? 0);
  for (let day = Math.floor(from / 1440); day * 1440 < to; day++) {
    const nightFrom = day * 1440;
    const nightTo = nightFrom + NIGHT_HOURS_END * 60;
    if (from < nightTo && to > nightFrom) return true;
  }
  return false;
}

/** Names of the night shifts in the config. */
export function nightShiftNames(config: Pick<Config, 'shifts'>): Set<string> {
  return new Set(config.shifts.filter(isNightShift).map((s) => s.name));
}

/** Shift names a pool may work (all shifts when the pool lists none). */
export function poolShiftNames(config: Pick<Config, 'shifts' | 'pools'>, poolName: string): string[] {
  const pool = config.pools.find((p) => p.name === poolName);
  const all = config.shifts.map((s) => s.name);
  if (!pool || !pool.shifts) return all;
  return all.filter((n) => pool.shifts?.includes(n));
}
