/**
 * The config file's schema: every field, its type and its default. docs/formats.md's
 * config reference table mirrors this file; keep them in step.
 */
import { z } from 'zod';
import { MAX_CONFIG_QUEUES, MAX_EVENTS, MAX_HOLIDAYS, MAX_NAME_CHARS, MAX_POOLS, MAX_SHIFTS, groupedInt } from '../domain/limits';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

const positive = (what = 'a positive number') =>
  z.number({ error: `expected ${what}` }).positive({ error: `expected ${what}` });
const nonNegative = (what = 'a number >= 0') =>
  z.number({ error: `expected ${what}` }).min(0, { error: `expected ${what}` });
const fraction = (what = 'a number from 0 to 1') =>
  z.number({ error: `expected ${what}` }).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const openFraction = (what = 'a number above 0 and below 1') =>
  z.number({ error: `expected ${what}` }).gt(0, { error: `expected ${what}` }).lt(1, { error: `expected ${what}` });
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const what = max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
  return z
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .min(min, { error: `expected ${what}` })
    .max(max, { error: `expected ${what}` });
};
/**
 * A name's length is checked first and stops the checks (`abort`): no pattern
 * below ever runs on more than MAX_NAME_CHARS characters, so none can overflow
 * the stack (a backtracking match of millions of characters does).
 */
const capped = (what: string) =>
  z
    .string({ error: `expected ${what} (a non-empty string)` })
    .max(MAX_NAME_CHARS, { error: `expected ${what} of at most ${MAX_NAME_CHARS} characters`, abort: true });
/** A list's cap, for the JSON Schema and the reference (config/sizes.ts checks it first, before any item). */
const most = (max: number, items: string) => ({ error: `expected at most ${groupedInt(max)} ${items}` });
const name = (what: string) =>
  capped(what)
    .regex(/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]*$/, {
      error: `expected ${what}: letters, digits, '-', '_' or '.', starting with a letter or digit`,
    });
/**
 * Queue names come from the shop's own exports, so more is allowed than in
 * other names: any printable text (commas, quotes and spaces inside included;
 * every CSV writer quotes per RFC 4180), 1-64 characters, no line breaks or
 * other control characters, no space at either end.
 */
const queueName = capped('a queue name')
  .regex(/^[^\s\p{Cc}](?:[^\p{Cc}]{0,62}[^\s\p{Cc}])?$/u, {
    error: 'expected a queue name of 1-64 printable characters, without a space at either end',
  });
/** Event and holiday names: any letters (Thanksgiving Day, 双十一, Fête nationale), digits, spaces, '-', '_', '.', apostrophes. */
const eventName = (what: string) =>
  capped(what)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.'\-]*$/u, { error: `expected ${what}: letters, digits, spaces, '-', '_', '.' or an apostrophe, starting with a letter or digit` });
const date = z.string({ error: 'expected a date YYYY-MM-DD' }).regex(DATE, { error: 'expected a date YYYY-MM-DD' });
const clock = z.string({ error: 'expected a time HH:MM' }).regex(CLOCK, { error: 'expected a time HH:MM (00:00-23:59)' });

export const targetSchema = z.strictObject({
  /** Share of inquiries answered within `answerSeconds`. */
  serviceLevel: openFraction('a service level above 0 and below 1').default(0.8),
  answerSeconds: nonNegative('seconds >= 0').default(20),
  /** Optional cap on the abandon rate (Erlang A only): "answer rate > 90%" is 0.1. */
  maxAbandonRate: openFraction('an abandon rate above 0 and below 1').optional(),
  /**
   * Hard floor on every hour's service level: the plan holds at least the agents
   * that reach it, or says why it cannot. Default: the lower of 0.6 and `serviceLevel`.
   */
  minServiceLevel: fraction('a service level from 0 to 1').optional(),
});

