// QR decompositions for least squares, with R's rules for rank (aliased columns) so that a
// regression on collinear columns reports the same aliased terms as lm.
//
// Contract
// - qrDecompose(a, n, p, {tol = 1e-7}): Householder QR of an n x p matrix (row-major input) with
//   the limited column pivoting of LINPACK dqrdc2 as modified for R (R's src/appl/dqrdc2.f, the
//   routine under lm.fit / qr(LAPACK = FALSE)): columns are kept in their order except that a column
//   whose norm, after the reflections so far, falls below tol times its original norm is moved to the
//   end. The first `rank` columns of the pivoted matrix are then well determined; the rest are
//   aliased. Output in LINPACK's compact form, column-major (`qr[j * n + i]`): R on and above the
//   diagonal, the Householder vectors below it, their leading elements in `qraux`; `pivot[j]` is the
//   original index of pivoted column j.
// - qrQty(qr, y): Q'y (LINPACK dqrsl's job 1000), for a vector of length n.
// - qrR(qr): the p x p upper-triangular R (row-major), columns in pivoted order.
// - qrAddRow(r, m, w) (and qrAddRows for a block of rows): updates the m x m upper-triangular R (row-major) of the rows seen so far with
//   one more row w (length m, overwritten) by Givens rotations: a streaming QR whose memory does not
//   grow with n (Gentleman 1973; Miller's AS 274). After all rows of [X y] are added, R holds X's R
//   factor (diagonal >= 0), Q'y in its last column and the residual norm in its last diagonal cell.
// Both are backward stable (orthogonal transformations throughout): unlike the normal equations,
// their error grows with cond(X), not cond(X)^2.
// References: Dongarra et al., LINPACK Users' Guide (1979), ch. 9; Golub & Van Loan (2013) 5.1-5.2;
// Gentleman, J. Inst. Maths Applics 12 (1973) 329-336; Miller, Appl. Statist. 41 (1992) 458-478.

/** A QR decomposition in LINPACK's compact, column-major form. */
export interface QR {
  n: number;
  p: number;
  qr: Float64Array;
  qraux: Float64Array;
  pivot: Int32Array;
  rank: number;
}

/**
 * Householder QR with R's dqrdc2 rank detection.
 * @param a n x p, row-major. @param tol relative norm below which a column is aliased (R's 1e-7).
 * @example qrDecompose(Float64Array.of(1, 2, 1, 2, 1, 2), 3, 2).rank // 1: column 2 = 2 x column 1
 */
