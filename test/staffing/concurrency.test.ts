/** Chat concurrency: c sessions per agent is the c-times-more-servers queue. */
import { evaluateErlangA, evaluateErlangC, sizeErlangA, sizeErlangC, type QueueParameters } from '../../src/staffing';

const chat: QueueParameters = { arrivalsPerSecond: 900 / 3600, ahtSeconds: 420, concurrency: 3 };

describe('concurrency', () => {
  it.each([1, 2, 3, 5])('Erlang C with c = %p matches n·c single-session servers', (c) => {
    for (const agents of [40, 45, 60]) {
      const multi = evaluateErlangC({ ...chat, concurrency: c }, agents, 30);
      const single = evaluateErlangC({ ...chat, concurrency: 1 }, agents * c, 30);
      expect(multi.serviceLevel).toBe(single.serviceLevel);
      expect(multi.asaSeconds).toBe(single.asaSeconds);
      expect(multi.occupancy).toBe(single.occupancy);
    }
  });

  it.each([1, 2, 4])('Erlang A with c = %p matches n·c single-session servers', (c) => {
    const a = { ...chat, patienceSeconds: 90 };
    for (const agents of [20, 33, 50]) {
      const multi = evaluateErlangA({ ...a, concurrency: c }, agents, 30);
      const single = evaluateErlangA({ ...a, concurrency: 1 }, agents * c, 30);
      expect(multi.serviceLevel).toBe(single.serviceLevel);
      expect(multi.abandonRate).toBe(single.abandonRate);
      expect(multi.asaSeconds).toBe(single.asaSeconds);
    }
  });

  it('c = 1 is exactly the phone case, and sizing with c needs about 1/c of the agents', () => {
    const targets = { serviceLevel: 0.9, answerSeconds: 30, maxOccupancy: 0.85 };
    const phone = sizeErlangC({ ...chat, concurrency: 1 }, targets);
    const three = sizeErlangC(chat, targets);
    // The least n with n·3 servers meeting the targets: ceil(phone servers / 3).
    expect(three.agents).toBe(Math.ceil(phone.agents / 3));
    const phoneA = sizeErlangA({ ...chat, concurrency: 1, patienceSeconds: 120 }, targets);
    const threeA = sizeErlangA({ ...chat, patienceSeconds: 120 }, targets);
    expect(threeA.agents).toBe(Math.ceil(phoneA.agents / 3));
  });
});
