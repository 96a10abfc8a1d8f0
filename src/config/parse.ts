/**
 * Turning parsed JSON into a typed Config: schema validation with located
 * messages, then the cross-field rules a schema cannot express.
 */
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { ConfigError, dayNumber, describeValue, isValidDate, parseClockMinutes } from '../domain';
import { MAX_PLAN_DAYS, MAX_YEAR, MIN_YEAR } from '../domain/limits';
import { BUILTIN_EVENT_NAMES, BUILTIN_PROMOTIONS, BUILTIN_PUBLIC_HOLIDAYS, configSchema, type Config, type ShiftConfig } from './schema';
import { breakStarts, DATE_RANGE_RE, DATE_RE, paidHoursOf } from './shifts';
import { checkCapacity } from './capacity';

/** `['pools', 1, 'pricing', 'rate']` → `pools[1].pricing.rate`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function issueToError(issue: z.core.$ZodIssue, file: string | undefined): ConfigError {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new ConfigError(formatPath([...path, key]), `unknown field; expected one of the documented fields (see docs/formats.md, Config reference)`, file);
  }
  let input = (issue as { input?: unknown }).input;
  let problem = issue.message;
  if (issue.code === 'invalid_union') {
    problem = 'expected kind "inhouse" or "vendor"';
    if (path[path.length - 1] !== 'kind') path.push('kind');
    if (input !== null && typeof input === 'object') input = (input as { kind?: unknown }).kind;
  }
  // zod's own wording ("Invalid input: expected object, received undefined") → "expected object".
  problem = problem.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (!problem.startsWith('expected')) problem = `expected ${problem}`;
  const got = input === undefined ? 'nothing' : describeValue(input);
  return new ConfigError(formatPath(path), `${problem}, got ${got}`, file);
}

/** Hours of the day (0-23) a shift covers, for every start offset. */
export function shiftHoursOfDay(shift: ShiftConfig): Set<number> {
  const startMinutes = parseClockMinutes(shift.start) ?? 0;
  const covered = new Set<number>();
  for (const offset of shift.startOffsets) {
    const first = Math.floor(startMinutes / 60) + offset;
    for (let h = 0; h < shift.hours; h++) covered.add((first + h) % 24);
  }
  return covered;
}

function duplicateIndex(names: string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as string;
    if (seen.has(n)) return i;
    seen.add(n);
  }
  return -1;
}

/** design: pool names that exist, length and start windows the right way round. */
function checkDesign(config: Config, poolNames: string[], file: string | undefined): void {
  if (!config.design) return;
  const d = config.design;
  const limits = [{ at: 'design', ...d }, ...d.pools.map((p, i) => ({ at: `design.pools[${i}]`, ...p }))];
  d.pools.forEach((p, i) => {
    if (!poolNames.includes(p.name)) throw new ConfigError(`design.pools[${i}].name`, `expected one of the pools (${poolNames.join(', ')}), got ${describeValue(p.name)}`, file);
  });
  const dup = duplicateIndex(d.pools.map((p) => p.name));
  if (dup >= 0) throw new ConfigError(`design.pools[${dup}].name`, `expected each pool once, got ${describeValue(d.pools[dup]?.name)} twice`, file);
  for (const l of limits) {
    const min = l.minHours ?? d.minHours;
    const max = l.maxHours ?? d.maxHours;
    if (min > max) throw new ConfigError(`${l.at}.${l.minHours !== undefined ? 'minHours' : 'maxHours'}`, `expected minHours (${min}) at most maxHours (${max})`, file);
    const from = l.earliestStart ?? d.earliestStart;
    const to = l.latestStart ?? d.latestStart;
    if (from > to) throw new ConfigError(`${l.at}.${l.earliestStart !== undefined ? 'earliestStart' : 'latestStart'}`, `expected earliestStart (${from}) at or before latestStart (${to})`, file);
  }
}

function checkBreaks(shift: ShiftConfig, i: number, file: string | undefined): void {
  const at = `shifts[${i}].breaks`;
  const breaks = shift.breaks;
  if (!breaks) return;
  let total = 0;
  let previousLatest = 0;
  breaks.forEach((b, j) => {
    if (b.latest > shift.hours) throw new ConfigError(`${at}[${j}].latest`, `expected at most the shift's ${shift.hours} hours, got ${b.latest}`, file);
    if (breakStarts(b).length === 0) {
      throw new ConfigError(`${at}[${j}]`, `expected a window [earliest, latest] that holds the ${b.minutes}-minute break, got [${b.earliest}, ${b.latest}]`, file);
    }
    if (j > 0 && b.earliest < previousLatest) {
      throw new ConfigError(`${at}[${j}].earliest`, `expected breaks in order with windows that do not overlap (the break before may run to hour ${previousLatest}), got ${b.earliest}`, file);
    }
    previousLatest = b.latest;
    total += b.minutes;
  });
  const unpaid = Math.round((shift.hours - paidHoursOf(shift)) * 60);
  if (total < unpaid) {
    throw new ConfigError(at, `expected breaks of at least the unpaid time (${unpaid} minutes = hours - paidHours), got ${total} minutes`, file);
  }
}