export const queueSchema = z.strictObject({
  name: queueName.refine((n) => n.toLowerCase() !== 'all', { error: 'expected a queue name other than "all" (reserved for totals)' }),
  /** Share of total volume when the history has no queue column. */
  share: z.number({ error: 'expected a share above 0 and at most 1' }).gt(0, { error: 'expected a share above 0 and at most 1' }).max(1, { error: 'expected a share above 0 and at most 1' }).optional(),
  ahtSeconds: positive('a positive handling time in seconds').default(180),
  /** Sessions one agent handles at once (chat 2-5, phone 1). */
  concurrency: wholeNumber(1, 20).default(1),
  target: targetSchema.default(() => targetSchema.parse({})),
  maxOccupancy: z.number({ error: 'expected an occupancy above 0 and at most 1' }).gt(0, { error: 'expected an occupancy above 0 and at most 1' }).max(1, { error: 'expected an occupancy above 0 and at most 1' }).default(0.85),
  /** Mean patience before abandoning; set it to size with Erlang A instead of Erlang C. */
  patienceSeconds: positive('a positive patience in seconds').optional(),
  /** What one inquiry not answered within the target time costs; default: the top-level `costPerLostInquiry`. */
  costPerLostInquiry: nonNegative('a cost >= 0').optional(),
});

export const breakSchema = z.strictObject({
  /** Length of the break. */
  minutes: wholeNumber(5, 240),
  /** The break lies within [earliest, latest] hours after the shift start; it starts on a whole hour. */
  earliest: wholeNumber(0, 23),
  latest: wholeNumber(1, 24),
});

export const shiftSchema = z.strictObject({
  name: name('a shift name'),
  code: z.string({ error: 'expected a shift code of 1-3 capital letters' }).regex(/^[A-Z]{1,3}$/, { error: 'expected a shift code of 1-3 capital letters' }).refine((c) => c !== 'OFF', { error: 'expected a shift code other than OFF' }),
  start: clock,
  hours: z.number({ error: 'expected shift hours from 1 to 16' }).int({ error: 'expected whole shift hours from 1 to 16' }).min(1, { error: 'expected shift hours from 1 to 16' }).max(16, { error: 'expected shift hours from 1 to 16' }),
  /** Paid hours (hours minus unpaid breaks); defaults to `hours`. */
  paidHours: positive('positive paid hours').optional(),
  /** Alternative starts, in whole hours after `start`. */
  startOffsets: z.array(wholeNumber(0, 23), { error: 'expected a list of whole hours' }).min(1, { error: 'expected at least one start offset' }).max(24, most(24, 'start offsets (one per hour of the day)')).default([0]),
  /**
   * Breaks, placed by the planner inside their window and subtracted from
   * coverage. Default: one break of the unpaid time (hours - paidHours) in the
   * middle third of the shift.
   */
  breaks: z.array(breakSchema, { error: 'expected a list of breaks' }).optional(),
  /**
   * Dates the shift may be worked on: `YYYY-MM-DD`, `YYYY-MM-DD..YYYY-MM-DD`, or an
   * event name (the event's anchor day, e.g. "double-11" = Nov 11). A start is
   * allowed when any hour it covers falls on one of them. Default: every date.
   */
  onlyOn: z.array(z.string({ error: 'expected a date, a date range or an event name' }), { error: 'expected a list of dates, date ranges or event names' }).min(1, { error: 'expected at least one date or event' }).optional(),
});

const poolCommon = {
  name: name('a pool name'),
  /** Shift names this pool may work; default all shifts. */
  shifts: z.array(z.string({ error: 'expected a shift name' }), { error: 'expected a list of shift names' }).max(MAX_SHIFTS, most(MAX_SHIFTS, 'shift names')).optional(),
  /** Queue names this pool may serve; default all queues. */
  queues: z.array(z.string({ error: 'expected a queue name' }), { error: 'expected a list of queue names' }).max(MAX_CONFIG_QUEUES, most(MAX_CONFIG_QUEUES, 'queue names')).optional(),
  /** Productive output of one agent relative to a fully productive in-house agent. */
  productivity: z.number({ error: 'expected a productivity above 0 and at most 2' }).gt(0, { error: 'expected a productivity above 0 and at most 2' }).max(2, { error: 'expected a productivity above 0 and at most 2' }).default(1),
  minAgentsPerDay: wholeNumber(0).default(0),
  maxAgentsPerDay: wholeNumber(0).optional(),
};

