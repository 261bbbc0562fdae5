// Assign every assessment a demand category of a scheme (by default the national 12 categories of
// src/domain/national-scheme.ts), the step the demand, re-referral and attainment analyses share.
//
// Input: an AssessmentData and options; output (plain data, two typed arrays of one entry per row):
// the categories' labels, `ofAssessment` (the category index of each row, -1 for a row with no factors
// or only code 21, -2 for a row whose only codes are outside the scheme; both counted), the largest
// posterior of each row, the estimated shares, the local profiles and a fit summary.
//
// How the scheme is estimated on local data (`estimate`):
// - 'shares' (the default): EM for the 12 class shares with the item-response probabilities held at
//   the scheme's. The profiles are the scheme's definition of each category, so a category means the
//   same thing in every council and every year and the labels cannot move; a council of a few
//   thousand assessments does not have to estimate 12 x 41 probabilities; and it is fast (after one
//   pass for P(pattern | category), each iteration costs patterns x 12). Rows are then assigned to
//   their modal category. On the synthetic council (50,000 assessments, tests/src/analyses/
//   categories.test.ts) about 95% of classified assessments land in their planted category, which is
//   the most any rule can reach there: the planted profiles and shares themselves give the same 95%,
//   the rest being patterns that two categories both produce (domestic abuse recorded alone comes
//   from both domestic-abuse categories).
// - 'full': EM on shares and profiles started from the scheme (class order kept), then each class
//   matched to a scheme category by the Hungarian method on the mean absolute difference of their
//   profiles, in case two classes swapped; a warning names any category whose estimated profile moved
//   more than 0.3 from the scheme's on some code. Also 95% on the synthetic council; use it to see
//   how local categories differ from the scheme's, not to compare with England.
// Codes: see ./factor-patterns.ts (21 left out, 18A/19A/8A read as 18C/19C/8F, codes outside the
// scheme ignored and reported, codes introduced later missing for earlier rows).
// Reference: Linzer & Lewis (2011), poLCA, J. Stat. Softw. 42(10); the scheme: national-scheme.ts.
import { lcaEm } from '../lca/em.js';
import { flatParameters } from '../lca/flat-parameters.js';
import { lcaFitIndices } from '../lca/fit-indices.js';
import { NATIONAL_SCHEME } from '../domain/national-scheme.js';
import { lcaPosterior } from '../lca/posterior.js';
import { validateScheme, type Scheme } from '../domain/scheme.js';
import { lcaStarts } from '../lca/starts.js';
import type { FlatParameters, PatternTable } from '../lca/types.js';
import { CIN_FACTORS } from '../domain/cin-codes.js';
import type { AssessmentData } from '../data/types.js';
import { hungarian } from '../math/hungarian.js';
import type { Warning } from '../warnings.js';
import { factorPatterns, type FactorPatterns } from './factor-patterns.js';

export interface CategoryOptions {
  /** 'national' (the only model here; a local fit is `demand`'s, and can be saved as a scheme). */
  model?: 'national';
  /** A scheme (object or JSON text, checked by validateScheme); defaults to the national scheme. */
  scheme?: unknown;
  /** What EM estimates: 'shares' (default, profiles fixed) or 'full' (see the file comment). */
  estimate?: 'shares' | 'full';
  /** Convergence: change in log-likelihood per assessment (shares) or relative (full); default 1e-12. */
  tol?: number;
  /** Most EM iterations; default 10000. */
  maxIter?: number;
  /** Only these rows (a mask, 1 = use, one entry per row); the others get category -3. */
  rows?: Uint8Array;
}

export interface CategoryLabel {
  id: string;
  name: string;
  description: string;
  /** The scheme's share (normalised; England's for the national scheme). */
  schemeShare: number;
  /** The share as published (null if the scheme gives none). */
  publishedShare: number | null;
}

