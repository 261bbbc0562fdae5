// Statistical disclosure control of a regression's coefficients, as output-checking practice asks of
// model output: no estimate may rest on fewer records than the threshold for counts. A factor's
// coefficient contrasts the records at its level with those at the factor's reference level, so
// both must be safe.
//
// Contract: a model term with `n` (records at its level in the model, null or absent for the
// intercept and numeric covariates) and `referenceN` (records at its factor's reference level), and
// the threshold. Output: why the term's figures must be withheld, or null:
// - 'small-level': its level has 1 to threshold records;
// - 'small-reference': its factor's reference level has 1 to threshold records (every term of the
//   factor is then withheld, each being a contrast with those few records).
// A count of 0 cannot occur in a fitted model (unused levels add no term) and is not small.
// A 0/1 numeric covariate (an indicator such as free school meals) counts as a factor: `n` is the
// records at 1, `referenceN` those at 0 (designMatrix's binaryCounts). Other numeric covariates
// (age, prior attainment) have no level and are never withheld here.

/** The reason a term is withheld from a published model (publish-rereferral.ts, publish-attainment.ts). */
export type TermSuppression = 'suppressed-group' | 'small-level' | 'small-reference';

const small = (v: number | null | undefined, threshold: number): boolean =>
  typeof v === 'number' && v >= 1 && v <= threshold;

/**
 * Whether a model term rests on too few records to publish (see the file comment).
 * @example withholdTerm({n: 2, referenceN: 140}, 5) // 'small-level'
 * @example withholdTerm({n: null, referenceN: null}, 5) // null (a numeric covariate)
 */
export function withholdTerm(
  term: { n?: number | null; referenceN?: number | null },
  threshold: number,
): TermSuppression | null {
  if (small(term.n, threshold)) return 'small-level';
  if (small(term.referenceN, threshold)) return 'small-reference';
  return null;
}
