/**
 * Seeded sample data for the demo and the tests: three years of hourly
 * inquiries for a zongzi-and-mooncake shop (queues `presales` and
 * `aftersales`), the operation's config and its 24 in-house agents.
 *
 *   npx tsx scripts/make-sample-data.ts [--seed N] [--out DIR]
 *
 * Same seed => same bytes. data/README.md documents the shapes below; keep them in step.
 *
 * Volume model, per queue q, day d and hour h (wall clock Asia/Shanghai):
 *   lambda = base[q] * growth(d) * weekday[q](d) * dayNoise(d) * event[q](d) * hourShare[q](h)
 *   inquiries ~ Poisson(lambda)
 * where event[q](d) = 1 + sum over active events of (multiplier - 1), so
 * overlapping events (618 and a late Dragon Boat) add their uplifts, and
 * Nov 11 00:00-01:59 is replaced by a fixed multiple of the usual mean hour.
 */
import * as path from 'node:path';
import { addDays, createRng, dateFromDayNumber, dayNumber, isoWeekday, poisson, standardNormal, type Rng } from '../src/domain';
import { writeFileAtomic } from '../src/io';

/** The part of lunar-javascript's API used here (the package ships no types). */
interface LunarStatic {
  fromYmd(year: number, month: number, day: number): { getSolar(): { toYmd(): string } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Lunar } = require('lunar-javascript') as { Lunar: LunarStatic };

export const DEFAULT_SEED = 20261111;
export const FIRST_DAY = '2023-11-01';
export const LAST_DAY = '2026-10-31';
export const QUEUES = ['presales', 'aftersales'] as const;
type Queue = (typeof QUEUES)[number];

/** Ordinary-day volume at GROWTH_REFERENCE (weekday factor 1): 5,800 in all, 62.5% presales. */
const BASE_PER_DAY: Record<Queue, number> = { presales: 3625, aftersales: 2175 };
const GROWTH_PER_YEAR = 0.15;
const GROWTH_REFERENCE = '2026-06-01';
/** Day-to-day variation beyond Poisson (weather, ads, platform traffic): log-normal, sd 4%. */
const DAY_NOISE_SD = 0.04;

/** Relative volume by hour 00..23 (normalised below): quiet 02:00-07:00, peaks at 10:00 and 21:00. */
const HOUR_WEIGHTS: Record<Queue, number[]> = {
  presales: [2.6, 1.6, 0.9, 0.5, 0.4, 0.4, 0.7, 1.5, 3.2, 5.2, 6.6, 6.0, 4.6, 4.9, 5.5, 5.6, 5.3, 4.8, 4.6, 5.6, 6.8, 7.6, 6.4, 4.3],
  aftersales: [1.5, 1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3.5, 6.0, 7.2, 6.6, 5.0, 5.6, 6.2, 6.0, 5.6, 5.0, 4.5, 4.7, 5.2, 5.6, 4.4, 2.8],
};

/** Monday..Sunday (normalised to mean 1): shoppers browse at the weekend, after-sales piles up for Monday. */
const WEEKDAY_WEIGHTS: Record<Queue, number[]> = {
  presales: [0.98, 0.97, 0.96, 0.97, 0.98, 1.06, 1.08],
  aftersales: [1.1, 1.03, 1.0, 0.99, 0.98, 0.95, 0.95],
};

/** Day multipliers by days relative to an anchor date; days not listed are 1. */
type Profile = Record<Queue, Map<number, number>>;

function ramp(from: number, to: number, first: number, last: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let d = first; d <= last; d++) out.push([d, from + ((to - from) * (d - first)) / Math.max(1, last - first)]);
  return out;
}

function profile(presales: Array<[number, number]>, aftersales: Array<[number, number]>): Profile {
  return { presales: new Map(presales), aftersales: new Map(aftersales) };
}

