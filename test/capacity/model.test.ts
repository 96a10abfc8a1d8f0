/**
 * The capacity plan on a small instance (instance.ts): timing rules of every
 * class, the headcount flow, vendor terms, and the two levers the model must
 * respond to (training time, vendor price). Same bytes twice: test/cli/capacity.test.ts.
 */
import { dayNumber } from '../../src/domain';
import { capacityFolderFiles } from '../../src/io';
import type { CapacityPlan } from '../../src/capacity';
import { FROM, instanceConfig, planInstance } from './instance';

const days = (a: string, b: string): number => dayNumber(b) - dayNumber(a);
const trainees = (p: CapacityPlan): number => p.classes.reduce((s, c) => s + c.trainees, 0);
const vendorHours = (p: CapacityPlan): number => p.weeks.reduce((s, w) => s + w.vendorHours, 0);
const firstRecruit = (p: CapacityPlan): string => p.classes.map((c) => c.recruitBy).sort()[0] ?? '';

describe('capacity plan', () => {
  // Temps cost more than the vendor by the hour; the band (vendors at most 50% in the peak weeks) needs hires for the peak.
  const config = instanceConfig({ vendorRate: 26, band: { min: 0, max: 0.5 } });
  let plan: CapacityPlan;
  beforeAll(async () => {
    plan = await planInstance(config);
  });

  it('hires for the peak and covers it', () => {
    expect(plan.solver.status).toBe('optimal');
    expect(plan.solver.gap).not.toBeNull();
    expect(plan.solver.gap as number).toBeLessThanOrEqual(0.0005);
    expect(trainees(plan)).toBeGreaterThan(0);
    const peak = plan.weeks.filter((w) => w.inBand);
    expect(peak.map((w) => w.start)).toEqual(['2026-10-19', '2026-10-26']);
    for (const w of peak) expect(w.overUnder).toBeGreaterThanOrEqual(-1e-6);
    // The band holds on the hours used: in-house at least half of the peak weeks' requirement.
    const inhouse = peak.reduce((s, w) => s + Math.min(w.inhouseHours, w.requiredHours), 0);
    expect(inhouse).toBeGreaterThanOrEqual(0.5 * peak.reduce((s, w) => s + w.requiredHours, 0) - 1e-3);
  });

  it('recruits every class at least the lead time before training and trains it trainingWeeks before it takes inquiries', () => {
    const cap = config.capacity as NonNullable<typeof config.capacity>;
    for (const c of plan.classes) {
      expect(days(c.recruitBy, c.trainingStart)).toBeGreaterThanOrEqual(7 * cap.recruitingLeadWeeks);
      expect(days(c.trainingStart, c.productiveFrom)).toBeGreaterThanOrEqual(7 * cap.trainingWeeks);
      expect(c.recruitBy >= FROM).toBe(true);
      expect(c.trainees).toBeGreaterThanOrEqual(cap.classSize.min);
      expect(c.trainees).toBeLessThanOrEqual(cap.classSize.max);
      expect(Number.isInteger(c.trainees)).toBe(true);
      expect(c.graduates).toBeCloseTo(c.trainees * cap.recruitingYield, 4);
      expect(c.cost).toBeCloseTo(c.trainees * (cap.costPerHire + 3 * 40 * 25), 2);
    }
  });

  it('moves headcount by start - attrition - releases + graduates each week, and in the written capacity.csv', () => {
    for (let w = 0; w + 1 < plan.weeks.length; w++) {
      const now = plan.weeks[w] as CapacityPlan['weeks'][number];
      const next = plan.weeks[w + 1] as CapacityPlan['weeks'][number];
      expect(next.headcount).toBeCloseTo(now.headcount - now.attrition - now.released + next.graduates, 3);
    }
    const csv = (capacityFolderFiles({ plan, config, agents: null, lang: 'en' }).get('capacity.csv') as string).trim().split('\n');
    const head = (csv[0] as string).split(',');
    expect(head.slice(0, 10)).toEqual(['week', 'required_hours', 'available_hours', 'inhouse_hours', 'vendor_hours', 'headcount', 'in_training', 'hires', 'attrition', 'over_under']);
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
    for (let w = 0; w + 1 < rows.length; w++) {
      const [a, b] = [rows[w] as Record<string, string>, rows[w + 1] as Record<string, string>];
      expect(Math.abs(Number(b.headcount) - (Number(a.headcount) - Number(a.attrition) - Number(a.released) + Number(b.graduates)))).toBeLessThanOrEqual(0.02);
      expect(Math.abs(Number(a.available_hours) - Number(a.inhouse_hours) - Number(a.vendor_hours))).toBeLessThanOrEqual(0.11);
      expect(Math.abs(Number(a.over_under) - (Number(a.available_hours) - Number(a.required_hours)))).toBeLessThanOrEqual(0.11);
    }
  });

  it('gives early releases whole agents, with the notice, after the class goes live', () => {
    for (const r of plan.releases) {
      const c = plan.classes.find((x) => x.id === r.classId);
      expect(c).toBeDefined();
      expect(r.date > (c?.productiveFrom ?? '')).toBe(true);
      expect(days(r.notifyBy, r.date)).toBe(7);
      expect(r.notifyBy >= FROM).toBe(true);
      if (r.reason === 'early') expect(Number.isInteger(r.agents)).toBe(true);
    }
  });

  it('keeps every vendor seat its minimum term', () => {
    const added = plan.weeks.map((w) => w.vendors[0]?.added ?? 0);
    plan.weeks.forEach((w, t) => {
      const recent = added.slice(Math.max(0, t - 1), t + 1).reduce((s, a) => s + a, 0);
      expect(w.vendors[0]?.seats ?? 0).toBeGreaterThanOrEqual(recent - 1e-3);
    });
  });

  it('recruits earlier when training takes twice as long', async () => {
    const longer = await planInstance(instanceConfig({ vendorRate: 26, band: { min: 0, max: 0.5 }, capacity: { trainingWeeks: 6 } }));
    expect(trainees(longer)).toBeGreaterThan(0);
    expect(firstRecruit(longer) < firstRecruit(plan)).toBe(true);
    for (const c of longer.classes) expect(days(c.trainingStart, c.productiveFrom)).toBe(42);
  });
});

describe('vendor price against hires', () => {
  it('hires when the vendor is dear and lets a cheaper vendor contract replace the hires', async () => {
    const dear = await planInstance(instanceConfig({ vendorRate: 60 }));
    const cheap = await planInstance(instanceConfig({ vendorRate: 20 }));
    expect(trainees(dear)).toBeGreaterThan(0);
    expect(trainees(cheap)).toBeLessThan(trainees(dear));
    expect(trainees(cheap)).toBe(0);
    expect(vendorHours(cheap)).toBeGreaterThan(vendorHours(dear));
    expect(cheap.costs.hiring).toBe(0);
  });

  it('explains and prices the weeks it cannot cover', async () => {
    const late = await planInstance(instanceConfig({ vendorRate: 60, capacity: { vendors: [{ name: 'vendor', leadWeeks: 2, minTermWeeks: 2 }] } }));
    const [first, second, third] = late.weeks;
    for (const w of [first, second]) {
      expect(w?.overUnder).toBeLessThan(-1);
      expect(w?.lostServiceCost).toBeGreaterThan(0);
      expect(w?.why.map((r) => r.key)).toEqual(['capWhyVendorLead', 'capWhyNoClass']);
      expect(w?.why[0]?.vars).toEqual({ vendor: 'vendor', date: '2026-08-17' });
    }
    expect(third?.why).toEqual([]);
  });
});
