/**
 * A starter config drafted from a shop's own history (`peakshift init`): the
 * queues the history names, its open hours, a shift menu fitted to its demand
 * by the shift design (design/, as `design-shifts` does), one in-house pool
 * sized from the agents file (or from the demand), and a vendor pool whose
 * price and size are placeholders marked to fill in. Every number it cannot
 * know (handling times, prices) is a stated assumption, marked with a
 * `$comment` where it is written. The result is a valid config: `plan` runs on
 * it as it is.
 */
import { designSchema, parseConfig, shiftSchema, type Config } from '../config';
import { addDays, dateFromDayNumber, dayNumber, hourNumber, type History, type Requirement } from '../domain';
import { candidateName, designRequirement, designShifts } from '../design';
import { closedSplit } from '../forecast';
import type { MipSolver } from '../plan';

/** One in-house pool of an agents file: its name and its agents (io/agents.ts agentPools). */
export interface AgentPoolCount {
  pool: string;
  agents: number;
  nightOk: number;
}

export interface DraftInput {
  history: History;
  /** In-house pools from an agents file; without it one pool `in-house`, sized from the demand. */
  agentPools?: readonly AgentPoolCount[];
  /** First and last date to plan (default: the DRAFT_DAYS days after the history). */
  start?: string;
  end?: string;
  timezone: string;
  /** Language written into the config (`--lang`): the plan's files and summary follow it. */
  language?: 'en' | 'zh';
  /** `$schema` written at the top (the schema file, relative to the config). */
  schemaRef?: string;
  /** At most this many shift types (default DRAFT_MAX_TYPES). */
  maxTypes?: number;
  /** The MIP solver (default: the config's, HiGHS). */
  solver?: MipSolver;
}

/** Days planned when no dates are given: two weeks after the history ends. */
export const DRAFT_DAYS = 14;
/**
 * Days of the horizon the shift menu is fitted on, and the shift lengths it
 * may have (hours on the floor, one unpaid hour in each): the first days show
 * the daily pattern, and 8-9 hour shifts are what service teams work; both
 * keep the design to seconds (design-shifts explores more, from this config).
 */
export const DESIGN_DAYS = 3;
export const DESIGN_HOURS = { min: 8, max: 9 } as const;
/** Shift types of the starter menu: few, so the roster stays readable. */
export const DRAFT_MAX_TYPES = 4;
/** Hours (one unpaid) of the seed shifts the design starts from. */
const SEED_HOURS = 9;

/**
 * The menu the design starts from: shifts of SEED_HOURS spread evenly over the
 * open hours so that together they reach every one (08-24: 08:00 and 15:00).
 * The shift design always keeps the current menu among its candidates, so it
 * never ends with a menu that leaves an open hour uncovered.
 */
function seedShifts(window: { from: number; to: number } | null): Array<{ name: string; code: string; start: string; hours: number; paidHours: number }> {
  const from = window ? window.from : 0;
  const to = window ? window.to : 24;
  const count = Math.max(1, Math.ceil((to - from) / (SEED_HOURS - 1)));
  const last = Math.max(from, to - SEED_HOURS);
  return Array.from({ length: count }, (_, i) => {
    const hour = count === 1 ? from : Math.round(from + ((last - from) * i) / (count - 1));
    return { name: candidateName(hour, SEED_HOURS), code: String.fromCharCode(65 + i), start: clock(hour), hours: SEED_HOURS, paidHours: SEED_HOURS - 1 };
  });
}
/**
 * Assumptions for what a history cannot say (chat service, as on the big
 * Chinese platforms): a 180 s session, 3 sessions at once, 80% answered
 * within 30 s; in-house CNY 30 an hour, a vendor at CNY 35 an hour.
 */
export const ASSUMED = { ahtSeconds: 180, concurrency: 3, serviceLevel: 0.8, answerSeconds: 30, hourlyCost: 30, vendorRate: 35 } as const;
/** Paid hours an in-house agent works a week (5 shifts of 8 paid hours), for sizing a team without an agents file. */
const PAID_HOURS_PER_WEEK = 40;

