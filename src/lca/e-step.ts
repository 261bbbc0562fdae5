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
// A class rather than closures, so that the hot call from EM stays monomorphic (V8 inlines it) across
// the many EM runs of a multi-start search.
// Probabilities below 1e-300 (a boundary maximum, or exactly 0) count as 1e-300 on the log scale, so
// a class ruled out for a pattern gets a very low likelihood instead of -Infinity or NaN.
import { MISSING, type FlatParameters, type PatternTable } from './types.js';

const FLOOR = 1e-300;
const LOG_FLOOR = Math.log(FLOOR);
const TINY = 1e-150;

type KernelTable = Pick<
  PatternTable,
  'itemOffset' | 'nCells' | 'cellStart' | 'cellItem' | 'cellValue' | 'nzStart' | 'nzCell'
>;

/**
 * An E-step kernel for K classes on a pattern table.
 * @example const e = new EStepKernel(table, 2); e.prepare(params); e.pattern(0, post, 1); e.logLik()
 */
export class EStepKernel {
  private readonly itemOffset: Int32Array;
  private readonly nzStart: Int32Array;
  private readonly nzCell: Int32Array;
  private readonly base: Float64Array;
  private readonly delta: Float64Array;
  private readonly expBase: Float64Array;
  private readonly factor: Float64Array;
  private readonly shift: Float64Array;
  private readonly lp: Float64Array;
  private baseMax = 0;
  // The log-likelihood: the shifts add up on the log scale, and the pattern sums of records counted
  // once multiply into `product`, taken to the log scale only before it could underflow (sums lie in
  // (1e-150, K]), which saves a log per pattern.
  private linear = 0;
  private product = 1;

  constructor(
    private readonly table: KernelTable,
    private readonly K: number,
  ) {
    this.itemOffset = table.itemOffset;
    this.nzStart = table.nzStart;
    this.nzCell = table.nzCell;
    const P = table.itemOffset[table.itemOffset.length - 1]!;
    this.base = new Float64Array(K);
    this.delta = new Float64Array(table.nCells * K);
    this.expBase = new Float64Array(K);
    this.factor = new Float64Array(table.nCells * K);
    this.shift = new Float64Array(table.nCells);
    this.lp = new Float64Array(K * P);
  }

  /** Set the parameters (K classes, flat layout) and reset the running log-likelihood. */
  prepare({ shares, probs }: FlatParameters): void {
    const { K, itemOffset, lp, base, delta, factor, shift, expBase } = this;
    const { nCells: U, cellStart, cellItem, cellValue } = this.table;
    const J = itemOffset.length - 1;
    const P = itemOffset[J]!;
    if (shares.length !== K || probs.length !== K * P)
      throw new Error(`EStepKernel: invalid parameters; expected ${K} classes x ${P} cells`);
    for (let i = 0; i < K * P; i++) lp[i] = safeLog(probs[i]!);
    let baseMax = -Infinity;
    for (let k = 0; k < K; k++) {
      let b = safeLog(shares[k]!);
      for (let j = 0; j < J; j++) b += lp[k * P + itemOffset[j]!]!;
      base[k] = b;
      if (b > baseMax) baseMax = b;
    }
    this.baseMax = baseMax;
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
    this.linear = 0;
    this.product = 1;
  }

  /**
   * Write pattern s's posterior over the K classes, times `weight`, into `out`, and add weight x the
   * pattern's log-likelihood to the running total.
   */
  pattern(s: number, out: Float64Array, weight: number): void {
    const { K, expBase, nzCell, shift, factor } = this;
    for (let k = 0; k < K; k++) out[k] = expBase[k]!;
    let offset = this.baseMax;
    const e1 = this.nzStart[s + 1]!;
    for (let e = this.nzStart[s]!; e < e1; e++) {
      const u = nzCell[e]!;
      offset += shift[u]!;
      const c = u * K;
      // Unrolled by 4 here and below: V8 does not vectorise, and this saves a sixth of an EM step.
      let k = 0;
      for (; k + 3 < K; k += 4) {
        out[k] *= factor[c + k]!;
        out[k + 1] *= factor[c + k + 1]!;
        out[k + 2] *= factor[c + k + 2]!;
        out[k + 3] *= factor[c + k + 3]!;
      }
      for (; k < K; k++) out[k] *= factor[c + k]!;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[k]!;
    if (!(sum > TINY)) {
      this.logScale(s, out, weight);
      return;
    }
    const scale = weight / sum;
    for (let k = 0; k < K; k++) out[k]! *= scale;
    this.linear += weight * offset;
    if (weight === 1) {
      this.product *= sum;
      if (this.product < TINY) {
        this.linear += Math.log(this.product);
        this.product = 1;
      }
    } else {
      this.linear += weight * Math.log(sum);
    }
  }

  /**
   * The E-step over every pattern: posterior x count summed into `weight` for each cell (U x K,
   * cell-major) and into `total` for each class (both zeroed first); returns the log-likelihood.
   */
  expectedCounts(counts: Float64Array, weight: Float64Array, total: Float64Array): number {
    const { K, nzStart, nzCell } = this;
    const S = nzStart.length - 1;
    const a = new Float64Array(K);
    weight.fill(0);
    total.fill(0);
    for (let s = 0; s < S; s++) {
      this.pattern(s, a, counts[s]!);
      for (let k = 0; k < K; k++) total[k] += a[k]!;
      const e1 = nzStart[s + 1]!;
      for (let e = nzStart[s]!; e < e1; e++) {
        const c = nzCell[e]! * K;
        let k = 0;
        for (; k + 3 < K; k += 4) {
          weight[c + k] += a[k]!;
          weight[c + k + 1] += a[k + 1]!;
          weight[c + k + 2] += a[k + 2]!;
          weight[c + k + 3] += a[k + 3]!;
        }
        for (; k < K; k++) weight[c + k] += a[k]!;
      }
    }
    return this.logLik();
  }

  /** The running total of weight x log-likelihood since `prepare`. */
  logLik(): number {
    return this.linear + Math.log(this.product);
  }

  private logScale(s: number, out: Float64Array, weight: number): void {
    const { K, base, delta, nzCell, nzStart } = this;
    for (let k = 0; k < K; k++) out[k] = base[k]!;
    for (let e = nzStart[s]!; e < nzStart[s + 1]!; e++) {
      const c = nzCell[e]! * K;
      for (let k = 0; k < K; k++) out[k] += delta[c + k]!;
    }
    let max = out[0]!;
    for (let k = 1; k < K; k++) if (out[k]! > max) max = out[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[k] = Math.exp(out[k]! - max);
    const scale = weight / sum;
    for (let k = 0; k < K; k++) out[k]! *= scale;
    this.linear += weight * (max + Math.log(sum));
  }
}

function safeLog(x: number): number {
  return x > FLOOR ? Math.log(x) : LOG_FLOOR;
}
