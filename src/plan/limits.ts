/**
 * Caps on the size of a plan (docs/limits.md), checked from the config and
 * the dates alone, before any model is built: the days of the horizon, the
 * shift plan's integer variables and coverage rows, and the roster model's
 * agent-to-shift choices. A plan over a cap is a bad request (exit 2) naming
 * the option or config field to change, never a solve that runs for hours or
 * exhausts memory.
 */
import { breaksOf, breakStarts, type Config } from '../config';
import { ConfigError, UsageError, dayNumber, isValidDate } from '../domain';
import {
  MAX_AGENTS,
  MAX_PLAN_COVERAGE_ROWS,
  MAX_PLAN_DAYS,
  MAX_PLAN_INTEGER_VARIABLES,
  MAX_ROSTER_CHOICES,
  MAX_YEAR,
  MIN_YEAR,
  groupedInt,
} from '../domain/limits';

/** How the caller names the inputs in messages: options (`--end`) or config paths (`horizon.end`). */
export interface PlanSizeNames {
  start: string;
  end: string;
  /** The agents file, when the agent count comes from one. */
  agentsFile?: string;
}

export const CONFIG_NAMES: PlanSizeNames = { start: 'horizon.start', end: 'horizon.end' };

export interface PlanSize {
  days: number;
  integerVariables: number;
  coverageRows: number;
  rosterChoices: number;
}

/** Starts per day a pool may take: its shifts' start offsets. */
function startsPerDay(config: Config, shifts: readonly string[] | undefined): number {
  return config.shifts.filter((s) => !shifts || shifts.includes(s.name)).reduce((n, s) => n + s.startOffsets.length, 0);
}

/**
 * Integer variables per day of a pool: per start offset one agents variable per
 * overtime length (in-house with overtime) and kind (vendor surge), plus one per
 * break time of each break with a choice of times.
 */
function integersPerDay(config: Config, pool: Config['pools'][number]): number {
  const lengths = pool.kind === 'inhouse' && pool.overtime ? 1 + pool.overtime.maxHoursPerShift : 1;
  const kinds = pool.kind === 'vendor' && pool.surge ? 2 : 1;
  let n = 0;
  for (const s of config.shifts) {
    if (pool.shifts && !pool.shifts.includes(s.name)) continue;
    const breakTimes = breaksOf(s).reduce((k, b) => {
      const times = breakStarts(b).length;
      return k + (times > 1 ? times : 0);
    }, 0);
    n += s.startOffsets.length * lengths * kinds * (1 + breakTimes);
  }
  return n;
}

/** The model sizes a plan of these dates would have (upper estimates; the models skip what cannot work). */
export function estimatePlanSize(config: Config, start: string, end: string, agents = 0): PlanSize {
  const days = dayNumber(end) - dayNumber(start) + 1;
  const modelDays = days + 1; // the evening before the start (night shifts)
  const queueCount = config.queues.length;
  let integerVariables = 0;
  for (const pool of config.pools) {
    const queueChoices = pool.queues ? Math.max(1, pool.queues.filter((q) => config.queues.some((c) => c.name === q)).length) : 1;
    integerVariables += modelDays * integersPerDay(config, pool) * queueChoices;
  }
  // Per queue-hour a floor and a coverage row, per hour a routing row; a per-inquiry vendor's
  // routing adds a row per set of queues the shared pools serve, each hour.
  const perInquiry = config.pools.some((p) => p.kind === 'vendor' && p.pricing.model === 'perInquiry');
  const shared = config.pools.some((p) => !p.queues) && queueCount > 1;
  const subsets = perInquiry && shared ? (queueCount >= 40 ? Infinity : 2 ** queueCount - 1) : 0;
  const coverageRows = days * 24 * (2 * queueCount + 1 + subsets);
  const inhouseStarts = Math.max(0, ...config.pools.flatMap((p) => (p.kind === 'inhouse' ? [startsPerDay(config, p.shifts) * (1 + (p.overtime?.maxHoursPerShift ?? 0))] : [])));
  const rosterChoices = agents * modelDays * inhouseStarts;
  return { days, integerVariables, coverageRows, rosterChoices };
}

function checkDate(date: string, name: string): void {
  const year = Number(date.slice(0, 4));
  if (isValidDate(date) && year >= MIN_YEAR && year <= MAX_YEAR) return;
  const expected = `expected a date from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31`;
  if (name.startsWith('--')) throw new UsageError(`${name} ${JSON.stringify(date)}: ${expected}`);
  throw new ConfigError(name, `${expected}, got ${JSON.stringify(date)}`);
}

/**
 * Refuse a plan over a cap, naming what to change. `names` says whether the
 * dates came from options or the config (default: the config's horizon).
 */
export function checkPlanSize(config: Config, start: string, end: string, agents = 0, names: PlanSizeNames = CONFIG_NAMES): void {
  checkDate(start, names.start);
  checkDate(end, names.end);
  const size = estimatePlanSize(config, start, end, agents);
  const fail = (path: string, problem: string): never => {
    if (path.startsWith('--')) throw new UsageError(`${path}: ${problem}`);
    throw new ConfigError(path, problem);
  };
  if (size.days > MAX_PLAN_DAYS) {
    fail(names.end, `a plan of ${groupedInt(size.days)} days (${start} .. ${end}); expected at most ${MAX_PLAN_DAYS} days (plan a long season in parts)`);
  }
  if (agents > MAX_AGENTS) {
    const what = `${groupedInt(agents)} agents; expected at most ${groupedInt(MAX_AGENTS)}`;
    if (names.agentsFile) throw new UsageError(`--agents ${names.agentsFile}: ${what}`);
    fail('agents', what);
  }
  if (size.integerVariables > MAX_PLAN_INTEGER_VARIABLES) {
    const widest = config.shifts.reduce((best, s, i) => (s.startOffsets.length > (config.shifts[best]?.startOffsets.length ?? 0) ? i : best), 0);
    fail(
      `shifts[${widest}].startOffsets`,
      `the shift plan would have ${groupedInt(size.integerVariables)} integer variables (${size.days} days × ${config.pools.length} pools × their shift starts); expected at most ${groupedInt(MAX_PLAN_INTEGER_VARIABLES)} (fewer start offsets, pools or days)`,
    );
  }
  if (size.coverageRows > MAX_PLAN_COVERAGE_ROWS) {
    fail(
      'queues',
      `${config.queues.length} queues sharing pools with a per-inquiry vendor need ${Number.isFinite(size.coverageRows) ? groupedInt(size.coverageRows) : 'more than 10^12'} coverage rows over ${size.days} days (every set of queues, each hour); expected at most ${groupedInt(MAX_PLAN_COVERAGE_ROWS)} (fewer queues, pools restricted to queues with pools[].queues, or fewer days)`,
    );
  }
  if (size.rosterChoices > MAX_ROSTER_CHOICES) {
    const what = `the roster would weigh ${groupedInt(size.rosterChoices)} agent-shift choices (${groupedInt(agents)} agents × ${size.days} days × their shift starts); expected at most ${groupedInt(MAX_ROSTER_CHOICES)} (fewer agents or days)`;
    if (names.agentsFile) throw new UsageError(`--agents ${names.agentsFile}: ${what}`);
    fail(names.end, what);
  }
}
