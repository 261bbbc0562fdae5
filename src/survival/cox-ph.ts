// Cox proportional hazards regression by Newton-Raphson with step-halving, following R survival's
// coxph (coxfit6, survival 3.5) so that coefficients, iterations and tests line up with R.
//
// Contract
// - Inputs: time (finite), event (0/1 or booleans), x (n x p, row-major, finite: drop missing rows
//   first, e.g. with designMatrix), names (p term names). Options: ties 'efron' (default, as R) or
//   'breslow'; maxIter (20) and tol (1e-9) as coxph.control's iter.max and eps; confLevel (0.95).
// - Convergence: from beta = 0, Newton steps until |1 - l_best / l_new| <= tol (R's rule on the log
//   partial likelihood); a step that lowers the likelihood or overflows is pulled back towards the
//   last accepted beta (halving, then thirds, ... as coxfit6). Not converging within maxIter is a
//   warning, and the result is the best beta reached (maxIter = 1 gives the one-step estimate).
// - Aliased columns (information at beta = 0 singular: collinear terms, or a term constant within
//   every risk set) are dropped, reported with NaN coefficients and a warning, as R's NA.
// - A coefficient running off to infinity (monotone likelihood: e.g. a category with no events) is
//   flagged as R does: the next Newton step u'V still exceeds tol and sqrt(tol) |beta|.
// - Output: coefficients with SE (sqrt of the inverse information), hazard ratios with Wald
//   intervals exp(b -/+ z se), z and two-sided p; variance matrix; log-likelihood at 0 and at the
//   estimate; likelihood-ratio, Wald (b' V^-1 b) and score (at beta = 0) tests; concordance of the
//   linear predictor as coxph reports it; iterations; means used for centring.
// - Optional inputs, as coxph: `weights` (case weights > 0, coxph's `weights=`; log-likelihood,
//   score and information weighted, Efron as R weights it, means weighted; nEvents stays the number
//   of event rows, as coxph's nevent), `strata` (codes 0..S-1 or labels, R's strata(): a baseline
//   hazard per stratum, risk sets within strata), `start` (counting-process entry times, R's
//   Surv(start, stop, event): a row is at risk at t when start < t <= time).
// - timefix (default true, as R): times (and start times) equal within R's tolerance are merged
//   first (timefix.ts); the result says so.
// - Concordance as coxph reports it: within strata, pairs weighted, and for counting-process data
//   only pairs whose longer member was at risk at the event time.
// - Cost: one sort, then O(n p^2) a step (less for sparse indicator columns; see cox-loglik.ts).
// References: Cox (1972); Efron (1977); Therneau & Grambsch (2000) chapter 3.
import { cholesky } from '../math/linalg.js';
import { chiSquareUpper, normalQuantile, normalTwoSidedP } from '../math/special.js';
import type { Warning } from '../warnings.js';
import { concordance, type ConcordanceResult } from './concordance.js';
import { coxData, isDesignRows } from './cox-data.js';
import type { DesignRows } from '../regression/design-rows.js';
import { coxLogLik } from './cox-loglik.js';
import { coxNewton } from './cox-newton.js';
import { groupCodes } from './group-codes.js';
import { caseWeights, startTimes, survivalInput } from './survival-input.js';
import { timefix as fixTimes } from './timefix.js';

export interface CoxInput {
  time: ArrayLike<number>;
  event: ArrayLike<number | boolean>;
  /** n x p covariates, row-major; or their rows on demand (design-rows.ts: no dense copy). */
  x: ArrayLike<number> | DesignRows;
  names: string[];
  /** Case weights, one per row, > 0 (R's `weights=`). */
  weights?: ArrayLike<number>;
  /**
   * Frequency weights, in place of `weights`: each row stands for that many identical rows (whole
   * numbers >= 1), as a row of aggregates (time, event, covariate pattern, count) does. The fit is
   * the fit on the rows written out: Efron's correction counts each of a row's tied events, where
   * with case weights (R's) a tied row of weight 3 is one term carrying weight 3, not three terms.
   * `n` and `nEvents` count the rows stood for.
   */
  frequencies?: ArrayLike<number>;
  /** Stratum of each row (R's strata()): labels, or integer codes. */
  strata?: ArrayLike<string | number>;
  /** Entry times for counting-process data, R's Surv(start, stop, event). */
  start?: ArrayLike<number>;
}

