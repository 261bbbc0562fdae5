// A fit with poLCA's standard errors (standard-errors.ts) filled in: `sharesSe`, `itemProbsSe` (of
// P(item = 1), i.e. category code 1) and `probsSe`, and the computation's warnings (a singular
// information matrix) added to the fit's. A step of its own after lcaStarts rather than inside it, so
// what does not report standard errors (the demand analysis in the worker) neither pays for them (an
// eigen-decomposition of the information matrix: about 1.4 s at 12 classes of 45 items) nor ships
// their code (the size budget of the browser kit).
import { lcaPosterior } from './posterior.js';
import { lcaStandardErrors } from './standard-errors.js';
import type { LcaFit, PatternTable } from './types.js';

/**
 * `fit` (from lcaStarts on `table`) with its standard errors.
 * @example withStandardErrors(table, lcaStarts(table, {classes: 2, seed: 1})).sharesSe // [0.0561, 0.0561] (values)
 */
export function withStandardErrors(table: PatternTable, fit: LcaFit): LcaFit {
  let se: ReturnType<typeof lcaStandardErrors>;
  try {
    se = lcaStandardErrors(table, fit, lcaPosterior(table, fit).patternPosterior);
  } catch (e) {
    // Statistical trouble (the eigen-decomposition not converging) is a warning, not a lost fit.
    const why = e instanceof Error ? e.message : String(e);
    return {
      ...fit,
      warnings: [...fit.warnings, { code: 'no-standard-errors', message: `No standard errors: ${why}.` }],
    };
  }
  return {
    ...fit,
    sharesSe: se.sharesSe,
    itemProbsSe: se.probsSe.map((byItem) => byItem.map((p) => p[1]!)),
    probsSe: se.probsSe,
    warnings: [...fit.warnings, ...se.warnings],
  };
}
