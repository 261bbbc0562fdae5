// The Cox partial log-likelihood with its score vector and information matrix at one beta: the
// work of one Newton step, O(n p^2) at worst and O(n k^2) for rows with k non-zero covariates
// (cox-data.ts stores the rows compressed, so zero indicator entries cost nothing).
//
// Contract
// - Input: CoxData (sorted by time, centred), beta (length p), ties 'efron' or 'breslow'.
// - Output: the log partial likelihood; `score` (length p) and `info` (p x p, row-major, both
//   triangles) are overwritten.
// - Risk sets are built by walking the times downwards, adding each block of tied times at once:
//   censored rows go straight into the risk-set sums (denominator, sum r x, sum r x x'), the
//   block's events into separate sums first (needed for Efron's correction), then into the risk set.
// - Breslow: each of the d events at a time sees the full risk set. Efron: the k-th of them
//   (k = 1..d) sees the others at risk plus the tied events weighted f = k / d (the same terms as
//   Efron's (d - k + 1) / d, summed in the other order, as coxfit6 does). The sum over k is taken in
//   closed form from five scalar sums (sum 1/D_k, f/D_k, 1/D_k^2, f/D_k^2, f^2/D_k^2), so d tied
//   events cost O(d + p^2) rather than O(d p^2).
// - Case weights w (coxph's `weights=`): every sum above is weighted (w r, w r x, w r x x'), an
//   event adds w eta to the log-likelihood, and Breslow's d becomes the events' total weight. Efron
//   as coxfit6/agfit4 do it: the d terms (d the number of tied events, not their weight) each count
//   the mean weight of the tied events. Frequency weights (CoxData.frequency, rows of aggregates):
//   d is the events' total weight, so the fit equals the fit on the rows written out.
// - Strata: the sums restart at each stratum (blocks tagged in CoxData). Counting-process data:
//   before each block, the rows whose start is at or after its time leave the sums (agfit4's
//   subtraction, in the same order as R).
// - No overflow guard: exp(x'beta) overflows only for |x'beta| > 709, which centred covariates reach
//   only on a diverging Newton step; the caller treats a non-finite result as a failed step.
// References: Efron (1977); Breslow (1974); Therneau & Grambsch (2000) section 3.3.

import type { CoxData } from './cox-data.js';

/** Scratch arrays reused across calls (one allocation per fit). */
export interface CoxWork {
  a: Float64Array;
  a2: Float64Array;
  cmat: Float64Array;
  cmat2: Float64Array;
  /**
   * If given (n long), each row's x'beta at the last call, in CoxData's row order: the linear
   * predictor at the estimate comes from the fit's last evaluation instead of a pass of its own.
   */
  eta: Float64Array | null;
}

export function coxWork(p: number, n = 0): CoxWork {
  return {
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
    eta: n > 0 ? new Float64Array(n) : null,
  };
}

/**
 * Log partial likelihood at beta; fills score and info (information = minus the Hessian).
 * @example // one covariate, times 1 (event, x 0) and 2 (event, x 1), beta 0: log(1/2) + log(1) = -0.693...
 */
