/**
 * The ramp as a productive share: (1 / ahtMultiplier) x min(concurrency, c_q) / c_q,
 * checked against the Erlang code it stands for.
 */
import { parseConfig } from '../../src/config';
import { goLiveDate, queueWeights, rampShares, shareOn, stepShareOnQueue } from '../../src/capacity';
import { dayNumber } from '../../src/domain';
import { evaluateStaffing, sizeStaffing, type QueueParameters } from '../../src/staffing';

describe('productive share of a ramp step', () => {
  it('is (1/1.5) x (2/3) for a chat agent at AHT x1.5 and 2 sessions instead of 3', () => {
    expect(stepShareOnQueue({ ahtMultiplier: 1.5, concurrency: 2 }, { concurrency: 3 })).toBeCloseTo(4 / 9, 12);
  });

  it('caps the step concurrency at the queue concurrency and keeps the queue concurrency when the step has none', () => {
    expect(stepShareOnQueue({ ahtMultiplier: 2, concurrency: 3 }, { concurrency: 1 })).toBe(0.5);
    expect(stepShareOnQueue({ ahtMultiplier: 1.25 }, { concurrency: 3 })).toBeCloseTo(0.8, 12);
  });

  // Capacity equivalence: n agents at AHT x1.5 and 2 sessions are 2n servers of rate 1/(1.5 AHT),
  // as much service capacity as (4/9) n agents at 3 sessions of rate 1/AHT. The Erlang code agrees
  // in the limit and the equivalence never overstates what the ramping agents answer.
  const share = 4 / 9;
  const chat = (perHour: number, aht: number, sessions: number): QueueParameters => ({ arrivalsPerSecond: perHour / 3600, ahtSeconds: aht, concurrency: sessions });
  const targets = { serviceLevel: 0.8, answerSeconds: 30, maxOccupancy: 1 };

  it.each([30, 100, 300, 1000, 3000])('at %d chats an hour the Erlang sizing of ramping agents is within the equivalence, from above', (perHour) => {
    const veterans = sizeStaffing(chat(perHour, 180, 3), targets).agents;
    const ramping = sizeStaffing(chat(perHour, 270, 2), targets).agents;
    expect(veterans / ramping).toBeGreaterThanOrEqual(share - 1e-9);
    expect(veterans / ramping).toBeLessThanOrEqual(0.5 + 1e-9);
    // The service level the ramping team gets is at least that of its veteran equivalent (interpolated between whole agents).
    const equivalent = share * ramping;
    const lo = Math.floor(equivalent);
    const slAt = (n: number): number => evaluateStaffing(chat(perHour, 180, 3), n, 30).serviceLevel;
    const slEquivalent = slAt(lo) + (equivalent - lo) * (slAt(lo + 1) - slAt(lo));
    expect(evaluateStaffing(chat(perHour, 270, 2), ramping, 30).serviceLevel).toBeGreaterThanOrEqual(slEquivalent);
  });

  it('equals the share to 3 decimals in the sizing at 3,000 chats an hour', () => {
    const veterans = sizeStaffing(chat(3000, 180, 3), targets).agents;
    const ramping = sizeStaffing(chat(3000, 270, 2), targets).agents;
    expect(Math.abs(veterans / ramping - share)).toBeLessThan(1e-3);
  });
});

describe('share by tenure', () => {
  const config = parseConfig({
    queues: [
      { name: 'presales', ahtSeconds: 150, concurrency: 3 },
      { name: 'aftersales', ahtSeconds: 180, concurrency: 2 },
    ],
    capacity: { trainingWeeks: 2, ramp: [{ weeks: 1, ahtMultiplier: 1.5, concurrency: 2 }, { weeks: 2, ahtMultiplier: 1.25 }] },
  });
  const cap = config.capacity as NonNullable<typeof config.capacity>;

  it('weights the queues by the productive agent-hours they require', () => {
    const requirement = {
      timezone: 'Asia/Shanghai',
      startHour: '2026-11-01T00:00',
      hours: 1,
      queues: [
        { name: 'presales', cells: [{ inquiries: 100, agents: 3, scheduled: 3.75, serviceLevel: 0.9, asaSeconds: 5, occupancy: 0.7, abandonRate: null }] },
        { name: 'aftersales', cells: [{ inquiries: 30, agents: 1, scheduled: 1.25, serviceLevel: 0.9, asaSeconds: 5, occupancy: 0.7, abandonRate: null }] },
      ],
    };
    const weights = queueWeights(config, requirement);
    expect(weights.get('presales')).toBe(0.75);
    expect(weights.get('aftersales')).toBe(0.25);
    // Step 1: presales (1/1.5)(2/3), aftersales (1/1.5)(2/2); step 2: 1/1.25 on both.
    const shares = rampShares(cap, config.queues, weights);
    expect(shares[0]).toBeCloseTo(0.75 * (4 / 9) + 0.25 * (2 / 3), 12);
    expect(shares[1]).toBeCloseTo(0.8, 12);
    expect(queueWeights(config, null).get('presales')).toBe(0.5);
  });

  it('is 0 in training, each step for its weeks, then 1', () => {
    const shares = [0.4, 0.8];
    const hired = '2026-09-07';
    expect(goLiveDate(hired, 2) - dayNumber(hired)).toBe(14);
    expect(shareOn(hired, '2026-09-06', cap, shares)).toBe(0);
    expect(shareOn(hired, '2026-09-20', cap, shares)).toBe(0);
    expect(shareOn(hired, '2026-09-21', cap, shares)).toBe(0.4);
    expect(shareOn(hired, '2026-09-27', cap, shares)).toBe(0.4);
    expect(shareOn(hired, '2026-09-28', cap, shares)).toBe(0.8);
    expect(shareOn(hired, '2026-10-11', cap, shares)).toBe(0.8);
    expect(shareOn(hired, '2026-10-12', cap, shares)).toBe(1);
  });
});
