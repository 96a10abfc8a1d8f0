/**
 * Hourly requirements: for every queue and hour of a demand forecast, the
 * least number of productive agents meeting the queue's targets (Erlang C, or
 * Erlang A when the queue has a patience), the performance at that staffing,
 * and the scheduled agents after shrinkage (fractional, see shrinkage.ts).
 */
import { serviceFloorOf, type Config, type QueueConfig } from '../config';
import { ConfigError, InputError, describeValue, hourKeyFromNumber, hourNumber, type Demand, type Requirement, type RequirementCell, type QueueRequirement } from '../domain';
import { StaffingLimitError } from './bounds';
import { sizeStaffing } from './model';
import { scheduledForProductive } from './shrinkage';
import { volumeOutcomes } from './hedge';
import { floorAgents } from './shortage';
import type { QueueParameters, StaffingTargets } from './types';

export type DemandQuantile = 'p50' | 'p90';

export interface RequirementOptions {
  quantile: DemandQuantile;
  /** Price lost service over the forecast's band (default: config.forecast.hedge). */
  hedge?: boolean;
  /** Demand file name, for located errors. */
  file: string;
}

/** Minutes per requirements interval (the planner works in hours). */
export const REQUIREMENT_INTERVAL_MINUTES = 60;

export function queueParameters(queue: QueueConfig, inquiriesPerHour: number): QueueParameters {
  const params: QueueParameters = {
    arrivalsPerSecond: inquiriesPerHour / (REQUIREMENT_INTERVAL_MINUTES * 60),
    ahtSeconds: queue.ahtSeconds,
    concurrency: queue.concurrency,
  };
  if (queue.patienceSeconds !== undefined) params.patienceSeconds = queue.patienceSeconds;
  return params;
}

export function queueTargets(queue: QueueConfig): StaffingTargets {
  const targets: StaffingTargets = {
    serviceLevel: queue.target.serviceLevel,
    answerSeconds: queue.target.answerSeconds,
    maxOccupancy: queue.maxOccupancy,
  };
  if (queue.target.maxAbandonRate !== undefined && queue.patienceSeconds !== undefined) targets.maxAbandonRate = queue.target.maxAbandonRate;
  return targets;
}

/** Size one queue for one hour's volume. */
export function requirementCell(queue: QueueConfig, inquiries: number, shrinkage: number): RequirementCell {
  const erlangA = queue.patienceSeconds !== undefined;
  if (!(inquiries > 0)) {
    return { inquiries: 0, agents: 0, scheduled: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, abandonRate: erlangA ? 0 : null, floorAgents: 0 };
  }
  const r = sizeStaffing(queueParameters(queue, inquiries), queueTargets(queue));
  return {
    inquiries,
    agents: r.agents,
    scheduled: scheduledForProductive(r.agents, shrinkage),
    serviceLevel: r.serviceLevel,
    asaSeconds: r.asaSeconds,
    occupancy: r.occupancy,
    abandonRate: r.abandonRate,
    floorAgents: Math.min(r.agents, floorAgents(queue, inquiries, serviceFloorOf(queue))),
  };
}

interface Assignment {
  queue: QueueConfig;
  /** Demand queue the volume comes from, and the share of it this queue gets. */
  source: string;
  share: number;
}

/**
 * Demand queues are matched to config queues by name. A demand with only the
 * `all` queue is split over the config queues by `share` (queues without a
 * share split what the others leave, equally).
 */
function assignQueues(demand: Demand, config: Config, file: string): Assignment[] {
  const names = demand.queues.map((q) => q.name);
  if (names.length === 1 && names[0] === 'all' && !config.queues.some((q) => q.name === 'all')) {
    const given = config.queues.reduce((sum, q) => sum + (q.share ?? 0), 0);
    const without = config.queues.filter((q) => q.share === undefined).length;
    const rest = without > 0 ? Math.max(0, 1 - given) / without : 0;
    return config.queues.map((queue) => ({ queue, source: 'all', share: queue.share ?? rest }));
  }
  return names.map((name) => {
    const queue = config.queues.find((q) => q.name === name);
    if (!queue) {
      throw new InputError(
        { file },
        `queue ${describeValue(name)} has no entry in the config`,
        `one of the config queues (${config.queues.map((q) => q.name).join(', ')}), or add it to queues in the config`,
      );
    }
    return { queue, source: name, share: 1 };
  });
}

/**
 * A queue-hour outside the queue models' bounds, as a config error naming the
 * field that most likely needs to change (the demand itself is capped when read).
 */
function limitAsConfigError(error: StaffingLimitError, config: Config, queue: QueueConfig, hour: string, inquiries: number): ConfigError {
  const index = config.queues.indexOf(queue);
  const field =
    error.limit.kind === 'load' ? 'ahtSeconds'
      : error.limit.kind === 'servers' ? (queue.maxOccupancy < 0.5 ? 'maxOccupancy' : 'target.serviceLevel')
        : 'patienceSeconds';
  const shown = Math.round(inquiries * 100) / 100;
  return new ConfigError(`queues[${index}].${field}`, `queue ${describeValue(queue.name)} at ${hour} (${shown} inquiries): ${error.message}`);
}

/** Requirements per queue and hour for a demand forecast. */
export function computeRequirements(demand: Demand, config: Config, options: RequirementOptions): Requirement {
  const start = hourNumber(demand.startHour);
  const hedge = options.hedge ?? config.forecast.hedge ?? false;
  const queues: QueueRequirement[] = assignQueues(demand, config, options.file).map(({ queue, source, share }) => {
    const q = demand.queues.find((d) => d.name === source);
    const volumes = q ? (options.quantile === 'p90' ? q.p90 : q.p50) : [];
    const cells: RequirementCell[] = [];
    for (let i = 0; i < demand.hours; i++) {
      const inquiries = (volumes[i] ?? 0) * share;
      try {
        const cell = requirementCell(queue, inquiries, config.shrinkage);
        if (hedge && q && cell.inquiries > 0) cell.outcomes = volumeOutcomes((q.p10[i] ?? 0) * share, (q.p50[i] ?? 0) * share, (q.p90[i] ?? 0) * share);
        cells.push(cell);
      } catch (error) {
        if (error instanceof StaffingLimitError) throw limitAsConfigError(error, config, queue, hourKeyFromNumber(start + i), inquiries);
        throw error;
      }
    }
    return { name: queue.name, cells };
  });
  return { timezone: demand.timezone, startHour: demand.startHour, hours: demand.hours, queues };
}
