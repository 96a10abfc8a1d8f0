/**
 * What a plan really delivers: a seeded discrete-event simulation of every
 * queue over the plan's hours, with arrivals drawn from the forecast (a
 * Poisson process whose rate changes each hour, at the forecast mean or the
 * p90), exponential or lognormal handling times, exponential patience, and the
 * productive agents the plan schedules in each hour.
 *
 * The multi-server queue is first come, first served on session slots
 * (agents x concurrency). A fractional staffing x in an hour means floor(x)
 * slots for the whole hour and one more slot for the first frac(x) of it,
 * so the capacity offered equals the plan's productive agent-hours. A session
 * that runs past the end of its slot's window is finished (agents do not drop
 * a customer at the end of a shift), but no new one starts there. An inquiry
 * that abandons never holds a slot, so each inquiry's fate depends only on the
 * ones before it and one pass over the arrivals simulates the queue exactly
 * (the virtual-waiting-time recursion of staffing/simulation.ts, with slots
 * that open and close by the hour).
 */
import { createRng, exponential, hourKeyFromNumber, hourNumber, poisson, standardNormal, type Rng } from '../domain';
import { csvCell } from '../report/format';
import type { HandlingDistribution } from '../staffing';

export interface SimulatedQueue {
  name: string;
  /** Mean inquiries per hour (the forecast, or the p90 for a stress test). */
  arrivalsPerHour: number[];
  /** Productive agents scheduled for this queue per hour (after shrinkage and productivity). */
  productiveAgents: number[];
  concurrency: number;
  ahtSeconds: number;
  /** Mean patience (exponential); omit for customers who never abandon. */
  patienceSeconds?: number;
  answerSeconds: number;
  /** The queue's service-level target, for the share of hours meeting it. */
  targetServiceLevel: number;
}

export interface PlanSimulationInput {
  startHour: string;
  hours: number;
  queues: SimulatedQueue[];
  handling: HandlingDistribution;
  runs: number;
  seed: number;
}

/** Counts are means per run. */
export interface HourStats {
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  /** Answered within the answer time / offered (1 when nothing was offered). */
  serviceLevel: number;
  /** Mean wait of answered inquiries, seconds. */
  asaSeconds: number;
  abandonRate: number;
}

export interface QueueSimulation {
  name: string;
  targetServiceLevel: number;
  hours: HourStats[];
  total: HourStats;
}

export interface PlanSimulationResult {
  runs: number;
  seed: number;
  startHour: string;
  queues: QueueSimulation[];
  /** All queues together, per hour. */
  hours: HourStats[];
  total: HourStats;
  /** Share of queue-hours with inquiries whose achieved service level met the queue's target. */
  shareOfHoursMeetingTarget: number;
  /** Lowest achieved service level of a queue-hour with inquiries (1 when none). */
  lowestHourlyServiceLevel: number;
}

interface Tally {
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  waitOfAnswered: number;
}

const emptyTally = (): Tally => ({ offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, waitOfAnswered: 0 });

function stats(t: Tally, runs: number): HourStats {
  return {
    offered: t.offered / runs,
    answered: t.answered / runs,
    answeredWithin: t.answeredWithin / runs,
    abandoned: t.abandoned / runs,
    serviceLevel: t.offered > 0 ? t.answeredWithin / t.offered : 1,
    asaSeconds: t.answered > 0 ? t.waitOfAnswered / t.answered : 0,
    abandonRate: t.offered > 0 ? t.abandoned / t.offered : 0,
  };
}

function add(into: Tally, t: Tally): void {
  into.offered += t.offered;
  into.answered += t.answered;
  into.answeredWithin += t.answeredWithin;
  into.abandoned += t.abandoned;
  into.waitOfAnswered += t.waitOfAnswered;
}

