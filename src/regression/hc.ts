// The second pass of the OLS fit (ols.ts): fitted values, residuals and, for robust standard errors,
// the "meat" of the sandwich in the basis of Q, where it is well scaled whatever the design.
//
// Contract: x n x p row-major; cols the k kept (non-aliased) columns in pivoted order; b their
// coefficients; r11 the k x k upper-triangular R of those columns (X[, cols] = Q R11). For each row,
// q_i = R11^-T x_i[cols] is row i of Q, h_ii = |q_i|^2 its leverage, and the meat is
// M = sum_i w_i e_i^2 q_i q_i' with w_i 1 (HC0), the constant `scale` (HC1: n / (n - k)),
// 1 / (1 - h_ii) (HC2) or 1 / (1 - h_ii)^2 (HC3). The covariance is then R11^-1 M R11^-T, equal to
// (X'X)^-1 X' diag(w e^2) X (X'X)^-1 (MacKinnon & White 1985) without forming X'X.
// A leverage within 1e-10 of 1 (a row fitted exactly by its own parameter) makes HC2/HC3 undefined:
// such rows are counted in `leverageOne` and the caller reports the robust SEs as undefined.
import type { RobustType } from './ols.js';

export interface SandwichPass {
  residuals: Float64Array;
  fitted: Float64Array;
  /** k x k, both triangles filled; null when no robust type was asked for. */
  meat: Float64Array | null;
  leverageOne: number;
}

/** Fitted values, residuals and the robust meat in one pass over the rows. */
export function sandwichPass(
  x: Float64Array,
  y: ArrayLike<number>,
  n: number,
  p: number,
  cols: number[],
  b: Float64Array,
  r11: Float64Array,
  robust: RobustType | null,
  scale: number,
): SandwichPass {
  const k = cols.length;
  const residuals = new Float64Array(n);
  const fitted = new Float64Array(n);
  const meat = robust ? new Float64Array(k * k) : null;
  const colIdx = Int32Array.from(cols);
  // L = R11' row-major, so forward substitution reads rows contiguously.
  const l = new Float64Array(k * k);
  const invDiag = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) l[i * k + j] = r11[j * k + i];
    invDiag[i] = 1 / r11[i * k + i];
  }
  const xi = new Float64Array(k);
  const q = new Float64Array(k);
  let leverageOne = 0;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let f = 0;
    for (let j = 0; j < k; j++) {
      const v = x[o + colIdx[j]];
      xi[j] = v;
      f += v * b[j];
    }
    const e = y[i] - f;
    fitted[i] = f;
    residuals[i] = e;
    if (!meat) continue;
    let h = 0;
    for (let a = 0; a < k; a++) {
      let s = xi[a];
      const la = a * k;
      for (let c = 0; c < a; c++) s -= l[la + c] * q[c];
      s *= invDiag[a];
      q[a] = s;
      h += s * s;
    }
    let wgt = scale;
    if (robust === 'hc2' || robust === 'hc3') {
      if (1 - h < 1e-10) {
        leverageOne++;
        continue;
      }
      wgt = robust === 'hc2' ? 1 / (1 - h) : 1 / ((1 - h) * (1 - h));
    }
    const omega = wgt * e * e;
    if (omega === 0) continue;
    for (let a = 0; a < k; a++) {
      const qa = omega * q[a];
      const ma = a * k;
      for (let c = a; c < k; c++) meat[ma + c] += qa * q[c];
    }
  }
  if (meat) for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) meat[a * k + c] = meat[c * k + a];
  return { residuals, fitted, meat, leverageOne };
}