/** Dragon Boat (lunar 5/5, anchor D): a 14-day ramp, x4-5 in the last three days, after-sales wave D+2..D+6. */
const DRAGON_BOAT = profile(
  [...ramp(1.25, 3.2, -14, -5), [-4, 3.8], [-3, 4.4], [-2, 4.8], [-1, 4.1], [0, 1.6], [1, 0.85], [2, 0.9]],
  [...ramp(1.1, 1.6, -10, -1), [0, 1.5], [1, 1.8], [2, 2.8], [3, 3.2], [4, 3.0], [5, 2.4], [6, 1.8], [7, 1.3], [8, 1.1]],
);

/** Mid-Autumn (lunar 8/15, anchor M): mooncake gifting over three weeks, smaller than Dragon Boat. */
const MID_AUTUMN = profile(
  [...ramp(1.2, 2.2, -21, -8), [-7, 2.4], [-6, 2.6], [-5, 2.7], [-4, 2.6], [-3, 2.3], [-2, 1.8], [-1, 1.4], [1, 0.85], [2, 0.9]],
  [...ramp(1.1, 1.4, -10, -1), [0, 1.3], [1, 1.5], [2, 2.0], [3, 2.1], [4, 1.8], [5, 1.4], [6, 1.15]],
);

/** Spring Festival (lunar 1/1, anchor S): gift boxes before, couriers stop S-7..S+6, after-sales rebound after. */
const SPRING_FESTIVAL = profile(
  [...ramp(1.25, 1.25, -25, -11), [-10, 1.0], [-9, 0.8], [-8, 0.6], ...ramp(0.3, 0.3, -7, 6), [7, 0.5], [8, 0.65], [9, 0.8], ...ramp(0.9, 0.9, 10, 14)],
  [...ramp(1.1, 1.1, -25, -11), [-10, 1.2], [-9, 1.2], [-8, 1.1], ...ramp(0.35, 0.35, -7, 6), [7, 2.0], [8, 2.2], [9, 1.9], [10, 1.6], [11, 1.35], [12, 1.2], [13, 1.1]],
);

/** 618 (anchor June 18): warm-up from June 1, peak on the day, small after-sales wave. */
const SIX_EIGHTEEN = profile(
  [...ramp(1.2, 1.6, -17, -3), [-2, 2.0], [-1, 2.1], [0, 3.0], [1, 1.3], [2, 1.1]],
  [...ramp(1.05, 1.2, -17, -1), [0, 1.3], [1, 1.3], [2, 1.5], [3, 1.6], [4, 1.5], [5, 1.3], [6, 1.1]],
);

/**
 * Double 11 (anchor Nov 11): presale from Oct 20 (d = -22), first sales period
 * Oct 31 - Nov 3, the day itself, then the after-sales wave of shipping and
 * returns. Nov 11 00:00-01:59 is set apart below (DOUBLE11_SPIKE).
 */
const DOUBLE_11 = profile(
  [[-22, 2.2], [-21, 1.7], ...ramp(1.5, 1.5, -20, -12), [-11, 2.0], [-10, 2.2], [-9, 1.7], [-8, 1.7], ...ramp(1.5, 1.5, -7, -2), [-1, 2.5], [0, 4.5], [1, 1.3], [2, 1.05]],
  [...ramp(1.15, 1.15, -22, -12), [-11, 1.3], [-10, 1.4], [-9, 1.4], [-8, 1.3], ...ramp(1.2, 1.2, -7, -1), [0, 1.6], [1, 2.2], [2, 2.8], [3, 3.0], [4, 2.7], [5, 2.2], [6, 1.8], [7, 1.5], [8, 1.3], [9, 1.1]],
);

/**
 * Nov 11 00:00 and 01:00 (deposits paid, balance-payment rush): inquiries of
 * both queues together = this multiple of the usual mean hour (ordinary-day
 * volume / 24 at the day's growth level); x8 on average over the two hours.
 */
const DOUBLE11_SPIKE = { hourMultiples: [9, 7], presalesShare: 0.88 };

/** Double 12 (anchor Dec 12): a small echo of Double 11. */
const DOUBLE_12 = profile(
  [[-2, 1.15], [-1, 1.3], [0, 1.6], [1, 1.1]],
  [[1, 1.1], [2, 1.2], [3, 1.2], [4, 1.1]],
);

