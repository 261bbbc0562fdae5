// Posterior class membership at given parameters: P(class k | pattern) for every distinct pattern by
// Bayes' rule on the log scale (log-sum-exp, as in the E-step of ./em.ts), the modal class of each
// pattern (the first of tied maxima, as R's which.max) and, through the table's record -> pattern map,
// the modal class of every record. A record's full posterior is the row of its pattern:
// `patternPosterior[recordPattern[i] * K + k]`; it is not copied per record because 3.6 million records
// x 12 classes would take 350 MB for no new information.
import type { FlatParameters, LcaParameters, PatternTable } from './types.js';
import { flatParameters } from './flat-parameters.js';

export interface LcaPosterior {
  classes: number;
  /** S x K posterior probabilities, row-major (S distinct patterns). */
  patternPosterior: Float64Array;
  /** Modal class (0-based) of each pattern. */
  patternModal: Int32Array;
  /** Modal class (0-based) of every input record; -1 for a record dropped for missing responses. */
  modal: Int32Array;
  /** Largest posterior of every input record; NaN for a dropped record. */
  maxPosterior: Float64Array;
}

/**
 * Posterior and modal class of every pattern and record.
 * @param params fitted shares and probabilities (an LcaFit, a scheme, or flat parameters)
 * @example lcaPosterior(table, fit).modal[0] // 1: the first record belongs to the second class
 */
export function lcaPosterior(table: PatternTable, params: LcaParameters | FlatParameters): LcaPosterior {
  const { shares, probs } = flatParameters(table, params);
  const { itemOffset, nzStart, nzCell, missStart, missItem, nPatterns: S, recordPattern } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const K = shares.length;
  const lp = new Float64Array(K * P);
  for (let i = 0; i < K * P; i++) lp[i] = probs[i]! > 1e-300 ? Math.log(probs[i]!) : Math.log(1e-300);
  const base = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let b = shares[k]! > 1e-300 ? Math.log(shares[k]!) : Math.log(1e-300);
    for (let j = 0; j < J; j++) b += lp[k * P + itemOffset[j]!]!;
    base[k] = b;
  }
  const itemOf = new Int32Array(P);
  for (let j = 0; j < J; j++) itemOf.fill(j, itemOffset[j]!, itemOffset[j + 1]!);

  const patternPosterior = new Float64Array(S * K);
  const patternModal = new Int32Array(S);
  const a = new Float64Array(K);
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < K; k++) {
      let x = base[k]!;
      for (let e = nzStart[s]!; e < nzStart[s + 1]!; e++) {
        const c = nzCell[e]!;
        x += lp[k * P + c]! - lp[k * P + itemOffset[itemOf[c]!]!]!;
      }
      for (let e = missStart[s]!; e < missStart[s + 1]!; e++) x -= lp[k * P + itemOffset[missItem[e]!]!]!;
      a[k] = x;
    }
    let max = a[0]!;
    let arg = 0;
    for (let k = 1; k < K; k++)
      if (a[k]! > max) {
        max = a[k]!;
        arg = k;
      }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += a[k] = Math.exp(a[k]! - max);
    for (let k = 0; k < K; k++) patternPosterior[s * K + k] = a[k]! / sum;
    patternModal[s] = arg;
  }

  const N = recordPattern.length;
  const modal = new Int32Array(N);
  const maxPosterior = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const s = recordPattern[i]!;
    modal[i] = s < 0 ? -1 : patternModal[s]!;
    maxPosterior[i] = s < 0 ? NaN : patternPosterior[s * K + patternModal[s]!]!;
  }
  return { classes: K, patternPosterior, patternModal, modal, maxPosterior };
}