export interface CategoryFit {
  estimate: 'shares' | 'full';
  /** Assessments classified (with at least one factor of the scheme). */
  n: number;
  nPatterns: number;
  logLik: number;
  /** Parameters estimated: K - 1 for 'shares', K * J + K - 1 for 'full'. */
  nParams: number;
  aic: number;
  bic: number;
  /** Entropy R^2 of the posteriors (1 = every assessment certain). */
  entropy: number | null;
  averagePosterior: (number | null)[];
  iterations: number;
  converged: boolean;
  /** Estimated share of each category among classified assessments. */
  shares: number[];
  /** Category x item: P(factor | category) in these data (the M-step at the final posteriors). */
  itemProbs: number[][];
}

export interface CategoryAssignment {
  scheme: { version: string; source: string; note: string };
  labels: CategoryLabel[];
  /** The scheme's factor codes: the items, in the order of `itemProbs` and `schemeProfiles`. */
  items: string[];
  /** Category x item: the scheme's P(factor | category). */
  schemeProfiles: number[][];
  /**
   * Category index of every assessment row; -1 no factors (or 21 alone), -2 only codes outside the
   * scheme, -3 a row left out by the `rows` mask.
   */
  ofAssessment: Int32Array;
  /** Largest posterior probability of every row (NaN when not classified). */
  maxPosterior: Float64Array;
  /** Assessments assigned to each category (modal assignment). */
  counts: number[];
  classified: number;
  noFactors: number;
  outsideScheme: number;
  ignoredCodes: FactorPatterns['ignoredCodes'];
  mappedCodes: FactorPatterns['mappedCodes'];
  missingBeforeIntroduced: FactorPatterns['missingBeforeIntroduced'];
  /** Scheme codes no classified assessment records. */
  unusedItems: string[];
  fit: CategoryFit;
  warnings: Warning[];
}

/** Category index meaning "no factors, or code 21 alone". */
export const NO_FACTORS = -1;
/** Category index meaning "only codes the scheme does not use". */
export const OUTSIDE_SCHEME = -2;
/** Category index of a row the `rows` option left out. */
export const NOT_SELECTED = -3;

/** The national categories of every row of a dataset, by dataset: asked for by several analyses. */
const nationalOf = new WeakMap<AssessmentData, CategoryAssignment>();

/**
 * Each assessment's demand category under a scheme (default: the national 12).
 * With the defaults (every row, the national scheme, shares estimated) the assignment is made once
 * per dataset and shared: the summary's categories, the demand chart and the re-referral, attainment
 * and pathways parts all ask for it (1.2 s at 3.6 million assessments each time).
 * @param assessments the loaded assessments (loadAssessments)
 * @example assignCategories(data).labels[0].name // 'Domestic abuse as a single factor'
 */
export function assignCategories(
  assessments: AssessmentData,
  options: CategoryOptions = {},
): CategoryAssignment {
  const { model = 'national', scheme, estimate = 'shares', tol = 1e-12, maxIter = 10000, rows } = options;
  let everyRow = true;
  if (rows) for (let i = 0; i < rows.length && everyRow; i++) everyRow = rows[i] === 1;
  const plain =
    model === 'national' &&
    scheme === undefined &&
    estimate === 'shares' &&
    tol === 1e-12 &&
    maxIter === 10000 &&
    everyRow &&
    (!rows || rows.length === assessments.n);
  if (!plain) return assignFresh(assessments, options);
  let a = nationalOf.get(assessments);
  if (!a) nationalOf.set(assessments, (a = assignFresh(assessments, {})));
  return { ...a, warnings: [...a.warnings] };
}

