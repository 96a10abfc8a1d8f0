/**
 * Tenure in the shift plan, without touching the plan model: agents still in
 * training are unavailable on their training days, and agents still ramping
 * up plan in sub-pools of their in-house pool whose `productivity` is the
 * pool's times the group's productive share over the horizon (ramp.ts). The
 * plan model already counts a pool's agents as (1 - shrinkage) x productivity
 * productive agents, so a class of new temps is not counted as veterans.
 *
 * `splitByTenure` rewrites the config and the agents before planning;
 * `restoreTenure` maps the result back to the pools people know: shift lines of
 * a sub-pool merge into their pool's, the roster shows every agent in their own
 * pool. A sub-pool keeps every rule of its pool (shifts, days a week, overtime,
 * costs); its headcount is its agents, the daily minimum stays with the pool.
 */
import { capacityOf, type Config, type InhousePoolConfig, type PoolConfig } from '../config';
import { datesBetween, type LineBreak, type Requirement, type ShiftLine } from '../domain';
import type { PlanResult, PoolSummary } from '../plan';
import type { Agent, RosterAssignment, RosterPerson, SolvedRoster } from '../roster';
import { inTraining, queueWeights, rampShares, shareOn } from './ramp';

/** Agents whose productive share rounds to the same 5% plan in one sub-pool. */
const SHARE_STEP = 0.05;

export interface TenureGroup {
  /** The sub-pool's name in the plan (`in-house.ramp-45`). */
  pool: string;
  /** The in-house pool the agents belong to. */
  base: string;
  agentIds: string[];
  /** Mean productive share of the group's agents over the horizon's working days. */
  share: number;
}