export const overtimeSchema = z.strictObject({
  /** Longest extension of one shift, whole hours. */
  maxHoursPerShift: wholeNumber(1, 4).default(2),
  /** Overtime hours one agent may work in any 7 days. */
  maxHoursPerWeek: wholeNumber(0, 40).default(6),
  /** Pay per overtime hour as a multiple of hourlyCost (China's labour law: 1.5 on workdays). */
  multiplier: z.number({ error: 'expected a multiplier from 1 to 5' }).min(1, { error: 'expected a multiplier from 1 to 5' }).max(5, { error: 'expected a multiplier from 1 to 5' }).default(1.5),
});

export const inhousePoolSchema = z.strictObject({
  ...poolCommon,
  kind: z.literal('inhouse'),
  headcount: wholeNumber(0).default(0),
  hourlyCost: nonNegative('an hourly cost >= 0').default(0),
  /** Extra share of the hourly cost paid for night hours (22:00-06:00): 0.3 = +30%. */
  nightPremium: nonNegative('a night premium >= 0').default(0),
  maxDaysPerWeek: wholeNumber(1, 7).default(5),
  /** Overtime: the planner may extend a shift by 1..maxHoursPerShift hours at hourlyCost x multiplier. */
  overtime: overtimeSchema.optional(),
});

export const pricingSchema = z.strictObject({
  model: z.enum(['perHour', 'perSeatShift', 'perInquiry', 'fixedPlusHourly'], {
    error: 'expected one of perHour, perSeatShift, perInquiry, fixedPlusHourly',
  }),
  /** perHour / fixedPlusHourly: per paid hour; perSeatShift: per agent-shift; perInquiry: per handled inquiry. */
  rate: positive('a positive number'),
  /** fixedPlusHourly: fee charged once if the vendor is used. */
  fixedFee: nonNegative('a fee >= 0').default(0),
});

export const surgeSchema = z.strictObject({
  /** Most surge agents on one date. */
  maxAgentsPerDay: wholeNumber(1),
  /** Price of a surge agent, in the unit of the vendor's pricing (per paid hour or per seat-shift). */
  rate: positive('a positive rate'),
  /** Hours of notice the vendor needs to send surge agents (used by the event-day re-plan). */
  noticeHours: nonNegative('hours >= 0').default(24),
});

export const vendorPoolSchema = z.strictObject({
  ...poolCommon,
  kind: z.literal('vendor'),
  pricing: pricingSchema,
  /** Charged once if the vendor is used at all (coordination cost). */
  engagementFee: nonNegative('a fee >= 0').default(0),
  /** First date the vendor's agents can work. */
  availableFrom: date.optional(),
  /** Paid training days per seat before go-live. */
  trainingDays: wholeNumber(0, 60).default(3),
  /** Cost of one training day per seat; default: one paid shift at the pool's pricing. */
  trainingCostPerDay: nonNegative('a cost >= 0').optional(),
  /** One-off cost per seat the vendor sets up (charged on the plan's peak seat count). */
  seatCost: nonNegative('a cost >= 0').default(0),
  /** Optional limits on this vendor's share of productive agent-hours. */
  minShare: fraction().optional(),
  maxShare: fraction().optional(),
  /** Surge seats: extra agents beyond maxAgentsPerDay at a surge rate, with no training or seat cost. */
  surge: surgeSchema.optional(),
});

export const poolSchema = z.discriminatedUnion('kind', [inhousePoolSchema, vendorPoolSchema], {
  error: 'expected kind "inhouse" or "vendor"',
});

/**
 * Events the calendar knows without an anchor: lunar festivals, Gregorian
 * promotions and mainland public holidays. A config event with one of these
 * names and no anchor adjusts the built-in (window, hours, uplift).
 */