interface Anchor {
  name: string;
  date: string;
  shape: Profile;
}

function lunarToSolar(year: number, month: number, day: number): string {
  return Lunar.fromYmd(year, month, day).getSolar().toYmd();
}

/** Event anchors for every year touching the history (one year either side so ramps crossing a year end are whole). */
export function eventAnchors(firstYear: number, lastYear: number): Anchor[] {
  const out: Anchor[] = [];
  for (let y = firstYear - 1; y <= lastYear + 1; y++) {
    out.push({ name: 'spring-festival', date: lunarToSolar(y, 1, 1), shape: SPRING_FESTIVAL });
    out.push({ name: 'dragon-boat', date: lunarToSolar(y, 5, 5), shape: DRAGON_BOAT });
    out.push({ name: 'mid-autumn', date: lunarToSolar(y, 8, 15), shape: MID_AUTUMN });
    out.push({ name: '618', date: `${y}-06-18`, shape: SIX_EIGHTEEN });
    out.push({ name: 'double-11', date: `${y}-11-11`, shape: DOUBLE_11 });
    out.push({ name: 'double-12', date: `${y}-12-12`, shape: DOUBLE_12 });
  }
  return out;
}

function normalised(weights: number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  return weights.map((w) => (w / total) * weights.length);
}

function growth(date: string): number {
  return Math.pow(1 + GROWTH_PER_YEAR, (dayNumber(date) - dayNumber(GROWTH_REFERENCE)) / 365.25);
}

/** Day multiplier of one queue: 1 plus the uplifts of every active event. */
function eventMultiplier(queue: Queue, date: string, anchors: Anchor[]): number {
  const day = dayNumber(date);
  let uplift = 0;
  for (const anchor of anchors) {
    const m = anchor.shape[queue].get(day - dayNumber(anchor.date));
    if (m !== undefined) uplift += m - 1;
  }
  return Math.max(0.05, 1 + uplift);
}

export interface SampleDataSummary {
  /** Total inquiries per day (both queues), keyed by date. */
  dailyTotals: Map<string, number>;
  files: string[];
}

const ANCHORS = eventAnchors(Number(FIRST_DAY.slice(0, 4)), Number(LAST_DAY.slice(0, 4)) + 1);
const HOUR_SHARE: Record<Queue, number[]> = {
  presales: normalised(HOUR_WEIGHTS.presales).map((w) => w / 24),
  aftersales: normalised(HOUR_WEIGHTS.aftersales).map((w) => w / 24),
};
const WEEKDAY: Record<Queue, number[]> = { presales: normalised(WEEKDAY_WEIGHTS.presales), aftersales: normalised(WEEKDAY_WEIGHTS.aftersales) };

/** Expected inquiries per hour 00..23 of `date` for each queue, before day noise and Poisson noise. */
export function expectedInquiries(date: string): Record<Queue, number[]> {
  const level = growth(date);
  const dow = isoWeekday(date) - 1;
  const usualHour = ((BASE_PER_DAY.presales + BASE_PER_DAY.aftersales) * level) / 24;
  const isDouble11 = date.slice(5) === '11-11';
  const out: Record<Queue, number[]> = { presales: [], aftersales: [] };
  for (const queue of QUEUES) {
    const perDay = BASE_PER_DAY[queue] * level * (WEEKDAY[queue][dow] ?? 1) * eventMultiplier(queue, date, ANCHORS);
    for (let h = 0; h < 24; h++) {
      const spike = isDouble11 ? DOUBLE11_SPIKE.hourMultiples[h] : undefined;
      const share = queue === 'presales' ? DOUBLE11_SPIKE.presalesShare : 1 - DOUBLE11_SPIKE.presalesShare;
      out[queue].push(spike !== undefined ? spike * usualHour * share : perDay * (HOUR_SHARE[queue][h] ?? 0));
    }
  }
  return out;
}

