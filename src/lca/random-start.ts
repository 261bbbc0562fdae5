// Random starting parameters for EM (./starts.ts), drawn from a seeded generator so a fit is
// reproduced from its seed. Two kinds, alternated by the start's number: poLCA's (Linzer & Lewis 2011:
// equal shares, each class-item row of probabilities uniform random numbers normalised to 1) and a
// random partition of the distinct patterns among the classes followed by one M-step (probabilities
// with half a count added to each category, shares with one record added to each class, so no start
// holds an exact 0 that EM could never leave).
import type { Random } from '../math/random.js';
import { MISSING, type FlatParameters, type PatternTable } from './types.js';

/**
 * A random start for K classes, the r-th drawn: even r is poLCA's kind, odd r a random partition.
 * The two kinds find different maxima best (poLCA's on gss82, partitions on carcinoma with 4 classes
 * and on sparse factor data, where they also converge in fewer steps), so alternating them is the
 * more reliable search.
 * @example randomStart(table, 3, random(1), 0).shares // Float64Array [1/3, 1/3, 1/3]
 */
export function randomStart(table: PatternTable, K: number, rng: Random, r: number): FlatParameters {
  const { itemOffset, nCategories, values, counts, nPatterns: S } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const probs = new Float64Array(K * P);
  if (r % 2 === 0) {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < J; j++) {
        const o = k * P + itemOffset[j]!;
        const C = nCategories[j]!;
        let sum = 0;
        // The midpoint of each 2^-32 step, so a start never holds an exact 0 that EM could not leave.
        for (let c = 0; c < C; c++) sum += probs[o + c] = rng.next() + 2 ** -33;
        for (let c = 0; c < C; c++) probs[o + c]! /= sum;
      }
    }
    return { shares: new Float64Array(K).fill(1 / K), probs };
  }
  const total = new Float64Array(K);
  const observed = new Float64Array(K * J);
  for (let s = 0; s < S; s++) {
    const k = rng.int(K);
    const w = counts[s]!;
    total[k] += w;
    for (let j = 0; j < J; j++) {
      const v = values[s * J + j]!;
      if (v === MISSING) continue;
      probs[k * P + itemOffset[j]! + v] += w;
      observed[k * J + j] += w;
    }
  }
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      const o = k * P + itemOffset[j]!;
      const C = nCategories[j]!;
      for (let c = 0; c < C; c++) probs[o + c] = (probs[o + c]! + 0.5) / (observed[k * J + j]! + 0.5 * C);
    }
  }
  const n = table.n;
  return { shares: Float64Array.from(total, (t) => (t + 1) / (n + K)), probs };
}