export function qrDecompose(
  a: Float64Array,
  n: number,
  p: number,
  { tol = 1e-7 }: { tol?: number } = {},
): QR {
  if (a.length !== n * p)
    throw new Error(`qrDecompose: invalid a; expected ${n * p} elements, got ${a.length}`);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[j * n + i] = a[i * p + j];
  const qraux = new Float64Array(p);
  const work1 = new Float64Array(p);
  const work2 = new Float64Array(p);
  const pivot = Int32Array.from({ length: p }, (_, j) => j);
  for (let j = 0; j < p; j++) {
    qraux[j] = norm(x, j * n, n);
    work1[j] = qraux[j];
    work2[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const lup = Math.min(n, p);
  let k = p; // columns at index >= k have been moved to the end as negligible
  for (let l = 0; l < lup; l++) {
    // Cycle negligible columns to the end; l < k stops the cycling once only those remain.
    while (l < k && !(qraux[l] >= work2[l] * tol)) {
      rotateToEnd(x, n, p, l);
      for (const v of [pivot, qraux, work1, work2]) rotateArrayToEnd(v, l);
      k--;
    }
    if (l === n - 1) break;
    const off = l * n;
    let nrmxl = norm(x, off + l, n - l);
    if (nrmxl === 0) {
      qraux[l] = 0; // no reflection: qrQty must skip this column
      continue;
    }
    if (x[off + l] !== 0) nrmxl = Math.abs(nrmxl) * Math.sign(x[off + l]);
    for (let i = l; i < n; i++) x[off + i] /= nrmxl;
    x[off + l] += 1;
    for (let j = l + 1; j < p; j++) {
      const oj = j * n;
      let t = 0;
      for (let i = l; i < n; i++) t -= x[off + i] * x[oj + i];
      t /= x[off + l];
      for (let i = l; i < n; i++) x[oj + i] += t * x[off + i];
      if (qraux[j] === 0) continue;
      const tt = Math.max(1 - (Math.abs(x[oj + l]) / qraux[j]) ** 2, 0);
      // Downdating the norm loses accuracy when most of it is gone: recompute it then (R's 1999 fix).
      if (Math.abs(tt) < 1e-6) {
        qraux[j] = norm(x, oj + l + 1, n - l - 1);
        work1[j] = qraux[j];
      } else {
        qraux[j] *= Math.sqrt(tt);
      }
    }
    qraux[l] = x[off + l];
    x[off + l] = -nrmxl;
  }
  return { n, p, qr: x, qraux, pivot, rank: Math.min(k, n) };
}

/** Q'y for a decomposition from qrDecompose (y of length n; not modified). */
export function qrQty(qr: QR, y: ArrayLike<number>): Float64Array {
  const { n, p, qr: x, qraux } = qr;
  if (y.length !== n) throw new Error(`qrQty: invalid y; expected ${n} values, got ${y.length}`);
  const out = Float64Array.from(y);
  const ju = Math.min(p, n - 1);
  for (let j = 0; j < ju; j++) {
    if (qraux[j] === 0) continue;
    const off = j * n;
    const diag = x[off + j];
    x[off + j] = qraux[j];
    let t = 0;
    for (let i = j; i < n; i++) t -= x[off + i] * out[i];
    t /= x[off + j];
    for (let i = j; i < n; i++) out[i] += t * x[off + i];
    x[off + j] = diag;
  }
  return out;
}

/** The upper-triangular R (p x p, row-major; rows beyond n are zero), columns in pivoted order. */
export function qrR(qr: QR): Float64Array {
  const { n, p, qr: x } = qr;
  const r = new Float64Array(p * p);
  for (let i = 0; i < Math.min(n, p); i++) for (let j = i; j < p; j++) r[i * p + j] = x[j * n + i];
  return r;
}

/**
 * Rotate one more row into a streaming QR: R (m x m, upper triangular, row-major) becomes the R of
 * the rows seen so far plus w. w is overwritten. Start from R = 0.
 */
export function qrAddRow(r: Float64Array, m: number, w: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const wk = w[k];
    if (wk === 0) continue;
    const rk = k * m;
    const rkk = r[rk + k];
    if (rkk === 0) {
      // An empty row of R takes the rest of w as it is (a rotation by 90 degrees, up to sign).
      for (let j = k; j < m; j++) r[rk + j] = w[j];
      if (wk < 0) for (let j = k; j < m; j++) r[rk + j] = -r[rk + j];
      return;
    }
    const d = radius(rkk, wk);
    const c = rkk / d;
    const s = wk / d;
    r[rk + k] = d;
    for (let j = k + 1; j < m; j++) {
      const t = r[rk + j];
      const u = w[j];
      r[rk + j] = c * t + s * u;
      w[j] = c * u - s * t;
    }
  }
}

/**
 * Rotate `count` rows (block: count x m, row-major, overwritten) into a streaming QR; the same result,
 * operation for operation, as qrAddRow on each row in turn, but four rows share each pass over a row
 * of R (about 20% faster in V8). Rotating row a then row b through row k of R touches only that row,
 * so interleaving them step by step changes nothing.
 */
export function qrAddRows(r: Float64Array, m: number, block: Float64Array, count: number): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const oa = i * m,
      ob = oa + m,
      oc = ob + m,
      od = oc + m;
    for (let k = 0; k < m; k++) {
      const rk = k * m;
      let rkk = r[rk + k];
      // A zero element gives c = 1, s = 0: an exact no-op, as qrAddRow's skip. An empty row of R
      // (rkk = 0) gives c = 0, s = +-1: the row moves into R with its sign, as qrAddRow's copy.
      let ca = 1,
        sa = 0,
        cb = 1,
        sb = 0,
        cc = 1,
        sc = 0,
        cd = 1,
        sd = 0;
      const ak = block[oa + k],
        bk = block[ob + k],
        ck = block[oc + k],
        dk = block[od + k];
      if (ak !== 0) {
        const h = radius(rkk, ak);
        ca = rkk / h;
        sa = ak / h;
        rkk = h;
      }
      if (bk !== 0) {
        const h = radius(rkk, bk);
        cb = rkk / h;
        sb = bk / h;
        rkk = h;
      }
      if (ck !== 0) {
        const h = radius(rkk, ck);
        cc = rkk / h;
        sc = ck / h;
        rkk = h;
      }
      if (dk !== 0) {
        const h = radius(rkk, dk);
        cd = rkk / h;
        sd = dk / h;
        rkk = h;
      }
      r[rk + k] = rkk;
      for (let j = k + 1; j < m; j++) {
        let t = r[rk + j];
        let u = block[oa + j];
        let t1 = ca * t + sa * u;
        block[oa + j] = ca * u - sa * t;
        u = block[ob + j];
        t = cb * t1 + sb * u;
        block[ob + j] = cb * u - sb * t1;
        u = block[oc + j];
        t1 = cc * t + sc * u;
        block[oc + j] = cc * u - sc * t;
        u = block[od + j];
        r[rk + j] = cd * t1 + sd * u;
        block[od + j] = cd * u - sd * t1;
      }
    }
  }
  for (; i < count; i++) qrAddRow(r, m, block.subarray(i * m, (i + 1) * m));
}

/** sqrt(a^2 + b^2): the plain formula (several times faster than Math.hypot in V8), with hypot's
 * scaling only when the squares underflow or overflow (|values| beyond about 1e-154 or 1e154). */
function radius(a: number, b: number): number {
  const d = Math.sqrt(a * a + b * b);
  return d > 0 && d < Infinity ? d : Math.hypot(a, b);
}

function norm(x: Float64Array, start: number, len: number): number {
  // Scaled sum of squares (as BLAS dnrm2) so that tiny or huge columns neither underflow nor overflow.
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < start + len; i++) {
    const v = x[i];
    if (v === 0) continue;
    const a = Math.abs(v);
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) ** 2;
      scale = a;
    } else {
      ssq += (a / scale) ** 2;
    }
  }
  return scale * Math.sqrt(ssq);
}

function rotateToEnd(x: Float64Array, n: number, p: number, l: number): void {
  const col = x.slice(l * n, (l + 1) * n);
  x.copyWithin(l * n, (l + 1) * n, p * n);
  x.set(col, (p - 1) * n);
}

function rotateArrayToEnd(v: Float64Array | Int32Array, l: number): void {
  const t = v[l];
  v.copyWithin(l, l + 1);
  v[v.length - 1] = t;
}
