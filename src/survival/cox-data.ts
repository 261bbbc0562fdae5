// The Cox model's data, sorted once and centred: what every Newton step of cox-ph.ts reads.
//
// Contract
// - Inputs: time (finite), status (0/1), x (n x p, row-major, finite), and the columns to keep.
// - Output: rows sorted by time (ascending, blocks of tied times marked by blockStart), the kept
//   columns copied row-major, each centred on its mean except columns whose values are all -1, 0
//   or 1 (R's coxph `nocenter = c(-1, 0, 1)`): centring keeps exp(x'beta) in range and the
//   information matrix free of cancellation, while leaving indicators uncentred keeps them sparse,
//   which the risk-set sums exploit (a row's zero entries are skipped). `means` holds what was
//   subtracted (0 for the uncentred columns), as coxph's `means`.
// - Centring changes neither the coefficients nor their variance: the partial likelihood is
//   invariant to adding a constant to a covariate.
import { timeRanks } from './time-ranks.js';

export interface CoxData {
  n: number;
  p: number;
  /** Sorted rows, row-major n x p, centred. */
  x: Float64Array;
  status: Uint8Array;
  /** Rows blockStart[b] .. blockStart[b + 1] - 1 share the b-th distinct time. */
  blockStart: Int32Array;
  /** Input index of each sorted row. */
  order: Int32Array;
  means: Float64Array;
  nEvents: number;
}

/**
 * Sort by time and centre the covariates (columns `keep` of x, in that order).
 * @param pIn the number of columns of x
 */
export function coxData(
  time: ArrayLike<number>,
  status: Uint8Array,
  x: ArrayLike<number>,
  pIn: number,
  keep: number[],
): CoxData {
  const n = time.length;
  const p = keep.length;
  const { blockStart, order } = timeRanks(time, { withOrder: true });
  // One row-wise pass for the column sums and the -1/0/1 test (row-major data read in order).
  const sums = new Float64Array(p);
  const indicator = new Uint8Array(p).fill(1);
  for (let i = 0; i < n; i++) {
    const row = i * pIn;
    for (let j = 0; j < p; j++) {
      const v = x[row + keep[j]];
      sums[j] += v;
      if (v !== 0 && v !== 1 && v !== -1) indicator[j] = 0;
    }
  }
  const means = sums.map((s, j) => (indicator[j] ? 0 : s / n));
  const xs = new Float64Array(n * p);
  const st = new Uint8Array(n);
  let nEvents = 0;
  for (let q = 0; q < n; q++) {
    const i = order![q];
    st[q] = status[i];
    nEvents += status[i];
    for (let j = 0; j < p; j++) xs[q * p + j] = x[i * pIn + keep[j]] - means[j];
  }
  return { n, p, x: xs, status: st, blockStart: blockStart!, order: order!, means, nEvents };
}
