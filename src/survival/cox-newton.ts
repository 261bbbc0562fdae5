// Newton-Raphson for the Cox partial likelihood, with R's step control (coxfit6, survival 3.5):
// the iteration behind coxPH, kept apart so the model set-up and the numerical loop read separately.
//
// Contract
// - Input: CoxData (sorted, centred; columns already screened so the information at beta = 0 is
//   positive definite), ties, maxIter, tol; optionally the evaluation at beta = 0 already made.
// - From beta = 0: the score test u'I^-1 u there; then Newton steps. A step is accepted when the
//   log-likelihood is finite, does not fall and the information stays positive definite; otherwise
//   the step is pulled back towards the last accepted beta by 1/2, then 2/3, 3/4 ... of the way
//   (coxfit6's `halving`). Converged when |1 - l_best / l_new| <= tol, l_best the best accepted
//   log-likelihood and l_new the one just evaluated (R's rule, checked at every step).
// - Output: beta, score and information at beta, variance (the inverse information; NaN if singular),
//   log-likelihood at 0 and at beta, iterations, converged. Out of iterations, beta is the best point
//   reached (with maxIter = 1 the one-step estimate, as R reports it).
import { cholesky, choleskyInverse, choleskySolve } from '../math/linalg.js';
import type { CoxData } from './cox-data.js';
import { coxLogLik, coxWork } from './cox-loglik.js';

export interface NewtonFit {
  beta: Float64Array;
  score: Float64Array;
  info: Float64Array;
  variance: Float64Array;
  logLik: [number, number];
  /** x'beta of each row (CoxData's order) at beta: the last evaluation's, which is at beta. */
  eta: Float64Array;
  scoreTest: number;
  iterations: number;
  converged: boolean;
}

/**
 * Maximise the Cox partial likelihood from beta = 0.
 * @example coxNewton(coxData(time, status, x, p, keep), true, 20, 1e-9).beta
 */
export function coxNewton(
  data: CoxData,
  efron: boolean,
  maxIter: number,
  tol: number,
  start?: { logLik0: number; score0: Float64Array; info0: Float64Array },
): NewtonFit {
  const p = data.p;
  // The rows' x'beta kept from each evaluation: the last one is at the beta returned (a step
  // accepted last, or the best beta evaluated again), or at 0 when none is made.
  const work = coxWork(p, data.n);
  const score = start ? start.score0.slice() : new Float64Array(p);
  const info = start ? start.info0.slice() : new Float64Array(p * p);
  let beta = new Float64Array(p);
  // The step from beta = 0 (the evaluation there may already be done: it decided the aliasing).
  const logLik0 = start ? start.logLik0 : coxLogLik(data, beta, efron, score, info, work);
  let chol = cholesky(info, p);
  // Columns were kept only where the information at 0 is positive definite.
  let step = choleskySolve(chol!, p, score);
  let scoreTest = 0;
  for (let i = 0; i < p; i++) scoreTest += score[i] * step[i];
  let best = logLik0;
  let newBeta = beta.map((b, i) => b + step[i]);
  let halving = 0;
  let iterations = 0;
  let converged = maxIter === 0;
  let bestInfo = info.slice();
  let bestScore = score.slice();
  let improved = false;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    const ll = coxLogLik(data, newBeta, efron, score, info, work);
    let finite = Number.isFinite(ll);
    for (let i = 0; i < p * p && finite; i++) finite = Number.isFinite(info[i]);
    for (let i = 0; i < p && finite; i++) finite = Number.isFinite(score[i]);
    chol = finite ? cholesky(info, p) : null;
    if (finite && chol !== null && Math.abs(1 - best / ll) <= tol) {
      beta = newBeta;
      best = ll;
      bestInfo = info.slice();
      bestScore = score.slice();
      converged = true;
      break;
    }
    if (iter === maxIter) {
      // Out of iterations: keep this last step if it improved on the best so far (with one
      // iteration that is the one-step Newton estimate, as R reports it).
      if (finite && chol !== null && ll >= best) {
        beta = newBeta;
        best = ll;
        bestInfo = info.slice();
        bestScore = score.slice();
        improved = true;
      }
      break;
    }
    if (!finite || chol === null || ll < best) {
      // Not improving: move back towards the last accepted beta, more firmly each time (coxfit6).
      halving++;
      newBeta = newBeta.map((b, i) => (b + halving * beta[i]) / (halving + 1));
    } else {
      halving = 0;
      best = ll;
      bestInfo = info.slice();
      bestScore = score.slice();
      step = choleskySolve(chol, p, score);
      beta = newBeta;
      newBeta = beta.map((b, i) => b + step[i]);
    }
  }
  if (!converged && maxIter > 0 && !improved) {
    // Report the last accepted beta with its own score and information.
    best = coxLogLik(data, beta, efron, score, info, work);
    bestInfo = info.slice();
    bestScore = score.slice();
  }
  if (maxIter === 0) beta = new Float64Array(p);
  const cholBest = cholesky(bestInfo, p);
  const variance = cholBest === null ? new Float64Array(p * p).fill(NaN) : choleskyInverse(cholBest, p);
  return {
    beta,
    score: bestScore,
    info: bestInfo,
    variance,
    logLik: [logLik0, best],
    eta: work.eta!,
    scoreTest,
    iterations,
    converged,
  };
}
