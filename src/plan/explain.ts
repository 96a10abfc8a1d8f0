/**
 * Why a plan is short, and what covering it would cost (summary.json
 * `shortage.explanations`). Short hours (below the requirement that meets the
 * target) are grouped into clusters of consecutive hours. For each cluster:
 *
 * - the limits that bind around it, read off the plan: in-house headcount (or
 *   the named agents) fully used on its dates, a vendor or its surge at its
 *   daily cap, the outsourcing band at its maximum, hours no shift reaches;
 * - for the dearest clusters (by the cost of the inquiries they lose), the
 *   price of covering it: the plan re-solved with the cluster's requirement
 *   made a hard rule and everything outside its dates (and the evening before)
 *   held as planned, so the answer is a concrete repair, and the lever it pulls
 *   (the pool, shift and kind of agents it adds most of: overtime, surge seats,
 *   a short event shift, or more agents on a regular shift).
 *
 * A cluster that is cheaper to leave short says so: covering it costs more
 * than the service it would save.
 */
import { lostInquiryCost, type Config } from '../config';
import { addDays, hourKeyFromNumber, hourNumber, InfeasiblePlanError, type Requirement, type ShiftLine } from '../domain';
import { planShifts } from './planShifts';
import { buildPlanModel, startDateOfVariable } from './model';
import type { CoverageRow, PlanResult } from './solution';
import { diagnoseFloors, type FloorDiagnosis } from './feasibility';
import type { MipOptions, MipSolver } from './solver/model';
import type { PoolCapacity } from './constraints/inhouseAvailability';

export interface ShortageFix {
  /** Extra staffing cost of covering the cluster (a repair around its dates). */
  extraCost: number;
  /** The repair was proven within the solver's gap; false: the best found within EXPLAIN_NODES nodes, so the price is at most this. */
  proven: boolean;
  /** The lever the repair pulls most, in words. */
  lever: string;
  /** Line changes of the repair, `+3 vendor-b surge night 2026-11-10 22:00`. */
  changes: string[];
}

export interface ShortageExplanation {
  kind: 'target' | 'floor';
  /** First and last short hour, `YYYY-MM-DDTHH:00`. */
  from: string;
  to: string;
  queues: string[];
  /** Productive agent-hours short of the requirement (kind target) or of the floor (kind floor). */
  agentHours: number;
  lostInquiries: number;
  /** lostInquiries x cost per lost inquiry. */
  lostCost: number;
  binding: string[];
  /** The repair, null when not priced (or impossible: see `why`). */
  fix: ShortageFix | null;
  /** One line for people. */
  why: string;
}

export interface ExplainOptions {
  start: string;
  end: string;
  solver: MipSolver;
  mipOptions: MipOptions;
  availability?: readonly PoolCapacity[];
  allowShort?: boolean;
  /** Clusters priced by a re-solve (the dearest first); default 3. */
  maxPriced?: number;
  floorDiagnosis?: FloorDiagnosis;
}