function checkOnlyOn(config: Config, entry: string, at: string, file: string | undefined): void {
  const range = DATE_RANGE_RE.exec(entry);
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    if (!isValidDate(from) || !isValidDate(to) || to < from) throw new ConfigError(at, `expected a date range YYYY-MM-DD..YYYY-MM-DD with real dates in order, got ${describeValue(entry)}`, file);
    return;
  }
  if (DATE_RE.test(entry)) {
    if (!isValidDate(entry)) throw new ConfigError(at, `expected a real calendar date, got ${describeValue(entry)}`, file);
    return;
  }
  const known = [...BUILTIN_EVENT_NAMES, ...config.events.map((e) => e.name)];
  if (!known.includes(entry)) {
    throw new ConfigError(at, `expected a date, a date range A..B or an event name (${[...new Set(known)].join(', ')}), got ${describeValue(entry)}`, file);
  }
}

function checkCrossFields(config: Config, file: string | undefined): void {
  if (!IANAZone.isValidZone(config.timezone)) {
    throw new ConfigError('timezone', `expected an IANA time zone name like "Asia/Shanghai", got ${describeValue(config.timezone)}`, file);
  }
  if (config.horizon) {
    for (const key of ['start', 'end'] as const) {
      if (!isValidDate(config.horizon[key])) {
        throw new ConfigError(`horizon.${key}`, `expected a real calendar date, got ${describeValue(config.horizon[key])}`, file);
      }
    }
    if (config.horizon.end < config.horizon.start) {
      throw new ConfigError('horizon.end', `expected a date on or after horizon.start (${config.horizon.start}), got "${config.horizon.end}"`, file);
    }
    for (const key of ['start', 'end'] as const) {
      const year = Number(config.horizon[key].slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) throw new ConfigError(`horizon.${key}`, `expected a date from ${MIN_YEAR} to ${MAX_YEAR}, got "${config.horizon[key]}"`, file);
    }
    const days = dayNumber(config.horizon.end) - dayNumber(config.horizon.start) + 1;
    if (days > MAX_PLAN_DAYS) {
      throw new ConfigError('horizon.end', `expected a horizon of at most ${MAX_PLAN_DAYS} days, got ${days} days (${config.horizon.start} .. ${config.horizon.end})`, file);
    }
  }

  config.queues.forEach((queue, i) => {
    const floor = queue.target.minServiceLevel;
    if (floor !== undefined && floor > queue.target.serviceLevel) {
      throw new ConfigError(`queues[${i}].target.minServiceLevel`, `expected at most the queue's serviceLevel (${queue.target.serviceLevel}), got ${floor}`, file);
    }
  });

  const queueNames = config.queues.map((q) => q.name);
  const dupQueue = duplicateIndex(queueNames);
  if (dupQueue >= 0) throw new ConfigError(`queues[${dupQueue}].name`, `expected a unique queue name, got ${describeValue(queueNames[dupQueue])} twice`, file);
  const shares = config.queues.map((q) => q.share);
  if (shares.every((s) => s !== undefined)) {
    const total = shares.reduce<number>((a, s) => a + (s ?? 0), 0);
    if (Math.abs(total - 1) > 1e-6) {
      throw new ConfigError('queues', `expected the queue shares to add up to 1, got ${Number(total.toFixed(6))}`, file);
    }
  }

  const shiftNames = config.shifts.map((s) => s.name);
  const dupShift = duplicateIndex(shiftNames);
  if (dupShift >= 0) throw new ConfigError(`shifts[${dupShift}].name`, `expected a unique shift name, got ${describeValue(shiftNames[dupShift])} twice`, file);
  const dupCode = duplicateIndex(config.shifts.map((s) => s.code));
  if (dupCode >= 0) throw new ConfigError(`shifts[${dupCode}].code`, `expected a unique shift code, got ${describeValue(config.shifts[dupCode]?.code)} twice`, file);
  config.shifts.forEach((shift, i) => {
    if (shift.paidHours !== undefined && shift.paidHours > shift.hours) {
      throw new ConfigError(`shifts[${i}].paidHours`, `expected at most the shift's ${shift.hours} hours, got ${shift.paidHours}`, file);
    }
    const dupOffset = duplicateIndex(shift.startOffsets.map(String));
    if (dupOffset >= 0) throw new ConfigError(`shifts[${i}].startOffsets[${dupOffset}]`, `expected distinct offsets, got ${shift.startOffsets[dupOffset]} twice`, file);
    checkBreaks(shift, i, file);
    (shift.onlyOn ?? []).forEach((entry, j) => checkOnlyOn(config, entry, `shifts[${i}].onlyOn[${j}]`, file));
  });

  const poolNames = config.pools.map((p) => p.name);
  const dupPool = duplicateIndex(poolNames);
  if (dupPool >= 0) throw new ConfigError(`pools[${dupPool}].name`, `expected a unique pool name, got ${describeValue(poolNames[dupPool])} twice`, file);

  config.pools.forEach((pool, i) => {
    (pool.shifts ?? []).forEach((s, j) => {
      if (!shiftNames.includes(s)) {
        throw new ConfigError(`pools[${i}].shifts[${j}]`, `expected one of the shifts (${shiftNames.join(', ')}), got ${describeValue(s)}`, file);
      }
    });
    (pool.queues ?? []).forEach((q, j) => {
      if (!queueNames.includes(q)) {
        throw new ConfigError(`pools[${i}].queues[${j}]`, `expected one of the queues (${queueNames.join(', ')}), got ${describeValue(q)}`, file);
      }
    });
    if (pool.maxAgentsPerDay !== undefined && pool.minAgentsPerDay > pool.maxAgentsPerDay) {
      throw new ConfigError(`pools[${i}].minAgentsPerDay`, `expected at most maxAgentsPerDay (${pool.maxAgentsPerDay}), got ${pool.minAgentsPerDay}`, file);
    }
    if (pool.kind === 'inhouse' && pool.minAgentsPerDay > pool.headcount) {
      throw new ConfigError(`pools[${i}].minAgentsPerDay`, `expected at most the headcount (${pool.headcount}), got ${pool.minAgentsPerDay}`, file);
    }
    if (pool.kind === 'vendor') {
      if (pool.availableFrom !== undefined && !isValidDate(pool.availableFrom)) {
        throw new ConfigError(`pools[${i}].availableFrom`, `expected a real calendar date, got ${describeValue(pool.availableFrom)}`, file);
      }
      if (pool.minShare !== undefined && pool.maxShare !== undefined && pool.minShare > pool.maxShare) {
        throw new ConfigError(`pools[${i}].minShare`, `expected at most maxShare (${pool.maxShare}), got ${pool.minShare}`, file);
      }
      if (pool.surge && pool.pricing.model === 'perInquiry') {
        throw new ConfigError(`pools[${i}].surge`, 'expected no surge seats on a perInquiry vendor (it is paid per inquiry, not per seat), got a surge entry', file);
      }
    }
  });
  checkDesign(config, poolNames, file);
  checkCapacity(config, file);
  // Hours no pool works are fine while nothing is needed then (a bank's nights): planShifts checks the demand.

  if (config.outsourcing.min > config.outsourcing.max) {
    throw new ConfigError('outsourcing.min', `expected at most outsourcing.max (${config.outsourcing.max}), got ${config.outsourcing.min}`, file);
  }
  const vendors = config.pools.filter((p) => p.kind === 'vendor');
  if (config.outsourcing.min > 0 && vendors.length === 0) {
    throw new ConfigError('outsourcing.min', `expected 0 when no pool has kind "vendor", got ${config.outsourcing.min}`, file);
  }
  if (config.outsourcing.max < 1 && config.pools.every((p) => p.kind === 'vendor')) {
    throw new ConfigError('outsourcing.max', `expected 1 when every pool is a vendor, got ${config.outsourcing.max}`, file);
  }

  config.calendar.holidays.forEach((holiday, i) => {
    if (!isValidDate(holiday.date)) {
      throw new ConfigError(`calendar.holidays[${i}].date`, `expected a real calendar date, got ${describeValue(holiday.date)}`, file);
    }
  });
  const known = [...availableBuiltins(config), ...new Set(config.calendar.holidays.map((h) => h.name))];
  config.events.forEach((event, i) => {
    const anchors = [event.date, event.monthDay, event.lunarDate].filter((a) => a !== undefined).length;
    if (anchors > 1) {
      throw new ConfigError(`events[${i}]`, `expected at most one of date, monthDay, lunarDate, got ${anchors}`, file);
    }
    if (anchors === 0 && !known.includes(event.name)) {
      const builtin = (BUILTIN_EVENT_NAMES as readonly string[]).includes(event.name);
      const why = builtin ? `: ${describeValue(event.name)} is built in only with ${offBecause(config, event.name)}` : '';
      throw new ConfigError(
        `events[${i}].name`,
        known.length > 0
          ? `expected a built-in event name (${known.join(', ')}) or an anchor (date, monthDay or lunarDate)${why}, got ${describeValue(event.name)}`
          : `expected an anchor (date, monthDay or lunarDate)${why}, got ${describeValue(event.name)}`,
        file,
      );
    }
    if (event.date !== undefined && !isValidDate(event.date)) {
      throw new ConfigError(`events[${i}].date`, `expected a real calendar date, got ${describeValue(event.date)}`, file);
    }
    if (event.hours && event.hours[1] <= event.hours[0]) {
      throw new ConfigError(`events[${i}].hours`, `expected [from, to] with to > from, got [${event.hours[0]}, ${event.hours[1]}]`, file);
    }
  });
}

