/** `peakshift erlang`: one Erlang C / Erlang A staffing calculation. */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../../domain';
import { MAX_SERVERS, groupedInt } from '../../domain/limits';
import {
  StaffingLimitError,
  evaluateStaffing,
  meetsTargets,
  scheduledForProductive,
  sizeStaffing,
  type QueueParameters,
  type QueuePerformance,
  type StaffingTargets,
} from '../../staffing';
import { optionalNumberOption, parseNumberOption, typedText } from '../options';
import { print, warn } from '../output';

interface ErlangArgs {
  calls: number;
  intervalMinutes: number;
  aht: number;
  answerSeconds: number;
  serviceLevel: number;
  patience?: number;
  concurrency: number;
  maxOccupancy: number;
  maxAbandon?: number;
  shrinkage: number;
  agentCount?: number;
  /** The old name of --agent-count (plan --agents is a file). */
  agents?: number;
  serviceLevelBasis: string;
  json?: boolean;
}

export const command = 'erlang';
export const describe = 'Size (or, with --agent-count, evaluate) one queue interval with Erlang C, or Erlang A when --patience is given';

export function builder(yargs: Argv): Argv<ErlangArgs> {
  return yargs
    .option('calls', { type: 'number', demandOption: true, describe: 'Inquiries arriving in the interval' })
    .option('interval-minutes', { type: 'number', demandOption: true, describe: 'Interval length in minutes (e.g. 30 or 60)' })
    .option('aht', { type: 'number', demandOption: true, describe: 'Average handling time per inquiry (per chat session), seconds' })
    .option('answer-seconds', { type: 'number', default: 20, describe: 'Service-level answer time T, seconds' })
    .option('service-level', { type: 'number', default: 0.8, describe: 'Target share answered within T, between 0 and 1' })
    .option('patience', { type: 'number', describe: 'Mean patience before abandoning, seconds (switches to Erlang A)' })
    .option('concurrency', { type: 'number', default: 1, describe: 'Sessions one agent handles at once (chat 2-5)' })
    .option('max-occupancy', { type: 'number', default: 1, describe: 'Cap on occupancy, above 0 and at most 1 (1 = no cap)' })
    .option('max-abandon', { type: 'number', describe: 'Cap on the abandon rate (needs --patience); "answer rate > 90%" is 0.1' })
    .option('shrinkage', { type: 'number', default: 0, describe: 'Share of scheduled time off the queue (breaks, training), from 0 to below 1' })
    .option('agent-count', { type: 'number', describe: 'Evaluate this many productive agents instead of sizing' })
    .option('agents', { type: 'number', deprecated: 'use --agent-count', describe: 'Old name of --agent-count' })
    .option('service-level-basis', { type: 'string', default: 'offered', describe: 'Erlang A service level over "offered" (abandoned count as missed) or "answered" inquiries' })
    .option('json', { type: 'boolean', describe: 'Print one JSON object' })
    .example('$0 erlang --calls 400 --interval-minutes 30 --aht 240 --answer-seconds 20 --service-level 0.8', 'agents needed for 400 calls in half an hour')
    .example('$0 erlang --calls 400 --interval-minutes 30 --aht 240 --agent-count 55 --patience 120', 'what 55 agents deliver, with abandonment') as unknown as Argv<ErlangArgs>;
}

const SECONDS = 'a positive number of seconds';

export function handler(args: ArgumentsCamelCase<ErlangArgs>): void {
  const calls = parseNumberOption('calls', args.calls, { expected: 'a number of inquiries >= 0', min: 0 });
  const intervalMinutes = parseNumberOption('interval-minutes', args.intervalMinutes, { expected: 'a positive number of minutes', min: 0, minInclusive: false });
  const aht = parseNumberOption('aht', args.aht, { expected: SECONDS, min: 0, minInclusive: false });
  const answerSeconds = parseNumberOption('answer-seconds', args.answerSeconds, { expected: 'a number of seconds >= 0', min: 0 });
  const serviceLevel = parseNumberOption('service-level', args.serviceLevel, { expected: 'a share above 0 and below 1 (e.g. 0.8)', min: 0, minInclusive: false, max: 1, maxInclusive: false });
  const patience = optionalNumberOption('patience', args.patience, { expected: SECONDS, min: 0, minInclusive: false });
  const concurrency = parseNumberOption('concurrency', args.concurrency, { expected: 'a whole number of sessions from 1 to 20', min: 1, max: 20, integer: true });
  const maxOccupancy = parseNumberOption('max-occupancy', args.maxOccupancy, { expected: 'a share above 0 and at most 1', min: 0, minInclusive: false, max: 1 });
  const maxAbandon = optionalNumberOption('max-abandon', args.maxAbandon, { expected: 'a share above 0 and below 1 (e.g. 0.1)', min: 0, minInclusive: false, max: 1, maxInclusive: false });
  const shrinkage = parseNumberOption('shrinkage', args.shrinkage, { expected: 'a share from 0 to below 1', min: 0, max: 1, maxInclusive: false });
  if (args.agents !== undefined && args.agentCount !== undefined) throw new UsageError('--agents and --agent-count given: expected only --agent-count (--agents is its old name)');
  const countOption = args.agents !== undefined ? 'agents' : 'agent-count';
  const agents = optionalNumberOption(countOption, args.agentCount ?? args.agents, { expected: 'a whole number of agents >= 0', min: 0, integer: true });
  const basis = args.serviceLevelBasis;
  if (basis !== 'offered' && basis !== 'answered') throw new UsageError(`--service-level-basis: expected offered or answered, got ${JSON.stringify(basis)}`);
  if (maxAbandon !== undefined && patience === undefined) throw new UsageError('--max-abandon needs --patience (abandonment is modelled by Erlang A only)');

  if (args.agents !== undefined) warn('erlang --agents is deprecated (plan --agents is a file of agents); use --agent-count');
  const queue: QueueParameters = { arrivalsPerSecond: calls / (intervalMinutes * 60), ahtSeconds: aht, concurrency };
  if (patience !== undefined) queue.patienceSeconds = patience;
  const targets: StaffingTargets = { serviceLevel, answerSeconds, maxOccupancy, serviceLevelBasis: basis };
  if (maxAbandon !== undefined) targets.maxAbandonRate = maxAbandon;

  if (agents !== undefined && agents * concurrency > MAX_SERVERS) {
    throw new UsageError(`--${countOption} ${agents}: ${groupedInt(agents * concurrency)} servers (agents × concurrency); expected at most ${groupedInt(MAX_SERVERS)}`);
  }
  let result: QueuePerformance;
  try {
    result = agents === undefined ? sizeStaffing(queue, targets) : evaluateStaffing(queue, agents, answerSeconds, basis);
  } catch (error) {
    if (error instanceof StaffingLimitError) throw limitAsUsage(error, { calls: typedText('calls') ?? String(calls), patience: typedText('patience') ?? (patience === undefined ? undefined : String(patience)), maxOccupancy: typedText('max-occupancy') ?? String(maxOccupancy), agents: agents === undefined ? undefined : (typedText(countOption) ?? String(agents)), agentsOption: countOption, maxOccupancyValue: maxOccupancy });
    throw error;
  }
  const scheduled = scheduledForProductive(result.agents, shrinkage);
  const meets = meetsTargets(result, targets);
  if (args.json) {
    print(JSON.stringify(toJson(result, scheduled, meets, patience !== undefined), null, 2));
    return;
  }
  print(formatTable({ calls, intervalMinutes, aht, answerSeconds, concurrency, shrinkage, patience, evaluated: agents !== undefined, serviceLevel, maxOccupancy, maxAbandon }, result, scheduled, meets));
}

