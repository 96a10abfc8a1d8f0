/**
 * The capacity plan: a deterministic integer program over weeks that chooses
 * recruiting classes (integer sizes), vendor seats by week and early releases
 * of temps, at the least wages (training included), hiring cost, vendor cost
 * and lost service, within the outsourcing band.
 *
 * Units: hours are paid hours at full speed (what a full-speed agent paid for
 * that many hours covers). The requirement in those units is
 *
 *   required_w = requiredProductiveHours_w / ((1 - shrinkage) x shiftEfficiency)
 *
 * (shiftEfficiency: required / scheduled productive agent-hours of a shift plan,
 * its `scheduleEfficiency`), and an agent on the floor gives
 * hoursPerWeek x (days_w / 7) x share, share being 1 for a full-speed agent and
 * the ramp's productive share otherwise (ramp.ts).
 *
 * Class c (training starts on T_c, a class start weekday at least
 * recruitingLeadWeeks after `from`; goes live on G_c = T_c + trainingWeeks; its
 * temps' contracts end on T_c + contractWeeks):
 *   n_c integer, n_c = 0 or min <= n_c <= max          (z_c binary)
 *   heads H_c,w on the floor from G_c's week:  H_c,g = yield x n_c,
 *   H_c,w+1 = (1 - tempAttrition) H_c,w - r_c,w        (r_c,w integer early releases,
 *                                                      from week releaseNoticeWeeks on)
 *   paid: n_c in training weeks, H_c,w after; costPerHire x n_c.
 * Vendor v: seats k_v,w <= the vendor's daily cap in seat-weeks (a seat is
 *   hoursPerWeek of the vendor's agents; not whole people: the shift plan
 *   books whole agents per shift, and whole seats made the solve 10x slower);
 *   a_v,w >= k_v,w - k_v,w-1 seats added (none before leadWeeks),
 *   k_v,t >= sum of a_v,w over the last minTermWeeks weeks (every seat stays its
 *   minimum term), paid hoursPerWeek x rate per seat-week, training per added
 *   seat, fees once if used (u_v binary).
 * Each week: inhouse_w <= in-house hours, vendor_v,w <= vendor hours,
 *   inhouse_w + sum vendor_v,w + short_w >= required_w,
 *   sum vendor_v,w + short_w >= vendor-only hours,
 *   short_w priced on the week's loss curve (weeks.ts);
 * band weeks: min <= sum vendor / (inhouse + sum vendor) <= max, summed over
 * the band weeks (scope horizon) or per week (week, day).
 */
import { capacityOf, hiringPool, paidHoursOf, type CapacityConfig, type Config, type InhousePoolConfig, type VendorPoolConfig } from '../config';
import { addDays, dayNumber, hourKeyFromNumber, hourNumber, InfeasiblePlanError, InputError, isoWeekday, SolverError, type Demand, type Requirement } from '../domain';
import { guardSolver, MipBuilder, type MipModel, type MipOptions, type MipResult, type MipSolver } from '../plan';
import { trainingCostPerSeat, usageFees } from '../plan/pricing';
import type { Agent } from '../roster';
import { goLiveDate, inTraining, queueWeights, rampShares, shareOn } from './ramp';
import { capacityWeeks, type CapacityWeek } from './weeks';

/** Gaps of the capacity solve: proven within 0.05% or 1 currency unit. */
export const CAPACITY_RELATIVE_GAP = 0.0005;
export const CAPACITY_ABSOLUTE_GAP = 1;

const WEEKDAY_NUMBER: Record<CapacityConfig['classStartWeekdays'][number], number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

export interface CapacityInput {
  config: Config;
  requirement: Requirement;
  demand: Demand | null;
  /** Today's agents (all in-house pools); without them the in-house headcounts of the config, at full speed. */
  agents?: readonly Agent[];
  from: string;
  until: string;
  solver: MipSolver;
  /** Overrides capacity.shiftEfficiency (a plan's scheduleEfficiency). */
  shiftEfficiency?: number;
  /** The forecast quantile the requirement was sized for (shown in the reports). */
  quantile: 'p50' | 'p90';
  timeLimitSeconds?: number;
  /** The demand's file, for the message when it does not cover from..until. */
  sourceFile?: string;
}

export interface PlannedClass {
  id: string;
  recruitBy: string;
  trainingStart: string;
  productiveFrom: string;
  /** Recruits who start training. */
  trainees: number;
  /** Expected agents going live (trainees x recruitingYield). */
  graduates: number;
  /** Recruiting plus training wages. */
  cost: number;
  /** Last day of the temps' contracts. */
  contractEnd: string;
}

