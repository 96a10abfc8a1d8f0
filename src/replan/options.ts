/**
 * What can still change at `now`, person by person: every extension, call-in,
 * surge seat, cancellation and send-home the notice allows and the labour
 * rules accept. Each option is checked against the roster rules
 * (src/roster/rules) on the person's own timeline, so the re-plan never
 * proposes what the roster stage would refuse.
 */
import { breaksOf, breakStarts, paidHoursOf, type Config, type InhousePoolConfig, type PoolConfig, type ShiftConfig, type VendorPoolConfig } from '../config';
import { dateFromDayNumber, dayNumber, formatClock, parseClockMinutes } from '../domain';
import { allowedDates } from '../plan/horizon';
import { agentShiftCost } from '../plan/pricing';
import { checkRoster, ROSTER_RULES, UNFILLED, type Agent, type RosterAssignment, type RosterRule } from '../roster';
import { minuteNumber } from '../roster/rules/context';
import type { ReplanAction } from './types';

/** One choice the re-plan may make, `upper` times at most (1 for a person; seats for a surge start). */
export interface ReplanOption {
  action: ReplanAction;
  pool: string;
  /** The person it applies to; '' for surge (seats are numbered afterwards). */
  personId: string;
  shift: string;
  /** When it takes effect, `YYYY-MM-DDTHH:MM`. */
  time: string;
  /** Paid hours per unit, signed. */
  hours: number;
  /** Cost per unit, signed (savings negative), in whole cents. */
  cost: number;
  /** Hour number → productive agents per unit on the floor (signed). */
  floor: Map<number, number>;
  upper: number;
  /** Options sharing a group take at most the group's cap together. */
  group: string;
  /** The person's assignment after the change (null: the shift goes); the original is `original`. */
  after: RosterAssignment | null;
  original: RosterAssignment | null;
}

export interface OptionContext {
  config: Config;
  roster: readonly RosterAssignment[];
  agents: readonly Agent[] | null;
  /** Minutes since 1970-01-01T00:00 (wall clock) of now. */
  nowMinute: number;
  /** The date of now. */
  date: string;
  /** Hours [first, end) the re-plan prices. */
  firstHour: number;
  endHour: number;
  /** Does the updated forecast need more (up) or fewer (down) agents than the plan's in hour h. */
  up(hour: number): boolean;
  down(hour: number): boolean;
  /** True when the hour's requirement did not rise (reductions may only touch such hours). */
  notUp(hour: number): boolean;
}

/** Rules re-checked on every option (planned-count and seats-filled are about the plan, which the re-plan changes on purpose). */
export const REPLAN_RULES: readonly RosterRule[] = ROSTER_RULES.filter((r) => r.name !== 'planned-count' && r.name !== 'seats-filled');

const cents = (v: number): number => Math.round(v * 100) / 100;

export function localTime(minute: number): string {
  return `${dateFromDayNumber(Math.floor(minute / 1440))}T${formatClock(minute)}`;
}

/** Break intervals of an assignment as absolute minutes (`HH:MM-HH:MM`, the first time at or after the start). */
function breakIntervals(a: RosterAssignment): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const start = minuteNumber(a.start);
  const day = Math.floor(start / 1440) * 1440;
  for (const part of (a.breaks ?? '').split(';')) {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(part.trim());
    if (!m) continue;
    let from = day + (parseClockMinutes(m[1] as string) ?? 0);
    if (from < start) from += 1440;
    let to = day + (parseClockMinutes(m[2] as string) ?? 0);
    while (to <= from) to += 1440;
    out.push([from, to]);
  }
  return out;
}

/** The assignment's breaks that start before `minute` (an agent sent home takes no later break). */
function breaksBefore(a: RosterAssignment, minute: number): string {
  const parts = (a.breaks ?? '').split(';').filter((p) => p.trim() !== '');
  return breakIntervals(a).map((iv, i) => (iv[0] < minute ? parts[i] : undefined)).filter((p): p is string => p !== undefined).join(';');
}

