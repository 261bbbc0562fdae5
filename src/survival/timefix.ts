// R survival's `timefix` (aeqSurv, survival 3.5): times that differ by no more than a tolerance are
// made equal before any fit, so that 0.1 + 0.2 and 0.3 are one tied time, as survfit, survdiff and
// coxph treat them by default.
//
// Contract
// - Inputs: stop times and, for counting-process data, start times (finite numbers).
// - Rule (aeqSurv's, verbatim): y = the sorted distinct values of start and stop together; two
//   neighbours y[k], y[k + 1] are tied when dy <= tol or dy / mean(|y|) <= tol, tol = sqrt(machine
//   epsilon) = 1.49e-8; each value is replaced by the first value of its chain of ties. Chains can be
//   longer than tol end to end, as in R.
// - A counting-process interval whose start and stop fall into one chain (effective length 0) is an
//   error, as R's "aeqSurv exception, an interval has effective length 0".
// - Output: the (possibly) new arrays, the inputs themselves when nothing was tied, and how many
//   values moved. Whole-number times below 1 / tol (days, months) can never tie, so they cost one
//   pass and no sort.
import { sortOrder } from '../math/sort-order.js';

/** sqrt(.Machine$double.eps), aeqSurv's default tolerance. */
export const TIMEFIX_TOLERANCE = Math.sqrt(2 ** -52);

export interface TimefixResult {
  time: ArrayLike<number>;
  start?: ArrayLike<number>;
  /** Values (stop and start) changed by the rounding. */
  changed: number;
}

/**
 * Merge times equal within R's tolerance, as R survival's aeqSurv.
 * @example timefix([0.1 + 0.2, 0.3, 1]).time // [0.30000000000000004, 0.30000000000000004, 1]
 */
export function timefix(time: ArrayLike<number>, start?: ArrayLike<number>): TimefixResult {
  const n = time.length;
  let whole = true;
  let sumAbs = 0;
  const values = start ? 2 * n : n;
  const at = (k: number): number => (k < n ? time[k] : start![k - n]);
  for (let k = 0; k < values; k++) {
    const v = at(k);
    if (!Number.isFinite(v)) throw new Error(`timefix: invalid time; expected finite numbers, got ${v}`);
    if (whole && (v !== Math.floor(v) || Math.abs(v) >= 1 / TIMEFIX_TOLERANCE)) whole = false;
    sumAbs += Math.abs(v);
  }
  if (whole || values === 0) return { time, start, changed: 0 };
  const all = new Float64Array(values);
  for (let k = 0; k < values; k++) all[k] = at(k);
  const order = sortOrder(all);
  const distinct: number[] = [];
  for (let q = 0; q < values; q++) {
    const v = all[order[q]];
    if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  }
  // aeqSurv's mean(abs(y)) is over the distinct values.
  sumAbs = 0;
  for (const v of distinct) sumAbs += Math.abs(v);
  const meanAbs = sumAbs / distinct.length;
  // Representative (first of its chain) and chain index of each distinct value.
  const rep = new Float64Array(distinct.length);
  const chain = new Int32Array(distinct.length);
  let any = false;
  for (let k = 0; k < distinct.length; k++) {
    const dy = k === 0 ? Infinity : distinct[k] - distinct[k - 1];
    const tied = dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE;
    if (k > 0 && tied) {
      rep[k] = rep[k - 1];
      chain[k] = chain[k - 1];
      any = true;
    } else {
      rep[k] = distinct[k];
      chain[k] = k === 0 ? 0 : chain[k - 1] + 1;
    }
  }
  if (!any) return { time, start, changed: 0 };
  // Each value's index among the distinct values, along the sort order.
  const index = new Int32Array(values);
  for (let q = 0, k = -1, last = NaN; q < values; q++) {
    const v = all[order[q]];
    if (v !== last) {
      k++;
      last = v;
    }
    index[order[q]] = k;
  }
  let changed = 0;
  const newTime = new Float64Array(n);
  const newStart = start ? new Float64Array(n) : undefined;
  for (let k = 0; k < values; k++) {
    const v = rep[index[k]];
    if (v !== all[k]) changed++;
    if (k < n) newTime[k] = v;
    else newStart![k - n] = v;
  }
  if (newStart) {
    for (let i = 0; i < n; i++) {
      if (chain[index[i]] === chain[index[n + i]] && time[i] !== start![i]) {
        throw new Error(
          `timefix: invalid interval at index ${i}; start ${start![i]} and stop ${time[i]} are equal within R's timefix tolerance (an interval of effective length 0; turn timefix off or correct the times)`,
        );
      }
    }
  }
  return { time: newTime, start: newStart, changed };
}
