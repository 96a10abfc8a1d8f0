/** A small real plan (HiGHS) with agents, for the export tests. */
import { parseConfig, type Config } from '../../src/config';
import { createRng, datesBetween, hourKeyFromNumber, hourNumber, type Demand, type Requirement } from '../../src/domain';
import { planShifts, solverByName, solverOptions, type PlanResult } from '../../src/plan';
import { solveRoster, type Agent, type Roster } from '../../src/roster';

export const smallConfig: Config = parseConfig({
  queues: [{ name: 'chat', ahtSeconds: 180, concurrency: 2 }],
  shrinkage: 0.25,
  pools: [
    { name: 'in-house', kind: 'inhouse', headcount: 6, hourlyCost: 32, nightPremium: 0.3, maxDaysPerWeek: 5, shifts: ['day', 'middle'] },
    { name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 20, productivity: 0.9, pricing: { model: 'perHour', rate: 30 }, trainingDays: 1 },
    { name: 'vendor-b', kind: 'vendor', maxAgentsPerDay: 20, pricing: { model: 'perSeatShift', rate: 260 }, engagementFee: 3000, trainingDays: 1 },
  ],
  outsourcing: { min: 0.5, max: 0.8, scope: 'horizon' },
  solver: { mipRelGap: 0.001, timeLimitSeconds: 30 },
});

export const smallAgents: Agent[] = [
  { id: 'IH01', name: 'Wang Fang', pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: ['2026-11-03'] },
  { id: 'IH02', name: 'Li Na', pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
  { id: 'IH03', name: 'Zhang Wei', pool: 'in-house', shifts: ['day'], nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
  { id: 'IH04', name: 'Liu Yang', pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 4, unavailable: [] },
  { id: 'IH05', name: 'Chen Jing', pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
  { id: 'IH06', name: 'Yang Min', pool: 'in-house', shifts: ['middle'], nightOk: false, maxDaysPerWeek: 5, unavailable: ['2026-11-04'] },
];

export interface SmallPlan {
  config: Config;
  plan: PlanResult;
  demand: Demand;
  roster: Roster;
  agents: Agent[];
  dates: string[];
}

/** Hourly needs with a daytime hump and an event peak on the second day; `seed` varies them. */
export function smallDemand(start: string, end: string, seed = 1): { requirement: Requirement; demand: Demand; dates: string[] } {
  const rng = createRng(seed);
  const dates = datesBetween(start, end);
  const hours = dates.length * 24;
  const h0 = hourNumber(`${start}T00:00`);
  const need = Array.from({ length: hours }, (_, h) => {
    const hod = h % 24;
    const base = hod < 8 ? 1 : hod < 10 ? 3 : hod < 22 ? 5 : 2;
    return Math.max(0, Math.round(base * (0.8 + 0.5 * rng()) * (Math.floor(h / 24) === 1 ? 1.6 : 1)));
  });
  const requirement: Requirement = {
    timezone: smallConfig.timezone,
    startHour: hourKeyFromNumber(h0),
    hours,
    queues: [{ name: 'chat', cells: need.map((a) => ({ inquiries: a * 30, agents: a, scheduled: a / 0.75, serviceLevel: 0.85, asaSeconds: 12, occupancy: 0.8, abandonRate: null })) }],
  };
  const demand: Demand = {
    timezone: smallConfig.timezone,
    startHour: requirement.startHour,
    hours,
    events: need.map((_, h) => (Math.floor(h / 24) === 1 ? 'promo' : '')),
    queues: [{ name: 'chat', forecast: need.map((a) => a * 30), p50: need.map((a) => a * 30), p10: need.map((a) => a * 24), p90: need.map((a) => a * 37) }],
  };
  return { requirement, demand, dates };
}

/** A real plan and roster of the small demand. */
export async function smallPlan(start: string, end: string, seed = 1, agents: Agent[] = smallAgents): Promise<SmallPlan> {
  const { requirement, demand, dates } = smallDemand(start, end, seed);
  const plan = await planShifts(smallConfig, requirement, { start, end });
  const eventDates = new Set([dates[1] as string]);
  const solved = await solveRoster({ config: smallConfig, lines: plan.lines, agents, dates, eventDates }, solverByName('highs'), solverOptions(smallConfig, 20));
  return { config: smallConfig, plan, demand, roster: solved.roster, agents, dates };
}
