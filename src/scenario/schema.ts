/**
 * The scenario file: a base (config + history or demand + optional agents) and
 * named scenarios, each a list of overrides. Every override is an object with
 * exactly one key naming its kind; its fields are validated here, and its
 * effect on the config is validated again by parseConfig when it is applied.
 */
import { z } from 'zod';
import { describeValue } from '../domain';
import { formatPath } from '../config';
import { ScenarioError } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const num = (what: string) => z.number({ error: `expected ${what}` });
const positive = (what = 'a positive number') => num(what).positive({ error: `expected ${what}` });
const nonNegative = (what = 'a number >= 0') => num(what).min(0, { error: `expected ${what}` });
const fraction = (what = 'a number from 0 to 1') => num(what).min(0, { error: `expected ${what}` }).max(1, { error: `expected ${what}` });
const whole = (min: number, max?: number) => {
  const what = max === undefined ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
  const base = num(what).int({ error: `expected ${what}` }).min(min, { error: `expected ${what}` });
  return max === undefined ? base : base.max(max, { error: `expected ${what}` });
};
const text = (what: string) => z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
const date = z.string({ error: 'expected a date YYYY-MM-DD' }).regex(DATE, { error: 'expected a date YYYY-MM-DD' });
const hoursOfDay = z.tuple([whole(0, 23), whole(1, 24)], { error: 'expected [fromHour, toHour]' });

/** Volume multiplier, on every hour or only the hours matching every limit given. */
export const volumeOverrideSchema = z.union(
  [
    positive('a positive multiplier'),
    z.strictObject({
      multiplier: positive('a positive multiplier'),
      /** Only hours of this event (the demand's `event` column). */
      event: text('an event name').optional(),
      /** Only this queue. */
      queue: text('a queue name').optional(),
      /** Only dates from `from` to `to`, inclusive. */
      from: date.optional(),
      to: date.optional(),
      /** Only hours of the day in [fromHour, toHour). */
      hours: hoursOfDay.optional(),
    }),
  ],
  { error: 'expected a multiplier or { multiplier, event?, queue?, from?, to?, hours? }' },
);

/** Add, move, resize or remove an event of the config (applied by the forecast). */
export const eventOverrideSchema = z.strictObject({
  name: text('an event name'),
  remove: z.literal(true, { error: 'expected true' }).optional(),
  date: date.optional(),
  monthDay: z.string({ error: 'expected MM-DD' }).regex(/^\d{2}-\d{2}$/, { error: 'expected MM-DD' }).optional(),
  lunarDate: z.string({ error: 'expected a lunar MM-DD' }).regex(/^\d{2}-\d{2}$/, { error: 'expected a lunar MM-DD' }).optional(),
  startOffsetDays: whole(-60, 0).optional(),
  endOffsetDays: whole(0, 60).optional(),
  hours: hoursOfDay.optional(),
  uplift: positive('a positive multiplier').optional(),
});

export const outsourcingOverrideSchema = z.strictObject({
  min: fraction().optional(),
  max: fraction().optional(),
  scope: z.enum(['horizon', 'week', 'day'], { error: 'expected one of horizon, week, day' }).optional(),
});

/** Change or remove a pool. Fields that belong to the other kind of pool are an error. */
export const poolOverrideSchema = z.strictObject({
  name: text('a pool name'),
  remove: z.literal(true, { error: 'expected true' }).optional(),
  // both kinds
  productivity: positive('a productivity above 0').optional(),
  minAgentsPerDay: whole(0).optional(),
  /** Capacity: most agents a day. */
  maxAgentsPerDay: whole(0).optional(),
  shifts: z.array(text('a shift name'), { error: 'expected a list of shift names' }).optional(),
  // in-house
  headcount: whole(0).optional(),
  hourlyCost: nonNegative('an hourly cost >= 0').optional(),
  nightPremium: nonNegative('a night premium >= 0').optional(),
  maxDaysPerWeek: whole(1, 7).optional(),
  // vendor
  rate: positive('a positive rate').optional(),
  /** Multiplies the vendor's rate (1.1 = +10%). */
  rateMultiplier: positive('a positive multiplier').optional(),
  engagementFee: nonNegative('a fee >= 0').optional(),
  availableFrom: date.optional(),
  trainingDays: whole(0, 60).optional(),
  minShare: fraction().optional(),
  maxShare: fraction().optional(),
});