/** Hourly inquiries CSV: `timestamp,queue,inquiries`, each hour presales then aftersales. */
export function makeInquiries(rng: Rng): { csv: string; dailyTotals: Map<string, number> } {
  const lines: string[] = ['timestamp,queue,inquiries'];
  const dailyTotals = new Map<string, number>();
  for (let day = dayNumber(FIRST_DAY); day <= dayNumber(LAST_DAY); day++) {
    const date = dateFromDayNumber(day);
    const noise = Math.exp(DAY_NOISE_SD * standardNormal(rng) - (DAY_NOISE_SD * DAY_NOISE_SD) / 2);
    const expected = expectedInquiries(date);
    let total = 0;
    for (let h = 0; h < 24; h++) {
      const stamp = `${date}T${String(h).padStart(2, '0')}:00`;
      for (const queue of QUEUES) {
        const count = poisson(rng, (expected[queue][h] ?? 0) * noise);
        total += count;
        lines.push(`${stamp},${queue},${count}`);
      }
    }
    dailyTotals.set(date, total);
  }
  return { csv: lines.join('\n') + '\n', dailyTotals };
}

/** The operation planned in the demo: Double 11 2026 right after the history ends. */
export function makeConfig(): object {
  return {
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    horizon: { start: '2026-11-01', end: '2026-11-14' },
    queues: [
      {
        name: 'presales', share: 0.62, ahtSeconds: 150, concurrency: 3,
        target: { serviceLevel: 0.9, answerSeconds: 30 }, maxOccupancy: 0.85, patienceSeconds: 300,
      },
      {
        name: 'aftersales', share: 0.38, ahtSeconds: 180, concurrency: 2,
        target: { serviceLevel: 0.8, answerSeconds: 30 }, maxOccupancy: 0.85, patienceSeconds: 420,
      },
    ],
    shrinkage: 0.2,
    shifts: [
      { name: 'day', code: 'D', start: '08:00', hours: 9, paidHours: 8, startOffsets: [0, 1, 2] },
      { name: 'middle', code: 'M', start: '13:00', hours: 9, paidHours: 8, startOffsets: [0, 1] },
      { name: 'night', code: 'N', start: '22:00', hours: 10, paidHours: 9, startOffsets: [0] },
      // The Double 11 midnight rush: a 4-hour shift worked only around Nov 11 (22:00 or 23:00 the evening before).
      { name: 'spike', code: 'S', start: '22:00', hours: 4, paidHours: 4, startOffsets: [0, 1], onlyOn: ['double-11'] },
    ],
    pools: [
      {
        name: 'in-house', kind: 'inhouse', headcount: 24, hourlyCost: 32, nightPremium: 0.3, maxDaysPerWeek: 5, shifts: ['day', 'middle', 'spike'],
        overtime: { maxHoursPerShift: 2, maxHoursPerWeek: 6, multiplier: 1.5 },
      },
      {
        name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 80, productivity: 0.9,
        pricing: { model: 'perHour', rate: 30 }, trainingDays: 3,
        surge: { maxAgentsPerDay: 30, rate: 45, noticeHours: 48 },
      },
      {
        name: 'vendor-b', kind: 'vendor', maxAgentsPerDay: 60,
        pricing: { model: 'perSeatShift', rate: 260 }, engagementFee: 3000, trainingDays: 3,
        surge: { maxAgentsPerDay: 20, rate: 390, noticeHours: 24 },
      },
    ],
    outsourcing: { min: 0.6, max: 0.7, scope: 'horizon' },
    // Gift boxes at about twice the platform's average order: a late presales answer costs this shop more than the default 10.
    costPerLostInquiry: 12,
    // Proven within 0.5%: the Double 11 plan, roster and re-plans run in seconds (docs/plan.md, Solver).
    solver: { mipRelGap: 0.005 },
    // Before the peak (`peakshift capacity`, docs/capacity.md): temps hired through an agency, trained 3 weeks;
    // vendor-a already runs 30 seats and needs 4 weeks' notice for more.
    capacity: {
      pool: 'in-house',
      hoursPerWeek: 40,
      // The Double 11 plan's scheduleEfficiency (plan without agents, 2026-11-01..14: 72.2%).
      shiftEfficiency: 0.72,
      recruitingLeadWeeks: 3,
      trainingWeeks: 3,
      classSize: { min: 6, max: 20 },
      classStartWeekdays: ['mon'],
      costPerHire: 600,
      recruitingYield: 0.6,
      ramp: [
        { weeks: 2, ahtMultiplier: 1.5, concurrency: 2 },
        { weeks: 2, ahtMultiplier: 1.25, concurrency: 2 },
        { weeks: 4, ahtMultiplier: 1.1 },
      ],
      attrition: { tempPerWeek: 0.03, permanentPerWeek: 0.005 },
      temps: { contractWeeks: 16, releaseNoticeWeeks: 1, hourlyCost: 20 },
      vendors: [
        { name: 'vendor-a', leadWeeks: 4, minTermWeeks: 8, seatsAtStart: 30 },
        { name: 'vendor-b', leadWeeks: 3, minTermWeeks: 4 },
      ],
    },
  };
}

