/**
 * A seeded discrete-event simulation of the multi-server queue with impatient
 * customers: M/M/s+M, or M/G/s+M with lognormal handling times. It checks the
 * Erlang formulas (Monte Carlo tests) and lets what-if runs stress a plan with
 * non-exponential handling.
 *
 * First come, first served: an inquiry starts on the earliest free session slot
 * unless its patience runs out first, and an inquiry that abandons never holds
 * a slot. So each inquiry's fate depends only on those before it, and one
 * min-heap of slot free times simulates the queue exactly in O(log s) per
 * arrival (the virtual-waiting-time recursion).
 */
import { exponential, standardNormal, type Rng } from '../domain';

export type HandlingDistribution =
  | { kind: 'exponential' }
  /** Lognormal with the AHT as mean and this coefficient of variation. */
  | { kind: 'lognormal'; cv: number };

export interface SimulationInput {
  arrivalsPerSecond: number;
  agents: number;
  concurrency: number;
  ahtSeconds: number;
  /** Mean (exponential) patience; omit for customers who never abandon. */
  patienceSeconds?: number;
  answerSeconds: number;
  /** Arrivals to record (after the warm-up). */
  arrivals: number;
  /** Arrivals simulated first and not recorded, so the queue starts near steady state. */
  warmupArrivals?: number;
  handling?: HandlingDistribution;
}

export interface SimulationResult {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithin: number;
  /** Answered within the answer time / offered. */
  serviceLevel: number;
  abandonRate: number;
  waitProbability: number;
  /** Mean wait of answered inquiries, seconds. */
  asaSeconds: number;
  /** Share of slot time busy over the recorded span. */
  occupancy: number;
}

/** Binary min-heap of numbers in a Float64Array (slot free times). */
class MinHeap {
  private readonly data: Float64Array;
  constructor(size: number) {
    this.data = new Float64Array(size);
  }
  min(): number {
    return this.data[0] as number;
  }
  replaceMin(value: number): void {
    const d = this.data;
    const n = d.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && (d[r] as number) < (d[l] as number) ? r : l;
      if ((d[child] as number) >= value) break;
      d[i] = d[child] as number;
      i = child;
    }
    d[i] = value;
  }
}

export function simulateQueue(input: SimulationInput, rng: Rng): SimulationResult {
  const servers = input.agents * input.concurrency;
  const warmup = input.warmupArrivals ?? Math.floor(input.arrivals / 10);
  const handling = input.handling ?? { kind: 'exponential' };
  const sigma = handling.kind === 'lognormal' ? Math.sqrt(Math.log(1 + handling.cv * handling.cv)) : 0;
  const mu = Math.log(input.ahtSeconds) - (sigma * sigma) / 2;
  const drawHandling = (): number =>
    handling.kind === 'lognormal' ? Math.exp(mu + sigma * standardNormal(rng)) : exponential(rng, input.ahtSeconds);
  const meanGap = 1 / input.arrivalsPerSecond;

  const result: SimulationResult = { offered: 0, answered: 0, abandoned: 0, answeredWithin: 0, serviceLevel: 0, abandonRate: 0, waitProbability: 0, asaSeconds: 0, occupancy: 0 };
  if (servers === 0) {
    result.offered = input.arrivals;
    result.abandoned = input.patienceSeconds === undefined ? 0 : input.arrivals;
    result.abandonRate = result.abandoned / Math.max(1, input.arrivals);
    result.waitProbability = 1;
    result.asaSeconds = Infinity;
    return result;
  }
  const slots = new MinHeap(servers);
  let clock = 0;
  let waited = 0;
  let waitOfAnswered = 0;
  let busySeconds = 0;
  let recordStart = 0;
  for (let i = 0; i < warmup + input.arrivals; i++) {
    clock += exponential(rng, meanGap);
    const patience = input.patienceSeconds === undefined ? Infinity : exponential(rng, input.patienceSeconds);
    const free = slots.min();
    const wait = free > clock ? free - clock : 0;
    const recorded = i >= warmup;
    if (i === warmup) recordStart = clock;
    if (wait > patience) {
      if (recorded) {
        result.offered += 1;
        result.abandoned += 1;
        waited += 1;
      }
      continue;
    }
    const service = drawHandling();
    slots.replaceMin(clock + wait + service);
    if (recorded) {
      result.offered += 1;
      result.answered += 1;
      if (wait > 0) waited += 1;
      if (wait <= input.answerSeconds) result.answeredWithin += 1;
      waitOfAnswered += wait;
      busySeconds += service;
    }
  }
  const span = clock - recordStart;
  result.serviceLevel = result.answeredWithin / result.offered;
  result.abandonRate = result.abandoned / result.offered;
  result.waitProbability = waited / result.offered;
  result.asaSeconds = result.answered > 0 ? waitOfAnswered / result.answered : Infinity;
  result.occupancy = span > 0 ? Math.min(1, busySeconds / (servers * span)) : 0;
  return result;
}
