/**
 * Monte Carlo check: a seeded discrete-event simulation (1e5 recorded arrivals
 * per case) agrees with the exact Erlang A and Erlang C formulas within one
 * percentage point on service level and abandon rate. Wait probability and
 * occupancy are noisier at this sample size (queue states are strongly
 * correlated from one arrival to the next) and get two points.
 */
import { createRng } from '../../src/domain';
import { evaluateErlangA, evaluateErlangC, simulateQueue, type QueueParameters } from '../../src/staffing';

interface Case {
  name: string;
  queue: QueueParameters;
  agents: number;
  answerSeconds: number;
  seed: number;
}

const cases: Case[] = [
  { name: 'phone, 10 Erlangs, 12 agents, patience 120 s', queue: { arrivalsPerSecond: 10 / 180, ahtSeconds: 180, concurrency: 1, patienceSeconds: 120 }, agents: 12, answerSeconds: 20, seed: 11 },
  { name: 'phone, 57 Erlangs overloaded at 55 agents, patience 60 s', queue: { arrivalsPerSecond: 400 / 1800, ahtSeconds: 257, concurrency: 1, patienceSeconds: 60 }, agents: 55, answerSeconds: 20, seed: 22 },
  { name: 'chat, 3 sessions per agent, 30 agents, patience 90 s', queue: { arrivalsPerSecond: 700 / 3600, ahtSeconds: 420, concurrency: 3, patienceSeconds: 90 }, agents: 28, answerSeconds: 30, seed: 33 },
];

describe('Monte Carlo agrees with Erlang A', () => {
  it.each(cases)('$name', ({ queue, agents, answerSeconds, seed }) => {
    const exact = evaluateErlangA(queue, agents, answerSeconds);
    const sim = simulateQueue(
      { arrivalsPerSecond: queue.arrivalsPerSecond, agents, concurrency: queue.concurrency, ahtSeconds: queue.ahtSeconds, patienceSeconds: queue.patienceSeconds as number, answerSeconds, arrivals: 100_000 },
      createRng(seed),
    );
    expect(sim.offered).toBe(100_000);
    expect(Math.abs(sim.serviceLevel - exact.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(sim.abandonRate - (exact.abandonRate ?? NaN))).toBeLessThan(0.01);
    expect(Math.abs(sim.waitProbability - exact.waitProbability)).toBeLessThan(0.02);
    expect(Math.abs(sim.occupancy - exact.occupancy)).toBeLessThan(0.02);
  });

  it('agrees with Erlang C when nobody abandons', () => {
    const queue: QueueParameters = { arrivalsPerSecond: 100 / 1800, ahtSeconds: 180, concurrency: 1 };
    const exact = evaluateErlangC(queue, 14, 20);
    const sim = simulateQueue({ arrivalsPerSecond: queue.arrivalsPerSecond, agents: 14, concurrency: 1, ahtSeconds: 180, answerSeconds: 20, arrivals: 100_000 }, createRng(5));
    expect(sim.abandoned).toBe(0);
    expect(Math.abs(sim.serviceLevel - exact.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(sim.asaSeconds - exact.asaSeconds) / exact.asaSeconds).toBeLessThan(0.2);
  });
});

describe('simulateQueue', () => {
  const input = { arrivalsPerSecond: 0.05, agents: 10, concurrency: 1, ahtSeconds: 180, patienceSeconds: 120, answerSeconds: 20, arrivals: 20_000 };

  it('is reproducible from its seed', () => {
    expect(simulateQueue(input, createRng(9))).toEqual(simulateQueue(input, createRng(9)));
    expect(simulateQueue(input, createRng(9))).not.toEqual(simulateQueue(input, createRng(10)));
  });

  it('counts add up', () => {
    const r = simulateQueue(input, createRng(1));
    expect(r.answered + r.abandoned).toBe(r.offered);
    expect(r.answeredWithin).toBeLessThanOrEqual(r.answered);
  });

  it('lognormal handling keeps the mean load (occupancy near the exponential case)', () => {
    const exp = simulateQueue(input, createRng(3));
    const logn = simulateQueue({ ...input, handling: { kind: 'lognormal', cv: 0.6 } }, createRng(3));
    expect(Math.abs(logn.occupancy - exp.occupancy)).toBeLessThan(0.03);
    expect(logn).not.toEqual(exp);
  });

  it('with no agents everyone abandons', () => {
    const r = simulateQueue({ ...input, agents: 0 }, createRng(1));
    expect(r.abandonRate).toBe(1);
  });
});
