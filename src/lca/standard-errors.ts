// Standard errors of a latent class fit as poLCA 1.6.0.2 computes them (poLCA.se, Linzer & Lewis
// 2011; the empirical information of the observed-data log-likelihood, as in Bandeen-Roche et al.
// 1997). Inputs: a PatternTable (./patterns.ts), the fitted shares and probabilities (an LcaFit, a
// scheme, or flat parameters), and the S x K posterior of every pattern at those parameters
// (./posterior.ts). Output: the SE of every share and of every class-item-category probability,
// in the parameters' class order, plus warnings.
// Method (poLCA.se, checked against its source): parameters are the multinomial log-odds of each
// class-item probability against category 0 (poLCA's category 1), ordered class-major then item then
// category 1..C_j-1, followed by the log-odds of the shares against class 0 (intercept-only betas,
// classes 1..K-1). A record's score is
//   prob (r, j, c): a_r (y_jc - p_rjc), zero when item j is missing (poLCA sets NA scores to 0);
//   share r:        a_r - pi_r,
// with a the record's posterior and y the one-hot response. info = sum over records of s s';
// VCE = MASS::ginv(info) (directions with singular value <= sqrt(eps) x the largest dropped); then the
// delta method, block by block: dp_l / dlogodds_c = p_l (delta_lc - p_c) for every category l of an
// item (category 0 included), and the same for shares from the beta block only.
// Records sharing a pattern share a score, so info = sum over patterns of count x s s'. To stay fast on
// 125,000 patterns of 45 items x 12 classes (550 parameters, where a dense outer product per pattern
// would cost 1e10 flops), s s' is expanded: with w = count a_r a_r', the sums of w, w y_q, w y_q y_q'
// and the same with missing-item indicators m_j in place of y are gathered per class pair, touching
// only a pattern's non-zero and missing responses; info follows from them exactly (see `assemble`).
// Differences from poLCA: its SEs use the posterior of its last E-step, one EM step before its
// returned parameters, and its prior there (colMeans of that posterior); ours use the posterior at the
// returned parameters and their shares, identical at convergence. K = 1: the share's SE is 0 (poLCA
// returns NULL).
// Limits: these are asymptotic SEs from the empirical (outer-product) information. At a boundary
// solution (a probability at 0 or 1) the log-odds are infinite, the information is singular, and SEs
// near the boundary come out as 0 or meaninglessly small: a warning says how many directions dropped.
import type { Warning } from '../warnings.js';
import { pseudoInverse } from '../math/pseudo-inverse.js';
import { flatParameters } from './flat-parameters.js';
import { MISSING, type FlatParameters, type LcaParameters, type PatternTable } from './types.js';

export interface LcaStandardErrors {
  /** Per class, the SE of its share (0 when K = 1). */
  sharesSe: number[];
  /** Class x item x category, the SE of each probability (the shape of LcaFit.probs). */
  probsSe: number[][][];
  /** Parameters of the information matrix: K sum_j (C_j - 1) + K - 1. */
  nParams: number;
  /** Directions MASS::ginv's rule dropped (0 when the information matrix is regular). */
  dropped: number;
  warnings: Warning[];
}

/**
 * poLCA's standard errors of a fit's shares and item-response probabilities.
 * @param params fitted shares and probabilities, in the class order wanted for the result
 * @param patternPosterior S x K posterior at `params` (lcaPosterior(table, params).patternPosterior)
 * @example lcaStandardErrors(table, fit, lcaPosterior(table, fit).patternPosterior).sharesSe
 * // [0.0463, 0.0463] (carcinoma, 2 classes)
 */
