/**
 * The plan simulation against the steady-state queue models: Erlang A
 * (Garnett, Mandelbaum & Reiman 2002, "Designing a call center with impatient
 * customers", M/M/n+M) and Erlang C, as implemented and checked against
 * published values in src/staffing. Long constant-rate horizons make the
 * start-up transient negligible, so the simulated service level and abandon
 * rate must land within 1 percentage point of the formulas.
 */
import { simulatePlan, type SimulatedQueue } from '../../src/scenario';
import { evaluateErlangA, evaluateErlangC } from '../../src/staffing';

const HOURS = 1600;

function steady(perHour: number, agents: number, extra: Partial<SimulatedQueue> = {}, hours = HOURS): SimulatedQueue {
  return {
    name: 'q',
    arrivalsPerHour: Array.from({ length: hours }, () => perHour),
    productiveAgents: Array.from({ length: hours }, () => agents),
    concurrency: 1,
    ahtSeconds: 180,
    answerSeconds: 20,
    targetServiceLevel: 0.8,
    ...extra,
  };
}

function run(queue: SimulatedQueue, seed = 7, handling: { kind: 'exponential' } | { kind: 'lognormal'; cv: number } = { kind: 'exponential' }) {
  return simulatePlan({ startHour: '2026-06-01T00:00', hours: queue.arrivalsPerHour.length, queues: [queue], handling, runs: 1, seed });
}

describe('steady state matches the queue models within 1 percentage point', () => {
  test.each([
    [600, 32, 300],
    [600, 30, 180],
    [240, 14, 600],
  ])('Erlang A: %d/h, %d agents, patience %d s', (perHour, agents, patience) => {
    const sim = run(steady(perHour, agents, { patienceSeconds: patience }));
    const model = evaluateErlangA({ arrivalsPerSecond: perHour / 3600, ahtSeconds: 180, concurrency: 1, patienceSeconds: patience }, agents, 20);
    expect(Math.abs(sim.total.serviceLevel - model.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(sim.total.abandonRate - (model.abandonRate ?? 0))).toBeLessThan(0.01);
  });

  test('Erlang C (no patience): 600/h on 34 agents', () => {
    const sim = run(steady(600, 34));
    const model = evaluateErlangC({ arrivalsPerSecond: 600 / 3600, ahtSeconds: 180, concurrency: 1 }, 34, 20);
    expect(Math.abs(sim.total.serviceLevel - model.serviceLevel)).toBeLessThan(0.01);
    expect(sim.total.abandonRate).toBe(0);
    expect(Math.abs(sim.total.asaSeconds - model.asaSeconds)).toBeLessThan(0.1 * model.asaSeconds + 1);
  });

  test('chat concurrency: 3 sessions per agent behave as 3 x the servers', () => {
    const sim = run(steady(900, 11, { concurrency: 3, patienceSeconds: 300 }));
    const model = evaluateErlangA({ arrivalsPerSecond: 900 / 3600, ahtSeconds: 180, concurrency: 3, patienceSeconds: 300 }, 11, 20);
    expect(Math.abs(sim.total.serviceLevel - model.serviceLevel)).toBeLessThan(0.01);
  });
});

describe('plan simulation behaviour', () => {
  test('same seed, same numbers; another seed, other numbers', () => {
    const q = steady(300, 16, { patienceSeconds: 300 });
    q.arrivalsPerHour.length = 24;
    q.productiveAgents.length = 24;
    expect(run(q, 3)).toEqual(run(q, 3));
    expect(run(q, 4).total.offered).not.toBe(run(q, 3).total.offered);
  });

  test('slots that close for good leave the others answering', () => {
    const q = steady(20, 10, {}, 6);
    q.productiveAgents = [10, 10, 3, 3, 3, 3];
    const sim = run(q);
    for (const hour of sim.queues[0]?.hours ?? []) expect(hour.serviceLevel).toBeGreaterThan(0.8);
  });

  test('a fractional staffing lands between its floor and its ceiling', () => {
    const at = (agents: number) => run(steady(600, agents, { patienceSeconds: 300 }, 300), 11).total.serviceLevel;
    const [lo, mid, hi] = [at(31), at(31.5), at(32)];
    expect(lo).toBeLessThan(mid);
    expect(mid).toBeLessThan(hi);
  });

  test('an hour without agents abandons everything offered when customers are impatient', () => {
    const q = steady(100, 12, { patienceSeconds: 60 });
    q.arrivalsPerHour.length = 3;
    q.productiveAgents = [12, 0, 12];
    const sim = run(q);
    expect(sim.queues[0]?.hours[1]?.serviceLevel).toBeLessThan(0.05);
    expect(sim.lowestHourlyServiceLevel).toBe(sim.queues[0]?.hours[1]?.serviceLevel);
    expect(sim.shareOfHoursMeetingTarget).toBeCloseTo(2 / 3, 9);
  });

  test('nearly constant handling times (lognormal cv 0.1) wait less than exponential ones at the same mean (M/D/c vs M/M/c)', () => {
    const q = steady(600, 32, {}, 300);
    const expo = run(q, 5).total;
    const steadyHandling = run(q, 5, { kind: 'lognormal', cv: 0.1 }).total;
    expect(steadyHandling.serviceLevel).toBeGreaterThan(expo.serviceLevel);
    expect(steadyHandling.asaSeconds).toBeLessThan(0.75 * expo.asaSeconds);
  });

  test('counts are means over runs and add up per hour across queues', () => {
    const a = { ...steady(200, 10, { patienceSeconds: 300 }), name: 'a' };
    const b = { ...steady(100, 6), name: 'b' };
    for (const q of [a, b]) {
      q.arrivalsPerHour.length = 6;
      q.productiveAgents.length = 6;
    }
    const sim = simulatePlan({ startHour: '2026-06-01T00:00', hours: 6, queues: [a, b], handling: { kind: 'exponential' }, runs: 4, seed: 1 });
    for (let h = 0; h < 6; h++) {
      expect(sim.hours[h]?.offered).toBeCloseTo((sim.queues[0]?.hours[h]?.offered ?? 0) + (sim.queues[1]?.hours[h]?.offered ?? 0), 9);
    }
    // 4 runs of ~200/h: the mean per run is near 200, not near 800.
    expect(sim.queues[0]?.total.offered).toBeGreaterThan(6 * 200 * 0.85);
    expect(sim.queues[0]?.total.offered).toBeLessThan(6 * 200 * 1.15);
  });
});
