// Posterior class membership at given parameters: P(class k | pattern) for every distinct pattern by
// Bayes' rule (the E-step kernel of ./e-step.ts, as EM uses it), the modal class of each
// pattern (the first of tied maxima, as R's which.max) and, through the table's record -> pattern map,
// the modal class of every record. A record's full posterior is the row of its pattern:
// `patternPosterior[recordPattern[i] * K + k]`; it is not copied per record because 3.6 million records
// x 12 classes would take 350 MB for no new information.
import type { FlatParameters, LcaParameters, PatternTable } from './types.js';
import { flatParameters } from './flat-parameters.js';
import { EStepKernel } from './e-step.js';

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
  const flat = flatParameters(table, params);
  const { nPatterns: S, recordPattern } = table;
  const K = flat.shares.length;
  const kernel = new EStepKernel(table, K);
  kernel.prepare(flat);
  const patternPosterior = new Float64Array(S * K);
  const patternModal = new Int32Array(S);
  const a = new Float64Array(K);
  for (let s = 0; s < S; s++) {
    kernel.pattern(s, a, 1);
    let arg = 0;
    for (let k = 1; k < K; k++) if (a[k]! > a[arg]!) arg = k;
    patternPosterior.set(a, s * K);
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
