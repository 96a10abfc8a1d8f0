/**
 * The planning horizon as the model sees it: horizon hours (every hour of the
 * dates from start to end), the candidate shift starts (date x shift x start
 * offset) that cover at least one of those hours, and the queues with the
 * figures the model needs.
 *
 * A night shift crosses midnight: one starting at 22:00 covers 22:00-23:00 of its
 * date and the early hours of the next. So the night shift that starts the
 * evening before the horizon is a candidate too (it covers the first morning),
 * and the last evening's night shift is paid in full though only its first
 * hours fall inside the horizon.
 */
import type { Config, ShiftConfig } from '../config';
import { UsageError, addDays, dateFromDayNumber, dayNumber, hourKeyFromNumber, hourNumber, parseClockMinutes, type Requirement } from '../domain';

export interface ShiftStart {
  /** Date the shift starts on. */
  date: string;
  /** Index into `Horizon.dates`. */
  dayIndex: number;
  shiftIndex: number;
  shift: ShiftConfig;
  /** Start offset in hours after the shift's nominal start, and its rank in the shift's list. */
  offset: number;
  offsetRank: number;
  /** Absolute wall-clock hour number of the first hour (see domain/time.ts). */
  startHour: number;
  /** Minutes past the hour of the start (coverage counts the shift from its starting hour). */
  startMinute: number;
  /** Horizon hour indices (0 = start date 00:00) the shift covers. */
  coveredHours: number[];
  paidHours: number;
  /** Shift hours that fall in the night window (config.nightHours). */
  nightHours: number;
}

export interface PlanQueue {
  name: string;
  ahtSeconds: number;
  concurrency: number;
  maxOccupancy: number;
  /**
   * Productive agent-hours one inquiry takes at maximum occupancy:
   * ahtSeconds / (3600 x concurrency x maxOccupancy).
   */
  agentHoursPerInquiry: number;
}

export interface Horizon {
  start: string;
  end: string;
  /** Dates shifts may start on: the horizon dates, preceded by the evening(s) whose night shifts reach into it. */
  dates: string[];
  /** Index in `dates` of the horizon's first date. */
  firstHorizonDay: number;
  /** Absolute hour number of `start` 00:00. */
  firstHour: number;
  /** Horizon hours: 24 per horizon date. */
  hours: number;
  starts: ShiftStart[];
  queues: PlanQueue[];
  /** Productive agents needed, [queue][hour]. */
  required: number[][];
  /** Inquiries offered, [queue][hour]. */
  inquiries: number[][];
}

export function isNightHour(hourOfDay: number, night: readonly [number, number]): boolean {
  const [from, to] = night;
  if (from === to) return false;
  return from < to ? hourOfDay >= from && hourOfDay < to : hourOfDay >= from || hourOfDay < to;
}

/** Horizon hour index → `YYYY-MM-DDTHH:00`. */
export function hourKey(horizon: Horizon, hour: number): string {
  return hourKeyFromNumber(horizon.firstHour + hour);
}

/** Date of horizon hour `hour`. */
export function dateOfHour(horizon: Horizon, hour: number): string {
  return dateFromDayNumber(Math.floor((horizon.firstHour + hour) / 24));
}

export function buildHorizon(config: Config, requirement: Requirement, start: string, end: string): Horizon {
  if (end < start) throw new UsageError(`the plan end ${end} is before its start ${start}`);
  const horizonDays = dayNumber(end) - dayNumber(start) + 1;
  const hours = horizonDays * 24;
  const firstHour = hourNumber(`${start}T00:00`);
  const reqStart = hourNumber(requirement.startHour);
  const offset = firstHour - reqStart;
  if (offset < 0 || offset + hours > requirement.hours) {
    throw new UsageError(
      `the requirements cover ${requirement.startHour} to ${hourKeyFromNumber(reqStart + requirement.hours - 1)}, but the plan ${start}..${end} needs every hour from ${start}T00:00 to ${end}T23:00`,
      'pass --start/--end inside the requirements, or requirements for the whole horizon',
    );
  }

  const queues: PlanQueue[] = [];
  const required: number[][] = [];
  const inquiries: number[][] = [];
  for (const rq of requirement.queues) {
    const qc = config.queues.find((q) => q.name === rq.name) ?? (requirement.queues.length === 1 && config.queues.length === 1 ? config.queues[0] : undefined);
    if (!qc) {
      throw new UsageError(`the requirements have queue "${rq.name}", which is not in config.queues (${config.queues.map((q) => q.name).join(', ')})`);
    }
    queues.push({
      name: rq.name,
      ahtSeconds: qc.ahtSeconds,
      concurrency: qc.concurrency,
      maxOccupancy: qc.maxOccupancy,
      agentHoursPerInquiry: qc.ahtSeconds / (3600 * qc.concurrency * qc.maxOccupancy),
    });
    const req: number[] = [];
    const inq: number[] = [];
    for (let h = 0; h < hours; h++) {
      const cell = rq.cells[offset + h];
      req.push(Math.max(0, cell?.agents ?? 0));
      inq.push(Math.max(0, cell?.inquiries ?? 0));
    }
    required.push(req);
    inquiries.push(inq);
  }

  // Evenings before the start whose shifts still reach into the horizon.
  let lookBack = 0;
  for (const shift of config.shifts) {
    const first = Math.floor((parseClockMinutes(shift.start) ?? 0) / 60);
    for (const off of shift.startOffsets) lookBack = Math.max(lookBack, Math.floor((first + off + shift.hours - 1) / 24));
  }
  const dates: string[] = [];
  for (let d = -lookBack; d < horizonDays; d++) dates.push(addDays(start, d));

  const starts: ShiftStart[] = [];
  dates.forEach((date, dayIndex) => {
    config.shifts.forEach((shift, shiftIndex) => {
      const clock = parseClockMinutes(shift.start) ?? 0;
      const first = Math.floor(clock / 60);
      shift.startOffsets.forEach((off, offsetRank) => {
        const startHour = hourNumber(`${date}T00:00`) + first + off;
        const coveredHours: number[] = [];
        let nightHours = 0;
        for (let k = 0; k < shift.hours; k++) {
          const abs = startHour + k;
          if (isNightHour(((abs % 24) + 24) % 24, config.nightHours)) nightHours += 1;
          const h = abs - firstHour;
          if (h >= 0 && h < hours) coveredHours.push(h);
        }
        if (coveredHours.length === 0) return;
        starts.push({ date, dayIndex, shiftIndex, shift, offset: off, offsetRank, startHour, startMinute: clock % 60, coveredHours, paidHours: shift.paidHours ?? shift.hours, nightHours });
      });
    });
  });
  return { start, end, dates, firstHorizonDay: lookBack, firstHour, hours, starts, queues, required, inquiries };
}
