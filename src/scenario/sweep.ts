/**
 * Sweeps: one parameter stepped over a range (`outsourcing.min=0.4:0.8:0.05`,
 * `volume=0.8:1.5:0.1`), each point a scenario with one override on the base.
 */
import { UsageError } from '../domain';
import type { Config } from '../config';
import { parseOverride, type Scenario } from './schema';

export interface Sweep {
  /** As written: `outsourcing.min`, `volume`, `pool.vendor-a.rate`, ... */
  parameter: string;
  from: number;
  to: number;
  step: number;
  values: number[];
}

export const SWEEP_PARAMETERS = [
  'volume',
  'outsourcing.min',
  'outsourcing.max',
  'shrinkage',
  'aht',
  'answerSeconds',
  'serviceLevel',
  'pool.<name>.headcount',
  'pool.<name>.rate',
  'pool.<name>.maxAgentsPerDay',
];

const POOL_FIELDS = new Set(['headcount', 'rate', 'maxAgentsPerDay', 'hourlyCost', 'productivity']);

function knownParameter(p: string): boolean {
  if (['volume', 'outsourcing.min', 'outsourcing.max', 'shrinkage', 'aht', 'answerSeconds', 'serviceLevel'].includes(p)) return true;
  const m = /^pool\.(.+)\.([A-Za-z]+)$/.exec(p);
  return m !== null && POOL_FIELDS.has(m[2] as string);
}

/** Round away binary noise so 0.4 + 3 x 0.05 prints as 0.55. */
function tidy(x: number): number {
  return Number(x.toFixed(10));
}

/** Parse `parameter=from:to:step`. */
export function parseSweep(text: string): Sweep {
  const m = /^([^=]+)=([^:]+):([^:]+):([^:]+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--sweep ${JSON.stringify(text)}: expected parameter=from:to:step, e.g. outsourcing.min=0.4:0.8:0.05`);
  const parameter = (m[1] as string).trim();
  if (!knownParameter(parameter)) {
    throw new UsageError(`--sweep ${JSON.stringify(text)}: unknown parameter ${JSON.stringify(parameter)}; expected one of ${SWEEP_PARAMETERS.join(', ')}`);
  }
  const [from, to, step] = [m[2], m[3], m[4]].map((s) => Number((s as string).trim())) as [number, number, number];
  if (![from, to, step].every(Number.isFinite)) throw new UsageError(`--sweep ${JSON.stringify(text)}: expected numbers for from, to and step`);
  if (!(step > 0)) throw new UsageError(`--sweep ${JSON.stringify(text)}: expected a step above 0, got ${step}`);
  if (to < from) throw new UsageError(`--sweep ${JSON.stringify(text)}: expected to (${to}) >= from (${from})`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > 200) throw new UsageError(`--sweep ${JSON.stringify(text)}: ${count} points; expected at most 200 (use a larger step)`);
  const values = Array.from({ length: count }, (_, i) => tidy(from + i * step));
  return { parameter, from, to, step, values };
}

export function sweepPointName(sweep: Sweep, value: number): string {
  return `${sweep.parameter}=${value}`;
}

/** The override for one sweep point, in the scenario-file form (validated by parseOverride). */
function rawOverride(parameter: string, value: number, config: Config): unknown {
  switch (parameter) {
    case 'volume':
      return { volume: value };
    // Keep min <= max so every point of a ratio sweep is a valid config.
    case 'outsourcing.min':
      return { outsourcing: { min: value, max: Math.max(config.outsourcing.max, value) } };
    case 'outsourcing.max':
      return { outsourcing: { max: value, min: Math.min(config.outsourcing.min, value) } };
    case 'shrinkage':
      return { shrinkage: value };
    case 'aht':
      return { queue: { ahtMultiplier: value } };
    case 'answerSeconds':
      return { queue: { answerSeconds: value } };
    case 'serviceLevel':
      return { queue: { serviceLevel: value } };
    default: {
      const m = /^pool\.(.+)\.([A-Za-z]+)$/.exec(parameter) as RegExpExecArray;
      return { pool: { name: m[1], [m[2] as string]: value } };
    }
  }
}

/** One scenario per sweep point. Bad values (a shrinkage of 1.2) fail here, located. */
export function sweepScenarios(sweep: Sweep, config: Config): Scenario[] {
  return sweep.values.map((value) => {
    const name = sweepPointName(sweep, value);
    return { name, description: `sweep ${sweep.parameter}`, overrides: [parseOverride(rawOverride(sweep.parameter, value, config), name, 0)] };
  });
}

export interface SweepPoint {
  value: number;
  name: string;
  /** Null when the point has no plan (infeasible or failed). */
  totalCost: number | null;
  /** Price of the inquiries not answered within target (as the plan prices them); null without a plan. */
  lostServiceCost: number | null;
  shortfallAgentHours: number | null;
}

/** What a point costs all told: the cost paid plus the lost service; null without a plan. */
export function pointCost(p: SweepPoint): number | null {
  return p.totalCost === null ? null : p.totalCost + (p.lostServiceCost ?? 0);
}

export interface SweepCurve {
  parameter: string;
  points: SweepPoint[];
  /** Index of the point with a plan of least cost including lost service (ties: the first), or -1. */
  cheapest: number;
  /** Index of the first point (in sweep order) whose shortfall rises above the sweep's floor, or -1. */
  shortfallStart: number;
}

/** Agent-hours of shortfall above the sweep's floor that count as shortfall starting. */
export const SHORTFALL_TOLERANCE = 0.5;

export function sweepCurve(parameter: string, points: SweepPoint[]): SweepCurve {
  let cheapest = -1;
  points.forEach((p, i) => {
    const cost = pointCost(p);
    if (cost === null) return;
    const best = cheapest >= 0 ? pointCost(points[cheapest] as SweepPoint) : null;
    if (best === null || cost < best - 1e-9) cheapest = i;
  });
  // Shortfall every point has (hours no shift can reach, e.g. before the first night shift) is not the
  // sweep's doing: shortfall "starts" where it first exceeds that floor by more than half an agent-hour.
  const known = points.map((p) => p.shortfallAgentHours).filter((s): s is number => s !== null);
  const floor = known.length > 0 ? Math.min(...known) : 0;
  const shortfallStart = points.findIndex((p) => p.shortfallAgentHours !== null && p.shortfallAgentHours > floor + SHORTFALL_TOLERANCE);
  return { parameter, points, cheapest, shortfallStart };
}