export interface CoxOptions {
  ties?: 'efron' | 'breslow';
  /** Merge times equal within R's tolerance (aeqSurv); defaults to true, as coxph. */
  timefix?: boolean;
  maxIter?: number;
  tol?: number;
  confLevel?: number;
}

export interface CoxTerm {
  term: string;
  coef: number;
  se: number;
  hr: number;
  lower: number;
  upper: number;
  z: number;
  p: number;
}

export interface ChiSquareTest {
  chisq: number;
  df: number;
  p: number;
}

export interface CoxResult {
  method: 'cox-ph';
  ties: 'efron' | 'breslow';
  n: number;
  nEvents: number;
  coefficients: CoxTerm[];
  /** Variance matrix of the coefficients (rows; NaN for aliased terms). */
  variance: number[][];
  /** Values subtracted from each covariate (0 for -1/0/1 columns), as coxph's `means`. */
  means: number[];
  /** Log partial likelihood at beta = 0 and at the estimate. */
  logLik: [number, number];
  tests: { likelihoodRatio: ChiSquareTest; wald: ChiSquareTest; score: ChiSquareTest };
  concordance: ConcordanceResult;
  iterations: number;
  converged: boolean;
  confLevel: number;
  /** Strata levels in sorted order (R's strata()), when stratified. */
  strata?: string[];
  /** Whether times equal within R's tolerance were merged, and how many values moved. */
  timefix: { applied: boolean; changed: number };
  warnings: Warning[];
}

/**
 * Fit a Cox proportional hazards model.
 * @example coxPH({time: [1, 2, 3, 4], event: [1, 1, 0, 1], x: [1, 0, 1, 0], names: ['a']}).coefficients[0].term // 'a'
 */
