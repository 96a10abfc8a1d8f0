/**
 * Each labour rule twice: the checker finds a hand-built violation, and the
 * assigner, on a case where ignoring the rule would fill a seat, leaves the
 * seat UNFILLED (or picks the other agent) and names the rule.
 */
import { buildRoster, checkRoster, type Agent, type Roster, type RosterAssignment } from '../../src/roster';
import { agent, config, days, line } from './fixtures';
import type { ShiftLine } from '../../src/domain';

function roster(lines: ShiftLine[], agents: Agent[], eventDates: string[] = []): Roster {
  const dates = [...new Set(lines.map((l) => l.date))].sort();
  return buildRoster({ config, lines, agents, dates, eventDates: new Set(eventDates) });
}

function assign(l: ShiftLine, personId: string): RosterAssignment {
  return { date: l.date, shift: l.shift, code: l.code, start: l.start, end: l.end, pool: l.pool, queue: l.queue, personId, personName: '', kind: 'agent' };
}

function check(lines: ShiftLine[], assignments: RosterAssignment[], agents: Agent[]): string[] {
  return checkRoster({ config, lines, assignments, agents }).map((v) => `${v.rule}: ${v.message}`);
}

function who(r: Roster, date: string, shift: string): string[] {
  return r.assignments.filter((a) => a.date === date && a.shift === shift).map((a) => a.personId);
}

describe('min-rest (11 h between shifts)', () => {
  const mid = line('2026-11-01', 'middle', 1); // 13:00-22:00
  const day = line('2026-11-02', 'day', 1); // 08:00-17:00: 10 h after the middle shift
  it('the checker reports 10 h of rest', () => {
    expect(check([mid, day], [assign(mid, 'A'), assign(day, 'A')], [agent('A')])).toEqual([
      'min-rest: A rests 10 h between middle ending 2026-11-01T22:00 and day starting 2026-11-02T08:00; at least 11 h required',
    ]);
  });
  it('the assigner leaves the seat unfilled when the only agent lacks rest', () => {
    const r = roster([mid, day], [agent('A')]);
    expect(who(r, '2026-11-02', 'day')).toEqual(['UNFILLED']);
    expect(r.unfilled).toEqual([
      expect.objectContaining({ date: '2026-11-02', shift: 'day', seats: 1, tightestRule: 'min-rest', excludedBy: { 'min-rest': 1 } }),
    ]);
    expect(r.unfilled[0]?.reason).toBe('2026-11-02 day 08:00 in-house: 1 of 1 seats unfilled; of 1 agents 1 lack 11 h rest after their previous shift');
  });
  it('a later start that leaves 11 h is allowed', () => {
    const late = line('2026-11-02', 'day', 1, 'in-house', 1); // 09:00: 11 h after 22:00
    const r = roster([mid, late], [agent('A')]);
    expect(who(r, '2026-11-02', 'day')).toEqual(['A']);
    expect(check([mid, late], r.assignments, [agent('A')])).toEqual([]);
  });
  it('the assigner swaps agents so both seats are filled', () => {
    const next = [line('2026-11-02', 'day', 1), line('2026-11-02', 'middle', 1)];
    const r = roster([mid, ...next], [agent('A'), agent('B')]);
    expect(who(r, '2026-11-02', 'day')).toEqual(['B']);
    expect(who(r, '2026-11-02', 'middle')).toEqual(['A']);
  });
});

describe('one shift a day', () => {
  it('the checker reports two shifts on one date', () => {
    const d = line('2026-11-01', 'day', 1);
    const n = line('2026-11-01', 'night', 1);
    expect(check([d, n], [assign(d, 'A'), assign(n, 'A')], [agent('A')])).toContain('one-shift-per-day: A has two shifts on 2026-11-01 (day and night)');
  });
  it('the assigner gives one agent one of two seats', () => {
    const r = roster([line('2026-11-01', 'day', 1), line('2026-11-01', 'night', 1)], [agent('A')]);
    expect(r.assignments.map((a) => a.personId).sort()).toEqual(['A', 'UNFILLED']);
    expect(r.unfilled[0]?.tightestRule).toBe('headcount');
  });
});

