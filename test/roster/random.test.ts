/** Property tests over seeded random plans: every rule holds for every roster the assigner builds. */
import { createRng, type Rng, type ShiftLine } from '../../src/domain';
import { buildRoster, checkRoster, nightShiftNames, type Agent } from '../../src/roster';
import { agent, config, days, line } from './fixtures';

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function randomPlan(seed: number): { lines: ShiftLine[]; agents: Agent[]; dates: string[] } {
  const rng = createRng(seed);
  const dates = days('2026-10-28', int(rng, 3, 21));
  const agents = Array.from({ length: int(rng, 1, 14) }, (_, i) => {
    const leave = dates.filter(() => rng() < 0.08);
    const pick = rng();
    return agent(`A${String(i + 1).padStart(2, '0')}`, {
      nightOk: rng() < 0.5,
      maxDaysPerWeek: int(rng, 2, 7),
      shifts: pick < 0.2 ? ['day'] : pick < 0.3 ? ['middle', 'night'] : null,
      unavailable: leave,
    });
  });
  const lines: ShiftLine[] = [];
  for (const d of dates) {
    lines.push(line(d, 'day', int(rng, 0, 4), 'in-house', int(rng, 0, 2)));
    if (rng() < 0.6) lines.push(line(d, 'middle', int(rng, 0, 3), 'in-house', int(rng, 0, 1)));
    if (rng() < 0.4) lines.push(line(d, 'night', int(rng, 0, 2)));
    lines.push(line(d, 'day', int(rng, 0, 6), 'vendor-a', int(rng, 0, 2)));
    lines.push(line(d, 'night', int(rng, 0, 4), 'vendor-a'));
    if (rng() < 0.5) lines.push(line(d, 'middle', int(rng, 0, 5), 'vendor-b'));
  }
  return { lines, agents, dates };
}

describe('random plans', () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %i: no rule broken, unfilled seats reported exactly', (seed) => {
    const { lines, agents, dates } = randomPlan(seed);
    const r = buildRoster({ config, lines, agents, dates, eventDates: new Set(dates.slice(0, 2)) });
    const violations = checkRoster({ config, lines, assignments: r.assignments, agents });
    const unfilledRows = r.assignments.filter((a) => a.personId === 'UNFILLED').length;
    expect(violations.filter((v) => v.rule !== 'seats-filled')).toEqual([]);
    expect(violations).toHaveLength(unfilledRows);
    expect(r.unfilled.reduce((n, u) => n + u.seats, 0)).toBe(unfilledRows);
    // Vendor seats never go unfilled, and only vendor seats sit on vendor lines.
    for (const a of r.assignments) {
      expect(a.kind === 'seat').toBe(a.pool !== 'in-house');
      if (a.kind === 'seat') expect(a.personId.startsWith(`${a.pool}-`)).toBe(true);
    }
    // Every excluded-agent count adds up to the pool's agents.
    for (const u of r.unfilled) expect(Object.values(u.excludedBy).reduce((a, b) => a + b, 0)).toBe(agents.length);
  });
});

/** Largest number of seats any assignment fills on one day, by trying every agent for every seat. */
function bruteForce(seatsAllowed: boolean[][], seat = 0, used = new Set<number>()): number {
  if (seat === seatsAllowed.length) return 0;
  let best = bruteForce(seatsAllowed, seat + 1, used);
  (seatsAllowed[seat] ?? []).forEach((ok, a) => {
    if (!ok || used.has(a)) return;
    used.add(a);
    best = Math.max(best, 1 + bruteForce(seatsAllowed, seat + 1, used));
    used.delete(a);
  });
  return best;
}

describe('one day is filled as far as any assignment can', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 100))('seed %i matches brute force', (seed) => {
    const rng = createRng(seed);
    const date = '2026-11-11';
    const agents = Array.from({ length: int(rng, 1, 6) }, (_, i) =>
      agent(`A${i}`, { nightOk: rng() < 0.4, shifts: rng() < 0.3 ? ['day'] : rng() < 0.5 ? ['middle', 'night'] : null, unavailable: rng() < 0.15 ? [date] : [] }),
    );
    const lines = [line(date, 'day', int(rng, 0, 3)), line(date, 'middle', int(rng, 0, 2)), line(date, 'night', int(rng, 0, 2))].filter((l) => l.agents > 0);
    const night = nightShiftNames(config);
    const seats = lines.flatMap((l) => Array.from({ length: l.agents }, () => l));
    const allowed = seats.map((l) => agents.map((a) => !a.unavailable.includes(date) && (a.shifts === null || a.shifts.includes(l.shift)) && (a.nightOk || !night.has(l.shift))));
    const r = buildRoster({ config, lines, agents, dates: [date], eventDates: new Set() });
    const filled = r.assignments.filter((a) => a.kind === 'agent').length;
    expect(filled).toBe(bruteForce(allowed));
  });
});
