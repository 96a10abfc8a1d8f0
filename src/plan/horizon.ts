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
import { breaksOf, breakStarts, DATE_RANGE_RE, DATE_RE, NIGHT_OK_END_HOUR, paidHoursOf, serviceFloorOf, type Config, type QueueConfig, type ShiftConfig } from '../config';
import { occurrences, resolveEvents } from '../calendar';
import { UsageError, addDays, dateFromDayNumber, dayNumber, hourKeyFromNumber, hourNumber, parseClockMinutes, type Requirement, type VolumeOutcome } from '../domain';
import { floorAgents } from '../staffing';

/** One break of a shift start: its length and the whole-hour offsets from the shift start it may begin at. */
export interface StartBreak {
  minutes: number;
  starts: number[];
}

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
  /** Relative hour (0 = the starting hour) of each entry of `coveredHours`. */
  coveredOffsets: number[];
  /** Hours on shift, overtime included. */
  hours: number;
  /** Paid hours, overtime included. */
  paidHours: number;
  /** Hours of overtime added to the shift (0 for the plain shift). */
  overtimeHours: number;
  /** Shift hours that fall in the night window (config.nightHours). */
  nightHours: number;
  /** Works an hour between 00:00 and NIGHT_OK_END_HOUR (overtime included): only agents with night_ok may. */
  reachesNight: boolean;
  breaks: StartBreak[];
}

export interface PlanQueue {
  name: string;
  /** The queue's config entry (targets, patience), for the shortage price and the floor. */
  config: QueueConfig;
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
  /** Productive agents that reach the hourly service floor, [queue][hour] (<= required). */
  floors: number[][];
  /** Inquiries offered, [queue][hour]. */
  inquiries: number[][];
  /** The volumes each queue-hour may bring (forecast.hedge), [queue][hour]; null: priced at `inquiries`. */
  outcomes: Array<Array<VolumeOutcome[] | null>>;
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
  const floors: number[][] = [];
  const inquiries: number[][] = [];
  const outcomes: Array<Array<VolumeOutcome[] | null>> = [];
  for (const rq of requirement.queues) {
    const qc = config.queues.find((q) => q.name === rq.name) ?? (requirement.queues.length === 1 && config.queues.length === 1 ? config.queues[0] : undefined);
    if (!qc) {
      throw new UsageError(`the requirements have queue "${rq.name}", which is not in config.queues (${config.queues.map((q) => q.name).join(', ')})`);
    }
    queues.push({
      name: rq.name,
      config: qc,
      ahtSeconds: qc.ahtSeconds,
      concurrency: qc.concurrency,
      maxOccupancy: qc.maxOccupancy,
      agentHoursPerInquiry: qc.ahtSeconds / (3600 * qc.concurrency * qc.maxOccupancy),
    });
    const req: number[] = [];
    const inq: number[] = [];
    const floor: number[] = [];
    const band: Array<VolumeOutcome[] | null> = [];
    const level = serviceFloorOf(qc);
    for (let h = 0; h < hours; h++) {
      const cell = rq.cells[offset + h];
      band.push(cell?.outcomes ?? null);
      const need = Math.max(0, cell?.agents ?? 0);
      const volume = Math.max(0, cell?.inquiries ?? 0);
      req.push(need);
      inq.push(volume);
      floor.push(Math.min(need, cell?.floorAgents ?? floorAgents(qc, volume, level)));
    }
    required.push(req);
    inquiries.push(inq);
    floors.push(floor);
    outcomes.push(band);
  }

  // Evenings before the start whose shifts still reach into the horizon (overtime included).
  const maxOvertime = maxOvertimeHours(config);
  let lookBack = 0;
  for (const shift of config.shifts) {
    const first = Math.floor((parseClockMinutes(shift.start) ?? 0) / 60);
    for (const off of shift.startOffsets) lookBack = Math.max(lookBack, Math.floor((first + off + shift.hours + maxOvertime - 1) / 24));
  }
  const dates: string[] = [];
  for (let d = -lookBack; d < horizonDays; d++) dates.push(addDays(start, d));
  const allowed = config.shifts.map((shift) => allowedDates(config, shift, addDays(start, -lookBack - 1), addDays(end, 1)));

