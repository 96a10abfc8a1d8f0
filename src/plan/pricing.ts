/**
 * What each pool charges: the cost of one agent working one shift, training and
 * seat costs, fees. Used by the model's objective and by the solution reader, so
 * the plan's cost lines and the optimised objective are the same arithmetic.
 *
 * - in-house: hourlyCost x paidHours, plus nightPremium x hourlyCost on the paid
 *   hours that fall at night (paid hours spread evenly over the shift's hours):
 *   hourlyCost x paidHours x nightPremium x nightHours / hours, each in whole cents. Overtime hours
 *   are paid hourlyCost x overtime.multiplier each (and count for the premium).
 * - perHour, fixedPlusHourly: rate x paidHours per agent-shift (fixedFee once if used).
 * - perSeatShift: rate per agent-shift.
 * - perInquiry: rate per inquiry routed to the vendor; nothing per agent-shift.
 * - surge agents of a vendor: surge.rate in place of the rate, no training or seat.
 */
import { paidHoursOf, type Config, type PoolConfig, type VendorPoolConfig } from '../config';
import type { ShiftStart } from './horizon';

export type CostType =
  | 'inhouseWages'
  | 'overtime'
  | 'nightPremium'
  | 'vendorHours'
  | 'vendorSeatShifts'
  | 'vendorSurge'
  | 'vendorInquiries'
  | 'fixedFees'
  | 'engagementFees'
  | 'training'
  | 'seats';

export const COST_TYPES: readonly CostType[] = [
  'inhouseWages',
  'overtime',
  'nightPremium',
  'vendorHours',
  'vendorSeatShifts',
  'vendorSurge',
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
  /** Overtime pay of one agent (in-house overtime hours x hourlyCost x multiplier). */
  overtime: number;
  /** In-house night premium of one agent for the shift. */
  nightPremium: number;
}

type CostedStart = Pick<ShiftStart, 'paidHours' | 'overtimeHours' | 'nightHours' | 'hours'>;

/** Rounded to whole cents (hundredths of the currency unit). */
function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function agentShiftCost(pool: PoolConfig, start: CostedStart, surge = false): ShiftCost {
  if (pool.kind === 'inhouse') {
    // Each part in whole cents, as a payslip has it: line costs then add up to the pool's cost exactly.
    const base = cents(pool.hourlyCost * (start.paidHours - start.overtimeHours));
    const overtime = cents(pool.hourlyCost * start.overtimeHours * (pool.overtime?.multiplier ?? 1));
    const premium = cents(pool.hourlyCost * start.paidHours * pool.nightPremium * (start.nightHours / start.hours));
    return { base, baseType: 'inhouseWages', overtime, nightPremium: premium };
  }
  const rate = surge && pool.surge ? pool.surge.rate : pool.pricing.rate;
  switch (pool.pricing.model) {
    case 'perHour':
    case 'fixedPlusHourly':
      return { base: rate * start.paidHours, baseType: surge ? 'vendorSurge' : 'vendorHours', overtime: 0, nightPremium: 0 };
    case 'perSeatShift':
      return { base: rate, baseType: surge ? 'vendorSurge' : 'vendorSeatShifts', overtime: 0, nightPremium: 0 };
    case 'perInquiry':
      return { base: 0, baseType: 'vendorInquiries', overtime: 0, nightPremium: 0 };
  }
}

/** Paid hours of the longest shift the pool may work (a "training day" of the pool). */
function longestPaidHours(config: Config, pool: PoolConfig): number {
  let best = 0;
  for (const s of config.shifts) {
    if (pool.shifts && !pool.shifts.includes(s.name)) continue;
    best = Math.max(best, paidHoursOf(s));
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