function handlingSampler(handling: HandlingDistribution, ahtSeconds: number, rng: Rng): () => number {
  if (handling.kind === 'exponential') return () => exponential(rng, ahtSeconds);
  // Lognormal with mean = AHT and the given coefficient of variation.
  const sigma = Math.sqrt(Math.log(1 + handling.cv * handling.cv));
  const mu = Math.log(ahtSeconds) - (sigma * sigma) / 2;
  return () => Math.exp(mu + sigma * standardNormal(rng));
}

const HOUR = 3600;

/**
 * Slot keys in a binary min-heap: a key is a lower bound of the slot's next
 * possible start. When the slot is closed at its key, the key moves on to the
 * slot's next opening, which stays a valid bound for every later arrival.
 */
class SlotHeap {
  readonly keys: Float64Array;
  readonly slots: Int32Array;
  constructor(size: number) {
    this.keys = new Float64Array(size);
    this.slots = Int32Array.from({ length: size }, (_, i) => i);
  }
  /** Replace the root's key and restore the heap. */
  updateRoot(key: number): void {
    const keys = this.keys;
    const slots = this.slots;
    const n = keys.length;
    const slot = slots[0] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
      if ((keys[c] as number) >= key) break;
      keys[i] = keys[c] as number;
      slots[i] = slots[c] as number;
      i = c;
    }
    keys[i] = key;
    slots[i] = slot;
  }
}

/** One run of one queue; adds per-hour tallies into `tallies`. */
function runQueue(q: SimulatedQueue, hours: number, handling: HandlingDistribution, rng: Rng, tallies: Tally[]): void {
  const slotsPerHour = Array.from({ length: hours }, (_, h) => Math.max(0, (q.productiveAgents[h] ?? 0) * q.concurrency));
  const slotCount = Math.ceil(Math.max(0, ...slotsPerHour) - 1e-9);
  const heap = new SlotHeap(slotCount);
  const drawHandling = handlingSampler(handling, q.ahtSeconds, rng);
  /** Earliest time >= t at which slot k is open, Infinity when never again in the horizon. */
  const earliestOpen = (k: number, t: number): number => {
    for (let h = Math.max(0, Math.floor(t / HOUR)); h < hours; h++) {
      const open = Math.min(1, (slotsPerHour[h] ?? 0) - k);
      if (open <= 1e-9) continue;
      const from = Math.max(t, h * HOUR);
      if (h * HOUR + open * HOUR > from) return from;
    }
    return Infinity;
  };
  for (let h = 0; h < hours; h++) {
    const rate = Math.max(0, q.arrivalsPerHour[h] ?? 0) / HOUR;
    if (rate <= 0) continue;
    const tally = tallies[h] as Tally;
    // Poisson arrivals: the count, then uniform times (sorted) within the hour.
    const count = poisson(rng, rate * HOUR);
    const times = Array.from({ length: count }, () => h * HOUR + rng() * HOUR).sort((a, b) => a - b);
    for (const t of times) {
      const patience = q.patienceSeconds === undefined ? Infinity : exponential(rng, q.patienceSeconds);
      let start = Infinity;
      // Settle the root until it is open at its key (or no slot ever opens again).
      while (slotCount > 0 && (heap.keys[0] as number) < Infinity) {
        const from = Math.max(t, heap.keys[0] as number);
        const open = earliestOpen(heap.slots[0] as number, from);
        if (open === from) {
          start = open;
          break;
        }
        heap.updateRoot(open);
      }
      tally.offered += 1;
      const wait = start - t;
      if (start === Infinity || wait > patience) {
        // Without patience and with no slot open again in the horizon, the inquiry is never answered: counted as abandoned.
        tally.abandoned += 1;
        continue;
      }
      heap.updateRoot(start + drawHandling());
      tally.answered += 1;
      tally.waitOfAnswered += wait;
      if (wait <= q.answerSeconds) tally.answeredWithin += 1;
    }
  }
}