function assignFresh(
  assessments: AssessmentData,
  {
    model = 'national',
    scheme,
    estimate = 'shares',
    tol = 1e-12,
    maxIter = 10000,
    rows,
  }: CategoryOptions = {},
): CategoryAssignment {
  if (model !== 'national')
    throw new Error(`assignCategories: invalid model; expected 'national', got '${String(model)}'`);
  if (estimate !== 'shares' && estimate !== 'full')
    throw new Error(
      `assignCategories: invalid estimate; expected 'shares' or 'full', got '${String(estimate)}'`,
    );
  if (!(tol >= 0)) throw new Error(`assignCategories: invalid tol; expected a number >= 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new Error(`assignCategories: invalid maxIter; expected an integer >= 1, got ${maxIter}`);
  const s: Scheme = scheme === undefined ? NATIONAL_SCHEME : validateScheme(scheme);
  // Items in the dictionary's order (object keys would put code 20 first), unknown codes last.
  const order = (code: string) => {
    const i = CIN_FACTORS.findIndex((f) => f.code === code);
    return i < 0 ? CIN_FACTORS.length : i;
  };
  const items = Object.keys(s.categories[0]!.profile).sort((a, b) => order(a) - order(b));
  const K = s.categories.length;
  const fp = factorPatterns(assessments, items, rows);
  const { table } = fp;
  const schemeProfiles = s.categories.map((c) => items.map((code) => c.profile[code]!));
  const start = flatParameters(table, {
    shares: s.categories.map((c) => c.share),
    itemProbs: schemeProfiles,
  });
  const warnings: Warning[] = [];

  let params: FlatParameters;
  let iterations = 0;
  let converged = true;
  if (table.n === 0) {
    params = start;
    warnings.push({
      code: 'nothing-classified',
      message: 'No assessment records a factor of the scheme, so none could be given a category.',
    });
  } else if (estimate === 'shares') {
    const r = estimateShares(table, start, tol, maxIter);
    params = { shares: r.shares, probs: start.probs };
    iterations = r.iterations;
    converged = r.converged;
  } else {
    const fit = lcaStarts(table, {
      classes: K,
      starts: 0,
      start,
      order: 'given',
      burnIn: 0,
      tol,
      maxIter,
    });
    const aligned = align(fit.itemProbs, schemeProfiles, s, items, warnings);
    params = flatParameters(table, {
      shares: aligned.map((k) => fit.shares[k]!),
      itemProbs: aligned.map((k) => fit.itemProbs[k]!),
    });
    iterations = fit.iterations;
    converged = fit.converged;
    warnings.push(...fit.warnings.filter((w) => w.code !== 'best-not-replicated'));
  }
  if (!converged)
    warnings.push({
      code: 'not-converged',
      message: `EM stopped after ${iterations} iterations before the shares settled; the assignments are usable, the shares approximate.`,
    });

  const posterior = lcaPosterior(table, params);
  const ll = table.n > 0 ? lcaEm(table, params, { maxIter: 0 }).logLik : 0;
  const indices = lcaFitIndices(table, ll, posterior);
  const nParams = estimate === 'shares' ? K - 1 : indices.nParams;
  const ofAssessment = posterior.modal;
  for (let i = 0; i < ofAssessment.length; i++) if (fp.status[i]! < 0) ofAssessment[i] = fp.status[i]!;
  if (fp.outsideItems > 0)
    warnings.push({
      code: 'outside-scheme',
      message: `${fp.outsideItems} assessments record only codes the scheme does not use (${fp.ignoredCodes.map((c) => c.code).join(', ')}): they are counted apart.`,
    });

  return {
    scheme: { version: s.version, source: s.source, note: s.note },
    labels: s.categories.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      schemeShare: c.share,
      publishedShare: c.publishedShare ?? null,
    })),
    items,
    schemeProfiles,
    ofAssessment,
    maxPosterior: posterior.maxPosterior,
    counts: table.n > 0 ? indices.modalCounts : new Array<number>(K).fill(0),
    classified: fp.classified,
    noFactors: fp.noFactors,
    outsideScheme: fp.outsideItems,
    ignoredCodes: fp.ignoredCodes,
    mappedCodes: fp.mappedCodes,
    missingBeforeIntroduced: fp.missingBeforeIntroduced,
    unusedItems: fp.unusedItems,
    fit: {
      estimate,
      n: table.n,
      nPatterns: table.nPatterns,
      logLik: ll,
      nParams,
      aic: -2 * ll + 2 * nParams,
      bic: -2 * ll + Math.log(Math.max(1, table.n)) * nParams,
      entropy: table.n > 0 ? indices.entropy : null,
      averagePosterior: indices.averagePosterior,
      iterations,
      converged,
      shares: Array.from(params.shares),
      itemProbs: profilesAt(table, posterior.patternPosterior, K),
    },
    warnings,
  };
}

/**
 * EM for the shares alone, profiles fixed. With q_sk = P(k | pattern s) at equal shares (one
 * posterior pass), the posterior at shares pi is pi_k q_sk / sum_k pi_k q_sk, so an iteration needs
 * only the S x K matrix q. Stops when the log-likelihood per assessment rises by no more than tol.
 */
function estimateShares(
  table: PatternTable,
  start: FlatParameters,
  tol: number,
  maxIter: number,
): { shares: Float64Array; iterations: number; converged: boolean } {
  const K = start.shares.length;
  const q = lcaPosterior(table, {
    shares: new Float64Array(K).fill(1 / K),
    probs: start.probs,
  }).patternPosterior;
  const { counts, nPatterns: S, n } = table;
  let pi = Float64Array.from(start.shares);
  const next = new Float64Array(K);
  let prev = -Infinity;
  for (let it = 0; it < maxIter; it++) {
    next.fill(0);
    let f = 0;
    for (let s = 0; s < S; s++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += pi[k]! * q[s * K + k]!;
      if (!(sum > 0)) continue;
      f += counts[s]! * Math.log(sum);
      const w = counts[s]! / sum;
      for (let k = 0; k < K; k++) next[k]! += w * pi[k]! * q[s * K + k]!;
    }
    if (f - prev <= tol * n) return { shares: pi, iterations: it, converged: true };
    prev = f;
    pi = Float64Array.from(next, (x) => x / n);
  }
  return { shares: pi, iterations: maxIter, converged: false };
}

/** Category x item P(factor present | category) from the posteriors (the M-step). */
function profilesAt(table: PatternTable, post: Float64Array, K: number): number[][] {
  const { values, counts, nPatterns: S } = table;
  const J = table.items.length;
  const total = new Float64Array(K);
  const present = new Float64Array(K * J);
  const missing = new Float64Array(K * J);
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < K; k++) {
      const w = counts[s]! * post[s * K + k]!;
      if (w === 0) continue;
      total[k]! += w;
      for (let j = 0; j < J; j++) {
        const v = values[s * J + j]!;
        if (v === 1) present[k * J + j]! += w;
        else if (v !== 0) missing[k * J + j]! += w;
      }
    }
  }
  return Array.from({ length: K }, (_, k) =>
    Array.from({ length: J }, (_, j) => {
      const d = total[k]! - missing[k * J + j]!;
      return d > 0 ? present[k * J + j]! / d : 0;
    }),
  );
}

/** For each scheme category, the fitted class matched to it (Hungarian method on profile distance). */
function align(
  fitted: number[][],
  scheme: number[][],
  s: Scheme,
  items: string[],
  warnings: Warning[],
): number[] {
  const J = items.length;
  const cost = scheme.map((row) =>
    fitted.map((f) => f.reduce((d, p, j) => d + Math.abs(p - row[j]!), 0) / J),
  );
  const classOf = hungarian(cost);
  if (classOf.some((k, c) => k !== c))
    warnings.push({
      code: 'classes-reordered',
      message:
        'EM swapped some classes away from the categories it started from; they were matched back by their profiles.',
    });
  classOf.forEach((k, c) => {
    let worst = 0;
    for (let j = 1; j < J; j++)
      if (Math.abs(fitted[k]![j]! - scheme[c]![j]!) > Math.abs(fitted[k]![worst]! - scheme[c]![worst]!))
        worst = j;
    const a = scheme[c]![worst]!;
    const b = fitted[k]![worst]!;
    if (Math.abs(a - b) > 0.3)
      warnings.push({
        code: 'category-drifted',
        message: `The estimated profile of '${s.categories[c]!.name}' moved away from the scheme's: code ${items[worst]} ${a.toFixed(2)} in the scheme, ${b.toFixed(2)} here.`,
      });
  });
  return classOf;
}
