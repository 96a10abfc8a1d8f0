/**
 * "We pay training and seat set-up once per seat, for the vendor's busiest day."
 *
 * seats_v is a whole number with seats_v >= agents of vendor v on every date, so
 * per-seat costs (trainingDays x trainingCostPerDay + seatCost) are charged on
 * the peak seat count, not per day. Created only when a seat costs something.
 * Surge agents need no seat (the vendor brings trained people at the surge rate).
 * `seatsAtLeast` raises a vendor's seats to what its seat roster needs.
 */
import { trainingCostPerSeat } from '../pricing';
import { agentsOnDay, type PlanContext } from '../model';

export function seatCost(ctx: PlanContext, p: number): number {
  const pool = ctx.pools[p];
  if (!pool || pool.kind !== 'vendor') return 0;
  return trainingCostPerSeat(ctx.config, pool) + pool.seatCost;
}

export function addVendorSeats(ctx: PlanContext): void {
  const { builder, horizon } = ctx;
  ctx.pools.forEach((pool, p) => {
    if (pool.kind !== 'vendor' || seatCost(ctx, p) <= 0) return;
    const seats = builder.addVariable(`seats[${pool.name}]`, { integer: true, lower: ctx.seatsAtLeast[pool.name] ?? 0 });
    ctx.seats[p] = seats;
    horizon.dates.forEach((date, d) => {
      const vars = agentsOnDay(ctx, p, d).filter((a) => !a.surge).map((a) => a.variable);
      if (vars.length === 0) return;
      builder.addConstraint(`seats[${pool.name},${date}]`, [...vars, seats], [...vars.map(() => 1), -1], '<=', 0);
    });
  });
}
