/**
 * Tenure in the shift plan: agents in training are unavailable, agents still
 * ramping up plan in a sub-pool at their productive share, and the result is
 * shown in the pools people know.
 */
import { parseConfig } from '../../src/config';
import { splitByTenure } from '../../src/capacity';
import { addDays, type Demand } from '../../src/domain';
import { runPipeline } from '../../src/pipeline';
import type { Agent } from '../../src/roster';

const agent = (id: string, hired?: string): Agent => ({ id, name: id, pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 7, unavailable: [], ...(hired ? { hired } : {}) });

describe('splitByTenure', () => {
  const config = parseConfig({
    queues: [{ name: 'chat', concurrency: 1 }],
    pools: [{ name: 'in-house', kind: 'inhouse', headcount: 3, hourlyCost: 30, minAgentsPerDay: 1, maxAgentsPerDay: 3, productivity: 0.9 }],
    capacity: { trainingWeeks: 1, ramp: [{ weeks: 2, ahtMultiplier: 2 }] },
  });
  const start = '2026-11-02';
  const end = '2026-11-08';

  it('leaves the config alone when no agent has a hire date', () => {
    const split = splitByTenure(config, [agent('A')], null, start, end);
    expect(split.config).toBe(config);
    expect(split.groups).toEqual([]);
  });

  it('moves agents ramping up to a sub-pool at their share and makes training days unavailable', () => {
    // B: hired years ago; C: live 2026-10-26, at half speed all week; D: in training until 2026-11-04, then half speed.
    const agents = [agent('A'), agent('B', '2020-01-06'), agent('C', '2026-10-19'), agent('D', '2026-10-28')];
    const split = splitByTenure(config, agents, null, start, end);
    expect(split.config.pools.map((p) => p.name)).toEqual(['in-house', 'in-house.ramp-50']);
    const [base, ramp] = split.config.pools;
    expect(ramp).toMatchObject({ kind: 'inhouse', headcount: 2, minAgentsPerDay: 0, productivity: 0.45, hourlyCost: 30 });
    expect(ramp && 'maxAgentsPerDay' in ramp ? ramp.maxAgentsPerDay : undefined).toBeUndefined();
    // The pool keeps its rules and at least the agents staying in it.
    expect(base).toMatchObject({ headcount: 3, minAgentsPerDay: 1, maxAgentsPerDay: 3, productivity: 0.9 });
    expect(split.agents?.map((a) => a.pool)).toEqual(['in-house', 'in-house', 'in-house.ramp-50', 'in-house.ramp-50']);
    expect(split.agents?.[3]?.unavailable).toEqual(['2026-11-02', '2026-11-03']);
    expect(split.groups).toEqual([{ pool: 'in-house.ramp-50', base: 'in-house', agentIds: ['C', 'D'], share: 0.5 }]);
    expect(split.notes).toEqual(['2 agent(s) of in-house still ramping up plan at 50% of full speed (as pool in-house.ramp-50)', '1 agent(s) in training on some dates of the plan are unavailable on those dates']);
  });
});

describe('a plan with agents still ramping up', () => {
  // One 8-hour day shift, 4 agents who may work every day, more demand than they can cover: all of them work.
  const config = parseConfig({
    queues: [{ name: 'chat', ahtSeconds: 300, concurrency: 1, target: { serviceLevel: 0.8, answerSeconds: 20, minServiceLevel: 0 } }],
    shrinkage: 0.25,
    shifts: [{ name: 'day', code: 'D', start: '08:00', hours: 8 }],
    pools: [{ name: 'in-house', kind: 'inhouse', headcount: 4, hourlyCost: 30, maxDaysPerWeek: 7 }],
    capacity: { trainingWeeks: 2, ramp: [{ weeks: 4, ahtMultiplier: 2 }] },
    solver: { mipRelGap: 0 },
  });
  const start = '2026-11-02';
  const end = '2026-11-03';
  const demand: Demand = (() => {
    const values = Array.from({ length: 48 }, (_, h) => (h % 24 >= 8 && h % 24 < 16 ? 150 : 0));
    return { timezone: 'Asia/Shanghai', startHour: `${start}T00:00`, hours: 48, queues: [{ name: 'chat', forecast: values, p10: values, p50: values, p90: values }], events: values.map(() => '') };
  })();
  const run = (agents: Agent[]) => runPipeline({ config, source: { kind: 'demand', demand }, start, end, agents, explainPriced: 0 });

  it('counts the two new agents at half speed and shows them in the pool they belong to', async () => {
    const veterans = await run([agent('A'), agent('B'), agent('C'), agent('D')]);
    const hired = addDays(start, -21); // live 2026-10-26: ramp step 1 (AHT x2) all horizon
    const ramping = await run([agent('A'), agent('B'), agent('C', hired), agent('D', hired)]);
    for (const r of [veterans, ramping]) {
      expect(r.plan.summary.pools['in-house']?.agentShifts).toBe(8);
      expect(Object.keys(r.plan.summary.pools)).toEqual(['in-house']);
      expect(new Set(r.plan.lines.map((l) => l.pool))).toEqual(new Set(['in-house']));
      expect(new Set(r.roster?.roster.assignments.map((a) => a.pool))).toEqual(new Set(['in-house']));
      expect(r.roster?.roster.people.map((p) => p.pool)).toEqual(['in-house', 'in-house', 'in-house', 'in-house']);
    }
    // Lines of the sub-pool fold into the pool's: one line a day, 4 agents.
    expect(ramping.plan.lines.map((l) => [l.date, l.pool, l.agents])).toEqual([[start, 'in-house', 4], [end, 'in-house', 4]]);
    // 2 full-speed + 2 half-speed agents give 3/4 of the productive hours of 4 veterans.
    const productive = (r: typeof veterans): number => r.plan.summary.pools['in-house']?.productiveHours ?? 0;
    expect(productive(veterans)).toBeCloseTo(4 * 2 * 8 * 0.75, 6);
    expect(productive(ramping) / productive(veterans)).toBeCloseTo(0.75, 6);
    expect(ramping.notes[0]).toBe('2 agent(s) of in-house still ramping up plan at 50% of full speed (as pool in-house.ramp-50)');
    expect(ramping.config).toBe(config);
  });
});