/** Share of hour `hour` (hour number) the person of `a` is on the floor: on shift, not on a break. */
export function presence(a: RosterAssignment, hour: number): number {
  const from = Math.max(hour * 60, minuteNumber(a.start));
  const to = Math.min(hour * 60 + 60, minuteNumber(a.end));
  if (to <= from) return 0;
  let minutes = to - from;
  for (const [bf, bt] of breakIntervals(a)) minutes -= Math.max(0, Math.min(to, bt) - Math.max(from, bf));
  return Math.max(0, minutes) / 60;
}

/** Hours from the start hour to the end hour of an assignment (hour numbers). */
function hourSpan(a: RosterAssignment): [number, number] {
  return [Math.floor(minuteNumber(a.start) / 60), Math.ceil(minuteNumber(a.end) / 60)];
}

export function productiveShare(config: Config, pool: PoolConfig): number {
  return (1 - config.shrinkage) * pool.productivity;
}

function nightHoursOf(config: Config, startMinute: number, hours: number): number {
  const [from, to] = config.nightHours;
  let n = 0;
  const first = Math.floor(startMinute / 60);
  for (let h = first; h < first + hours; h++) {
    const c = ((h % 24) + 24) % 24;
    if (from > to ? c >= from || c < to : c >= from && c < to) n += 1;
  }
  return n;
}

/** A new assignment of `shift` starting at `startMinute`, each break at the middle of its window. */
function newAssignment(shift: ShiftConfig, pool: string, startMinute: number, personId: string, personName: string, kind: 'agent' | 'seat'): RosterAssignment {
  const breaks = breaksOf(shift).map((b) => {
    const starts = breakStarts(b);
    const k = starts[Math.floor((starts.length - 1) / 2)] ?? b.earliest;
    const from = startMinute + k * 60;
    return `${formatClock(from)}-${formatClock(from + b.minutes)}`;
  });
  return {
    date: dateFromDayNumber(Math.floor(startMinute / 1440)),
    shift: shift.name,
    code: shift.code,
    start: localTime(startMinute),
    end: localTime(startMinute + shift.hours * 60),
    pool,
    queue: null,
    personId,
    personName,
    kind,
    breaks: breaks.join(';'),
  };
}

function floorOf(a: RosterAssignment, productive: number, fromHour: number, toHour: number, sign: number): Map<number, number> {
  const out = new Map<number, number>();
  const [first, last] = hourSpan(a);
  for (let h = Math.max(first, fromHour); h < Math.min(last, toHour); h++) {
    const p = presence(a, h);
    if (p > 0) out.set(h, sign * p * productive);
  }
  return out;
}

/** Shift starts (minutes) of `shift` on `date`: its start plus each offset. */
function startsOn(config: Config, shift: ShiftConfig, date: string): number[] {
  const allowed = allowedDates(config, shift, date, date);
  if (allowed && !allowed.has(date)) return [];
  const base = dayNumber(date) * 1440 + (parseClockMinutes(shift.start) ?? 0);
  return shift.startOffsets.map((o) => base + o * 60);
}

function poolShifts(config: Config, pool: PoolConfig): ShiftConfig[] {
  return config.shifts.filter((s) => !pool.shifts || pool.shifts.includes(s.name));
}

/** Violations of the re-checked rules on one person's assignments. */
function violations(config: Config, assignments: readonly RosterAssignment[], agent: Agent | undefined): number {
  return checkRoster({ config, lines: [], assignments, agents: agent ? [agent] : [] }, REPLAN_RULES).length;
}

