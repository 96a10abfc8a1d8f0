/**
 * What each pool charges: the cost of one agent working one shift, training and
 * seat costs, fees. Used by the model's objective and by the solution reader, so
 * the plan's cost lines and the optimised objective are the same arithmetic.
 *
 * - in-house: hourlyCost x paidHours, plus nightPremium x hourlyCost on the paid
 *   hours that fall at night (paid hours spread evenly over the shift's hours):
 *   hourlyCost x paidHours x nightPremium x nightHours / hours.
 * - perHour, fixedPlusHourly: rate x paidHours per agent-shift (fixedFee once if used).
 * - perSeatShift: rate per agent-shift.
 * - perInquiry: rate per inquiry routed to the vendor; nothing per agent-shift.
 */
import type { Config, PoolConfig, VendorPoolConfig } from '../config';
import type { ShiftStart } from './horizon';

export type CostType =
  | 'inhouseWages'
  | 'nightPremium'
  | 'vendorHours'
  | 'vendorSeatShifts'
  | 'vendorInquiries'
  | 'fixedFees'
  | 'engagementFees'
  | 'training'
  | 'seats';

export const COST_TYPES: readonly CostType[] = [
  'inhouseWages',
  'nightPremium',
  'vendorHours',
  'vendorSeatShifts',
  'vendorInquiries',
  'fixedFees',
  'engagementFees',
  'training',
  'seats',
];

export interface ShiftCost {
  /** Base pay of one agent for the shift, and its cost type. */
  base: number;
  baseType: CostType;
  /** In-house night premium of one agent for the shift. */
  nightPremium: number;
}

export function agentShiftCost(pool: PoolConfig, start: ShiftStart): ShiftCost {
  if (pool.kind === 'inhouse') {
    const base = pool.hourlyCost * start.paidHours;
    const premium = base * pool.nightPremium * (start.nightHours / start.shift.hours);
    return { base, baseType: 'inhouseWages', nightPremium: premium };
  }
  switch (pool.pricing.model) {
    case 'perHour':
    case 'fixedPlusHourly':
      return { base: pool.pricing.rate * start.paidHours, baseType: 'vendorHours', nightPremium: 0 };
    case 'perSeatShift':
      return { base: pool.pricing.rate, baseType: 'vendorSeatShifts', nightPremium: 0 };
    case 'perInquiry':
      return { base: 0, baseType: 'vendorInquiries', nightPremium: 0 };
  }
}

/** Paid hours of the longest shift the pool may work (a "training day" of the pool). */
function longestPaidHours(config: Config, pool: PoolConfig): number {
  let best = 0;
  for (const s of config.shifts) {
    if (pool.shifts && !pool.shifts.includes(s.name)) continue;
    best = Math.max(best, s.paidHours ?? s.hours);
  }
  return best;
}

/**
 * Cost of training one seat before go-live: trainingDays x trainingCostPerDay,
 * where a training day defaults to one paid shift at the vendor's pricing
 * (perHour/fixedPlusHourly: rate x the longest paid shift; perSeatShift: rate;
 * perInquiry: 0, set trainingCostPerDay to charge it).
 */
export function trainingCostPerSeat(config: Config, pool: VendorPoolConfig): number {
  let perDay = pool.trainingCostPerDay;
  if (perDay === undefined) {
    if (pool.pricing.model === 'perSeatShift') perDay = pool.pricing.rate;
    else if (pool.pricing.model === 'perInquiry') perDay = 0;
    else perDay = pool.pricing.rate * longestPaidHours(config, pool);
  }
  return pool.trainingDays * perDay;
}

/** Fees charged once when the vendor is used at all: engagement fee, plus the fixed fee of fixedPlusHourly. */
export function usageFees(pool: VendorPoolConfig): { engagement: number; fixed: number } {
  return { engagement: pool.engagementFee, fixed: pool.pricing.model === 'fixedPlusHourly' ? pool.pricing.fixedFee : 0 };
}