export function lcaStandardErrors(
  table: PatternTable,
  params: LcaParameters | FlatParameters,
  patternPosterior: Float64Array,
): LcaStandardErrors {
  const { shares, probs } = flatParameters(table, params);
  const K = shares.length;
  const { nPatterns: S, nCategories, itemOffset } = table;
  if (patternPosterior.length !== S * K)
    throw new Error(
      `lcaStandardErrors: invalid patternPosterior; expected ${S * K} values (${S} patterns x ${K} classes), got ${patternPosterior.length}`,
    );
  const J = nCategories.length;
  const P = itemOffset[J]!;
  // Free log-odds per class: Q = sum_j (C_j - 1); item j's start in that layout.
  const qOffset = new Int32Array(J + 1);
  for (let j = 0; j < J; j++) qOffset[j + 1] = qOffset[j]! + nCategories[j]! - 1;
  const Q = qOffset[J]!;
  const qItem = new Int32Array(Q);
  for (let j = 0; j < J; j++) qItem.fill(j, qOffset[j]!, qOffset[j + 1]!);
  const D = K * Q + K - 1;

  const sums = gather(table, K, Q, qOffset, patternPosterior);
  const info = assemble(sums, shares, probs, K, Q, J, P, itemOffset, qOffset, qItem, table.n);
  const { inverse: v, dropped } = pseudoInverse(info, D);

  const probsSe = Array.from({ length: K }, (_, r) =>
    nCategories.map((C, j) => {
      const p = probs.subarray(r * P + itemOffset[j]!, r * P + itemOffset[j]! + C);
      const base = r * Q + qOffset[j]!;
      return Array.from(p, (pl, l) => {
        let s = 0;
        for (let c = 1; c < C; c++) {
          const jc = pl * ((l === c ? 1 : 0) - p[c]!);
          for (let c2 = 1; c2 < C; c2++) {
            const jc2 = pl * ((l === c2 ? 1 : 0) - p[c2]!);
            s += jc * jc2 * v[(base + c - 1) * D + base + c2 - 1]!;
          }
        }
        return Math.sqrt(Math.max(s, 0));
      });
    }),
  );
  const sharesSe = Array.from(shares, (pi, i) => {
    let s = 0;
    for (let t = 1; t < K; t++)
      for (let u = 1; u < K; u++)
        s +=
          pi *
          ((i === t ? 1 : 0) - shares[t]!) *
          pi *
          ((i === u ? 1 : 0) - shares[u]!) *
          v[(K * Q + t - 1) * D + K * Q + u - 1]!;
    return Math.sqrt(Math.max(s, 0));
  });

  const warnings: Warning[] = [];
  if (dropped > 0)
    warnings.push({
      code: 'singular-information',
      message: `The information matrix is singular: the pseudo-inverse dropped ${dropped} of ${D} directions (as poLCA's MASS::ginv does). This usually means a boundary solution (probabilities at 0 or 1), where standard errors are unreliable: those near the boundary come out as 0 or close to it.`,
    });
  return { sharesSe, probsSe, nParams: D, dropped, warnings };
}

/** Weighted sums per class pair (r, r'), w = count a_r a_r' (only r <= r' filled). */
interface Sums {
  a0: Float64Array; // K x K
  y1: Float64Array; // K x K x Q
  m1: Float64Array; // K x K x J
  yy: Float64Array; // K x K x Q x Q
  ym: Float64Array; // K x K x Q x J
  mm: Float64Array; // K x K x J x J
}

function gather(table: PatternTable, K: number, Q: number, qOffset: Int32Array, post: Float64Array): Sums {
  const { nPatterns: S, values, counts } = table;
  const J = qOffset.length - 1;
  const KK = K * K;
  const sums: Sums = {
    a0: new Float64Array(KK),
    y1: new Float64Array(KK * Q),
    m1: new Float64Array(KK * J),
    yy: new Float64Array(KK * Q * Q),
    ym: new Float64Array(KK * Q * J),
    mm: new Float64Array(KK * J * J),
  };
  const { a0, y1, m1, yy, ym, mm } = sums;
  const nz = new Int32Array(J);
  const miss = new Int32Array(J);
  for (let s = 0; s < S; s++) {
    let nNz = 0;
    let nMiss = 0;
    for (let j = 0; j < J; j++) {
      const x = values[s * J + j]!;
      if (x === MISSING) miss[nMiss++] = j;
      else if (x > 0) nz[nNz++] = qOffset[j]! + x - 1;
    }
    const n = counts[s]!;
    for (let r = 0; r < K; r++) {
      const ar = n * post[s * K + r]!;
      if (ar === 0) continue;
      for (let r2 = r; r2 < K; r2++) {
        const w = ar * post[s * K + r2]!;
        if (w === 0) continue;
        const pr = r * K + r2;
        a0[pr]! += w;
        for (let e = 0; e < nNz; e++) {
          const q = nz[e]!;
          y1[pr * Q + q]! += w;
          const row = (pr * Q + q) * Q;
          for (let e2 = 0; e2 < nNz; e2++) yy[row + nz[e2]!]! += w;
          for (let e2 = 0; e2 < nMiss; e2++) ym[(pr * Q + q) * J + miss[e2]!]! += w;
        }
        for (let e = 0; e < nMiss; e++) {
          const j = miss[e]!;
          m1[pr * J + j]! += w;
          for (let e2 = 0; e2 < nMiss; e2++) mm[(pr * J + j) * J + miss[e2]!]! += w;
        }
      }
    }
  }
  return sums;
}

