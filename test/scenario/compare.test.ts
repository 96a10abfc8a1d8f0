import { applyConfigOverrides, compareScenarios, comparisonCsv, comparisonHtml, comparisonMarkdown, failedResult, parseSweep, sweepCurve, sweepCsv, sweepScenarios, type Scenario, type ScenarioResult } from '../../src/scenario';
import { UsageError } from '../../src/domain';
import { baseConfig } from './fixtures';


function result(name: string, totalCost: number, costByPool: Record<string, number>, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name, description: '', folder: name, status: 'ok', currency: 'CNY', totalCost, costByPool, outsourcedShare: 0.6,
    peakAgentsByPool: Object.fromEntries(Object.keys(costByPool).map((p) => [p, 10])), shortfallHours: 0, shortfallAgentHours: 0, shortfallCost: 0, lostServiceCost: 0, belowFloorHours: 0,
    lowestServiceLevel: 0.85, abandonRate: 0.02, solverGap: 0.001,
    coverage: { startHour: '2026-06-17T00:00', required: [1, 2, 3], scheduled: [1, 2, 4] }, ...extra,
  };
}

describe('comparison', () => {
  const results = [
    result('base', 1000, { 'in-house': 400, 'vendor-a': 300, 'vendor-b': 300 }),
    result('promo +30%', 1250, { 'in-house': 400, 'vendor-a': 850 }),
    failedResult('all vendors out', '', '02', 'infeasible', 'outsourcing.min 0.6 needs a vendor'),
  ];

  test('deltas against the first result, every pool in first-seen order, no figures for a failed row', () => {
    const c = compareScenarios(results);
    expect(c.pools).toEqual(['in-house', 'vendor-a', 'vendor-b']);
    expect(c.rows.map((r) => [r.scenario, r.totalCost, r.deltaCost, r.deltaShare])).toEqual([
      ['base', 1000, 0, 0],
      ['promo +30%', 1250, 250, 0.25],
      ['all vendors out', null, null, null],
    ]);
    expect(c.rows[1]?.costByPool).toEqual([400, 850, 0]);
    expect(c.rows[2]?.costByPool).toEqual([null, null, null]);
  });

  test('CSV: one header, one row per scenario, fixed decimals', () => {
    const csv = comparisonCsv(compareScenarios(results)).split('\n');
    expect(csv[0]).toBe('scenario,status,total_cost,delta_cost,delta_pct,cost_with_lost_service,delta_with_lost_service,delta_with_lost_service_pct,rank,cost_in-house,cost_vendor-a,cost_vendor-b,outsourced_share,peak_agents_in-house,peak_agents_vendor-a,peak_agents_vendor-b,shortfall_hours,shortfall_agent_hours,shortfall_cost,lost_service_cost,below_floor_hours,lowest_service_level,abandon_rate,simulated_service_level,hours_meeting_target,solver_gap,message');
    expect(csv[2]).toBe('promo +30%,ok,1250.00,250.00,25.00,1250.00,250.00,25.00,2,400.00,850.00,0.00,0.6000,10,10,0,0,0.00,0.00,0.00,0,0.8500,0.0200,,,0.001000,');
    expect(csv[3]).toBe('all vendors out,infeasible,,,,,,,,,,,,,,,,,,,,,,,,,outsourcing.min 0.6 needs a vendor');
    expect(csv).toHaveLength(5);
  });

  test('Markdown: ranked rows with signed deltas, pools in a table of their own, the failed row last with its reason', () => {
    const md = comparisonMarkdown(compareScenarios(results));
    expect(md).toContain('| 2 | promo +30% | 1,250 | +250 (+25.0%) | 1,250 | 0 | 60.0% | 0 | 0.0 | 0 | 85.0% | – | – | 2.0% | 0.10% |');
    expect(md).toContain('| | all vendors out | infeasible: outsourcing.min 0.6 needs a vendor |');
    expect(md).toContain('| promo +30% | 400 | 850 | 0 | 10 | 10 | 0 |');
  });

  test('scenarios rank by cost plus lost service: a cheap plan that leaves inquiries unanswered ranks below', () => {
    const short = result('50/50 ratio', 600, { 'in-house': 300, 'vendor-a': 300 }, { lostServiceCost: 900, shortfallHours: 40, shortfallAgentHours: 630 });
    const c = compareScenarios([results[0] as ScenarioResult, results[1] as ScenarioResult, short, results[2] as ScenarioResult]);
    expect(c.rows.map((r) => [r.scenario, r.rank, r.costWithLostService, r.deltaWithLostService, r.deltaCost])).toEqual([
      ['base', 1, 1000, 0, 0],
      ['promo +30%', 2, 1250, 250, 250],
      ['50/50 ratio', 3, 1500, 500, -400],
      ['all vendors out', null, null, null, null],
    ]);
    const md = (comparisonMarkdown(c).split('## Cost by pool')[0] as string).split('\n').filter((l) => /^\| (\d|\|)/.test(l));
    expect(md.map((l) => l.split(' | ')[1])).toEqual(['base', 'promo +30%', '50/50 ratio', 'all vendors out']);
    expect(md[2]).toContain('| 3 | 50/50 ratio | 1,500 | +500 (+50.0%) | 600 | 900 |');
  });

  test('HTML is self-contained: no script, no external resource, escaped names', () => {
    const html = comparisonHtml(compareScenarios([...results, result('<b>&', 900, { 'in-house': 900 })]), results, [sweepCurve('volume', [{ value: 1, name: 'volume=1', totalCost: 10, lostServiceCost: 0, shortfallAgentHours: 0 }])]);
    expect(html).not.toMatch(/<script|<link|@import|src=|url\(/i);
    expect(html.match(/https?:\/\/[^"]*/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain('&lt;b&gt;&amp;');
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
  });
});

describe('sweeps', () => {
  test('parses from:to:step without binary noise', () => {
    expect(parseSweep('outsourcing.min=0.4:0.8:0.05').values).toEqual([0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]);
    expect(parseSweep('volume=0.8:1.5:0.1').values).toEqual([0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5]);
    expect(parseSweep('pool.vendor-a.rate=20:40:10').values).toEqual([20, 30, 40]);
  });

  test.each([
    ['volume', '--sweep "volume": expected parameter=from:to:step, e.g. outsourcing.min=0.4:0.8:0.05'],
    ['headcount=1:2:1', '--sweep "headcount=1:2:1": unknown parameter "headcount"; expected one of volume, outsourcing.min'],
    ['volume=a:2:1', '--sweep "volume=a:2:1": expected numbers for from, to and step'],
    ['volume=1:2:0', '--sweep "volume=1:2:0": expected a step above 0, got 0'],
    ['volume=2:1:0.1', '--sweep "volume=2:1:0.1": expected to (1) >= from (2)'],
    ['volume=0:100:0.1', '--sweep "volume=0:100:0.1": 1001 points; expected at most 200 (use a larger step)'],
  ])('%s is refused', (text, expected) => {
    expect(() => parseSweep(text)).toThrow(UsageError);
    expect(() => parseSweep(text)).toThrow(expected);
  });

  test('an outsourcing.min sweep raises the max with it so every point is a valid config', () => {
    const points = sweepScenarios(parseSweep('outsourcing.min=0.6:0.8:0.1'), baseConfig());
    expect(points.map((p) => p.overrides[0])).toEqual([
      { kind: 'outsourcing', value: { min: 0.6, max: 0.7 } },
      { kind: 'outsourcing', value: { min: 0.7, max: 0.7 } },
      { kind: 'outsourcing', value: { min: 0.8, max: 0.8 } },
    ]);
    expect(points.map((p) => p.name)).toEqual(['outsourcing.min=0.6', 'outsourcing.min=0.7', 'outsourcing.min=0.8']);
  });

  test('a bad sweep value is located at its point', () => {
    const [negative] = sweepScenarios(parseSweep('shrinkage=-0.1:0.1:0.1'), baseConfig());
    expect(() => applyConfigOverrides(baseConfig(), negative as Scenario)).toThrow(
      'scenario "shrinkage=-0.1" overrides[0].shrinkage: makes the config invalid: shrinkage: expected a shrinkage from 0 to below 1, got -0.1',
    );
    const [headcount] = sweepScenarios(parseSweep('pool.vendor-a.headcount=1:2:1'), baseConfig());
    expect(() => applyConfigOverrides(baseConfig(), headcount as Scenario)).toThrow('scenario "pool.vendor-a.headcount=1" overrides[0].pool.headcount: pool "vendor-a" is a vendor');
  });

  test('cheapest point (cost plus lost service) and where shortfall rises above the floor every point has', () => {
    const points = [
      { value: 0.8, name: 'a', totalCost: 100, lostServiceCost: 0, shortfallAgentHours: 1.5 },
      { value: 0.9, name: 'b', totalCost: 90, lostServiceCost: 0, shortfallAgentHours: 1.5 },
      { value: 1.0, name: 'c', totalCost: null, lostServiceCost: null, shortfallAgentHours: null },
      { value: 1.1, name: 'd', totalCost: 95, lostServiceCost: 2, shortfallAgentHours: 1.9 },
      { value: 1.2, name: 'e', totalCost: 80, lostServiceCost: 40, shortfallAgentHours: 8 },
    ];
    const curve = sweepCurve('volume', points);
    // e pays least (80) but loses 40 of service: b (90) is the cheapest all told.
    expect([curve.cheapest, curve.shortfallStart]).toEqual([1, 4]);
    expect(sweepCsv(curve).split('\n').slice(0, 3)).toEqual([
      'value,scenario,total_cost,lost_service_cost,cost_with_lost_service,shortfall_agent_hours,cheapest,shortfall_starts',
      '0.8,a,100.00,0.00,100.00,1.50,,',
      '0.9,b,90.00,0.00,90.00,1.50,yes,',
    ]);
    expect(sweepCurve('volume', points.map((p) => (p.name === 'e' ? { ...p, lostServiceCost: 5 } : p))).cheapest).toBe(4);
  });
});