/** Built-in events the calendar settings leave in force (name-only config events may adjust these). */
export function availableBuiltins(config: Pick<Config, 'calendar'>): string[] {
  const cal = config.calendar;
  if (cal.region !== 'cn') return [];
  return [...(cal.builtinEvents ? BUILTIN_PROMOTIONS : []), ...(cal.publicHolidays ? BUILTIN_PUBLIC_HOLIDAYS : [])];
}

function offBecause(config: Config, name: string): string {
  if (config.calendar.region !== 'cn') return 'calendar.region "cn"';
  return (BUILTIN_PUBLIC_HOLIDAYS as readonly string[]).includes(name) ? 'calendar.publicHolidays true' : 'calendar.builtinEvents true';
}

/**
 * Validate parsed JSON and fill defaults. Throws ConfigError naming the first
 * bad field's path (`pools[1].pricing.rate: expected a positive number, got "abc"`).
 */
export function parseConfig(json: unknown, file?: string): Config {
  const result = configSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    if (!first) throw new ConfigError('', 'invalid config', file);
    throw issueToError(first, file);
  }
  checkCrossFields(result.data, file);
  return result.data;
}

/**
 * Settings that still work but should change, one line each (printed as
 * warnings and kept in the plan's notes).
 */
export function configWarnings(config: Config): string[] {
  const out: string[] = [];
  if (config.understaffingPenalty !== undefined && config.costPerLostInquiry === undefined) {
    out.push(
      `config understaffingPenalty is deprecated: read as costPerLostInquiry = ${config.understaffingPenalty} x agent-hours per inquiry per queue (${config.queues
        .map((q) => `${q.name} ${Number(lostInquiryCost(config, q).toFixed(2))}`)
        .join(', ')}); set costPerLostInquiry instead`,
    );
  }
  if (config.understaffingPenalty !== undefined && config.costPerLostInquiry !== undefined) {
    out.push('config understaffingPenalty is deprecated and ignored: costPerLostInquiry is set');
  }
  return out;
}

