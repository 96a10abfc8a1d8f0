/** Hourly requirements from a demand forecast and a config. */
import { parseConfig } from '../../src/config';
import type { Demand } from '../../src/domain';
import { computeRequirements, requirementCell, sizeStaffing } from '../../src/staffing';

function demand(queues: Array<{ name: string; forecast: number[]; p90?: number[] }>): Demand {
  const hours = queues[0]?.forecast.length ?? 0;
  return {
    timezone: 'Asia/Shanghai',
    startHour: '2026-06-18T00:00',
    hours,
    queues: queues.map((q) => ({ name: q.name, forecast: q.forecast, p10: q.forecast.map((v) => v * 0.8), p50: q.forecast, p90: q.p90 ?? q.forecast.map((v) => v * 1.3) })),
    events: Array.from({ length: hours }, () => ''),
  };
}

const config = parseConfig({
  shrinkage: 0.3,
  queues: [
    { name: 'presales', share: 0.6, ahtSeconds: 180, target: { serviceLevel: 0.8, answerSeconds: 20 }, maxOccupancy: 0.85 },
    { name: 'aftersales', share: 0.4, ahtSeconds: 300, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30, maxAbandonRate: 0.05 }, maxOccupancy: 0.9, patienceSeconds: 120 },
  ],
});
const presales = config.queues[0]!;
const aftersales = config.queues[1]!;

describe('computeRequirements', () => {
  it('200 inquiries an hour at AHT 180 s, 80/20 is the pyworkforce case: 14 agents, 20 scheduled at 30% shrinkage', () => {
    const r = computeRequirements(demand([{ name: 'presales', forecast: [200] }]), config, { quantile: 'p50', file: 'f.csv' });
    const cell = r.queues[0]!.cells[0]!;
    expect(cell.agents).toBe(14);
    expect(cell.scheduled).toBeCloseTo(20, 12);
    expect(cell.serviceLevel).toBeCloseTo(0.8883500191794669, 14);
    expect(cell.abandonRate).toBeNull();
  });

  it('sizes each queue and hour with its own model and targets', () => {
    const d = demand([
      { name: 'presales', forecast: [0, 35.5, 410] },
      { name: 'aftersales', forecast: [3, 120, 260.25] },
    ]);
    const r = computeRequirements(d, config, { quantile: 'p50', file: 'f.csv' });
    expect(r.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(r.startHour).toBe('2026-06-18T00:00');
    d.queues.forEach((q, qi) => {
      const queueConfig = qi === 0 ? presales : aftersales;
      q.forecast.forEach((volume, i) => {
        const cell = r.queues[qi]!.cells[i]!;
        expect(cell).toEqual(requirementCell(queueConfig, volume, 0.3));
        if (volume > 0) {
          const target = queueConfig.target;
          expect(cell.serviceLevel).toBeGreaterThanOrEqual(target.serviceLevel);
          expect(cell.occupancy).toBeLessThanOrEqual(queueConfig.maxOccupancy);
          if (qi === 1) expect(cell.abandonRate).not.toBeNull();
          if (qi === 1) expect(cell.abandonRate!).toBeLessThanOrEqual(0.05);
        }
        expect(cell.scheduled).toBeCloseTo(cell.agents / 0.7, 12);
      });
    });
    // Zero inquiries → zero agents.
    expect(r.queues[0]!.cells[0]).toMatchObject({ agents: 0, scheduled: 0, inquiries: 0 });
  });

  it('--quantile p90 sizes the p90 column', () => {
    const d = demand([{ name: 'presales', forecast: [100], p90: [180] }]);
    const p50 = computeRequirements(d, config, { quantile: 'p50', file: 'f.csv' }).queues[0]!.cells[0]!;
    const p90 = computeRequirements(d, config, { quantile: 'p90', file: 'f.csv' }).queues[0]!.cells[0]!;
    expect(p50.inquiries).toBe(100);
    expect(p90.inquiries).toBe(180);
    expect(p90.agents).toBeGreaterThan(p50.agents);
  });

  it('a demand with only `all` is split by the config shares', () => {
    const r = computeRequirements(demand([{ name: 'all', forecast: [500] }]), config, { quantile: 'p50', file: 'f.csv' });
    expect(r.queues.map((q) => [q.name, q.cells[0]!.inquiries])).toEqual([
      ['presales', 300],
      ['aftersales', 200],
    ]);
  });

  it('without shares the `all` volume is split equally', () => {
    const noShares = parseConfig({ queues: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    const r = computeRequirements(demand([{ name: 'all', forecast: [300] }]), noShares, { quantile: 'p50', file: 'f.csv' });
    expect(r.queues.map((q) => q.cells[0]!.inquiries)).toEqual([100, 100, 100]);
  });

  it('a demand queue missing from the config is an error naming the file and the queue', () => {
    expect(() => computeRequirements(demand([{ name: 'vip', forecast: [10] }]), config, { quantile: 'p50', file: 'june.csv' })).toThrow(
      'june.csv: queue "vip" has no entry in the config; expected one of the config queues (presales, aftersales), or add it to queues in the config',
    );
  });

  it('matches sizeStaffing for a chat queue (concurrency 3, Erlang A)', () => {
    const cell = requirementCell(aftersales, 260.25, 0.3);
    const direct = sizeStaffing(
      { arrivalsPerSecond: 260.25 / 3600, ahtSeconds: 300, concurrency: 3, patienceSeconds: 120 },
      { serviceLevel: 0.9, answerSeconds: 30, maxOccupancy: 0.9, maxAbandonRate: 0.05 },
    );
    expect(cell.agents).toBe(direct.agents);
  });
});