export interface DraftResult {
  /** The config file's JSON (key order as written). */
  json: Record<string, unknown>;
  config: Config;
  /** What the draft found and chose, for the printed summary. */
  queues: string[];
  horizon: { start: string; end: string };
  openHours: string[];
  /** Earliest open hour and the hour the last one ends (0-24), when some hours are closed. */
  openWindow: { from: number; to: number } | null;
  shifts: Array<{ name: string; code: string; start: string; hours: number; paidHours: number; startOffsets: number[] }>;
  inhouse: Array<{ name: string; headcount: number; fromAgents: boolean }>;
  vendor: { name: string; maxAgentsPerDay: number };
  notes: string[];
}

/** Queue names of the history: a file without a queue column is one queue, `inquiries`. */
function queueNames(history: History): string[] {
  const names = history.queues.map((q) => q.name);
  return names.length === 1 && names[0] === 'all' ? ['inquiries'] : names;
}

/** Earliest open hour and the end of the latest, over every weekday; null when open around the clock. */
function openWindow(openHours: readonly string[]): { from: number; to: number } | null {
  let from = 24;
  let to = 0;
  for (const day of openHours) {
    for (const m of day.matchAll(/(\d{2})-(\d{2})/g)) {
      from = Math.min(from, Number(m[1]));
      to = Math.max(to, Number(m[2]));
    }
  }
  return from === 0 && to === 24 ? null : from < to ? { from, to } : null;
}

const clock = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** Scheduled agent-hours per date of a requirement (every queue). */
function dailyAgentHours(requirement: Requirement): number[] {
  const days: number[] = [];
  const start = hourNumber(requirement.startHour);
  for (let i = 0; i < requirement.hours; i++) {
    const d = Math.floor((start + i) / 24) - Math.floor(start / 24);
    days[d] = (days[d] ?? 0) + requirement.queues.reduce((s, q) => s + (q.cells[i]?.scheduled ?? 0), 0);
  }
  return days;
}


function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The dates to plan: as given, else from the day after the history, DRAFT_DAYS days. */
export function draftHorizon(history: Pick<History, 'startHour' | 'hours'>, start?: string, end?: string): { start: string; end: string } {
  const lastDay = Math.floor((hourNumber(history.startHour) + history.hours - 1) / 24);
  const from = start ?? dateFromDayNumber(lastDay + 1);
  return { start: from, end: end ?? addDays(from, DRAFT_DAYS - 1) };
}

