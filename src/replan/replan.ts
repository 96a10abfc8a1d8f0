/**
 * The event-day re-plan: the plan folder plus the actuals so far in, the
 * cheapest changes still allowed out.
 *
 * 1. The rest of today is re-forecast with the intraday update
 *    (forecast/intraday.ts) and sized again (staffing), hour by hour.
 * 2. Every hour before `now` is frozen; each lever (extend, call-in, surge,
 *    cancel, send-home) is offered only where its notice allows and the
 *    roster rules accept it (options.ts).
 * 3. A small integer program picks the options: for every hour h from now to
 *    the end of the shifts starting today and every queue q,
 *
 *      sum over q of cap[q,h] = B[h] + sum over options o of x_o floor_o[h]
 *      cap[q,h] + sum over k of short[q,h,k] >= R[q,h]     short[q,h,k] in [0, 1]
 *
 *    with B[h] the plan's productive agents, R the updated requirement and
 *    short[q,h,k] the k-th missing agent, priced as in the plan by the
 *    inquiries it loses (staffing/shortage.ts), x BELOW_FLOOR_FACTOR below
 *    the hourly floor. Objective: sum of x_o cost_o + the price of the
 *    shortage. Each person takes at most one option; surge seats stay within
 *    the vendor's daily surge cap.
 *    Levers follow the deviation: additions only where the updated forecast
 *    needs more agents than the plan's, reductions only where it needs fewer
 *    (and nowhere more), so actuals on the forecast change nothing.
 */
import { lostInquiryCost, type Config } from '../config';
import { SolverError, UsageError, hourKeyFromNumber, hourNumber, type Requirement, type RequirementCell } from '../domain';
import { updateIntraday } from '../forecast';
import { MipBuilder, solverOptions, type CoverageRow } from '../plan';
import { BELOW_FLOOR_FACTOR } from '../plan/constraints/coverage';
import { checkRoster, UNFILLED, type RosterAssignment } from '../roster';
import { minuteNumber } from '../roster/rules/context';
import { computeRequirements, evaluateStaffing, lostInquiries, marginalLosses, queueParameters } from '../staffing';
import { REPLAN_RULES, replanOptions, type ReplanOption } from './options';
import { REPLAN_ACTIONS, type ReplanAction, type ReplanChange, type ReplanHour, type ReplanInput, type ReplanResult } from './types';

const EPS = 1e-9;

function cell(req: Requirement, queue: string, hour: number): RequirementCell | undefined {
  return req.queues.find((q) => q.name === queue)?.cells[hour - hourNumber(req.startHour)];
}

/** Capacity split over queues in proportion to their requirement (evenly when none is required). */
function split(total: number, needs: readonly number[]): number[] {
  const sum = needs.reduce((a, b) => a + b, 0);
  return needs.map((n) => (sum > 0 ? (total * n) / sum : total / needs.length));
}

/** Inquiries late and answered in time at `agents` productive agents (whole agents, as coverage.csv's service level). */
function service(config: Config, req: Requirement, hour: number, capacity: number): { inquiries: number; late: number; answered: number } {
  const needs = config.queues.map((q) => cell(req, q.name, hour)?.agents ?? 0);
  const parts = split(capacity, needs);
  let inquiries = 0;
  let late = 0;
  let answered = 0;
  config.queues.forEach((q, i) => {
    const n = cell(req, q.name, hour)?.inquiries ?? 0;
    if (!(n > 0)) return;
    const agents = Math.floor((parts[i] ?? 0) + EPS);
    inquiries += n;
    late += lostInquiries(q, n, agents);
    answered += n * evaluateStaffing(queueParameters(q, n), agents, q.target.answerSeconds).serviceLevel;
  });
  return { inquiries, late, answered };
}

const HH = (key: string): string => key.slice(11, 16);

