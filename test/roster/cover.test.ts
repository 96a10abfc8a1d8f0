/**
 * In-house cover every day (`pools[].minAgentsPerDay` on an in-house pool):
 * the plan keeps at least that many in-house agents on every date, the roster
 * names them, and the checker reports a day that falls below.
 */
import { datesBetween } from '../../src/domain';
import { runPipeline } from '../../src/pipeline';
import { checkRoster, type Agent } from '../../src/roster';
import { instance } from '../plan/instances';
import { agent, config as rosterConfig, line } from './fixtures';

const team: Agent[] = Array.from({ length: 6 }, (_, i) => ({ id: `S${i + 1}`, name: `S${i + 1}`, pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: i === 0 ? ['2026-11-03'] : [] }));

test('a 6-agent shop with minAgentsPerDay 2: at least 2 in-house agents work every day of the plan', async () => {
  const base = instance({ days: 10, pools: 3, offsets: 1, peak: 10, seed: 4 });
  const config = { ...base.config, pools: base.config.pools.map((p) => (p.kind === 'inhouse' ? { ...p, headcount: 6, minAgentsPerDay: 2 } : p)) };
  const run = await runPipeline({ config, source: { kind: 'requirement', requirement: base.requirement }, start: base.start, end: base.end, agents: team, allowShort: true, explainPriced: 0 });
  const roster = run.roster?.roster;
  expect(roster?.unfilled).toEqual([]);
  for (const date of datesBetween(base.start, base.end)) {
    const working = new Set(roster?.assignments.filter((a) => a.date === date && a.kind === 'agent').map((a) => a.personId));
    expect({ date, working: working.size >= 2 }).toEqual({ date, working: true });
  }
}, 120_000);

test('the checker names a day with fewer in-house agents than minAgentsPerDay', () => {
  const config = { ...rosterConfig, pools: rosterConfig.pools.map((p) => (p.kind === 'inhouse' ? { ...p, minAgentsPerDay: 2 } : p)) };
  const l = line('2026-11-01', 'day', 1);
  const assignments = [{ date: l.date, shift: l.shift, code: l.code, start: l.start, end: l.end, pool: l.pool, queue: l.queue, personId: 'A', personName: '', kind: 'agent' as const }];
  expect(checkRoster({ config, lines: [l], assignments, agents: [agent('A'), agent('B')], dates: ['2026-11-01', '2026-11-02'] }).map((v) => v.message)).toEqual([
    '1 in-house agents work on 2026-11-01; at least 2 must (pools[].minAgentsPerDay)',
    '0 in-house agents work on 2026-11-02; at least 2 must (pools[].minAgentsPerDay)',
  ]);
});