// The information matrix from the sums. For prob columns (r, q) and (r', q'), q of item j and q' of
// item j', p = p_rq, p' = p_r'q', o_j = 1 - m_j, all sums over w = count a_r a_r':
//   sum w (y_q - o_j p)(y_q' - o_j' p')
//     = sum w y_q y_q' - p' sum w y_q o_j' - p sum w y_q' o_j + p p' sum w o_j o_j',
//   sum w y_q o_j' = y1[q] - ym[q, j'],  sum w o_j o_j' = a0 - m1[j] - m1[j'] + mm[j, j']
// (y_q m_j = 0 for q of item j: a missing response has no category). With sum_r a_r = 1, the share
// columns t follow from the same sums: sum count a_r (y_q - o_j p)(a_t - pi_t) = G(r, t) - pi_t
// sum_r' G(r, r'), G(r, r') = y1[q] - p (a0 - m1[j]); and sum count (a_t - pi_t)(a_u - pi_u) =
// a0(t, u) - pi_u A_t - pi_t A_u + n pi_t pi_u with A_t = sum_r a0(t, r).
function assemble(
  { a0, y1, m1, yy, ym, mm }: Sums,
  shares: Float64Array,
  probs: Float64Array,
  K: number,
  Q: number,
  J: number,
  P: number,
  itemOffset: Int32Array,
  qOffset: Int32Array,
  qItem: Int32Array,
  n: number,
): Float64Array {
  const D = K * Q + K - 1;
  const info = new Float64Array(D * D);
  const pair = (r: number, r2: number): number => (r <= r2 ? r * K + r2 : r2 * K + r);
  // p_rq: category c = q - qOffset[j] + 1 of item j.
  const pq = (r: number, q: number): number => {
    const j = qItem[q]!;
    return probs[r * P + itemOffset[j]! + q - qOffset[j]! + 1]!;
  };
  for (let r = 0; r < K; r++)
    for (let r2 = r; r2 < K; r2++) {
      const pr = pair(r, r2);
      for (let q = 0; q < Q; q++) {
        const j = qItem[q]!;
        const p = pq(r, q);
        for (let q2 = 0; q2 < Q; q2++) {
          const j2 = qItem[q2]!;
          const p2 = pq(r2, q2);
          const value =
            yy[(pr * Q + q) * Q + q2]! -
            p2 * (y1[pr * Q + q]! - ym[(pr * Q + q) * J + j2]!) -
            p * (y1[pr * Q + q2]! - ym[(pr * Q + q2) * J + j]!) +
            p * p2 * (a0[pr]! - m1[pr * J + j]! - m1[pr * J + j2]! + mm[(pr * J + j) * J + j2]!);
          info[(r * Q + q) * D + r2 * Q + q2] = value;
          info[(r2 * Q + q2) * D + r * Q + q] = value;
        }
      }
    }
  if (K === 1) return info;
  const g = (r: number, r2: number, q: number): number => {
    const pr = pair(r, r2);
    return y1[pr * Q + q]! - pq(r, q) * (a0[pr]! - m1[pr * J + qItem[q]!]!);
  };
  const total = new Float64Array(K);
  for (let t = 0; t < K; t++) for (let r = 0; r < K; r++) total[t]! += a0[pair(t, r)]!;
  for (let r = 0; r < K; r++)
    for (let q = 0; q < Q; q++) {
      let gSum = 0;
      for (let r2 = 0; r2 < K; r2++) gSum += g(r, r2, q);
      for (let t = 1; t < K; t++) {
        const value = g(r, t, q) - shares[t]! * gSum;
        info[(r * Q + q) * D + K * Q + t - 1] = value;
        info[(K * Q + t - 1) * D + r * Q + q] = value;
      }
    }
  for (let t = 1; t < K; t++)
    for (let u = 1; u < K; u++)
      info[(K * Q + t - 1) * D + K * Q + u - 1] =
        a0[pair(t, u)]! - shares[u]! * total[t]! - shares[t]! * total[u]! + n * shares[t]! * shares[u]!;
  return info;
}
