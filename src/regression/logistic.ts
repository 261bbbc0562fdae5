// Logistic regression by iteratively reweighted least squares, step for step R's
// glm(family = binomial) (glm.fit with the logit link), for the pathways analysis and `csc-demand logit`.
//
// Contract
// - y: n responses in [0, 1] (0/1 outcomes, or proportions with `weights` the numbers of trials);
//   x: n x p design, row-major (designMatrix builds it); names: p term names; weights: optional
//   prior (case) weights >= 0, default 1. A row with weight 0 takes no part in the fit (its y is
//   set to 0 as binomial()$initialize does) and is not counted in the degrees of freedom.
// - Method (glm.fit): start from mu = (w y + 0.5) / (w + 1); each iteration solves the weighted least
//   squares of the working response z = eta + (y - mu) / mu' with working weights w mu (1 - mu)
//   (weighted-qr.ts: Givens QR, dqrdc2 aliasing at tol 1e-11, as C_Cdqrls), until
//   |dev - dev_old| / (|dev| + 0.1) < epsilon (1e-8) or maxIter (25) iterations. The inverse link
//   and its derivative are clamped at |eta| > 30 as R's C code (logit_linkinv, logit_mu_eta) is, so
//   the iterates, their number and the result equal R's to rounding.
// - Standard errors as summary.glm (dispersion 1): from the QR of the last iteration (whose weights
//   are those of the previous mu, as R's fit$qr is), z = b / se and p = 2 Phi(-|z|) (Wald);
//   intervals b +- 1.96 se (confint.default, not the profile intervals of MASS's confint.glm);
//   odds ratios exp(b) with the exponentiated interval.
// - deviance = 2 sum w [y log(y / mu) + (1 - y) log((1 - y) / (1 - mu))]; nullDeviance that of the
//   weighted mean (with an intercept) or of mu = 1/2 (without); aic = -2 sum log dbinom(round(w y),
//   round(w), mu) + 2 rank (binomial()$aic: for 0/1 outcomes and whole weights, deviance + 2 rank).
// - Trouble is reported, not thrown: non-convergence ('not-converged', R's "algorithm did not
//   converge"), fitted probabilities within 10 eps of 0 or 1 ('fitted-probabilities-0-or-1', R's
//   warning, the mark of complete or quasi-complete separation: the estimates then run off towards
//   infinity and their standard errors are meaningless), and aliased terms (estimate null).
// References: McCullagh & Nelder, Generalized Linear Models (1989) 2.5; R's src/library/stats/R/glm.R
// and src/library/stats/src/family.c; Albert & Anderson, Biometrika 71 (1984) 1-10 (separation).
import { normalQuantile, normalTwoSidedP, logGamma } from '../math/special.js';
import type { Warning } from '../warnings.js';
import { weightedQr } from './weighted-qr.js';

export interface LogisticOptions {
  weights?: ArrayLike<number> | null;
  intercept?: boolean;
  /** glm.control's epsilon: the relative change in deviance that ends the iterations. */
  epsilon?: number;
  maxIter?: number;
  /** Confidence level of the Wald intervals. */
  level?: number;
}

export interface LogisticCoefficient {
  term: string;
  estimate: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  lower: number | null;
  upper: number | null;
  oddsRatio: number | null;
  orLower: number | null;
  orUpper: number | null;
}

