/**
 * What-if runs through the real stages (requirements, HiGHS plan, simulation)
 * on a 3-day fixture: the invariants a manager relies on when reading the
 * comparison, checked on plans proven within 0.1% of optimal (so every
 * comparison allows that much). "Cost" here is what the planner minimises,
 * the plan's cost plus the price of every inquiry not answered within target:
 * losing a vendor can lower the paid cost by answering fewer inquiries in time
 * (the comparison shows that), never the sum.
 */
import * as path from 'node:path';
import { parseConfig, type Config } from '../../src/config';
import { readForecastCsv } from '../../src/io';
import { parseScenario, runWhatIf, type ScenarioResult } from '../../src/scenario';

const fixtures = path.resolve(__dirname, '../fixtures/whatif');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const configJson = require(path.join(fixtures, 'config.json')) as Record<string, unknown>;

const GAP = 0.001;
/** b is no better than a, within the solver's proven gap on both. */
const noBetter = (b: number, a: number): void => expect(b).toBeGreaterThanOrEqual(a - GAP * (a + b));

function config(extra: Record<string, unknown>): Config {
  return parseConfig({ ...configJson, solver: { mipRelGap: GAP, mipAbsGap: 0 }, ...extra });
}

/** What the planner minimises: cost plus the price of every inquiry not answered within target. */
const objective = (r: ScenarioResult): number => r.totalCost + r.lostServiceCost;

const scenarios = [
  { name: 'volume x1.3', overrides: [{ volume: 1.3 }] },
  { name: 'promo x1.3', overrides: [{ volume: { multiplier: 1.3, event: 'promo' } }] },
  { name: 'vendor-a out', overrides: [{ pool: { name: 'vendor-a', remove: true } }] },
  { name: 'vendor-b out', overrides: [{ pool: { name: 'vendor-b', remove: true } }] },
].map((s, i) => parseScenario(s, i));

describe.each([
  ['ratio 60-70%', {}],
  ['cheap vendor-b', { outsourcing: { min: 0, max: 1 }, pools: (configJson.pools as Array<Record<string, unknown>>).map((p) => (p.name === 'vendor-b' ? { ...p, pricing: { model: 'perHour', rate: 20 }, engagementFee: 0 } : p)) }],
])('%s', (_label, extra) => {
  let results: ScenarioResult[];
  beforeAll(async () => {
    const base = config(extra);
    const demand = readForecastCsv(path.join(fixtures, 'forecast.csv'), base.timezone);
    const run = await runWhatIf({ baseName: 'base', baseConfig: base, demand, history: null, demandFile: 'forecast.csv', start: '2026-06-16', end: '2026-06-18', scenarios, sweeps: [], simulation: null }, { jobs: 2 });
    results = run.scenarios.map((o) => o.result);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  test('more volume never costs less than the base', () => {
    const [base, all, promo] = results as [ScenarioResult, ScenarioResult, ScenarioResult];
    noBetter(objective(all), objective(base));
    noBetter(objective(promo), objective(base));
    noBetter(objective(all), objective(promo));
  });

  test('removing a vendor never lowers the cost', () => {
    const [base, , , aOut, bOut] = results as ScenarioResult[] as [ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult];
    noBetter(objective(aOut), objective(base));
    noBetter(objective(bOut), objective(base));
    expect(Object.keys(aOut.costByPool)).not.toContain('vendor-a');
    // When the base uses the vendor, losing it costs strictly more.
    for (const [out, name] of [[aOut, 'vendor-a'], [bOut, 'vendor-b']] as const) {
      if ((base.costByPool[name] ?? 0) > 0) expect(objective(out)).toBeGreaterThan(objective(base) + 1);
    }
  });
});
