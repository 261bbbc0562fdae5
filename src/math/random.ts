// Seeded pseudo-random numbers: every random choice in the kit (synthetic councils, LCA starts) comes
// from here so results are reproducible from a seed. xoshiro128** (Blackman & Vigna 2018): fast in
// 32-bit JavaScript integer arithmetic, a period of 2^128 - 1, and good statistical quality; seeded
// through splitmix32 so that nearby seeds give unrelated streams.

/** A seeded generator. `next()` is uniform on [0, 1) with 32 bits of resolution. */
export interface Random {
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box-Muller, one value of each pair kept for simplicity). */
  normal(): number;
  /** Index drawn with probability proportional to weights (non-negative, not all zero). */
  choice(weights: ArrayLike<number>): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A generator seeded with an integer.
 * @example const r = random(42); r.next() // the same value on every machine
 */
export function random(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`random: invalid seed; expected a finite number, got ${seed}`);
  const sm = splitmix32(Math.floor(seed) ^ 0x5bd1e995);
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    choice: (weights) => {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i]!;
      let u = next() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i]!;
        if (u < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
