// Choose the number of classes: fit K = K1 ... K2 (./starts.ts, the same seed for every K, so the fit
// for one K is the one `lcaStarts` gives alone) and pick the K with the lowest BIC, the criterion that
// recovers the number of classes best in simulations of binary-item LCA (Nylund, Asparouhov & Muthen
// 2007). Returns every fit and a table of their indices, so a reader sees why that K was chosen.
// A chosen K at the top of the range is a warning: a larger K might have a lower BIC still. Standard
// errors (poLCA's, standard-errors.ts) are computed for the chosen fit only; the others' are null.
import type { Warning } from '../warnings.js';
import { lcaStarts, type StartsOptions } from './starts.js';
import { withStandardErrors } from './with-standard-errors.js';
import type { LcaFit, PatternTable } from './types.js';

export interface SelectOptions extends Omit<StartsOptions, 'classes' | 'start' | 'order'> {
  /** poLCA's standard errors of the chosen fit (with-standard-errors.ts); defaults to true. */
  standardErrors?: boolean;
  /** The range of classes [K1, K2], both included, 1 <= K1 <= K2. */
  classes: [number, number];
  /** Called after each fit (for progress reporting). */
  onFit?: (fit: LcaFit) => void;
}

export interface FitIndexRow {
  classes: number;
  logLik: number;
  nParams: number;
  aic: number;
  bic: number;
  entropy: number | null;
  /** Smallest class share. */
  smallestShare: number;
  converged: boolean;
  /** Starts run to convergence that reached the best log-likelihood. */
  atBest: number;
}

export interface LcaSelection {
  /** The K with the lowest BIC. */
  chosen: number;
  /** One fit per K, in order of K. */
  fits: LcaFit[];
  /** Fit indices per K, in order of K. */
  table: FitIndexRow[];
  warnings: Warning[];
}

/**
 * Fit each K in a range and choose by BIC.
 * @example lcaSelect(table, {classes: [1, 4], starts: 20, seed: 1}).chosen // 2 for poLCA's carcinoma
 */
export function lcaSelect(
  table: PatternTable,
  { classes, onFit, standardErrors = true, ...options }: SelectOptions,
): LcaSelection {
  const [k1, k2] = classes;
  if (!Number.isInteger(k1) || !Number.isInteger(k2) || k1 < 1 || k2 < k1)
    throw new Error(
      `lcaSelect: invalid classes; expected integers 1 <= K1 <= K2, got ${JSON.stringify(classes)}`,
    );
  const fits: LcaFit[] = [];
  for (let k = k1; k <= k2; k++) {
    const fit = lcaStarts(table, { ...options, classes: k });
    fits.push(fit);
    onFit?.(fit);
  }
  const selection = bicSelection(fits, [k1, k2]);
  if (!standardErrors) return selection;
  // Standard errors for the chosen K only: the others are not reported, and each costs an
  // eigen-decomposition of the information matrix (about 1.4 s at 12 classes of 45 items).
  const i = selection.chosen - k1;
  fits[i] = withStandardErrors(table, fits[i]!);
  return { ...selection, fits };
}

/**
 * The BIC choice among fits already made for K = K1 ... K2 (in order of K), with the table of fit
 * indices and a warning when the largest K tried is chosen. Shared by `lcaSelect` and the demand
 * analysis's local fits, which polish the chosen fit themselves.
 */
export function bicSelection(fits: LcaFit[], [k1, k2]: [number, number]): LcaSelection {
  let best = fits[0]!;
  for (const f of fits) if (f.bic < best.bic) best = f;
  const warnings: Warning[] = [];
  if (best.classes === k2 && k2 > k1)
    warnings.push({
      code: 'largest-k-chosen',
      message: `BIC chose the largest number of classes tried (${k2}): a larger number might fit better still.`,
    });
  return {
    chosen: best.classes,
    fits,
    table: fits.map((f) => ({
      classes: f.classes,
      logLik: f.logLik,
      nParams: f.nParams,
      aic: f.aic,
      bic: f.bic,
      entropy: f.entropy,
      smallestShare: Math.min(...f.shares),
      converged: f.converged,
      atBest: f.starts.atBest,
    })),
    warnings,
  };
}