export interface PlannedRelease {
  /** First day without them. */
  date: string;
  classId: string;
  /** Expected agents released (whole for early releases). */
  agents: number;
  reason: 'early' | 'contract-end';
  /** Last day to tell them (releaseNoticeWeeks before). */
  notifyBy: string;
}

export interface VendorWeek {
  vendor: string;
  seats: number;
  /** Seats ordered this week (they go live now, ordered leadWeeks before). */
  added: number;
  hours: number;
  cost: number;
}

export interface CapacityWeekResult {
  start: string;
  end: string;
  days: number;
  requiredHours: number;
  inhouseHours: number;
  vendorHours: number;
  availableHours: number;
  overUnder: number;
  /** Hours left short in the plan (priced as lost service), and that price. */
  shortHours: number;
  lostServiceCost: number;
  /** Expected agents on the floor (past training) at the start of the week. */
  headcount: number;
  inTraining: number;
  /** Recruits starting training this week. */
  hires: number;
  graduates: number;
  attrition: number;
  released: number;
  vendors: VendorWeek[];
  events: string[];
  inBand: boolean;
  /** Why the week is short (empty when it is not): keys of the catalogue's capacity block with their figures. */
  why: ShortReason[];
}

export interface ShortReason {
  key: 'capWhyVendorOnly' | 'capWhyVendorCap' | 'capWhyVendorLead' | 'capWhyBandMax' | 'capWhyNoClass' | 'capWhyClassMax' | 'capWhyPrice';
  vars: Record<string, string | number>;
}

export interface CapacityCosts {
  permanentWages: number;
  tempTrainingWages: number;
  tempFloorWages: number;
  hiring: number;
  vendorSeats: number;
  vendorTraining: number;
  vendorFees: number;
  lostService: number;
  /** Everything above but lost service. */
  paid: number;
  /** Paid plus lost service: what the plan minimises. */
  total: number;
}

export interface CapacityPlan {
  from: string;
  until: string;
  currency: string;
  pool: string;
  quantile: 'p50' | 'p90';
  shiftEfficiency: number;
  hoursPerWeek: number;
  weeks: CapacityWeekResult[];
  classes: PlannedClass[];
  releases: PlannedRelease[];
  costs: CapacityCosts;
  /** The week with the most required hours. */
  peakWeek: number;
  /** Expected heads of each class in the peak week (agents-planned.csv lists them). */
  peakHeads: Record<string, number>;
  solver: { name: string; status: string; objective: number; gap: number | null; seconds: number; variables: number; integerVariables: number; constraints: number; relativeGapTolerance: number; absoluteGapTolerance: number };
  notes: string[];
}

interface CandidateClass {
  start: string;
  startWeek: number;
  goLive: string;
  goLiveWeek: number;
  contractEnd: string;
  /** Last week a head of the class is employed (clipped to the horizon). */
  lastWeek: number;
  /** Contract ends inside the horizon. */
  endsInside: boolean;
  /** Productive share per week from the go-live week (ramp averaged over the week's days). */
  share: number[];
}

const round = (v: number, digits = 6): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Training start dates: class weekdays from `from` + lead weeks, going live by `until`. */
function candidateClasses(weeks: readonly CapacityWeek[], cap: CapacityConfig, shares: readonly number[], from: string, until: string): CandidateClass[] {
  const days = new Set(cap.classStartWeekdays.map((d) => WEEKDAY_NUMBER[d]));
  const out: CandidateClass[] = [];
  const firstDay = dayNumber(from);
  const weekIndex = (date: string): number => Math.floor((dayNumber(date) - firstDay) / 7);
  for (let d = dayNumber(addDays(from, 7 * cap.recruitingLeadWeeks)); d <= dayNumber(until); d++) {
    const start = addDays(from, d - firstDay);
    if (!days.has(isoWeekday(start))) continue;
    const goLiveDay = goLiveDate(start, cap.trainingWeeks);
    const goLive = addDays(from, goLiveDay - firstDay);
    if (goLive > until) break;
    const contractEnd = addDays(start, 7 * cap.temps.contractWeeks - 1);
    const goLiveWeek = weekIndex(goLive);
    const lastWeek = Math.min(weeks.length - 1, weekIndex(contractEnd));
    const share: number[] = [];
    for (let w = goLiveWeek; w <= lastWeek; w++) {
      const week = weeks[w] as CapacityWeek;
      let sum = 0;
      for (let k = 0; k < week.days; k++) sum += shareOn(start, addDays(week.start, k), cap, shares);
      share.push(sum / week.days);
    }
    out.push({ start, startWeek: weekIndex(start), goLive, goLiveWeek, contractEnd, lastWeek, endsInside: contractEnd < weeks[weeks.length - 1]!.end, share });
  }
  return out;
}

