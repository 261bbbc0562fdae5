// R's timefix (timefix.ts) and the ranks of the merged times (time-ranks.ts) from one sort. Each
// of them sorts the times on its own; at a million continuous times each radix sort, with its
// arrays, cost about a quarter of a second of `km`'s time, and the ranks are only the chains of
// ties that timefix has already found along its sort.
//
// Contract
// - fixedTimeRanks(time, timefix) -> {time, changed, times, rank, order?}: `time` and `changed` as
//   timefix(time) (or the input and 0 when timefix is false), `times` and `rank` as
//   timeRanks(that time). `order`, when the times were sorted (not whole numbers in a modest range),
//   is a permutation of 0..n-1 ascending in the merged time (within a tie, not necessarily in input
//   order): callers may walk the rows in time order without sorting again.
// - Preconditions: every time finite (throws otherwise, as timeRanks).
import { sortOrder } from '../math/sort-order.js';
import { timeRanks } from './time-ranks.js';
import { TIMEFIX_TOLERANCE } from './timefix.js';

export interface FixedTimeRanks {
  /** The times after timefix (the input itself when nothing moved). */
  time: ArrayLike<number>;
  /** Values changed by timefix. */
  changed: number;
  /** Distinct merged times, ascending. */
  times: Float64Array;
  /** Index of each row's merged time in `times`. */
  rank: Int32Array;
  /** Rows in ascending time, when a sort was made. */
  order?: Int32Array;
}

/** Whole-number times spanning at most this many values (or 4n) are ranked by a table, not a sort. */
const TABLE_SPAN = 1 << 22;

/**
 * Times merged as R's timefix (when `timefix`), their distinct values and each row's rank.
 * @example fixedTimeRanks([0.1 + 0.2, 0.3, 1], true).rank // Int32Array [0, 0, 1]
 */
export function fixedTimeRanks(time: ArrayLike<number>, timefix: boolean): FixedTimeRanks {
  const n = time.length;
  let whole = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) {
      throw new Error(`timeRanks: invalid time; expected finite numbers, got ${t} at index ${i}`);
    }
    if (t < min) min = t;
    if (t > max) max = t;
    if (whole && (t !== Math.floor(t) || Math.abs(t) >= 1 / TIMEFIX_TOLERANCE)) whole = false;
  }
  // Whole numbers below 1 / tolerance never tie (timefix leaves them); in a modest range they are
  // ranked by a presence table, with no sort at all.
  if (n === 0 || (whole && max - min <= Math.max(TABLE_SPAN, 4 * n))) {
    return { time, changed: 0, ...timeRanks(time) };
  }
  const order = sortOrder(time);
  // Distinct values along the sort, each row's index among them.
  const rank = new Int32Array(n);
  const distinct = new Float64Array(n);
  let m = 0;
  let sumAbs = 0;
  for (let q = 0; q < n; q++) {
    const i = order[q];
    const t = time[i];
    if (m === 0 || t !== distinct[m - 1]) {
      distinct[m++] = t;
      sumAbs += Math.abs(t);
    }
    rank[i] = m - 1;
  }
  if (!timefix || whole) return { time, changed: 0, times: distinct.slice(0, m), rank, order };
  // aeqSurv's rule (timefix.ts): neighbours within tolerance, absolute or relative to the mean of
  // |distinct values|, are one chain; the chain takes its first value.
  const meanAbs = sumAbs / m;
  const chain = new Int32Array(m);
  const times = new Float64Array(m);
  let chains = 0;
  for (let k = 0; k < m; k++) {
    const dy = k === 0 ? Infinity : distinct[k] - distinct[k - 1];
    if (k > 0 && (dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE)) {
      chain[k] = chains - 1;
    } else {
      times[chains] = distinct[k];
      chain[k] = chains++;
    }
  }
  if (chains === m) return { time, changed: 0, times: distinct.slice(0, m), rank, order };
  const fixed = new Float64Array(n);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const r = chain[rank[i]];
    rank[i] = r;
    fixed[i] = times[r];
    if (fixed[i] !== time[i]) changed++;
  }
  return { time: fixed, changed, times: times.slice(0, chains), rank, order };
}
