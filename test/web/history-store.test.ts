/** Kept uploads: a byte cap (least recently used dropped first) and an idle expiry. */
import { HistoryStore } from '../../src/web/history-store';

const KB = 1024;
/** The store counts 1 KB per entry beyond its text. */
const entry = (kb: number): number => kb * KB + KB;

function store(maxBytes: number, ttlMs = 60_000): { s: HistoryStore; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  return { s: new HistoryStore({ maxBytes, ttlMs, now: () => clock.t }), clock };
}

const text = (kb: number): string => 'x'.repeat(kb * KB);

describe('HistoryStore', () => {
  afterEach(() => jest.useRealTimers());

  test('keeps histories up to the byte cap, dropping the least recently used first', () => {
    const { s, clock } = store(entry(10) * 3);
    s.add('a', 'a.csv', text(10), 10 * KB, 'Asia/Shanghai');
    clock.t += 1;
    s.add('b', 'b.csv', text(10), 10 * KB, 'Asia/Shanghai');
    clock.t += 1;
    s.add('c', 'c.csv', text(10), 10 * KB, 'Asia/Shanghai');
    expect(s.count).toBe(3);
    expect(s.bytes).toBe(entry(10) * 3);
    clock.t += 1;
    expect(s.get('a')?.file).toBe('a.csv'); // a is now the most recently used
    s.add('d', 'd.csv', text(10), 10 * KB, 'Asia/Shanghai');
    expect(s.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => s.get(id)?.text.length)).toEqual([10 * KB, 10 * KB, 10 * KB]);
    expect(s.bytes).toBe(entry(10) * 3);
    s.clear();
  });

  test('one big history pushes out as many as it needs; one over the cap alone is not kept', () => {
    const { s } = store(entry(10) * 3);
    for (const id of ['a', 'b', 'c']) s.add(id, `${id}.csv`, text(10), 10 * KB, 'UTC');
    expect(s.add('big', 'big.csv', text(20), 20 * KB, 'UTC')).toBe(true);
    expect([s.get('a'), s.get('b'), s.get('c')].map((x) => x === undefined)).toEqual([true, true, false]);
    expect(s.bytes).toBe(entry(10) + entry(20));
    expect(s.add('huge', 'huge.csv', text(33), 33 * KB, 'UTC')).toBe(false);
    expect(s.get('huge')).toBeUndefined();
    expect(s.bytes).toBe(entry(10) + entry(20));
    s.clear();
  });

  test('a history unused for the idle time is dropped; using it restarts its time', () => {
    const { s, clock } = store(10 * 1024 * KB, 1000);
    s.add('a', 'a.csv', text(1), KB, 'UTC');
    s.add('b', 'b.csv', text(1), KB, 'UTC');
    clock.t += 600;
    expect(s.get('a')?.timezone).toBe('UTC');
    clock.t += 600; // b idle 1200 ms, a 600 ms
    expect(s.expire()).toBe(1);
    expect(s.get('b')).toBeUndefined();
    expect(s.count).toBe(1);
    clock.t += 1000;
    expect(s.get('a')).toBeUndefined(); // found expired on lookup
    expect(s.count).toBe(0);
    expect(s.bytes).toBe(0);
  });

  test('the expiry timer drops idle histories by itself and reports them', () => {
    jest.useFakeTimers();
    const expired: number[] = [];
    const s = new HistoryStore({ maxBytes: 1024 * KB, ttlMs: 500, onExpired: (n) => expired.push(n) });
    s.add('a', 'a.csv', text(1), KB, 'UTC');
    s.add('b', 'b.csv', text(1), KB, 'UTC');
    jest.advanceTimersByTime(400);
    expect(s.count).toBe(2);
    jest.advanceTimersByTime(200);
    expect(s.count).toBe(0);
    expect(expired).toEqual([2]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
