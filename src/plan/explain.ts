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
import { tr, type Lang } from '../domain/i18n';

export interface ShortageFix {
  /** Extra staffing cost of covering the cluster (a repair around its dates); negative when it saves staffing. */
  extraCost: number;
  /** The repair was proven within the solver's gap; false: the best found within EXPLAIN_NODES nodes. */
  proven: boolean;
  /** The lever the repair pulls most, in English words. */
  lever: string;
  /** The same lever as data, for other languages. */
  leverLine: Lever | null;
  /** Line changes of the repair, `+3 vendor-b surge night 2026-11-10 22:00`. */
  changes: string[];
}

/** The kind of agents a repair adds most of. */
export interface Lever {
  pool: string;
  shift: string;
  /** Local start `YYYY-MM-DD HH:MM`. */
  start: string;
  how: 'surge' | 'overtime' | 'eventShift' | 'more';
  overtimeHours: number;
}

/** A limit the plan runs into around a short cluster, as data; `limitText` says it in words. */
export type BindingLimit =
  | { kind: 'inhouseAllWorking'; pool: string; dates: string[]; available: number; team: number }
  | { kind: 'vendorCap'; pool: string; dates: string[]; cap: number }
  | { kind: 'surgeCap'; pool: string; dates: string[]; cap: number }
  | { kind: 'outsourcingMax'; max: number; share: number }
  | { kind: 'outsourcingMin'; min: number; share: number }
  | { kind: 'noShift'; hours: string[] };

/**
 * What the re-solve found, in figures that add up: `extraStaffing` -
 * `lostHere` + `lostElsewhere` = `net` (cost plus lost service of the plan
 * with the cluster covered, minus the plan's), each rounded to cents.
 *
 * - `leaveShort`: covering costs more in all, by more than the re-solve's own
 *   proven tolerance (so it is more, whatever the solver left unexplored);
 * - `tie`: the difference is within the solver's tolerance (the re-solve's, or
 *   the plan's own proven distance from the best plan, which bounds any repair
 *   that comes out cheaper);
 * - `cannotCover`: no plan covers it without changing other dates;
 * - `notPriced`: only the dearest clusters are re-solved;
 * - `notProven`: the plan is above its asked gap (`--accept-gap`): nothing is
 *   compared against it.
 */
export type ShortageVerdict =
  | { kind: 'leaveShort'; extraStaffing: number; lostHere: number; lostElsewhere: number; net: number; tolerance: number }
  | { kind: 'tie'; extraStaffing: number; net: number; tolerance: number }
  | { kind: 'cannotCover' }
  | { kind: 'notPriced' }
  | { kind: 'notProven' };