/** Every option the notice and the rules allow at `now`. */
export function replanOptions(ctx: OptionContext): { options: ReplanOption[]; groups: Map<string, number> } {
  const { config, roster } = ctx;
  const options: ReplanOption[] = [];
  const groups = new Map<string, number>();
  const pools = new Map(config.pools.map((p) => [p.name, p]));
  const shifts = new Map(config.shifts.map((s) => [s.name, s]));
  const agentById = new Map((ctx.agents ?? []).map((a) => [a.id, a]));
  const byPerson = new Map<string, RosterAssignment[]>();
  for (const a of roster) {
    if (a.personId === UNFILLED) continue;
    const list = byPerson.get(a.personId) ?? [];
    list.push(a);
    byPerson.set(a.personId, list);
  }
  const withChange = (personId: string, from: RosterAssignment | null, to: RosterAssignment | null): RosterAssignment[] => {
    const list = (byPerson.get(personId) ?? []).filter((x) => x !== from);
    return to ? [...list, to] : list;
  };
  const anyUp = (floor: ReadonlyMap<number, number>): boolean => [...floor.keys()].some((h) => ctx.up(h));
  const onlyDown = (floor: ReadonlyMap<number, number>): boolean => floor.size > 0 && [...floor.keys()].every((h) => ctx.notUp(h)) && [...floor.keys()].some((h) => ctx.down(h));
  const { replan } = config;

  for (const a of roster) {
    if (a.personId === UNFILLED) continue;
    const pool = pools.get(a.pool);
    const shift = shifts.get(a.shift);
    if (!pool || !shift) continue;
    const startMinute = minuteNumber(a.start);
    const endMinute = minuteNumber(a.end);
    if (endMinute <= ctx.nowMinute || Math.floor(startMinute / 60) >= ctx.endHour) continue;
    const productive = productiveShare(config, pool);
    const agent = agentById.get(a.personId);
    const before = violations(config, byPerson.get(a.personId) ?? [], agent);
    const group = `person|${a.personId}`;

    if (pool.kind === 'inhouse') {
      const inhouse: InhousePoolConfig = pool;
      // Extend: stay 1..maxHoursPerShift hours past the end, at the overtime rate.
      const ot = inhouse.overtime;
      const already = a.overtimeHours ?? 0;
      if (ot && endMinute >= ctx.nowMinute) {
        for (let e = 1; e <= ot.maxHoursPerShift - already; e++) {
          const after: RosterAssignment = { ...a, end: localTime(endMinute + e * 60), overtimeHours: already + e };
          const floor = new Map<number, number>();
          for (let h = Math.floor(endMinute / 60); h < Math.ceil((endMinute + e * 60) / 60); h++) {
            if (h >= ctx.firstHour && h < ctx.endHour) floor.set(h, (Math.min(h * 60 + 60, endMinute + e * 60) - Math.max(h * 60, endMinute)) / 60 * productive);
          }
          if (!anyUp(floor)) continue;
          if (violations(config, withChange(a.personId, a, after), agent) > before) break;
          groups.set(group, 1);
          options.push({ action: 'extend', pool: a.pool, personId: a.personId, shift: a.shift, time: a.end, hours: e, cost: cents(inhouse.hourlyCost * ot.multiplier * e), floor, upper: 1, group, after, original: a });
        }
      }
      // Send home: leave at a whole hour after the notice, paid a share of the hours not worked.
      const earliest = Math.max(Math.ceil((ctx.nowMinute + replan.sendHomeNoticeHours * 60) / 60) * 60, startMinute);
      for (let leave = earliest; leave < endMinute; leave += 60) {
        const after: RosterAssignment | null = leave <= startMinute ? null : { ...a, end: localTime(leave), overtimeHours: Math.max(0, already - Math.ceil((endMinute - leave) / 60)), breaks: breaksBefore(a, leave) };
        const floor = floorOf(a, productive, Math.floor(leave / 60), ctx.endHour, -1);
        // Only hours inside the window may be given up (later ones are nobody's to re-plan here).
        if (Math.ceil(endMinute / 60) > ctx.endHour || !onlyDown(floor)) continue;
        let paid = 0;
        const [first, last] = hourSpan(a);
        for (let h = Math.max(first, Math.floor(leave / 60)); h < last; h++) paid += presence(a, h);
        groups.set(group, 1);
        options.push({ action: 'send-home', pool: a.pool, personId: a.personId, shift: a.shift, time: localTime(leave), hours: -paid, cost: -cents((1 - replan.sendHomePaidShare) * inhouse.hourlyCost * paid), floor, upper: 1, group, after, original: a });
      }
    } else {
      // Cancel: a vendor shift not started, with the vendor's notice; part of its price is still owed.
      const vendor: VendorPoolConfig = pool;
      if (startMinute < ctx.nowMinute + replan.cancelNoticeHours * 60 || Math.ceil(endMinute / 60) > ctx.endHour) continue;
      const floor = floorOf(a, productive, ctx.firstHour, ctx.endHour, -1);
      if (!onlyDown(floor)) continue;
      const surge = Boolean(a.surge) || /-S\d+$/.test(a.personId);
      const paidHours = paidHoursOf(shift);
      const price = agentShiftCost(vendor, { paidHours, overtimeHours: 0, nightHours: nightHoursOf(config, startMinute, shift.hours), hours: shift.hours }, surge).base;
      groups.set(group, 1);
      options.push({ action: 'cancel', pool: a.pool, personId: a.personId, shift: a.shift, time: a.start, hours: -paidHours, cost: -cents((1 - replan.cancelFeeShare) * price), floor, upper: 1, group, after: null, original: a });
    }
  }

  // Call in: an in-house agent off today works a shift starting after the call-in notice.
  for (const agent of ctx.agents ?? []) {
    const pool = pools.get(agent.pool);
    if (!pool || pool.kind !== 'inhouse') continue;
    const own = byPerson.get(agent.id) ?? [];
    if (own.some((x) => x.date === ctx.date)) continue;
    const before = violations(config, own, agent);
    const group = `person|${agent.id}`;
    for (const shift of poolShifts(config, pool)) {
      if (agent.shifts && !agent.shifts.includes(shift.name)) continue;
      for (const start of startsOn(config, shift, ctx.date)) {
        if (start < ctx.nowMinute + config.replan.callInNoticeHours * 60 || Math.floor(start / 60) >= ctx.endHour) continue;
        const after = newAssignment(shift, pool.name, start, agent.id, agent.name, 'agent');
        const floor = floorOf(after, productiveShare(config, pool), ctx.firstHour, ctx.endHour, 1);
        if (!anyUp(floor)) continue;
        if (violations(config, [...own, after], agent) > before) continue;
        const paidHours = paidHoursOf(shift);
        const night = pool.hourlyCost * paidHours * pool.nightPremium * (nightHoursOf(config, start, shift.hours) / shift.hours);
        groups.set(group, 1);
        options.push({ action: 'call-in', pool: pool.name, personId: agent.id, shift: shift.name, time: after.start, hours: paidHours, cost: cents(pool.hourlyCost * paidHours * config.replan.callInMultiplier + night), floor, upper: 1, group, after, original: null });
      }
    }
  }

  // Surge: a vendor's surge seats on a shift starting after the vendor's notice, up to its daily surge cap.
  for (const pool of config.pools) {
    if (pool.kind !== 'vendor' || !pool.surge || pool.pricing.model === 'perInquiry') continue;
    const usedToday = roster.filter((a) => a.pool === pool.name && a.date === ctx.date && (a.surge || /-S\d+$/.test(a.personId))).length;
    const cap = pool.surge.maxAgentsPerDay - usedToday;
    if (cap <= 0) continue;
    const group = `surge|${pool.name}`;
    for (const shift of poolShifts(config, pool)) {
      for (const start of startsOn(config, shift, ctx.date)) {
        if (start < ctx.nowMinute + pool.surge.noticeHours * 60 || Math.floor(start / 60) >= ctx.endHour) continue;
        if (pool.availableFrom !== undefined && ctx.date < pool.availableFrom) continue;
        const after = newAssignment(shift, pool.name, start, '', '', 'seat');
        after.surge = true;
        const floor = floorOf(after, productiveShare(config, pool), ctx.firstHour, ctx.endHour, 1);
        if (!anyUp(floor)) continue;
        const paidHours = paidHoursOf(shift);
        const price = agentShiftCost(pool, { paidHours, overtimeHours: 0, nightHours: nightHoursOf(config, start, shift.hours), hours: shift.hours }, true).base;
        groups.set(group, cap);
        options.push({ action: 'surge', pool: pool.name, personId: '', shift: shift.name, time: after.start, hours: paidHours, cost: cents(price), floor, upper: cap, group, after, original: null });
      }
    }
  }
  return { options, groups };
}