describe('max days in any 7-day window', () => {
  const week = days('2026-11-02', 7).map((d) => line(d, 'day', 1));
  it('the checker reports 6 days in a rolling window for a 5-day agent', () => {
    const lines = days('2026-11-01', 9).map((d) => line(d, 'day', 1));
    // Works 11-01..11-03 and 11-05..11-07: 6 days in 11-01..11-07, fine in calendar halves.
    const picked = lines.filter((_, i) => [0, 1, 2, 4, 5, 6].includes(i));
    expect(check(picked, picked.map((l) => assign(l, 'A')), [agent('A')])).toEqual([
      'max-days-per-week: A works 6 days in 2026-11-01..2026-11-07; at most 5 allowed',
    ]);
  });
  it('the assigner stops a 5-day agent after 5 days of 7', () => {
    const r = roster(week, [agent('A', { maxDaysPerWeek: 5 })]);
    expect(week.map((l) => who(r, l.date, 'day')[0])).toEqual(['A', 'A', 'A', 'A', 'A', 'UNFILLED', 'UNFILLED']);
    expect(r.unfilled.map((u) => u.tightestRule)).toEqual(['max-days-per-week', 'max-days-per-week']);
  });
  it("honours each agent's own limit", () => {
    const r = roster(week, [agent('A', { maxDaysPerWeek: 3 }), agent('B', { maxDaysPerWeek: 4 })]);
    expect(r.unfilled).toEqual([]);
    expect(check(week, r.assignments, [agent('A', { maxDaysPerWeek: 3 }), agent('B', { maxDaysPerWeek: 4 })])).toEqual([]);
    expect(r.assignments.filter((a) => a.personId === 'A')).toHaveLength(3);
  });
});

describe('max 6 consecutive days', () => {
  const eight = days('2026-11-01', 8).map((d) => line(d, 'day', 1));
  it('the checker reports the seventh day in a row', () => {
    const seven = eight.slice(0, 7);
    expect(check(seven, seven.map((l) => assign(l, 'A')), [agent('A', { maxDaysPerWeek: 7 })])).toEqual([
      'max-consecutive-days: A works 7 days in a row up to 2026-11-07; at most 6 allowed',
    ]);
  });
  it('the assigner rests a 7-day agent on day 7 and uses them again on day 8', () => {
    const r = roster(eight, [agent('A', { maxDaysPerWeek: 7 })]);
    expect(eight.map((l) => who(r, l.date, 'day')[0])).toEqual(['A', 'A', 'A', 'A', 'A', 'A', 'UNFILLED', 'A']);
    expect(r.unfilled.map((u) => u.tightestRule)).toEqual(['max-consecutive-days']);
  });
});

describe('night shifts only with night_ok', () => {
  const night = line('2026-11-01', 'night', 1);
  it('the checker reports a night for night_ok=false', () => {
    expect(check([night], [assign(night, 'A')], [agent('A', { nightOk: false })])).toEqual([
      'night-ok: A has night_ok=false but works the night shift 22:00-08:00 on 2026-11-01',
    ]);
  });
  it('counts overtime: a middle shift extended past midnight is night work', () => {
    const late = { ...line('2026-11-01', 'middle', 1, 'in-house', 1), end: '2026-11-02T01:00', overtimeHours: 2 }; // 14:00-01:00
    expect(check([late], [assign(late, 'A')], [agent('A', { nightOk: false })])).toEqual([
      'night-ok: A has night_ok=false but works the middle shift 14:00-01:00 on 2026-11-01',
    ]);
    // The assigner judges the line by its hours too (here a pool without overtime pay: the hours alone).
    const { overtimeHours: _ot, ...longMiddle } = late;
    void _ot;
    expect(who(roster([longMiddle], [agent('A', { nightOk: false }), agent('B')]), '2026-11-01', 'middle')).toEqual(['B']);
    // Ending at midnight works no night hour.
    const midnight = { ...late, end: '2026-11-02T00:00', overtimeHours: 1 };
    expect(check([midnight], [assign(midnight, 'A')], [agent('A', { nightOk: false })])).toEqual([]);
  });
  it('the assigner picks the night_ok agent, or nobody', () => {
    expect(who(roster([night], [agent('A', { nightOk: false }), agent('B')]), '2026-11-01', 'night')).toEqual(['B']);
    const r = roster([night], [agent('A', { nightOk: false })]);
    expect(r.unfilled[0]?.tightestRule).toBe('night-ok');
  });
});

