// Local latent class fits for the demand analysis: K classes, or every K in a range chosen by BIC,
// from many seeded starts, with progress and a checkpoint between EM iterations so the worker can
// report and cancel. Input: a PatternTable of binary factor items (./factor-patterns.ts). Output: one
// LcaFit per K (src/lca/types.ts; classes by descending share) and the table of fit indices.
//
// Why not poLCA's random starts (src/lca/starts.ts, which the `lca` command uses to reproduce poLCA):
// factor items are sparse (most codes are recorded in under 5% of assessments), and a start whose
// probabilities are uniform on [0, 1] sits far from any maximum; with 12 classes over 41 codes, ten
// such starts on the synthetic council all stopped at local maxima 2,500 log-likelihood units below
// the one the planted parameters lead to. Here each start is seeded from the data instead, as
// k-means++ seeds clusters (Arthur & Vassilvitskii 2007): K patterns drawn one after another with
// probability proportional to count x (Hamming distance to the nearest pattern drawn)^2, each class
// starting at P = 0.75 for its pattern's codes and half the code's overall rate for the rest. Every
// start runs `burnIn` EM iterations; the `keep` best continue to convergence (relative change in
// log-likelihood <= tol, 1e-8: enough to compare BICs, which differ by hundreds between K). The
// chosen K's best fit is then polished to `polishTol` (1e-10), so the figures reported are those of
// a converged maximum; on the synthetic council this takes K = 1 ... 14 from 43 s to 18 s with the
// same choice. The planted maximum is reached from these starts.
// Selection: the lowest BIC (Nylund, Asparouhov & Muthen 2007), with a warning when it is the
// largest K tried. References: Linzer & Lewis (2011) for the model; Arthur & Vassilvitskii (2007).
import { random, type Random } from '../math/random.js';
import { lcaEm, type EmResult } from '../lca/em.js';
import { flatParameters } from '../lca/flat-parameters.js';
import { lcaPosterior } from '../lca/posterior.js';
import { bicSelection, type FitIndexRow, type LcaSelection } from '../lca/select.js';
import { lcaStarts } from '../lca/starts.js';
import { MISSING, type FlatParameters, type LcaFit, type PatternTable } from '../lca/types.js';

export interface LocalFitOptions {
  /** The range [K1, K2] of classes to fit (K1 = K2 for a fixed K). */
  classes: [number, number];
  /** Seeded starts per K; default 12. */
  starts?: number;
  /** Starts continued to convergence after the burn-in; default 3. */
  keep?: number;
  /** EM iterations every start runs first; default 30. */
  burnIn?: number;
  /** Seed of the starts; default 1. A K's fit does not depend on the range it is part of. */
  seed?: number;
  /** Relative convergence tolerance on the log-likelihood while choosing K; default 1e-8. */
  tol?: number;
  /** Tolerance the chosen fit is polished to; default 1e-10. */
  polishTol?: number;
  /** Most EM iterations per start; default 5000. */
  maxIter?: number;
  /** Called as work is done: (steps done, steps in all). */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between chunks of EM iterations (the worker yields there and sees a cancel). */
  checkpoint?: () => Promise<void>;
}

/** One row of the table of fit indices (the core's, from ../lca/select.ts). */
export type LocalFitRow = FitIndexRow;

/** The local fits and the BIC choice among them. */
export type LocalFits = LcaSelection;

const CHUNK = 100;
const SAME_MAX = 1e-7;

/**
 * Fit K = K1 ... K2 classes and choose by BIC.
 * @example (await localFit(table, {classes: [1, 14]})).chosen // 12 on the synthetic council
 */
