/**
 * Erlang C against published values.
 *
 * [T] H.C. Tijms, "A First Course in Stochastic Models", Wiley 2003, §5.3,
 *     Table 5.3.2 "The exact and approximate values of c*": the least number of
 *     servers c with delay probability P_W <= alpha, offered load R Erlangs.
 *     Also p. 200: c = 100, rho = 0.95 → "50.6% of the customers must wait".
 * [P] pyworkforce (rodrigo-arenas/pyworkforce), docs/guide/erlangc.md and
 *     pyworkforce/queuing/tests/test_erlang.py: 100 transactions per 30 min,
 *     AHT 3 min, answer time 20 s, 80% target, max occupancy 0.85, shrinkage 0.3 →
 *     raw_positions 14, positions 20, service_level 0.8883500191794669,
 *     occupancy 0.7142857142857143, waiting_probability 0.1741319335950498;
 *     with max occupancy 0.7 and asa 0.33 min → raw 15, positions 22,
 *     service level 0.941, occupancy 0.667, waiting probability 0.102.
 * [R] R package ErlangC 0.1.0 (rdocumentation.org/packages/ErlangC), README:
 *     the same 100 calls / 30 min / 180 s / 20 s with 14 agents →
 *     average_speed_of_answer "7.83593701177724s".
 */
import { erlangB, erlangC, evaluateErlangC, scheduledForProductive, sizeErlangC, type QueueParameters } from '../../src/staffing';

const perInterval = (calls: number, minutes: number, ahtSeconds: number, concurrency = 1): QueueParameters => ({
  arrivalsPerSecond: calls / (minutes * 60),
  ahtSeconds,
  concurrency,
});

/** Least c with C(c, R) <= alpha, the criterion of [T]. */
function leastServersForDelay(load: number, alpha: number): number {
  let c = Math.floor(load) + 1;
  while (erlangC(c, load) > alpha) c += 1;
  return c;
}

describe('Erlang C: Tijms (2003) Table 5.3.2, exact c*', () => {
  const table: Array<[number, number, number, number]> = [
    // R, alpha = 0.5, 0.2, 0.1
    [1, 2, 3, 3],
    [5, 7, 8, 9],
    [10, 12, 14, 16],
    [50, 54, 58, 61],
    [100, 106, 111, 115],
    [250, 259, 268, 274],
    [500, 512, 525, 533],
    [1000, 1017, 1034, 1046],
  ];
  it.each(table)('R = %p Erlangs → c* = %p / %p / %p for alpha 0.5 / 0.2 / 0.1', (load, a50, a20, a10) => {
    expect(leastServersForDelay(load, 0.5)).toBe(a50);
    expect(leastServersForDelay(load, 0.2)).toBe(a20);
    expect(leastServersForDelay(load, 0.1)).toBe(a10);
  });

  it('c = 100, rho = 0.95: 50.6% wait, 5% of the delayed wait more than 3/5 of a service time', () => {
    expect(erlangC(100, 95)).toBeCloseTo(0.506, 3);
    // P(W > t | W > 0) = exp(-(c - R) t / AHT) with t = 0.6 AHT.
    expect(Math.exp(-(100 - 95) * 0.6)).toBeCloseTo(0.05, 2);
  });
});

describe('Erlang C: pyworkforce and R ErlangC examples', () => {
  const q = perInterval(100, 30, 180);

  it('evaluates 14 agents exactly as printed', () => {
    const r = evaluateErlangC(q, 14, 20);
    expect(r.serviceLevel).toBeCloseTo(0.8883500191794669, 14);
    expect(r.occupancy).toBeCloseTo(0.7142857142857143, 15);
    expect(r.waitProbability).toBeCloseTo(0.1741319335950498, 14);
    expect(r.asaSeconds).toBeCloseTo(7.83593701177724, 12);
  });

  it('sizes 14 productive agents, 20 after 30% shrinkage', () => {
    const r = sizeErlangC(q, { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0.85 });
    expect(r.agents).toBe(14);
    expect(Math.ceil(scheduledForProductive(r.agents, 0.3))).toBe(20);
  });

  it('an occupancy cap of 0.7 forces 15 agents (22 scheduled)', () => {
    const r = sizeErlangC(q, { serviceLevel: 0.8, answerSeconds: 0.33 * 60, maxOccupancy: 0.7 });
    expect(r.agents).toBe(15);
    expect(Math.ceil(scheduledForProductive(r.agents, 0.3))).toBe(22);
    expect(r.serviceLevel).toBeCloseTo(0.941, 3);
    expect(r.occupancy).toBeCloseTo(0.667, 3);
    expect(r.waitProbability).toBeCloseTo(0.102, 3);
  });
});

describe('Erlang C: numerics and invariants', () => {
  it('Erlang B recursion matches the closed form for small cases and stays finite at 5,000 Erlangs', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    const big = erlangB(5200, 5000);
    expect(Number.isFinite(big)).toBe(true);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(0.01);
  });

  it('sizes a 5,000 Erlang queue without overflow, near the square-root rule', () => {
    const r = sizeErlangC({ arrivalsPerSecond: 5000 / 180, ahtSeconds: 180, concurrency: 1 }, { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 1 });
    expect(r.agents).toBeGreaterThan(5000);
    expect(r.agents).toBeLessThan(5000 + 3 * Math.sqrt(5000));
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    const fewer = evaluateErlangC({ arrivalsPerSecond: 5000 / 180, ahtSeconds: 180, concurrency: 1 }, r.agents - 1, 20);
    expect(fewer.serviceLevel).toBeLessThan(0.8);
  });

  it('service level rises, ASA and wait probability fall as agents are added', () => {
    const q = perInterval(400, 30, 257);
    let previous = evaluateErlangC(q, 58, 20);
    for (let n = 59; n <= 80; n++) {
      const r = evaluateErlangC(q, n, 20);
      expect(r.serviceLevel).toBeGreaterThan(previous.serviceLevel);
      expect(r.asaSeconds).toBeLessThan(previous.asaSeconds);
      expect(r.waitProbability).toBeLessThan(previous.waitProbability);
      previous = r;
    }
  });

  it('sizing returns the least agents: one fewer misses the target', () => {
    for (const calls of [5, 37, 120, 400, 1333]) {
      const q = perInterval(calls, 60, 240);
      const targets = { serviceLevel: 0.9, answerSeconds: 30, maxOccupancy: 1 };
      const r = sizeErlangC(q, targets);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(0.9);
      if (r.agents > 1) {
        const below = evaluateErlangC(q, r.agents - 1, 30);
        expect(below.stable && below.serviceLevel >= 0.9).toBe(false);
      }
    }
  });

  it('an unstable staffing is reported as such', () => {
    const r = evaluateErlangC(perInterval(400, 30, 257), 57, 20);
    expect(r.stable).toBe(false);
    expect(r.serviceLevel).toBe(0);
    expect(r.asaSeconds).toBe(Infinity);
  });

  it('zero inquiries need zero agents', () => {
    const r = sizeErlangC(perInterval(0, 60, 180), { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0.85 });
    expect(r.agents).toBe(0);
    expect(r.serviceLevel).toBe(1);
  });
});