export interface TenureSplit {
  /** The config to plan with: the tenure sub-pools right after their pool. */
  config: Config;
  /** The agents to plan with (sub-pools, training days unavailable); undefined when none were given. */
  agents: Agent[] | undefined;
  groups: TenureGroup[];
  /** Agents in training on some horizon date (unavailable on those dates). */
  inTraining: number;
  /** One line per group, for the plan's notes. */
  notes: string[];
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * The config and agents to plan `start..end` with. Nothing changes (the same
 * objects come back) when no agent has a `hired` date that still matters.
 */
export function splitByTenure(config: Config, agents: readonly Agent[] | undefined, requirement: Requirement | null, start: string, end: string): TenureSplit {
  const unchanged: TenureSplit = { config, agents: agents ? [...agents] : undefined, groups: [], inTraining: 0, notes: [] };
  if (!agents || !agents.some((a) => a.hired !== undefined)) return unchanged;
  const capacity = capacityOf(config);
  const dates = datesBetween(start, end);
  const sharesByPool = new Map<string, number[]>();
  const sharesOf = (pool: InhousePoolConfig): number[] => {
    let shares = sharesByPool.get(pool.name);
    if (!shares) {
      const served = config.queues.filter((q) => !pool.queues || pool.queues.includes(q.name));
      shares = rampShares(capacity, served, queueWeights(config, requirement, pool.queues));
      sharesByPool.set(pool.name, shares);
    }
    return shares;
  };
  const groups = new Map<string, TenureGroup & { sum: number }>();
  const moved = new Map<string, string>();
  let training = 0;
  const planned: Agent[] = agents.map((agent) => {
    const pool = config.pools.find((p): p is InhousePoolConfig => p.name === agent.pool && p.kind === 'inhouse');
    if (agent.hired === undefined || !pool) return agent;
    const hired = agent.hired;
    const trainingDays = dates.filter((d) => inTraining(hired, d, capacity.trainingWeeks));
    const working = dates.filter((d) => !inTraining(hired, d, capacity.trainingWeeks));
    if (trainingDays.length > 0) training += 1;
    const unavailable = trainingDays.length > 0 ? [...new Set([...agent.unavailable, ...trainingDays])].sort() : agent.unavailable;
    const share = working.length === 0 ? 1 : working.reduce((s, d) => s + shareOn(hired, d, capacity, sharesOf(pool)), 0) / working.length;
    const step = Math.round(share / SHARE_STEP);
    if (step * SHARE_STEP >= 1 - 1e-9) return { ...agent, unavailable };
    const key = `${pool.name}\u0000${step}`;
    let group = groups.get(key);
    if (!group) {
      group = { pool: subPoolName(config, pool.name, step), base: pool.name, agentIds: [], share: 0, sum: 0 };
      groups.set(key, group);
    }
    group.agentIds.push(agent.id);
    group.sum += share;
    moved.set(agent.id, group.pool);
    return { ...agent, unavailable, pool: group.pool };
  });
  if (groups.size === 0 && training === 0) return unchanged;
  const list = [...groups.values()].map(({ sum, ...g }) => ({ ...g, share: round4(sum / g.agentIds.length) }));
  const pools: PoolConfig[] = [];
  for (const pool of config.pools) {
    const mine = list.filter((g) => g.base === pool.name);
    if (pool.kind !== 'inhouse' || !agents.some((a) => a.pool === pool.name && a.hired !== undefined)) {
      pools.push(pool);
      continue;
    }
    // Hires listed in the agents file come on top of the headcount the config was written for.
    const staying = planned.filter((a) => a.pool === pool.name).length;
    pools.push({ ...pool, headcount: Math.max(pool.headcount, staying) });
    for (const g of mine) {
      const { maxAgentsPerDay: _max, ...rules } = pool;
      void _max;
      pools.push({ ...rules, name: g.pool, headcount: g.agentIds.length, minAgentsPerDay: 0, productivity: round4(pool.productivity * g.share) });
    }
  }
  const notes = list.map((g) => `${g.agentIds.length} agent(s) of ${g.base} still ramping up plan at ${(g.share * 100).toFixed(0)}% of full speed (as pool ${g.pool})`);
  if (training > 0) notes.push(`${training} agent(s) in training on some dates of the plan are unavailable on those dates`);
  return { config: { ...config, pools }, agents: planned, groups: list, inTraining: training, notes };
}

function subPoolName(config: Config, base: string, step: number): string {
  const name = `${base}.ramp-${String(Math.round(step * SHARE_STEP * 100)).padStart(2, '0')}`;
  return config.pools.some((p) => p.name === name) ? `${name}.t` : name;
}

function mergeBreaks(into: LineBreak[], more: readonly LineBreak[]): LineBreak[] {
  const out = into.map((b) => ({ ...b }));
  for (const b of more) {
    const same = out.find((x) => x.start === b.start && x.end === b.end && (x.index ?? 0) === (b.index ?? 0));
    if (same) same.agents += b.agents;
    else out.push({ ...b });
  }
  return out;
}

/** Shift lines with each sub-pool's lines folded into its pool's (same date, shift, start, queue, overtime, surge). */
export function mergeTenureLines(lines: readonly ShiftLine[], poolOf: ReadonlyMap<string, string>): ShiftLine[] {
  const out: ShiftLine[] = [];
  const index = new Map<string, ShiftLine>();
  for (const line of lines) {
    const pool = poolOf.get(line.pool) ?? line.pool;
    const key = [line.date, line.shift, line.start, line.end, pool, line.queue ?? '', line.overtimeHours ?? 0, line.surge ? 1 : 0, line.paidHours ?? ''].join('\u0000');
    const same = index.get(key);
    if (!same) {
      const copy: ShiftLine = { ...line, pool, ...(line.breaks ? { breaks: line.breaks.map((b) => ({ ...b })) } : {}) };
      index.set(key, copy);
      out.push(copy);
      continue;
    }
    same.agents += line.agents;
    same.cost = Math.round((same.cost + line.cost) * 1e6) / 1e6;
    if (line.breaks) same.breaks = mergeBreaks(same.breaks ?? [], line.breaks);
  }
  return out;
}

/** Pool summaries with each sub-pool's figures added to its pool's; the peak day recounted from the merged lines. */
export function mergeTenurePools(pools: Readonly<Record<string, PoolSummary>>, lines: readonly ShiftLine[], poolOf: ReadonlyMap<string, string>): Record<string, PoolSummary> {
  const out: Record<string, PoolSummary> = {};
  const clean = (v: number): number => Math.round(v * 1e6) / 1e6;
  for (const [name, summary] of Object.entries(pools)) {
    const base = poolOf.get(name) ?? name;
    const into = out[base];
    if (!into) {
      out[base] = { ...summary, costByType: { ...summary.costByType } };
      continue;
    }
    into.cost = clean(into.cost + summary.cost);
    for (const k of Object.keys(into.costByType) as Array<keyof PoolSummary['costByType']>) into.costByType[k] = clean(into.costByType[k] + summary.costByType[k]);
    into.agentShifts += summary.agentShifts;
    into.agentHours = clean(into.agentHours + summary.agentHours);
    into.paidHours = clean(into.paidHours + summary.paidHours);
    into.productiveHours = clean(into.productiveHours + summary.productiveHours);
    into.used = into.used || summary.used;
    into.routedInquiries = clean(into.routedInquiries + summary.routedInquiries);
  }
  for (const base of new Set(poolOf.values())) {
    const into = out[base];
    if (!into) continue;
    const perDay = new Map<string, number>();
    for (const l of lines) if (l.pool === base && !l.surge) perDay.set(l.date, (perDay.get(l.date) ?? 0) + l.agents);
    into.peakAgentsPerDay = Math.max(0, ...perDay.values());
  }
  return out;
}

/** The roster's order (roster/build.ts): date, pool, start, shift, then agents in file order, vendor seats, UNFILLED. */
function resortAssignments(assignments: RosterAssignment[], config: Config, people: readonly RosterPerson[]): RosterAssignment[] {
  const poolOrder = new Map(config.pools.map((p, i) => [p.name, i]));
  const agentOrder = new Map(people.filter((p) => p.kind === 'agent').map((p, i) => [p.id, i]));
  const rank = (a: RosterAssignment): [number, number, string] => (a.kind === 'unfilled' ? [2, 0, ''] : a.kind === 'agent' ? [0, agentOrder.get(a.personId) ?? 0, ''] : [1, 0, a.personId]);
  return assignments.sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    const pools = (poolOrder.get(a.pool) ?? 0) - (poolOrder.get(b.pool) ?? 0);
    if (pools !== 0) return pools;
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    if (a.shift !== b.shift) return a.shift < b.shift ? -1 : 1;
    const [ka, ia, sa] = rank(a);
    const [kb, ib, sb] = rank(b);
    return ka - kb || ia - ib || (sa < sb ? -1 : sa > sb ? 1 : 0);
  });
}

