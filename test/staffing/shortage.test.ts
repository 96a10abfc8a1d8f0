/** The price curve of lost service: lost inquiries per staffing, the floor sizing, marginal losses. */
import { parseConfig } from '../../src/config';
import { evaluateStaffing, floorAgents, lostInquiries, marginalLosses, queueParameters } from '../../src/staffing';

const config = parseConfig({
  queues: [
    { name: 'phone', ahtSeconds: 180, target: { serviceLevel: 0.8, answerSeconds: 20 }, maxOccupancy: 0.85 },
    { name: 'chat', ahtSeconds: 300, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30 }, maxOccupancy: 0.9, patienceSeconds: 120 },
  ],
});
const phone = config.queues[0]!;
const chat = config.queues[1]!;

describe('lost inquiries', () => {
  test('200 calls an hour at AHT 180 s (10 erlangs): 12 agents wait with P = 0.4494 (Erlang C table), so 64.0% answer within 20 s', () => {
    // SL = 1 - C(12, 10) x exp(-(12 - 10) x 20 / 180) = 1 - 0.44935 x 0.80074 = 0.64019.
    const perf = evaluateStaffing(queueParameters(phone, 200), 12, 20);
    expect(perf.waitProbability).toBeCloseTo(0.44935, 4);
    expect(lostInquiries(phone, 200, 12)).toBeCloseTo(200 * (1 - perf.serviceLevel), 9);
    expect(lostInquiries(phone, 200, 12)).toBeCloseTo(200 * (1 - 0.64019), 1);
  });

  test('nothing is lost in an hour without inquiries, everything when nobody answers', () => {
    expect(lostInquiries(phone, 0, 0)).toBe(0);
    expect(lostInquiries(phone, 200, 0)).toBe(200);
  });
});

describe('the agents that reach the floor', () => {
  test('10 erlangs at 20 s: 11 agents answer 39% in time, 12 agents 64%: the 0.6 floor needs 12', () => {
    expect(floorAgents(phone, 200, 0.6)).toBe(12);
    expect(evaluateStaffing(queueParameters(phone, 200), 11, 20).serviceLevel).toBeLessThan(0.6);
  });

  test.each([
    [phone, 50],
    [phone, 800],
    [chat, 120],
    [chat, 2000],
  ])('is the least staffing whose service level reaches the floor (%#)', (queue, inquiries) => {
    for (const floor of [0.3, 0.6, 0.75]) {
      const n = floorAgents(queue, inquiries, floor);
      const sl = (k: number) => evaluateStaffing(queueParameters(queue, inquiries), k, queue.target.answerSeconds).serviceLevel;
      expect(sl(n)).toBeGreaterThanOrEqual(floor);
      expect(sl(n - 1)).toBeLessThan(floor);
    }
    expect(floorAgents(queue, inquiries, 0)).toBe(0);
    expect(floorAgents(queue, 0, 0.6)).toBe(0);
  });
});

describe('marginal losses', () => {
  test.each([
    [phone, 200, 14],
    [phone, 30, 3],
    [chat, 600, 14],
  ])('convex: each missing agent costs at least the one before, each extra agent saves at most the one before (%#)', (queue, inquiries, required) => {
    const m = marginalLosses(queue, inquiries, required, required, 6, 0);
    for (let k = 1; k < m.below.length; k++) expect(m.below[k]).toBeGreaterThanOrEqual(m.below[k - 1] as number);
    for (let k = 1; k < m.above.length; k++) expect(m.above[k]).toBeLessThanOrEqual(m.above[k - 1] as number);
    if (m.above.length > 0) expect(m.above[0]).toBeLessThanOrEqual(m.below[0] as number);
    expect(m.atRequired).toBeCloseTo(lostInquiries(queue, inquiries, required), 9);
    // Where the curve is already convex, the slopes telescope to the loss itself.
    expect(m.below[0]).toBeCloseTo(lostInquiries(queue, inquiries, required - 1) - lostInquiries(queue, inquiries, required), 9);
  });

  test('extras stop where an agent saves fewer inquiries than asked', () => {
    const all = marginalLosses(phone, 200, 14, 2, 6, 0).above;
    const some = marginalLosses(phone, 200, 14, 2, 6, 1).above;
    expect(some).toEqual(all.filter((v) => v >= 1));
    expect(some.length).toBeLessThan(all.length);
  });
});
