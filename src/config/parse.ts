/**
 * Turning parsed JSON into a typed Config: schema validation with located
 * messages, then the cross-field rules a schema cannot express.
 */
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { ConfigError, describeValue, isValidDate, parseClockMinutes } from '../domain';
import { BUILTIN_EVENT_NAMES, BUILTIN_PROMOTIONS, BUILTIN_PUBLIC_HOLIDAYS, configSchema, type Config, type ShiftConfig } from './schema';

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
    return new ConfigError(formatPath([...path, key]), `unknown field; expected one of the documented fields (see README, Config reference)`, file);
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
  }

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
    }
  });
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

/** The config every field left at its default. */
export function defaultConfig(): Config {
  return parseConfig({});
}
