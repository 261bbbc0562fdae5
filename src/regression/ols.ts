// Ordinary least squares with R's lm conventions and optional heteroskedasticity-consistent (robust)
// standard errors, for the attainment-gap analysis and `csc-demand ols`.
//
// Contract
// - y: n responses; x: n x p design, row-major (designMatrix builds it), or its rows on demand
//   (DesignRows, design-rows.ts: designMatrix's `designRows` without a dense X); names: p term names. No
//   missing values (designMatrix drops those rows). intercept: whether the model has one (it changes
//   R^2 and the F test as in summary.lm); defaults to names including '(Intercept)'.
// - Method: QR by Givens rotations, row by row, of [X y] (qr.ts qrAddRows), then R's dqrdc2
//   rank detection (tol 1e-7) on the p x p triangle. That is numerically the QR of X that lm uses
//   (orthogonal transforms of X give the same column norms and the same decisions), with error
//   growing like cond(X) rather than the cond(X)^2 of the normal equations, and it streams: memory
//   O(p^2) beyond X, each row visited twice (once for R, once for residuals and the robust meat).
//   We chose it over accumulating X'X and a Cholesky (about 2x faster) because accuracy comes first
//   and the streaming QR already meets the 2 s goal at 600,000 x 30 (bench/ols.ts).
// - Aliased terms (columns within tol of the span of earlier ones) are reported as R does: estimate
//   and statistics null, listed in `aliased` and in a warning; the fit uses the others.
// - Output: per term estimate, se, t, p (Student t on n - rank df); r2, adjR2, sigma, F test
//   (null without a non-intercept term), rss, logLik, aic, bic (as R's logLik.lm: rank + 1
//   parameters), vcov (p x p, null on aliased rows/columns), residuals and fitted values.
// - robust 'hc0' | 'hc1' | 'hc2' | 'hc3': V = (X'X)^-1 X' diag(w_i e_i^2) X (X'X)^-1 with HC0 w = 1,
//   HC1 w = n / (n - k), HC2 w = 1 / (1 - h_ii), HC3 w = 1 / (1 - h_ii)^2, k = rank; robustSe,
//   robustT, robustP per term (t on n - k df), robustVcov (as sandwich::vcovHC). A leverage of 1
//   makes HC2/HC3 undefined: those statistics are then null, with a warning.
// - weights (lm's `weights=`, > 0): weighted least squares, fitted as OLS of sqrt(w) y on sqrt(w) X
//   (lm.wfit's way); rss = sum w e^2, R^2 from the weighted sums of squares, logLik with R's
//   0.5 sum(log w) term, residuals and fitted values on the original scale. Degrees of freedom count
//   rows, not weights, as lm's: aggregated rows give the expanded rows' estimates but not their SEs.
//   Robust SEs as sandwich::vcovHC on a weighted lm: the meat sum (w_i e_i)^2 x_i x_i' (with HC2/HC3
//   the weighted leverages), which is the formula above on the transformed rows.
// - A saturated fit (as many kept terms as rows) has residuals exactly 0, as lm's QR gives them:
//   rss 0, logLik Inf, no sigma. A fit with residual variance below 1e-30 of the fitted values'
//   scale warns "essentially perfect fit", as summary.lm does.
// References: R's lm.fit / summary.lm; MacKinnon & White, J. Econometrics 29 (1985) 305-325;
// Long & Ervin, Am. Statistician 54 (2000) 217-224 (HC3 for small samples).
import { qrAddRows, qrDecompose, qrQty, qrR } from '../math/qr.js';
import { invertUpper, matMul, transpose } from '../math/linalg.js';
import { studentTwoSidedP } from '../math/special.js';
import type { Warning } from '../warnings.js';
import { denseRows, type DesignRows } from './design-rows.js';
import { sandwichPass, type RobustType } from './hc.js';
import { olsSummary } from './ols-summary.js';

export type { RobustType };

