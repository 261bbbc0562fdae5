// The second pass of the OLS fit (ols.ts): fitted values, residuals and, for robust standard errors,
// the "meat" of the sandwich in the basis of Q, where it is well scaled whatever the design.
//
// Contract: x the n x p design's rows (design-rows.ts); cols the k kept (non-aliased) columns in pivoted order; b their
// coefficients; r11 the k x k upper-triangular R of those columns (X[, cols] = Q R11). For each row,
// q_i = R11^-T x_i[cols] is row i of Q, h_ii = |q_i|^2 its leverage, and the meat is
// M = sum_i w_i e_i^2 q_i q_i' with w_i 1 (HC0), the constant `scale` (HC1: n / (n - k)),
// 1 / (1 - h_ii) (HC2) or 1 / (1 - h_ii)^2 (HC3). The covariance is then R11^-1 M R11^-T, equal to
// (X'X)^-1 X' diag(w e^2) X (X'X)^-1 (MacKinnon & White 1985) without forming X'X.
// A leverage within 1e-10 of 1 (a row fitted exactly by its own parameter) makes HC2/HC3 undefined:
// such rows are counted in `leverageOne` and the caller reports the robust SEs as undefined.
// Speed: rows go through the triangular solve and the rank-1 updates four at a time, so each element
// of R11 and of M is loaded once per four rows (about twice as fast in V8 as one row at a time, with
// the same arithmetic in the same order for each row).
// Several outcomes on the same design (ols.ts olsMany): each row's q_i is solved once and feeds every
// outcome's meat; each outcome's figures are those of its own pass, operation for operation.
// `within` (with frequencies): per row, the sum of squared deviations of the observations it stands
// for about their mean (the row's y), added to that row's e_i^2 mass in the meat (see ols.ts).
import { invertUpper, matMul, transpose } from '../math/linalg.js';
import type { DesignRows } from './design-rows.js';

/** Robust (sandwich) covariance types, named as in R's sandwich::vcovHC. */
export type RobustType = 'hc0' | 'hc1' | 'hc2' | 'hc3';

export interface SandwichPass {
  /** Per outcome. */
  residuals: Float64Array[];
  fitted: Float64Array[];
  /** Per outcome, k x k, both triangles filled; null when no robust type was asked for. */
  meat: Float64Array[] | null;
  leverageOne: number;
}

/** Fitted values, residuals and the robust meat of each outcome in one pass over the rows. */
export function sandwichPass(
  x: DesignRows,
  ys: ArrayLike<number>[],
  n: number,
  p: number,
  cols: number[],
  bs: Float64Array[],
  r11: Float64Array,
  robust: RobustType | null,
  scale: number,
  rowScale: ArrayLike<number> | null = null,
  within: (ArrayLike<number> | null)[] = [],
): SandwichPass {
  const k = cols.length;
  const J = ys.length;
  const residuals = ys.map(() => new Float64Array(n));
  const fitted = ys.map(() => new Float64Array(n));
  const colIdx = Int32Array.from(cols);
  if (robust === 'hc0' || robust === 'hc1')
    return sparseMeatPass(x, ys, n, p, colIdx, bs, r11, scale, rowScale, within, residuals, fitted);
  const row = new Float64Array(p);
  const xk = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    x.fill(i, row, 0);
    for (let j = 0; j < k; j++) xk[j] = row[colIdx[j]];
    for (let o = 0; o < J; o++) {
      const b = bs[o]!;
      let f = 0;
      for (let j = 0; j < k; j++) f += xk[j] * b[j];
      fitted[o]![i] = f;
      residuals[o]![i] = ys[o]![i] - f;
    }
  }
  if (!robust) return { residuals, fitted, meat: null, leverageOne: 0 };

  const meats = ys.map(() => new Float64Array(k * k));
  const invDiag = new Float64Array(k);
  for (let i = 0; i < k; i++) invDiag[i] = 1 / r11[i * k + i];
  const leverage = robust === 'hc2' || robust === 'hc3';
  // Four rows in flight: x (overwritten by the solve) and q for each. Rows past n stay zero and
  // get weight 0, so a last partial block needs no special case.
  const x0 = new Float64Array(k),
    x1 = new Float64Array(k),
    x2 = new Float64Array(k),
    x3 = new Float64Array(k);
  const q0 = new Float64Array(k),
    q1 = new Float64Array(k),
    q2 = new Float64Array(k),
    q3 = new Float64Array(k);
  const xs = [x0, x1, x2, x3];
  const qs = [q0, q1, q2, q3];
  // Per row in flight: the HC weight (0 for a row past n or of leverage 1), then per outcome omega.
  const hw = new Float64Array(4);
  const omega = new Float64Array(4);
  let leverageOne = 0;
  for (let i0 = 0; i0 < n; i0 += 4) {
    for (let r = 0; r < 4; r++) {
      const xr = xs[r]!;
      if (i0 + r < n) {
        x.fill(i0 + r, row, 0);
        for (let j = 0; j < k; j++) xr[j] = row[colIdx[j]];
      } else xr.fill(0);
    }
    // R11' q = x by forward substitution in column (axpy) order: no dependency between iterations
    // of the inner loop, unlike the dot-product order.
    for (let a = 0; a < k; a++) {
      const d = invDiag[a];
      const a0 = x0[a] * d,
        a1 = x1[a] * d,
        a2 = x2[a] * d,
        a3 = x3[a] * d;
      q0[a] = a0;
      q1[a] = a1;
      q2[a] = a2;
      q3[a] = a3;
      const ra = a * k;
      for (let c = a + 1; c < k; c++) {
        const rc = r11[ra + c];
        x0[c] -= rc * a0;
        x1[c] -= rc * a1;
        x2[c] -= rc * a2;
        x3[c] -= rc * a3;
      }
    }
    for (let r = 0; r < 4; r++) {
      const i = i0 + r;
      hw[r] = 0;
      if (i >= n) continue;
      let w = scale;
      if (leverage) {
        const qr = qs[r]!;
        let h = 0;
        for (let a = 0; a < k; a++) h += qr[a] * qr[a];
        if (1 - h < 1e-10) {
          leverageOne++;
          continue;
        }
        w = robust === 'hc2' ? 1 / (1 - h) : 1 / ((1 - h) * (1 - h));
      }
      hw[r] = w;
    }
    for (let o = 0; o < J; o++) {
      const res = residuals[o]!;
      const wo = within[o] ?? null;
      for (let r = 0; r < 4; r++) {
        const i = i0 + r;
        if (hw[r] === 0) {
          omega[r] = 0;
          continue;
        }
        const e = res[i];
        // w e e in that order without `within`: the single-outcome pass's arithmetic, to the bit.
        const m = wo ? hw[r]! * (e * e + wo[i]!) : hw[r]! * e * e;
        omega[r] = rowScale ? m / rowScale[i]! : m;
      }
      const meat = meats[o]!;
      const w0 = omega[0],
        w1 = omega[1],
        w2 = omega[2],
        w3 = omega[3];
      for (let a = 0; a < k; a++) {
        const a0 = w0 * q0[a],
          a1 = w1 * q1[a],
          a2 = w2 * q2[a],
          a3 = w3 * q3[a];
        const ma = a * k;
        for (let c = a; c < k; c++) meat[ma + c] += a0 * q0[c] + a1 * q1[c] + a2 * q2[c] + a3 * q3[c];
      }
    }
  }
  for (const meat of meats)
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) meat[a * k + c] = meat[c * k + a];
  return { residuals, fitted, meat: meats, leverageOne };
}