describe("the agent's shift list", () => {
  const mid = line('2026-11-01', 'middle', 1);
  it('the checker reports a shift the agent does not work', () => {
    expect(check([mid], [assign(mid, 'A')], [agent('A', { shifts: ['day'] })])).toEqual(['allowed-shifts: A (in-house, shifts day) is on in-house middle']);
  });
  it('the assigner respects it', () => {
    const r = roster([mid], [agent('A', { shifts: ['day'] })]);
    expect(r.unfilled[0]?.tightestRule).toBe('allowed-shifts');
  });
});

describe('leave', () => {
  const two = days('2026-11-01', 2).map((d) => line(d, 'day', 1));
  it('the checker reports work on a leave day', () => {
    expect(check(two, two.map((l) => assign(l, 'A')), [agent('A', { unavailable: ['2026-11-02'] })])).toEqual([
      'leave: A is on leave on 2026-11-02 but works day',
    ]);
  });
  it('the assigner covers a leave day with another agent, or leaves it unfilled', () => {
    const r = roster(two, [agent('A', { unavailable: ['2026-11-02'] }), agent('B')]);
    expect(who(r, '2026-11-02', 'day')).toEqual(['B']);
    const alone = roster(two, [agent('A', { unavailable: ['2026-11-02'] })]);
    expect(alone.unfilled).toEqual([expect.objectContaining({ date: '2026-11-02', tightestRule: 'leave', excludedBy: { leave: 1 } })]);
  });
});

describe('exactly the planned number per shift', () => {
  const d = line('2026-11-01', 'day', 2);
  it('the checker reports too few, too many and unplanned rows', () => {
    expect(check([d], [assign(d, 'A')], [agent('A')])).toEqual(['planned-count: in-house day starting 2026-11-01T08:00: 1 rostered, 2 planned']);
    const extra = line('2026-11-01', 'middle', 1);
    expect(check([d], [assign(d, 'A'), assign(d, 'B'), assign(extra, 'C')], [agent('A'), agent('B'), agent('C')])).toEqual([
      'planned-count: in-house middle starting 2026-11-01T13:00: 1 rostered, none planned',
    ]);
  });
  it('UNFILLED rows count toward the plan but are violations of their own', () => {
    const r = roster([d], [agent('A')]);
    expect(r.assignments.map((a) => a.personId)).toEqual(['A', 'UNFILLED']);
    expect(check([d], r.assignments, [agent('A')])).toEqual(['seats-filled: in-house day starting 2026-11-01T08:00 has an UNFILLED seat']);
  });
});

describe('fair spread', () => {
  it('rotates nights, weekends and event days evenly', () => {
    const span = days('2026-11-02', 14); // Monday .. Sunday twice
    const lines = span.flatMap((d) => [line(d, 'day', 2), line(d, 'night', 1)]);
    const agents = ['A', 'B', 'C', 'D', 'E'].map((id) => agent(id, { maxDaysPerWeek: 5 }));
    const r = roster(lines, agents, ['2026-11-10', '2026-11-11']);
    expect(checkRoster({ config, lines, assignments: r.assignments, agents })).toEqual([]);
    expect(r.fairness.shifts.spread).toBeLessThanOrEqual(1);
    expect(r.fairness.nights.spread).toBeLessThanOrEqual(1);
    expect(r.fairness.weekends.spread).toBeLessThanOrEqual(1);
    expect(r.fairness.eventDays.spread).toBeLessThanOrEqual(1);
    expect(r.fairness.nights).toEqual(expect.objectContaining({ agents: 5 }));
  });
  it('counts nights only over agents who may work them', () => {
    const lines = [line('2026-11-02', 'night', 1), line('2026-11-02', 'day', 1)];
    const r = roster(lines, [agent('A'), agent('B', { nightOk: false })]);
    expect(r.fairness.nights).toEqual({ min: 1, max: 1, spread: 0, agents: 1 });
  });
});
