/**
 * The documented caps on what peakshift accepts (docs/limits.md). Each is
 * checked where the input is read, before anything is allocated or built by
 * its size, and breaking one is a bad-input error (exit 2) naming the file
 * and line, the config path or the option. The caps are far above a real
 * shop's figures; they exist so that a typo or a corrupt file fails fast
 * instead of running for minutes or exhausting memory.
 */
import { ConfigError, PlannerError, UsageError } from './errors';
import { dateFromDayNumber, dayNumber, hourNumber, isValidDate } from './time';
import type { History } from './types';

/** Largest input file read (history, forecast, requirements, agents, config, scenarios). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Distinct queues in one history (a shop has a handful, an outsourcer a few hundred). */
export const MAX_QUEUES = 200;

// Sizes of a config, a holiday file and an agents file, checked before the content is
// validated or used (config/sizes.ts, io/holidays.ts, io/agents.ts).

/** Characters of a name: queue, pool, shift, event, holiday, design pool; agent id and agent name. */
export const MAX_NAME_CHARS = 64;

/** Characters of any other text in a config (time zone, file name, `onlyOn` entry, ...) and of any cell of a holiday or agents file. */
export const MAX_TEXT_CHARS = 4_096;

/**
 * Queues in a config: the plan models every queue in every hour, so its work
 * grows with them (a 2-day plan of 200 queues took 20 s); a shop has a handful,
 * and an outsourcer plans each client's queues apart (a history may hold 200).
 */
export const MAX_CONFIG_QUEUES = 50;

/** Pools in a config (a shop has one to four; `design.pools` too). */
export const MAX_POOLS = 50;

/** Shifts in a config (and the shift names one pool lists). */
export const MAX_SHIFTS = 50;

/** Events in a config (each one is a window the forecaster fits and the calendar lays out). */
export const MAX_EVENTS = 200;

/** Holidays in a config: `calendar.holidays` and the rows of its holiday file together (20 years of a country's holidays is about 600). */
export const MAX_HOLIDAYS = 10_000;

/** Days of leave of one agent (the `unavailable` cell of the agents file, ranges spelled out). */
export const MAX_LEAVE_DAYS = 731;

/** Items of any other list in a config (`onlyOn`, `breaks`, ...; `startOffsets` has at most 24, one per hour). */
export const MAX_LIST_ITEMS = 1_000;

/** Fields of one object in a config (the largest, the top level, has about twenty). */
export const MAX_OBJECT_FIELDS = 100;

/** Levels of nesting in a config (the deepest field, `pools[].overtime.maxHoursPerShift`, is 4 down). */
export const MAX_CONFIG_DEPTH = 16;

/** Largest count in one history row, and largest forecast or requirement value per queue and hour. */
export const MAX_COUNT_PER_ROW = 1_000_000_000;

/** Longest span of a history, first to last row. */
export const MAX_HISTORY_YEARS = 20;

/** A row further than this from every other row of the file is a typo (1899, 9999, ...). */
export const MAX_STRAY_YEARS = 10;

/** Queues × hour slots of one history (3 years of 190 queues, or 20 years of 28). */
export const MAX_QUEUE_HOURS = 5_000_000;

/** Dates anywhere (history rows, forecast and plan dates): the calendar's lunar tables cover these years. */
export const MIN_YEAR = 1901;
export const MAX_YEAR = 2099;

/** Longest forecast (`forecast --start .. --end`). */
export const MAX_FORECAST_DAYS = 366;

/** Origins of one backtest (`backtest --origins`), each a whole forecast. */
export const MAX_BACKTEST_ORIGINS = 104;

/** Inquiries one `simulate` run set may draw (runs × the plan's forecast inquiries), each an event of the simulation. */
export const MAX_SIMULATED_INQUIRIES = 50_000_000;

/** Longest gap between the history's last day and the first forecast day. */
export const MAX_FORECAST_GAP_DAYS = 3 * 366;

/** Longest plan horizon (`plan --start .. --end`, config `horizon`). */
export const MAX_PLAN_DAYS = 92;

/** Named agents in one agents file. */
export const MAX_AGENTS = 2_000;

/** Integer variables of one shift-plan model (agents per pool, shift, start and date), estimated before it is built. */
export const MAX_PLAN_INTEGER_VARIABLES = 60_000;

/** Coverage rows of one shift-plan model: hours × the sets of queues that share pools (2^queues − 1 with a shared pool). */
export const MAX_PLAN_COVERAGE_ROWS = 500_000;

/** Agent-to-shift choices of one roster model (agents × the planned shifts they may work), estimated before it is built. */
export const MAX_ROSTER_CHOICES = 400_000;

/** Offered load of one queue in one interval (arrivals per second × AHT), in Erlangs. */
export const MAX_OFFERED_LOAD_ERLANGS = 50_000;

/** Servers (agents × concurrency) any sizing or evaluation may use. */
export const MAX_SERVERS = 100_000;

/**
 * Erlang A only: inquiries arriving within one mean patience (arrivals per second ×
 * patience). Its series have about the square root of this many terms past their peak.
 */
export const MAX_ARRIVALS_PER_PATIENCE = 1e10;

/**
 * Erlang A only: how far arrivals outrun the servers within one mean patience
 * ((arrivals per second − servers / AHT) × patience), the number of series terms
 * before their peak. Beyond it the queue is so overloaded for so long that the
 * answer is "nearly everyone waits out their patience"; 2 million keeps every
 * evaluation well under a second.
 */
export const MAX_PATIENCE_BACKLOG = 2_000_000;

/** Thousands-grouped integer for messages (`100,000`). */
export function groupedInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** How a caller names the dates of a forecast in messages: options or config paths. */
export interface DateNames {
  start: string;
  end: string;
}

function dateProblem(name: string, problem: string): PlannerError {
  return name.startsWith('--') ? new UsageError(`${name}: ${problem}`) : new ConfigError(name, problem);
}

/**
 * A forecast of `start..end` from `history`: the dates within the calendar's
 * years, at most MAX_FORECAST_DAYS long and starting at most
 * MAX_FORECAST_GAP_DAYS after the history ends. Checked before the forecaster
 * lays out its series, which it sizes by the days from the history's start to `end`.
 */
export function checkForecastWindow(history: Pick<History, 'startHour' | 'hours'>, start: string, end: string, names: DateNames = { start: '--start', end: '--end' }): void {
  for (const [date, name] of [[start, names.start], [end, names.end]] as const) {
    const year = Number(date.slice(0, 4));
    if (!isValidDate(date) || year < MIN_YEAR || year > MAX_YEAR) {
      throw dateProblem(name, `expected a date from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31, got ${JSON.stringify(date)}`);
    }
  }
  const days = dayNumber(end) - dayNumber(start) + 1;
  if (days > MAX_FORECAST_DAYS) {
    throw dateProblem(names.end, `a forecast of ${groupedInt(days)} days (${start} .. ${end}); expected at most ${MAX_FORECAST_DAYS} days`);
  }
  const lastDay = Math.floor((hourNumber(history.startHour) + history.hours - 1) / 24);
  const gap = dayNumber(start) - lastDay - 1;
  if (gap > MAX_FORECAST_GAP_DAYS) {
    throw dateProblem(
      names.start,
      `${start} is ${groupedInt(gap)} days after the history ends (${dateFromDayNumber(lastDay)}); expected at most ${groupedInt(MAX_FORECAST_GAP_DAYS)} days (a more recent history)`,
    );
  }
}
