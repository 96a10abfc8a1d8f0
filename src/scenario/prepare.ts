/**
 * From a parsed scenario file and its base data to the what-if run's input:
 * the dates to plan and the shared base forecast. `peakshift whatif` and the
 * web page both start here, so they plan the same thing.
 */
import type { Config } from '../config';
import type { Agent } from '../roster';
import { UsageError, type Demand, type History } from '../domain';
import { forecastDemand } from '../forecast';
import { demandDates } from './job';
import type { WhatIfInput } from './runner';
import type { BaseSpec, Scenario, SimulationSpec } from './schema';
import type { Sweep } from './sweep';

export interface WhatIfSource {
  /** Scenario file name, for messages. */
  file: string;
  base: BaseSpec;
  config: Config;
  /** The base demand when the base names a forecast CSV, else null. */
  demand: Demand | null;
  /** Reads the base history; called only when there is no demand and the dates are known. */
  history: () => History;
  /** Demand or history file name, for messages. */
  demandFile: string;
  scenarios: Scenario[];
  sweeps: Sweep[];
  simulation: SimulationSpec | null;
  timeLimitSeconds?: number;
  /** The base's named agents (`base.agents`), read against the base config. */
  agents?: readonly Agent[];
}

export function prepareWhatIf(source: WhatIfSource): { input: WhatIfInput; notes: string[] } {
  const { base, config } = source;
  let demand: Demand;
  let history: History | null = null;
  let start: string;
  let end: string;
  const notes: string[] = [];
  if (source.demand) {
    demand = source.demand;
    const dates = demandDates(demand);
    start = base.start ?? config.horizon?.start ?? dates.start;
    end = base.end ?? config.horizon?.end ?? dates.end;
  } else {
    const from = base.start ?? config.horizon?.start;
    const to = base.end ?? config.horizon?.end;
    if (from === undefined || to === undefined) {
      throw new UsageError(`${source.file}: a base with a history needs the dates to plan; expected base.start and base.end, or horizon in the config`);
    }
    [start, end] = [from, to];
    history = source.history();
    // The base forecast is shared by every scenario that leaves the events alone.
    const forecast = forecastDemand(history, config, { start, end, queues: config.queues });
    notes.push(...forecast.notes);
    demand = forecast.demand;
  }
  return {
    input: {
      baseName: base.name,
      baseConfig: config,
      demand,
      history,
      demandFile: source.demandFile,
      file: source.file,
      start,
      end,
      scenarios: source.scenarios,
      sweeps: source.sweeps,
      simulation: source.simulation,
      ...(source.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: source.timeLimitSeconds }),
      ...(source.agents ? { agents: source.agents } : {}),
    },
    notes,
  };
}
