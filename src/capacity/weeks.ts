/**
 * The capacity plan's weeks: 7-day blocks from `from` (the last one may be
 * shorter, ending on `until`), each with what the hourly requirement asks of
 * it. The requirement is the staffing stage's (computeRequirements, the same
 * Erlang sizing the shift plan covers); it is summed here, not sized again.
 *
 * - requiredProductiveHours: productive agent-hours the queues need.
 * - vendorOnlyProductiveHours: the part in hours of the day no in-house shift
 *   covers (an in-house pool that never works nights cannot be hired for them).
 * - loss: what missing required productive agent-hours cost, as the shift plan
 *   prices them (staffing/shortage.ts: inquiries not answered in time x the
 *   queue's cost per lost inquiry). Per queue-hour the loss curve is taken at
 *   R, 3R/4, R/2, R/4 and 0 agents (R = required); the chunks of all the
 *   week's queue-hours, cheapest first, are folded into LOSS_SEGMENTS convex
 *   segments: a short week loses its least valuable agent-hours first, as a
 *   plan would.
 */
import { lostInquiryCost, shiftHoursOfDay, type Config } from '../config';
import { addDays, dateFromDayNumber, dayNumber, hourNumber, isValidDate, UsageError, type Demand, type Requirement } from '../domain';
import { MAX_FORECAST_DAYS } from '../domain/limits';
import { lostInquiries } from '../staffing';

export const LOSS_SEGMENTS = 6;
/** Points of each queue-hour's loss curve, as shares of the required agents. */
const LOSS_POINTS = [1, 0.75, 0.5, 0.25, 0];

export interface LossSegment {
  /** Missing required productive agent-hours in this segment. */
  hours: number;
  /** Lost service per missing productive agent-hour, in the currency. */
  pricePerHour: number;
}

export interface CapacityWeek {
  index: number;
  /** First and last date. */
  start: string;
  end: string;
  days: number;
  requiredProductiveHours: number;
  vendorOnlyProductiveHours: number;
  inquiries: number;
  /** Cheapest first (convex). */
  loss: LossSegment[];
  /** The outsourcing band applies in this week (it overlaps the config's horizon, or the config has none). */
  inBand: boolean;
  /** Events active in the week (from the forecast), in order of first hour. */
  events: string[];
}

/** Hours of the day (0-23) some in-house pool's shifts cover (shifts limited to some dates left out). */
export function inhouseHoursOfDay(config: Pick<Config, 'pools' | 'shifts'>): Set<number> {
  const covered = new Set<number>();
  for (const pool of config.pools) {
    if (pool.kind !== 'inhouse') continue;
    for (const shift of config.shifts) {
      if (pool.shifts && !pool.shifts.includes(shift.name)) continue;
      if (shift.onlyOn) continue;
      for (const h of shiftHoursOfDay(shift)) covered.add(h);
    }
  }
  return covered;
}

/** One queue-hour's loss curve as (width, price per agent-hour) chunks. */
function lossChunks(queue: Config['queues'][number], inquiries: number, required: number, pricePerInquiry: number, out: LossSegment[]): void {
  if (!(inquiries > 0) || !(required > 0)) return;
  let prevAgents = required;
  let prevLost = lostInquiries(queue, inquiries, required);
  let price = 0;
  for (const share of LOSS_POINTS.slice(1)) {
    const agents = Math.floor(required * share);
    if (agents >= prevAgents) continue;
    const lost = share === 0 ? inquiries : lostInquiries(queue, inquiries, agents);
    const width = prevAgents - agents;
    // A running maximum, as the plan's curve (staffing/shortage.ts): once nearly every inquiry is lost the last
    // agents save little, but they can only go after the ones above them.
    price = Math.max(price, (Math.max(0, lost - prevLost) / width) * pricePerInquiry);
    out.push({ hours: width, pricePerHour: price });
    prevAgents = agents;
    prevLost = lost;
  }
}