interface Cluster {
  from: number;
  to: number;
  rows: CoverageRow[];
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Node limit of one repair re-solve: a repair found within it is a price at
 * most that high. A node limit, not a time limit, so the same plan gets the
 * same explanation on any machine; the time limit is only a safety net.
 */
const EXPLAIN_NODES = 200;
const EXPLAIN_SECONDS = 30;

/** Consecutive short hours (any queue) as clusters, dearest first. */
function clusters(config: Config, coverage: readonly CoverageRow[]): Cluster[] {
  const short = coverage.filter((r) => r.queue !== 'all' && r.shortfall > 1e-6);
  const byHour = new Map<number, CoverageRow[]>();
  for (const r of short) {
    const h = hourNumber(r.timestamp);
    byHour.set(h, [...(byHour.get(h) ?? []), r]);
  }
  const hours = [...byHour.keys()].sort((a, b) => a - b);
  const out: Cluster[] = [];
  for (const h of hours) {
    const last = out[out.length - 1];
    if (last && h === last.to + 1) {
      last.to = h;
      last.rows.push(...(byHour.get(h) ?? []));
    } else out.push({ from: h, to: h, rows: [...(byHour.get(h) ?? [])] });
  }
  const cost = (c: Cluster): number => c.rows.reduce((s, r) => s + (r.shortfallLost ?? 0) * priceOf(config, r.queue), 0);
  return out.sort((a, b) => cost(b) - cost(a) || a.from - b.from);
}

function priceOf(config: Config, queue: string): number {
  const q = config.queues.find((x) => x.name === queue);
  return q ? lostInquiryCost(config, q) : 0;
}

const hourText = hourKeyFromNumber;

/** `YYYY-MM-DDTHH:MM` → minutes on the wall clock. */
function minuteOf(local: string): number {
  return hourNumber(`${local.slice(0, 13)}:00`) * 60 + Number(local.slice(14, 16));
}

/** Limits the plan runs into on the cluster's dates. */
function bindingLimits(config: Config, plan: PlanResult, dates: readonly string[], hours: readonly string[], availability: readonly PoolCapacity[]): string[] {
  const out: string[] = [];
  config.pools.forEach((pool, i) => {
    const lines = plan.lines.filter((l) => l.pool === pool.name && dates.includes(l.date));
    const perDate = (keep: (l: ShiftLine) => boolean) => dates.map((d) => lines.filter((l) => l.date === d && keep(l)).reduce((s, l) => s + l.agents, 0));
    if (pool.kind === 'inhouse') {
      const cap = availability.find((c) => c.pool === pool.name);
      dates.forEach((d, k) => {
        const limit = Math.min(pool.headcount, pool.maxAgentsPerDay ?? Infinity, cap?.days.find((x) => x.date === d)?.agents ?? Infinity);
        if ((perDate(() => true)[k] ?? 0) >= limit && limit > 0) out.push(`pools[${i}].headcount ${pool.headcount} (${pool.name}: all ${limit} available agents work ${d})`);
      });
      return;
    }
    const regular = perDate((l) => !l.surge);
    dates.forEach((d, k) => {
      if (pool.maxAgentsPerDay !== undefined && (regular[k] ?? 0) >= pool.maxAgentsPerDay) out.push(`pools[${i}].maxAgentsPerDay ${pool.maxAgentsPerDay} (${pool.name} at its cap on ${d})`);
    });
    if (pool.surge) {
      const surge = perDate((l) => l.surge === true);
      dates.forEach((d, k) => {
        if ((surge[k] ?? 0) >= (pool.surge?.maxAgentsPerDay ?? Infinity)) out.push(`pools[${i}].surge.maxAgentsPerDay ${pool.surge?.maxAgentsPerDay} (${pool.name} surge at its cap on ${d})`);
      });
    }
  });
  const o = plan.summary.outsourcing;
  const period = o.periods.find((p) => dates.some((d) => d >= p.start && d <= p.end));
  if (period && period.totalProductiveHours > 0 && period.vendorShare >= o.max - 1e-4 && o.max < 1) out.push(`outsourcing.max ${o.max} (vendors carry ${(period.vendorShare * 100).toFixed(1)}% ${o.scope === 'horizon' ? 'of the horizon' : `in ${period.start}..${period.end}`})`);
  if (period && period.totalProductiveHours > 0 && period.vendorShare <= o.min + 1e-4 && o.min > 0) out.push(`outsourcing.min ${o.min} (in-house may carry no more)`);
  void hours;
  return [...new Set(out)];
}

/** What a repair changed, as line diffs (agents per pool, shift, start, kind). */
function lineChanges(before: readonly ShiftLine[], after: readonly ShiftLine[]): Array<{ key: string; line: ShiftLine; delta: number }> {
  const keyOf = (l: ShiftLine) => `${l.pool}|${l.shift}|${l.start}|${l.end}|${l.surge ? 'surge' : ''}|${l.queue ?? ''}`;
  const counts = new Map<string, { line: ShiftLine; delta: number }>();
  for (const l of after) counts.set(keyOf(l), { line: l, delta: (counts.get(keyOf(l))?.delta ?? 0) + l.agents });
  for (const l of before) counts.set(keyOf(l), { line: counts.get(keyOf(l))?.line ?? l, delta: (counts.get(keyOf(l))?.delta ?? 0) - l.agents });
  return [...counts.entries()].filter(([, v]) => v.delta !== 0).map(([key, v]) => ({ key, ...v }));
}

function describeLine(config: Config, l: ShiftLine): string {
  const shift = config.shifts.find((s) => s.name === l.shift);
  const kind = l.surge ? `${l.pool} surge seats` : (l.overtimeHours ?? 0) > 0 ? `${l.pool} overtime (+${l.overtimeHours} h)` : shift?.onlyOn ? `${l.pool} on the event shift ${l.shift}` : `more ${l.pool} agents on ${l.shift}`;
  return `${kind} starting ${l.start.replace('T', ' ')}`;
}

/**
 * Explanations of a plan's short hours; `requirement` and options are those
 * the plan was made with.
 */
export async function explainShortage(config: Config, requirement: Requirement, plan: PlanResult, options: ExplainOptions): Promise<ShortageExplanation[]> {
  const out: ShortageExplanation[] = [];
  const availability = options.availability ?? [];
  if (options.floorDiagnosis) {
    // The limits that bind below the floor, worked out once for the final plan.
    const found = options.floorDiagnosis.binding.length === 0 ? await diagnoseFloors(config, requirement, options.start, options.end, options.solver, options.mipOptions, availability) : null;
    // The relaxation holds the floor: whole agents cannot, or the search stopped first.
    const binding = found ? found.binding : [plan.summary.solver.status === 'optimal' ? 'whole agents (a plan of fractional agents holds the floor)' : `solver.timeLimitSeconds ${options.mipOptions.timeLimitSeconds} (the search stopped before a plan holding the floor was found)`];
    const d = { ...options.floorDiagnosis, binding: options.floorDiagnosis.binding.length > 0 ? options.floorDiagnosis.binding : binding, unreachable: found?.unreachable ?? [] };
    const first = d.gaps.map((g) => g.timestamp).sort()[0] ?? '';
    const last = d.gaps.map((g) => g.timestamp).sort().slice(-1)[0] ?? '';
    out.push({
      kind: 'floor',
      from: first,
      to: last,
      queues: [...new Set(d.gaps.map((g) => g.queue))],
      agentHours: round2(d.total),
      lostInquiries: 0,
      lostCost: 0,
      binding: [...d.binding, ...(d.unreachable.length > 0 ? [`no pool's shift covers ${d.unreachable.join(', ')}`] : [])],
      fix: null,
      why: `below the hourly service floor in ${d.gaps.length} queue-hour(s): no plan within the limits covers them`,
    });
  }
  const all = clusters(config, plan.coverage);
  const maxPriced = options.maxPriced ?? 3;
  const base = buildPlanModel(config, requirement, options.start, options.end, { inhouseCapacity: availability, allowShort: options.allowShort ?? false });
  const baseValue = new Map(base.mip.variables.map((v, i) => [v.name, plan.values[i] ?? 0]));
  for (let c = 0; c < all.length; c++) {
    const cluster = all[c] as Cluster;
    const queues = [...new Set(cluster.rows.map((r) => r.queue))];
    const lost = cluster.rows.reduce((s, r) => s + (r.shortfallLost ?? 0), 0);
    const lostCost = cluster.rows.reduce((s, r) => s + (r.shortfallLost ?? 0) * priceOf(config, r.queue), 0);
    const agentHours = cluster.rows.reduce((s, r) => s + r.shortfall, 0);
    const firstDate = hourText(cluster.from).slice(0, 10);
    const lastDate = hourText(cluster.to).slice(0, 10);
    const dates: string[] = [];
    for (let d = addDays(firstDate, -1); d <= lastDate; d = addDays(d, 1)) dates.push(d);
    const hourKeys = cluster.rows.map((r) => r.timestamp);
    const binding = bindingLimits(config, plan, dates, hourKeys, availability);
    let fix: ShortageFix | null = null;
    let why: string;
    if (c < maxPriced) {
      const force = new Set<string>();
      const startHour = hourNumber(`${options.start}T00:00`);
      for (const r of cluster.rows) {
        const q = base.context.horizon.queues.findIndex((x) => x.name === r.queue);
        force.add(`${q}:${hourNumber(r.timestamp) - startHour}`);
      }
      const fixVars = new Map<string, number>();
      for (const [name, value] of baseValue) {
        const d = startDateOfVariable(name);
        if (d !== undefined && !dates.includes(d)) fixVars.set(name, value);
      }
      try {
        const repaired = await planShifts(config, requirement, {
          start: options.start,
          end: options.end,
          solver: options.solver,
          timeLimitSeconds: Math.min(options.mipOptions.timeLimitSeconds, EXPLAIN_SECONDS),
          maxNodes: EXPLAIN_NODES,
          availability,
          allowShort: options.allowShort ?? false,
          pricedFloor: plan.summary.shortfall.hoursBelowFloor > 0,
          diagnose: false,
          forceCovered: force,
          fix: fixVars,
        });
        const extraCost = round2(repaired.summary.totalCost - plan.summary.totalCost);
        const inCluster = (l: ShiftLine): number => {
          const from = hourNumber(`${l.start.slice(0, 13)}:00`);
          const to = from + Math.round((minuteOf(l.end) - minuteOf(l.start)) / 60);
          return Math.max(0, Math.min(to - 1, cluster.to) - Math.max(from, cluster.from) + 1);
        };
        const changes = lineChanges(plan.lines, repaired.lines).sort((a, b) => b.delta * inCluster(b.line) - a.delta * inCluster(a.line) || (a.key < b.key ? -1 : 1));
        const top = changes.find((x) => x.delta > 0 && inCluster(x.line) > 0);
        fix = {
          extraCost,
          proven: repaired.summary.solver.status === 'optimal',
          lever: top ? describeLine(config, top.line) : 'moving agents between shifts',
          changes: changes.map((x) => `${x.delta > 0 ? '+' : ''}${x.delta} ${x.line.pool}${x.line.surge ? ' surge' : ''} ${x.line.shift}${(x.line.overtimeHours ?? 0) > 0 ? ` +${x.line.overtimeHours} h overtime` : ''} ${x.line.start.replace('T', ' ')}`),
        };
        const costs = `${fix.proven ? '' : 'at most '}${config.currency} ${extraCost.toFixed(2)}`;
        const gap = `the solver's proven gap (${config.currency} ${Math.max(0, plan.summary.solver.objective - (plan.summary.solver.bestBound ?? plan.summary.solver.objective)).toFixed(2)})`;
        why =
          extraCost > lostCost
            ? `cheaper to leave short: covering it costs ${costs} (${fix.lever}) against ${config.currency} ${lostCost.toFixed(2)} of lost service`
            : (() => {
                const net = round2(repaired.summary.solver.objective - plan.summary.solver.objective);
                const here =
                  extraCost < 0
                    ? `covering it saves ${fix.proven ? '' : 'at least '}${config.currency} ${(-extraCost).toFixed(2)} of staffing (${fix.lever}) and ${config.currency} ${lostCost.toFixed(2)} of lost service here`
                    : `covering it costs ${costs} (${fix.lever}) for ${config.currency} ${lostCost.toFixed(2)} of lost service here`;
                return net >= 0
                  ? `${here}, but loses more service in other hours: ${config.currency} ${net.toFixed(2)} worse in all`
                  : `${here}: ${config.currency} ${(-net).toFixed(2)} better in all, a plan left within ${gap}; a smaller solver.mipRelGap finds it`;
              })();
      } catch (error) {
        if (!(error instanceof InfeasiblePlanError)) throw error;
        why = `cannot be covered around these dates within the limits${binding.length > 0 ? `: ${binding.join(', ')}` : ''}`;
      }
    } else {
      why = binding.length > 0 ? `limits reached: ${binding.join(', ')}` : 'left short where an agent saves less service than it costs (not priced: only the dearest clusters are re-solved)';
    }
    out.push({ kind: 'target', from: hourText(cluster.from), to: hourText(cluster.to), queues, agentHours: round2(agentHours), lostInquiries: round2(lost), lostCost: round2(lostCost), binding, fix, why });
  }
  return out;
}
