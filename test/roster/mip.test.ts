import { solverByName, solverOptions } from '../../src/plan';
import { assignAgents, buildRoster, checkRoster, solveRoster } from '../../src/roster';
import { agent, config, days, line } from './fixtures';

const highs = solverByName('highs');
const options = solverOptions(config, 20);

describe('integer assignment of agents', () => {
  it("sees tomorrow's early shift when it picks today's late one (the day-by-day method cannot)", async () => {
    // A may work day and middle, B only middle. Day 1 middle then day 2 08:00 leaves A 10 h of rest,
    // so only B on day 1's middle lets A take day 2's early shift.
    const lines = [line('2026-11-01', 'middle', 1), line('2026-11-02', 'day', 1)];
    const agents = [agent('A', { shifts: ['day', 'middle'] }), agent('B', { shifts: ['middle'] })];
    const input = { config, lines, agents, dates: ['2026-11-01', '2026-11-02'], eventDates: new Set<string>() };
    expect(assignAgents(input).unfilled).toHaveLength(1);
    const solved = await solveRoster(input, highs, options);
    expect(solved.method).toBe('mip');
    expect(solved.roster.unfilled).toEqual([]);
    expect(solved.roster.assignments.map((a) => `${a.date} ${a.shift} ${a.personId}`)).toEqual(['2026-11-01 middle B', '2026-11-02 day A']);
    expect(checkRoster({ config, lines, assignments: solved.roster.assignments, agents })).toEqual([]);
  });

  it('keeps every rule and spreads nights and weekends on a fortnight', async () => {
    const span = days('2026-11-02', 14);
    const lines = span.flatMap((d) => [line(d, 'day', 2), line(d, 'middle', 1, 'in-house', 1), line(d, 'night', 1), line(d, 'night', 2, 'vendor-a')]);
    const agents = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((id, i) => agent(id, { nightOk: i < 4, unavailable: i === 0 ? ['2026-11-05', '2026-11-06'] : [] }));
    const solved = await solveRoster({ config, lines, agents, dates: span, eventDates: new Set(['2026-11-11']) }, highs, options);
    expect(solved.method).toBe('mip');
    expect(checkRoster({ config, lines, assignments: solved.roster.assignments, agents })).toEqual([]);
    expect(solved.roster.fairness.nights.agents).toBe(4);
    expect(solved.roster.fairness.nights.spread).toBeLessThanOrEqual(1);
    expect(solved.roster.fairness.weekends.spread).toBeLessThanOrEqual(1);
  });

  it('reports the seats no roster can fill, with the rule', async () => {
    const lines = days('2026-11-01', 7).map((d) => line(d, 'day', 1));
    const agents = [agent('A', { maxDaysPerWeek: 5 })];
    const solved = await solveRoster({ config, lines, agents, dates: days('2026-11-01', 7), eventDates: new Set() }, highs, options);
    expect(solved.roster.unfilled.map((u) => u.tightestRule)).toEqual(['max-days-per-week', 'max-days-per-week']);
    const daily = buildRoster({ config, lines, agents, dates: days('2026-11-01', 7), eventDates: new Set() });
    expect(solved.roster.unfilled.reduce((n, u) => n + u.seats, 0)).toBe(daily.unfilled.reduce((n, u) => n + u.seats, 0));
  });
});
