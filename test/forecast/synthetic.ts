/** Synthetic hourly histories with known structure for forecaster tests. */
import { createRng, dayNumber, hourKeyFromNumber, poisson, type History } from '../../src/domain';

export interface SyntheticOptions {
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** Mean inquiries on an ordinary day. */
  perDay: number;
  /** Multiplier per day (day number → factor); 1 when undefined. */
  event?: (day: number, hour: number) => number;
  /** Hours with no data (null). */
  missing?: (day: number, hour: number) => boolean;
  seed?: number;
  /** Poisson noise (default true); false gives the exact means. */
  noise?: boolean;
  queues?: Array<{ name: string; share: number }>;
}

/** Hour shares: quiet night, peaks at 10:00 and 21:00. */
export const HOUR_SHARE = (() => {
  const raw = Array.from({ length: 24 }, (_, h) => 0.2 + Math.exp(-((h - 10) ** 2) / 6) + 1.2 * Math.exp(-((h - 21) ** 2) / 4));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / sum);
})();
/** Monday..Sunday. */
export const WEEKDAY = [0.97, 0.97, 0.96, 0.97, 0.98, 1.06, 1.09];

export function syntheticHistory(o: SyntheticOptions): History {
  const rng = createRng(o.seed ?? 1);
  const first = dayNumber(o.start);
  const last = dayNumber(o.end);
  const hours = (last - first + 1) * 24;
  const queues = (o.queues ?? [{ name: 'all', share: 1 }]).map((q) => ({ name: q.name, share: q.share, values: new Array<number | null>(hours).fill(null) }));
  for (let d = first; d <= last; d++) {
    const w = (((d + 3) % 7) + 7) % 7;
    for (let h = 0; h < 24; h++) {
      if (o.missing?.(d, h)) continue;
      const mean = o.perDay * (WEEKDAY[w] as number) * (HOUR_SHARE[h] as number) * (o.event?.(d, h) ?? 1);
      for (const q of queues) q.values[(d - first) * 24 + h] = o.noise === false ? mean * q.share : poisson(rng, mean * q.share);
    }
  }
  return {
    timezone: 'Asia/Shanghai',
    startHour: hourKeyFromNumber(first * 24),
    hours,
    queues: queues.map((q) => ({ name: q.name, values: q.values })),
    missingHours: 0,
    sourceRows: hours * queues.length,
    rowsPerHour: 1,
  };
}
