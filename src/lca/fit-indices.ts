// Fit indices of a latent class model, as poLCA reports them plus the entropy R^2 and average posterior
// probabilities used to judge how well classes separate (Collins & Lanza 2010, ch. 4):
// - nParams = K * sum_j (C_j - 1) + (K - 1) (binary items: K * J + K - 1);
// - AIC = -2 logLik + 2 nParams; BIC = -2 logLik + ln(n) nParams, n the records used;
// - entropy R^2 = 1 - sum_i sum_k (-p_ik ln p_ik) / (n ln K), p_ik the posterior of record i, 0 ln 0 = 0;
//   null for K = 1, where it is 0/0 (poLCA's NA). Not poLCA.entropy(), which is the entropy of the
//   fitted cell distribution;
// - averagePosterior[k]: the mean posterior of class k among records whose modal class is k (null when
//   no record's modal class is k); modalCounts[k]: how many records that is.
// Sums run over distinct patterns weighted by their counts.
import type { PatternTable } from './types.js';
import type { LcaPosterior } from './posterior.js';

export interface LcaFitIndices {
  logLik: number;
  nParams: number;
  aic: number;
  bic: number;
  entropy: number | null;
  averagePosterior: (number | null)[];
  modalCounts: number[];
}

/**
 * Fit indices from the log-likelihood and the posterior at the fitted parameters.
 * @example lcaFitIndices(table, -317.2568373, posterior).bic // 706.0739440 for carcinoma, K = 2
 */
export function lcaFitIndices(
  table: Pick<PatternTable, 'nCategories' | 'counts' | 'n' | 'nPatterns'>,
  logLik: number,
  posterior: Pick<LcaPosterior, 'classes' | 'patternPosterior' | 'patternModal'>,
): LcaFitIndices {
  const K = posterior.classes;
  const { counts, n, nPatterns: S } = table;
  const nParams = K * table.nCategories.reduce((s, c) => s + c - 1, 0) + K - 1;
  let sumEntropy = 0;
  const postSum = new Array<number>(K).fill(0);
  const modalCounts = new Array<number>(K).fill(0);
  for (let s = 0; s < S; s++) {
    const w = counts[s]!;
    let h = 0;
    for (let k = 0; k < K; k++) {
      const p = posterior.patternPosterior[s * K + k]!;
      if (p > 0) h -= p * Math.log(p);
    }
    sumEntropy += w * h;
    const m = posterior.patternModal[s]!;
    modalCounts[m]! += w;
    postSum[m]! += w * posterior.patternPosterior[s * K + m]!;
  }
  return {
    logLik,
    nParams,
    aic: -2 * logLik + 2 * nParams,
    bic: -2 * logLik + Math.log(n) * nParams,
    entropy: K > 1 ? 1 - sumEntropy / (n * Math.log(K)) : null,
    averagePosterior: postSum.map((x, k) => (modalCounts[k]! > 0 ? x / modalCounts[k]! : null)),
    modalCounts,
  };
}
