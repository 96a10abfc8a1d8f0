/**
 * In-house agents onto planned lines as one integer assignment over the whole
 * horizon, solved through the planner's solver adapter (HiGHS by default).
 *
 * Variables: x[agent, line] binary for every (agent, line) the static rules
 * allow (pool, shift list, night_ok, leave); u[line] >= 0 unfilled seats.
 * Rules as constraints: sum_a x + u = planned agents (planned count); one
 * shift a date; x[a,l1] + sum x[a,l2] <= 1 over the lines l2 of one date that
 * start less than minRestHours after l1 ends (rest); the days of any 7-day
 * window <= max_days_per_week; any maxConsecutiveDays+1 days <= maxConsecutiveDays.
 * Objective: the unfilled seats alone (phase 1 of the roster: fill). Any
 * roster that fills every seat ends the search at once (its bound is 0); where
 * a seat cannot be filled, the search stops at FILL_NODES nodes, the same on
 * any machine. Fairness is phase 2 (balance.ts): swaps that never unfill a
 * seat. Measured on the sample's last roster: one model with fill and fairness
 * together took 59 s native, 569 nodes.
 *
 * Unlike the day-by-day method this sees tomorrow's early shifts when it
 * picks today's late ones, so it fills every seat whenever any roster can.
 */
import type { Config } from '../config';
import { addDays, dayNumber, type ShiftLine } from '../domain';
import { MipBuilder, type MipOptions, type MipSolver } from '../plan';
import { describeUnfilled, isWeekend, overtimeCapOf, type AgentAssignment, type AssignAgentsInput } from './assign';
import { minuteNumber } from './rules/context';
import { nightAllowed, shiftAllowed } from './rules/eligibility';
import { onLeave } from './rules/leave';
import { nightShiftNames } from './shifts';
import { lineFields, UNFILLED, type RosterAssignment, type UnfilledSeat } from './types';

const UNFILLED_COST = 1000;
/** Node limit of the fill search, where a seat cannot be filled and proving it would take long. */
export const FILL_NODES = 500;

export interface MipRosterResult extends AgentAssignment {
  solver: { name: string; status: string; objective: number; seconds: number; variables: number; constraints: number };
}

/** Why nobody took the empty seats of `line`, given the finished roster. */
export function explainUnfilled(input: Pick<AssignAgentsInput, 'config' | 'agents'>, assignments: readonly RosterAssignment[], line: ShiftLine, seats: number): UnfilledSeat {
  const night = nightShiftNames(input.config);
  const members = input.agents.filter((a) => a.pool === line.pool);
  const excludedBy: Record<string, number> = {};
  const add = (rule: string) => {
    excludedBy[rule] = (excludedBy[rule] ?? 0) + 1;
  };
  const start = minuteNumber(line.start);
  const end = minuteNumber(line.end);
  const restMinutes = input.config.roster.minRestHours * 60;
  const day = dayNumber(line.date);
  for (const agent of members) {
    const mine = assignments.filter((a) => a.personId === agent.id);
    if (onLeave(agent, line.date)) add('leave');
    else if (!shiftAllowed(agent, line.pool, line.shift)) add('allowed-shifts');
    else if (!nightAllowed(agent, line, night)) add('night-ok');
    else if (mine.some((a) => a.date === line.date)) add('one-shift-per-day');
    else if (mine.some((a) => minuteNumber(a.end) <= start && start - minuteNumber(a.end) < restMinutes)) add('min-rest');
    else if (mine.some((a) => minuteNumber(a.start) >= end && minuteNumber(a.start) - end < restMinutes)) add('min-rest');
    else {
      const worked = new Set(mine.map((a) => dayNumber(a.date)));
      worked.add(day);
      let window = false;
      for (let from = day - 6; from <= day && !window; from++) {
        let n = 0;
        for (let d = from; d < from + 7; d++) if (worked.has(d)) n += 1;
        if (n > agent.maxDaysPerWeek) window = true;
      }
      let run = 1;
      while (worked.has(day - run)) run += 1;
      let after = 1;
      while (worked.has(day + after)) after += 1;
      if (window) add('max-days-per-week');
      else if (run + after - 1 > input.config.roster.maxConsecutiveDays) add('max-consecutive-days');
      else add('one-shift-per-day');
    }
  }
  return describeUnfilled(line, seats, members.length, excludedBy, input.config.roster.minRestHours, 'before or after their other shifts');
}

