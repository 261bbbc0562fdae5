// The Cox model's data, sorted once and centred: what every Newton step of cox-ph.ts reads.
//
// Contract
// - Inputs: time (finite), status (0/1), x (n x p, row-major, finite), and the columns to keep.
// - Output: rows sorted by time (ascending, blocks of tied times marked by blockStart), the kept
//   columns centred on their means except columns whose values are all -1, 0 or 1 (R's coxph
//   `nocenter = c(-1, 0, 1)`): centring keeps exp(x'beta) in range and the information matrix free
//   of cancellation, while leaving indicators uncentred keeps them sparse. `means` holds what was
//   subtracted (0 for the uncentred columns), as coxph's `means`.
// - Storage is compressed by row (CSR): row q's non-zero entries are val[rowStart[q] ..
//   rowStart[q + 1]) in columns col[...], ascending. With factor indicators most entries are zero,
//   so each Newton step reads and multiplies only the k non-zeros of a row (O(k^2), not O(p^2)).
// - Centring changes neither the coefficients nor their variance: the partial likelihood is
//   invariant to adding a constant to a covariate.
import { timeRanks } from './time-ranks.js';

const BUCKET_SHIFT = 14;

export interface CoxData {
  n: number;
  p: number;
  rowStart: Int32Array;
  col: Int32Array;
  val: Float64Array;
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
 * @example coxData([2, 1], Uint8Array.of(1, 1), [5, 0, 7, 1], 2, [0, 1]).means // [6, 0]
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
  // Two row-wise passes over the input in its own order (sequential reads): column sums and the
  // -1/0/1 test, then the number of non-zeros once centred; then one gather in time order.
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
  // Position of each input row in time order, and each row's number of non-zeros once centred.
  const pos = new Int32Array(n);
  for (let q = 0; q < n; q++) pos[order![q]] = q;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const row = i * pIn;
    let k = 0;
    for (let j = 0; j < p; j++) if (x[row + keep[j]] !== means[j]) k++;
    rowStart[pos[i] + 1] = k;
  }
  for (let q = 0; q < n; q++) rowStart[q + 1] += rowStart[q];
  const nnz = rowStart[n];
  // Reordering rows by time reads the input at random, a cache miss a row. Instead: one sequential
  // pass deals each row into its bucket of 2^14 consecutive output rows (the bucket's slice of a
  // scratch copy, in input order), then each bucket's rows, now within a small window, go to their
  // places.
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const tmpCol = new Int32Array(nnz);
  const tmpVal = new Float64Array(nnz);
  // Each dealt row's output position, so the second pass reads it in sequence.
  const tmpPos = new Int32Array(n);
  const buckets = (n >> BUCKET_SHIFT) + 1;
  const rowCursor = Int32Array.from({ length: buckets }, (_, b) => Math.min(b << BUCKET_SHIFT, n));
  const entryCursor = Int32Array.from(rowCursor, (r) => rowStart[r]);
  for (let i = 0; i < n; i++) {
    const b = pos[i] >> BUCKET_SHIFT;
    tmpPos[rowCursor[b]++] = pos[i];
    let k = entryCursor[b];
    const row = i * pIn;
    for (let j = 0; j < p; j++) {
      const v = x[row + keep[j]] - means[j];
      if (v !== 0) {
        tmpCol[k] = j;
        tmpVal[k++] = v;
      }
    }
    entryCursor[b] = k;
  }
  const st = new Uint8Array(n);
  let nEvents = 0;
  for (let q = 0; q < n; q++) {
    st[q] = status[order![q]];
    nEvents += st[q];
  }
  for (let b = 0, k = 0; b < buckets; b++) {
    const end = Math.min((b + 1) << BUCKET_SHIFT, n);
    for (let r = b << BUCKET_SHIFT; r < end; r++) {
      const q = tmpPos[r];
      for (let to = rowStart[q], stop = rowStart[q + 1]; to < stop; to++, k++) {
        col[to] = tmpCol[k];
        val[to] = tmpVal[k];
      }
    }
  }
  return { n, p, rowStart, col, val, status: st, blockStart: blockStart!, order: order!, means, nEvents };
}
