// Random starting parameters for EM (./starts.ts), drawn from a seeded generator so a fit is
// reproduced from its seed. Three kinds, in turn by the start's number r:
// - r % 3 = 0, poLCA's (Linzer & Lewis 2011): equal shares, each class-item row of probabilities
//   uniform random numbers normalised to 1;
// - r % 3 = 1, a random partition of the distinct patterns among the classes, then one M-step
//   (probabilities with half a count added to each category, shares with one record added to each
//   class, so no start holds an exact 0 that EM could never leave);
// - r % 3 = 2, seeded from the data as k-means++ seeds clusters (Arthur & Vassilvitskii 2007): K
//   patterns drawn one after another with probability count x (Hamming distance to the nearest drawn
//   so far)^2; class k starts halfway between its pattern and the overall category rates.
// Each kind finds maxima the others miss: poLCA's on gss82 (4 classes); partitions on carcinoma (4
// classes); k-means++ on sparse factor data, where uniform probabilities sit far from any maximum (on
// the synthetic council, 12 classes, 10 starts: log-likelihood -275,733 with the third kind, -278,128
// without). Cycling through them is the more reliable search.
import type { Random } from '../math/random.js';
import { MISSING, type FlatParameters, type PatternTable } from './types.js';

/**
 * The r-th random start for K classes (the kind cycles with r; see the file comment).
 * @example randomStart(table, 3, random(1), 0).shares // Float64Array [1/3, 1/3, 1/3]
 */
export function randomStart(table: PatternTable, K: number, rng: Random, r: number): FlatParameters {
  const { itemOffset, nCategories, values, counts, nPatterns: S } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  if (r % 3 === 2) return seeded(table, K, rng);
  const probs = new Float64Array(K * P);
  if (r % 3 === 0) {
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

/** The k-means++ kind (see the file comment). Missing responses count as agreeing. */
function seeded(table: PatternTable, K: number, rng: Random): FlatParameters {
  const { itemOffset, nCategories, values, counts, nPatterns: S } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const rate = new Float64Array(P);
  const observed = new Float64Array(J);
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < J; j++) {
      const v = values[s * J + j]!;
      if (v === MISSING) continue;
      rate[itemOffset[j]! + v] += counts[s]!;
      observed[j] += counts[s]!;
    }
  }
  for (let j = 0; j < J; j++)
    for (let c = itemOffset[j]!; c < itemOffset[j + 1]!; c++)
      rate[c] = (rate[c]! + 0.5) / (observed[j]! + 0.5 * nCategories[j]!);
  const nearest = new Float64Array(S).fill(Infinity);
  const weights = new Float64Array(S);
  const probs = new Float64Array(K * P);
  for (let k = 0; k < K; k++) {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += weights[s] = counts[s]! * (k === 0 ? 1 : nearest[s]! ** 2);
    const pick = sum > 0 ? rng.choice(weights) : rng.int(S);
    for (let s = 0; s < S; s++) {
      let d = 0;
      for (let j = 0; j < J; j++) {
        const a = values[s * J + j]!;
        const b = values[pick * J + j]!;
        if (a !== b && a !== MISSING && b !== MISSING) d++;
      }
      if (d < nearest[s]!) nearest[s] = d;
    }
    for (let j = 0; j < J; j++) {
      const o = k * P + itemOffset[j]!;
      const v = values[pick * J + j]!;
      for (let c = 0; c < nCategories[j]!; c++)
        probs[o + c] =
          v === MISSING ? rate[itemOffset[j]! + c]! : 0.5 * rate[itemOffset[j]! + c]! + (v === c ? 0.5 : 0);
    }
  }
  return { shares: new Float64Array(K).fill(1 / K), probs };
}
