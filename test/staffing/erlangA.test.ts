/**
 * Erlang A (M/M/n+M) against published values and exact identities.
 *
 * [P] pyworkforce (rodrigo-arenas/pyworkforce) computes Erlang A exactly from the
 *     birth-death chain; its tests (pyworkforce/queuing/tests/test_abandonment.py,
 *     test_erlanga_regression_metrics) print, for 100 transactions per 30 min,
 *     AHT 3 min, patience 5 min, answer time 20 s and 14 positions:
 *     waiting_probability 0.14526, abandonment_probability 0.013984,
 *     occupancy 0.704297, average_speed_of_answer 0.069919 min (mean wait of all
 *     offered = Lq / lambda), service_level 0.916792 (answered within 20 s over
 *     offered, the basis we implement by default).
 *     Its guide (docs/guide/erlanga.md) sizes the same queue for SL 0.8,
 *     max occupancy 0.85, max abandonment 0.05 → raw_positions 13, positions 19
 *     (shrinkage 0.3), service_level 0.858..., occupancy 0.750...,
 *     abandonment_probability 0.025..., waiting_probability 0.226...,
 *     average_speed_of_answer 0.125... min.
 * [MZ] Mandelbaum & Zeltyn (2007), "Service Engineering in Action: the
 *     Palm/Erlang-A Queue": with theta = mu the M/M/n+M queue is an M/M/inf
 *     queue (every inquiry in the system leaves at the same rate), so the number
 *     in system is Poisson(lambda/mu): P(wait) = P(N >= n) and
 *     P(abandon) = E[(N - n)+] / (lambda/mu).
 */
import { evaluateErlangA, evaluateErlangC, scheduledForProductive, sizeErlangA, sizeErlangC, type QueueParameters } from '../../src/staffing';

const q: QueueParameters = { arrivalsPerSecond: 100 / 1800, ahtSeconds: 180, concurrency: 1, patienceSeconds: 300 };

describe('Erlang A: pyworkforce published metrics', () => {
  it('14 positions', () => {
    const r = evaluateErlangA(q, 14, 20);
    expect(Number(r.waitProbability.toFixed(5))).toBe(0.14526);
    expect(Number((r.abandonRate ?? NaN).toFixed(6))).toBe(0.013984);
    expect(Number(r.occupancy.toFixed(6))).toBe(0.704297);
    expect(Number((r.averageWaitSeconds / 60).toFixed(6))).toBe(0.069919);
    expect(Number(r.serviceLevel.toFixed(6))).toBe(0.916792);
  });

  it('sizing for SL 80%, occupancy <= 85%, abandonment <= 5%', () => {
    const r = sizeErlangA(q, { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 0.85, maxAbandonRate: 0.05 });
    expect(r.agents).toBe(13);
    expect(Math.ceil(scheduledForProductive(r.agents, 0.3))).toBe(19);
    // The guide prints three decimals followed by "...".
    expect(r.serviceLevel.toFixed(3)).toBe('0.858');
    expect(r.occupancy.toFixed(3)).toBe('0.750');
    expect((r.abandonRate ?? NaN).toFixed(3)).toBe('0.025');
    expect(r.waitProbability.toFixed(3)).toBe('0.226');
    expect((r.averageWaitSeconds / 60).toFixed(3)).toBe('0.125');
  });
});

describe('Erlang A: exact identities', () => {
  function poissonTail(mean: number, n: number): { atLeast: number; excess: number } {
    let p = Math.exp(-mean);
    let below = 0;
    let excess = 0;
    for (let k = 0; k < 400; k++) {
      if (k < n) below += p;
      else excess += (k - n) * p;
      p *= mean / (k + 1);
    }
    return { atLeast: 1 - below, excess };
  }

  it.each([
    [10, 12],
    [10, 8],
    [40, 45],
  ])('theta = mu reduces to M/M/inf: load %p, %p agents [MZ]', (load, agents) => {
    const r = evaluateErlangA({ arrivalsPerSecond: load / 200, ahtSeconds: 200, concurrency: 1, patienceSeconds: 200 }, agents, 0);
    const { atLeast, excess } = poissonTail(load, agents);
    expect(r.waitProbability).toBeCloseTo(atLeast, 12);
    expect(r.abandonRate ?? NaN).toBeCloseTo(excess / load, 12);
  });

  it('answer time 0 gives SL = 1 - P(wait)', () => {
    const r = evaluateErlangA(q, 12, 0);
    expect(r.serviceLevel).toBeCloseTo(1 - r.waitProbability, 14);
  });

  it('ASA, mean wait and abandonment agree: E[wait of all] = P(abandon) x patience (exponential patience)', () => {
    const r = evaluateErlangA(q, 12, 20);
    // Mean wait of all = answered share x ASA + abandoned share x their mean wait.
    // The abandoned share waits less than the answered on average here: bound it.
    expect(r.averageWaitSeconds).toBeCloseTo((r.abandonRate ?? NaN) * 300, 12);
    expect(r.asaSeconds * (1 - (r.abandonRate ?? 0))).toBeLessThanOrEqual(r.averageWaitSeconds + 1e-9);
  });
});