export const BUILTIN_PROMOTIONS = ['spring-festival', 'lantern', 'dragon-boat', 'qixi', 'mid-autumn', 'goddess-day', '618', 'double-11', 'double-12'] as const;
export const BUILTIN_PUBLIC_HOLIDAYS = ['new-year', 'tomb-sweeping', 'labour-day', 'national-day'] as const;
export const BUILTIN_EVENT_NAMES = [...BUILTIN_PROMOTIONS, ...BUILTIN_PUBLIC_HOLIDAYS] as const;

export const eventSchema = z.strictObject({
  name: eventName('an event name'),
  /** Gregorian anchor date (one-off event); for a yearly event use `monthDay`. */
  date: date.optional(),
  /** Yearly Gregorian anchor `MM-DD`. */
  monthDay: z.string({ error: 'expected MM-DD' }).regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected MM-DD' }).optional(),
  /** Yearly lunar anchor `MM-DD` (lunar month and day). */
  lunarDate: z.string({ error: 'expected a lunar MM-DD' }).regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30)$/, { error: 'expected a lunar MM-DD' }).optional(),
  startOffsetDays: wholeNumber(-60, 0).optional(),
  endOffsetDays: wholeNumber(0, 60).optional(),
  /** Hours of the anchor day the event is concentrated in, [from, to) e.g. [0, 2]. */
  hours: z.tuple([wholeNumber(0, 23), wholeNumber(1, 24)], { error: 'expected [fromHour, toHour]' }).optional(),
  /** Multiplier on volume in the window (1.3 = +30%); scales a learned effect. */
  uplift: positive('a positive multiplier').optional(),
});

export const outsourcingSchema = z.strictObject({
  /** Vendor share of productive agent-hours, lower and upper bound. */
  min: fraction().default(0),
  max: fraction().default(1),
  scope: z.enum(['horizon', 'week', 'day'], { error: 'expected one of horizon, week, day' }).default('horizon'),
});

export const solverSchema = z.strictObject({
  name: z.enum(['highs', 'jslp'], { error: 'expected highs or jslp' }).default('highs'),
  mipRelGap: z.number({ error: 'expected a relative gap from 0 to 0.5' }).min(0, { error: 'expected a relative gap from 0 to 0.5' }).max(0.5, { error: 'expected a relative gap from 0 to 0.5' }).default(0.005),
  mipAbsGap: nonNegative('an absolute gap >= 0').default(1),
  timeLimitSeconds: positive('a positive number of seconds').default(300),
  /** Plans longer than this many days are solved in 14-day windows (windows.ts); 0: never. */
  windowsFromDays: wholeNumber(0, 3660).default(0),
});

/** One row of a holiday calendar (`calendar.holidays`, or a `calendar.holidaysFile` CSV). */
export const HOLIDAY_KINDS = ['holiday', 'closed', 'event'] as const;
export const holidaySchema = z.strictObject({
  date,
  /** Rows with the same name are one recurring holiday (Thanksgiving 2013, 2014, ...). */
  name: eventName('a holiday name'),
  /** holiday: volume changes around it; closed: nothing is answered that day; event: learned by name only. */
  kind: z.enum(HOLIDAY_KINDS, { error: `expected one of ${HOLIDAY_KINDS.join(', ')}` }).default('holiday'),
});

export const calendarSchema = z.strictObject({
  /** Built-in calendar: cn (Chinese promotions, lunar festivals, mainland holidays) or none. */
  region: z.enum(['cn', 'none'], { error: 'expected cn or none' }).default('cn'),
  /** With region cn: use the built-in promotions and lunar festivals. */
  builtinEvents: z.boolean({ error: 'expected true or false' }).default(true),
  /** First day of the Double 11 presale, MM-DD. */
  double11PresaleStart: z.string({ error: 'expected MM-DD' }).regex(/^(10|11)-(0[1-9]|[12]\d|3[01])$/, { error: 'expected MM-DD in October or November' }).default('10-20'),
  /** With region cn: use mainland public holidays and make-up workdays where known. */
  publicHolidays: z.boolean({ error: 'expected true or false' }).default(true),
  /** CSV `date,name[,kind]` of the operation's own holidays, relative to the config file; read into `holidays`. */
  holidaysFile: z.string({ error: 'expected a file name' }).min(1, { error: 'expected a file name' }).optional(),
  /** Holidays given inline (the rows of `holidaysFile` are added to these). */
  holidays: z.array(holidaySchema, { error: 'expected a list of holidays' }).max(MAX_HOLIDAYS, most(MAX_HOLIDAYS, 'holidays')).default([]),
});