/** What `restoreTenure` maps back: the parts of a pipeline result that name pools. */
export interface TenureResult {
  config: Config;
  plan: PlanResult;
  roster: SolvedRoster | null;
  summary: {
    pools: Record<string, PoolSummary>;
    notes: string[];
    roster?: { unfilled: Array<{ pool: string }> } | undefined;
  };
  notes: string[];
}

/** The result in the pools people know (see the file comment); `config` is the config as given. */
export function restoreTenure<R extends TenureResult>(split: TenureSplit, config: Config, result: R): R {
  if (split.config === config) return result;
  const poolOf = new Map(split.groups.map((g) => [g.pool, g.base]));
  const base = (pool: string): string => poolOf.get(pool) ?? pool;
  const lines = mergeTenureLines(result.plan.lines, poolOf);
  const pools = mergeTenurePools(result.plan.summary.pools, lines, poolOf);
  const plan: PlanResult = { ...result.plan, lines, summary: { ...result.plan.summary, pools } };
  const roster: SolvedRoster | null = result.roster
    ? {
        ...result.roster,
        roster: {
          ...result.roster.roster,
          people: result.roster.roster.people.map((p) => ({ ...p, pool: base(p.pool) })),
          assignments: resortAssignments(result.roster.roster.assignments.map((a) => ({ ...a, pool: base(a.pool) })), config, result.roster.roster.people),
          unfilled: result.roster.roster.unfilled.map((u) => ({ ...u, pool: base(u.pool) })),
        },
      }
    : null;
  const notes = [...split.notes, ...result.notes];
  const summaryRoster = result.summary.roster ? { ...result.summary.roster, unfilled: result.summary.roster.unfilled.map((u) => ({ ...u, pool: base(u.pool) })) } : undefined;
  return {
    ...result,
    config,
    plan,
    roster,
    notes,
    summary: { ...result.summary, pools, notes: [...split.notes, ...result.summary.notes], ...(summaryRoster ? { roster: summaryRoster } : {}) },
  };
}