interface VendorTerms {
  pool: VendorPoolConfig;
  leadWeeks: number;
  minTermWeeks: number;
  seatsAtStart: number;
  /** Most seats in any week. */
  maxSeats: number;
  /** Paid hours per seat-week in each week (0 before availableFrom). */
  seatHours: number[];
  /** Price per paid hour in each week. */
  pricePerHour: number[];
  trainingPerSeat: number;
  fees: number;
}

function meanPaidHours(config: Config, poolShifts: readonly string[] | undefined): number {
  const shifts = config.shifts.filter((s) => !poolShifts || poolShifts.includes(s.name));
  const list = shifts.length > 0 ? shifts : config.shifts;
  return list.reduce((s, x) => s + paidHoursOf(x), 0) / list.length;
}

function vendorTerms(config: Config, cap: CapacityConfig, weeks: readonly CapacityWeek[], requiredHours: readonly number[]): VendorTerms[] {
  const peak = Math.max(0, ...requiredHours);
  return config.pools
    .filter((p): p is VendorPoolConfig => p.kind === 'vendor')
    .map((pool) => {
      const terms = cap.vendors.find((v) => v.name === pool.name);
      const shiftHours = meanPaidHours(config, pool.shifts);
      // A vendor's daily cap over a week, in seats of hoursPerWeek each.
      const maxSeats = pool.maxAgentsPerDay !== undefined ? Math.floor((pool.maxAgentsPerDay * 7 * shiftHours) / cap.hoursPerWeek) : Math.ceil(peak / cap.hoursPerWeek / pool.productivity) + 1;
      const seatHours = weeks.map((w) => {
        const open = pool.availableFrom === undefined ? w.days : Math.max(0, dayNumber(w.end) - Math.max(dayNumber(w.start), dayNumber(pool.availableFrom)) + 1);
        return (cap.hoursPerWeek * open) / 7;
      });
      const pricePerHour = weeks.map((w, i) => {
        const r = pool.pricing.rate;
        if (pool.pricing.model === 'perSeatShift') return r / shiftHours;
        // Per inquiry: the inquiries a full-speed paid hour answers in this week.
        if (pool.pricing.model === 'perInquiry') return (requiredHours[i] as number) > 0 ? (r * w.inquiries) / (requiredHours[i] as number) : 0;
        return r;
      });
      const fees = usageFees(pool);
      return {
        pool,
        leadWeeks: terms?.leadWeeks ?? 2,
        minTermWeeks: terms?.minTermWeeks ?? 4,
        seatsAtStart: Math.min(terms?.seatsAtStart ?? 0, maxSeats),
        maxSeats,
        seatHours,
        pricePerHour,
        trainingPerSeat: trainingCostPerSeat(config, pool),
        fees: fees.engagement + fees.fixed,
      };
    });
}

interface TodayStaff {
  /** Expected agents on the floor in each week (after attrition), weighted by share: the full-speed equivalent. */
  fullSpeed: number[];
  heads: number[];
  inTraining: number[];
  graduates: number[];
  attrition: number[];
  wages: number;
}

/** Today's in-house staff week by week: permanent attrition from their go-live, ramp from their hire date. */
function todayStaff(config: Config, cap: CapacityConfig, weeks: readonly CapacityWeek[], agents: readonly Agent[] | undefined, shares: readonly number[]): TodayStaff {
  const out: TodayStaff = { fullSpeed: weeks.map(() => 0), heads: weeks.map(() => 0), inTraining: weeks.map(() => 0), graduates: weeks.map(() => 0), attrition: weeks.map(() => 0), wages: 0 };
  const rate = cap.attrition.permanentPerWeek;
  const people: Array<{ hired?: string; hourlyCost: number; count: number }> = agents
    ? agents.flatMap((a) => {
        const pool = config.pools.find((p): p is InhousePoolConfig => p.name === a.pool && p.kind === 'inhouse');
        return pool ? [{ ...(a.hired ? { hired: a.hired } : {}), hourlyCost: pool.hourlyCost, count: 1 }] : [];
      })
    : config.pools.filter((p): p is InhousePoolConfig => p.kind === 'inhouse').map((p) => ({ hourlyCost: p.hourlyCost, count: p.headcount }));
  for (const person of people) {
    let alive = person.count;
    weeks.forEach((week, w) => {
      const training = person.hired !== undefined && inTraining(person.hired, week.start, cap.trainingWeeks);
      const wasTraining = w > 0 && person.hired !== undefined && inTraining(person.hired, (weeks[w - 1] as CapacityWeek).start, cap.trainingWeeks);
      if (training) {
        out.inTraining[w] = (out.inTraining[w] as number) + alive;
      } else {
        if (wasTraining) out.graduates[w] = (out.graduates[w] as number) + alive;
        out.heads[w] = (out.heads[w] as number) + alive;
        let share = 0;
        for (let k = 0; k < week.days; k++) share += person.hired === undefined ? 1 : shareOn(person.hired, addDays(week.start, k), cap, shares);
        out.fullSpeed[w] = (out.fullSpeed[w] as number) + (alive * share) / week.days;
        out.attrition[w] = (out.attrition[w] as number) + alive * rate;
      }
      out.wages += alive * cap.hoursPerWeek * (week.days / 7) * person.hourlyCost;
      if (!training) alive *= 1 - rate;
    });
  }
  return out;
}