/** The stdout line: `+8 vendor-b surge seats 12:00-18:00, 5 day shifts extended 2 h: +CNY 3,120; shortfall 41 -> 6 agent-hours`. */
function summaryLine(config: Config, changes: readonly ReplanChange[], roster: readonly RosterAssignment[], costDelta: number, before: number, after: number, now: string): string {
  const parts: string[] = [];
  const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
    return m;
  };
  const newRows = new Map(roster.map((r) => [`${r.personId}|${r.date}`, r]));
  const span = (c: ReplanChange): string => {
    const r = newRows.get(`${c.agentId}|${c.time.slice(0, 10)}`);
    return r ? `${HH(r.start)}-${HH(r.end)}` : HH(c.time);
  };
  for (const [key, list] of groupBy(changes.filter((c) => c.action === 'surge'), (c) => `${c.pool}|${span(c)}`)) {
    const [pool, when] = key.split('|');
    parts.push(`+${list.length} ${pool} surge seat${list.length === 1 ? '' : 's'} ${when}`);
  }
  for (const [key, list] of groupBy(changes.filter((c) => c.action === 'extend'), (c) => `${c.shift}|${c.hours}`)) {
    const [shift, hours] = key.split('|');
    parts.push(`${list.length} ${shift} shift${list.length === 1 ? '' : 's'} extended ${hours} h`);
  }
  for (const [key, list] of groupBy(changes.filter((c) => c.action === 'call-in'), (c) => `${c.shift}|${span(c)}`)) {
    const [shift, when] = key.split('|');
    parts.push(`${list.length} called in (${shift} ${when})`);
  }
  for (const [pool, list] of groupBy(changes.filter((c) => c.action === 'cancel'), (c) => c.pool)) {
    parts.push(`${list.length} ${pool} shift${list.length === 1 ? '' : 's'} cancelled`);
  }
  const home = changes.filter((c) => c.action === 'send-home');
  if (home.length > 0) parts.push(`${home.length} sent home (${home.reduce((s, c) => s - c.hours, 0).toFixed(1)} h)`);
  const money = Math.abs(costDelta).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const what = parts.length === 0 ? `no changes at ${HH(now)}` : parts.join(', ');
  return `${what}: ${costDelta < 0 ? '-' : '+'}${config.currency} ${money}; shortfall ${before.toFixed(0)} -> ${after.toFixed(0)} agent-hours`;
}

