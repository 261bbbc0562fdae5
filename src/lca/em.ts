// EM for the latent class model of poLCA (Linzer & Lewis 2011; Goodman 1974) on compressed patterns.
// Inputs: a PatternTable (./patterns.ts) and starting parameters in the flat layout (./types.ts):
// K shares and K x P item-response probabilities. Output: the parameters after the last M-step, the
// log-likelihood at exactly those parameters, the iterations (M-steps) run, whether the rule below
// stopped it, and warnings.
// One iteration is one pass over the S distinct patterns, fusing the E-step and the sufficient
// statistics of the M-step. Each item's category 0 is the reference: the log-likelihood of pattern s in
// class k is base_k + sum over its non-zero responses of (log theta_kjc - log theta_kj0), minus
// log theta_kj0 for a missing item, so the cost is S x K x (non-zero responses), not S x K x J.
// The E-step works on the log scale with log-sum-exp, because a pattern's likelihood under a class
// underflows for a few dozen items (poLCA rescales by DBL_MAX instead). Probabilities of exactly 0
// (a boundary maximum) are taken as 1e-300 on the log scale so that 0 * log 0 never gives NaN.
// Convergence: stop when the log-likelihood rises by no more than tol * |logLik| between iterations
// (poLCA uses an absolute change of 1e-10; a relative rule keeps the same meaning at 3.6 million
// records, where an absolute 1e-10 is below double precision), or after maxIter M-steps.
// Warnings: a run that hit maxIter; probabilities within 1e-8 of 0 or 1 (a boundary solution: standard
// errors undefined there, as poLCA's carcinoma fits with K >= 2 show); a class whose share vanished.
import type { Warning } from '../warnings.js';
import type { FlatParameters, PatternTable } from './types.js';

export interface EmOptions {
  /** Relative change in log-likelihood that counts as converged; defaults to 1e-12. */
  tol?: number;
  /** Most M-steps; defaults to 5000. 0 evaluates the log-likelihood at the start. */
  maxIter?: number;
  /** Leave out the boundary and non-convergence warnings (a burn-in run stops early by design). */
  quiet?: boolean;
}

export interface EmResult extends FlatParameters {
  logLik: number;
  iterations: number;
  converged: boolean;
  warnings: Warning[];
}

const LOG_FLOOR = Math.log(1e-300);
const BOUNDARY = 1e-8;

/**
 * Run EM from a start until the log-likelihood stops rising.
 * @param table distinct patterns with counts (lcaPatterns)
 * @param start shares (K, summing to 1) and probabilities (K x P, each item's categories summing to 1)
 * @example lcaEm(table, start).logLik // -317.2568373 for poLCA's carcinoma with a good 2-class start
 */
