import { parseOverride, parseScenario, parseScenarioFile, applyConfigOverrides, applyVolumeOverrides, applyScenario, ScenarioError, type Scenario } from '../../src/scenario';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConfig } from '../../src/io';
import { baseConfig, flatDemand } from './fixtures';

function scenario(name: string, overrides: unknown[]): Scenario {
  return parseScenario({ name, overrides }, 0, 's.json');
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

/** The error raised when `overrides` is applied to the base config (parsing included). */
function applyMessage(overrides: unknown[], demandBased = false): string {
  return messageOf(() => applyConfigOverrides(baseConfig(), scenario('s1', overrides), { demandBased }));
}

describe('applying config overrides', () => {
  test('outsourcing, shrinkage and quantile replace their fields', () => {
    const c = applyConfigOverrides(baseConfig(), scenario('50/50', [{ outsourcing: { min: 0.5, max: 0.5 } }, { shrinkage: 0.3 }, { quantile: 'p90' }]));
    expect(c.outsourcing).toEqual({ min: 0.5, max: 0.5, scope: 'horizon' });
    expect(c.shrinkage).toBe(0.3);
    expect(c.forecast.quantile).toBe('p90');
  });

  test('removing a vendor leaves the others in order', () => {
    const c = applyConfigOverrides(baseConfig(), scenario('vendor-b out', [{ pool: { name: 'vendor-b', remove: true } }]));
    expect(c.pools.map((p) => p.name)).toEqual(['in-house', 'vendor-a']);
  });

  test('removing a vendor takes its contract terms and design limits with it (the shipped sample\'s "vendor-b out")', () => {
    const sample = readConfig(path.join(__dirname, '..', '..', 'data', 'config.json'));
    expect(sample.capacity?.vendors.map((v) => v.name)).toContain('vendor-b');
    const c = applyConfigOverrides(sample, scenario('vendor-b out', [{ pool: { name: 'vendor-b', remove: true } }]));
    expect(c.pools.map((p) => p.name)).not.toContain('vendor-b');
    expect(c.capacity?.vendors.map((v) => v.name)).not.toContain('vendor-b');
    expect((c.design?.pools ?? []).map((p) => p.name)).not.toContain('vendor-b');
  });

  test('every scenario shipped in data/scenarios.json applies to the shipped config', () => {
    const file = path.join(__dirname, '..', '..', 'data', 'scenarios.json');
    const shipped = parseScenarioFile(JSON.parse(fs.readFileSync(file, 'utf8')), file);
    const sample = readConfig(path.join(__dirname, '..', '..', 'data', 'config.json'));
    expect(shipped.scenarios.length).toBeGreaterThanOrEqual(5);
    for (const s of shipped.scenarios) expect(() => applyConfigOverrides(sample, s, { file })).not.toThrow();
  });

  test('pool changes: headcount, rate, rate multiplier, capacity', () => {
    const c = applyConfigOverrides(baseConfig(), scenario('p', [
      { pool: { name: 'in-house', headcount: 30, hourlyCost: 35 } },
      { pool: { name: 'vendor-a', rateMultiplier: 1.1, maxAgentsPerDay: 80 } },
      { pool: { name: 'vendor-b', rate: 300 } },
    ]));
    const [ih, a, b] = c.pools;
    expect(ih?.kind === 'inhouse' && [ih.headcount, ih.hourlyCost]).toEqual([30, 35]);
    expect(a?.kind === 'vendor' && [a.pricing.rate, a.maxAgentsPerDay]).toEqual([33, 80]);
    expect(b?.kind === 'vendor' && b.pricing.rate).toBe(300);
  });

  test('queue changes apply to the named queue, or to every queue without a name', () => {
    const one = applyConfigOverrides(baseConfig(), scenario('q', [{ queue: { name: 'presales', answerSeconds: 20 } }]));
    expect(one.queues.map((q) => q.target.answerSeconds)).toEqual([20, 30]);
    const all = applyConfigOverrides(baseConfig(), scenario('aht', [{ queue: { ahtMultiplier: 1.2 } }]));
    expect(all.queues.map((q) => q.ahtSeconds)).toEqual([216, 288]);
  });

  test('event: resize, move (replacing the anchor), add and remove', () => {
    const resized = applyConfigOverrides(baseConfig(), scenario('e', [{ event: { name: 'promo', uplift: 2 } }]));
    expect(resized.events).toEqual([{ name: 'promo', date: '2026-06-18', startOffsetDays: -1, uplift: 2 }]);
    const moved = applyConfigOverrides(baseConfig(), scenario('e', [{ event: { name: 'promo', monthDay: '06-20' } }]));
    expect(moved.events).toEqual([{ name: 'promo', monthDay: '06-20', startOffsetDays: -1, uplift: 1.5 }]);
    const added = applyConfigOverrides(baseConfig(), scenario('e', [{ event: { name: 'flash', date: '2026-06-17', hours: [20, 22], uplift: 3 } }]));
    expect(added.events.map((e) => e.name)).toEqual(['promo', 'flash']);
    const removed = applyConfigOverrides(baseConfig(), scenario('e', [{ event: { name: 'promo', remove: true } }]));
    expect(removed.events).toEqual([]);
  });

  test('the base config is left untouched', () => {
    const base = baseConfig();
    const before = JSON.stringify(base);
    applyConfigOverrides(base, scenario('x', [{ pool: { name: 'vendor-b', remove: true } }, { queue: { ahtMultiplier: 2 } }, { outsourcing: { min: 0.5 } }]));
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('every bad override gives a located error', () => {
  test.each<[string, unknown[], string]>([
    ['unknown pool', [{ pool: { name: 'vendor-c', remove: true } }],
      'scenario "s1" overrides[0].pool.name: no pool named "vendor-c"; expected one of in-house, vendor-a, vendor-b'],
    ['in-house field on a vendor', [{ pool: { name: 'vendor-a', headcount: 3 } }],
      'scenario "s1" overrides[0].pool.headcount: pool "vendor-a" is a vendor; expected one of the vendor fields'],
    ['vendor field on in-house', [{ pool: { name: 'in-house', rate: 3 } }],
      'scenario "s1" overrides[0].pool.rate: pool "in-house" is in-house; expected one of the in-house fields'],
    ['remove with other changes', [{ pool: { name: 'vendor-a', remove: true, rate: 2 } }],
      'scenario "s1" overrides[0].pool.rate: expected no other change on a pool being removed'],
    ['unknown shift for a pool', [{ pool: { name: 'vendor-a', shifts: ['day', 'late'] } }],
      'scenario "s1" overrides[0].pool.shifts[1]: no shift named "late"; expected one of day, middle, night'],
    ['unknown queue', [{ queue: { name: 'returns', ahtSeconds: 100 } }],
      'scenario "s1" overrides[0].queue.name: no queue named "returns"; expected one of presales, aftersales'],
    ['both AHT forms', [{ queue: { ahtSeconds: 100, ahtMultiplier: 1.2 } }],
      'scenario "s1" overrides[0].queue.ahtMultiplier: expected either ahtSeconds or ahtMultiplier, not both'],
    ['volume on an unknown queue', [{ volume: { multiplier: 1.2, queue: 'returns' } }],
      'scenario "s1" overrides[0].volume.queue: no queue named "returns"; expected one of presales, aftersales'],
    ['unknown event to remove', [{ event: { name: 'nope', remove: true } }],
      'scenario "s1" overrides[0].event.name: no event named "nope" in the config; expected one of promo'],
    ['min above max after the change', [{ outsourcing: { min: 0.8 } }],
      'scenario "s1" overrides[0].outsourcing: makes the config invalid: outsourcing.min: expected at most outsourcing.max (0.7), got 0.8'],
    ['removing both vendors under a minimum share', [{ pool: { name: 'vendor-a', remove: true } }, { pool: { name: 'vendor-b', remove: true } }],
      'scenario "s1" overrides[1].pool: makes the config invalid: outsourcing.min: expected 0 when no pool has kind "vendor", got 0.6'],
    ['removing every vendor under a minimum share', [{ pool: { name: 'in-house', shifts: ['day', 'middle', 'night'] } }, { pool: { name: 'vendor-a', remove: true } }, { pool: { name: 'vendor-b', remove: true } }],
      'scenario "s1" overrides[2].pool: makes the config invalid: outsourcing.min: expected 0 when no pool has kind "vendor", got 0.6'],
    ['shrinkage out of range', [{ shrinkage: 1.2 }],
      'scenario "s1" overrides[0].shrinkage: makes the config invalid: shrinkage: expected a shrinkage from 0 to below 1, got 1.2'],
    ['event anchor that is no date', [{ event: { name: 'x', date: '2026-02-30' } }],
      'scenario "s1" overrides[0].event: makes the config invalid: events[1].date: expected a real calendar date, got "2026-02-30"'],
  ])('%s', (_what, overrides, expected) => {
    expect(applyMessage(overrides)).toContain(expected);
  });

  test('an event override on a demand-based base', () => {
    expect(applyMessage([{ event: { name: 'promo', uplift: 2 } }], true)).toMatch(/^scenario "s1" overrides\[0\]\.event: the base reads a demand file/);
  });

  test.each<[string, unknown, string]>([
    ['not an object', 3, 'scenario "s1" overrides[0]: expected an object like { "volume": 1.3 }, got 3'],
    ['two kinds in one', { volume: 1.2, shrinkage: 0.3 }, 'scenario "s1" overrides[0]: expected exactly one of volume, event, outsourcing, pool, queue, shrinkage, quantile, got volume, shrinkage'],
    ['an empty object', {}, 'scenario "s1" overrides[0]: expected exactly one of volume, event, outsourcing, pool, queue, shrinkage, quantile, got none'],
    ['unknown kind', { headcount: 3 }, 'scenario "s1" overrides[0].headcount: unknown override; expected one of volume'],
    ['negative volume', { volume: -1 }, 'scenario "s1" overrides[0].volume: expected a positive multiplier, got -1'],
    ['volume with a bad field', { volume: { multiplier: 1.2, hours: [20, 10] } }, 'scenario "s1" overrides[0].volume.hours: expected [from, to] with to > from, got [20, 10]'],
    ['volume dates reversed', { volume: { multiplier: 1.2, from: '2026-06-18', to: '2026-06-17' } }, 'scenario "s1" overrides[0].volume.to: expected a date on or after from (2026-06-18), got "2026-06-17"'],
    ['pool without a name', { pool: { headcount: 3 } }, 'scenario "s1" overrides[0].pool.name: expected a pool name, got nothing'],
    ['negative headcount', { pool: { name: 'in-house', headcount: -3 } }, 'scenario "s1" overrides[0].pool.headcount: expected a whole number >= 0, got -3'],
    ['unknown pool field', { pool: { name: 'in-house', seats: 3 } }, 'scenario "s1" overrides[0].pool.seats: unknown field; expected one of name, remove, productivity'],
    ['remove: false', { pool: { name: 'vendor-b', remove: false } }, 'scenario "s1" overrides[0].pool.remove: expected true, got false'],
    ['bad scope', { outsourcing: { scope: 'month' } }, 'scenario "s1" overrides[0].outsourcing.scope: expected one of horizon, week, day, got "month"'],
    ['bad quantile', { quantile: 'p95' }, 'scenario "s1" overrides[0].quantile: expected p50 or p90, got "p95"'],
    ['service level of 1', { queue: { serviceLevel: 1 } }, 'scenario "s1" overrides[0].queue.serviceLevel: expected a service level above 0 and below 1, got 1'],
    ['text shrinkage', { shrinkage: '25%' }, 'scenario "s1" overrides[0].shrinkage: expected a shrinkage from 0 to below 1, got "25%"'],
    ['event without a name', { event: { uplift: 2 } }, 'scenario "s1" overrides[0].event.name: expected an event name, got nothing'],
  ])('%s', (_what, raw, expected) => {
    expect(messageOf(() => parseOverride(raw, 's1', 0, 's.json')).startsWith(expected)).toBe(true);
    expect(messageOf(() => parseOverride(raw, 's1', 0, 's.json'))).toMatch(/\(in s\.json\)$/);
  });

  test('an override further down the list is located by its index', () => {
    expect(messageOf(() => applyConfigOverrides(baseConfig(), scenario('vendor-b out', [{ shrinkage: 0.3 }, { pool: { name: 'vendor-c', remove: true } }]))))
      .toBe('scenario "vendor-b out" overrides[1].pool.name: no pool named "vendor-c"; expected one of in-house, vendor-a, vendor-b');
  });
});

describe('the scenario file', () => {
  const base = { config: 'config.json', demand: 'forecast.csv' };
  test.each<[string, unknown, string]>([
    ['no base', {}, 'scenario file base: expected object, got nothing'],
    ['both history and demand', { base: { ...base, history: 'h.csv' } }, 'scenario file base: expected exactly one of history or demand, got both'],
    ['neither', { base: { config: 'c.json' } }, 'scenario file base: expected exactly one of history or demand, got neither'],
    ['unknown top-level field', { base, scenario: [] }, 'scenario file scenario: unknown field'],
    ['scenario without a name', { base, scenarios: [{ overrides: [] }] }, 'scenario file scenarios[0].name: expected a scenario name (a non-empty string), got nothing'],
    ['duplicate names', { base, scenarios: [{ name: 'a' }, { name: 'a' }] }, 'scenario file scenarios[1].name: expected a unique scenario name, got "a" twice'],
    ['a scenario named like the base', { base, scenarios: [{ name: 'base' }] }, 'scenario file scenarios[0].name: expected a unique scenario name, got "base" twice'],
    ['bad simulation runs', { base, simulation: { runs: 0 } }, 'scenario file simulation.runs: expected a whole number from 1 to 1000, got 0'],
    ['bad override inside a named scenario', { base, scenarios: [{ name: 'promo', overrides: [{ volume: 'big' }] }] }, 'scenario "promo" overrides[0].volume: expected a multiplier'],
  ])('%s', (_what, json, expected) => {
    expect(messageOf(() => parseScenarioFile(json, 's.json')).startsWith(expected)).toBe(true);
  });

  test('a full file parses with defaults', () => {
    const f = parseScenarioFile({ base, scenarios: [{ name: 'promo +30%', overrides: [{ volume: { multiplier: 1.3, event: 'promo' } }] }] });
    expect(f.base).toEqual({ name: 'base', config: 'config.json', demand: 'forecast.csv' });
    expect(f.scenarios[0]?.overrides).toEqual([{ kind: 'volume', value: { multiplier: 1.3, event: 'promo' } }]);
    expect(f.simulation).toEqual({ runs: 5, seed: 1, arrivals: 'forecast', handling: 'exponential', handlingCv: 1 });
  });
});

describe('volume overrides', () => {
  const total = (d: ReturnType<typeof flatDemand>, i: number) => d.queues.reduce((s, q) => s + (q.forecast[i] ?? 0), 0);

  test('a bare multiplier scales every hour and every quantile', () => {
    const d = applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: 1.3 }]));
    expect(d.queues[0]?.forecast[0]).toBeCloseTo(130, 9);
    expect(d.queues[0]?.p10[5]).toBeCloseTo(104, 9);
    expect(d.queues[0]?.p90[47]).toBeCloseTo(169, 9);
  });

  test('limited to an event, a date range and hours', () => {
    const ev = applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: { multiplier: 2, event: 'promo' } }]));
    expect([total(ev, 23), total(ev, 24)]).toEqual([100, 200]);
    const dates = applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: { multiplier: 2, from: '2026-06-17', to: '2026-06-17', hours: [20, 22] } }]));
    expect([19, 20, 21, 22, 44].map((i) => total(dates, i))).toEqual([100, 200, 200, 100, 100]);
  });

  test('limited to a queue: an all-only demand is split by the config shares first', () => {
    const d = applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: { multiplier: 1.5, queue: 'aftersales' } }]));
    expect(d.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(d.queues.map((q) => q.forecast[0])).toEqual([60, 60]);
  });

  test('overrides compound, and the input demand is unchanged', () => {
    const input = flatDemand();
    const d = applyVolumeOverrides(input, baseConfig(), scenario('x', [{ volume: 1.5 }, { volume: { multiplier: 2, event: 'promo' } }]));
    expect([total(d, 0), total(d, 30)]).toEqual([150, 300]);
    expect(total(input, 30)).toBe(100);
  });

  test('an event the demand does not have, or limits that select nothing, are errors', () => {
    expect(messageOf(() => applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: { multiplier: 2, event: '618' } }]))))
      .toBe('scenario "x" overrides[0].volume.event: no hour of the demand has event "618"; expected one of promo');
    expect(messageOf(() => applyVolumeOverrides(flatDemand(), baseConfig(), scenario('x', [{ volume: { multiplier: 2, from: '2027-01-01' } }]))))
      .toBe('scenario "x" overrides[0].volume: selects no hour of the demand (2026-06-17T00:00 + 48 hours); expected limits that overlap it');
  });

  test('applyScenario does both steps', () => {
    const { config, demand } = applyScenario(baseConfig(), flatDemand(), scenario('x', [{ volume: 1.1 }, { shrinkage: 0.2 }]));
    expect(config.shrinkage).toBe(0.2);
    expect(total(demand, 0)).toBeCloseTo(110, 9);
  });
});