interface AgentRow {
  name: string;
  nightOk: boolean;
  unavailable?: string;
}

/** The 24 in-house agents; leave in the horizon avoids the Nov 9-12 freeze, as shops usually require. */
const AGENTS: AgentRow[] = [
  { name: '王芳', nightOk: false },
  { name: '李娜', nightOk: true },
  { name: '张伟', nightOk: true },
  { name: '刘洋', nightOk: false, unavailable: '2026-11-03..2026-11-05' },
  { name: '陈静', nightOk: false },
  { name: '杨敏', nightOk: false },
  { name: '赵磊', nightOk: true },
  { name: '黄婷', nightOk: false },
  { name: '周杰', nightOk: false, unavailable: '2026-11-02' },
  { name: '吴秀英', nightOk: false },
  { name: '徐强', nightOk: true },
  { name: '孙丽', nightOk: false },
  { name: '马超', nightOk: false },
  { name: '朱雪', nightOk: false },
  { name: '胡军', nightOk: true, unavailable: '2026-11-13..2026-11-14' },
  { name: '郭佳怡', nightOk: false },
  { name: '何宇', nightOk: false },
  { name: '林晓燕', nightOk: false },
  { name: '罗浩', nightOk: true },
  { name: '高倩', nightOk: false },
  { name: '郑凯', nightOk: false, unavailable: '2026-11-06;2026-11-08' },
  { name: '梁慧', nightOk: false },
  { name: '宋雨桐', nightOk: true },
  { name: '谢明', nightOk: false },
];

export function makeAgents(): string {
  const lines = ['agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable'];
  AGENTS.forEach((agent, i) => {
    const id = `IH${String(i + 1).padStart(3, '0')}`;
    lines.push(`${id},${agent.name},in-house,day;middle,${agent.nightOk},5,${agent.unavailable ?? ''}`);
  });
  return lines.join('\n') + '\n';
}