export function lcaEm(
  table: PatternTable,
  start: FlatParameters,
  { tol = 1e-12, maxIter = 5000, quiet = false }: EmOptions = {},
): EmResult {
  const { itemOffset, nzStart, nzCell, missStart, missItem, counts, nPatterns: S } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const K = start.shares.length;
  if (K < 1) throw new Error(`lcaEm: invalid start; expected at least 1 class, got ${K}`);
  if (start.probs.length !== K * P)
    throw new Error(`lcaEm: invalid start; expected ${K * P} probabilities, got ${start.probs.length}`);
  if (!(tol >= 0)) throw new Error(`lcaEm: invalid tol; expected a number >= 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new Error(`lcaEm: invalid maxIter; expected an integer >= 0, got ${maxIter}`);

  const shares = Float64Array.from(start.shares);
  const probs = Float64Array.from(start.probs);
  const n = table.n;
  const base = new Float64Array(K);
  const delta = new Float64Array(P * K); // cell-major: delta[cell * K + k]
  const logRef = new Float64Array(J * K); // log theta_kj0, item-major
  const stat = new Float64Array(P * K); // expected counts per cell (c >= 1), cell-major
  const missStat = new Float64Array(J * K);
  const total = new Float64Array(K);
  const a = new Float64Array(K);
  let emptyClass = false;

  const prepare = (): void => {
    for (let k = 0; k < K; k++) {
      let b = safeLog(shares[k]!);
      for (let j = 0; j < J; j++) {
        const o = k * P + itemOffset[j]!;
        const l0 = safeLog(probs[o]!);
        logRef[j * K + k] = l0;
        b += l0;
        for (let c = itemOffset[j]! + 1; c < itemOffset[j + 1]!; c++) {
          delta[c * K + k] = safeLog(probs[k * P + c]!) - l0;
        }
      }
      base[k] = b;
    }
  };

  // One pass: the log-likelihood at the current parameters and the expected counts for the M-step.
  const eStep = (): number => {
    stat.fill(0);
    missStat.fill(0);
    total.fill(0);
    let ll = 0;
    for (let s = 0; s < S; s++) {
      for (let k = 0; k < K; k++) a[k] = base[k]!;
      const e0 = nzStart[s]!;
      const e1 = nzStart[s + 1]!;
      for (let e = e0; e < e1; e++) {
        const c = nzCell[e]! * K;
        for (let k = 0; k < K; k++) a[k] += delta[c + k]!;
      }
      const m0 = missStart[s]!;
      const m1 = missStart[s + 1]!;
      for (let e = m0; e < m1; e++) {
        const c = missItem[e]! * K;
        for (let k = 0; k < K; k++) a[k] -= logRef[c + k]!;
      }
      let max = a[0]!;
      for (let k = 1; k < K; k++) if (a[k]! > max) max = a[k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const x = Math.exp(a[k]! - max);
        a[k] = x;
        sum += x;
      }
      const w = counts[s]!;
      ll += w * (max + Math.log(sum));
      const scale = w / sum;
      for (let k = 0; k < K; k++) {
        const x = a[k]! * scale;
        a[k] = x;
        total[k] += x;
      }
      for (let e = e0; e < e1; e++) {
        const c = nzCell[e]! * K;
        for (let k = 0; k < K; k++) stat[c + k] += a[k]!;
      }
      for (let e = m0; e < m1; e++) {
        const c = missItem[e]! * K;
        for (let k = 0; k < K; k++) missStat[c + k] += a[k]!;
      }
    }
    return ll;
  };

  const mStep = (): void => {
    for (let k = 0; k < K; k++) {
      const t = total[k]!;
      shares[k] = t / n;
      // A class with no expected records keeps its probabilities: 0/0 has no estimate.
      if (!(t > 0)) {
        emptyClass = true;
        continue;
      }
      for (let j = 0; j < J; j++) {
        const denom = t - missStat[j * K + k]!;
        if (!(denom > 0)) continue;
        let rest = 0;
        for (let c = itemOffset[j]! + 1; c < itemOffset[j + 1]!; c++) {
          const p = Math.min(1, stat[c * K + k]! / denom);
          probs[k * P + c] = p;
          rest += p;
        }
        probs[k * P + itemOffset[j]!] = rest < 1 ? 1 - rest : 0;
      }
    }
  };

  prepare();
  let ll = eStep();
  let prev = -Infinity;
  let iterations = 0;
  let converged = false;
  for (;;) {
    if (iterations > 0 && ll - prev <= tol * Math.abs(ll)) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    mStep();
    prepare();
    prev = ll;
    ll = eStep();
    iterations++;
  }

  const warnings: Warning[] = [];
  if (!quiet) {
    if (!converged && maxIter > 0)
      warnings.push({
        code: 'not-converged',
        message: `EM stopped after ${maxIter} iterations before the log-likelihood settled (last change ${(ll - prev).toExponential(2)}); raise maxIter.`,
      });
    const atBoundary = countBoundary(probs, itemOffset, K);
    if (atBoundary > 0)
      warnings.push({
        code: 'boundary',
        message: `${atBoundary} of ${K * J} class-item response probabilities are within ${BOUNDARY} of 0 or 1 (a boundary solution): their standard errors are not defined.`,
      });
    if (emptyClass || shares.some((p) => p < BOUNDARY))
      warnings.push({
        code: 'empty-class',
        message: 'A class has a share of (almost) zero: fewer classes describe these data as well.',
      });
  }
  return { shares, probs, logLik: ll, iterations, converged, warnings };
}

function safeLog(x: number): number {
  return x > 1e-300 ? Math.log(x) : LOG_FLOOR;
}

// Class-item pairs with a category probability within BOUNDARY of 0 (so another is near 1 or the
// item has a category that class never takes).
function countBoundary(probs: Float64Array, itemOffset: Int32Array, K: number): number {
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  let count = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      for (let c = itemOffset[j]!; c < itemOffset[j + 1]!; c++) {
        if (probs[k * P + c]! < BOUNDARY) {
          count++;
          break;
        }
      }
    }
  }
  return count;
}