export async function planCapacity(input: CapacityInput): Promise<CapacityPlan> {
  const { config, requirement, from, until } = input;
  const cap = capacityOf(config);
  const pool = hiringPool(config);
  if (!pool) throw new InfeasiblePlanError('no in-house pool for the hires to join', ['pools', 'capacity.pool'], 'add an in-house pool to the config');
  const efficiency = input.shiftEfficiency ?? cap.shiftEfficiency;
  checkCovers(requirement, from, until, input.sourceFile ?? 'the demand');
  const weeks = capacityWeeks(config, requirement, input.demand, from, until);
  const served = config.queues.filter((q) => !pool.queues || pool.queues.includes(q.name));
  const shares = rampShares(cap, served, queueWeights(config, requirement, pool.queues));
  // Paid hours at full speed per required productive agent-hour.
  const toPaid = 1 / ((1 - config.shrinkage) * efficiency);
  const required = weeks.map((w) => w.requiredProductiveHours * toPaid);
  const vendorOnly = weeks.map((w) => w.vendorOnlyProductiveHours * toPaid);
  const wageTemp = cap.temps.hourlyCost ?? pool.hourlyCost;
  const classes = candidateClasses(weeks, cap, shares, from, until);
  const vendors = vendorTerms(config, cap, weeks, required);
  const today = todayStaff(config, cap, weeks, input.agents, shares);
  const b = new MipBuilder();
  const weekHours = (w: number): number => cap.hoursPerWeek * ((weeks[w] as CapacityWeek).days / 7);

  // Classes.
  const size: number[] = [];
  const chosen: number[] = [];
  const heads: Array<Map<number, number>> = [];
  const releases: Array<Map<number, number>> = [];
  classes.forEach((c, i) => {
    const id = `c${i}`;
    let trainingWeekHours = 0;
    for (let w = c.startWeek; w < c.goLiveWeek; w++) trainingWeekHours += weekHours(w);
    const n = b.addVariable(`n[${c.start}]`, { upper: cap.classSize.max, integer: true, cost: cap.costPerHire + trainingWeekHours * wageTemp });
    const z = b.addVariable(`z[${c.start}]`, { upper: 1, integer: true });
    chosen.push(z);
    b.addConstraint(`classMin[${id}]`, [n, z], [1, -cap.classSize.min], '>=', 0);
    b.addConstraint(`classMax[${id}]`, [n, z], [1, -cap.classSize.max], '<=', 0);
    size.push(n);
    const h = new Map<number, number>();
    const r = new Map<number, number>();
    for (let w = c.goLiveWeek; w <= c.lastWeek; w++) h.set(w, b.addVariable(`H[${c.start},${w}]`, { cost: weekHours(w) * wageTemp }));
    b.addConstraint(`golive[${id}]`, [h.get(c.goLiveWeek) as number, n], [1, -cap.recruitingYield], '=', 0);
    for (let w = c.goLiveWeek; w < c.lastWeek; w++) {
      const early = w + 1 >= cap.temps.releaseNoticeWeeks;
      const vars = [h.get(w + 1) as number, h.get(w) as number];
      const coefs = [1, -(1 - cap.attrition.tempPerWeek)];
      if (early) {
        const rel = b.addVariable(`r[${c.start},${w}]`, { integer: true, upper: cap.classSize.max });
        r.set(w, rel);
        vars.push(rel);
        coefs.push(1);
      }
      b.addConstraint(`heads[${id},${w}]`, vars, coefs, '=', 0);
    }
    heads.push(h);
    releases.push(r);
  });

  // Vendors.
  const seats: number[][] = [];
  const added: number[][] = [];
  const used: number[] = [];
  vendors.forEach((v) => {
    const name = v.pool.name;
    const u = b.addVariable(`use[${name}]`, { upper: 1, integer: true, cost: v.fees });
    used.push(u);
    const k: number[] = [];
    const a: number[] = [];
    weeks.forEach((_, w) => {
      const open = (v.seatHours[w] as number) > 0;
      k.push(b.addVariable(`seats[${name},${w}]`, { upper: open ? v.maxSeats : 0, integer: false, cost: (v.seatHours[w] as number) * (v.pricePerHour[w] as number) }));
      a.push(b.addVariable(`added[${name},${w}]`, { upper: w < v.leadWeeks ? 0 : v.maxSeats, cost: v.trainingPerSeat }));
      b.addConstraint(`used[${name},${w}]`, [k[w] as number, u], [1, -v.maxSeats], '<=', 0);
      if (w === 0) b.addConstraint(`added[${name},0]`, [a[0] as number, k[0] as number], [1, -1], '>=', -v.seatsAtStart);
      else b.addConstraint(`added[${name},${w}]`, [a[w] as number, k[w] as number, k[w - 1] as number], [1, -1, 1], '>=', 0);
    });
    weeks.forEach((_, t) => {
      const window: number[] = [];
      for (let w = Math.max(0, t - v.minTermWeeks + 1); w <= t; w++) window.push(a[w] as number);
      b.addConstraint(`term[${name},${t}]`, [k[t] as number, ...window], [1, ...window.map(() => -1)], '>=', 0);
    });
    seats.push(k);
    added.push(a);
  });

  // Coverage per week.
  const inhouseUse: number[] = [];
  const vendorUse: number[][] = vendors.map(() => []);
  const shortSegments: number[][] = [];
  weeks.forEach((week, w) => {
    const ui = b.addVariable(`inhouse[${w}]`, {});
    inhouseUse.push(ui);
    // inhouse used <= today's full-speed hours + the classes' heads x share.
    const vars = [ui];
    const coefs = [1];
    classes.forEach((c, i) => {
      const h = heads[i]?.get(w);
      if (h === undefined) return;
      vars.push(h);
      coefs.push(-weekHours(w) * (c.share[w - c.goLiveWeek] ?? 1));
    });
    b.addConstraint(`inhouseHours[${w}]`, vars, coefs, '<=', (today.fullSpeed[w] as number) * weekHours(w));
    vendors.forEach((v, j) => {
      const uv = b.addVariable(`vendor[${v.pool.name},${w}]`, {});
      (vendorUse[j] as number[]).push(uv);
      b.addConstraint(`vendorHours[${v.pool.name},${w}]`, [uv, seats[j]?.[w] as number], [1, -(v.seatHours[w] as number) * v.pool.productivity], '<=', 0);
    });
    const segs = week.loss.map((seg, s) => b.addVariable(`short[${w},${s}]`, { upper: seg.hours * toPaid, cost: seg.pricePerHour / toPaid }));
    // Beyond the loss curve (no curve when nothing is required): every inquiry is lost already.
    segs.push(b.addVariable(`short[${w},rest]`, { cost: Math.max(0, ...week.loss.map((s) => s.pricePerHour / toPaid)) }));
    shortSegments.push(segs);
    const vendorVars = vendorUse.map((list) => list[w] as number);
    b.addConstraint(`cover[${w}]`, [ui, ...vendorVars, ...segs], [1, ...vendorVars.map(() => 1), ...segs.map(() => 1)], '>=', required[w] as number);
    if ((vendorOnly[w] as number) > 1e-9) b.addConstraint(`vendorOnly[${w}]`, [...vendorVars, ...segs], [...vendorVars.map(() => 1), ...segs.map(() => 1)], '>=', vendorOnly[w] as number);
  });

  // The outsourcing band on productive hours used.
  const band = config.outsourcing;
  const bandWeeks = weeks.filter((w) => w.inBand).map((w) => w.index);
  const bandGroups = config.outsourcing.scope === 'horizon' ? [bandWeeks] : bandWeeks.map((w) => [w]);
  if (vendors.length > 0) {
    bandGroups.forEach((group, g) => {
      if (group.length === 0) return;
      const vars: number[] = [];
      const minCoefs: number[] = [];
      const maxCoefs: number[] = [];
      for (const w of group) {
        vars.push(inhouseUse[w] as number);
        minCoefs.push(-band.min);
        maxCoefs.push(-band.max);
        for (const list of vendorUse) {
          vars.push(list[w] as number);
          minCoefs.push(1 - band.min);
          maxCoefs.push(1 - band.max);
        }
      }
      if (band.min > 0) b.addConstraint(`bandMin[${g}]`, vars, minCoefs, '>=', 0);
      if (band.max < 1) b.addConstraint(`bandMax[${g}]`, vars, maxCoefs, '<=', 0);
    });
  }
  b.objectiveOffset = today.wages;

  const model = b.build();
  const options: MipOptions = { relativeGap: CAPACITY_RELATIVE_GAP, absoluteGap: CAPACITY_ABSOLUTE_GAP, timeLimitSeconds: input.timeLimitSeconds ?? config.solver.timeLimitSeconds };
  // Proven within the gap, or exit 4 (GapNotReachedError) when the safety time limit stops it first.
  const guarded = guardSolver(input.solver, undefined, [], () => 'capacity');
  const result = await guarded.solve(model, { ...options, label: 'capacity', start: await roundedStart(input.solver, model, options, { cap, size, chosen, releases, used }) });
  checkResult(result);
  const value = (i: number): number => {
    const x = result.values[i] ?? 0;
    return model.variables[i]?.integer ? Math.round(x) : x;
  };

  // Read the answer back.
  const planned: PlannedClass[] = [];
  const classIds: string[] = [];
  const releaseList: PlannedRelease[] = [];
  const notice = 7 * cap.temps.releaseNoticeWeeks;
  const classHeads = classes.map((c, i) => {
    const out = weeks.map(() => 0);
    for (const [w, h] of heads[i] ?? []) out[w] = round(value(h));
    return out;
  });
  classes.forEach((c, i) => {
    const n = value(size[i] as number);
    if (n <= 0) return;
    const id = `C${String(planned.length + 1).padStart(2, '0')}`;
    classIds[i] = id;
    let trainingWages = 0;
    for (let w = c.startWeek; w < c.goLiveWeek; w++) trainingWages += weekHours(w) * wageTemp * n;
    planned.push({ id, recruitBy: addDays(c.start, -7 * cap.recruitingLeadWeeks), trainingStart: c.start, productiveFrom: c.goLive, trainees: n, graduates: round(n * cap.recruitingYield, 4), cost: round(n * cap.costPerHire + trainingWages, 2), contractEnd: c.contractEnd });
    for (const [w, r] of releases[i] ?? []) {
      const agents = value(r);
      if (agents <= 0) continue;
      const date = (weeks[w + 1] as CapacityWeek).start;
      releaseList.push({ date, classId: id, agents, reason: 'early', notifyBy: addDays(date, -notice) });
    }
    if (c.endsInside) {
      const left = round((classHeads[i]?.[c.lastWeek] ?? 0) * (1 - cap.attrition.tempPerWeek), 4);
      const date = addDays(c.contractEnd, 1);
      if (left > 1e-6) releaseList.push({ date, classId: id, agents: left, reason: 'contract-end', notifyBy: addDays(date, -notice) });
    }
  });
  releaseList.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.classId < y.classId ? -1 : 1));

  const costs: CapacityCosts = { permanentWages: round(today.wages, 2), tempTrainingWages: 0, tempFloorWages: 0, hiring: 0, vendorSeats: 0, vendorTraining: 0, vendorFees: 0, lostService: 0, paid: 0, total: 0 };
  for (const c of planned) {
    costs.hiring += c.trainees * cap.costPerHire;
    costs.tempTrainingWages += c.cost - c.trainees * cap.costPerHire;
  }
  const weekResults: CapacityWeekResult[] = weeks.map((week, w) => {
    let classHours = 0;
    let classHeadsNow = 0;
    let training = today.inTraining[w] as number;
    let hires = 0;
    let graduates = today.graduates[w] as number;
    let attrition = today.attrition[w] as number;
    let released = 0;
    classes.forEach((c, i) => {
      const n = value(size[i] as number);
      if (n <= 0) return;
      if (c.startWeek === w) hires += n;
      if (w >= c.startWeek && w < c.goLiveWeek) training += n;
      const h = classHeads[i]?.[w] ?? 0;
      if (w >= c.goLiveWeek && w <= c.lastWeek) {
        classHeadsNow += h;
        classHours += h * weekHours(w) * (c.share[w - c.goLiveWeek] ?? 1);
        attrition += h * cap.attrition.tempPerWeek;
        costs.tempFloorWages += h * weekHours(w) * wageTemp;
        const r = releases[i]?.get(w);
        if (r !== undefined) released += value(r);
        if (w === c.lastWeek && c.endsInside) released += h * (1 - cap.attrition.tempPerWeek);
      }
      if (w === c.goLiveWeek) graduates += n * cap.recruitingYield;
    });
    const vendorWeeks: VendorWeek[] = vendors.map((v, j) => {
      const k = value(seats[j]?.[w] as number);
      const hours = k * (v.seatHours[w] as number) * v.pool.productivity;
      const add = Math.max(0, round(value(added[j]?.[w] as number), 4));
      const cost = k * (v.seatHours[w] as number) * (v.pricePerHour[w] as number);
      costs.vendorSeats += cost;
      costs.vendorTraining += add * v.trainingPerSeat;
      return { vendor: v.pool.name, seats: round(k, 4), added: add, hours: round(hours, 4), cost: round(cost, 2) };
    });
    const inhouseHours = (today.fullSpeed[w] as number) * weekHours(w) + classHours;
    const vendorHours = vendorWeeks.reduce((s, x) => s + x.hours, 0);
    const shortHours = (shortSegments[w] ?? []).reduce((s, x) => s + value(x), 0);
    const lost = (shortSegments[w] ?? []).reduce((s, x) => s + value(x) * (model.variables[x]?.cost ?? 0), 0);
    costs.lostService += lost;
    return {
      start: week.start,
      end: week.end,
      days: week.days,
      requiredHours: round(required[w] as number, 4),
      inhouseHours: round(inhouseHours, 4),
      vendorHours: round(vendorHours, 4),
      availableHours: round(inhouseHours + vendorHours, 4),
      overUnder: round(inhouseHours + vendorHours - (required[w] as number), 4),
      shortHours: round(shortHours, 4),
      lostServiceCost: round(lost, 2),
      headcount: round((today.heads[w] as number) + classHeadsNow, 4),
      inTraining: round(training, 4),
      hires,
      graduates: round(graduates, 4),
      attrition: round(attrition, 4),
      released: round(released, 4),
      vendors: vendorWeeks,
      events: week.events,
      inBand: week.inBand,
      why: [],
    };
  });
  for (const v of vendors) costs.vendorFees += value(used[vendors.indexOf(v)] as number) > 0 ? v.fees : 0;
  costs.tempFloorWages = round(costs.tempFloorWages, 2);
  costs.tempTrainingWages = round(costs.tempTrainingWages, 2);
  costs.hiring = round(costs.hiring, 2);
  costs.vendorSeats = round(costs.vendorSeats, 2);
  costs.vendorTraining = round(costs.vendorTraining, 2);
  costs.vendorFees = round(costs.vendorFees, 2);
  costs.lostService = round(costs.lostService, 2);
  costs.paid = round(costs.permanentWages + costs.tempTrainingWages + costs.tempFloorWages + costs.hiring + costs.vendorSeats + costs.vendorTraining + costs.vendorFees, 2);
  costs.total = round(costs.paid + costs.lostService, 2);

  const peakWeek = required.reduce((best, r, w) => (r > (required[best] ?? -1) ? w : best), 0);
  const peakHeads: Record<string, number> = {};
  classes.forEach((_, i) => {
    const id = classIds[i];
    if (id) peakHeads[id] = round(classHeads[i]?.[peakWeek] ?? 0, 4);
  });
  const plan: CapacityPlan = {
    from,
    until,
    currency: config.currency,
    pool: pool.name,
    quantile: input.quantile,
    shiftEfficiency: efficiency,
    hoursPerWeek: cap.hoursPerWeek,
    weeks: weekResults,
    classes: planned,
    releases: releaseList,
    costs,
    peakWeek,
    peakHeads,
    solver: {
      name: result.solver,
      status: result.status,
      objective: round(result.objective, 2),
      gap: Number.isFinite(result.gap) ? round(result.gap, 6) : null,
      seconds: result.seconds,
      variables: model.variables.length,
      integerVariables: model.variables.filter((v) => v.integer).length,
      constraints: model.constraints.length,
      relativeGapTolerance: options.relativeGap,
      absoluteGapTolerance: options.absoluteGap,
    },
    notes: [],
  };
  explainShortWeeks(plan, { cap, classes, vendors, value, size, seats, vendorOnly, toPaid, wageTemp, weeks, inhouseUse, vendorUse, band });
  return plan;
}

