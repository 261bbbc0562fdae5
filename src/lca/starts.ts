// Fit a K-class model from many seeded random starts, keeping the best log-likelihood, because EM finds
// a local maximum near where it starts (poLCA's carcinoma with K = 4 reaches its maximum from 16 of 50
// starts). A random start is poLCA's: equal shares, and each class-item row of probabilities uniform
// random numbers normalised to sum to 1, drawn in order from `random(seed)` (src/math/random.ts), so a
// fit is reproduced from its seed. A start from given parameters (a scheme, last year's fit) is run as
// well when supplied; with `order: 'given'` the classes then keep its order, so labels stay put.
// Search: every start runs `burnIn` EM iterations; the `keep` best then run to convergence (burnIn = 0
// runs every start to convergence, as poLCA does). The report says how many converged starts reached
// the best log-likelihood; a best reached once is a warning.
// Output: an LcaFit (./types.ts), classes ordered by descending share unless order = 'given'.
import { random } from '../math/random.js';
import type { Warning } from '../warnings.js';
import { lcaEm, type EmResult } from './em.js';
import { flatParameters } from './flat-parameters.js';
import { lcaFitIndices } from './fit-indices.js';
import { lcaPosterior } from './posterior.js';
import type { FlatParameters, LcaFit, LcaParameters, PatternTable } from './types.js';

export interface StartsOptions {
  /** Number of classes K (>= 1). */
  classes: number;
  /** Random starts; defaults to 20 (0 with a given start fits from that start alone). */
  starts?: number;
  /** Seed of the random starts; defaults to 1. */
  seed?: number;
  /** A start from given parameters, run besides the random ones. */
  start?: LcaParameters | FlatParameters;
  /** EM iterations every start runs before the best continue; defaults to 30 (0: all run fully). */
  burnIn?: number;
  /** Starts continued to convergence after the burn-in; defaults to max(3, a quarter of the starts). */
  keep?: number;
  /** Relative convergence tolerance on the log-likelihood (see ./em.ts); defaults to 1e-10. */
  tol?: number;
  /** SQUAREM acceleration of EM (see ./em.ts); defaults to true. */
  accelerate?: boolean;
  /** Most EM iterations per start; defaults to 5000. */
  maxIter?: number;
  /** Class order of the result: 'share' (descending, poLCA's reference order) or 'given'. */
  order?: 'share' | 'given';
}

/** A relative gap in log-likelihood below which two starts count as reaching the same maximum. */
const SAME_MAX = 1e-7;

/**
 * The best of many EM runs for a K-class model.
 * @param table compressed patterns (lcaPatterns)
 * @example lcaStarts(table, {classes: 2, starts: 10, seed: 1}).logLik // -317.2568373 (carcinoma)
 */
