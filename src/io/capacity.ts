/**
 * The capacity folder (`peakshift capacity --out-dir DIR`, and the page's
 * "Before the peak" step): every file as relative path → content, pure.
 *
 * - capacity.csv: `week,required_hours,available_hours,inhouse_hours,vendor_hours,headcount,in_training,hires,attrition,over_under,graduates,released`
 *   (hours: paid hours at full speed; heads: expected values; headcount[w+1] =
 *   headcount[w] - attrition[w] - released[w] + graduates[w+1]).
 * - hiring.csv: `class,recruit_by,training_start,productive_from,trainees,cost,graduates,contract_end`.
 * - releases.csv: `date,class,agents,reason,notify_by`.
 * - vendor-seats.csv: `week,vendor,seats,added,hours,cost`.
 * - agents-planned.csv: today's agents, then the planned hires (as many as the
 *   plan expects in its peak week, `hired` = the first training day) for `plan --agents`.
 * - capacity.json: the plan's figures (solver seconds left out: same inputs, same bytes).
 * - capacity.md, capacity.html: for people, in the run's language.
 */
import { capacityHtml, capacityMarkdown, rampWeeks, type CapacityPlan } from '../capacity';
import { capacityOf, hiringPool, type Config } from '../config';
import { tr, type Lang } from '../domain/i18n';
import { csvLine, fixedDigits } from '../report/format';
import type { Agent } from '../roster';
import { formatAgentsCsv } from './agents';

export const CAPACITY_HEADER = ['week', 'required_hours', 'available_hours', 'inhouse_hours', 'vendor_hours', 'headcount', 'in_training', 'hires', 'attrition', 'over_under', 'graduates', 'released'] as const;
export const HIRING_HEADER = ['class', 'recruit_by', 'training_start', 'productive_from', 'trainees', 'cost', 'graduates', 'contract_end'] as const;
export const RELEASES_HEADER = ['date', 'class', 'agents', 'reason', 'notify_by'] as const;
export const VENDOR_SEATS_HEADER = ['week', 'vendor', 'seats', 'added', 'hours', 'cost'] as const;

const f1 = (v: number): string => fixedDigits(v, 1);
const f2 = (v: number): string => fixedDigits(v, 2);

export function formatCapacityCsv(plan: CapacityPlan): string {
  const rows = plan.weeks.map((w) => csvLine([w.start, f1(w.requiredHours), f1(w.availableHours), f1(w.inhouseHours), f1(w.vendorHours), f2(w.headcount), f2(w.inTraining), w.hires, f2(w.attrition), f1(w.overUnder), f2(w.graduates), f2(w.released)]));
  return `${[CAPACITY_HEADER.join(','), ...rows].join('\n')}\n`;
}

export function formatHiringCsv(plan: CapacityPlan): string {
  const rows = plan.classes.map((c) => csvLine([c.id, c.recruitBy, c.trainingStart, c.productiveFrom, c.trainees, f2(c.cost), f2(c.graduates), c.contractEnd]));
  return `${[HIRING_HEADER.join(','), ...rows].join('\n')}\n`;
}

export function formatReleasesCsv(plan: CapacityPlan): string {
  const rows = plan.releases.map((r) => csvLine([r.date, r.classId, f2(r.agents), r.reason, r.notifyBy]));
  return `${[RELEASES_HEADER.join(','), ...rows].join('\n')}\n`;
}

export function formatVendorSeatsCsv(plan: CapacityPlan): string {
  const rows = plan.weeks.flatMap((w) => w.vendors.map((v) => csvLine([w.start, v.vendor, f2(v.seats), f2(v.added), f1(v.hours), f2(v.cost)])));
  return `${[VENDOR_SEATS_HEADER.join(','), ...rows].join('\n')}\n`;
}

/** Today's agents and the planned hires, each class's expected heads in the peak week (rounded) as named rows. */
export function plannedAgents(plan: CapacityPlan, config: Config, today: readonly Agent[], lang: Lang): Agent[] {
  const pool = hiringPool(config);
  if (!pool) return [...today];
  const taken = new Set(today.map((a) => a.id));
  const hires: Agent[] = [];
  for (const c of plan.classes) {
    const count = Math.round(plan.peakHeads[c.id] ?? 0);
    for (let k = 1; k <= count; k++) {
      let id = `${c.id}-${String(k).padStart(2, '0')}`;
      while (taken.has(id)) id = `${id}x`;
      taken.add(id);
      hires.push({ id, name: tr(lang, 'capHireName', { id }), pool: pool.name, shifts: null, nightOk: false, maxDaysPerWeek: pool.maxDaysPerWeek, unavailable: [], hired: c.trainingStart });
    }
  }
  return [...today, ...hires];
}

export interface CapacityFolderInput {
  plan: CapacityPlan;
  config: Config;
  /** Today's agents (`--agents`), or none. */
  agents: readonly Agent[] | null;
  lang: Lang;
}

export function capacityFolderFiles(input: CapacityFolderInput): Map<string, string> {
  const { plan, config, lang } = input;
  const { solver, ...figures } = plan;
  const { seconds: _seconds, ...solverFigures } = solver;
  void _seconds;
  const rampDays = 7 * rampWeeks(capacityOf(config));
  return new Map([
    ['capacity.csv', formatCapacityCsv(plan)],
    ['hiring.csv', formatHiringCsv(plan)],
    ['releases.csv', formatReleasesCsv(plan)],
    ['vendor-seats.csv', formatVendorSeatsCsv(plan)],
    ['agents-planned.csv', formatAgentsCsv(plannedAgents(plan, config, input.agents ?? [], lang))],
    ['capacity.json', `${JSON.stringify({ ...figures, solver: solverFigures }, null, 2)}\n`],
    ['capacity.md', capacityMarkdown(plan, lang)],
    ['capacity.html', capacityHtml(plan, rampDays, lang)],
  ]);
}
