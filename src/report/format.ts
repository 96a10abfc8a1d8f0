/** Formatting shared by the report's CSV, Markdown and HTML output. */

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return cells.map((c) => csvCell(String(c))).join(',');
}

/** `value` rounded half away from zero to `digits` decimals, `-0` printed as `0`: byte-stable numbers in exports. */
export function fixedDigits(value: number, digits: number): string {
  const factor = 10 ** digits;
  const r = Math.round(value * factor) / factor;
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
}

/**
 * Money for people: rounded half away from zero to exactly `digits` decimals, thousands grouped,
 * never "-0" (1234567.8 → "1,234,568" with 0 digits, "1,234,567.80" with 2). Machine-readable
 * files print amounts with `fixedDigits(value, 2)` instead (no grouping).
 */
export function money(value: number, digits: 0 | 2): string {
  const factor = 10 ** digits;
  const r = Math.round(Math.abs(value) * factor) / factor;
  const text = r.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return value < 0 && r !== 0 ? `-${text}` : text;
}

/** Thousands-grouped number with at most `digits` decimals, for people. */
export function grouped(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Escape text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Split exact amounts into whole cents that add up to the rounded total
 * (largest remainder; ties to the earlier item), so a sheet's rows sum to
 * its total line exactly.
 */
export function splitCents(amounts: readonly number[]): number[] {
  const exact = amounts.map((a) => a * 100);
  const target = Math.round(exact.reduce((s, a) => s + a, 0));
  const floors = exact.map((a) => Math.floor(a + 1e-7));
  let left = target - floors.reduce((s, a) => s + a, 0);
  const order = exact.map((a, i) => ({ i, frac: a - (floors[i] as number) })).sort((x, y) => y.frac - x.frac || x.i - y.i);
  const out = floors.slice();
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left -= 1;
  }
  return out;
}