export function coxLogLik(
  data: CoxData,
  beta: ArrayLike<number>,
  efron: boolean,
  score: Float64Array,
  info: Float64Array,
  work: CoxWork = coxWork(data.p),
): number {
  const { p, rowStart, col, val, status, blockStart, weight, blockStratum, exitStart, exitRow } = data;
  const { a, a2, cmat, cmat2, eta: etaOut } = work;
  a.fill(0);
  cmat.fill(0);
  score.fill(0);
  info.fill(0);
  let denom = 0;
  let loglik = 0;
  // At beta = 0 (the first evaluation of every fit) each x'beta is 0 and exp(0) is 1 exactly: the
  // products and the exponential of every row are skipped, with the same sums to the bit.
  let zero = true;
  for (let j = 0; j < p && zero; j++) zero = beta[j] === 0;
  for (let b = blockStart.length - 2; b >= 0; b--) {
    if (blockStratum && b < blockStart.length - 2 && blockStratum[b] !== blockStratum[b + 1]) {
      // A new stratum: its risk sets share nothing with the one above.
      a.fill(0);
      cmat.fill(0);
      denom = 0;
    }
    if (exitStart) {
      // Rows whose interval starts at or after this time are no longer at risk.
      for (let e = exitStart[b]; e < exitStart[b + 1]; e++) {
        const q = exitRow![e];
        const from = rowStart[q];
        const to = rowStart[q + 1];
        let eta = 0;
        for (let s = from; s < to; s++) eta += beta[col[s]] * val[s];
        const r = (weight ? weight[q] : 1) * Math.exp(eta);
        denom -= r;
        for (let s = from; s < to; s++) {
          const i = col[s];
          const ri = r * val[s];
          a[i] -= ri;
          const ci = i * p;
          for (let t = from; t <= s; t++) cmat[ci + col[t]] -= ri * val[t];
        }
      }
    }
    let deaths = 0;
    let deadWeight = 0;
    let denom2 = 0;
    for (let q = blockStart[b]; q < blockStart[b + 1]; q++) {
      const from = rowStart[q];
      const to = rowStart[q + 1];
      let eta = 0;
      if (!zero) for (let s = from; s < to; s++) eta += beta[col[s]] * val[s];
      if (etaOut) etaOut[q] = eta;
      const w = weight ? weight[q] : 1;
      const r = zero ? w : w * Math.exp(eta);
      const event = status[q] === 1;
      if (event) {
        if (deaths === 0) {
          a2.fill(0);
          cmat2.fill(0);
        }
        // Frequencies: each row stood for is one of Efron's d terms, as on the rows written out.
        deaths += data.frequency ? w : 1;
        deadWeight += w;
        loglik += w * eta;
        denom2 += r;
      } else {
        denom += r;
      }
      const sa = event ? a2 : a;
      const sc = event ? cmat2 : cmat;
      for (let s = from; s < to; s++) {
        const i = col[s];
        const ri = r * val[s];
        if (event) score[i] += w * val[s];
        sa[i] += ri;
        const ci = i * p;
        for (let t = from; t <= s; t++) sc[ci + col[t]] += ri * val[t];
      }
    }
    if (deaths === 0) continue;
    if (!efron || deaths === 1) {
      denom += denom2;
      loglik -= deadWeight * Math.log(denom);
      for (let i = 0; i < p; i++) {
        a[i] += a2[i];
        const mi = a[i] / denom;
        score[i] -= deadWeight * mi;
        const ci = i * p;
        for (let j = 0; j <= i; j++) {
          cmat[ci + j] += cmat2[ci + j];
          info[ci + j] += (deadWeight * (cmat[ci + j] - mi * a[j])) / denom;
        }
      }
    } else {
      // Each of the d terms counts the tied events' mean weight (1 without weights).
      const meanWeight = deadWeight / deaths;
      let s0 = 0;
      let s1 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let logSum = 0;
      for (let k = 1; k <= deaths; k++) {
        const f = k / deaths;
        const dk = denom + f * denom2;
        if (weight) logSum += Math.log(dk);
        else loglik -= Math.log(dk);
        const inv = 1 / dk;
        s0 += inv;
        s1 += f * inv;
        t0 += inv * inv;
        t1 += f * inv * inv;
        t2 += f * f * inv * inv;
      }
      if (weight) {
        logSum *= meanWeight;
        s0 *= meanWeight;
        s1 *= meanWeight;
        t0 *= meanWeight;
        t1 *= meanWeight;
        t2 *= meanWeight;
        loglik -= logSum;
      }
      for (let i = 0; i < p; i++) {
        score[i] -= s0 * a[i] + s1 * a2[i];
        const ci = i * p;
        for (let j = 0; j <= i; j++) {
          info[ci + j] +=
            s0 * cmat[ci + j] +
            s1 * cmat2[ci + j] -
            (t0 * a[i] * a[j] + t1 * (a[i] * a2[j] + a2[i] * a[j]) + t2 * a2[i] * a2[j]);
        }
      }
      denom += denom2;
      for (let i = 0; i < p; i++) {
        a[i] += a2[i];
        const ci = i * p;
        for (let j = 0; j <= i; j++) cmat[ci + j] += cmat2[ci + j];
      }
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) info[j * p + i] = info[i * p + j];
  return loglik;
}
