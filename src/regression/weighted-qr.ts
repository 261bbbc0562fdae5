// One weighted least-squares solve by QR, the step inside iteratively reweighted least squares: R's
// C_Cdqrls (LINPACK dqrls) as glm.fit calls it, on sqrt(w) X and sqrt(w) z.
//
// Contract
// - x: n x p design, row-major; z: n working responses; w: n working weights (>= 0; rows with
//   w = 0 take no part, as glm.fit's `good`); tol: dqrdc2's relative tolerance for aliasing (glm.fit
//   passes min(1e-7, epsilon / 1000) = 1e-11).
// - Method: the rows sqrt(w_i) [x_i z_i] are rotated into a (p + 1) x (p + 1) triangle by Givens
//   rotations, four rows at a time (qr.ts qrAddRows: memory O(p^2), error growing like cond(X), not
//   cond(X)^2 as the normal equations' would), then dqrdc2's limited pivoting on the p x p triangle
//   decides the rank exactly as on the full matrix (orthogonal transforms keep column norms).
// - Output: coefficients in the caller's column order with 0 for aliased columns (what dqrls leaves
//   there, so the next linear predictor ignores them), the kept columns in pivoted order (`cols`),
//   rank, and the inverse of the kept columns' triangle (rInv, rank x rank): the unscaled covariance
//   (X'WX)^-1 of the kept columns is rInv rInv'.
// Reference: R's src/library/stats/src/lm.c (Cdqrls) and src/appl/dqrls.f.
import { qrAddRows, qrDecompose, qrQty, qrR } from '../math/qr.js';
import { invertUpper } from '../math/linalg.js';

export interface WeightedQr {
  coefficients: Float64Array;
  cols: number[];
  rank: number;
  rInv: Float64Array;
}

const BLOCK = 4;

/** Solve min sum_i w_i (z_i - x_i b)^2 with R's rank rules; see the file's contract. */
export function weightedQr(
  x: Float64Array,
  z: ArrayLike<number>,
  w: ArrayLike<number>,
  n: number,
  p: number,
  tol: number,
): WeightedQr {
  const m = p + 1;
  const rAug = new Float64Array(m * m);
  const block = new Float64Array(BLOCK * m);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    const s = Math.sqrt(wi);
    const o = count * m;
    const xi = i * p;
    for (let j = 0; j < p; j++) block[o + j] = s * x[xi + j]!;
    block[o + p] = s * z[i]!;
    if (++count === BLOCK) {
      qrAddRows(rAug, m, block, count);
      count = 0;
    }
  }
  if (count) qrAddRows(rAug, m, block, count);

  const rx = new Float64Array(p * p);
  const qty0 = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) rx[i * p + j] = rAug[i * m + j]!;
    qty0[i] = rAug[i * m + p]!;
  }
  const dec = qrDecompose(rx, p, p, { tol });
  const k = dec.rank;
  const qty = qrQty(dec, qty0);
  const rFull = qrR(dec);
  const r11 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) r11[i * k + j] = rFull[i * p + j]!;
  const cols = Array.from(dec.pivot.subarray(0, k));
  const rInv = invertUpper(r11, k);
  const coefficients = new Float64Array(p);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = i; j < k; j++) s += rInv[i * k + j]! * qty[j]!;
    coefficients[cols[i]!] = s;
  }
  return { coefficients, cols, rank: k, rInv };
}
