/**
 * The event calendar: built-in lunar festivals, Gregorian promotions, mainland
 * public holidays, and user events from the config, resolved to dated windows
 * for any year 2000-2100.
 *
 * Every event has an anchor day and a window of days before and after it.
 * The forecaster learns each event's effect per day relative to the anchor and
 * hour of day, so a lunar festival is compared with its own past dates, not
 * with the same Gregorian date last year.
 */
import { availableBuiltins, type Config, type EventConfig, type HolidayConfig } from '../config';
import { ConfigError, addDays, dateFromDayNumber, dayNumber } from '../domain';
import { holidayBlocks, isMakeupWorkday } from './holidays';
import { lunarToGregorian } from './lunar';

export type EventAnchor =
  | { kind: 'lunar'; month: number; day: number }
  | { kind: 'yearly'; month: number; day: number }
  | { kind: 'date'; date: string }
  /**
   * A public holiday block from the holiday table, or a provisional one after it except in
   * `ownYears`, years the user's holiday calendar gives (window offsets count from its first and last day).
   */
  | { kind: 'holiday'; ownYears?: readonly number[] }
  /** Dated blocks from the user's holiday calendar (window offsets count from each block's first and last day). */
  | { kind: 'dates'; blocks: Array<{ start: string; end: string }> };

export interface EventDefinition {
  name: string;
  anchor: EventAnchor;
  /** First window day relative to the anchor (<= 0). */
  startOffsetDays: number;
  /** Last window day relative to the anchor (>= 0); for holidays, relative to the block's last day. */
  endOffsetDays: number;
  /** Hours [from, to) of the anchor day the event concentrates in (Double 11: [0, 2]). */
  hours?: [number, number];
  /** Configured multiplier: scales the learned effect, or stands in for it when the event was never seen. */
  uplift?: number;
  source: 'builtin' | 'holiday' | 'user' | 'calendar';
  /**
   * Holidays of the user's calendar pool into this group: a holiday never seen
   * before takes the effect the group's past holidays show.
   */
  group?: string;
  /** Nothing is answered on the anchor block's days (a holiday of kind closed). */
  closed?: boolean;
}

export interface EventOccurrence {
  name: string;
  anchor: string;
  /** Last day of the anchor block (holidays of several days); the anchor otherwise. */
  last: string;
  start: string;
  end: string;
  hours?: [number, number];
}

/**
 * Default windows of the built-in events (days before, days after the anchor):
 * wide enough for the shopping ramp before and the after-sales wave after.
 */
const BUILTINS: Array<Omit<EventDefinition, 'source'>> = [
  // Couriers stop about two weeks before the new year; after-sales catches up after it.
  { name: 'spring-festival', anchor: { kind: 'lunar', month: 1, day: 1 }, startOffsetDays: -25, endOffsetDays: 14 },
  { name: 'lantern', anchor: { kind: 'lunar', month: 1, day: 15 }, startOffsetDays: -2, endOffsetDays: 2 },
  { name: 'dragon-boat', anchor: { kind: 'lunar', month: 5, day: 5 }, startOffsetDays: -14, endOffsetDays: 8 },
  { name: 'qixi', anchor: { kind: 'lunar', month: 7, day: 7 }, startOffsetDays: -5, endOffsetDays: 1 },
  { name: 'mid-autumn', anchor: { kind: 'lunar', month: 8, day: 15 }, startOffsetDays: -21, endOffsetDays: 7 },
  { name: 'goddess-day', anchor: { kind: 'yearly', month: 3, day: 8 }, startOffsetDays: -7, endOffsetDays: 2 },
  // 618 warm-up starts June 1.
  { name: '618', anchor: { kind: 'yearly', month: 6, day: 18 }, startOffsetDays: -17, endOffsetDays: 7 },
  // Double 11: presale start from config (default Oct 20, i.e. -22), midnight rush 00:00-02:00.
  { name: 'double-11', anchor: { kind: 'yearly', month: 11, day: 11 }, startOffsetDays: -22, endOffsetDays: 9, hours: [0, 2] },
  { name: 'double-12', anchor: { kind: 'yearly', month: 12, day: 12 }, startOffsetDays: -3, endOffsetDays: 5, hours: [0, 2] },
];