export async function replanDay(input: ReplanInput): Promise<ReplanResult> {
  const { config, demand } = input;
  const restricted = config.pools.findIndex((p) => p.queues !== undefined);
  if (restricted >= 0 && config.queues.length > 1) {
    // The model shares each hour's capacity over the queues; agents held to some queues would need the plan's routing rows.
    throw new UsageError(`replan: pools[${restricted}].queues is set; expected pools that serve every queue (the re-plan shares each hour's agents over the queues)`);
  }
  const nowHour = hourNumber(input.now);
  const nowMinute = minuteNumber(input.now);
  const date = input.now.slice(0, 10);
  const updated = updateIntraday(demand, input.actuals, input.now);
  const quantile = config.forecast.quantile;
  const planReq = computeRequirements(demand, config, { quantile, file: 'forecast.csv' });
  const newReq = computeRequirements(updated.demand, config, { quantile, file: 'forecast.csv' });
  const firstDemandHour = hourNumber(demand.startHour);
  const demandEnd = firstDemandHour + demand.hours;

  // The window: from now to the end of the last shift that can start today (overtime included).
  let windowEnd = (Math.floor(nowHour / 24) + 1) * 24;
  const dayStart = Math.floor(nowHour / 24) * 24;
  const mostOvertime = Math.max(0, ...config.pools.map((p) => (p.kind === 'inhouse' && p.overtime ? p.overtime.maxHoursPerShift : 0)));
  for (const s of config.shifts) {
    const clock = Number(s.start.slice(0, 2));
    for (const o of s.startOffsets) windowEnd = Math.max(windowEnd, dayStart + clock + o + Math.ceil(s.hours) + mostOvertime);
  }
  windowEnd = Math.min(windowEnd, demandEnd);
  const total = (req: Requirement, h: number): number => config.queues.reduce((s, q) => s + (cell(req, q.name, h)?.agents ?? 0), 0);
  const inquiries = (req: Requirement, h: number): number => config.queues.reduce((s, q) => s + (cell(req, q.name, h)?.inquiries ?? 0), 0);
  // Within the dead band an hour is on forecast: whole-number actuals and noise change nothing.
  const off = (h: number): boolean => Math.abs(inquiries(newReq, h) - inquiries(planReq, h)) > config.replan.deadBand * inquiries(planReq, h);
  const up = (h: number): boolean => h >= nowHour && h < windowEnd && off(h) && total(newReq, h) > total(planReq, h) + EPS;
  const down = (h: number): boolean => h >= nowHour && h < windowEnd && off(h) && total(newReq, h) < total(planReq, h) - EPS;
  const notUp = (h: number): boolean => h >= nowHour && h < windowEnd && !up(h);

  const { options, groups } = replanOptions({ config, roster: input.roster, agents: input.agents, nowMinute, date, firstHour: nowHour, endHour: windowEnd, up, down, notUp });

  // The plan's productive agents per hour (its `all` rows).
  const planAll = new Map<number, CoverageRow>();
  for (const r of input.coverage) if (r.queue === 'all') planAll.set(hourNumber(r.timestamp), r);
  const base = (h: number): number => planAll.get(h)?.scheduled ?? 0;

  // The integer program.
  const b = new MipBuilder();
  const x = options.map((o, i) => b.addVariable(`${o.action}[${o.personId || o.pool},${o.time},${i}]`, { upper: o.upper, integer: true, cost: o.cost }));
  const byGroup = new Map<string, number[]>();
  options.forEach((o, i) => byGroup.set(o.group, [...(byGroup.get(o.group) ?? []), x[i] as number]));
  for (const [g, vars] of byGroup) b.addConstraint(`one[${g}]`, vars, vars.map(() => 1), '<=', groups.get(g) ?? 1);
  for (let h = nowHour; h < windowEnd; h++) {
    const terms: number[] = [];
    const coefs: number[] = [];
    options.forEach((o, i) => {
      const f = o.floor.get(h);
      if (f) {
        terms.push(x[i] as number);
        coefs.push(-f);
      }
    });
    if (terms.length === 0) continue;
    const caps = config.queues.map((q) => b.addVariable(`cap[${hourKeyFromNumber(h)},${q.name}]`, {}));
    b.addConstraint(`capacity[${hourKeyFromNumber(h)}]`, [...caps, ...terms], [...caps.map(() => 1), ...coefs], '=', base(h));
    config.queues.forEach((q, qi) => {
      const c = cell(newReq, q.name, h);
      const required = c?.agents ?? 0;
      if (!(required > 0) || !c) return;
      const floorAgents = c.floorAgents ?? 0;
      const losses = marginalLosses(q, c.inquiries, required, Math.ceil(required)).below;
      const price = lostInquiryCost(config, q);
      const shorts = losses.map((loss, k) =>
        b.addVariable(`short[${hourKeyFromNumber(h)},${q.name},${k + 1}]`, { upper: Math.min(1, required - k), cost: loss * price * (required - k - 1 < floorAgents - EPS ? BELOW_FLOOR_FACTOR : 1) }),
      );
      b.addConstraint(`cover[${hourKeyFromNumber(h)},${q.name}]`, [caps[qi] as number, ...shorts], [1, ...shorts.map(() => 1)], '>=', required);
    });
  }
  const model = b.build();
  const mipOptions = { ...solverOptions(config, input.timeLimitSeconds), relativeGap: Math.min(config.solver.mipRelGap, 1e-4) };
  const solved = model.variables.length === 0 ? null : await input.solver.solve(model, mipOptions);
  if (solved && (solved.status === 'noSolution' || solved.status === 'infeasible' || solved.status === 'unbounded')) {
    throw new SolverError(`the re-plan's solver returned ${solved.status} (${solved.solverStatus}); expected a solution (doing nothing always is one)`);
  }
  const take = options.map((_, i) => (solved ? Math.round(solved.values[x[i] as number] ?? 0) : 0));

  // Changes, one per person; surge seats numbered after the vendor's last seat.
  const changes: ReplanChange[] = [];
  const replaced = new Map<RosterAssignment, RosterAssignment | null>();
  const added: RosterAssignment[] = [];
  const nextSurge = new Map<string, number>();
  for (const a of input.roster) {
    const m = /-S(\d+)$/.exec(a.personId);
    if (m) nextSurge.set(a.pool, Math.max(nextSurge.get(a.pool) ?? 0, Number(m[1])));
  }
  const delta = new Map<number, number>();
  options.forEach((o: ReplanOption, i) => {
    const n = take[i] ?? 0;
    for (const [h, f] of o.floor) if (n > 0) delta.set(h, (delta.get(h) ?? 0) + n * f);
    for (let k = 0; k < n; k++) {
      let personId = o.personId;
      let after = o.after;
      if (o.action === 'surge' && after) {
        const next = (nextSurge.get(o.pool) ?? 0) + 1;
        nextSurge.set(o.pool, next);
        personId = `${o.pool}-S${String(next).padStart(3, '0')}`;
        after = { ...after, personId };
      }
      if (o.original) replaced.set(o.original, after);
      else if (after) added.push(after);
      changes.push({ time: o.time, action: o.action, pool: o.pool, agentId: personId, shift: o.shift, hours: o.hours, cost: o.cost });
    }
  });
  const order = (c: ReplanChange): string => `${c.time}|${REPLAN_ACTIONS.indexOf(c.action)}|${c.pool}|${c.agentId}`;
  changes.sort((p, q) => (order(p) < order(q) ? -1 : order(p) > order(q) ? 1 : 0));

  // The new roster: changed rows in place, gone rows out, new rows where they sort.
  const sortKey = (a: RosterAssignment): string => `${a.date}|${a.start}|${a.pool}|${a.shift}|${a.personId}`;
  const roster: RosterAssignment[] = [];
  for (const a of input.roster) {
    if (!replaced.has(a)) roster.push(a);
    else {
      const r = replaced.get(a);
      if (r) roster.push(r);
    }
  }
  for (const a of added.sort((p, q) => (sortKey(p) < sortKey(q) ? -1 : 1))) {
    const at = roster.findIndex((r) => r.personId !== UNFILLED && sortKey(r) > sortKey(a));
    roster.splice(at < 0 ? roster.length : at, 0, a);
  }
  const broken = checkRoster({ config, lines: [], assignments: roster, agents: input.agents ?? [] }, REPLAN_RULES);
  const brokenBefore = checkRoster({ config, lines: [], assignments: input.roster, agents: input.agents ?? [] }, REPLAN_RULES);
  if (broken.length > brokenBefore.length) throw new Error(`the re-plan broke a labour rule: ${broken[0]?.message ?? ''}`);

  // The requirement from now on is the updated one; before now, the plan's.
  const requirement: Requirement = {
    ...newReq,
    queues: newReq.queues.map((q) => ({ ...q, cells: q.cells.map((c, i) => (firstDemandHour + i < nowHour ? (cell(planReq, q.name, firstDemandHour + i) ?? c) : c)) })),
  };

  // Coverage of the hours that changed (requirement or agents), queue rows then `all`.
  const coverage: CoverageRow[] = [];
  const hours: ReplanHour[] = [];
  let shortfallBefore = 0;
  let shortfallAfter = 0;
  const sBefore = { inquiries: 0, late: 0, answered: 0 };
  const sAfter = { inquiries: 0, late: 0, answered: 0 };
  for (let h = Math.max(dayStart, firstDemandHour); h < windowEnd; h++) {
    const before = base(h);
    const after = before + (delta.get(h) ?? 0);
    const required = total(newReq, h);
    const at = h - firstDemandHour;
    const sum = (f: (q: (typeof demand.queues)[number]) => number): number => demand.queues.reduce((s, q) => s + f(q), 0);
    const actualKnown = h < nowHour;
    hours.push({
      timestamp: hourKeyFromNumber(h),
      planForecast: sum((q) => q.forecast[at] ?? 0),
      actual: actualKnown ? updated.demand.queues.reduce((s, q) => s + (q.forecast[at] ?? 0), 0) : null,
      forecast: updated.demand.queues.reduce((s, q) => s + (q.forecast[at] ?? 0), 0),
      p10: updated.demand.queues.reduce((s, q) => s + (q.p10[at] ?? 0), 0),
      p90: updated.demand.queues.reduce((s, q) => s + (q.p90[at] ?? 0), 0),
      planRequired: total(planReq, h),
      required,
      scheduledBefore: before,
      scheduledAfter: actualKnown ? before : after,
    });
    if (actualKnown) continue;
    shortfallBefore += Math.max(0, required - before);
    shortfallAfter += Math.max(0, required - after);
    const sb = service(config, newReq, h, before);
    const sa = service(config, newReq, h, after);
    sBefore.inquiries += sb.inquiries;
    sBefore.late += sb.late;
    sBefore.answered += sb.answered;
    sAfter.inquiries += sa.inquiries;
    sAfter.late += sa.late;
    sAfter.answered += sa.answered;
    const changed = Math.abs(after - before) > EPS || config.queues.some((q) => Math.abs((cell(newReq, q.name, h)?.agents ?? 0) - (cell(planReq, q.name, h)?.agents ?? 0)) > EPS || Math.abs((cell(newReq, q.name, h)?.inquiries ?? 0) - (cell(planReq, q.name, h)?.inquiries ?? 0)) > EPS);
    if (!changed) continue;
    const ts = hourKeyFromNumber(h);
    const needs = config.queues.map((q) => cell(newReq, q.name, h)?.agents ?? 0);
    const parts = split(after, needs);
    const planRow = planAll.get(h);
    const onFloor = (planRow?.agents ?? 0) + (delta.get(h) ?? 0) / Math.max(EPS, (1 - config.shrinkage));
    let late = 0;
    let floorSum = 0;
    config.queues.forEach((q, i) => {
      const c = cell(newReq, q.name, h);
      const sched = parts[i] ?? 0;
      const req = c?.agents ?? 0;
      const lateQ = lostInquiries(q, c?.inquiries ?? 0, Math.floor(sched + EPS));
      late += lateQ;
      floorSum += c?.floorAgents ?? 0;
      coverage.push({ timestamp: ts, queue: q.name, required: req, scheduled: sched, shortfall: Math.max(0, req - sched), surplus: Math.max(0, sched - req), agents: after > 0 ? (onFloor * sched) / after : 0, floor: c?.floorAgents ?? 0, lateInquiries: lateQ });
    });
    if (config.queues.length > 1 || input.coverage.some((r) => r.queue === 'all' && hourNumber(r.timestamp) === h)) {
      coverage.push({ timestamp: ts, queue: 'all', required, scheduled: after, shortfall: Math.max(0, required - after), surplus: Math.max(0, after - required), agents: onFloor, floor: floorSum, lateInquiries: late });
    }
  }

  const counts = Object.fromEntries(REPLAN_ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length])) as Record<ReplanAction, number>;
  const costDelta = Math.round(changes.reduce((s, c) => s + c.cost, 0) * 100) / 100;
  return {
    figures: {
      now: input.now,
      windowEnd: hourKeyFromNumber(windowEnd),
      scales: updated.scales,
      counts,
      costDelta,
      shortfallBefore,
      shortfallAfter,
      serviceLevelBefore: sBefore.inquiries > 0 ? sBefore.answered / sBefore.inquiries : null,
      serviceLevelAfter: sAfter.inquiries > 0 ? sAfter.answered / sAfter.inquiries : null,
      lateBefore: sBefore.late,
      lateAfter: sAfter.late,
      solver: { name: solved?.solver ?? input.solver.name, status: solved?.status ?? 'optimal', objective: solved?.objective ?? 0, seconds: solved?.seconds ?? 0, variables: model.variables.length, rows: model.constraints.length },
    },
    changes,
    roster,
    demand: updated.demand,
    requirement,
    coverage,
    hours,
    line: summaryLine(config, changes, roster, costDelta, shortfallBefore, shortfallAfter, input.now),
  };
}
