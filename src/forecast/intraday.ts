/**
 * Intraday update: the hours of a day that have happened tell how the rest of
 * that day will go. A day's volume runs above or below its forecast by a
 * factor that holds through the day far more than the hours' own noise does,
 * and the latest hours tell it best, so the rest of the day is re-scaled by
 * the day's recency-weighted ratio so far:
 *
 *   R = sum(v_h y_h) / sum(v_h f_h) over the day's hours h before `until`,
 *       v_h = 0.5^((until - 1 - h) / 2)   (weight halves every 2 hours back)
 *   F = (sum v_h f_h)^2 / sum(v_h^2 f_h)  (the forecast volume R rests on)
 *   w = p x F / (F + k)
 *   factor = 1 + w (R - 1)
 *
 * p (default 0.75) is the share of a morning's deviation that carries on into
 * the rest of the day (part of it is the morning's own: a queue that opened
 * late, a short rush). k (default 44 = 1 / 0.15^2) weighs R's Poisson noise,
 * whose variance is about 1/F, against a spread of 0.15 in day ratios: a
 * morning of 30 inquiries moves the afternoon less than a morning of 3,000
 * (shrinkage as in Weinberg, Brown & Stroud 2007).
 * Hours before `until` become their actuals (band collapsed onto them); the
 * hours from `until` to the day's end get the factor (forecast and band);
 * later days are left as they were.
 */
import { UsageError, hourKeyFromNumber, hourNumber, type Demand, type History, type QueueDemand } from '../domain';

export interface IntradayOptions {
  /** Share of the day's deviation so far that carries on into the rest of the day (0-1). */
  persistence?: number;
  /** Spread (standard deviation) of whole-day ratios actual/forecast, against which R's noise is weighed. */
  dayRatioSd?: number;
}

export interface IntradayScale {
  queue: string;
  /** Date of the day re-scaled, `YYYY-MM-DD`. */
  date: string;
  /** Actuals and forecast of the day's hours before `until`. */
  actual: number;
  forecast: number;
  /** Factor applied to the rest of the day. */
  factor: number;
}

export interface IntradayResult {
  demand: Demand;
  scales: IntradayScale[];
}

export const DEFAULT_DAY_RATIO_SD = 0.15;
export const DEFAULT_PERSISTENCE = 0.75;
/** Hours back over which an hour's weight in the day's ratio halves. */
export const RECENCY_HALF_LIFE_HOURS = 2;

/** Actual values of queue `name` per demand hour index (null where unknown); a single `all` history stands for the total, split by the forecast's shares. */
function actualsFor(demand: Demand, actuals: History, queue: QueueDemand, until: number): Array<number | null> {
  const start = hourNumber(demand.startHour);
  const from = hourNumber(actuals.startHour);
  const own = actuals.queues.find((q) => q.name === queue.name);
  const total = !own && actuals.queues.length === 1 && actuals.queues[0]?.name === 'all' ? actuals.queues[0] : undefined;
  const out: Array<number | null> = new Array<number | null>(demand.hours).fill(null);
  for (let i = 0; i < demand.hours && start + i < until; i++) {
    const k = start + i - from;
    if (k < 0 || k >= actuals.hours) continue;
    if (own) {
      out[i] = own.values[k] ?? null;
    } else if (total) {
      const v = total.values[k];
      if (v === null || v === undefined) continue;
      const sum = demand.queues.reduce((a, q) => a + (q.forecast[i] ?? 0), 0);
      out[i] = sum > 0 ? (v * (queue.forecast[i] ?? 0)) / sum : v / demand.queues.length;
    }
  }
  return out;
}

/**
 * Re-scale the rest of the day containing `untilHour` (`YYYY-MM-DDTHH:00`, the
 * first hour without actuals) from the actuals before it. `actuals` is an
 * inquiry history with the demand's queues (or one `all` series for the total).
 */
export function updateIntraday(demand: Demand, actuals: History, untilHour: string, options: IntradayOptions = {}): IntradayResult {
  const start = hourNumber(demand.startHour);
  const until = hourNumber(untilHour);
  if (until < start || until > start + demand.hours) {
    throw new UsageError(
      `--actuals-until ${untilHour} is outside the forecast ${demand.startHour} .. ${hourKeyFromNumber(start + demand.hours)}; expected an hour within it`,
    );
  }
  if (!actuals.queues.some((q) => demand.queues.some((d) => d.name === q.name)) && !(actuals.queues.length === 1 && actuals.queues[0]?.name === 'all')) {
    throw new UsageError(
      `the actuals have queue(s) ${actuals.queues.map((q) => q.name).join(', ')}; expected ${demand.queues.map((q) => q.name).join(', ')} or a file without a queue column`,
    );
  }
  const tau = options.dayRatioSd ?? DEFAULT_DAY_RATIO_SD;
  const dayStart = Math.floor(until / 24) * 24;
  const dayEnd = dayStart + 24;
  const scales: IntradayScale[] = [];
  const queues = demand.queues.map((q): QueueDemand => {
    const known = actualsFor(demand, actuals, q, until);
    const next: QueueDemand = { name: q.name, forecast: q.forecast.slice(), p10: q.p10.slice(), p50: q.p50.slice(), p90: q.p90.slice() };
    let a = 0;
    let f = 0;
    let wa = 0;
    let wf = 0;
    let wf2 = 0;
    for (let i = 0; i < demand.hours && start + i < until; i++) {
      const v = known[i];
      if (v === null || v === undefined) continue;
      if (start + i >= dayStart) {
        const fi = q.forecast[i] ?? 0;
        const weight = Math.pow(0.5, (until - 1 - (start + i)) / RECENCY_HALF_LIFE_HOURS);
        a += v;
        f += fi;
        wa += weight * v;
        wf += weight * fi;
        wf2 += weight * weight * fi;
      }
      next.forecast[i] = v;
      next.p10[i] = v;
      next.p50[i] = v;
      next.p90[i] = v;
    }
    let factor = 1;
    if (wf > 0) {
      const volume = (wf * wf) / wf2;
      const weight = (options.persistence ?? DEFAULT_PERSISTENCE) * (volume / (volume + 1 / (tau * tau)));
      factor = Math.max(0, 1 + weight * (wa / wf - 1));
    }
    for (let t = until; t < dayEnd && t < start + demand.hours; t++) {
      const i = t - start;
      next.forecast[i] = (q.forecast[i] ?? 0) * factor;
      next.p10[i] = (q.p10[i] ?? 0) * factor;
      next.p50[i] = (q.p50[i] ?? 0) * factor;
      next.p90[i] = (q.p90[i] ?? 0) * factor;
    }
    if (until > dayStart) scales.push({ queue: q.name, date: hourKeyFromNumber(dayStart).slice(0, 10), actual: a, forecast: f, factor });
    return next;
  });
  return { demand: { ...demand, queues }, scales };
}
