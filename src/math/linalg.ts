// Dense linear algebra shared by the estimators (OLS, Cox, LCA standard errors): small, square or
// tall matrices held as Float64Array in ROW-MAJOR order (element (i, j) of an n x p matrix is
// a[i * p + j]). Everything here is plain loops over typed arrays: the matrices the kit inverts are
// p x p with p at most a few dozen, so clarity wins over blocking.
//
// Contract
// - cholesky(a, p): A = L L' for a symmetric positive definite A (only the lower triangle of `a` is
//   read). Returns the lower-triangular L (upper triangle zero) or null when A is not positive
//   definite to working precision (a pivot <= 0, or <= tol times the original diagonal element,
//   tol = 1e-12 by default): the caller decides whether that is an error or a warning.
// - choleskySolve(l, p, b) solves A x = b from L; choleskyInverse(l, p) returns the full symmetric
//   inverse of A (both triangles filled).
// - solveLower / solveUpper / solveUpperTranspose: triangular substitution, b a vector of length p.
// - invertUpper: the inverse of an upper-triangular matrix (upper-triangular again).
// - matMul, transpose, crossprodUpper (R'R), identity: helpers.
// Triangular solvers divide by the diagonal without checking it: callers pass full-rank factors
// (cholesky returns null rather than a singular factor; qr.ts reports the rank).
// References: Golub & Van Loan, Matrix Computations, 4th ed. (2013), sections 3.1 and 4.2.

/**
 * Cholesky factor of a symmetric positive definite p x p matrix (row-major; lower triangle read).
 * @returns L, lower triangular with positive diagonal, or null if A is not positive definite.
 * @example cholesky(Float64Array.of(4, 2, 2, 5), 2) // Float64Array [2, 0, 1, 2]
 */
export function cholesky(
  a: Float64Array,
  p: number,
  { tol = 1e-12 }: { tol?: number } = {},
): Float64Array | null {
  if (a.length < p * p) throw new Error(`cholesky: invalid a; expected ${p * p} elements, got ${a.length}`);
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    const lj = j * p;
    for (let k = 0; k < j; k++) d -= l[lj + k] * l[lj + k];
    // Relative test: a pivot that has lost all but ~1e-12 of the original diagonal is rounding noise,
    // and a factor built on it would give an inverse dominated by that noise.
    if (!(d > tol * Math.abs(a[j * p + j])) || !Number.isFinite(d)) return null;
    const djj = Math.sqrt(d);
    l[lj + j] = djj;
    for (let i = j + 1; i < p; i++) {
      const li = i * p;
      let s = a[li + j];
      for (let k = 0; k < j; k++) s -= l[li + k] * l[lj + k];
      l[li + j] = s / djj;
    }
  }
  return l;
}

/** Solve L x = b for lower-triangular L (p x p, row-major). */
export function solveLower(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    const li = i * p;
    for (let k = 0; k < i; k++) s -= l[li + k] * x[k];
    x[i] = s / l[li + i];
  }
  return x;
}

/** Solve L' x = b for lower-triangular L (p x p, row-major). */
export function solveLowerTranspose(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** Solve R x = b for upper-triangular R (p x p, row-major): back-substitution. */
export function solveUpper(r: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    const ri = i * p;
    for (let k = i + 1; k < p; k++) s -= r[ri + k] * x[k];
    x[i] = s / r[ri + i];
  }
  return x;
}

/** Solve R' x = b for upper-triangular R (p x p, row-major): forward substitution. */
export function solveUpperTranspose(r: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= r[k * p + i] * x[k];
    x[i] = s / r[i * p + i];
  }
  return x;
}

/** Solve A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  return solveLowerTranspose(l, p, solveLower(l, p, b));
}

/** Inverse of an upper-triangular p x p matrix (row-major), itself upper triangular. */
export function invertUpper(r: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  // Column j of R^-1 solves R x = e_j; only its first j + 1 entries are non-zero.
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / r[j * p + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      const ri = i * p;
      for (let k = i + 1; k <= j; k++) s += r[ri + k] * inv[k * p + j];
      inv[i * p + j] = -s / r[ri + i];
    }
  }
  return inv;
}

/**
 * Inverse of A from its Cholesky factor: A^-1 = L^-T L^-1, both triangles filled.
 * @example choleskyInverse(cholesky(Float64Array.of(4, 2, 2, 5), 2)!, 2) // [0.3125, -0.125, -0.125, 0.25]
 */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  // L' is upper triangular; (L')^-1 = U, and A^-1 = U U'.
  const u = invertUpper(transpose(l, p, p), p);
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += u[i * p + k] * u[j * p + k];
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}

/** R'R for an upper-triangular p x p R (row-major): the cross-product matrix X'X when R is X's QR factor. */
export function crossprodUpper(r: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += r[k * p + i] * r[k * p + j];
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}

/** Product of an n x k and a k x m matrix, both row-major. */
export function matMul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const ait = a[i * k + t];
      if (ait === 0) continue;
      const bt = t * m;
      const oi = i * m;
      for (let j = 0; j < m; j++) out[oi + j] += ait * b[bt + j];
    }
  }
  return out;
}

/** Transpose of an n x p row-major matrix (a p x n row-major matrix). */
export function transpose(a: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j * n + i] = a[i * p + j];
  return out;
}

/** The p x p identity. */
export function identity(p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) out[i * p + i] = 1;
  return out;
}
