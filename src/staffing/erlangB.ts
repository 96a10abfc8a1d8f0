/**
 * Erlang B (M/M/s/s loss probability) by the stable recursion
 *   B(0) = 1,  B(s) = A·B(s−1) / (s + A·B(s−1))
 * (e.g. Tijms, "A First Course in Stochastic Models", 2003, §5.2). It never forms
 * A^s or s!, so it stays exact in floating point for thousands of servers.
 * Erlang C and Erlang A are both built on it.
 */

/** Loss probability of `servers` servers offered `loadErlangs` Erlangs. */
export function erlangB(servers: number, loadErlangs: number): number {
  if (loadErlangs <= 0) return servers === 0 ? 1 : 0;
  let b = 1;
  for (let s = 1; s <= servers; s++) b = (loadErlangs * b) / (s + loadErlangs * b);
  return b;
}

/**
 * Erlang B for one load at many server counts: the recursion is run once and
 * extended on demand, so a staffing search pays O(largest s) in total.
 */
export class ErlangBTable {
  private readonly load: number;
  private values: Float64Array;
  private filled: number;

  constructor(loadErlangs: number) {
    this.load = loadErlangs;
    this.values = new Float64Array(64);
    this.values[0] = 1;
    this.filled = 0;
  }

  at(servers: number): number {
    if (this.load <= 0) return servers === 0 ? 1 : 0;
    if (servers > this.filled) {
      if (servers >= this.values.length) {
        let size = this.values.length;
        while (size <= servers) size *= 2;
        const grown = new Float64Array(size);
        grown.set(this.values.subarray(0, this.filled + 1));
        this.values = grown;
      }
      const a = this.load;
      let b = this.values[this.filled] as number;
      for (let s = this.filled + 1; s <= servers; s++) {
        b = (a * b) / (s + a * b);
        this.values[s] = b;
      }
      this.filled = servers;
    }
    return this.values[servers] as number;
  }
}
