/** Hedged lost service: the band as equally likely volumes, and the expected loss curve over them. */
import { parseConfig } from '../../src/config';
import type { Demand } from '../../src/domain';
import { bracketMeans, computeRequirements, expectedMarginalLosses, HEDGE_POINTS, lostInquiries, marginalLosses, normalQuantile, volumeOutcomes, Z90 } from '../../src/staffing';

const config = parseConfig({
  queues: [
    { name: 'phone', ahtSeconds: 180, target: { serviceLevel: 0.8, answerSeconds: 20 }, maxOccupancy: 0.85, patienceSeconds: 120 },
    { name: 'chat', ahtSeconds: 300, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30 }, maxOccupancy: 0.9, patienceSeconds: 120 },
  ],
});
const phone = config.queues[0]!;
const chat = config.queues[1]!;

describe('the standard normal quantile', () => {
  test.each([
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.01, -2.3263478740408408],
    [0.999, 3.090232306167813],
  ])('Φ⁻¹(%d) = %d (published tables, to 1e-8)', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });
  test('Z90 is Φ⁻¹(0.9)', () => expect(Z90).toBeCloseTo(normalQuantile(0.9), 8));
});

describe('bracket means of the standard normal', () => {
  test('two brackets stand at ±E[Z | Z > 0] = ±√(2/π)', () => {
    const [lo, hi] = bracketMeans(2);
    expect(hi).toBeCloseTo(Math.sqrt(2 / Math.PI), 9);
    expect(lo).toBeCloseTo(-Math.sqrt(2 / Math.PI), 9);
  });
  test('seven brackets: ascending, symmetric, mean 0, variance a little under 1 (the brackets lose their inner spread)', () => {
    const z = bracketMeans(HEDGE_POINTS);
    expect(z).toHaveLength(7);
    for (let i = 1; i < z.length; i++) expect(z[i]!).toBeGreaterThan(z[i - 1]!);
    for (let i = 0; i < z.length; i++) expect(z[i]!).toBeCloseTo(-z[z.length - 1 - i]!, 9);
    expect(z.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 9);
    const variance = z.reduce((s, v) => s + v * v, 0) / z.length;
    expect(variance).toBeGreaterThan(0.93);
    expect(variance).toBeLessThan(1);
    // The top bracket is the mean of the highest 1/7: 7 φ(Φ⁻¹(6/7)).
    const edge = normalQuantile(6 / 7);
    expect(z[6]).toBeCloseTo((7 * Math.exp(-(edge * edge) / 2)) / Math.sqrt(2 * Math.PI), 9);
  });
});

describe('volume outcomes from p10/p50/p90', () => {
  test('seven equally likely volumes, the median at p50, the split normal in log(x + 1) on each side', () => {
    const out = volumeOutcomes(80, 100, 150);
    const z = bracketMeans(HEDGE_POINTS);
    expect(out).toHaveLength(7);
    expect(out.reduce((s, o) => s + o.weight, 0)).toBeCloseTo(1, 12);
    expect(out[3]!.inquiries).toBeCloseTo(100, 9);
    const m = Math.log(101);
    const below = (m - Math.log(81)) / Z90;
    const above = (Math.log(151) - m) / Z90;
    out.forEach((o, i) => expect(Math.log(o.inquiries + 1)).toBeCloseTo(m + (z[i]! < 0 ? below : above) * z[i]!, 9));
    // Lopsided band, lopsided outcomes: the top lies further above p50 than the bottom below it.
    expect(out[6]!.inquiries - 100).toBeGreaterThan(100 - out[0]!.inquiries);
    // The outer points stand for the outer sevenths, beyond the band's edges.
    expect(out[6]!.inquiries).toBeGreaterThan(150);
    expect(out[0]!.inquiries).toBeLessThan(80);
  });
  test('a collapsed band is the median alone; volumes never go negative', () => {
    expect(volumeOutcomes(100, 100, 100)).toEqual([{ inquiries: 100, weight: 1 }]);
    for (const o of volumeOutcomes(0, 3, 20)) expect(o.inquiries).toBeGreaterThanOrEqual(0);
  });
});