/**
 * HC0/HC1 (no leverages needed): fitted values, residuals and the meat in one pass, the meat
 * accumulated over each row's nonzero entries in X's basis, then turned to Q's (R11^-T M R11^-1).
 * Design rows of dummies have a handful of nonzeros out of k (about 8 of 40 in the attainment
 * model), so a row costs tens of products instead of the k^2 of the solve and the update; X' diag(w)
 * X is what R's sandwich::meat forms (crossprod), so the figures stay R's.
 */
function sparseMeatPass(
  x: DesignRows,
  ys: ArrayLike<number>[],
  n: number,
  p: number,
  colIdx: Int32Array,
  bs: Float64Array[],
  r11: Float64Array,
  scale: number,
  rowScale: ArrayLike<number> | null,
  within: (ArrayLike<number> | null)[],
  residuals: Float64Array[],
  fitted: Float64Array[],
): SandwichPass {
  const k = colIdx.length;
  const J = ys.length;
  const row = new Float64Array(p);
  const xk = new Float64Array(k);
  const nzAt = new Int32Array(k);
  const nzValue = new Float64Array(k);
  const meatsX = ys.map(() => new Float64Array(k * k));
  for (let i = 0; i < n; i++) {
    x.fill(i, row, 0);
    let nz = 0;
    for (let j = 0; j < k; j++) {
      const v = row[colIdx[j]!]!;
      xk[j] = v;
      if (v !== 0) {
        nzAt[nz] = j;
        nzValue[nz++] = v;
      }
    }
    for (let o = 0; o < J; o++) {
      const b = bs[o]!;
      // Dense, in column order: the same sum as the other pass's, to the bit.
      let f = 0;
      for (let j = 0; j < k; j++) f += xk[j]! * b[j]!;
      const e = ys[o]![i]! - f;
      fitted[o]![i] = f;
      residuals[o]![i] = e;
      const wo = within[o] ?? null;
      const m = wo ? scale * (e * e + wo[i]!) : scale * e * e;
      const omega = rowScale ? m / rowScale[i]! : m;
      if (omega === 0) continue;
      const meat = meatsX[o]!;
      for (let a = 0; a < nz; a++) {
        const va = omega * nzValue[a]!;
        const ra = nzAt[a]! * k;
        for (let c = a; c < nz; c++) meat[ra + nzAt[c]!]! += va * nzValue[c]!;
      }
    }
  }
  // Q's basis: M_Q = R11^-T M_X R11^-1 (ols.ts then forms R11^-1 M_Q R11^-T = (X'X)^-1 M_X (X'X)^-1).
  const rInv = invertUpper(r11, k);
  const meat = meatsX.map((mx) => {
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) mx[a * k + c] = mx[c * k + a]!;
    const mq = matMul(matMul(transpose(rInv, k, k), mx, k, k, k), rInv, k, k, k);
    // Symmetric to the bit, as the other pass's.
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) mq[a * k + c] = mq[c * k + a]!;
    return mq;
  });
  return { residuals, fitted, meat, leverageOne: 0 };
}