/**
 * A starting plan for the integer solve: the LP relaxation's classes rounded
 * (a class below half the minimum size is dropped, others rounded into
 * min..max), releases rounded down (more heads stay, so the start stays
 * feasible), every vendor used that the relaxation uses. The search then only
 * has to prove it or improve on it: without a start, HiGHS spends most of its
 * time finding a first good plan.
 */
async function roundedStart(
  solver: MipSolver,
  model: MipModel,
  options: MipOptions,
  vars: { cap: CapacityConfig; size: number[]; chosen: number[]; releases: Array<Map<number, number>>; used: number[] },
): Promise<Map<string, number>> {
  const relaxed = await solver.solve({ ...model, variables: model.variables.map((v) => ({ ...v, integer: false })) }, options);
  const start = new Map<string, number>();
  if (relaxed.status !== 'optimal') return start;
  const x = (i: number): number => relaxed.values[i] ?? 0;
  const name = (i: number): string => model.variables[i]?.name ?? '';
  const { min, max } = vars.cap.classSize;
  vars.size.forEach((n, c) => {
    const lp = x(n);
    const size = lp < min / 2 ? 0 : Math.min(max, Math.max(min, Math.round(lp)));
    start.set(name(n), size);
    start.set(name(vars.chosen[c] as number), size > 0 ? 1 : 0);
    for (const r of vars.releases[c]?.values() ?? []) start.set(name(r), size > 0 ? Math.floor(x(r) + 1e-9) : 0);
  });
  for (const u of vars.used) start.set(name(u), x(u) > 1e-9 ? 1 : 0);
  return start;
}

