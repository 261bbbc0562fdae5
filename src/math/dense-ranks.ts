// Dense ranks: each value's index among the distinct values, ascending (equal values share a rank,
// and the ranks run 0 .. count - 1 with no gaps), as a Fenwick tree over values needs them
// (src/survival/concordance.ts ranks a risk score this way).
//
// Contract
// - Input: finite numbers or +/-Infinity (NaN is the caller's to refuse first). -0 ranks with 0.
// - Output: rank (Int32Array, one per value, in the input order) and count (the number of distinct
//   values).
// - Cost: one radix sort (sort-order.ts), then one pass along it. Unlike time-ranks.ts, which also
//   returns the distinct values (a survival table needs them), nothing else is allocated: at
//   millions of values the fresh memory of a further n-long array, a page fault every 4 KB, costs
//   more than the pass that fills it.
import { sortOrder } from './sort-order.js';

/**
 * Dense ranks of numbers.
 * @example denseRanks([0.5, -2, 0.5, 3]) // {rank: Int32Array [1, 0, 1, 2], count: 3}
 */
export function denseRanks(values: ArrayLike<number>): { rank: Int32Array; count: number } {
  const n = values.length;
  const order = sortOrder(values);
  const rank = new Int32Array(n);
  let count = 0;
  let previous = NaN;
  for (let q = 0; q < n; q++) {
    const i = order[q];
    const v = values[i];
    // -0 === 0, so the two share a rank, as they sort together.
    if (count === 0 || v !== previous) {
      count++;
      previous = v;
    }
    rank[i] = count - 1;
  }
  return { rank, count };
}
