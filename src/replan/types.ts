/**
 * The event-day re-plan's plain data: what goes in (the plan folder's contents,
 * the actuals so far, the hour it is now) and what comes out (the changes, the
 * new roster and coverage, the figures before and after).
 */
import type { Config } from '../config';
import type { Demand, History, Requirement } from '../domain';
import type { IntradayScale } from '../forecast';
import type { CoverageRow, MipSolver } from '../plan';
import type { Agent, RosterAssignment } from '../roster';

export type ReplanAction = 'extend' | 'call-in' | 'surge' | 'cancel' | 'send-home';

export const REPLAN_ACTIONS: readonly ReplanAction[] = ['extend', 'call-in', 'surge', 'cancel', 'send-home'];

export interface ReplanInput {
  config: Config;
  /** The plan's forecast (forecast.csv). */
  demand: Demand;
  /** The plan's coverage (coverage.csv), queue rows and `all` rows. */
  coverage: readonly CoverageRow[];
  /** The plan's roster (roster.csv) in file order. */
  roster: readonly RosterAssignment[];
  /** The named agents (agents.csv of the plan folder); null when the folder has none (no call-ins then). */
  agents: readonly Agent[] | null;
  /** Inquiries so far, every hour before `now`. */
  actuals: History;
  /** The first hour without actuals, `YYYY-MM-DDTHH:00`. */
  now: string;
  solver: MipSolver;
  timeLimitSeconds?: number;
}

/** One change to make, one person each (changes.csv). */
export interface ReplanChange {
  /** When it takes effect: the extension's first hour, the shift start, the hour the agent leaves. */
  time: string;
  action: ReplanAction;
  pool: string;
  /** Agent or seat id (new surge seats get the next free `<vendor>-S###`). */
  agentId: string;
  shift: string;
  /** Paid hours added (positive) or taken away (negative). */
  hours: number;
  /** What it costs (negative: what it saves). */
  cost: number;
}

/** One hour of the re-plan window, totals over the queues (productive agents). */
export interface ReplanHour {
  timestamp: string;
  /** The plan's forecast, the actuals (hours before now) and the updated forecast with its band. */
  planForecast: number;
  actual: number | null;
  forecast: number;
  p10: number;
  p90: number;
  /** Productive agents the plan's forecast needed, and the updated forecast needs. */
  planRequired: number;
  required: number;
  /** Productive agents scheduled before and after the re-plan. */
  scheduledBefore: number;
  scheduledAfter: number;
}

export interface ReplanFigures {
  now: string;
  /** Last hour the re-plan prices, exclusive (`YYYY-MM-DDTHH:00`). */
  windowEnd: string;
  /** The intraday update's factor per queue. */
  scales: IntradayScale[];
  /** Actions by kind: people (surge: seats). */
  counts: Record<ReplanAction, number>;
  /** Sum of the changes' costs (negative: a saving). */
  costDelta: number;
  /** Missing productive agent-hours from now to windowEnd against the updated forecast. */
  shortfallBefore: number;
  shortfallAfter: number;
  /** Inquiry-weighted share answered within target from now to windowEnd (queue model), before and after. */
  serviceLevelBefore: number | null;
  serviceLevelAfter: number | null;
  /** Inquiries not answered within target from now to windowEnd, before and after. */
  lateBefore: number;
  lateAfter: number;
  solver: { name: string; status: string; objective: number; seconds: number; variables: number; rows: number };
}

export interface ReplanResult {
  figures: ReplanFigures;
  changes: ReplanChange[];
  /** The whole roster after the changes (file order kept, new rows where they sort). */
  roster: RosterAssignment[];
  /** The updated forecast (actuals before now, the rest of the day re-scaled). */
  demand: Demand;
  /** The plan's requirement before now, the updated forecast's from now on. */
  requirement: Requirement;
  /** Coverage rows of the hours the re-plan changed (queue rows then the `all` row, per hour). */
  coverage: CoverageRow[];
  /** The window's hours, for the report. */
  hours: ReplanHour[];
  /** One line for stdout. */
  line: string;
}
