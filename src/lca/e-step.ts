// The E-step kernel shared by EM (./em.ts) and the posterior (./posterior.ts): for a pattern, the
// posterior over classes and the log-likelihood. With every item's category 0 as reference, the
// log-likelihood of a pattern under class k is
//   base[k] + sum over the pattern's cells u of delta[u, k],
//   base[k] = log pi_k + sum_j log theta_kj0,
//   delta[u, k] = sum over the responses (j, c) in cell u of (log theta_kjc - log theta_kj0),
// a missing response contributing -log theta_kj0 (it drops out: missing at random).
// Speed: exp() would otherwise dominate EM (one per pattern and class). `prepare` takes one exp per
// cell and class instead, scaled so each cell's largest factor is 1 (exp(delta[u, k] - max_k delta[u, k]))
// and the shift kept on the log scale; a pattern's class likelihoods are then products of factors in
// (0, 1]. When every class's product falls below 1e-150 (near underflow, where precision would be
// lost), that pattern is redone on the log scale with log-sum-exp, so results never depend on the path.
// Probabilities below 1e-300 (a boundary maximum, or exactly 0) count as 1e-300 on the log scale, so
// a class ruled out for a pattern gets a very low likelihood instead of -Infinity or NaN.
import { MISSING, type FlatParameters, type PatternTable } from './types.js';

const FLOOR = 1e-300;
const LOG_FLOOR = Math.log(FLOOR);
const TINY = 1e-150;

export interface EStepKernel {
  /** Set the parameters (K classes, flat layout). */
  prepare(params: FlatParameters): void;
  /** Write pattern s's posterior over the K classes into `out`; return its log-likelihood. */
  pattern(s: number, out: Float64Array): number;
}

/**
 * An E-step kernel for K classes on a pattern table.
 * @example const e = eStepKernel(table, 2); e.prepare(params); const ll = e.pattern(0, post);
 */
export function eStepKernel(
  table: Pick<
    PatternTable,
    'itemOffset' | 'nCells' | 'cellStart' | 'cellItem' | 'cellValue' | 'nzStart' | 'nzCell'
  >,
  K: number,
): EStepKernel {
  const { itemOffset, nCells: U, cellStart, cellItem, cellValue, nzStart, nzCell } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const base = new Float64Array(K);
  const delta = new Float64Array(U * K);
  const expBase = new Float64Array(K);
  const factor = new Float64Array(U * K);
  const shift = new Float64Array(U);
  const lp = new Float64Array(K * P);
  let baseMax = 0;

  const prepare = ({ shares, probs }: FlatParameters): void => {
    if (shares.length !== K || probs.length !== K * P)
      throw new Error(`eStepKernel: invalid parameters; expected ${K} classes x ${P} cells`);
    for (let i = 0; i < K * P; i++) lp[i] = safeLog(probs[i]!);
    baseMax = -Infinity;
    for (let k = 0; k < K; k++) {
      let b = safeLog(shares[k]!);
      for (let j = 0; j < J; j++) b += lp[k * P + itemOffset[j]!]!;
      base[k] = b;
      if (b > baseMax) baseMax = b;
    }
    for (let k = 0; k < K; k++) expBase[k] = Math.exp(base[k]! - baseMax);
    for (let u = 0; u < U; u++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let d = 0;
        for (let e = cellStart[u]!; e < cellStart[u + 1]!; e++) {
          const o = k * P + itemOffset[cellItem[e]!]!;
          const v = cellValue[e]!;
          d += (v === MISSING ? 0 : lp[o + v]!) - lp[o]!;
        }
        delta[u * K + k] = d;
        if (d > max) max = d;
      }
      shift[u] = max;
      for (let k = 0; k < K; k++) factor[u * K + k] = Math.exp(delta[u * K + k]! - max);
    }
  };

  const logScale = (s: number, out: Float64Array): number => {
    for (let k = 0; k < K; k++) out[k] = base[k]!;
    for (let e = nzStart[s]!; e < nzStart[s + 1]!; e++) {
      const c = nzCell[e]! * K;
      for (let k = 0; k < K; k++) out[k] += delta[c + k]!;
    }
    let max = out[0]!;
    for (let k = 1; k < K; k++) if (out[k]! > max) max = out[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[k] = Math.exp(out[k]! - max);
    for (let k = 0; k < K; k++) out[k]! /= sum;
    return max + Math.log(sum);
  };

  const pattern = (s: number, out: Float64Array): number => {
    for (let k = 0; k < K; k++) out[k] = expBase[k]!;
    let offset = baseMax;
    const e1 = nzStart[s + 1]!;
    for (let e = nzStart[s]!; e < e1; e++) {
      const u = nzCell[e]!;
      offset += shift[u]!;
      const c = u * K;
      for (let k = 0; k < K; k++) out[k] *= factor[c + k]!;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[k]!;
    if (!(sum > TINY)) return logScale(s, out);
    const inv = 1 / sum;
    for (let k = 0; k < K; k++) out[k]! *= inv;
    return offset + Math.log(sum);
  };

  return { prepare, pattern };
}

function safeLog(x: number): number {
  return x > FLOOR ? Math.log(x) : LOG_FLOOR;
}
