/**
 * Why short, true and plain: every short stretch of a plan gets a verdict from
 * a re-solve whose figures add up, a difference is claimed only beyond the
 * solver's proven tolerance, and the sentence uses a manager's words in
 * English and Chinese (no config paths, no solver settings).
 */
import { CATALOGUE } from '../../src/domain/i18n';
import { runPipeline } from '../../src/pipeline';
import { whyText, type ShortageExplanation } from '../../src/plan';
import { instance } from './instances';

let explanations: ShortageExplanation[];
let objective: number;

beforeAll(async () => {
  // Vendors capped low and lost service cheap: a plan that leaves hours short on purpose.
  const inst = instance({ days: 4, pools: 3, offsets: 1, peak: 24, seed: 9 }, { costPerLostInquiry: 3, solver: { mipRelGap: 0.005 } });
  const config = { ...inst.config, pools: inst.config.pools.map((p) => (p.kind === 'vendor' ? { ...p, maxAgentsPerDay: 25 } : p)) };
  const run = await runPipeline({ config, source: { kind: 'requirement', requirement: inst.requirement }, start: inst.start, end: inst.end, allowShort: true, explainPriced: 4 });
  explanations = run.summary.shortage.explanations.filter((e) => e.kind === 'target');
  objective = run.plan.summary.solver.objective;
}, 120_000);

const cents = (v: number): number => Math.round(v * 100);

test('the plan is short somewhere, and its dearest stretches are priced', () => {
  expect(explanations.length).toBeGreaterThan(1);
  const priced = explanations.filter((e) => e.verdict.kind !== 'notPriced');
  expect(priced.length).toBeGreaterThanOrEqual(Math.min(4, explanations.length) - priced.filter((e) => e.verdict.kind === 'cannotCover').length);
  expect(objective).toBeGreaterThan(0);
  // Stretches left short on purpose occur here, so the checks below are not vacuous.
  expect(priced.some((e) => e.verdict.kind === 'leaveShort')).toBe(true);
});

test('figures add up: extra staffing - lost service here + lost service elsewhere = the change in all, to the cent', () => {
  for (const e of explanations) {
    const v = e.verdict;
    if (v.kind !== 'leaveShort') continue;
    expect(cents(v.extraStaffing) - cents(v.lostHere) + cents(v.lostElsewhere)).toBe(cents(v.net));
    expect(v.lostHere).toBe(e.lostCost);
    // Claimed only beyond the re-solve's own proven tolerance.
    expect(v.net).toBeGreaterThan(v.tolerance);
    for (const figure of [v.extraStaffing, v.lostHere, v.net]) if (Math.abs(figure).toFixed(2) !== '0.00') expect(e.why).toContain(Math.abs(figure).toFixed(2));
    if (Math.abs(v.extraStaffing).toFixed(2) === '0.00') expect(e.why).toContain('not change the staffing cost');
  }
});

test('a difference within the tolerance is called a tie, never "better" or "worse"', () => {
  for (const e of explanations) {
    if (e.verdict.kind !== 'tie') continue;
    expect(Math.abs(e.verdict.net)).toBeLessThanOrEqual(e.verdict.tolerance + 0.005);
  }
  const base = explanations[0] as ShortageExplanation;
  const lever = { pool: 'vendor-b', shift: 'day', start: '2026-11-02 08:00', how: 'surge' as const, overtimeHours: 0 };
  const tie: ShortageExplanation = { ...base, fix: { extraCost: -100, proven: true, lever: '', leverLine: lever, changes: [] }, verdict: { kind: 'tie', extraStaffing: -100, net: -248.77, tolerance: 906.57 } };
  expect(whyText('en', tie, 'CNY')).toBe("covering it (vendor-b surge seats starting 2026-11-02 08:00) comes out the same in all: CNY 248.77 less, within the solver's tolerance of CNY 906.57 (the plan is proven that close to the best)");
  expect(whyText('zh', tie, 'CNY')).toBe('补足这段缺口（vendor-b 临时加派席位，2026-11-02 08:00 开始）总计相差无几：少 CNY 248.77，在求解器的容差 CNY 906.57 以内（方案已证明离最优不超过这么多）');
  const short: ShortageExplanation = { ...tie, verdict: { kind: 'leaveShort', extraStaffing: -100, lostHere: 396.85, lostElsewhere: 745.62, net: 248.77, tolerance: 12 } };
  expect(whyText('en', short, 'CNY')).toBe(
    'covering it would save CNY 100.00 of staffing (vendor-b surge seats starting 2026-11-02 08:00) and save CNY 396.85 of lost service here, but lose CNY 745.62 more service in other hours: CNY 248.77 more in all, so it is left short',
  );
  // No change in staffing money is said so, not as "CNY 0.00 more".
  const same: ShortageExplanation = { ...tie, verdict: { kind: 'leaveShort', extraStaffing: 0.001, lostHere: 252.75, lostElsewhere: 374.16, net: 121.41, tolerance: 12 } };
  expect(whyText('en', same, 'CNY')).toBe(
    'covering it would not change the staffing cost (vendor-b surge seats starting 2026-11-02 08:00) and save CNY 252.75 of lost service here, but lose CNY 374.16 more service in other hours: CNY 121.41 more in all, so it is left short',
  );
  expect(whyText('zh', same, 'CNY')).toContain('不改变人力成本（vendor-b 临时加派席位，2026-11-02 08:00 开始）');
});

test('the sentences use no config paths or solver settings, in English and in Chinese', () => {
  const english = new Set(Object.values(CATALOGUE.en).filter((t) => t.length > 12 && !Object.values(CATALOGUE.zh).includes(t)));
  for (const e of explanations) {
    for (const lang of ['en', 'zh'] as const) {
      const text = whyText(lang, e, 'CNY');
      expect(text).not.toMatch(/\w+\[\d+\]\.\w+|mipRelGap|solver\.|timeLimit|outsourcing\.(min|max)/);
      if (lang === 'zh') for (const phrase of english) expect(text).not.toContain(phrase);
    }
    for (const limit of e.binding) expect(limit).not.toMatch(/\w+\[\d+\]/);
  }
});