export const forecastSchema = z.strictObject({
  /** Which forecast quantile the staffing sizes for. */
  quantile: z.enum(['p50', 'p90'], { error: 'expected p50 or p90' }).default('p50'),
  /**
   * Price lost service by its expectation over the forecast's band (p10-p90)
   * instead of at the sized quantile alone; the hourly floor stays on `quantile`.
   * Unset means false, and stays out of the parsed config (plan folders' config.json
   * stays as it was).
   */
  hedge: z.boolean({ error: 'expected true or false' }).optional(),
});

export const rosterSchema = z.strictObject({
  /** Hours off between the end of one shift and the start of the next (agents and vendor seats). */
  minRestHours: z.number({ error: 'expected rest hours from 0 to 24' }).min(0, { error: 'expected rest hours from 0 to 24' }).max(24, { error: 'expected rest hours from 0 to 24' }).default(11),
  /** Longest run of working days in a row (agents and vendor seats). */
  maxConsecutiveDays: wholeNumber(1, 14).default(6),
});

/** Limits on the shifts `design-shifts` may propose for one pool (unset fields follow `design`). */
export const designPoolSchema = z.strictObject({
  name: name('a pool name'),
  earliestStart: clock.optional(),
  latestStart: clock.optional(),
  minHours: wholeNumber(1, 16).optional(),
  maxHours: wholeNumber(1, 16).optional(),
  /** May this pool work shifts with hours in the night window (`nightHours`)? */
  night: z.boolean({ error: 'expected true or false' }).optional(),
  /** At most this many shift types for this pool. */
  maxTypes: wholeNumber(1, 50).optional(),
});

/**
 * Shift design (`peakshift design-shifts`): the candidate shifts and the limits on
 * the menu. Defaults follow common practice under PRC labour rules: shifts of
 * 4-10 hours on the floor, an unpaid 1-hour meal break in any shift longer than
 * 6 hours, at most 5 shift types.
 */
export const designSchema = z.strictObject({
  earliestStart: clock.default('00:00'),
  latestStart: clock.default('23:00'),
  minHours: wholeNumber(1, 16).default(4),
  maxHours: wholeNumber(1, 16).default(10),
  /** Shifts longer than this many hours get an unpaid break of `breakMinutes`. */
  breakAfterHours: wholeNumber(1, 16).default(6),
  breakMinutes: wholeNumber(0, 120).default(60),
  night: z.boolean({ error: 'expected true or false' }).default(true),
  maxTypes: wholeNumber(1, 50).default(5),
  /** Safety time limit of each design solve, seconds (they stop at node limits; reaching this is exit 4). */
  timeLimitSeconds: positive('a positive number of seconds').default(600),
  pools: z.array(designPoolSchema, { error: 'expected a list of pool limits' }).max(MAX_POOLS, most(MAX_POOLS, 'pool limits')).default([]),
});

/** The design settings in force: the config's, or every default. */
export function designOf(config: { design?: DesignConfig | undefined }): DesignConfig {
  return config.design ?? designSchema.parse({});
}