export function coxPH(
  { time: rawTime, event, x, names, weights: caseW, frequencies, strata, start: rawStart }: CoxInput,
  { ties = 'efron', maxIter = 20, tol = 1e-9, confLevel = 0.95, timefix = true }: CoxOptions = {},
): CoxResult {
  if ((ties as string) === 'exact') {
    throw new Error(
      "coxPH: invalid ties; expected 'efron' or 'breslow', got 'exact' (the exact partial likelihood sums over every way the tied events could have been ordered, a cost that grows combinatorially with the ties; Efron's approximation is R's default and is close to it)",
    );
  }
  if (ties !== 'efron' && ties !== 'breslow') {
    throw new Error(`coxPH: invalid ties; expected 'efron' or 'breslow', got '${ties}'`);
  }
  if (!Number.isInteger(maxIter) || maxIter < 0) {
    throw new Error(`coxPH: invalid maxIter; expected a whole number >= 0, got ${maxIter}`);
  }
  if (!(tol > 0)) throw new Error(`coxPH: invalid tol; expected a positive number, got ${tol}`);
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new Error(`coxPH: invalid confLevel; expected a number in (0, 1), got ${confLevel}`);
  }
  const status = survivalInput('coxPH', rawTime, event);
  const n = rawTime.length;
  if (caseW && frequencies)
    throw new Error('coxPH: invalid weights; expected case weights or frequencies, got both');
  if (frequencies && Array.prototype.some.call(frequencies, (f: number) => !(Number.isInteger(f) && f >= 1)))
    throw new Error('coxPH: invalid frequencies; expected whole numbers of 1 or more');
  const weights = caseW ?? frequencies;
  const w = caseWeights('coxPH', weights, n);
  if (rawStart) startTimes('coxPH', rawStart, rawTime);
  const fixed = timefix ? fixTimes(rawTime, rawStart) : { time: rawTime, start: rawStart, changed: 0 };
  const time = fixed.time;
  const strataCodes = strata ? groupCodes('coxPH', strata, n) : null;
  if (strataCodes && strataCodes.codes.some((c) => c < 0)) {
    throw new Error('coxPH: invalid strata; expected a stratum for every row, got a missing one');
  }
  const extras = {
    weights: w,
    frequency: frequencies !== undefined,
    strata: strataCodes?.codes ?? null,
    start: fixed.start ?? null,
  };
  const pAll = names.length;
  if (pAll === 0) throw new Error('coxPH: invalid names; expected at least one covariate, got none');
  checkSize(x, n, names);
  const warnings: Warning[] = [];
  const full = coxData(
    time,
    status,
    x,
    pAll,
    names.map((_, j) => j),
    extras,
  );
  if (full.nonFinite) {
    // The first value that is not a finite number, in row order, as coxData met it.
    const { row, column, value } = full.nonFinite;
    throw new Error(
      `coxPH: invalid x; expected finite numbers, got ${value} in row ${row}, ${names[column]}`,
    );
  }
  if (full.nEvents === 0) throw new Error('coxPH: invalid event; expected at least one event, got none');

  // Aliased columns: greedily keep each column whose information at beta = 0 is not a combination of
  // those kept before it (R's cholesky2 drops the later of two collinear columns the same way).
  const score0 = new Float64Array(pAll);
  const info0 = new Float64Array(pAll * pAll);
  const logLik0 = coxLogLik(full, new Float64Array(pAll), ties === 'efron', score0, info0);
  const keep: number[] = [];
  for (let j = 0; j < pAll; j++) {
    const trial = [...keep, j];
    const sub = Float64Array.from({ length: trial.length ** 2 }, (_, e) => {
      return info0[trial[Math.floor(e / trial.length)] * pAll + trial[e % trial.length]];
    });
    if (info0[j * pAll + j] > 0 && cholesky(sub, trial.length, { tol: 1e-10 }) !== null) keep.push(j);
  }
  const aliased = names.filter((_, j) => !keep.includes(j));
  if (aliased.length > 0) {
    warnings.push({
      code: 'aliased',
      message: `No information on ${aliased.join(', ')} (collinear with other terms or constant within every risk set): left out, as R reports NA.`,
    });
  }
  const all = keep.length === pAll;
  const data = all ? full : coxData(time, status, x, pAll, keep, extras);
  const fit = coxNewton(data, ties === 'efron', maxIter, tol, all ? { logLik0, score0, info0 } : undefined);
  if (!fit.converged) {
    warnings.push({
      code: 'not-converged',
      message: `The fit did not converge in ${maxIter} iterations; the estimates are the best point reached.`,
    });
  }
  const p = keep.length;
  // R's check for a coefficient diverging: the Newton step still to take, u'V, is large.
  const infinite: string[] = [];
  for (let j = 0; j < p; j++) {
    let step = 0;
    for (let i = 0; i < p; i++) step += fit.score[i] * fit.variance[i * p + j];
    if (
      !Number.isFinite(fit.score[j]) ||
      (Math.abs(step) > tol && Math.abs(step) > Math.sqrt(tol) * Math.abs(fit.beta[j]))
    ) {
      infinite.push(names[keep[j]]);
    }
  }
  if (infinite.length > 0) {
    warnings.push({
      code: 'infinite-coefficient',
      message: `The estimate of ${infinite.join(', ')} is still moving where the likelihood has flattened: the coefficient may be infinite (for example a category with no events, or perfect separation).`,
    });
  }

  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const coefficients: CoxTerm[] = names.map((term, j) => {
    const k = keep.indexOf(j);
    const coef = k < 0 ? NaN : fit.beta[k];
    const se = k < 0 ? NaN : Math.sqrt(fit.variance[k * p + k]);
    return {
      term,
      coef,
      se,
      hr: Math.exp(coef),
      lower: Math.exp(coef - z * se),
      upper: Math.exp(coef + z * se),
      z: coef / se,
      p: normalTwoSidedP(coef / se),
    };
  });
  const variance = names.map((_, i) =>
    names.map((__, j) => {
      const a = keep.indexOf(i);
      const b = keep.indexOf(j);
      return a < 0 || b < 0 ? NaN : fit.variance[a * p + b];
    }),
  );
  let wald = 0;
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) wald += fit.beta[i] * fit.info[i * p + j] * fit.beta[j];
  const lr = 2 * (fit.logLik[1] - fit.logLik[0]);
  const test = (chisq: number): ChiSquareTest => ({ chisq, df: p, p: chiSquareUpper(chisq, p) });

  // The linear predictor in time order (the fit's last evaluation, at the estimate, kept it), with
  // the index of each row's distinct time standing in for the time: the concordance depends only on
  // the order of times and risks, not on the order of the rows (nor on the constant that centring
  // adds), and whole-number indices are ranked by a table. With strata, blocks run through each
  // stratum's times in turn, so the block index still orders times within a stratum, the only
  // place pairs are formed.
  const lp = fit.eta;
  const timeIndex = new Int32Array(n);
  const sortedStratum = data.blockStratum ? new Int32Array(n) : undefined;
  for (let b = 0; b < data.blockStart.length - 1; b++) {
    for (let q = data.blockStart[b]; q < data.blockStart[b + 1]; q++) {
      timeIndex[q] = b;
      if (sortedStratum) sortedStratum[q] = data.blockStratum![b];
    }
  }
  const means = names.map((_, j) => (keep.includes(j) ? data.means[keep.indexOf(j)] : full.means[j]));
  if (w && Array.prototype.some.call(w, (v: number) => v !== Math.floor(v))) {
    warnings.push({
      code: 'fractional-weights',
      message:
        'The weights are not whole numbers: the standard errors are the model-based ones, where R reports a robust (sandwich) variance for fractional weights (its naive.var holds these).',
    });
  }
  // Entry times on the same scale as timeIndex: the block of the last time at or before the start.
  let entryIndex: Float64Array | undefined;
  if (data.exitStart) {
    entryIndex = new Float64Array(n).fill(-1);
    for (let b = 0; b < data.blockStart.length - 1; b++) {
      for (let e = data.exitStart[b]; e < data.exitStart[b + 1]; e++) entryIndex[data.exitRow![e]] = b;
    }
  }
  return {
    method: 'cox-ph',
    ties,
    n: frequencies ? Array.from(frequencies).reduce((a, f) => a + f, 0) : n,
    nEvents: data.nEvents,
    coefficients,
    variance,
    means,
    logLik: fit.logLik,
    tests: { likelihoodRatio: test(lr), wald: test(wald), score: test(fit.scoreTest) },
    concordance: concordance(timeIndex, data.status, lp, {
      ...(data.weight ? { weights: data.weight } : {}),
      ...(sortedStratum ? { strata: sortedStratum } : {}),
      ...(entryIndex ? { start: entryIndex } : {}),
    }),
    iterations: fit.iterations,
    converged: fit.converged,
    confLevel,
    ...(strataCodes ? { strata: strataCodes.levels } : {}),
    timefix: { applied: timefix, changed: fixed.changed },
    warnings,
  };
}

/**
 * x has n rows of names.length values (thrown otherwise). That they are finite is checked by
 * coxData as it reads them (see coxPH), rather than in a pass of its own over millions of rows.
 */
function checkSize(x: ArrayLike<number> | DesignRows, n: number, names: string[]): void {
  const pAll = names.length;
  const rows = isDesignRows(x) ? x : null;
  const size = rows ? rows.n * rows.p : (x as ArrayLike<number>).length;
  if ((rows && rows.p !== pAll) || size !== n * pAll) {
    throw new Error(`coxPH: invalid x; expected ${n} x ${pAll} = ${n * pAll} values, got ${size}`);
  }
}
