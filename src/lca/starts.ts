// Fit a K-class model from many seeded random starts, keeping the best log-likelihood, because EM finds
// a local maximum near where it starts (poLCA's carcinoma with K = 4 reaches its maximum from 16 of 50
// starts). Random starts are drawn in order from `random(seed)` (src/math/random.ts), so a fit is
// reproduced from its seed. A start from given parameters (a scheme, last year's fit) is run as
// well when supplied; with `order: 'given'` the classes then keep its order, so labels stay put.
// Random starts cycle through poLCA's kind, random partitions and k-means++ seeds (./random-start.ts).
// Search: every start is screened, EM run to a looser tolerance (`screenTol`, at most `burnIn` steps;
// on a random sample of `screenSample` records when there are more); the `keep` best then continue
// on all records to `tol` (burnIn = 0 runs every start to convergence, as poLCA does). Ranking starts
// after a fixed number of steps proved unreliable (values and gss82 with 3 classes lost their maximum
// in half the seeds); ranking them at a loose convergence found it as often as full runs.
// Diagnostics, as warnings: the best log-likelihood reached by a single start (more starts may find a
// higher one); starts that reach the same best log-likelihood with parameters more than 0.01 apart
// (the maximum is not unique: the model is not identified, as poLCA's values with 3 classes); more
// parameters than the data have free cells.
// Output: an LcaFit (./types.ts), classes ordered by descending share unless order = 'given'; its
// standard-error fields are null (withStandardErrors, ./with-standard-errors.ts, fills them in).
import { random } from '../math/random.js';
import type { Warning } from '../warnings.js';
import { lcaEm, type EmResult } from './em.js';
import { flatParameters } from './flat-parameters.js';
import { lcaFitIndices } from './fit-indices.js';
import { lcaPosterior } from './posterior.js';
import { samplePatterns } from './sample-patterns.js';
import { randomStart } from './random-start.js';
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
  /** Most EM steps of the screening stage; defaults to 200 (0: no screening, all run fully). */
  burnIn?: number;
  /** Starts continued to convergence after the screening; defaults to max(3, a fifth of the starts). */
  keep?: number;
  /** Relative convergence tolerance on the log-likelihood (see ./em.ts); defaults to 1e-12. */
  tol?: number;
  /** SQUAREM acceleration of EM (see ./em.ts); defaults to true. */
  accelerate?: boolean;
  /** Most EM steps per start, its screening included; defaults to 5000. */
  maxIter?: number;
  /** Looser tolerance of the screening stage every start runs; defaults to 1e-6. */
  screenTol?: number;
  /** Screen on a sample of this many records when there are more; defaults to 100,000. */
  screenSample?: number;
  /** Called after each start's EM run, with the runs done and the runs planned. */
  progress?: (done: number, total: number) => void;
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
    burnIn = 200,
    keep,
    tol = 1e-12,
    accelerate = true,
    maxIter = 5000,
    order = 'share',
    screenTol = 1e-6,
    screenSample = 100_000,
    progress,
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
  for (let r = 0; r < nRandom; r++) candidates.push(randomStart(table, K, rng, r));

  const nKeep = Math.min(candidates.length, keep ?? Math.max(3, Math.ceil(candidates.length / 5)));
  let runs: EmResult[];
  let steps = 0;
  let screenRecords = 0;
  if (burnIn > 0 && nKeep < candidates.length) {
    const screenTable =
      table.n > screenSample ? samplePatterns(table, screenSample, random(seed ^ 0x5ca1ab1e)) : table;
    screenRecords = screenTable.n;
    const burnt = candidates.map((c, i) => {
      const r = lcaEm(screenTable, c, {
        tol: Math.max(tol, screenTol),
        accelerate,
        maxIter: burnIn,
        quiet: true,
      });
      steps += r.iterations + 1;
      progress?.(i + 1, candidates.length + nKeep);
      return r;
    });
    const best = burnt
      .map((r, i) => ({ r, i }))
      .sort((x, y) => y.r.logLik - x.r.logLik || x.i - y.i)
      .slice(0, nKeep);
    // A start that met the looser screening rule continues under the final one.
    const screened = Math.max(tol, screenTol) > tol;
    runs = best.map(({ r }, i) => {
      const done = r.converged && !screened;
      const more = lcaEm(table, r, {
        tol,
        accelerate,
        maxIter: done ? 0 : Math.max(0, maxIter - r.iterations),
      });
      steps += more.iterations + 1;
      progress?.(candidates.length + i + 1, candidates.length + nKeep);
      return { ...more, iterations: r.iterations + more.iterations, converged: done || more.converged };
    });
  } else {
    runs = candidates.map((c, i) => {
      const r = lcaEm(table, c, { tol, accelerate, maxIter });
      steps += r.iterations + 1;
      progress?.(i + 1, candidates.length);
      return r;
    });
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
  const spread = Math.max(
    0,
    ...runs
      .filter((r) => r !== best && best.logLik - r.logLik <= SAME_MAX * Math.abs(best.logLik))
      .map((r) => distance(best, r, table.itemOffset)),
  );
  if (spread > 0.01)
    warnings.push({
      code: 'weakly-identified',
      message: `Starts reaching the same best log-likelihood disagree on shares or probabilities by up to ${spread.toFixed(2)}: the maximum is not unique, so the model is not identified with ${K} classes.`,
    });
  const cells = table.nCategories.reduce((p, c) => p * c, 1);
  if (K > 1 && cells < 2 ** 40 && K * table.nCategories.reduce((s, c) => s + c - 1, 0) + K - 1 > cells - 1)
    warnings.push({
      code: 'not-identified',
      message: `The model has more parameters than the data have free cells (${cells - 1}): it is not identified with ${K} classes.`,
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
    // Standard errors are a step of their own (with-standard-errors.ts).
    sharesSe: null,
    itemProbsSe: null,
    probsSe: null,
    averagePosterior: indices.averagePosterior,
    modalCounts: indices.modalCounts,
    iterations: best.iterations,
    converged: best.converged,
    starts: {
      seed,
      random: nRandom,
      given: start !== undefined,
      burnIn: nKeep < candidates.length ? burnIn : 0,
      screenTol: nKeep < candidates.length && burnIn > 0 ? Math.max(tol, screenTol) : tol,
      continued: runs.length,
      logLiks,
      atBest,
      steps,
      screenRecords,
    },
    warnings,
  };
}

/**
 * Largest difference in a share or probability between two fits, classes matched greedily (each of
 * a's classes, in order, to the nearest unmatched class of b), since starts label classes arbitrarily.
 */
function distance(a: FlatParameters, b: FlatParameters, itemOffset: Int32Array): number {
  const K = a.shares.length;
  const P = itemOffset[itemOffset.length - 1]!;
  const used = new Array<boolean>(K).fill(false);
  let worst = 0;
  for (let k = 0; k < K; k++) {
    let nearest = -1;
    let gap = Infinity;
    for (let m = 0; m < K; m++) {
      if (used[m]) continue;
      let d = Math.abs(a.shares[k]! - b.shares[m]!);
      for (let i = 0; i < P; i++) d = Math.max(d, Math.abs(a.probs[k * P + i]! - b.probs[m * P + i]!));
      if (d < gap) {
        gap = d;
        nearest = m;
      }
    }
    used[nearest] = true;
    worst = Math.max(worst, gap);
  }
  return worst;
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