export async function localFit(
  table: PatternTable,
  {
    classes,
    starts = 12,
    keep = 3,
    burnIn = 30,
    seed = 1,
    tol = 1e-8,
    polishTol = 1e-10,
    maxIter = 5000,
    onProgress,
    checkpoint = async () => {},
  }: LocalFitOptions,
): Promise<LocalFits> {
  const [k1, k2] = classes;
  if (!Number.isInteger(k1) || !Number.isInteger(k2) || k1 < 1 || k2 < k1)
    throw new Error(
      `localFit: invalid classes; expected integers 1 <= K1 <= K2, got ${JSON.stringify(classes)}`,
    );
  if (!Number.isInteger(starts) || starts < 1)
    throw new Error(`localFit: invalid starts; expected an integer >= 1, got ${starts}`);
  if (!Number.isInteger(keep) || keep < 1)
    throw new Error(`localFit: invalid keep; expected an integer >= 1, got ${keep}`);
  if (table.n === 0) throw new Error('localFit: invalid table; expected at least one record, got none');

  const seededCount = (k: number) => (k === 1 ? 1 : k > k1 ? Math.ceil(starts / 2) : starts);
  const perK = (k: number) => {
    const n = seededCount(k) + (k > k1 ? k - 1 : 0);
    return n + Math.min(keep, n);
  };
  let total = 1; // the polish
  for (let k = k1; k <= k2; k++) total += perK(k);
  let done = 0;
  const step = () => onProgress?.(++done, total);

  const sparse = presence(table);
  const fits: LcaFit[] = [];
  for (let K = k1; K <= k2; K++) {
    const rng = random(seed * 1009 + K);
    const candidates: FlatParameters[] = [];
    const previous = fits[fits.length - 1];
    if (previous) candidates.push(...splitStarts(table, previous, rng, sparse));
    const nSeeded = seededCount(K);
    for (let r = 0; r < nSeeded; r++) candidates.push(seededStart(table, table.counts, K, rng, sparse));
    const nStarts = candidates.length;
    const burnt: EmResult[] = [];
    for (const c of candidates) {
      burnt.push(await run(table, c, tol, burnIn, checkpoint));
      step();
    }
    const best = burnt.sort((a, b) => b.logLik - a.logLik).slice(0, Math.min(keep, nStarts));
    const runs: EmResult[] = [];
    for (const b of best) {
      runs.push(
        b.converged ? b : await run(table, b, tol, Math.max(0, maxIter - burnIn), checkpoint, b.iterations),
      );
      step();
    }
    runs.sort((a, b) => b.logLik - a.logLik);
    const top = runs[0]!;
    const logLiks = runs.map((r) => r.logLik);
    const atBest = logLiks.filter((ll) => top.logLik - ll <= SAME_MAX * Math.abs(top.logLik)).length;
    // lcaStarts from the best parameters orders the classes by share and computes the indices.
    const fit = lcaStarts(table, {
      classes: K,
      starts: 0,
      start: top,
      burnIn: 0,
      tol,
      maxIter: 1,
    });
    fit.iterations = top.iterations;
    fit.converged = top.converged;
    const steps =
      burnt.reduce((a, r) => a + Math.min(r.iterations, burnIn), 0) +
      runs.reduce((a, r) => a + Math.max(0, r.iterations - burnIn), 0);
    fit.starts = {
      ...fit.starts,
      seed,
      random: nStarts,
      given: false,
      burnIn,
      continued: runs.length,
      logLiks,
      atBest,
      steps,
    };
    fit.warnings = fit.warnings.filter((w) => w.code !== 'not-converged');
    if (!top.converged)
      fit.warnings.push({
        code: 'not-converged',
        message: `The ${K}-class fit stopped after ${maxIter} EM iterations before the log-likelihood settled.`,
      });
    if (K > 1 && runs.length > 1 && atBest === 1)
      fit.warnings.push({
        code: 'best-not-replicated',
        message: `The best ${K}-class log-likelihood was reached by one of ${runs.length} starts run to convergence: more starts may find a higher maximum.`,
      });
    fits.push(fit);
    await checkpoint();
  }

  let chosen = fits[0]!;
  for (const f of fits) if (f.bic < chosen.bic) chosen = f;
  if (polishTol < tol) {
    const at = fits.indexOf(chosen);
    const polished = await run(table, flatParameters(table, chosen), polishTol, maxIter, checkpoint);
    const fit = lcaStarts(table, {
      classes: chosen.classes,
      starts: 0,
      start: polished,
      burnIn: 0,
      tol: polishTol,
      maxIter: 1,
    });
    fit.iterations = chosen.iterations + polished.iterations;
    fit.converged = polished.converged;
    fit.starts = { ...chosen.starts, steps: chosen.starts.steps + polished.iterations };
    fit.warnings = [
      ...fit.warnings.filter((w) => w.code !== 'not-converged'),
      ...chosen.warnings.filter((w) => w.code !== 'boundary' && w.code !== 'not-converged'),
    ];
    if (!polished.converged)
      fit.warnings.push({
        code: 'not-converged',
        message: `The ${chosen.classes}-class fit stopped after ${maxIter} EM iterations before the log-likelihood settled.`,
      });
    fits[at] = fit;
  }
  step();
  return bicSelection(fits, [k1, k2]);
}

/** EM in chunks of CHUNK iterations with a checkpoint between them; `spent` iterations already run. */
async function run(
  table: PatternTable,
  start: FlatParameters,
  tol: number,
  maxIter: number,
  checkpoint: () => Promise<void>,
  spent = 0,
): Promise<EmResult> {
  let r = lcaEm(table, start, { tol, maxIter: Math.min(CHUNK, maxIter), quiet: true });
  let iterations = r.iterations;
  while (!r.converged && iterations < maxIter) {
    await checkpoint();
    r = lcaEm(table, r, { tol, maxIter: Math.min(CHUNK, maxIter - iterations), quiet: true });
    iterations += r.iterations;
  }
  await checkpoint();
  return { ...r, iterations: spent + iterations };
}