describe('Erlang A: invariants', () => {
  it('service level rises; ASA, wait probability and abandonment fall with more agents', () => {
    let prev = evaluateErlangA(q, 6, 20);
    for (let n = 7; n <= 25; n++) {
      const r = evaluateErlangA(q, n, 20);
      expect(r.serviceLevel).toBeGreaterThan(prev.serviceLevel);
      expect(r.asaSeconds).toBeLessThan(prev.asaSeconds);
      expect(r.waitProbability).toBeLessThan(prev.waitProbability);
      expect(r.abandonRate ?? NaN).toBeLessThan(prev.abandonRate ?? NaN);
      prev = r;
    }
  });

  it('more patience means more waiting (and fewer abandonments)', () => {
    let prev = evaluateErlangA({ ...q, patienceSeconds: 10 }, 11, 20);
    for (const patience of [30, 60, 120, 300, 900, 3600]) {
      const r = evaluateErlangA({ ...q, patienceSeconds: patience }, 11, 20);
      expect(r.asaSeconds).toBeGreaterThan(prev.asaSeconds);
      expect(r.waitProbability).toBeGreaterThan(prev.waitProbability);
      expect(r.abandonRate ?? NaN).toBeLessThan(prev.abandonRate ?? NaN);
      prev = r;
    }
  });

  it('approaches Erlang C as patience grows', () => {
    const c = evaluateErlangC(q, 14, 20);
    const gaps = [1e5, 1e7, 1e9].map((patience) => {
      const a = evaluateErlangA({ ...q, patienceSeconds: patience }, 14, 20);
      return Math.max(Math.abs(a.serviceLevel - c.serviceLevel), Math.abs(a.waitProbability - c.waitProbability), Math.abs(a.asaSeconds - c.asaSeconds) / c.asaSeconds);
    });
    // The gap shrinks like 1/patience: 100 times the patience, about 1/100 the gap.
    expect(gaps[1]).toBeLessThan((gaps[0] as number) / 50);
    expect(gaps[2]).toBeLessThan((gaps[1] as number) / 50);
    expect(gaps[2]).toBeLessThan(1e-6);
    // And the sizing agrees with Erlang C for very patient customers.
    const targets = { serviceLevel: 0.8, answerSeconds: 20, maxOccupancy: 1 };
    expect(sizeErlangA({ ...q, patienceSeconds: 1e8 }, targets).agents).toBe(sizeErlangC(q, targets).agents);
  });

  it('stays finite for hundreds of agents, overloaded or not', () => {
    const big: QueueParameters = { arrivalsPerSecond: 3, ahtSeconds: 240, concurrency: 1, patienceSeconds: 180 };
    for (const agents of [300, 600, 720, 760, 900]) {
      const r = evaluateErlangA(big, agents, 20);
      for (const v of [r.serviceLevel, r.waitProbability, r.abandonRate ?? NaN, r.occupancy, r.asaSeconds]) expect(Number.isFinite(v)).toBe(true);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(r.serviceLevel).toBeLessThanOrEqual(1);
    }
    // Overloaded at 300 agents (720 Erlangs offered): most of the excess abandons.
    expect(evaluateErlangA(big, 300, 20).abandonRate).toBeGreaterThan(0.5);
  });

  it('sizing returns the least agents meeting every target', () => {
    const targets = { serviceLevel: 0.9, answerSeconds: 30, maxOccupancy: 0.9, maxAbandonRate: 0.03 };
    for (const rate of [0.01, 0.2, 1.5, 8]) {
      const queue = { ...q, arrivalsPerSecond: rate };
      const r = sizeErlangA(queue, targets);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(0.9);
      expect(r.occupancy).toBeLessThanOrEqual(0.9);
      expect(r.abandonRate ?? NaN).toBeLessThanOrEqual(0.03);
      const below = evaluateErlangA(queue, r.agents - 1, 30);
      const belowMeets = below.serviceLevel >= 0.9 && below.occupancy <= 0.9 && (below.abandonRate ?? 0) <= 0.03;
      expect(belowMeets).toBe(false);
    }
  });

  it('the answered basis divides by answered inquiries', () => {
    const offered = evaluateErlangA(q, 11, 20, 'offered');
    const answered = evaluateErlangA(q, 11, 20, 'answered');
    expect(answered.serviceLevel).toBeCloseTo(offered.serviceLevel / (1 - (offered.abandonRate ?? 0)), 12);
  });
});