/** `onRun` is told after each run (for a progress display). */
export function simulatePlan(input: PlanSimulationInput, onRun?: (done: number, runs: number) => void): PlanSimulationResult {
  const runs = Math.max(1, Math.floor(input.runs));
  const perQueue = input.queues.map(() => Array.from({ length: input.hours }, emptyTally));
  for (let r = 0; r < runs; r++) {
    input.queues.forEach((q, qi) => {
      // One stream per run and queue, so adding a queue or a run leaves the others' draws unchanged.
      const rng = createRng((input.seed * 1_000_003 + r * 7919 + qi * 104_729) >>> 0);
      runQueue(q, input.hours, input.handling, rng, perQueue[qi] as Tally[]);
    });
    onRun?.(r + 1, runs);
  }
  const allHours = Array.from({ length: input.hours }, emptyTally);
  const all = emptyTally();
  let queueHours = 0;
  let meeting = 0;
  let lowest = 1;
  const queues: QueueSimulation[] = input.queues.map((q, qi) => {
    const tallies = perQueue[qi] as Tally[];
    const total = emptyTally();
    tallies.forEach((t, h) => {
      add(total, t);
      add(allHours[h] as Tally, t);
      if (t.offered > 0) {
        const sl = t.answeredWithin / t.offered;
        queueHours += 1;
        if (sl >= q.targetServiceLevel - 1e-12) meeting += 1;
        lowest = Math.min(lowest, sl);
      }
    });
    add(all, total);
    return { name: q.name, targetServiceLevel: q.targetServiceLevel, hours: tallies.map((t) => stats(t, runs)), total: stats(total, runs) };
  });
  return {
    runs,
    seed: input.seed,
    startHour: input.startHour,
    queues,
    hours: allHours.map((t) => stats(t, runs)),
    total: stats(all, runs),
    shareOfHoursMeetingTarget: queueHours > 0 ? meeting / queueHours : 1,
    lowestHourlyServiceLevel: lowest,
  };
}

const f = (v: number, d: number): string => {
  const r = Number(v.toFixed(d));
  return (Object.is(r, -0) ? 0 : r).toFixed(d);
};

/** simulation.csv: per hour and queue (and `all`), the achieved figures. */
export function simulationCsv(result: PlanSimulationResult): string {
  const lines = ['timestamp,queue,offered,answered,abandoned,service_level,asa_seconds,abandon_rate'];
  const start = hourNumber(result.startHour);
  result.hours.forEach((allHour, h) => {
    const ts = hourKeyFromNumber(start + h);
    const row = (name: string, s: HourStats): string => `${ts},${csvCell(name)},${f(s.offered, 2)},${f(s.answered, 2)},${f(s.abandoned, 2)},${f(s.serviceLevel, 4)},${f(s.asaSeconds, 1)},${f(s.abandonRate, 4)}`;
    for (const q of result.queues) lines.push(row(q.name, q.hours[h] as HourStats));
    lines.push(row('all', allHour));
  });
  return `${lines.join('\n')}\n`;
}

/** The part of summary.json the simulation adds. */
export function simulationSummary(result: PlanSimulationResult): Record<string, unknown> {
  const round = (v: number, d = 4): number => Number(v.toFixed(d));
  return {
    runs: result.runs,
    seed: result.seed,
    serviceLevel: round(result.total.serviceLevel),
    asaSeconds: round(result.total.asaSeconds, 1),
    abandonRate: round(result.total.abandonRate),
    shareOfHoursMeetingTarget: round(result.shareOfHoursMeetingTarget),
    lowestHourlyServiceLevel: round(result.lowestHourlyServiceLevel),
    queues: result.queues.map((q) => ({
      name: q.name,
      targetServiceLevel: q.targetServiceLevel,
      serviceLevel: round(q.total.serviceLevel),
      asaSeconds: round(q.total.asaSeconds, 1),
      abandonRate: round(q.total.abandonRate),
      offeredPerRun: round(q.total.offered, 1),
    })),
  };
}