/** The event-day re-plan (`peakshift replan`): the notice and price of each change it may make. */
export const replanSchema = z.strictObject({
  /** Hours between calling an in-house agent in on a day off and the start of that shift. */
  callInNoticeHours: nonNegative('hours >= 0').default(2),
  /** Pay of a called-in shift as a multiple of hourlyCost (China's labour law: 2 on a rest day). */
  callInMultiplier: z.number({ error: 'expected a multiplier from 1 to 5' }).min(1, { error: 'expected a multiplier from 1 to 5' }).max(5, { error: 'expected a multiplier from 1 to 5' }).default(2),
  /** A vendor shift may be cancelled up to this many hours before it starts. */
  cancelNoticeHours: nonNegative('hours >= 0').default(4),
  /** Share of a cancelled vendor shift's price still owed to the vendor. */
  cancelFeeShare: fraction().default(0.5),
  /** Hours between telling an agent to go home and the hour they leave. */
  sendHomeNoticeHours: nonNegative('hours >= 0').default(1),
  /** Share of the hours not worked still paid to an agent sent home (voluntary time off). */
  sendHomePaidShare: fraction().default(0.5),
  /** An hour whose updated forecast is within this share of the plan's counts as on forecast (no change made for it). */
  deadBand: fraction().default(0.02),
});

// Capacity planning (`peakshift capacity`): recruiting, training, ramp, attrition, vendor contracts.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One step of the productivity ramp after training: `weeks` weeks at this speed. */
export const rampStepSchema = z.strictObject({
  weeks: wholeNumber(1, 52),
  /** Handling time as a multiple of a full-speed agent's (1.5 = 50% longer). */
  ahtMultiplier: z.number({ error: 'expected an AHT multiplier from 1 to 10' }).min(1, { error: 'expected an AHT multiplier from 1 to 10' }).max(10, { error: 'expected an AHT multiplier from 1 to 10' }),
  /** Sessions at once, capped at each queue's own concurrency; unset: the queue's. */
  concurrency: wholeNumber(1, 20).optional(),
});

export const capacityVendorSchema = z.strictObject({
  name: name('a vendor pool name'),
  /** Weeks between ordering seats and the seats going live (the vendor recruits and trains). */
  leadWeeks: wholeNumber(0, 52).default(2),
  /** Every seat ordered is paid for at least this many weeks. */
  minTermWeeks: wholeNumber(1, 52).default(4),
  /** Seats already under contract in the first week. */
  seatsAtStart: wholeNumber(0).default(0),
});

