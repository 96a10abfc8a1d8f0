import { addHour, bias, coverage, emptySums, mase, quantile, seasonalNaive, lastYearSameDate, seasonalNaiveScale, toDaySeries, wape } from '../../src/forecast';
import { hourNumber } from '../../src/domain';

describe('accuracy measures (hand-computed)', () => {
  const s = emptySums();
  // actual, forecast, p10, p90
  const rows: Array<[number, number, number, number]> = [
    [10, 12, 8, 14],
    [20, 15, 16, 25],
    [30, 33, 31, 35],
  ];
  for (const [y, f, lo, hi] of rows) addHour(s, y, f, lo, hi);

  it('WAPE = sum|e| / sum y', () => expect(wape(s)).toBeCloseTo(10 / 60, 12));
  it('bias = sum(f - y) / sum y', () => expect(bias(s)).toBeCloseTo(0 / 60, 12));
  it('coverage counts actuals inside [p10, p90]', () => expect(coverage(s)).toBeCloseTo(2 / 3, 12));
  it('MASE divides the mean absolute error by the scale', () => expect(mase(s, 2)).toBeCloseTo(10 / 3 / 2, 12));
  it('the seasonal-naive scale is the mean |y_t - y_(t-m)|', () => {
    expect(seasonalNaiveScale([1, 2, 4, 3, 6, NaN, 5], 7, 2)).toBeCloseTo((3 + 1 + 2 + 1) / 4, 12);
  });
  it('quantile type 7 matches R quantile(c(1,2,3,4,10), 0.1) = 1.4 and 0.9 -> 7.6', () => {
    expect(quantile([1, 2, 3, 4, 10], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 12);
  });
});

describe('baselines', () => {
  const values = Array.from({ length: 24 * 400 }, (_, i) => i);
  const s = toDaySeries(values, hourNumber('2025-01-01T00:00'));
  it('seasonal naive takes the same hour one week earlier and repeats the last week beyond it', () => {
    const f = seasonalNaive(s, 380, 10);
    expect(f[0]).toBe(380 * 24 - 168);
    expect(f[167]).toBe(380 * 24 - 1);
    expect(f[168]).toBe(380 * 24 - 168);
  });
  it('last year by calendar date reads the same month-day a year earlier', () => {
    // Day 366 after 2025-01-01 is 2026-01-02; a year earlier is 2025-01-02 = day 1.
    const f = lastYearSameDate(s, 366, 1);
    expect(f[0]).toBe(24);
    expect(f[5]).toBe(29);
  });
});