export interface LogisticResult {
  method: 'logistic';
  coefficients: LogisticCoefficient[];
  /** Rows with a positive weight (R's n.ok). */
  n: number;
  rank: number;
  dfResidual: number;
  dfNull: number;
  deviance: number;
  nullDeviance: number;
  aic: number;
  /** -2 logLik = aic - 2 rank, as R's logLik.glm. */
  logLik: number;
  iterations: number;
  converged: boolean;
  vcov: (number | null)[][];
  aliased: string[];
  fitted: Float64Array;
  warnings: Warning[];
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const INVEPS = 1 / EPS;

/** R's logit_linkinv: the inverse logit, clamped to [eps / (1 + eps), 1 / (1 + eps)]. */
export function invLogit(eta: number): number {
  const t = eta < -THRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

/** R's logit_mu_eta: d mu / d eta, eps beyond |eta| > 30. */
function muEta(eta: number): number {
  if (eta > THRESH || eta < -THRESH) return EPS;
  const e = Math.exp(eta);
  return e / ((1 + e) * (1 + e));
}

const yLogY = (y: number, mu: number): number => (y !== 0 ? y * Math.log(y / mu) : 0);

function deviance(y: ArrayLike<number>, mu: ArrayLike<number>, w: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    if (w[i] === 0) continue;
    d += 2 * w[i]! * (yLogY(y[i]!, mu[i]!) + yLogY(1 - y[i]!, 1 - mu[i]!));
  }
  return d;
}

/**
 * Fit logit P(y = 1) = X b by maximum likelihood, as R's glm(y ~ ..., family = binomial).
 * @example logistic(Float64Array.of(0, 1, 0, 1, 1, 0), Float64Array.of(1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1), ['(Intercept)', 'x'])
 * // x: log odds ratio log((2/1) / (1/2)) = 1.386294, se sqrt(1 + 1/2 + 1/2 + 1) = 1.732051
 */
export function logistic(
  y: ArrayLike<number>,
  x: Float64Array,
  names: string[],
  {
    weights = null,
    intercept = names.includes('(Intercept)'),
    epsilon = 1e-8,
    maxIter = 25,
    level = 0.95,
  }: LogisticOptions = {},
): LogisticResult {
  const n = y.length;
  const p = names.length;
  if (p === 0) throw new Error('logistic: invalid names; expected at least one term, got none');
  if (n === 0) throw new Error('logistic: invalid y; expected at least one row, got 0');
  if (x.length !== n * p)
    throw new Error(`logistic: invalid x; expected ${n} x ${p} = ${n * p} values, got ${x.length}`);
  if (weights && weights.length !== n)
    throw new Error(`logistic: invalid weights; expected ${n} values, got ${weights.length}`);
  if (!(epsilon > 0) || !(maxIter >= 1))
    throw new Error(
      `logistic: invalid control; expected epsilon > 0 and maxIter >= 1, got ${epsilon}, ${maxIter}`,
    );
  const w = new Float64Array(n);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    if (!(wi >= 0) || !Number.isFinite(wi))
      throw new Error(`logistic: invalid weights; expected finite numbers >= 0, got ${wi} at row ${i + 1}`);
    const yi = y[i]!;
    if (!(yi >= 0 && yi <= 1))
      throw new Error(`logistic: invalid y; expected values from 0 to 1, got ${yi} at row ${i + 1}`);
    w[i] = wi;
    yy[i] = wi === 0 ? 0 : yi;
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!))
      throw new Error(
        `logistic: invalid x; expected finite numbers, got ${x[i]} at row ${Math.floor(i / p) + 1}`,
      );
  }
  let nOk = 0;
  for (let i = 0; i < n; i++) if (w[i]! > 0) nOk++;

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m0 = (w[i]! * yy[i]! + 0.5) / (w[i]! + 1);
    eta[i] = Math.log(m0 / (1 - m0));
    mu[i] = invLogit(eta[i]!);
  }
  let devOld = deviance(yy, mu, w);
  const z = new Float64Array(n);
  const ww = new Float64Array(n);
  let step = weightedQr(x, z, ww, 0, p, 1e-11);
  let dev = devOld;
  let converged = false;
  let iterations = 0;
  let nonFinite = false;
  const tol = Math.min(1e-7, epsilon / 1000);
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    for (let i = 0; i < n; i++) {
      const d = muEta(eta[i]!);
      const v = mu[i]! * (1 - mu[i]!);
      // glm.fit's `good`: weight > 0 and mu.eta != 0 (never 0 here: clamped at eps).
      z[i] = eta[i]! + (yy[i]! - mu[i]!) / d;
      ww[i] = w[i]! > 0 ? (w[i]! * d * d) / v : 0;
    }
    step = weightedQr(x, z, ww, n, p, tol);
    if (step.coefficients.some((b) => !Number.isFinite(b))) {
      nonFinite = true;
      break;
    }
    const b = step.coefficients;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * p;
      for (let j = 0; j < p; j++) s += x[o + j]! * b[j]!;
      eta[i] = s;
      mu[i] = invLogit(s);
    }
    dev = deviance(yy, mu, w);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }

  const warnings: Warning[] = [];
  if (nonFinite)
    warnings.push({ code: 'not-converged', message: `non-finite coefficients at iteration ${iterations}` });
  else if (!converged)
    warnings.push({
      code: 'not-converged',
      message: `the fit did not converge in ${maxIter} iterations (R: "algorithm did not converge")`,
    });
  let boundary = 0;
  for (let i = 0; i < n; i++) if (mu[i]! > 1 - 10 * EPS || mu[i]! < 10 * EPS) boundary++;
  if (boundary) {
    warnings.push({
      code: 'fitted-probabilities-0-or-1',
      message:
        `fitted probabilities numerically 0 or 1 occurred (${boundary} row${boundary > 1 ? 's' : ''}): ` +
        'the outcome is (quasi-)completely separated by the terms, so some estimates and standard errors are not finite in truth',
    });
  }
  const { cols, rank, rInv } = step;
  const aliased = names.filter((_, j) => !cols.includes(j));
  if (aliased.length) {
    warnings.push({
      code: 'aliased-terms',
      message: `${aliased.length} coefficient${aliased.length > 1 ? 's' : ''} not defined because of singularities (aliased with earlier terms): ${aliased.join(', ')}`,
    });
  }

  const position = new Int32Array(p).fill(-1);
  cols.forEach((c, i) => (position[c] = i));
  const k = rank;
  const unscaled = new Float64Array(k * k); // rInv rInv'
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let l = Math.max(i, j); l < k; l++) s += rInv[i * k + l]! * rInv[j * k + l]!;
      unscaled[i * k + j] = s;
      unscaled[j * k + i] = s;
    }
  }
  const q = normalQuantile(1 - (1 - level) / 2);
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const coefficients = names.map((term, j): LogisticCoefficient => {
    const i = position[j]!;
    if (i < 0 || nonFinite) {
      return {
        term,
        estimate: null,
        se: null,
        z: null,
        p: null,
        lower: null,
        upper: null,
        oddsRatio: null,
        orLower: null,
        orUpper: null,
      };
    }
    const est = step.coefficients[j]!;
    const se = Math.sqrt(unscaled[i * k + i]!);
    const zz = est / se;
    return {
      term,
      estimate: est,
      se: finite(se),
      z: finite(zz),
      p: Number.isFinite(zz) ? normalTwoSidedP(zz) : null,
      lower: finite(est - q * se),
      upper: finite(est + q * se),
      oddsRatio: finite(Math.exp(est)),
      orLower: finite(Math.exp(est - q * se)),
      orUpper: finite(Math.exp(est + q * se)),
    };
  });

  let muNull = 0.5;
  if (intercept) {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      sw += w[i]!;
      swy += w[i]! * yy[i]!;
    }
    muNull = swy / sw;
  }
  const nullDeviance = deviance(yy, new Float64Array(n).fill(muNull), w);
  const minus2LogLik = binomialAicTerm(yy, mu, w);
  return {
    method: 'logistic',
    coefficients,
    n: nOk,
    rank,
    dfResidual: nOk - rank,
    dfNull: nOk - (intercept ? 1 : 0),
    deviance: dev,
    nullDeviance,
    aic: minus2LogLik + 2 * rank,
    logLik: -minus2LogLik / 2,
    iterations,
    converged,
    vcov: Array.from(position, (a) =>
      Array.from(position, (b) => (a < 0 || b < 0 || nonFinite ? null : unscaled[a * k + b]!)),
    ),
    aliased,
    fitted: mu,
    warnings,
  };
}

/** binomial()$aic without the 2 rank: -2 sum_{w > 0} log dbinom(round(w y), round(w), mu). */
function binomialAicTerm(y: Float64Array, mu: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(w[i]! > 0)) continue;
    const m = Math.round(w[i]!);
    const k = Math.round(w[i]! * y[i]!);
    // log choose(m, k) is 0 for the 0/1 outcomes of unit weights: skip the gamma functions there.
    const lchoose = m <= 1 ? 0 : logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
    const a = k === 0 ? 0 : k * Math.log(mu[i]!);
    const b = m - k === 0 ? 0 : (m - k) * Math.log(1 - mu[i]!);
    s += lchoose + a + b;
  }
  return -2 * s;
}