interface LimitOptions {
  calls: string;
  patience: string | undefined;
  maxOccupancy: string;
  agents: string | undefined;
  agentsOption: string;
  maxOccupancyValue: number;
}

/** A bound of the queue models (docs/limits.md) as a usage error naming the option to change. */
function limitAsUsage(error: StaffingLimitError, o: LimitOptions): UsageError {
  const named = (option: string, value: string | undefined): UsageError => new UsageError(`--${option} ${value ?? ''}: ${error.message}`);
  switch (error.limit.kind) {
    case 'load':
      return named('calls', o.calls);
    case 'patience':
      return named('patience', o.patience);
    case 'backlog':
      return o.agents !== undefined ? named(o.agentsOption, o.agents) : named('patience', o.patience);
    case 'servers':
      return o.maxOccupancyValue < 1 ? named('max-occupancy', o.maxOccupancy) : named('calls', o.calls);
  }
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function toJson(r: QueuePerformance, scheduled: number, meets: boolean, withAbandon: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: r.model,
    offeredLoadErlangs: r.offeredLoadErlangs,
    agents: r.agents,
    scheduled,
    scheduledHeadcount: Math.ceil(scheduled - 1e-9),
    serviceLevel: r.serviceLevel,
    asaSeconds: finiteOrNull(r.asaSeconds),
    averageWaitSeconds: finiteOrNull(r.averageWaitSeconds),
    occupancy: r.occupancy,
    waitProbability: r.waitProbability,
  };
  if (withAbandon) out.abandonRate = r.abandonRate;
  out.stable = r.stable;
  out.meetsTargets = meets;
  return out;
}

interface TableInput {
  calls: number;
  intervalMinutes: number;
  aht: number;
  answerSeconds: number;
  concurrency: number;
  shrinkage: number;
  patience: number | undefined;
  evaluated: boolean;
  serviceLevel: number;
  maxOccupancy: number;
  maxAbandon: number | undefined;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const secs = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} s` : 'unbounded');

function formatTable(input: TableInput, r: QueuePerformance, scheduled: number, meets: boolean): string {
  const model = r.model === 'erlangA' ? `Erlang A (M/M/n+M, mean patience ${input.patience} s)` : 'Erlang C (M/M/n)';
  const rows: Array<[string, string]> = [
    ['model', model],
    ['offered load', `${r.offeredLoadErlangs.toFixed(2)} Erlangs (${input.calls} inquiries per ${input.intervalMinutes} min, AHT ${input.aht} s${input.concurrency > 1 ? `, ${input.concurrency} sessions per agent` : ''})`],
    [input.evaluated ? 'agents (given)' : 'agents needed', String(r.agents)],
    [`scheduled (${pct(input.shrinkage)} shrinkage)`, `${scheduled.toFixed(2)} (headcount ${Math.ceil(scheduled - 1e-9)})`],
    [`service level (${input.answerSeconds} s)`, `${pct(r.serviceLevel)} (target ${pct(input.serviceLevel)})`],
    ['ASA (answered)', secs(r.asaSeconds)],
    ['occupancy', `${pct(r.occupancy)}${input.maxOccupancy < 1 ? ` (cap ${pct(input.maxOccupancy)})` : ''}`],
    ['wait probability', pct(r.waitProbability)],
  ];
  if (r.abandonRate !== null) rows.push(['abandon rate', `${pct(r.abandonRate)}${input.maxAbandon !== undefined ? ` (cap ${pct(input.maxAbandon)})` : ''}`]);
  if (input.evaluated) rows.push(['meets targets', r.stable ? (meets ? 'yes' : 'no') : 'no: the load exceeds capacity, the queue grows without bound']);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