/** Change one queue (`name`) or every queue (no name). */
export const queueOverrideSchema = z.strictObject({
  name: text('a queue name').optional(),
  ahtSeconds: positive('a positive handling time in seconds').optional(),
  /** Multiplies the handling time (1.2 = +20%). */
  ahtMultiplier: positive('a positive multiplier').optional(),
  concurrency: whole(1, 20).optional(),
  serviceLevel: num('a service level above 0 and below 1').gt(0, { error: 'expected a service level above 0 and below 1' }).lt(1, { error: 'expected a service level above 0 and below 1' }).optional(),
  answerSeconds: nonNegative('seconds >= 0').optional(),
  maxAbandonRate: num('an abandon rate above 0 and below 1').gt(0, { error: 'expected an abandon rate above 0 and below 1' }).lt(1, { error: 'expected an abandon rate above 0 and below 1' }).optional(),
  patienceSeconds: positive('a positive patience in seconds').optional(),
  maxOccupancy: num('an occupancy above 0 and at most 1').gt(0, { error: 'expected an occupancy above 0 and at most 1' }).max(1, { error: 'expected an occupancy above 0 and at most 1' }).optional(),
});

export const OVERRIDE_KINDS = ['volume', 'event', 'outsourcing', 'pool', 'queue', 'shrinkage', 'quantile'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

const overrideSchemas = {
  volume: volumeOverrideSchema,
  event: eventOverrideSchema,
  outsourcing: outsourcingOverrideSchema,
  pool: poolOverrideSchema,
  queue: queueOverrideSchema,
  shrinkage: num('a shrinkage from 0 to below 1'),
  quantile: z.enum(['p50', 'p90'], { error: 'expected p50 or p90' }),
} as const;

export interface VolumeOverride {
  multiplier: number;
  event?: string;
  queue?: string;
  from?: string;
  to?: string;
  hours?: [number, number];
}

export type Override =
  | { kind: 'volume'; value: VolumeOverride }
  | { kind: 'event'; value: z.output<typeof eventOverrideSchema> }
  | { kind: 'outsourcing'; value: z.output<typeof outsourcingOverrideSchema> }
  | { kind: 'pool'; value: z.output<typeof poolOverrideSchema> }
  | { kind: 'queue'; value: z.output<typeof queueOverrideSchema> }
  | { kind: 'shrinkage'; value: number }
  | { kind: 'quantile'; value: 'p50' | 'p90' };

export interface Scenario {
  name: string;
  description: string;
  overrides: Override[];
}

export interface BaseSpec {
  name: string;
  /** Path (relative to the scenario file) or inline config object. */
  config: string | Record<string, unknown>;
  history?: string;
  demand?: string;
  agents?: string;
  start?: string;
  end?: string;
}

export type ArrivalBasis = 'forecast' | 'p90';

export interface SimulationSpec {
  runs: number;
  seed: number;
  arrivals: ArrivalBasis;
  handling: 'exponential' | 'lognormal';
  /** Coefficient of variation of lognormal handling times. */
  handlingCv: number;
}

export interface ScenarioFile {
  base: BaseSpec;
  scenarios: Scenario[];
  sweeps: string[];
  simulation: SimulationSpec;
}

const baseSchema = z.strictObject({
  name: text('a name').default('base'),
  config: z.union([text('a config file path'), z.record(z.string(), z.unknown())], { error: 'expected a config file path or an inline config object' }),
  history: text('a history CSV path').optional(),
  demand: text('a forecast CSV path').optional(),
  agents: text('an agents CSV path').optional(),
  start: date.optional(),
  end: date.optional(),
});

/** Runs of a plan simulation unless told otherwise: `simulate` and `whatif` alike. */
export const DEFAULT_SIMULATION_RUNS = 5;

export const simulationSchema = z.strictObject({
  runs: whole(1, 1000).default(DEFAULT_SIMULATION_RUNS),
  seed: whole(0).default(1),
  arrivals: z.enum(['forecast', 'p90'], { error: 'expected forecast or p90' }).default('forecast'),
  handling: z.enum(['exponential', 'lognormal'], { error: 'expected exponential or lognormal' }).default('exponential'),
  handlingCv: positive('a positive coefficient of variation').default(1),
});

const fileSchema = z.strictObject({
  base: baseSchema,
  scenarios: z.array(z.unknown(), { error: 'expected a list of scenarios' }).default([]),
  sweeps: z.array(text('a sweep like volume=0.8:1.5:0.1'), { error: 'expected a list of sweeps' }).default([]),
  simulation: simulationSchema.default(() => simulationSchema.parse({})),
});

const scenarioHeadSchema = z.strictObject({
  name: text('a scenario name (a non-empty string)'),
  description: z.string({ error: 'expected a description' }).default(''),
  overrides: z.array(z.unknown(), { error: 'expected a list of overrides' }).default([]),
});

/** `path: problem, got value` for the first zod issue. */
function firstIssue(error: z.ZodError, prefix: ReadonlyArray<PropertyKey>): { path: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { path: formatPath(prefix), problem: 'invalid value' };
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return { path: formatPath([...path, issue.keys[0] ?? '']), problem: 'unknown field' };
  }
  const input = (issue as { input?: unknown }).input;
  let problem = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (!problem.startsWith('expected')) problem = `expected ${problem}`;
  return { path: formatPath(path), problem: `${problem}, got ${describeValue(input)}` };
}

