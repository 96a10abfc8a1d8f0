import { InfeasiblePlanError } from '../../src/domain';
import { buildRoster, freezeCapacity, inhouseCapacity, requireFilled } from '../../src/roster';
import { agent, config, line } from './fixtures';

describe('capacity for a re-plan', () => {
  const agents = [
    agent('A', { nightOk: false, unavailable: ['2026-11-02'] }),
    agent('B', { maxDaysPerWeek: 3 }),
    agent('C', { shifts: ['day'], maxDaysPerWeek: 7, unavailable: ['2026-11-01', '2026-11-02', '2026-11-03'] }),
  ];
  const cap = inhouseCapacity(config, agents, '2026-11-01', '2026-11-08');

  it('counts agents present and allowed per shift each day', () => {
    expect(cap).toHaveLength(1);
    // presentTwoDays: present on the date or the next (11-03: A back, C still on leave).
    // nightOk: present with night_ok (any hour 00:00-06:00, overtime included): B on 11-02, B and C on 11-05.
    expect(cap[0]?.days[1]).toEqual({ date: '2026-11-02', agents: 1, presentTwoDays: 2, byShift: { day: 1, middle: 1, night: 1 }, nightOk: 1 });
    expect(cap[0]?.days[4]).toEqual({ date: '2026-11-05', agents: 3, presentTwoDays: 3, byShift: { day: 3, middle: 2, night: 1 }, nightOk: 2 });
  });

  it('counts agent-days per 7-day window: min(max days, 6 in a row, days present)', () => {
    // 11-01..11-07: A 5 (6 present), B 3, C min(7, 6, 4) = 4; per shift only the agents allowed it
    // (A not night_ok, C day only): day 5 + 3 + 4, middle 5 + 3, night 3; night_ok agents B and C 3 + 4.
    expect(cap[0]?.windows[0]).toEqual({ start: '2026-11-01', end: '2026-11-07', agentDays: 12, byShift: { day: 12, middle: 8, night: 3 }, nightOk: 7 });
    // The last window is clipped to the horizon: 11-08 only.
    expect(cap[0]?.windows[7]).toEqual({ start: '2026-11-08', end: '2026-11-08', agentDays: 3, byShift: { day: 3, middle: 2, night: 1 }, nightOk: 2 });
  });

  it('holds a re-plan to what the roster filled: any plan within the caps is the filled roster minus some shifts', () => {
    const lines = [line('2026-11-02', 'night', 2), line('2026-11-05', 'day', 2)];
    const r = buildRoster({ config, lines, agents, dates: ['2026-11-02', '2026-11-05'], eventDates: new Set() });
    // 11-02: only B is present, so one of the two night seats stays empty.
    expect(r.unfilled.map((u) => [u.date, u.seats])).toEqual([['2026-11-02', 1]]);
    const frozen = freezeCapacity(cap, r);
    expect(frozen[0]?.days[1]).toEqual(expect.objectContaining({ agents: 1, byShift: { day: 0, middle: 0, night: 1 }, byStart: { '22:00': 1 } }));
    expect(frozen[0]?.days[4]).toEqual(expect.objectContaining({ agents: 2, byShift: { day: 2, middle: 0, night: 0 }, byStart: { '08:00': 2 } }));
    expect(frozen[0]?.windows[0]?.agentDays).toBe(3);
    const again = buildRoster({ config, lines: [line('2026-11-02', 'night', 1), line('2026-11-05', 'day', 2)], agents, dates: ['2026-11-02', '2026-11-05'], eventDates: new Set() });
    expect(again.unfilled).toEqual([]);
  });
});

describe('--strict', () => {
  it('throws an infeasible-plan error naming the short shift and rule', () => {
    const r = buildRoster({ config, lines: [line('2026-11-01', 'night', 2)], agents: [agent('A', { nightOk: false })], dates: ['2026-11-01'], eventDates: new Set() });
    expect(() => requireFilled(r)).toThrow(InfeasiblePlanError);
    expect(() => requireFilled(r)).toThrow('the agents cannot fill 2 planned seats: 2026-11-01 night 22:00 in-house: 2 of 2 seats unfilled; of 1 agents 1 not night_ok');
  });
});