/** The requirement must hold every hour from `from` 00:00 to `until` 23:00. */
function checkCovers(requirement: Requirement, from: string, until: string, file: string): void {
  const first = hourNumber(requirement.startHour);
  const last = first + requirement.hours - 1;
  if (first <= hourNumber(`${from}T00:00`) && last >= hourNumber(`${until}T23:00`)) return;
  throw new InputError({ file }, `hours ${requirement.startHour} .. ${hourKeyFromNumber(last)}`, `every hour from ${from}T00:00 to ${until}T23:00 (--from .. --until)`);
}

function checkResult(result: MipResult): void {
  if (result.status === 'infeasible') throw new InfeasiblePlanError('no capacity plan meets the rules', ['capacity', 'outsourcing']);
  if (result.status === 'unbounded') throw new SolverError('the capacity model is unbounded (a negative cost?)');
}

interface ExplainContext {
  cap: CapacityConfig;
  classes: CandidateClass[];
  vendors: VendorTerms[];
  value: (i: number) => number;
  size: number[];
  seats: number[][];
  vendorOnly: number[];
  toPaid: number;
  wageTemp: number;
  weeks: CapacityWeek[];
  inhouseUse: number[];
  vendorUse: number[][];
  band: Config['outsourcing'];
}

/** Why each short week is short: the limits that bind there, else the price of covering it. */
function explainShortWeeks(plan: CapacityPlan, ctx: ExplainContext): void {
  const { cap, classes, vendors, value } = ctx;
  plan.weeks.forEach((week, w) => {
    if (week.shortHours <= 0.05) return;
    const why: ShortReason[] = [];
    const vendorHours = week.vendorHours;
    if ((ctx.vendorOnly[w] as number) > vendorHours + 0.05) why.push({ key: 'capWhyVendorOnly', vars: { hours: (ctx.vendorOnly[w] as number).toFixed(0), vendor: vendorHours.toFixed(0) } });
    vendors.forEach((v, j) => {
      const k = value(ctx.seats[j]?.[w] as number);
      if ((v.seatHours[w] as number) <= 0) why.push({ key: 'capWhyVendorLead', vars: { vendor: v.pool.name, date: v.pool.availableFrom ?? '' } });
      else if (w < v.leadWeeks && k <= v.seatsAtStart) why.push({ key: 'capWhyVendorLead', vars: { vendor: v.pool.name, date: (ctx.weeks[v.leadWeeks]?.start ?? plan.until) } });
      else if (k >= v.maxSeats) why.push({ key: 'capWhyVendorCap', vars: { vendor: v.pool.name, seats: v.maxSeats } });
    });
    if (week.inBand && vendors.length > 0 && ctx.band.max < 1) {
      // The band's group: every band week (scope horizon) or this week alone.
      const group = ctx.band.scope === 'horizon' ? plan.weeks.map((x, i) => (x.inBand ? i : -1)).filter((i) => i >= 0) : [w];
      const inhouse = group.reduce((s, i) => s + value(ctx.inhouseUse[i] as number), 0);
      const vendor = group.reduce((s, i) => s + ctx.vendorUse.reduce((t, list) => t + value(list[i] as number), 0), 0);
      if (inhouse + vendor > 0 && vendor / (inhouse + vendor) >= ctx.band.max - 1e-6) why.push({ key: 'capWhyBandMax', vars: { max: `${(ctx.band.max * 100).toFixed(0)}%` } });
    }
    const ready = classes.filter((c) => c.goLiveWeek <= w);
    if (ready.length === 0) {
      const first = classes[0];
      why.push({ key: 'capWhyNoClass', vars: { date: first ? first.goLive : '—', lead: cap.recruitingLeadWeeks, training: cap.trainingWeeks } });
    } else if (ready.every((c) => value(ctx.size[classes.indexOf(c)] as number) >= cap.classSize.max)) {
      why.push({ key: 'capWhyClassMax', vars: { max: cap.classSize.max, classes: ready.length } });
    }
    if (why.length === 0) {
      const price = week.shortHours > 0 ? week.lostServiceCost / week.shortHours : 0;
      why.push({ key: 'capWhyPrice', vars: { price: price.toFixed(0), wage: ctx.wageTemp.toFixed(0) } });
    }
    week.why = why;
  });
}