const FIELDS: Record<OverrideKind, string> = {
  volume: 'multiplier, event, queue, from, to, hours',
  event: 'name, remove, date, monthDay, lunarDate, startOffsetDays, endOffsetDays, hours, uplift',
  outsourcing: 'min, max, scope',
  pool: 'name, remove, productivity, minAgentsPerDay, maxAgentsPerDay, shifts, headcount, hourlyCost, nightPremium, maxDaysPerWeek, rate, rateMultiplier, engagementFee, availableFrom, trainingDays, minShare, maxShare',
  queue: 'name, ahtSeconds, ahtMultiplier, concurrency, serviceLevel, answerSeconds, maxAbandonRate, patienceSeconds, maxOccupancy',
  shrinkage: '',
  quantile: '',
};

/** Validate one override; `index` locates it inside the scenario. */
export function parseOverride(raw: unknown, scenario: string, index: number, file?: string): Override {
  const at = `overrides[${index}]`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioError(scenario, at, `expected an object like { "volume": 1.3 }, got ${describeValue(raw)}`, file);
  }
  const keys = Object.keys(raw);
  const kinds = OVERRIDE_KINDS.join(', ');
  if (keys.length !== 1) {
    throw new ScenarioError(scenario, at, `expected exactly one of ${kinds}, got ${keys.length === 0 ? 'none' : keys.join(', ')}`, file);
  }
  const kind = keys[0] as string;
  if (!(OVERRIDE_KINDS as readonly string[]).includes(kind)) {
    throw new ScenarioError(scenario, `${at}.${kind}`, `unknown override; expected one of ${kinds}`, file);
  }
  const k = kind as OverrideKind;
  const value = (raw as Record<string, unknown>)[k];
  const result = overrideSchemas[k].safeParse(value, { reportInput: true });
  if (!result.success) {
    const { path, problem } = firstIssue(result.error, [k]);
    const fields = FIELDS[k] && problem === 'unknown field' ? `; expected one of ${FIELDS[k]}` : '';
    throw new ScenarioError(scenario, `${at}.${path}`, `${problem}${fields}`, file);
  }
  if (k === 'volume') {
    const v = result.data as z.output<typeof volumeOverrideSchema>;
    const volume: VolumeOverride = typeof v === 'number' ? { multiplier: v } : { ...v };
    if (volume.hours && volume.hours[1] <= volume.hours[0]) {
      throw new ScenarioError(scenario, `${at}.volume.hours`, `expected [from, to] with to > from, got [${volume.hours[0]}, ${volume.hours[1]}]`, file);
    }
    if (volume.from && volume.to && volume.to < volume.from) {
      throw new ScenarioError(scenario, `${at}.volume.to`, `expected a date on or after from (${volume.from}), got "${volume.to}"`, file);
    }
    return { kind: 'volume', value: volume };
  }
  return { kind: k, value: result.data } as Override;
}

/** Validate a scenario; `index` locates it in the file when it has no usable name. */
export function parseScenario(raw: unknown, index: number, file?: string): Scenario {
  const head = scenarioHeadSchema.safeParse(raw, { reportInput: true });
  if (!head.success) {
    const { path, problem } = firstIssue(head.error, ['scenarios', index]);
    throw new ScenarioError(undefined, path, problem, file);
  }
  const name = head.data.name;
  return {
    name,
    description: head.data.description,
    overrides: head.data.overrides.map((o, i) => parseOverride(o, name, i, file)),
  };
}

/** Validate the whole parsed file (JSON or YAML). */
export function parseScenarioFile(json: unknown, file?: string): ScenarioFile {
  const result = fileSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    const { path, problem } = firstIssue(result.error, []);
    throw new ScenarioError(undefined, path, problem, file);
  }
  const { base, sweeps, simulation } = result.data;
  if ((base.history === undefined) === (base.demand === undefined)) {
    throw new ScenarioError(undefined, 'base', `expected exactly one of history or demand, got ${base.history ? 'both' : 'neither'}`, file);
  }
  const scenarios = result.data.scenarios.map((s, i) => parseScenario(s, i, file));
  const seen = new Set<string>([base.name]);
  scenarios.forEach((s, i) => {
    if (seen.has(s.name)) throw new ScenarioError(undefined, `scenarios[${i}].name`, `expected a unique scenario name, got ${JSON.stringify(s.name)} twice`, file);
    seen.add(s.name);
  });
  const spec: BaseSpec = { name: base.name, config: base.config };
  for (const key of ['history', 'demand', 'agents', 'start', 'end'] as const) {
    const v = base[key];
    if (v !== undefined) spec[key] = v;
  }
  return { base: spec, scenarios, sweeps, simulation };
}
