// The summary statistics of a least-squares fit, as R's summary.lm and logLik.lm compute them from
// the fitted values and the residual sum of squares: what ols.ts reports beside the coefficients.
//
// Contract
// - Inputs: fitted values (on y's scale), rss (weighted: sum w e^2), n rows, rank k, whether the
//   model has an intercept, sigma2 = rss / (n - k), the weights if any; warnings are appended to.
// - mss: sum w (f - mean_w(f))^2 with an intercept, sum w f^2 without; R^2 = mss / (mss + rss);
//   adjusted R^2 = 1 - (1 - R^2) (n - intercept) / (n - k); F = (mss / (k - intercept)) / sigma2.
// - logLik = (sum log w - n (log 2 pi + 1 - log n + log rss)) / 2: Inf for a saturated fit (rss 0).
// - Warnings as R's: "essentially perfect fit" when rss / (n - k) < 1e-30 (mean(f)^2 + var(f)); and
//   a saturated fit (no residual degrees of freedom) said in words.
import { betaIncomplete } from '../math/special.js';
import type { Warning } from '../warnings.js';

export interface OlsSummary {
  r2: number | null;
  adjR2: number | null;
  fStatistic: { value: number; df1: number; df2: number; p: number } | null;
  logLik: number;
}

/**
 * R^2, adjusted R^2, the F test and the log-likelihood of a least-squares fit.
 * @example olsSummary(Float64Array.of(1, 3), 2, {n: 2, rank: 1, intercept: true, sigma2: 2, warnings: []}).r2 // 0
 */
export function olsSummary(
  fitted: Float64Array,
  rss: number,
  {
    n,
    rank: k,
    intercept,
    sigma2,
    weights,
    frequency = false,
    warnings,
  }: {
    n: number;
    rank: number;
    intercept: boolean;
    sigma2: number;
    weights?: ArrayLike<number>;
    /** The weights are frequencies: the observations are their sum (see ols.ts). */
    frequency?: boolean;
    warnings: Warning[];
  },
): OlsSummary {
  const wt = (i: number): number => (weights ? weights[i] : 1);
  let nObs = n;
  if (frequency && weights) {
    nObs = 0;
    for (let i = 0; i < n; i++) nObs += weights[i];
  }
  const rdf = nObs - k;
  let mss = 0;
  let mean = 0;
  if (intercept) {
    let sumW = 0;
    for (let i = 0; i < n; i++) {
      mean += wt(i) * fitted[i];
      sumW += wt(i);
    }
    mean /= sumW;
  }
  for (let i = 0; i < n; i++) mss += wt(i) * (fitted[i] - mean) ** 2;
  // summary.lm's warning: residual variance negligible against the fitted values' scale.
  // Over the observations: each row as often as it stands for (once without frequencies).
  const fw = (i: number): number => (frequency ? wt(i) : 1);
  let fMean = 0;
  for (let i = 0; i < n; i++) fMean += fw(i) * fitted[i];
  fMean /= nObs;
  let fVar = 0;
  for (let i = 0; i < n; i++) fVar += fw(i) * (fitted[i] - fMean) ** 2;
  fVar = nObs > 1 ? fVar / (nObs - 1) : NaN;
  if (rdf > 0 && rss / rdf < (fMean * fMean + fVar) * 1e-30) {
    warnings.push({
      code: 'perfect-fit',
      message:
        'essentially perfect fit: summary may be unreliable (the residuals are all but zero, as R warns)',
    });
  }
  if (rdf === 0) {
    warnings.push({
      code: 'saturated',
      message: `as many terms as rows (${nObs}): the fit is exact, with no residual degrees of freedom; log-likelihood Inf, no standard errors`,
    });
  }
  const dfInt = intercept ? 1 : 0;
  const df1 = k - dfInt;
  const r2 = mss + rss > 0 ? mss / (mss + rss) : null;
  const adjR2 = r2 !== null && rdf > 0 ? 1 - (1 - r2) * ((nObs - dfInt) / rdf) : null;
  let fStatistic: OlsSummary['fStatistic'] = null;
  if (df1 > 0 && rdf > 0) {
    const f = mss / df1 / sigma2;
    fStatistic = { value: f, df1, df2: rdf, p: fUpper(f, df1, rdf) };
  }
  let sumLogW = 0;
  if (weights && !frequency) for (let i = 0; i < n; i++) sumLogW += Math.log(weights[i]);
  const logLik = 0.5 * (sumLogW - nObs * (Math.log(2 * Math.PI) + 1 - Math.log(nObs) + Math.log(rss)));
  return { r2, adjR2, fStatistic, logLik };
}

/** P(F > f) for F on (d1, d2) df: I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2). */
function fUpper(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  if (!Number.isFinite(f)) return 0;
  return betaIncomplete(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