/** Trade figures (docs/capacity.md): 4-8 weeks of training, about 50% speed in the first month, a few % of temps leaving a week, 60% recruiting yield. */
export const capacitySchema = z.strictObject({
  /** In-house pool the hires join; default: the first in-house pool. */
  pool: name('an in-house pool name').optional(),
  /** Paid hours one agent (or one vendor seat) works in a week, training included. */
  hoursPerWeek: z.number({ error: 'expected paid hours per week above 0 and at most 84' }).gt(0, { error: 'expected paid hours per week above 0 and at most 84' }).max(84, { error: 'expected paid hours per week above 0 and at most 84' }).default(40),
  /** Demand the people are planned for: months ahead a missing agent cannot be hired in a week, a spare one can be released. */
  quantile: z.enum(['p50', 'p90'], { error: 'expected p50 or p90' }).default('p90'),
  /** Required / scheduled productive agent-hours of a shift plan (a plan's scheduleEfficiency; `--efficiency-from`). */
  shiftEfficiency: z.number({ error: 'expected an efficiency above 0 and at most 1' }).gt(0, { error: 'expected an efficiency above 0 and at most 1' }).max(1, { error: 'expected an efficiency above 0 and at most 1' }).default(0.7),
  recruitingLeadWeeks: wholeNumber(0, 52).default(3),
  /** Weeks of paid training before an agent takes inquiries. */
  trainingWeeks: wholeNumber(0, 52).default(4),
  classSize: z.strictObject({ min: wholeNumber(1, 1000).default(5), max: wholeNumber(1, 1000).default(30) }).default(() => ({ min: 5, max: 30 })),
  /** Weekdays a training class may start on. */
  classStartWeekdays: z.array(z.enum(WEEKDAYS, { error: `expected one of ${WEEKDAYS.join(', ')}` }), { error: 'expected a list of weekdays' }).min(1, { error: 'expected at least one weekday' }).default(['mon']),
  /** Recruiting cost per recruit who starts training (ads, agency fee, onboarding). */
  costPerHire: nonNegative('a cost >= 0').default(1500),
  /** Share of recruits who finish training and go live. */
  recruitingYield: z.number({ error: 'expected a yield above 0 and at most 1' }).gt(0, { error: 'expected a yield above 0 and at most 1' }).max(1, { error: 'expected a yield above 0 and at most 1' }).default(0.6),
  /** Speed after training, step by step; full speed after the last step. */
  ramp: z.array(rampStepSchema, { error: 'expected a list of ramp steps' }).max(20, { error: 'expected at most 20 ramp steps' }).default(() => [
    { weeks: 4, ahtMultiplier: 2 },
    { weeks: 4, ahtMultiplier: 1.33 },
    { weeks: 4, ahtMultiplier: 1.1 },
  ]),
  /** Share of agents leaving each week. */
  attrition: z.strictObject({ tempPerWeek: fraction().default(0.03), permanentPerWeek: fraction().default(0.005) }).default(() => ({ tempPerWeek: 0.03, permanentPerWeek: 0.005 })),
  temps: z
    .strictObject({
      /** Weeks from the first training day to the contract's end. */
      contractWeeks: wholeNumber(1, 156).default(26),
      /** Weeks of notice before an early release. */
      releaseNoticeWeeks: wholeNumber(0, 26).default(1),
      /** Wage per paid hour, training included; default: the pool's hourlyCost. */
      hourlyCost: nonNegative('an hourly cost >= 0').optional(),
    })
    .default(() => ({ contractWeeks: 26, releaseNoticeWeeks: 1 })),
  /** Contract terms per vendor pool; vendors not listed take the defaults. */
  vendors: z.array(capacityVendorSchema, { error: 'expected a list of vendor contract terms' }).default([]),
});

export const DEFAULT_SHIFTS = [
  { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, startOffsets: [0, 1, 2] },
  { name: 'middle', code: 'M', start: '13:00', hours: 9, paidHours: 8, startOffsets: [0, 1] },
  { name: 'night', code: 'N', start: '22:00', hours: 10, paidHours: 9, startOffsets: [0] },
];

