// Shapes shared by the latent class analysis files (types only, no code). The model is poLCA's
// (Linzer & Lewis 2011) without covariates: K classes with shares pi_k; given the class, J items are
// independent, item j taking category c in 0..C_j-1 with probability theta_kjc (binary items: C_j = 2,
// category 1 = "present"). Everything a fit returns is plain cloneable data; the pattern table and the
// flat parameters hold typed arrays because the worker and the EM loop use them as they are.
import type { Warning } from '../warnings.js';

/** Code for a missing response in `PatternTable.values`. */
export const MISSING = 255;

/**
 * Identical response patterns compressed to (pattern, count), with a sparse index for EM. Items are
 * packed, in order, into groups of at most 256 joint codes (8 binary items); a "cell" is one joint
 * code of a group other than all-reference (every item at category 0). A pattern is the list of its
 * cells, so EM touches at most one cell per group and none for a group where all responses are 0:
 * 20 dense binary items cost 3 cells a pattern, a sparse 45-factor record usually 1 or 2.
 */
export interface PatternTable {
  /** Item names, in column order. */
  items: string[];
  /** Categories per item (2 for binary items). */
  nCategories: number[];
  /** Number of distinct patterns, S. */
  nPatterns: number;
  /** S x J category codes, row-major; `MISSING` (255) for a missing response. */
  values: Uint8Array;
  /** How many records have each pattern (S). */
  counts: Float64Array;
  /** Records used: the sum of `counts`. */
  n: number;
  /** Records given, including dropped ones. */
  nRecords: number;
  /** Records dropped for a missing response (`missing: 'drop'`). */
  nDropped: number;
  /** For each input record, its pattern index; -1 for a dropped record. */
  recordPattern: Int32Array;
  /**
   * Start of each item in the flat parameter layout (J + 1 entries): theta for class k, item j,
   * category c sits at `k * itemOffset[J] + itemOffset[j] + c`.
   */
  itemOffset: Int32Array;
  /** Cells of each pattern: CSR offsets (S + 1 entries) into `nzCell`. */
  nzStart: Int32Array;
  /** Cell index of each entry. */
  nzCell: Int32Array;
  /** Number of distinct cells, U. */
  nCells: number;
  /** Responses making up each cell: CSR offsets (U + 1 entries) into `cellItem` and `cellValue`. */
  cellStart: Int32Array;
  /** Item of each non-reference response in a cell. */
  cellItem: Int32Array;
  /** Its category (>= 1), or `MISSING`. */
  cellValue: Uint8Array;
  warnings: Warning[];
}

/** Parameters in the flat layout the EM loop uses. */
export interface FlatParameters {
  /** K class shares. */
  shares: Float64Array;
  /** K x P item-response probabilities, P = itemOffset[J] (see `PatternTable.itemOffset`). */
  probs: Float64Array;
}

/** Parameters as a person (or a scheme file) writes them: classes x items x categories. */
export interface LcaParameters {
  shares: number[];
  /** Class x item x category probabilities; each row sums to 1. */
  probs?: number[][][];
  /** Binary items only, instead of `probs`: class x item, P(item = 1). */
  itemProbs?: number[][];
}

/** What the multi-start search did, so a reader can judge whether the maximum was found. */
export interface StartsReport {
  seed: number;
  /** Random starts drawn (a given start is not counted here). */
  random: number;
  /** Whether a start from given parameters was used. */
  given: boolean;
  /** Most EM steps of the screening stage every start ran (0: no screening, all ran to the end). */
  burnIn: number;
  /** Relative tolerance of the screening stage. */
  screenTol: number;
  /** Records the screening ran on (a random sample when the data have more; see ./starts.ts). */
  screenRecords: number;
  /** Starts run to convergence. */
  continued: number;
  /** Final log-likelihood of each start run to convergence, best first. */
  logLiks: number[];
  /** Starts run to convergence that reached the best log-likelihood (within 1e-7 relative). */
  atBest: number;
  /** EM steps (passes over the patterns) of all starts together. */
  steps: number;
}

/** One latent class fit: plain JSON, classes ordered by descending share unless asked otherwise. */
export interface LcaFit {
  classes: number;
  items: string[];
  nCategories: number[];
  /** Records used. */
  n: number;
  nPatterns: number;
  logLik: number;
  /** K * sum_j (C_j - 1) + K - 1 (binary items: K * J + K - 1). */
  nParams: number;
  aic: number;
  bic: number;
  /** Entropy R^2 = 1 - sum(-p ln p) / (n ln K) over records' posteriors; null when K = 1. */
  entropy: number | null;
  shares: number[];
  /** Class x item: P(item = 1) (for a polytomous item, of category code 1). */
  itemProbs: number[][];
  /** Class x item x category probabilities. */
  probs: number[][][];
  /**
   * Standard errors as poLCA computes them (./standard-errors.ts: empirical information, delta
   * method), null from lcaStarts and filled in by withStandardErrors (./with-standard-errors.ts; the
   * CLI and lcaSelect's chosen K do). Unreliable at a boundary solution (a 'singular-information'
   * warning): SEs near the boundary come out as 0. Per class, of `shares`.
   */
  sharesSe: number[] | null;
  /** Class x item, of `itemProbs`. */
  itemProbsSe: number[][] | null;
  /** Class x item x category, of `probs`. */
  probsSe: number[][][] | null;
  /** Per class: mean posterior of that class among records whose modal class it is (null if none). */
  averagePosterior: (number | null)[];
  /** Records whose modal class is each class. */
  modalCounts: number[];
  /** EM steps (passes over the patterns) of the best start, its screening included. */
  iterations: number;
  converged: boolean;
  starts: StartsReport;
  warnings: Warning[];
}