  const starts: ShiftStart[] = [];
  dates.forEach((date, dayIndex) => {
    config.shifts.forEach((shift, shiftIndex) => {
      const clock = parseClockMinutes(shift.start) ?? 0;
      const first = Math.floor(clock / 60);
      const onDates = allowed[shiftIndex];
      const breaks = breaksOf(shift).map((b) => ({ minutes: b.minutes, starts: breakStarts(b) }));
      shift.startOffsets.forEach((off, offsetRank) => {
        const startHour = hourNumber(`${date}T00:00`) + first + off;
        for (let overtime = 0; overtime <= maxOvertime; overtime++) {
          const length = shift.hours + overtime;
          const coveredHours: number[] = [];
          const coveredOffsets: number[] = [];
          let nightHours = 0;
          let reachesNight = false;
          let onAllowedDate = onDates === null;
          for (let k = 0; k < length; k++) {
            const abs = startHour + k;
            if (isNightHour(((abs % 24) + 24) % 24, config.nightHours)) nightHours += 1;
            if (((abs % 24) + 24) % 24 < NIGHT_OK_END_HOUR) reachesNight = true;
            if (onDates && onDates.has(dateFromDayNumber(Math.floor(abs / 24)))) onAllowedDate = true;
            const h = abs - firstHour;
            if (h >= 0 && h < hours) {
              coveredHours.push(h);
              coveredOffsets.push(k);
            }
          }
          if (coveredHours.length === 0 || !onAllowedDate) continue;
          starts.push({
            date,
            dayIndex,
            shiftIndex,
            shift,
            offset: off,
            offsetRank,
            startHour,
            startMinute: clock % 60,
            coveredHours,
            coveredOffsets,
            hours: length,
            paidHours: paidHoursOf(shift) + overtime,
            overtimeHours: overtime,
            nightHours,
            reachesNight,
            breaks,
          });
        }
      });
    });
  });
  return { start, end, dates, firstHorizonDay: lookBack, firstHour, hours, starts, queues, required, floors, inquiries, outcomes };
}

/** The longest overtime extension any pool may add to a shift. */
export function maxOvertimeHours(config: Pick<Config, 'pools'>): number {
  let most = 0;
  for (const pool of config.pools) if (pool.kind === 'inhouse' && pool.overtime) most = Math.max(most, pool.overtime.maxHoursPerShift);
  return most;
}

/**
 * Dates a shift limited by `onlyOn` may be worked on, within [from, to]; null
 * when the shift is not limited. An event name stands for the anchor day of
 * each of its occurrences (the day itself, not its whole promotion window).
 */
export function allowedDates(config: Config, shift: ShiftConfig, from: string, to: string): Set<string> | null {
  if (!shift.onlyOn) return null;
  const out = new Set<string>();
  const defs = resolveEvents(config);
  for (const entry of shift.onlyOn) {
    const range = DATE_RANGE_RE.exec(entry);
    if (range) {
      for (let d = range[1] as string; d <= (range[2] as string); d = addDays(d, 1)) out.add(d);
    } else if (DATE_RE.test(entry)) {
      out.add(entry);
    } else {
      const def = defs.find((x) => x.name === entry);
      if (!def) continue;
      for (const occ of occurrences(def, from, to)) out.add(occ.anchor);
    }
  }
  return out;
}

/**
 * Share of relative hour `hourOffset` of a shift spent on a break that starts
 * `breakStart` whole hours after the shift start and lasts `minutes`.
 */
export function breakOverlap(breakStart: number, minutes: number, hourOffset: number): number {
  const from = Math.max(hourOffset * 60, breakStart * 60);
  const to = Math.min(hourOffset * 60 + 60, breakStart * 60 + minutes);
  return Math.max(0, to - from) / 60;
}
