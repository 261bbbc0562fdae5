// A random sample of records from a pattern table, as a pattern table of its own: used to screen many
// EM starts cheaply on national-scale data (3.6 million assessments) before the best continue on all
// records. Records are drawn with replacement, each with probability count / n (binary search on the
// cumulative counts), so the sample's patterns keep their relative frequencies; the sample has no
// record -> pattern map (recordPattern is empty). Items and categories are those of the table, so
// parameters move between the two unchanged.
import type { Random } from '../math/random.js';
import { sparseIndex } from './sparse-index.js';
import type { PatternTable } from './types.js';

/**
 * Draw `size` records from the table (with replacement).
 * @example samplePatterns(table, 100_000, random(1)).n // 100000
 */
export function samplePatterns(table: PatternTable, size: number, rng: Random): PatternTable {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`samplePatterns: invalid size; expected an integer >= 1, got ${size}`);
  const { nPatterns: S, counts, values } = table;
  const J = table.nCategories.length;
  const cumulative = new Float64Array(S);
  let sum = 0;
  for (let s = 0; s < S; s++) cumulative[s] = sum += counts[s]!;
  const drawn = new Float64Array(S);
  for (let i = 0; i < size; i++) {
    const u = rng.next() * sum;
    let lo = 0;
    let hi = S - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    drawn[lo]!++;
  }
  const keep: number[] = [];
  for (let s = 0; s < S; s++) if (drawn[s]! > 0) keep.push(s);
  const sValues = new Uint8Array(keep.length * J);
  keep.forEach((s, i) => sValues.set(values.subarray(s * J, (s + 1) * J), i * J));
  return {
    items: table.items,
    nCategories: table.nCategories,
    nPatterns: keep.length,
    values: sValues,
    counts: Float64Array.from(keep, (s) => drawn[s]!),
    n: size,
    nRecords: size,
    nDropped: 0,
    recordPattern: new Int32Array(0),
    ...sparseIndex(sValues, keep.length, table.nCategories),
    warnings: [],
  };
}
