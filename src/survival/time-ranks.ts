// Sorting survival times once. Every survival method here works on the distinct times and each
// observation's rank among them, so that the sort is paid once and Kaplan-Meier, log-rank and the
// Cox risk sets become counting.
//
// Contract
// - timeRanks(time, {withOrder}) -> {times, rank, order?, blockStart?}; O(n) (a presence table for
//   whole numbers in a modest range, a radix sort otherwise: src/math/sort-order.ts)
//   times: the distinct values of `time`, ascending (Float64Array of length m);
//   rank[i]: index of time[i] in `times` (Int32Array of length n);
//   with `withOrder`, order is a permutation of 0..n-1 ascending in time (stable: ties keep their
//   input order) and blockStart (length m + 1) the position in `order` where each distinct time
//   starts, so order[blockStart[r] .. blockStart[r + 1]) are the observations at times[r].
// - Preconditions: every time finite (callers drop missing values first); throws otherwise.
// - Equal means exactly equal (no tolerance): the methods first merge times equal within R's
//   `timefix` tolerance (timefix.ts), as survfit and coxph do, unless asked not to.
import { sortOrder } from '../math/sort-order.js';

export interface TimeRanks {
  times: Float64Array;
  rank: Int32Array;
  order?: Int32Array;
  blockStart?: Int32Array;
}

/** Whole-number times spanning at most this many values (or 4n) are ranked by a table, not a sort. */
const TABLE_SPAN = 1 << 22;

/**
 * Distinct sorted times and each observation's rank among them.
 * @example timeRanks([5, 2, 5, 9]) // {times: [2, 5, 9], rank: [1, 0, 1, 2]}
 */
export function timeRanks(
  time: ArrayLike<number>,
  { withOrder = false }: { withOrder?: boolean } = {},
): TimeRanks {
  const n = time.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) {
      throw new Error(`timeRanks: invalid time; expected finite numbers, got ${t} at index ${i}`);
    }
    if (t < min) min = t;
    if (t > max) max = t;
    if (whole && t !== Math.floor(t)) whole = false;
  }
  const rank = new Int32Array(n);
  let times: Float64Array;
  if (n === 0) {
    times = new Float64Array(0);
  } else if (whole && max - min <= Math.max(TABLE_SPAN, 4 * n)) {
    // Whole numbers in a modest range (days, months): a presence table gives the ranks in O(n + span).
    const span = max - min + 1;
    const slot = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) slot[time[i] - min] = 0;
    let m = 0;
    for (let s = 0; s < span; s++) if (slot[s] === 0) slot[s] = m++;
    times = new Float64Array(m);
    for (let s = 0; s < span; s++) if (slot[s] >= 0) times[slot[s]] = min + s;
    for (let i = 0; i < n; i++) rank[i] = slot[time[i] - min];
  } else {
    // Any other numbers: a radix sort gives the order; ranks follow in one pass along it.
    const sorted = sortOrder(time);
    const distinct = new Float64Array(n);
    let m = 0;
    for (let q = 0; q < n; q++) {
      const t = time[sorted[q]];
      if (m === 0 || t !== distinct[m - 1]) distinct[m++] = t;
      rank[sorted[q]] = m - 1;
    }
    times = distinct.slice(0, m);
  }
  if (!withOrder) return { times, rank };
  // Counting sort by rank: stable, O(n + m).
  const m = times.length;
  const blockStart = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) blockStart[rank[i] + 1]++;
  for (let r = 0; r < m; r++) blockStart[r + 1] += blockStart[r];
  const next = blockStart.slice(0, m);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[rank[i]]++] = i;
  return { times, rank, order, blockStart };
}
