/**
 * Candidate shifts for shift design: every whole-hour start in a pool's window,
 * every length from its minimum to its maximum, with the break its length
 * earns (design.breakAfterHours, design.breakMinutes) placed by the default
 * break window of config/shifts.ts. Starts are on the hour: the planner counts
 * coverage in whole hours from the starting hour (plan/horizon.ts), so a
 * half-hour start would be counted as if it began 30 minutes earlier.
 */
import { designOf, type Config, type DesignConfig, type PoolConfig, type ShiftConfig } from '../config';
import { parseClockMinutes } from '../domain';

/** The design limits in force for one pool. */
export interface PoolRules {
  pool: string;
  earliestHour: number;
  latestHour: number;
  minHours: number;
  maxHours: number;
  night: boolean;
  /** At most this many shift types for the pool, or null. */
  maxTypes: number | null;
}

export interface Candidate {
  shift: ShiftConfig;
  /** Start hour of day, length on the floor and paid hours. */
  startHour: number;
  hours: number;
  paidHours: number;
  /** Pools (by name) the rules allow on this shift. */
  pools: string[];
  /** A shift of the current menu (kept with its pools, offsets and dates as configured). */
  current: boolean;
}

export function poolRules(design: DesignConfig, pool: PoolConfig): PoolRules {
  const own = design.pools.find((p) => p.name === pool.name);
  const hour = (clock: string): number => Math.floor((parseClockMinutes(clock) ?? 0) / 60);
  return {
    pool: pool.name,
    earliestHour: hour(own?.earliestStart ?? design.earliestStart),
    latestHour: hour(own?.latestStart ?? design.latestStart),
    minHours: own?.minHours ?? design.minHours,
    maxHours: own?.maxHours ?? design.maxHours,
    night: own?.night ?? design.night,
    maxTypes: own?.maxTypes ?? null,
  };
}

/** Does a shift starting at `startHour` for `hours` hours touch the night window [from, to)? */
export function touchesNight(startHour: number, hours: number, night: readonly [number, number]): boolean {
  const [from, to] = night;
  if (from === to) return false;
  for (let k = 0; k < hours; k++) {
    const h = (startHour + k) % 24;
    if (from < to ? h >= from && h < to : h >= from || h < to) return true;
  }
  return false;
}

/** Unpaid break hours of a designed shift of `hours` hours. */
export function unpaidHours(design: DesignConfig, hours: number): number {
  return hours > design.breakAfterHours ? design.breakMinutes / 60 : 0;
}

/** Name of a designed shift: start and length, `0800-9h`. */
export function candidateName(startHour: number, hours: number): string {
  return `${String(startHour).padStart(2, '0')}00-${hours}h`;
}

/** Three-letter codes for the design model (never shown; the written config gets short codes). */
function internalCode(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${letters[Math.floor(i / 676) % 26]}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
}

/**
 * The current menu (as configured) followed by every designed candidate some
 * pool may work. A candidate identical to a current single-start shift is left
 * out (the current one stands for it).
 */
export function generateCandidates(config: Config): Candidate[] {
  const design = designOf(config);
  const rules = config.pools.map((p) => poolRules(design, p));
  const out: Candidate[] = config.shifts.map((shift) => {
    const clock = parseClockMinutes(shift.start) ?? 0;
    return {
      shift,
      startHour: Math.floor(clock / 60),
      hours: shift.hours,
      paidHours: shift.paidHours ?? shift.hours,
      pools: config.pools.filter((p) => !p.shifts || p.shifts.includes(shift.name)).map((p) => p.name),
      current: true,
    };
  });
  const taken = new Set(config.shifts.map((s) => s.name));
  const same = (startHour: number, hours: number, paid: number): boolean =>
    config.shifts.some((s) => !s.onlyOn && !s.breaks && s.startOffsets.length === 1 && s.startOffsets[0] === 0 && s.start === `${String(startHour).padStart(2, '0')}:00` && s.hours === hours && (s.paidHours ?? s.hours) === paid);
  const minLength = Math.min(...rules.map((r) => r.minHours));
  const maxLength = Math.max(...rules.map((r) => r.maxHours));
  let code = 0;
  for (let startHour = 0; startHour < 24; startHour++) {
    for (let hours = minLength; hours <= maxLength; hours++) {
      const night = touchesNight(startHour, hours, config.nightHours);
      const pools = rules
        .filter((r) => startHour >= r.earliestHour && startHour <= r.latestHour && hours >= r.minHours && hours <= r.maxHours && (r.night || !night))
        .map((r) => r.pool);
      if (pools.length === 0) continue;
      const paidHours = hours - unpaidHours(design, hours);
      if (same(startHour, hours, paidHours)) continue;
      const name = candidateName(startHour, hours);
      if (taken.has(name)) continue;
      const shift: ShiftConfig = { name, code: internalCode(code++), start: `${String(startHour).padStart(2, '0')}:00`, hours, startOffsets: [0] };
      if (paidHours < hours) shift.paidHours = paidHours;
      out.push({ shift, startHour, hours, paidHours, pools, current: false });
    }
  }
  return out;
}

/** The config the design model runs on: the given shifts, each pool allowed on the candidates that list it. */
export function configWithCandidates(config: Config, candidates: readonly Candidate[]): Config {
  return {
    ...config,
    shifts: candidates.map((c) => c.shift),
    pools: config.pools.map((p) => ({ ...p, shifts: candidates.filter((c) => c.pools.includes(p.name)).map((c) => c.shift.name) })),
  };
}