/**
 * What one inquiry not answered within target costs on a queue: the queue's
 * own setting, else the deprecated flat understaffingPenalty spread over the
 * inquiries one productive agent-hour handles at maximum occupancy
 * (penalty x ahtSeconds / (3600 x concurrency x maxOccupancy)), else the
 * top-level costPerLostInquiry.
 */
export function lostInquiryCost(config: Pick<Config, 'costPerLostInquiry' | 'understaffingPenalty'>, queue: Config['queues'][number]): number {
  if (queue.costPerLostInquiry !== undefined) return queue.costPerLostInquiry;
  if (config.costPerLostInquiry !== undefined) return config.costPerLostInquiry;
  if (config.understaffingPenalty !== undefined) return (config.understaffingPenalty * queue.ahtSeconds) / (3600 * queue.concurrency * queue.maxOccupancy);
  return DEFAULT_COST_PER_LOST_INQUIRY;
}

/**
 * Default price of an inquiry not answered within target, in the config's
 * currency (CNY): about 40% of the shoppers who ask a presales question buy
 * (询单转化率), at an average order of about CNY 200 and a 30% gross margin,
 * so an answered presales chat carries about CNY 24 of margin; an answer that
 * comes late loses roughly a third of those sales (CNY 8). A late after-sales
 * answer costs about as much again in refunds, disputes and the shop's
 * response-time rating on the platform. Rounded to 10.
 */
export const DEFAULT_COST_PER_LOST_INQUIRY = 10;

/** The hard hourly service floor of a queue: its minServiceLevel, or the lower of 0.6 and its target. */
export function serviceFloorOf(queue: Config['queues'][number]): number {
  return queue.target.minServiceLevel ?? Math.min(DEFAULT_MIN_SERVICE_LEVEL, queue.target.serviceLevel);
}

export const DEFAULT_MIN_SERVICE_LEVEL = 0.6;

/** The config every field left at its default. */
export function defaultConfig(): Config {
  return parseConfig({});
}