export interface OlsOptions {
  robust?: RobustType | null;
  intercept?: boolean;
  /** Relative tolerance for aliasing, as lm's tol. */
  tol?: number;
  /** Case or precision weights, one per row, > 0 (lm's `weights=`). */
  weights?: ArrayLike<number>;
  /**
   * Frequency weights in place of `weights`: each row stands for that many observations alike in x
   * (rows of aggregates; a group may be written as rows whose weighted first and second moments of
   * y are the group's). The fit, the degrees of freedom (sum of the frequencies less the rank), R^2,
   * log-likelihood and the HC0/HC1 meat are those of the observations written out; `n` is their
   * number. Not with HC2/HC3, whose leverages are the observations'.
   */
  frequencies?: ArrayLike<number>;
  /**
   * With frequencies: per row, the sum of squared deviations of the observations it stands for
   * about their mean, the row's y (a covariate pattern's outcomes as their count, mean and spread).
   * It adds to the rss and to each row's e^2 in the HC0/HC1 meat, so the fit is the observations'
   * written out, with one row per pattern.
   */
  within?: ArrayLike<number>;
}

export interface OlsCoefficient {
  term: string;
  estimate: number | null;
  se: number | null;
  t: number | null;
  p: number | null;
  robustSe?: number | null;
  robustT?: number | null;
  robustP?: number | null;
}

export interface OlsResult {
  method: 'ols';
  robust: RobustType | null;
  coefficients: OlsCoefficient[];
  n: number;
  rank: number;
  /** Residual degrees of freedom, n - rank. */
  df: number;
  r2: number | null;
  adjR2: number | null;
  sigma: number | null;
  fStatistic: { value: number; df1: number; df2: number; p: number } | null;
  rss: number;
  logLik: number;
  aic: number;
  bic: number;
  vcov: (number | null)[][];
  robustVcov?: (number | null)[][];
  aliased: string[];
  residuals: Float64Array;
  fitted: Float64Array;
  warnings: Warning[];
}

const ROBUST = ['hc0', 'hc1', 'hc2', 'hc3'];

/**
 * Fit y = X b + e by least squares.
 * @example ols(Float64Array.of(1, 3, 2, 5), Float64Array.of(1, 0, 1, 1, 1, 2, 1, 3), ['(Intercept)', 'x'])
 * // coefficients: (Intercept) 1.1, x 1.1; r2 0.6914286 (1 - 2.7 / 8.75)
 */
export function ols(
  y: ArrayLike<number>,
  x: Float64Array | DesignRows,
  names: string[],
  { within, ...options }: OlsOptions = {},
): OlsResult {
  return olsMany([y], x, names, { ...options, within: [within ?? null] })[0]!;
}

/** olsMany's options: ols's, with `within` given per outcome. */
export interface OlsManyOptions extends Omit<OlsOptions, 'within'> {
  within?: (ArrayLike<number> | null)[];
}

/**
 * Several outcomes on one design: each result is ols(ys[j], x, names, options with within[j]), to
 * the bit, for the cost of about one fit (the rows are rotated and solved once for all outcomes).
 */