export function lcaStarts(
  table: PatternTable,
  {
    classes,
    starts = 20,
    seed = 1,
    start,
    burnIn = 30,
    keep,
    tol = 1e-10,
    accelerate = true,
    maxIter = 5000,
    order = 'share',
  }: StartsOptions,
): LcaFit {
  const K = classes;
  if (!Number.isInteger(K) || K < 1)
    throw new Error(`lcaStarts: invalid classes; expected an integer >= 1, got ${classes}`);
  if (!Number.isInteger(starts) || starts < 0)
    throw new Error(`lcaStarts: invalid starts; expected an integer >= 0, got ${starts}`);
  if (starts === 0 && !start)
    throw new Error('lcaStarts: invalid starts; expected at least 1 random start when no start is given');
  if (!Number.isInteger(burnIn) || burnIn < 0)
    throw new Error(`lcaStarts: invalid burnIn; expected an integer >= 0, got ${burnIn}`);
  if (order !== 'share' && order !== 'given')
    throw new Error(`lcaStarts: invalid order; expected 'share' or 'given', got '${order}'`);
  if (table.n === 0) throw new Error('lcaStarts: invalid table; expected at least one record, got none');

  const candidates: FlatParameters[] = [];
  if (start) {
    const given = flatParameters(table, start);
    if (given.shares.length !== K)
      throw new Error(`lcaStarts: invalid start; expected ${K} classes, got ${given.shares.length}`);
    candidates.push(given);
  }
  const rng = random(seed);
  // K = 1 has a single maximum (the observed proportions): one start finds it.
  const nRandom = K === 1 && start === undefined ? 1 : starts;
  for (let r = 0; r < nRandom; r++) candidates.push(randomStart(table, K, rng));

  const nKeep = Math.min(candidates.length, keep ?? Math.max(3, Math.ceil(candidates.length / 4)));
  let runs: EmResult[];
  if (burnIn > 0 && nKeep < candidates.length) {
    const burnt = candidates.map((c) => lcaEm(table, c, { tol, accelerate, maxIter: burnIn, quiet: true }));
    const best = burnt
      .map((r, i) => ({ r, i }))
      .sort((x, y) => y.r.logLik - x.r.logLik || x.i - y.i)
      .slice(0, nKeep);
    runs = best.map(({ r }) => {
      const more = lcaEm(table, r, {
        tol,
        accelerate,
        maxIter: r.converged ? 0 : Math.max(0, maxIter - r.iterations),
      });
      return {
        ...more,
        iterations: r.iterations + more.iterations,
        converged: r.converged || more.converged,
      };
    });
  } else {
    runs = candidates.map((c) => lcaEm(table, c, { tol, accelerate, maxIter }));
  }

  let bestIndex = 0;
  runs.forEach((r, i) => {
    if (r.logLik > runs[bestIndex]!.logLik) bestIndex = i;
  });
  const best = runs[bestIndex]!;
  const logLiks = runs.map((r) => r.logLik).sort((x, y) => y - x);
  const atBest = logLiks.filter((ll) => best.logLik - ll <= SAME_MAX * Math.abs(best.logLik)).length;

  const perm = Array.from({ length: K }, (_, k) => k);
  if (order === 'share') perm.sort((x, y) => best.shares[y]! - best.shares[x]! || x - y);
  const sorted = permute(best, perm, table.itemOffset);
  const posterior = lcaPosterior(table, sorted);
  const indices = lcaFitIndices(table, best.logLik, posterior);

  const warnings: Warning[] = [...table.warnings, ...best.warnings];
  if (runs.length > 1 && atBest === 1)
    warnings.push({
      code: 'best-not-replicated',
      message: `The best log-likelihood was reached by only one of ${runs.length} starts run to convergence: more starts may find a higher maximum.`,
    });
  const J = table.nCategories.length;
  const P = table.itemOffset[J]!;
  const probs = Array.from({ length: K }, (_, k) =>
    table.nCategories.map((C, j) =>
      Array.from(sorted.probs.subarray(k * P + table.itemOffset[j]!, k * P + table.itemOffset[j]! + C)),
    ),
  );
  return {
    classes: K,
    items: [...table.items],
    nCategories: [...table.nCategories],
    n: table.n,
    nPatterns: table.nPatterns,
    logLik: indices.logLik,
    nParams: indices.nParams,
    aic: indices.aic,
    bic: indices.bic,
    entropy: indices.entropy,
    shares: Array.from(sorted.shares),
    itemProbs: probs.map((byItem) => byItem.map((p) => p[1]!)),
    probs,
    averagePosterior: indices.averagePosterior,
    modalCounts: indices.modalCounts,
    iterations: best.iterations,
    converged: best.converged,
    starts: {
      seed,
      random: nRandom,
      given: start !== undefined,
      burnIn: nKeep < candidates.length ? burnIn : 0,
      continued: runs.length,
      logLiks,
      atBest,
    },
    warnings,
  };
}

/** poLCA's random start: equal shares; each class-item row uniform random, normalised. */
function randomStart(table: PatternTable, K: number, rng: ReturnType<typeof random>): FlatParameters {
  const { itemOffset } = table;
  const J = itemOffset.length - 1;
  const P = itemOffset[J]!;
  const probs = new Float64Array(K * P);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      const o = k * P + itemOffset[j]!;
      const C = itemOffset[j + 1]! - itemOffset[j]!;
      let sum = 0;
      // The midpoint of each 2^-32 step, so a start never holds an exact 0 that EM could not leave.
      for (let c = 0; c < C; c++) sum += probs[o + c] = rng.next() + 2 ** -33;
      for (let c = 0; c < C; c++) probs[o + c]! /= sum;
    }
  }
  return { shares: new Float64Array(K).fill(1 / K), probs };
}

function permute(p: FlatParameters, perm: number[], itemOffset: Int32Array): FlatParameters {
  const P = itemOffset[itemOffset.length - 1]!;
  const shares = new Float64Array(perm.length);
  const probs = new Float64Array(perm.length * P);
  perm.forEach((from, to) => {
    shares[to] = p.shares[from]!;
    probs.set(p.probs.subarray(from * P, (from + 1) * P), to * P);
  });
  return { shares, probs };
}
