// EM for the latent class model of poLCA (Linzer & Lewis 2011; Goodman 1974) on compressed patterns.
// Inputs: a PatternTable (./patterns.ts) and starting parameters in the flat layout (./types.ts):
// K shares and K x P item-response probabilities. Output: the parameters after the last step, the
// log-likelihood at exactly those parameters, the EM steps run, whether the rule below stopped it,
// and warnings.
// One EM step is one pass over the S distinct patterns, fusing the E-step with the sufficient
// statistics of the M-step, at a cost of S x K x (cells per pattern); ./e-step.ts computes each
// pattern's posterior with scaled factors, and on the log scale (log-sum-exp) where a likelihood
// would underflow (poLCA rescales by DBL_MAX instead).
// Acceleration (default on): SQUAREM, scheme S3 of Varadhan & Roland (2008), on the shares and
// probabilities: two EM steps give r and v, the extrapolated point (kept inside the simplex, see
// `extrapolated`) is stabilised by one more EM step and kept only if its log-likelihood is at least
// that after the first EM step; otherwise the plain EM iterate is used, so the log-likelihood never
// falls. The step bound starts at 1 and grows by 4 while steps are accepted, as in the SQUAREM
// package. It cuts EM's crawls along flat ridges several times (12 classes on the synthetic council:
// 1,500 steps instead of 5,200). On the log scale instead, the tiny probabilities of a boundary
// solution, which jump by orders of magnitude between steps, swamped the step length.
// Convergence: stop when one plain EM step raises the log-likelihood by no more than tol * |logLik|
// (poLCA uses an absolute 1e-10; a relative rule keeps its meaning at 3.6 million records, where an
// absolute 1e-10 is below double precision), or after maxIter EM steps.
// Warnings: a run that hit maxIter; class-item probabilities within 1e-8 of 0 or 1 (a boundary
// solution: standard errors are undefined there, as in poLCA's carcinoma fits); a vanished class.
import type { Warning } from '../warnings.js';
import { EStepKernel } from './e-step.js';
import { MISSING, type FlatParameters, type PatternTable } from './types.js';

export interface EmOptions {
  /** Relative rise in log-likelihood of one EM step that counts as converged; defaults to 1e-12. */
  tol?: number;
  /** Most EM steps (passes over the patterns); defaults to 5000. 0 evaluates the start. */
  maxIter?: number;
  /** SQUAREM acceleration; defaults to true. */
  accelerate?: boolean;
  /** Leave out the warnings (a burn-in run stops early by design). */
  quiet?: boolean;
}

