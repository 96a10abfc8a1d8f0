/** What one scenario's run yields, as the comparison needs it (plain data, passes between threads). */

export interface ScenarioSimulation {
  runs: number;
  seed: number;
  /** Answered within the target time / offered, over the horizon. */
  serviceLevel: number;
  abandonRate: number;
  asaSeconds: number;
  /** Share of queue-hours with inquiries whose achieved service level met the queue's target. */
  shareOfHoursMeetingTarget: number;
  lowestHourlyServiceLevel: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  /** Folder of this scenario's plan inside the output folder. */
  folder: string;
  /** 'ok', or 'infeasible' / 'failed' with `message`. */
  status: 'ok' | 'infeasible' | 'failed';
  message?: string;
  currency: string;
  totalCost: number;
  costByPool: Record<string, number>;
  /** Vendor share of productive agent-hours achieved. */
  outsourcedShare: number;
  /** Most agents of each pool on shift in one hour. */
  peakAgentsByPool: Record<string, number>;
  /** Hours in which scheduled productive agents fall short of the requirement. */
  shortfallHours: number;
  shortfallAgentHours: number;
  /** Price of the inquiries the shortfall below the requirement makes late. */
  shortfallCost: number;
  /** Price of every inquiry not answered within target at the planned staffing (what the plan minimises besides cost). */
  lostServiceCost: number;
  /** Queue-hours below the hourly service floor (a what-if plans short of the floor rather than stop). */
  belowFloorHours: number;
  /** Lowest hourly service level at the scheduled staffing (queue model), null without inquiries. */
  lowestServiceLevel: number | null;
  /** Share of offered inquiries abandoning (simulated when simulated, else the queue model), null when no queue has a patience. */
  abandonRate: number | null;
  solverGap: number | null;
  /** Hourly totals for the coverage chart. */
  coverage: { startHour: string; required: number[]; scheduled: number[] };
  simulation?: ScenarioSimulation;
}

/** A scenario that produced no plan: the row shows why. */
export function failedResult(name: string, description: string, folder: string, status: 'infeasible' | 'failed', message: string): ScenarioResult {
  return {
    name, description, folder, status, message, currency: '', totalCost: 0, costByPool: {}, outsourcedShare: 0, peakAgentsByPool: {},
    shortfallHours: 0, shortfallAgentHours: 0, shortfallCost: 0, lostServiceCost: 0, belowFloorHours: 0, lowestServiceLevel: null, abandonRate: null, solverGap: null,
    coverage: { startHour: '', required: [], scheduled: [] },
  };
}