export function olsMany(
  ysIn: ArrayLike<number>[],
  xIn: Float64Array | DesignRows,
  names: string[],
  {
    robust = null,
    intercept = names.includes('(Intercept)'),
    tol = 1e-7,
    weights: precision,
    frequencies,
    within = [],
  }: OlsManyOptions = {},
): OlsResult[] {
  if (precision !== undefined && frequencies !== undefined)
    throw new Error('ols: invalid weights; expected weights or frequencies, got both');
  if (frequencies !== undefined && (robust === 'hc2' || robust === 'hc3'))
    throw new Error(`ols: invalid robust; expected 'hc0' or 'hc1' with frequencies, got '${robust}'`);
  if (within.some((w) => w) && frequencies === undefined)
    throw new Error(
      'ols: invalid within; expected it with frequencies (rows standing for several observations)',
    );
  const weights = precision ?? frequencies;
  const J = ysIn.length;
  if (J === 0) throw new Error('ols: invalid y; expected at least one outcome, got none');
  let ys = ysIn;
  const n = ys[0]!.length;
  const p = names.length;
  if (robust !== null && !ROBUST.includes(robust)) {
    throw new Error(`ols: invalid robust; expected 'hc0', 'hc1', 'hc2' or 'hc3', got '${robust}'`);
  }
  if (p === 0) throw new Error('ols: invalid names; expected at least one term, got none');
  if (n === 0) throw new Error('ols: invalid y; expected at least one row, got 0');
  const given = xIn instanceof Float64Array ? null : xIn;
  if (given ? given.n !== n || given.p !== p : (xIn as Float64Array).length !== n * p) {
    const got = given ? `${given.n} x ${given.p}` : `${(xIn as Float64Array).length} values`;
    throw new Error(`ols: invalid x; expected ${n} x ${p} = ${n * p} values, got ${got}`);
  }
  let source = given ?? denseRows(xIn as Float64Array, p);
  for (const y of ys) {
    if (y.length !== n) throw new Error(`ols: invalid y; expected ${n} values per outcome, got ${y.length}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i]))
        throw new Error(`ols: invalid y; expected finite numbers, got ${y[i]} at row ${i + 1}`);
    }
  }
  for (const w of within) {
    if (!w) continue;
    if (w.length !== n) throw new Error(`ols: invalid within; expected ${n} values, got ${w.length}`);
    for (let i = 0; i < n; i++) {
      if (!(Number.isFinite(w[i]) && w[i] >= 0))
        throw new Error(`ols: invalid within; expected finite numbers >= 0, got ${w[i]} at row ${i + 1}`);
    }
  }
  // Weighted: fit sqrt(w) y on sqrt(w) X, then return residuals and fitted values to y's scale.
  let root: Float64Array | null = null;
  if (weights !== undefined) {
    if (weights.length !== n) {
      throw new Error(`ols: invalid weights; expected ${n} values (one per row), got ${weights.length}`);
    }
    root = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(Number.isFinite(weights[i]) && weights[i] > 0)) {
        throw new Error(
          `ols: invalid weights; expected finite numbers > 0, got ${weights[i]} at row ${i + 1}`,
        );
      }
      root[i] = Math.sqrt(weights[i]);
    }
    const r = root;
    ys = ysIn.map((yIn) => Float64Array.from(yIn, (v, i) => v * r[i]));
    const unweighted = source;
    source = {
      n,
      p,
      fill(i, out, offset) {
        unweighted.fill(i, out, offset);
        for (let j = 0; j < p; j++) out[offset + j]! *= r[i]!;
      },
    };
  }

  // Pass 1: the triangle of [X y1 .. yJ] (m = p + J columns). X's rotations do not depend on the
  // outcomes, and each outcome's column is rotated alone: its Q'y is that of [X y] by itself.
  const m = p + J;
  const rAug = new Float64Array(m * m);
  const BLOCK = 4;
  const block = new Float64Array(BLOCK * m);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const count = Math.min(BLOCK, n - i0);
    for (let r = 0; r < count; r++) {
      const i = i0 + r;
      const o = r * m;
      source.fill(i, block, o);
      for (let j = 0; j < p; j++) {
        if (!Number.isFinite(block[o + j])) {
          throw new Error(`ols: invalid x; expected finite numbers, got ${block[o + j]} at row ${i + 1}`);
        }
      }
      for (let j = 0; j < J; j++) block[o + p + j] = ys[j]![i];
    }
    qrAddRows(rAug, m, block, count);
  }
  // Rank and aliasing by dqrdc2 on X's triangle, its reflections applied to each Q'y as well.
  const rx = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) rx[i * p + j] = rAug[i * m + j];
  const dec = qrDecompose(rx, p, p, { tol });
  const k = dec.rank;
  const rFull = qrR(dec);
  const r11 = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) r11[i * k + j] = rFull[i * p + j];
  const cols = Array.from(dec.pivot.subarray(0, k));
  const rInv = invertUpper(r11, k);
  const bs = ys.map((_, o) => {
    const qty0 = new Float64Array(p);
    for (let i = 0; i < p; i++) qty0[i] = rAug[i * m + p + o];
    const qty = qrQty(dec, qty0);
    const bPiv = new Float64Array(k); // R11 b = (Q'y)[0..k)
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = i; j < k; j++) s += rInv[i * k + j] * qty[j];
      bPiv[i] = s;
    }
    return bPiv;
  });

  // Pass 2: fitted values, residuals and (if asked) the sandwich meat in the Q basis.
  // Frequencies: the rows stood for are the observations (their number, the degrees of freedom),
  // and each row's meat is w e^2 x x' (theirs summed), not the (w e)^2 x x' of precision weights;
  // with `within`, their deviations about the row's y add to its e^2 (and to the rss).
  let nObs = n;
  if (frequencies) {
    nObs = 0;
    for (let i = 0; i < n; i++) nObs += frequencies[i]!;
  }
  const rdf = nObs - k;
  const hcWeight = robust === 'hc1' ? nObs / rdf : 1;
  const pass = sandwichPass(source, ys, n, p, cols, bs, r11, robust, hcWeight, frequencies ?? null, within);
  const unscaled = matMul(rInv, transpose(rInv, k, k), k, k, k); // (X'X)^-1 over the kept columns
  const position = new Int32Array(p).fill(-1);
  cols.forEach((c, i) => (position[c] = i));
  const aliased = names.filter((_, j) => !cols.includes(j));
  return ys.map((y, o) =>
    finish(o, y, pass.residuals[o]!, pass.fitted[o]!, pass.meat?.[o] ?? null, pass.leverageOne),
  );

  function finish(
    o: number,
    y: ArrayLike<number>,
    residuals: Float64Array,
    fitted: Float64Array,
    meat: Float64Array | null,
    leverageOne: number,
  ): OlsResult {
    if (rdf === 0) {
      // Saturated: lm's QR leaves nothing of y outside the span of X, so its residuals are exactly 0.
      residuals.fill(0);
      fitted.set(y);
    }
    let rss = 0;
    for (let i = 0; i < n; i++) rss += residuals[i] ** 2;
    const w = within[o];
    if (w) for (let i = 0; i < n; i++) rss += w[i]!;
    if (root) {
      for (let i = 0; i < n; i++) {
        residuals[i] /= root[i];
        fitted[i] /= root[i];
      }
    }

    const warnings: Warning[] = [];
    if (aliased.length) {
      warnings.push({
        code: 'aliased-terms',
        message: `${aliased.length} coefficient${aliased.length > 1 ? 's' : ''} not defined because of singularities (aliased with earlier terms): ${aliased.join(', ')}`,
      });
    }

    const bPiv = bs[o]!;
    const sigma2 = rdf > 0 ? rss / rdf : NaN;
    const vcovPiv = unscaled.map((v) => v * sigma2);
    const robustPiv = meat ? sandwich(rInv, meat, k) : null;
    if (leverageOne) {
      warnings.push({
        code: 'leverage-one',
        message: `${leverageOne} observation${leverageOne > 1 ? 's have' : ' has'} leverage 1: ${robust} standard errors are undefined`,
      });
    }
    const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
    const coefficients = names.map((term, j): OlsCoefficient => {
      const i = position[j];
      if (i < 0) {
        const none: OlsCoefficient = { term, estimate: null, se: null, t: null, p: null };
        return robust ? { ...none, robustSe: null, robustT: null, robustP: null } : none;
      }
      const est = bPiv[i];
      const se = Math.sqrt(vcovPiv[i * k + i]);
      const out: OlsCoefficient = {
        term,
        estimate: est,
        se: finite(se),
        t: finite(est / se),
        p: tP(est / se, rdf),
      };
      if (robustPiv) {
        const rse = leverageOne ? NaN : Math.sqrt(robustPiv[i * k + i]);
        Object.assign(out, {
          robustSe: finite(rse),
          robustT: finite(est / rse),
          robustP: tP(est / rse, rdf),
        });
      }
      return out;
    });

    const { r2, adjR2, fStatistic, logLik } = olsSummary(fitted, rss, {
      n,
      rank: k,
      intercept,
      sigma2,
      weights,
      frequency: frequencies !== undefined,
      warnings,
    });
    return {
      method: 'ols',
      robust,
      coefficients,
      n: nObs,
      rank: k,
      df: rdf,
      r2,
      adjR2,
      sigma: rdf > 0 ? Math.sqrt(sigma2) : null,
      fStatistic,
      rss,
      logLik,
      aic: -2 * logLik + 2 * (k + 1),
      bic: -2 * logLik + Math.log(nObs) * (k + 1),
      vcov: unpivot(vcovPiv, k, position),
      ...(robustPiv
        ? { robustVcov: unpivot(leverageOne ? robustPiv.fill(NaN) : robustPiv, k, position) }
        : {}),
      aliased: aliased.slice(),
      residuals,
      fitted,
      warnings,
    };
  }
}

/** R^-1 M R^-T: the robust covariance from the meat M accumulated in the Q basis. */
function sandwich(rInv: Float64Array, meat: Float64Array, k: number): Float64Array {
  return matMul(matMul(rInv, meat, k, k, k), transpose(rInv, k, k), k, k, k);
}

/** p x p matrix in the caller's column order, null for aliased terms and non-finite cells. */
function unpivot(v: Float64Array, k: number, position: Int32Array): (number | null)[][] {
  return Array.from(position, (i) =>
    Array.from(position, (j) => (i < 0 || j < 0 || !Number.isFinite(v[i * k + j]) ? null : v[i * k + j])),
  );
}

function tP(t: number, df: number): number | null {
  return Number.isFinite(t) && df > 0 ? studentTwoSidedP(t, df) : null;
}
