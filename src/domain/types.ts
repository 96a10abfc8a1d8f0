/**
 * The plain data that flows between the pipeline stages:
 * History → Demand → Requirement → ShiftPlan → Roster.
 *
 * Hours are local wall-clock hours of the config's time zone, written
 * `YYYY-MM-DDTHH:00`; an hour index `i` of a series means `startHour + i` hours
 * on the wall clock (see `domain/time.ts`).
 */

/** One queue's hourly counts; `null` marks an hour with no data (not zero). */
export interface QueueSeries {
  name: string;
  values: Array<number | null>;
}

/** Inquiry history read from a CSV, aggregated to local hours. */
export interface History {
  timezone: string;
  /** First hour with data, `YYYY-MM-DDTHH:00`. */
  startHour: string;
  /** Number of hour slots from `startHour` to the last hour with data, inclusive. */
  hours: number;
  /** Queues in first-seen order; a file without a queue column yields one queue named `all`. */
  queues: QueueSeries[];
  /** Hour slots (per queue, counted once per hour) between the first and last hour that have no data. */
  missingHours: number;
  /** Data rows read from the file (after the header). */
  sourceRows: number;
  /** Source rows per hour when finer than hourly (e.g. 12 for 5-minute data), else 1. */
  rowsPerHour: number;
  /** What reading skipped, for people (Excel's empty `,,,` rows, 合计 total rows). */
  readNotes?: string[];
  /** Header cells of columns that were not read (neither time, count nor queue). */
  ignoredColumns?: string[];
}

/** Expected inquiries per queue and hour, with an uncertainty band. */
export interface QueueDemand {
  name: string;
  forecast: number[];
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface Demand {
  timezone: string;
  startHour: string;
  hours: number;
  /** Per queue (never the `all` total: writers add it as the sum of the queues). */
  queues: QueueDemand[];
  /** Name of the active event per hour, '' when none. */
  events: string[];
}

/** What one queue needs in one hour (DESIGN.md requirements.csv). */
export interface RequirementCell {
  inquiries: number;
  /** Productive agents the queue model needs (integer from the Erlang sizing). */
  agents: number;
  /** Agents to schedule after shrinkage: agents / (1 - shrinkage). */
  scheduled: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  /** Share of offered inquiries that abandon (Erlang A), null for Erlang C. */
  abandonRate: number | null;
  /**
   * Productive agents that reach the queue's hourly service floor
   * (`target.minServiceLevel`); the plan never schedules fewer. Absent in
   * requirements read from older files: the planner then sizes it itself.
   */
  floorAgents?: number;
  /**
   * The volumes the hour may bring, with their probabilities (`forecast.hedge`):
   * the plan prices lost service by its expectation over them instead of at
   * `inquiries`. Absent: priced at `inquiries`.
   */
  outcomes?: VolumeOutcome[];
}

/** One possible volume of a queue-hour and its probability. */
export interface VolumeOutcome {
  inquiries: number;
  weight: number;
}

export interface QueueRequirement {
  name: string;
  cells: RequirementCell[];
}

export interface Requirement {
  timezone: string;
  startHour: string;
  hours: number;
  queues: QueueRequirement[];
}

/** One planned line: how many agents of a pool start a shift at a given time. */
export interface ShiftLine {
  /** Date the shift starts on, `YYYY-MM-DD`. */
  date: string;
  /** Shift name from config (`day`, `middle`, `night`). */
  shift: string;
  /** One-letter code for grids (`D`, `M`, `N`). */
  code: string;
  /** Local start and end, `YYYY-MM-DDTHH:MM` (a night shift ends on the next date). */
  start: string;
  end: string;
  pool: string;
  /** Queue the agents are restricted to, or null when they serve every queue. */
  queue: string | null;
  agents: number;
  /** Cost of this line in the config's currency. */
  cost: number;
  /** Paid hours of one agent, overtime included (default: the shift's paid hours). */
  paidHours?: number;
  /** Hours of overtime added to the shift (default 0). */
  overtimeHours?: number;
  /** A vendor's surge agents (surge rate, no training seat; default false). */
  surge?: boolean;
  /** Where the line's agents take their breaks: one entry per break time, agents adding up to the line's per break. */
  breaks?: LineBreak[];
}

/** Agents of a shift line on one break: local `YYYY-MM-DDTHH:MM` start and end. */
export interface LineBreak {
  start: string;
  end: string;
  agents: number;
  /** Which of the shift's breaks (0 = the first; default 0). */
  index?: number;
}