describe('the expected loss curve', () => {
  test('one outcome of weight 1 is the plain curve at that volume', () => {
    expect(expectedMarginalLosses(phone, [{ inquiries: 200, weight: 1 }], 14, 4, 6, 0)).toEqual(marginalLosses(phone, 200, 14, 4, 6, 0));
  });

  test.each([
    [phone, 200, 15],
    [chat, 600, 14],
    [phone, 3000, 160],
  ])('is the mean of the outcomes\' losses, convex, and values a buffer of six more than the median curve (%#)', (queue, p50, required) => {
    const outcomes = volumeOutcomes(p50 * 0.85, p50, p50 * 1.2);
    const m = expectedMarginalLosses(queue, outcomes, required, 4, 6, 0);
    const mean = (n: number) => outcomes.reduce((s, o) => s + o.weight * lostInquiries(queue, o.inquiries, n), 0);
    expect(m.atRequired).toBeCloseTo(mean(required), 9);
    expect(m.below[0]).toBeCloseTo(mean(required - 1) - mean(required), 9);
    for (let k = 1; k < m.below.length; k++) expect(m.below[k]).toBeGreaterThanOrEqual(m.below[k - 1]!);
    for (let k = 1; k < m.above.length; k++) expect(m.above[k]).toBeLessThanOrEqual(m.above[k - 1]!);
    expect(m.above[0]).toBeLessThanOrEqual(m.below[0]!);
    // Six agents above the requirement save more when the hour may run high (the first alone
    // need not: at the median the curve is steepest right at the requirement).
    const plain = marginalLosses(queue, p50, required, 4, 6, 0);
    expect(m.above.reduce((s, v) => s + v, 0)).toBeGreaterThan(plain.above.reduce((s, v) => s + v, 0));
  });

  test('pieces wider than one agent above the requirement are the chords of the curve', () => {
    const outcomes = volumeOutcomes(2600, 3000, 3600);
    const m = expectedMarginalLosses(phone, outcomes, 160, 2, 6, 0, 5);
    const mean = (n: number) => outcomes.reduce((s, o) => s + o.weight * lostInquiries(phone, o.inquiries, n), 0);
    expect(m.above[0]).toBeCloseTo((mean(160) - mean(165)) / 5, 9);
    expect(m.above[1]).toBeCloseTo((mean(165) - mean(170)) / 5, 9);
    for (let k = 1; k < m.above.length; k++) expect(m.above[k]).toBeLessThanOrEqual(m.above[k - 1]!);
  });
});

describe('requirements with forecast.hedge', () => {
  const demand: Demand = {
    timezone: 'Asia/Shanghai',
    startHour: '2026-11-01T00:00',
    hours: 2,
    queues: [
      { name: 'phone', forecast: [200, 0], p10: [170, 0], p50: [200, 0], p90: [260, 0] },
      { name: 'chat', forecast: [600, 50], p10: [500, 40], p50: [600, 50], p90: [700, 65] },
    ],
    events: ['', ''],
  };
  test('carry the band\'s outcomes on every hour with inquiries, sized to the quantile as before', () => {
    const plain = computeRequirements(demand, config, { quantile: 'p50', file: 'f.csv' });
    const hedged = computeRequirements(demand, config, { quantile: 'p50', file: 'f.csv', hedge: true });
    hedged.queues.forEach((q, i) =>
      q.cells.forEach((cell, h) => {
        const { outcomes, ...rest } = cell;
        expect(rest).toEqual(plain.queues[i]!.cells[h]);
        if (cell.inquiries > 0) expect(outcomes).toEqual(volumeOutcomes(demand.queues[i]!.p10[h]!, demand.queues[i]!.p50[h]!, demand.queues[i]!.p90[h]!));
        else expect(outcomes).toBeUndefined();
      }),
    );
    expect(plain.queues.every((q) => q.cells.every((c) => c.outcomes === undefined))).toBe(true);
  });
  test('follow config forecast.hedge when not told', () => {
    const on = parseConfig({ ...config, forecast: { hedge: true } });
    expect(computeRequirements(demand, on, { quantile: 'p90', file: 'f.csv' }).queues[0]!.cells[0]!.outcomes).toHaveLength(HEDGE_POINTS);
  });
});