export interface EmResult extends FlatParameters {
  logLik: number;
  /** EM steps run (passes over the patterns, including SQUAREM's). */
  iterations: number;
  converged: boolean;
  warnings: Warning[];
}

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
  { tol = 1e-12, maxIter = 5000, accelerate = true, quiet = false }: EmOptions = {},
): EmResult {
  const { itemOffset, counts, nCells: U, cellStart, cellItem, cellValue } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const K = start.shares.length;
  if (K < 1) throw new Error(`lcaEm: invalid start; expected at least 1 class, got ${K}`);
  if (start.probs.length !== K * P)
    throw new Error(`lcaEm: invalid start; expected ${K * P} probabilities, got ${start.probs.length}`);
  if (!(table.n > 0)) throw new Error('lcaEm: invalid table; expected at least one record, got none');
  if (!(tol >= 0)) throw new Error(`lcaEm: invalid tol; expected a number >= 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new Error(`lcaEm: invalid maxIter; expected an integer >= 0, got ${maxIter}`);

  const n = table.n;
  const kernel = new EStepKernel(table, K);
  const weight = new Float64Array(U * K); // expected counts per cell, cell-major
  const total = new Float64Array(K);
  const stat = new Float64Array(K * P);
  const miss = new Float64Array(K * J);
  let emptyClass = false;

  // One EM step: the log-likelihood at `src`, and the M-step from it written into `dst`.
  const step = (src: FlatParameters, dst: FlatParameters): number => {
    kernel.prepare(src);
    const ll = kernel.expectedCounts(counts, weight, total);
    // Expected counts of each non-reference response (and of missing ones) from those of the cells.
    stat.fill(0);
    miss.fill(0);
    for (let u = 0; u < U; u++) {
      for (let e = cellStart[u]!; e < cellStart[u + 1]!; e++) {
        const j = cellItem[e]!;
        const v = cellValue[e]!;
        for (let k = 0; k < K; k++) {
          const w = weight[u * K + k]!;
          if (v === MISSING) miss[k * J + j] += w;
          else stat[k * P + itemOffset[j]! + v] += w;
        }
      }
    }
    for (let k = 0; k < K; k++) {
      const t = total[k]!;
      dst.shares[k] = t / n;
      for (let j = 0; j < J; j++) {
        const o = k * P + itemOffset[j]!;
        const denom = t - miss[k * J + j]!;
        // A class (or item) with no expected records keeps its probabilities: 0/0 has no estimate.
        if (!(denom > 0)) {
          if (!(t > 0)) emptyClass = true;
          for (let c = o; c < k * P + itemOffset[j + 1]!; c++) dst.probs[c] = src.probs[c]!;
          continue;
        }
        let rest = 0;
        for (let c = o + 1; c < k * P + itemOffset[j + 1]!; c++) {
          const p = Math.min(1, stat[c]! / denom);
          dst.probs[c] = p;
          rest += p;
        }
        dst.probs[o] = rest < 1 ? 1 - rest : 0;
      }
    }
    return ll;
  };

  const make = (): FlatParameters => ({ shares: new Float64Array(K), probs: new Float64Array(K * P) });
  let p0: FlatParameters = { shares: Float64Array.from(start.shares), probs: Float64Array.from(start.probs) };
  let p1 = make();
  let p2 = make();
  const px = make();
  let iterations = 0;
  let converged = false;
  let ll0 = step(p0, p1);
  let last = 0;
  let stepMax = 1;

  while (iterations < maxIter) {
    // p1 = F(p0) is known with ll0 = l(p0); one more pass gives l(p1) and p2 = F(p1).
    const ll1 = step(p1, p2);
    iterations++;
    last = ll1 - ll0;
    if (last <= tol * Math.abs(ll1)) {
      p0 = p1;
      ll0 = ll1;
      converged = true;
      break;
    }
    if (!accelerate || iterations + 2 > maxIter) {
      [p0, p1, p2] = [p1, p2, p0];
      ll0 = ll1;
      continue;
    }
    const alpha = Math.min(stepMax, Math.max(1, stepLength(p0, p1, p2)));
    extrapolated(p0, p1, p2, px, itemOffset, alpha);
    // Stabilise: p0 <- F(px); accept when l(px) >= l(p1).
    const llx = step(px, p0);
    iterations++;
    if (llx >= ll1 && Number.isFinite(llx)) {
      if (alpha === stepMax) stepMax *= 4;
      // p0 now holds F(px), whose log-likelihood comes with the next pass.
      ll0 = step(p0, p1);
      iterations++;
    } else {
      stepMax = Math.max(1, stepMax / 4);
      [p0, p2] = [p2, p0];
      ll0 = step(p0, p1);
      iterations++;
    }
  }

  const result = { shares: p0.shares, probs: p0.probs, logLik: ll0, iterations, converged };
  const warnings: Warning[] = [];
  if (!quiet) {
    if (!converged && maxIter > 0)
      warnings.push({
        code: 'not-converged',
        message: `EM reached its limit of steps (maxIter) before the log-likelihood settled (last rise ${last.toExponential(2)}); raise maxIter.`,
      });
    const atBoundary = countBoundary(p0.probs, itemOffset, K);
    if (atBoundary > 0)
      warnings.push({
        code: 'boundary',
        message: `${atBoundary} of ${K * J} class-item response probabilities are within ${BOUNDARY} of 0 or 1 (a boundary solution): their standard errors are not defined.`,
      });
    if (emptyClass || p0.shares.some((p) => p < BOUNDARY))
      warnings.push({
        code: 'empty-class',
        message: 'A class has a share of (almost) zero: fewer classes describe these data as well.',
      });
  }
  return { ...result, warnings };
}

/** SQUAREM S3 step length sqrt(|r|^2 / |v|^2); r = x1 - x0, v = x2 - 2 x1 + x0 over all parameters. */
function stepLength(p0: FlatParameters, p1: FlatParameters, p2: FlatParameters): number {
  let rr = 0;
  let vv = 0;
  const add = (x0: Float64Array, x1: Float64Array, x2: Float64Array): void => {
    for (let i = 0; i < x0.length; i++) {
      const r = x1[i]! - x0[i]!;
      const v = x2[i]! - x1[i]! - r;
      rr += r * r;
      vv += v * v;
    }
  };
  add(p0.shares, p1.shares, p2.shares);
  add(p0.probs, p1.probs, p2.probs);
  return vv > 0 ? Math.sqrt(rr / vv) : 1;
}

/**
 * px = x0 + 2 alpha r + alpha^2 v, a value carried below 0 replaced by a hundredth of its EM value
 * x2 (a boundary estimate heads to 0, but an exact 0 is one EM could never leave), then renormalised
 * within the shares and within each class-item row.
 */
function extrapolated(
  p0: FlatParameters,
  p1: FlatParameters,
  p2: FlatParameters,
  px: FlatParameters,
  itemOffset: Int32Array,
  alpha: number,
): void {
  const row = (
    x0: Float64Array,
    x1: Float64Array,
    x2: Float64Array,
    out: Float64Array,
    from: number,
    to: number,
  ): void => {
    let sum = 0;
    for (let i = from; i < to; i++) {
      const r = x1[i]! - x0[i]!;
      const v = x2[i]! - x1[i]! - r;
      let x = x0[i]! + 2 * alpha * r + alpha * alpha * v;
      if (!(x > 0)) x = 0.01 * x2[i]!;
      out[i] = x;
      sum += x;
    }
    for (let i = from; i < to; i++) out[i]! /= sum;
  };
  row(p0.shares, p1.shares, p2.shares, px.shares, 0, px.shares.length);
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const K = px.shares.length;
  for (let k = 0; k < K; k++)
    for (let j = 0; j < J; j++)
      row(p0.probs, p1.probs, p2.probs, px.probs, k * P + itemOffset[j]!, k * P + itemOffset[j + 1]!);
}

// Class-item pairs with a category probability within BOUNDARY of 0 (so another is near 1, or the
// class never takes that category).
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