export const configSchema = z.strictObject({
  timezone: z.string({ error: 'expected an IANA time zone name' }).default('Asia/Shanghai'),
  currency: z.string({ error: 'expected a currency code' }).regex(/^[A-Z]{3}$/, { error: 'expected a 3-letter currency code' }).default('CNY'),
  /** Language of the files and summaries for people (`--lang` wins); unset: the system locale, else English. */
  language: z.enum(['en', 'zh'], { error: 'expected en or zh' }).optional(),
  /** The shop or team the plan is for, printed in roster.xlsx's page headers. */
  shop: z.string({ error: 'expected a shop name' }).trim().min(1, { error: 'expected a shop name of 1-80 characters' }).max(80, { error: 'expected a shop name of 1-80 characters' }).optional(),
  horizon: z.strictObject({ start: date, end: date }).optional(),
  queues: z.array(queueSchema, { error: 'expected a list of queues' }).min(1, { error: 'expected at least one queue' }).max(MAX_CONFIG_QUEUES, most(MAX_CONFIG_QUEUES, 'queues')).default(() => [queueSchema.parse({ name: 'inquiries' })]),
  /** Share of scheduled time not spent handling inquiries (breaks, training, meetings). */
  shrinkage: z.number({ error: 'expected a shrinkage from 0 to below 1' }).min(0, { error: 'expected a shrinkage from 0 to below 1' }).lt(1, { error: 'expected a shrinkage from 0 to below 1' }).default(0.3),
  shifts: z.array(shiftSchema, { error: 'expected a list of shifts' }).min(1, { error: 'expected at least one shift' }).max(MAX_SHIFTS, most(MAX_SHIFTS, 'shifts')).default(() => DEFAULT_SHIFTS.map((s) => shiftSchema.parse(s))),
  pools: z.array(poolSchema, { error: 'expected a list of pools' }).min(1, { error: 'expected at least one pool' }).max(MAX_POOLS, most(MAX_POOLS, 'pools')).default(() => [inhousePoolSchema.parse({ name: 'in-house', kind: 'inhouse', headcount: 50, hourlyCost: 30 })]),
  outsourcing: outsourcingSchema.default(() => outsourcingSchema.parse({})),
  events: z.array(eventSchema, { error: 'expected a list of events' }).max(MAX_EVENTS, most(MAX_EVENTS, 'events')).default([]),
  calendar: calendarSchema.default(() => calendarSchema.parse({})),
  forecast: forecastSchema.default(() => forecastSchema.parse({})),
  /**
   * What one inquiry not answered within its queue's target time costs (lost
   * sales, refunds, platform penalties), in the currency. The plan prices each
   * missing agent by the inquiries it would have answered in time. Default 10
   * (see `DEFAULT_COST_PER_LOST_INQUIRY`).
   */
  costPerLostInquiry: nonNegative('a cost >= 0').optional(),
  /** Deprecated: a flat cost per missing productive agent-hour; read as costPerLostInquiry = penalty x agent-hours per inquiry. */
  understaffingPenalty: nonNegative('a penalty >= 0').optional(),
  /**
   * Hours of the day that earn the in-house night premium, [from, to): an hour h is a
   * night hour when h >= from or h < to (default 22:00-06:00).
   */
  nightHours: z.tuple([wholeNumber(0, 23), wholeNumber(0, 23)], { error: 'expected [fromHour, toHour]' }).default([22, 6]),
  /** Floor on scheduled agents in every hour, even with no demand. */
  minAgentsPerHour: wholeNumber(0).default(0),
  solver: solverSchema.default(() => solverSchema.parse({})),
  roster: rosterSchema.default(() => rosterSchema.parse({})),
  /** Left out of the parsed config when not given (plan folders' config.json stays as it was); read through `designOf`. */
  design: designSchema.optional(),
  replan: replanSchema.default(() => replanSchema.parse({})),
  /** Left out of the parsed config when not given (like `design`); read through `capacityOf`. */
  capacity: capacitySchema.optional(),
});

export type Config = z.output<typeof configSchema>;
export type QueueConfig = z.output<typeof queueSchema>;
export type ShiftConfig = z.output<typeof shiftSchema>;
export type PoolConfig = z.output<typeof poolSchema>;
export type InhousePoolConfig = z.output<typeof inhousePoolSchema>;
export type VendorPoolConfig = z.output<typeof vendorPoolSchema>;
export type PricingConfig = z.output<typeof pricingSchema>;
export type EventConfig = z.output<typeof eventSchema>;
export type HolidayConfig = z.output<typeof holidaySchema>;
export type CalendarConfig = z.output<typeof calendarSchema>;
export type OutsourcingConfig = z.output<typeof outsourcingSchema>;
export type SolverConfig = z.output<typeof solverSchema>;
export type RosterConfig = z.output<typeof rosterSchema>;
export type ReplanConfig = z.output<typeof replanSchema>;
export type BreakConfig = z.output<typeof breakSchema>;
export type OvertimeConfig = z.output<typeof overtimeSchema>;
export type SurgeConfig = z.output<typeof surgeSchema>;
export type DesignConfig = z.output<typeof designSchema>;
export type DesignPoolConfig = z.output<typeof designPoolSchema>;
export type CapacityConfig = z.output<typeof capacitySchema>;
export type RampStepConfig = z.output<typeof rampStepSchema>;
export type CapacityVendorConfig = z.output<typeof capacityVendorSchema>;

/** The capacity settings in force: the config's, or every default. */
export function capacityOf(config: { capacity?: CapacityConfig | undefined }): CapacityConfig {
  return config.capacity ?? capacitySchema.parse({});
}