export async function draftConfig(input: DraftInput): Promise<DraftResult> {
  const { history } = input;
  const { start, end } = draftHorizon(history, input.start, input.end);
  const queues = queueNames(history);
  const split = closedSplit(history);
  const window = openWindow(split.openHours);
  const notes: string[] = [];

  const queueJson = queues.map((name) => ({
    name,
    ahtSeconds: ASSUMED.ahtSeconds,
    concurrency: ASSUMED.concurrency,
    target: { serviceLevel: ASSUMED.serviceLevel, answerSeconds: ASSUMED.answerSeconds },
  }));
  const design = window
    ? { earliestStart: clock(window.from), latestStart: clock(Math.max(window.from, window.to - designSchema.parse({}).minHours)) }
    : undefined;
  const fromAgents = input.agentPools !== undefined && input.agentPools.length > 0;
  const inhouseJson = (headcount: number): Array<Record<string, unknown>> =>
    fromAgents
      ? (input.agentPools ?? []).map((p) => ({ name: p.pool, kind: 'inhouse', headcount: p.agents, hourlyCost: ASSUMED.hourlyCost, nightPremium: 0.3, maxDaysPerWeek: 5 }))
      : [{ name: 'in-house', kind: 'inhouse', headcount, hourlyCost: ASSUMED.hourlyCost, nightPremium: 0.3, maxDaysPerWeek: 5 }];
  const seed = seedShifts(window);
  const vendorJson = (maxAgentsPerDay: number): Record<string, unknown> => ({
    $comment: 'TO FILL IN: the vendor\'s name, its price (pricing.rate) and the most agents it can send a day (maxAgentsPerDay); remove this pool if you do not outsource',
    name: 'vendor',
    kind: 'vendor',
    maxAgentsPerDay,
    pricing: { model: 'perHour', rate: ASSUMED.vendorRate },
    trainingDays: 3,
  });

  // The demand the menu is fitted on: the history forecast and sized for the horizon's first week.
  const designEnd = dayNumber(end) - dayNumber(start) + 1 > DESIGN_DAYS ? addDays(start, DESIGN_DAYS - 1) : end;
  const base = (headcount: number, vendorSeats: number): Record<string, unknown> => ({
    timezone: input.timezone,
    horizon: { start, end },
    queues: queueJson,
    shifts: seed,
    pools: [...inhouseJson(headcount), vendorJson(vendorSeats)],
    design: { ...design, minHours: DESIGN_HOURS.min, maxHours: DESIGN_HOURS.max },
  });
  const sizing = parseConfig(base(1, 1));
  const { requirement, notes: forecastNotes } = designRequirement(sizing, { kind: 'history', history }, start, designEnd, 'history');
  notes.push(...forecastNotes);
  // Without an agents file, a team that covers the median day of the week on 5 days of 8 paid hours;
  // a vendor that could staff the busiest day alone, with half again for whole shifts.
  const daily = dailyAgentHours(requirement);
  const headcount = Math.max(1, Math.ceil((median(daily) * 7) / PAID_HOURS_PER_WEEK));
  const vendorSeats = Math.max(1, Math.ceil((1.5 * Math.max(0, ...daily)) / (PAID_HOURS_PER_WEEK / 5)));

  const draftJson = base(headcount, vendorSeats);
  const draft = parseConfig(draftJson);
  // The shift design stops its solves at node limits: the same history gives the same menu on any machine.
  const designed = await designShifts({ config: draft, requirement, start, end: designEnd, maxTypes: input.maxTypes ?? DRAFT_MAX_TYPES, ...(input.solver ? { solver: input.solver } : {}) });
  notes.push(...designed.notes);
  const shifts = designed.shifts.map((s) => {
    const parsed = shiftSchema.parse(s);
    return { name: parsed.name, code: parsed.code, start: parsed.start, hours: parsed.hours, ...(parsed.paidHours !== undefined ? { paidHours: parsed.paidHours } : {}), startOffsets: parsed.startOffsets, ...(parsed.breaks ? { breaks: parsed.breaks } : {}), ...(parsed.onlyOn ? { onlyOn: parsed.onlyOn } : {}) };
  });
  const pools = (draftJson.pools as Array<Record<string, unknown>>).map((p) => ({ ...p, shifts: designed.poolShifts[p.name as string] ?? [] }));

  const json: Record<string, unknown> = {
    ...(input.schemaRef ? { $schema: input.schemaRef } : {}),
    $comment: `Drafted by peakshift init from the history: check queues[].ahtSeconds and concurrency (assumed: chat, ${ASSUMED.ahtSeconds} s a session, ${ASSUMED.concurrency} at once), the service targets, pools[].hourlyCost and the vendor pool. Every field: docs/config-reference.md`,
    timezone: input.timezone,
    currency: 'CNY',
    ...(input.language ? { language: input.language } : {}),
    horizon: { start, end },
    queues: queueJson,
    shrinkage: 0.3,
    shifts,
    pools,
    outsourcing: { min: 0, max: 1 },
    costPerLostInquiry: 10,
    ...(design ? { design } : {}),
  };
  const config = parseConfig(json);
  return {
    json,
    config,
    queues,
    horizon: { start, end },
    openHours: split.openHours,
    openWindow: window,
    shifts: config.shifts.map((s) => ({ name: s.name, code: s.code, start: s.start, hours: s.hours, paidHours: s.paidHours ?? s.hours, startOffsets: s.startOffsets })),
    inhouse: config.pools.filter((p) => p.kind === 'inhouse').map((p) => ({ name: p.name, headcount: p.kind === 'inhouse' ? p.headcount : 0, fromAgents })),
    vendor: { name: 'vendor', maxAgentsPerDay: vendorSeats },
    notes,
  };
}