/** Each pattern's present items (CSR over `values`) and each item's rate of presence where observed. */
function presence(table: PatternTable): { start: Int32Array; item: Int32Array; rates: Float64Array } {
  const J = table.items.length;
  const S = table.nPatterns;
  const present = new Float64Array(J);
  const observed = new Float64Array(J);
  const start = new Int32Array(S + 1);
  const items: number[] = [];
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < J; j++) {
      const v = table.values[s * J + j]!;
      if (v === MISSING) continue;
      observed[j]! += table.counts[s]!;
      if (v !== 0) {
        present[j]! += table.counts[s]!;
        items.push(j);
      }
    }
    start[s + 1] = items.length;
  }
  return {
    start,
    item: Int32Array.from(items),
    rates: present.map((x, j) => (observed[j]! > 0 ? x / observed[j]! : 0)),
  };
}

/** A k-means++ start over the distinct patterns (see the file comment). */
function seededStart(
  table: PatternTable,
  counts: Float64Array,
  K: number,
  rng: Random,
  { start, item, rates }: ReturnType<typeof presence>,
): FlatParameters {
  const { nPatterns: S, itemOffset } = table;
  const J = table.items.length;
  const P = itemOffset[J]!;
  const dist = new Float64Array(S).fill(Infinity);
  const centre = new Uint8Array(J);
  const probs = new Float64Array(K * P);
  const weights = new Float64Array(S);
  for (let k = 0; k < K; k++) {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += weights[s] = counts[s]! * (k === 0 ? 1 : dist[s]! * dist[s]!);
    const pick = sum > 0 ? rng.choice(weights) : rng.int(S);
    centre.fill(0);
    for (let e = start[pick]!; e < start[pick + 1]!; e++) centre[item[e]!] = 1;
    // Hamming distance over present codes: |s| + |centre| - 2 |s and centre|.
    const centreSize = start[pick + 1]! - start[pick]!;
    for (let s = 0; s < S; s++) {
      let common = 0;
      for (let e = start[s]!; e < start[s + 1]!; e++) common += centre[item[e]!]!;
      const d = start[s + 1]! - start[s]! + centreSize - 2 * common;
      if (d < dist[s]!) dist[s] = d;
    }
    for (let j = 0; j < J; j++) {
      const o = k * P + itemOffset[j]!;
      const C = itemOffset[j + 1]! - itemOffset[j]!;
      const p = centre[j] ? 0.75 : Math.max(1e-3, Math.min(0.5, rates[j]! / 2));
      // Category 1 is "present" for a binary item; a polytomous item spreads p over categories >= 1.
      probs[o] = 1 - p;
      for (let c = 1; c < C; c++) probs[o + c] = p / (C - 1);
    }
  }
  return { shares: new Float64Array(K).fill(1 / K), probs };
}

/**
 * Starts for K classes from the best K - 1 fit: for each class c, a 2-class model fitted to the
 * records weighted by their posterior of c (a seeded start, loosely converged) replaces c by two.
 */
function splitStarts(
  table: PatternTable,
  previous: LcaFit,
  rng: Random,
  sparse: ReturnType<typeof presence>,
): FlatParameters[] {
  const K0 = previous.classes;
  const flat = flatParameters(table, previous);
  const post = lcaPosterior(table, flat).patternPosterior;
  const P = table.itemOffset[table.items.length]!;
  const S = table.nPatterns;
  const out: FlatParameters[] = [];
  for (let c = 0; c < K0; c++) {
    const counts = new Float64Array(S);
    let n = 0;
    for (let s = 0; s < S; s++) n += counts[s] = table.counts[s]! * post[s * K0 + c]!;
    if (!(n > 1)) continue;
    const sub: PatternTable = { ...table, counts, n };
    const two = lcaEm(sub, seededStart(sub, counts, 2, rng, sparse), {
      tol: 1e-6,
      maxIter: 200,
      quiet: true,
    });
    const shares = new Float64Array(K0 + 1);
    shares.set(flat.shares);
    shares[c] = flat.shares[c]! * two.shares[0]!;
    shares[K0] = flat.shares[c]! * two.shares[1]!;
    const probs = new Float64Array((K0 + 1) * P);
    probs.set(flat.probs);
    probs.set(two.probs.subarray(0, P), c * P);
    probs.set(two.probs.subarray(P, 2 * P), K0 * P);
    out.push({ shares, probs });
  }
  return out;
}