const HOLIDAY_DEFAULTS: Array<Omit<EventDefinition, 'source'>> = ['new-year', 'tomb-sweeping', 'labour-day', 'national-day'].map(
  (name) => ({ name, anchor: { kind: 'holiday' }, startOffsetDays: -3, endOffsetDays: 2 }),
);

function monthDayParts(text: string): { month: number; day: number } {
  return { month: Number(text.slice(0, 2)), day: Number(text.slice(3, 5)) };
}

/** Days from the Double 11 presale start (MM-DD) to Nov 11, as a negative offset. */
function presaleOffset(presaleStart: string): number {
  const { month, day } = monthDayParts(presaleStart);
  const from = dayNumber(`2001-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return from - dayNumber('2001-11-11');
}

/** Pooled groups of the user's holiday calendar (see EventDefinition.group). */
export const HOLIDAY_GROUPS: Record<HolidayConfig['kind'], string | undefined> = { holiday: 'any-holiday', closed: 'any-closed', event: undefined };

/**
 * The user's holidays as events: one per name, its dates grouped into blocks
 * of consecutive days. Holidays and closures watch the eve and the three days
 * after too (the backlog of a closure, a long weekend); events only their dates.
 */
export function holidayEvents(holidays: readonly HolidayConfig[]): EventDefinition[] {
  const byName = new Map<string, { kind: HolidayConfig['kind']; dates: string[] }>();
  for (const h of holidays) {
    const entry = byName.get(h.name) ?? { kind: h.kind, dates: [] };
    entry.dates.push(h.date);
    byName.set(h.name, entry);
  }
  const out: EventDefinition[] = [];
  for (const [name, { kind, dates }] of byName) {
    const sorted = [...new Set(dates)].sort();
    const blocks: Array<{ start: string; end: string }> = [];
    for (const date of sorted) {
      const last = blocks[blocks.length - 1];
      if (last && dayNumber(date) - dayNumber(last.end) === 1) last.end = date;
      else blocks.push({ start: date, end: date });
    }
    const before = kind === 'event' ? 0 : 1;
    const after = kind === 'event' ? 0 : 3;
    const group = HOLIDAY_GROUPS[kind];
    out.push({
      name,
      anchor: { kind: 'dates', blocks },
      startOffsetDays: before === 0 ? 0 : -before,
      endOffsetDays: after,
      source: 'calendar',
      ...(group ? { group } : {}),
      ...(kind === 'closed' ? { closed: true } : {}),
    });
  }
  return out;
}

/** Years the user's holiday calendar gives days off in (kinds holiday and closed): no provisional holidays there. */
export function userHolidayYears(holidays: readonly HolidayConfig[]): number[] {
  return [...new Set(holidays.filter((h) => h.kind !== 'event').map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
}

/**
 * The event definitions in force for a config: the built-ins of the region
 * (adjusted by name-only config entries), the public holidays when enabled,
 * the user's holiday calendar, then user events.
 */
export function resolveEvents(config: Pick<Config, 'events' | 'calendar'>, file?: string): EventDefinition[] {
  const cal = config.calendar;
  const cn = cal.region === 'cn';
  const defs: EventDefinition[] = cn && cal.builtinEvents ? BUILTINS.map((b) => ({ ...b, source: 'builtin' as const })) : [];
  const d11 = defs.find((d) => d.name === 'double-11');
  if (d11) d11.startOffsetDays = Math.min(0, presaleOffset(cal.double11PresaleStart));
  if (cn && cal.publicHolidays) {
    const ownYears = userHolidayYears(cal.holidays);
    defs.push(...HOLIDAY_DEFAULTS.map((h) => ({ ...h, anchor: { kind: 'holiday' as const, ownYears }, source: 'holiday' as const })));
  }
  for (const h of holidayEvents(cal.holidays)) {
    const same = defs.findIndex((d) => d.name === h.name);
    if (same >= 0) defs.splice(same, 1);
    defs.push(h);
  }

  config.events.forEach((event: EventConfig, i) => {
    const anchor = anchorOf(event);
    const existing = defs.findIndex((d) => d.name === event.name);
    if (!anchor) {
      const builtin = defs[existing];
      if (!builtin) {
        const known = [...availableBuiltins(config), ...new Set(cal.holidays.map((h) => h.name))];
        throw new ConfigError(
          `events[${i}].name`,
          known.length > 0
            ? `expected a built-in event name (${known.join(', ')}) or an anchor (date, monthDay or lunarDate), got ${JSON.stringify(event.name)}`
            : `expected an anchor (date, monthDay or lunarDate), got ${JSON.stringify(event.name)}`,
          file,
        );
      }
      defs[existing] = { ...builtin, ...overrides(event) };
      return;
    }
    const def: EventDefinition = {
      name: event.name,
      anchor,
      startOffsetDays: event.startOffsetDays ?? 0,
      endOffsetDays: event.endOffsetDays ?? 0,
      ...(event.hours ? { hours: event.hours } : {}),
      ...(event.uplift !== undefined ? { uplift: event.uplift } : {}),
      source: 'user',
    };
    if (existing >= 0) defs.splice(existing, 1);
    defs.push(def);
  });
  return defs;
}

function overrides(event: EventConfig): Partial<EventDefinition> {
  const out: Partial<EventDefinition> = {};
  if (event.startOffsetDays !== undefined) out.startOffsetDays = event.startOffsetDays;
  if (event.endOffsetDays !== undefined) out.endOffsetDays = event.endOffsetDays;
  if (event.hours) out.hours = event.hours;
  if (event.uplift !== undefined) out.uplift = event.uplift;
  return out;
}

function anchorOf(event: EventConfig): EventAnchor | undefined {
  if (event.date !== undefined) return { kind: 'date', date: event.date };
  if (event.monthDay !== undefined) return { kind: 'yearly', ...monthDayParts(event.monthDay) };
  if (event.lunarDate !== undefined) return { kind: 'lunar', ...monthDayParts(event.lunarDate) };
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every occurrence of `def` whose window overlaps [from, to] (dates `YYYY-MM-DD`, years 2000-2100). */
export function occurrences(def: EventDefinition, from: string, to: string): EventOccurrence[] {
  const out: EventOccurrence[] = [];
  const push = (anchor: string, start: string, end: string, last = anchor): void => {
    if (end >= from && start <= to) out.push({ name: def.name, anchor, last, start, end, ...(def.hours ? { hours: def.hours } : {}) });
  };
  const anchor = def.anchor;
  if (anchor.kind === 'dates') {
    for (const b of anchor.blocks) push(b.start, addDays(b.start, def.startOffsetDays), addDays(b.end, def.endOffsetDays), b.end);
    return out;
  }
  if (anchor.kind === 'date') {
    push(anchor.date, addDays(anchor.date, def.startOffsetDays), addDays(anchor.date, def.endOffsetDays));
    return out;
  }
  if (anchor.kind === 'holiday') {
    const blocks = holidayBlocks(addDays(from, -def.endOffsetDays - 1), addDays(to, -def.startOffsetDays + 1), anchor.ownYears);
    for (const b of blocks) {
      if (b.name === def.name) push(b.start, addDays(b.start, def.startOffsetDays), addDays(b.end, def.endOffsetDays), b.end);
    }
    return out;
  }
  const firstYear = Math.max(1901, Number(from.slice(0, 4)) - 1);
  const lastYear = Math.min(2099, Number(to.slice(0, 4)) + 1);
  for (let y = firstYear; y <= lastYear; y++) {
    let date: string;
    if (anchor.kind === 'lunar') date = lunarToGregorian(y, anchor.month, anchor.day);
    else {
      // Feb 29 in a common year falls back to Feb 28.
      const day = Math.min(anchor.day, new Date(Date.UTC(y, anchor.month, 0)).getUTCDate());
      date = `${y}-${pad(anchor.month)}-${pad(day)}`;
    }
    push(date, addDays(date, def.startOffsetDays), addDays(date, def.endOffsetDays));
  }
  return out;
}

/** The one-day event of every make-up workday (a weekend day worked, 调休). */
export const MAKEUP_WORKDAY = 'makeup-workday';

/** One event active on a day: its name, the day relative to its anchor, and its anchor hours. */
export interface ActiveEvent {
  name: string;
  /** Days after the anchor (negative before it). */
  relDay: number;
  hours?: [number, number];
  uplift?: number;
  /** Pool of the user's holidays this one falls back to (see EventDefinition.group). */
  group?: string;
  /** The operation is closed on this day (a closure's own dates). */
  closed?: boolean;
  /** A public holiday (built-in or from the user's calendar, kind holiday or closed): never fitted as an ordinary day. */
  holiday?: boolean;
  /** Window length on each side of the anchor, for default shapes. */
  daysBefore: number;
  daysAfter: number;
}

export interface CalendarDay {
  date: string;
  /** Events whose window holds this day, in definition order. */
  active: ActiveEvent[];
  /** The event shown for the day: the active one nearest its anchor, '' when none. */
  label: string;
  /** A weekend day worked as a make-up workday (调休). */
  makeupWorkday: boolean;
  /** A closure of the user's holiday calendar: nothing is answered. */
  closed: boolean;
}

/** The calendar from `from` to `to` inclusive, one entry per day. */
export function buildCalendar(defs: EventDefinition[], from: string, to: string, publicHolidays = true): CalendarDay[] {
  const start = dayNumber(from);
  const days: CalendarDay[] = [];
  for (let d = start; d <= dayNumber(to); d++) {
    const date = dateFromDayNumber(d);
    days.push({ date, active: [], label: '', makeupWorkday: publicHolidays && isMakeupWorkday(date), closed: false });
  }
  for (const def of defs) {
    for (const occ of occurrences(def, from, to)) {
      const anchorDay = dayNumber(occ.anchor);
      const first = Math.max(dayNumber(occ.start), start);
      const last = Math.min(dayNumber(occ.end), start + days.length - 1);
      for (let d = first; d <= last; d++) {
        const day = days[d - start] as CalendarDay;
        day.active.push({
          name: def.name,
          relDay: d - anchorDay,
          ...(def.hours ? { hours: def.hours } : {}),
          ...(def.uplift !== undefined ? { uplift: def.uplift } : {}),
          ...(def.group ? { group: def.group } : {}),
          ...(def.closed && d >= anchorDay && d <= dayNumber(occ.last) ? { closed: true } : {}),
          ...(def.source === 'holiday' || def.group !== undefined ? { holiday: true } : {}),
          daysBefore: anchorDay - dayNumber(occ.start),
          daysAfter: dayNumber(occ.end) - anchorDay,
        });
      }
    }
  }
  for (const day of days) {
    let best: ActiveEvent | undefined;
    for (const a of day.active) if (!best || Math.abs(a.relDay) < Math.abs(best.relDay)) best = a;
    day.label = best?.name ?? '';
    day.closed = day.active.some((a) => a.closed === true);
    // A weekend worked under 调休: its own one-day event, so its effect is learned, not assumed.
    if (day.makeupWorkday) {
      day.active.push({ name: MAKEUP_WORKDAY, relDay: 0, daysBefore: 0, daysAfter: 0 });
      if (day.label === '') day.label = MAKEUP_WORKDAY;
    }
  }
  return days;
}