/** `pools`: the pools whose lines are assigned (default: the in-house pools). */
export async function assignAgentsMip(input: AssignAgentsInput, solver: MipSolver, options: MipOptions, pools?: ReadonlySet<string>): Promise<MipRosterResult> {
  const config: Pick<Config, 'shifts' | 'pools' | 'roster'> = input.config;
  const night = nightShiftNames(config);
  const inhouse = pools ?? new Set(config.pools.filter((p) => p.kind === 'inhouse').map((p) => p.name));
  const lines = input.lines.filter((l) => inhouse.has(l.pool) && l.agents > 0);
  const b = new MipBuilder();
  const x = new Map<string, number>(); // `${agent}|${line}`
  const byAgentDate = new Map<string, Array<{ line: number; v: number }>>();
  const unfilled = lines.map((l, li) => b.addVariable(`u[${li}]`, { lower: 0, upper: l.agents, integer: true, cost: UNFILLED_COST }));
  input.agents.forEach((agent, ai) => {
    lines.forEach((l, li) => {
      if (onLeave(agent, l.date) || !shiftAllowed(agent, l.pool, l.shift) || !nightAllowed(agent, l, night)) return;
      const v = b.addVariable(`x[${agent.id},${li}]`, { lower: 0, upper: 1, integer: true });
      x.set(`${ai}|${li}`, v);
      const key = `${ai}|${l.date}`;
      const list = byAgentDate.get(key) ?? [];
      list.push({ line: li, v });
      byAgentDate.set(key, list);
    });
  });
  lines.forEach((l, li) => {
    const vars: number[] = [unfilled[li] as number];
    input.agents.forEach((_, ai) => {
      const v = x.get(`${ai}|${li}`);
      if (v !== undefined) vars.push(v);
    });
    b.addConstraint(`planned[${li}]`, vars, vars.map(() => 1), '=', l.agents);
  });
  const dates = [...new Set(lines.map((l) => l.date))].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const allDates: string[] = [];
  if (first !== undefined && last !== undefined) for (let d = first; d <= last; d = addDays(d, 1)) allDates.push(d);
  const minRest = config.roster.minRestHours * 60;
  const maxRun = config.roster.maxConsecutiveDays;

  input.agents.forEach((agent, ai) => {
    const dayVars = allDates.map((d) => (byAgentDate.get(`${ai}|${d}`) ?? []).map((e) => e.v));
    dayVars.forEach((vars, di) => {
      if (vars.length > 1) b.addConstraint(`oneShift[${agent.id},${allDates[di]}]`, vars, vars.map(() => 1), '<=', 1);
    });
    // Rest: a line and the lines of one later date that start too soon after it.
    for (const date of allDates) {
      for (const e of byAgentDate.get(`${ai}|${date}`) ?? []) {
        const l1 = lines[e.line] as ShiftLine;
        const end = minuteNumber(l1.end);
        const byDate = new Map<string, number[]>();
        for (let k = 1; k <= 2; k++) {
          for (const f of byAgentDate.get(`${ai}|${addDays(l1.date, k)}`) ?? []) {
            const l2 = lines[f.line] as ShiftLine;
            if (minuteNumber(l2.start) - end < minRest) byDate.set(l2.date, [...(byDate.get(l2.date) ?? []), f.v]);
          }
        }
        for (const [d, vars] of byDate) b.addConstraint(`rest[${agent.id},${e.line},${d}]`, [e.v, ...vars], [1, ...vars.map(() => 1)], '<=', 1);
      }
    }
    const windowLen = Math.min(7, allDates.length);
    for (let from = 0; from + windowLen <= allDates.length; from++) {
      const vars = dayVars.slice(from, from + windowLen).flat();
      if (vars.length > agent.maxDaysPerWeek) b.addConstraint(`week[${agent.id},${allDates[from]}]`, vars, vars.map(() => 1), '<=', agent.maxDaysPerWeek);
    }
    for (let from = 0; from + maxRun + 1 <= allDates.length; from++) {
      const vars = dayVars.slice(from, from + maxRun + 1).flat();
      if (vars.length > maxRun) b.addConstraint(`run[${agent.id},${allDates[from]}]`, vars, vars.map(() => 1), '<=', maxRun);
    }
    // Overtime hours in any 7 days within the pool's cap.
    const overtimeCap = overtimeCapOf(input, agent.pool);
    const overtimeByDay = allDates.map((d) => (byAgentDate.get(`${ai}|${d}`) ?? []).filter((e) => ((lines[e.line] as ShiftLine).overtimeHours ?? 0) > 0));
    if (overtimeByDay.some((list) => list.length > 0)) {
      for (let from = 0; from + windowLen <= allDates.length || from === 0; from++) {
        const entries = overtimeByDay.slice(from, from + windowLen).flat();
        if (entries.length === 0) continue;
        const hours = entries.map((e) => (lines[e.line] as ShiftLine).overtimeHours ?? 0);
        if (hours.reduce((s, h) => s + h, 0) > overtimeCap) b.addConstraint(`overtime[${agent.id},${allDates[from]}]`, entries.map((e) => e.v), hours, '<=', overtimeCap);
        if (from + windowLen >= allDates.length) break;
      }
    }
  });
  const model = b.build();
  const result = await solver.solve(model, { ...options, relativeGap: 0, absoluteGap: UNFILLED_COST / 2, maxNodes: FILL_NODES, label: 'roster, fill' });
  const solverFigures = { name: result.solver, status: result.status, objective: result.objective, seconds: result.seconds, variables: model.variables.length, constraints: model.constraints.length };
  if (result.status !== 'optimal' && result.status !== 'feasible') return { assignments: [], unfilled: [], solver: solverFigures };
  const value = (v: number) => Math.round(result.values[v] ?? 0);
  const assignments: RosterAssignment[] = [];
  const empty: Array<[ShiftLine, number]> = [];
  lines.forEach((l, li) => {
    const base = lineFields(l);
    let filled = 0;
    input.agents.forEach((agent, ai) => {
      const v = x.get(`${ai}|${li}`);
      if (v !== undefined && value(v) === 1 && filled < l.agents) {
        assignments.push({ ...base, personId: agent.id, personName: agent.name, kind: 'agent' });
        filled += 1;
      }
    });
    for (let k = filled; k < l.agents; k++) assignments.push({ ...base, personId: UNFILLED, personName: '', kind: 'unfilled' });
    if (filled < l.agents) empty.push([l, l.agents - filled]);
  });
  return { assignments, unfilled: empty.map(([l, n]) => explainUnfilled(input, assignments, l, n)), solver: solverFigures };
}
