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
  /** Penalty the plan's objective charges for the shortfall (cost + penalty = what the solver minimised). */
  shortfallPenalty: number;
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
    shortfallHours: 0, shortfallAgentHours: 0, shortfallPenalty: 0, lowestServiceLevel: null, abandonRate: null, solverGap: null,
    coverage: { startHour: '', required: [], scheduled: [] },
  };
}
