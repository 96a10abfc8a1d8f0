/**
 * Seeded pseudo-random numbers. Randomness enters the pipeline only through
 * these functions, with a seed passed in, so every run is reproducible.
 */

export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit generator with a full 2^32 period
 * (Tommy Ettinger, public domain). Returns floats in [0, 1).
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential variate with the given mean (inverse transform). */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/** Standard normal variate (Box-Muller). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson variate with mean `lambda`: Knuth's product method for small means,
 * a rounded normal approximation (continuity-corrected, floored at 0) above 60
 * where the relative error of the approximation is below 1%.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * standardNormal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k += 1;
    p *= rng();
  }
  return k;
}
