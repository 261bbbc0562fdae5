// Convert parameters as a person or a scheme file writes them (shares; class x item x category
// probabilities, or for binary items class x item P(item = 1)) to the flat layout EM uses, checking
// their shape against a pattern table. Probabilities are renormalised within each item, so a scheme
// rounded to a few digits is accepted; a negative value or an item whose probabilities are all zero
// is an error. Flat parameters pass through after a length check.
import type { FlatParameters, LcaParameters, PatternTable } from './types.js';

/**
 * Parameters in the flat layout of `table` (see PatternTable.itemOffset).
 * @example flatParameters(table, {shares: [0.5, 0.5], itemProbs: [[0.9, 0.8], [0.1, 0.2]]}).probs
 * // Float64Array [0.1, 0.9, 0.2, 0.8, 0.9, 0.1, 0.8, 0.2]
 */
export function flatParameters(
  table: Pick<PatternTable, 'itemOffset' | 'nCategories'>,
  params: LcaParameters | FlatParameters,
): FlatParameters {
  const { itemOffset, nCategories } = table;
  const J = nCategories.length;
  const P = itemOffset[J]!;
  const K = params.shares.length;
  if (K < 1) throw new Error('flatParameters: invalid shares; expected at least one class, got none');
  const shares = Float64Array.from(params.shares);
  const shareSum = shares.reduce((s, x) => s + x, 0);
  if (shares.some((x) => !(x >= 0)) || !(shareSum > 0))
    throw new Error('flatParameters: invalid shares; expected non-negative numbers with a positive sum');
  for (let k = 0; k < K; k++) shares[k]! /= shareSum;

  if (params.probs instanceof Float64Array) {
    if (params.probs.length !== K * P)
      throw new Error(
        `flatParameters: invalid probs; expected ${K * P} values (${K} classes x ${P} cells), got ${params.probs.length}`,
      );
    return { shares, probs: Float64Array.from(params.probs) };
  }
  const nested = params as LcaParameters;
  const probs = new Float64Array(K * P);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      const C = nCategories[j]!;
      const o = k * P + itemOffset[j]!;
      if (nested.probs) {
        const row = nested.probs[k]?.[j];
        if (!row || row.length !== C)
          throw new Error(
            `flatParameters: invalid probs; expected ${C} categories for class ${k + 1}, item ${j + 1}, got ${row?.length ?? 'none'}`,
          );
        for (let c = 0; c < C; c++) probs[o + c] = row[c]!;
      } else if (nested.itemProbs) {
        if (C !== 2)
          throw new Error(
            `flatParameters: invalid itemProbs; expected binary items, got ${C} categories in item ${j + 1} (give probs)`,
          );
        const p = nested.itemProbs[k]?.[j];
        if (p === undefined)
          throw new Error(
            `flatParameters: invalid itemProbs; expected a value for class ${k + 1}, item ${j + 1}`,
          );
        probs[o] = 1 - p;
        probs[o + 1] = p;
      } else {
        throw new Error('flatParameters: invalid parameters; expected probs or itemProbs');
      }
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const p = probs[o + c]!;
        if (!(p >= 0))
          throw new Error(
            `flatParameters: invalid probability; expected a number in [0, 1], got ${p} for class ${k + 1}, item ${j + 1}`,
          );
        sum += p;
      }
      if (!(sum > 0))
        throw new Error(
          `flatParameters: invalid probabilities; expected a positive sum for class ${k + 1}, item ${j + 1}`,
        );
      for (let c = 0; c < C; c++) probs[o + c]! /= sum;
    }
  }
  return { shares, probs };
}
