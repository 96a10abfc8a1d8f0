/** The one money formatter: explicit precision, grouped, half away from zero, never "-0". */
import { fixedDigits, money } from '../../src/report/format';

test.each<[number, 0 | 2, string]>([
  [1234567.8, 0, '1,234,568'],
  [1234567.8, 2, '1,234,567.80'],
  [-63007.4, 0, '-63,007'],
  [-1.5, 0, '-2'],
  [2.5, 0, '3'],
  [-0.004, 2, '0.00'],
  [-0.4, 0, '0'],
  [0, 2, '0.00'],
])('money(%p, %p) is %p', (value, digits, text) => {
  expect(money(value, digits)).toBe(text);
});

test('files take fixedDigits: no grouping, so a CSV cell stays one number', () => {
  expect(fixedDigits(1234567.8, 2)).toBe('1234567.80');
  expect(fixedDigits(-0.001, 2)).toBe('0.00');
});
