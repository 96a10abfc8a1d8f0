import { assignSeats, buildRoster, checkRoster, seatId } from '../../src/roster';
import { config, days, line } from './fixtures';

describe('vendor seats', () => {
  it('numbers seats per vendor', () => {
    expect(seatId('vendor-a', 1)).toBe('vendor-a-001');
    expect(seatId('vendor-b', 120)).toBe('vendor-b-120');
  });

  it('keeps each seat on one shift type through a steady week', () => {
    const span = days('2026-11-02', 6);
    const lines = span.flatMap((d) => [line(d, 'day', 3, 'vendor-a'), line(d, 'night', 2, 'vendor-a'), line(d, 'middle', 1, 'vendor-b')]);
    const { seats, assignments } = assignSeats({ config, lines });
    expect(seats.map((s) => s.id)).toEqual(['vendor-a-001', 'vendor-a-002', 'vendor-a-003', 'vendor-a-004', 'vendor-a-005', 'vendor-b-001']);
    for (const s of seats) expect(new Set(assignments.filter((a) => a.personId === s.id).map((a) => a.code)).size).toBe(1);
  });

  it('rests seats after 6 days in a row and after a night before a day shift', () => {
    const span = days('2026-11-01', 8);
    const lines = [...span.map((d) => line(d, 'day', 2, 'vendor-a')), line('2026-11-09', 'night', 1, 'vendor-a'), line('2026-11-10', 'day', 3, 'vendor-a')];
    const { seats, assignments } = assignSeats({ config, lines });
    expect(checkRoster({ config, lines, assignments, agents: [] })).toEqual([]);
    // Two seats cannot work 8 days in a row: the seventh day needs fresh seats.
    expect(seats.length).toBeGreaterThan(2);
    const nightSeat = assignments.find((a) => a.shift === 'night')?.personId;
    expect(assignments.filter((a) => a.date === '2026-11-10').map((a) => a.personId)).not.toContain(nightSeat);
  });

  it('switches a seat to another shift type rather than open a new seat', () => {
    const lines = [line('2026-11-01', 'day', 2, 'vendor-a'), line('2026-11-02', 'day', 1, 'vendor-a'), line('2026-11-02', 'middle', 1, 'vendor-a')];
    const r = buildRoster({ config, lines, agents: [], dates: ['2026-11-01', '2026-11-02'], eventDates: new Set() });
    expect(r.people.map((p) => p.id)).toEqual(['vendor-a-001', 'vendor-a-002']);
  });
});
