/** The comparison of the current menu with the designed one, for people (stdout and design.md). */
import type { DesignResult, MenuFigures, MenuShift } from './designShifts';

const money = (v: number): string => (Number.isNaN(v) ? 'n/a' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const pct = (v: number | null, digits = 1): string => (v === null || Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(digits)}%`);
const gap = (g: number | null): string => (g === null ? 'n/a' : pct(g, 2));

function shiftRows(shifts: readonly MenuShift[]): string[] {
  return [
    '| shift | code | start-end | hours (paid) | start offsets | break window | on dates | pools | agent-shifts |',
    '|---|---|---|---|---|---|---|---|---|',
    ...shifts.map(
      (s) =>
        `| ${s.name} | ${s.code} | ${s.start}-${s.end} | ${s.hours} (${s.paidHours}) | ${s.startOffsets.map((o) => `+${o}`).join(' ')} | ${s.breaks.join(', ') || '-'} | ${s.onlyOn ? s.onlyOn.join(', ') : 'all'} | ${s.pools.join(', ') || '-'} | ${s.agentShifts} |`,
    ),
  ];
}

function row(label: string, current: string, designed: string, change: string): string {
  return `| ${label} | ${current} | ${designed} | ${change} |`;
}

/** Figures of a menu with no plan: every cell n/a. */
const NONE: MenuFigures = {
  objective: NaN,
  cost: NaN,
  lostServiceCost: NaN,
  shortfallAgentHours: NaN,
  requiredProductiveHours: NaN,
  scheduledProductiveHours: NaN,
  efficiency: NaN,
  lowestServiceLevel: null,
  lowestServiceLevelAt: null,
  solver: { status: 'no plan', gap: null, seconds: 0, variables: 0, integerVariables: 0 },
  shifts: [],
};

function comparison(r: DesignResult): string[] {
  const c = r.current ?? NONE;
  const d = r.designed;
  const diff = (a: number, b: number): string => (Number.isNaN(a - b) ? 'n/a' : `${b - a >= 0 ? '+' : ''}${money(b - a)}`);
  const pts = (a: number | null, b: number | null): string => (a === null || b === null || Number.isNaN(a - b) ? 'n/a' : `${b - a >= 0 ? '+' : ''}${((b - a) * 100).toFixed(1)} pts`);
  return [
    '| | current menu | designed menu | change |',
    '|---|---|---|---|',
    row(`objective (cost + lost service), ${r.currency}`, money(c.objective), money(d.objective), diff(c.objective, d.objective)),
    row(`cost, ${r.currency}`, money(c.cost), money(d.cost), diff(c.cost, d.cost)),
    row(`lost service, ${r.currency}`, money(c.lostServiceCost), money(d.lostServiceCost), diff(c.lostServiceCost, d.lostServiceCost)),
    row('shortfall, productive agent-hours', c.shortfallAgentHours.toFixed(2), d.shortfallAgentHours.toFixed(2), diff(c.shortfallAgentHours, d.shortfallAgentHours)),
    row('efficiency (required / scheduled productive agent-hours)', `${pct(c.efficiency)} (${c.requiredProductiveHours.toFixed(0)} / ${c.scheduledProductiveHours.toFixed(0)})`, `${pct(d.efficiency)} (${d.requiredProductiveHours.toFixed(0)} / ${d.scheduledProductiveHours.toFixed(0)})`, pts(c.efficiency, d.efficiency)),
    row('lowest hourly service level', `${pct(c.lowestServiceLevel)}${at(c)}`, `${pct(d.lowestServiceLevel)}${at(d)}`, pts(c.lowestServiceLevel, d.lowestServiceLevel)),
    row('shift types', String(r.currentShiftTypes), String(d.shifts.length), `${d.shifts.length - r.currentShiftTypes >= 0 ? '+' : ''}${d.shifts.length - r.currentShiftTypes}`),
    row('solver', `${c.solver.status}, gap ${gap(c.solver.gap)}, ${c.solver.seconds.toFixed(1)} s`, `${d.solver.status}, gap ${gap(d.solver.gap)}, ${d.solver.seconds.toFixed(1)} s`, ''),
  ];
}

function at(f: MenuFigures): string {
  return f.lowestServiceLevelAt ? ` (${f.lowestServiceLevelAt.timestamp} ${f.lowestServiceLevelAt.queue})` : '';
}

/** design.md: the comparison, both menus, how the menu was found. */
export function designMarkdown(r: DesignResult): string {
  const lines = [
    `# Shift design ${r.start} .. ${r.end}`,
    '',
    r.keptCurrent ? 'The current menu stays: the design found nothing cheaper.' : `The designed menu of ${r.designed.shifts.length} shift types (at most ${r.maxTypes}) against the current menu of ${r.currentShiftTypes}.`,
    ...(r.currentProblem ? ['', `The current menu has no plan: ${r.currentProblem}.`] : []),
    '',
    ...comparison(r),
    '',
    '## Designed menu',
    '',
    ...shiftRows(r.designed.shifts),
    '',
    '## Current menu',
    '',
    ...(r.current ? shiftRows(r.current.shifts) : ['No plan.']),
    '',
    '## How it was chosen',
    '',
    `${r.candidates} candidate shifts (the current menu and every whole-hour start and length the design rules allow); a covering model shortlisted ${r.considered.length - r.currentShiftTypes}, and the plan model chose at most ${r.maxTypes} from the ${r.considered.length} with the agents on them (${r.designed.solver.variables} variables, ${r.designed.solver.integerVariables} integer).`,
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

/** The short summary printed on stdout. */
export function designReport(r: DesignResult, out: string): string {
  const c = r.current ?? NONE;
  const d = r.designed;
  const lines = [
    `design-shifts ${r.start} .. ${r.end}: ${d.shifts.length} shift types (at most ${r.maxTypes}) → ${out}`,
    `objective: ${r.currency} ${money(c.objective)} → ${money(d.objective)}${r.current ? ` (${d.objective - c.objective >= 0 ? '+' : ''}${money(d.objective - c.objective)})` : ' (the current menu has no plan)'}`,
    `cost: ${r.currency} ${money(c.cost)} → ${money(d.cost)}; lost service ${money(c.lostServiceCost)} → ${money(d.lostServiceCost)}`,
    `shortfall: ${c.shortfallAgentHours.toFixed(2)} → ${d.shortfallAgentHours.toFixed(2)} productive agent-hours`,
    `efficiency: ${pct(c.efficiency)} → ${pct(d.efficiency)}; lowest hourly service level ${pct(c.lowestServiceLevel)} → ${pct(d.lowestServiceLevel)}`,
    'designed menu:',
    ...d.shifts.map((s) => `  ${s.code.padEnd(3)} ${s.name.padEnd(10)} ${s.start}-${s.end} ${String(s.hours).padStart(2)} h (${s.paidHours} paid)${s.startOffsets.length > 1 ? ` starts ${s.startOffsets.map((o) => `+${o}`).join(' ')}` : ''}${s.onlyOn ? ` on ${s.onlyOn.join(', ')}` : ''}  ${s.pools.join(', ')}  ${s.agentShifts} agent-shifts`),
    `solver: ${d.solver.status}, gap ${gap(d.solver.gap)}, ${d.solver.seconds.toFixed(2)} s (current menu: ${c.solver.seconds.toFixed(2)} s)`,
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return lines.join('\n');
}