/** Chunks cheapest first, folded into at most `segments` segments of about equal hours (hour-weighted mean price). */
export function foldLoss(chunks: LossSegment[], segments = LOSS_SEGMENTS): LossSegment[] {
  const sorted = chunks.filter((c) => c.hours > 0).sort((a, b) => a.pricePerHour - b.pricePerHour);
  const total = sorted.reduce((s, c) => s + c.hours, 0);
  if (total <= 0) return [];
  const out: LossSegment[] = [];
  let hours = 0;
  let cost = 0;
  let done = 0;
  for (const c of sorted) {
    hours += c.hours;
    cost += c.hours * c.pricePerHour;
    done += c.hours;
    if (done >= (total * (out.length + 1)) / segments - 1e-9) {
      out.push({ hours, pricePerHour: cost / hours });
      hours = 0;
      cost = 0;
    }
  }
  if (hours > 0) out.push({ hours, pricePerHour: cost / hours });
  // A running maximum keeps the folded curve convex where rounding made two means cross.
  for (let i = 1; i < out.length; i++) {
    const seg = out[i] as LossSegment;
    seg.pricePerHour = Math.max(seg.pricePerHour, (out[i - 1] as LossSegment).pricePerHour);
  }
  return out;
}

/** The weeks of `from..until` with their requirement (see the file comment). */
export function capacityWeeks(config: Config, requirement: Requirement, demand: Demand | null, from: string, until: string): CapacityWeek[] {
  const first = dayNumber(from);
  const last = dayNumber(until);
  const count = Math.ceil((last - first + 1) / 7);
  const inhouse = inhouseHoursOfDay(config);
  const horizon = config.horizon;
  const weeks: CapacityWeek[] = Array.from({ length: count }, (_, index) => {
    const start = dateFromDayNumber(first + 7 * index);
    const end = dateFromDayNumber(Math.min(last, first + 7 * index + 6));
    const inBand = !horizon || (start <= horizon.end && end >= horizon.start);
    return { index, start, end, days: dayNumber(end) - dayNumber(start) + 1, requiredProductiveHours: 0, vendorOnlyProductiveHours: 0, inquiries: 0, loss: [], inBand, events: [] };
  });
  const chunks: LossSegment[][] = weeks.map(() => []);
  const startHour = hourNumber(requirement.startHour);
  for (const q of requirement.queues) {
    const queue = config.queues.find((c) => c.name === q.name);
    if (!queue) continue;
    const price = lostInquiryCost(config, queue);
    q.cells.forEach((cell, i) => {
      const hour = startHour + i;
      const w = Math.floor((Math.floor(hour / 24) - first) / 7);
      const week = weeks[w];
      if (!week || Math.floor(hour / 24) > last) return;
      week.requiredProductiveHours += cell.agents;
      week.inquiries += cell.inquiries;
      if (!inhouse.has(((hour % 24) + 24) % 24)) week.vendorOnlyProductiveHours += cell.agents;
      lossChunks(queue, cell.inquiries, cell.agents, price, chunks[w] as LossSegment[]);
    });
  }
  weeks.forEach((week, w) => {
    week.loss = foldLoss(chunks[w] as LossSegment[]);
  });
  if (demand) {
    const demandStart = hourNumber(demand.startHour);
    demand.events.forEach((event, i) => {
      if (!event) return;
      const day = Math.floor((demandStart + i) / 24);
      const week = weeks[Math.floor((day - first) / 7)];
      if (week && day <= last && !week.events.includes(event)) week.events.push(event);
    });
  }
  return weeks;
}

/** The week holding `date`, or -1. */
export function weekOf(weeks: readonly CapacityWeek[], date: string): number {
  return weeks.findIndex((w) => w.start <= date && date <= w.end);
}

/** Last date of the 7-day week starting on `start`. */
export const weekEnd = (start: string): string => addDays(start, 6);

/**
 * The first and last day of a capacity plan: real dates in order, at most a
 * forecast's length apart. `names` are how the caller calls them (`--from`,
 * `capacity.from`).
 */
export function capacityDates(from: unknown, until: unknown, names: { from: string; until: string } = { from: '--from', until: '--until' }): { from: string; until: string } {
  for (const [name, value] of [[names.from, from], [names.until, until]] as const) {
    if (value === undefined || value === null || value === '') throw new UsageError(`capacity needs ${name}: expected a date like 2026-08-03`);
    if (typeof value !== 'string' || !isValidDate(value)) throw new UsageError(`${name} ${JSON.stringify(value)}: expected a date like 2026-08-03`);
  }
  const a = from as string;
  const b = until as string;
  if (b < a) throw new UsageError(`${names.until} ${b} is before ${names.from} ${a}: expected until on or after from`);
  const days = dayNumber(b) - dayNumber(a) + 1;
  if (days > MAX_FORECAST_DAYS) throw new UsageError(`${names.until}: ${days} days from ${names.from} ${a} to ${b}; expected at most ${MAX_FORECAST_DAYS} days`);
  return { from: a, until: b };
}