export interface ShortageExplanation {
  kind: 'target' | 'floor';
  /** First and last short hour, `YYYY-MM-DDTHH:00`. */
  from: string;
  to: string;
  queues: string[];
  /** Productive agent-hours short of the requirement (kind target) or of the floor (kind floor). */
  agentHours: number;
  /** Kind floor: the queue-hours below the floor. */
  queueHours?: number;
  lostInquiries: number;
  /** lostInquiries x cost per lost inquiry. */
  lostCost: number;
  /** The limits that bind, in English words (kind floor: the settings to change). */
  binding: string[];
  /** The same limits as data (kind target). */
  limits: BindingLimit[];
  /** The repair, null when not priced (or impossible). */
  fix: ShortageFix | null;
  verdict: ShortageVerdict;
  /** One line for people, in English (`whyText` gives it in other languages). */
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
  /** The plan is above its asked gap (accepted): nothing is priced against it. */
  notProven?: boolean;
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

/** Limits the plan runs into on the cluster's dates (each pool's dates together). */
function bindingLimits(config: Config, plan: PlanResult, dates: readonly string[], availability: readonly PoolCapacity[]): BindingLimit[] {
  const out: BindingLimit[] = [];
  for (const pool of config.pools) {
    const lines = plan.lines.filter((l) => l.pool === pool.name && dates.includes(l.date));
    const onDate = (d: string, keep: (l: ShiftLine) => boolean): number => lines.filter((l) => l.date === d && keep(l)).reduce((s, l) => s + l.agents, 0);
    if (pool.kind === 'inhouse') {
      const cap = availability.find((c) => c.pool === pool.name);
      const team = Math.min(pool.headcount, cap?.members ?? Infinity);
      const full = new Map<number, string[]>();
      for (const d of dates) {
        const available = Math.min(pool.headcount, pool.maxAgentsPerDay ?? Infinity, cap?.days.find((x) => x.date === d)?.agents ?? Infinity);
        if (available > 0 && onDate(d, () => true) >= available) full.set(available, [...(full.get(available) ?? []), d]);
      }
      for (const [available, ds] of full) out.push({ kind: 'inhouseAllWorking', pool: pool.name, dates: ds, available, team });
      continue;
    }
    if (pool.maxAgentsPerDay !== undefined) {
      const cap = pool.maxAgentsPerDay;
      const ds = dates.filter((d) => onDate(d, (l) => !l.surge) >= cap);
      if (ds.length > 0) out.push({ kind: 'vendorCap', pool: pool.name, dates: ds, cap });
    }
    if (pool.surge) {
      const cap = pool.surge.maxAgentsPerDay;
      const ds = dates.filter((d) => onDate(d, (l) => l.surge === true) >= cap);
      if (ds.length > 0) out.push({ kind: 'surgeCap', pool: pool.name, dates: ds, cap });
    }
  }
  const o = plan.summary.outsourcing;
  const period = o.periods.find((p) => dates.some((d) => d >= p.start && d <= p.end));
  if (period && period.totalProductiveHours > 0 && period.vendorShare >= o.max - 1e-4 && o.max < 1) out.push({ kind: 'outsourcingMax', max: o.max, share: period.vendorShare });
  if (period && period.totalProductiveHours > 0 && period.vendorShare <= o.min + 1e-4 && o.min > 0) out.push({ kind: 'outsourcingMin', min: o.min, share: period.vendorShare });
  return out;
}

/** What a repair changed, as line diffs (agents per pool, shift, start, kind). */
function lineChanges(before: readonly ShiftLine[], after: readonly ShiftLine[]): Array<{ key: string; line: ShiftLine; delta: number }> {
  const keyOf = (l: ShiftLine) => `${l.pool}|${l.shift}|${l.start}|${l.end}|${l.surge ? 'surge' : ''}|${l.queue ?? ''}`;
  const counts = new Map<string, { line: ShiftLine; delta: number }>();
  for (const l of after) counts.set(keyOf(l), { line: l, delta: (counts.get(keyOf(l))?.delta ?? 0) + l.agents });
  for (const l of before) counts.set(keyOf(l), { line: counts.get(keyOf(l))?.line ?? l, delta: (counts.get(keyOf(l))?.delta ?? 0) - l.agents });
  return [...counts.entries()].filter(([, v]) => v.delta !== 0).map(([key, v]) => ({ key, ...v }));
}

function leverOf(config: Config, l: ShiftLine): Lever {
  const shift = config.shifts.find((x) => x.name === l.shift);
  const how = l.surge ? 'surge' : (l.overtimeHours ?? 0) > 0 ? 'overtime' : shift?.onlyOn ? 'eventShift' : 'more';
  return { pool: l.pool, shift: l.shift, start: l.start.replace('T', ' '), how, overtimeHours: l.overtimeHours ?? 0 };
}

const money2 = (v: number): string => Math.abs(v).toFixed(2);

/** A binding limit in words. */
export function limitText(lang: Lang, limit: BindingLimit): string {
  switch (limit.kind) {
    case 'inhouseAllWorking':
      return tr(lang, limit.available < limit.team ? 'why_inhouseAllWorkingOf' : 'why_inhouseAllWorking', { n: limit.available, team: limit.team, pool: limit.pool, dates: limit.dates.join(', ') });
    case 'vendorCap':
      return tr(lang, 'why_vendorCap', { pool: limit.pool, n: limit.cap, dates: limit.dates.join(', ') });
    case 'surgeCap':
      return tr(lang, 'why_surgeCap', { pool: limit.pool, n: limit.cap, dates: limit.dates.join(', ') });
    case 'outsourcingMax':
      return tr(lang, 'why_outsourcingMax', { share: `${(limit.share * 100).toFixed(1)}%`, max: `${(limit.max * 100).toFixed(0)}%` });
    case 'outsourcingMin':
      return tr(lang, 'why_outsourcingMin', { share: `${(limit.share * 100).toFixed(1)}%`, min: `${(limit.min * 100).toFixed(0)}%` });
    case 'noShift':
      return tr(lang, 'why_noShift', { hours: limit.hours.join(', ') });
  }
}

/** The lever of a repair in words. */
export function leverText(lang: Lang, lever: Lever | null): string {
  if (!lever) return tr(lang, 'why_leverMove');
  const key = lever.how === 'surge' ? 'why_leverSurge' : lever.how === 'overtime' ? 'why_leverOvertime' : lever.how === 'eventShift' ? 'why_leverEventShift' : 'why_leverMore';
  return tr(lang, key, { pool: lever.pool, shift: lever.shift, start: lever.start, hours: lever.overtimeHours });
}

/** The explanation's one line in `lang` (summary.json keeps the English one). */
export function whyText(lang: Lang, e: ShortageExplanation, currency: string): string {
  if (e.kind === 'floor') return tr(lang, 'why_belowFloor', { n: e.queueHours ?? 0 });
  const limits = e.limits.map((l) => limitText(lang, l)).join(lang === 'zh' ? '；' : '; ');
  const lever = leverText(lang, e.fix?.leverLine ?? null);
  const cur = currency;
  const v = e.verdict;
  switch (v.kind) {
    case 'notProven':
      return tr(lang, 'why_notProven');
    case 'notPriced':
      return limits ? tr(lang, 'why_limits', { limits }) : tr(lang, 'why_notPriced');
    case 'cannotCover':
      if (e.limits.some((l) => l.kind === 'noShift')) return tr(lang, 'why_cannotCoverAtAll', { limits });
      return limits ? tr(lang, 'why_cannotCoverLimits', { limits }) : tr(lang, 'why_cannotCover');
    case 'tie':
      return tr(lang, v.net >= 0 ? 'why_tieMore' : 'why_tieLess', { lever, cur, net: money2(v.net), tolerance: money2(v.tolerance) });
    case 'leaveShort': {
      const staffingKey = money2(v.extraStaffing) === money2(0) ? 'why_staffingSame' : v.extraStaffing > 0 ? 'why_staffingMore' : 'why_staffingLess';
      const staffing = tr(lang, staffingKey, { cur, amount: money2(v.extraStaffing), lever });
      const here = tr(lang, 'why_lostHere', { cur, amount: money2(v.lostHere) });
      const elsewhere = Math.abs(v.lostElsewhere) < 0.005 ? '' : tr(lang, v.lostElsewhere > 0 ? 'why_lostElsewhereMore' : 'why_lostElsewhereLess', { cur, amount: money2(v.lostElsewhere) });
      return tr(lang, 'why_leaveShort', { staffing, here, elsewhere, cur, net: money2(v.net) });
    }
  }
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
      queueHours: d.gaps.length,
      binding: [...d.binding, ...(d.unreachable.length > 0 ? [`no pool's shift covers ${d.unreachable.join(', ')}`] : [])],
      limits: [],
      fix: null,
      verdict: { kind: 'cannotCover' },
      why: '',
    });
    const floor = out[out.length - 1] as ShortageExplanation;
    floor.why = whyText('en', floor, config.currency);
  }
  const all = clusters(config, plan.coverage);
  const maxPriced = options.notProven ? 0 : options.maxPriced ?? 3;
  const base = buildPlanModel(config, requirement, options.start, options.end, { inhouseCapacity: availability, allowShort: options.allowShort ?? false });
  const baseValue = new Map(base.mip.variables.map((v, i) => [v.name, plan.values[i] ?? 0]));
  // The plan is proven within this much of the best plan: no repair (a plan of the same model) is cheaper by more.
  const planTolerance = Math.max(0, plan.summary.solver.objective - (plan.summary.solver.bestBound ?? plan.summary.solver.objective));
  for (let c = 0; c < all.length; c++) {
    const cluster = all[c] as Cluster;
    const queues = [...new Set(cluster.rows.map((r) => r.queue))];
    const lost = cluster.rows.reduce((s, r) => s + (r.shortfallLost ?? 0), 0);
    const lostCost = round2(cluster.rows.reduce((s, r) => s + (r.shortfallLost ?? 0) * priceOf(config, r.queue), 0));
    const agentHours = cluster.rows.reduce((s, r) => s + r.shortfall, 0);
    const firstDate = hourText(cluster.from).slice(0, 10);
    const lastDate = hourText(cluster.to).slice(0, 10);
    const dates: string[] = [];
    for (let d = addDays(firstDate, -1); d <= lastDate; d = addDays(d, 1)) dates.push(d);
    const limits = bindingLimits(config, plan, dates, availability);
    // Hours no shift of any pool reaches: nothing can cover them.
    const unreached = [...new Set(cluster.rows.map((r) => hourNumber(r.timestamp) - hourNumber(`${options.start}T00:00`)).filter((h) => (base.context.byHour[h] ?? []).length === 0))].map((h) => hourText(hourNumber(`${options.start}T00:00`) + h).slice(11));
    if (unreached.length > 0) limits.unshift({ kind: 'noShift', hours: unreached });
    let fix: ShortageFix | null = null;
    let verdict: ShortageVerdict = options.notProven ? { kind: 'notProven' } : { kind: 'notPriced' };
    if (unreached.length > 0) verdict = { kind: 'cannotCover' };
    else if (c < maxPriced) {
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
          timeLimitSeconds: options.mipOptions.timeLimitSeconds,
          maxNodes: EXPLAIN_NODES,
          availability,
          allowShort: options.allowShort ?? false,
          pricedFloor: plan.summary.shortfall.hoursBelowFloor > 0,
          diagnose: false,
          forceCovered: force,
          fix: fixVars,
        });
        const inCluster = (l: ShiftLine): number => {
          const from = hourNumber(`${l.start.slice(0, 13)}:00`);
          const to = from + Math.round((minuteOf(l.end) - minuteOf(l.start)) / 60);
          return Math.max(0, Math.min(to - 1, cluster.to) - Math.max(from, cluster.from) + 1);
        };
        const changes = lineChanges(plan.lines, repaired.lines).sort((a, b) => b.delta * inCluster(b.line) - a.delta * inCluster(a.line) || (a.key < b.key ? -1 : 1));
        const top = changes.find((x) => x.delta > 0 && inCluster(x.line) > 0);
        const leverLine = top ? leverOf(config, top.line) : null;
        const extraStaffing = round2(repaired.summary.totalCost - plan.summary.totalCost);
        fix = {
          extraCost: extraStaffing,
          proven: repaired.summary.solver.status === 'optimal',
          lever: leverText('en', leverLine),
          leverLine,
          changes: changes.map((x) => `${x.delta > 0 ? '+' : ''}${x.delta} ${x.line.pool}${x.line.surge ? ' surge' : ''} ${x.line.shift}${(x.line.overtimeHours ?? 0) > 0 ? ` +${x.line.overtimeHours} h overtime` : ''} ${x.line.start.replace('T', ' ')}`),
        };
        // Cost plus priced lost service as the solver weighs them (what its gaps are proven on): the
        // repair's minus the plan's, and the repair's own proven tolerance.
        const net = round2(repaired.summary.solver.objective - plan.summary.solver.objective);
        const repairTolerance = Math.max(0, repaired.summary.solver.objective - (repaired.summary.solver.bestBound ?? repaired.summary.solver.objective));
        if (net > repairTolerance + 0.005) {
          // Figures that add up after rounding: the lost service elsewhere is what remains.
          verdict = { kind: 'leaveShort', extraStaffing, lostHere: lostCost, lostElsewhere: round2(net - extraStaffing + lostCost), net, tolerance: round2(repairTolerance) };
        } else {
          verdict = { kind: 'tie', extraStaffing, net, tolerance: round2(net >= 0 ? repairTolerance : planTolerance) };
        }
      } catch (error) {
        if (!(error instanceof InfeasiblePlanError)) throw error;
        verdict = { kind: 'cannotCover' };
      }
    }
    const e: ShortageExplanation = { kind: 'target', from: hourText(cluster.from), to: hourText(cluster.to), queues, agentHours: round2(agentHours), lostInquiries: round2(lost), lostCost, binding: limits.map((l) => limitText('en', l)), limits, fix, verdict, why: '' };
    e.why = whyText('en', e, config.currency);
    out.push(e);
  }
  return out;
}