/** Write inquiries.csv, config.json and agents.csv into `outDir` (data/README.md is written by hand). */
export function generateSampleData(outDir: string, seed = DEFAULT_SEED): SampleDataSummary {
  const rng = createRng(seed);
  const inquiries = makeInquiries(rng);
  const files: Array<[string, string]> = [
    ['inquiries.csv', inquiries.csv],
    ['config.json', JSON.stringify(makeConfig(), null, 2) + '\n'],
    ['agents.csv', makeAgents()],
  ];
  for (const [name, content] of files) writeFileAtomic(path.join(outDir, name), content);
  return { dailyTotals: inquiries.dailyTotals, files: files.map(([name]) => name) };
}

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function printSummary(dailyTotals: Map<string, number>): void {
  const rows: Array<[string, string]> = [];
  const sum = (from: string, to: string) => {
    let total = 0;
    let days = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      total += dailyTotals.get(d) ?? 0;
      days += 1;
    }
    return total / days;
  };
  rows.push(['mean day 2026-03-02..2026-03-29 (ordinary)', sum('2026-03-02', '2026-03-29').toFixed(0)]);
  rows.push(['mean day 2025-07-07..2025-08-03 (ordinary)', sum('2025-07-07', '2025-08-03').toFixed(0)]);
  for (const y of [2024, 2025, 2026]) {
    const db = lunarToSolar(y, 5, 5);
    let best = '';
    for (let d = addDays(db, -14); d <= db; d = addDays(d, 1)) if (best === '' || (dailyTotals.get(d) ?? 0) > (dailyTotals.get(best) ?? 0)) best = d;
    rows.push([`dragon boat ${db}: busiest day ${best}`, String(dailyTotals.get(best))]);
  }
  for (const y of [2023, 2024, 2025]) rows.push([`double 11 ${y}-11-11`, String(dailyTotals.get(`${y}-11-11`))]);
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(48)} ${value.padStart(8)}\n`);
}

/**
 * Back-of-envelope agents for the horizon (data/README.md): per hour,
 * inquiries x AHT / 3600 / concurrency / maxOccupancy / (1 - shrinkage), summed over the queues.
 */
function printCapacityCheck(): void {
  const config = makeConfig() as {
    horizon: { start: string; end: string };
    shrinkage: number;
    queues: Array<{ name: Queue; ahtSeconds: number; concurrency: number; maxOccupancy: number }>;
  };
  const scheduled = (date: string, hour: number): { inquiries: number; agents: number } => {
    const expected = expectedInquiries(date);
    let inquiries = 0;
    let agents = 0;
    for (const q of config.queues) {
      const n = expected[q.name][hour] ?? 0;
      inquiries += n;
      agents += (n * q.ahtSeconds) / 3600 / q.concurrency / q.maxOccupancy / (1 - config.shrinkage);
    }
    return { inquiries, agents };
  };
  let agentHours = 0;
  for (let d = config.horizon.start; d <= config.horizon.end; d = addDays(d, 1)) {
    for (let h = 0; h < 24; h++) agentHours += scheduled(d, h).agents;
  }
  process.stdout.write(`\nhorizon ${config.horizon.start}..${config.horizon.end}: ${agentHours.toFixed(0)} scheduled agent-hours by the formula\n`);
  process.stdout.write('\ncapacity check (expected volume, scheduled agents per hour)\n');
  process.stdout.write('date        day-peak(08-21) at  night-peak(22-07) at  inquiries/day\n');
  for (let d = config.horizon.start; d <= config.horizon.end; d = addDays(d, 1)) {
    let dayPeak = { agents: 0, hour: '' };
    let nightPeak = { agents: 0, hour: '' };
    let perDay = 0;
    for (let h = 0; h < 24; h++) perDay += scheduled(d, h).inquiries;
    for (let h = 8; h < 22; h++) {
      const s = scheduled(d, h);
      if (s.agents > dayPeak.agents) dayPeak = { agents: s.agents, hour: `${String(h).padStart(2, '0')}:00` };
    }
    for (let k = 22; k < 32; k++) {
      const date = k < 24 ? d : addDays(d, 1);
      const s = scheduled(date, k % 24);
      if (s.agents > nightPeak.agents) nightPeak = { agents: s.agents, hour: `${date.slice(5)}T${String(k % 24).padStart(2, '0')}` };
    }
    process.stdout.write(
      `${d}  ${dayPeak.agents.toFixed(1).padStart(8)} ${dayPeak.hour}  ${nightPeak.agents.toFixed(1).padStart(8)} ${nightPeak.hour}  ${perDay.toFixed(0).padStart(8)}\n`,
    );
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const seed = Number(argValue(argv, '--seed') ?? DEFAULT_SEED);
  const outDir = argValue(argv, '--out') ?? path.join(__dirname, '..', 'data');
  const summary = generateSampleData(outDir, seed);
  process.stdout.write(`wrote ${summary.files.join(', ')} to ${outDir} (seed ${seed})\n`);
  printSummary(summary.dailyTotals);
  printCapacityCheck();
}
