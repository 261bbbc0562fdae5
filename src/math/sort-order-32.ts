// The permutation sort-order.ts gives (stable, ascending), found from 32-bit keys first: each value
// rounded to single precision, radix-sorted in four passes of 8 bits rather than eight, then the
// runs whose single-precision keys are equal put in order by the full values. Rounding to single
// precision never reverses two values (it is monotone), so only values within one single-precision
// step of each other can be out of order after the first sort, and they are next to each other.
// For millions of spread-out values (a risk score, src/survival/concordance-pairs.ts) this halves
// the passes and the scratch memory of sortOrder; values crowded into one single-precision step
// are sorted by sortOrder itself, so the cost stays linear whatever the data.
//
// Contract
// - Input: finite numbers or Infinity/-Infinity (NaN is the caller's to remove first). -0 sorts as 0.
// - Output: an Int32Array permutation p with values[p[0]] <= values[p[1]] <= ...; stable (equal
//   values keep their input order): the same permutation as sortOrder(values).
// - sortOrder32Carrying(values, payload) also returns, in sorted order, which values equal the one
//   before (`tied`: found where the runs are ordered, the only place equal values can be, so a
//   caller looking for runs of equal values need not read them through the permutation) and a
//   payload of one 32-bit integer per value, carried through the passes: what a caller would
//   otherwise read through the permutation, at random, a cache miss a value. The payload array
//   given is used as scratch (its contents are consumed).
// Reference: Knuth, The Art of Computer Programming vol. 3, section 5.2.5.
import { sortOrder } from './sort-order.js';

const BITS = 8;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
/** Runs of equal single-precision keys up to this long are put in order by insertion. */
const SHORT_RUN = 32;

/**
 * Stable ascending sort order of numeric values (as sortOrder), from single-precision keys first.
 * @example sortOrder32([2.5, -1, 2.5, 0]) // Int32Array [1, 3, 0, 2]
 */
export function sortOrder32(values: ArrayLike<number>): Int32Array {
  return sortOrder32Carrying(values, null).order;
}

/**
 * sortOrder32 with the ties marked and a payload carried along (see the contract).
 * @example sortOrder32Carrying([2.5, -1], Int32Array.of(7, 8)).payload // Int32Array [8, 7]
 */
export function sortOrder32Carrying(
  values: ArrayLike<number>,
  carried: Int32Array | null,
): { order: Int32Array; tied: Uint8Array; payload: Int32Array | null } {
  const n = values.length;
  let key = new Uint32Array(n);
  let order = new Int32Array(n);
  let payload: Int32Array | null = carried;
  let payload2: Int32Array | null = carried ? new Int32Array(n) : null;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    f[0] = v === 0 ? 0 : v;
    // Order-preserving map: flip every bit of negatives, only the sign bit of positives.
    const k = u[0];
    key[i] = k & 0x80000000 ? ~k >>> 0 : (k | 0x80000000) >>> 0;
    order[i] = i;
  }
  let key2 = new Uint32Array(n);
  let order2 = new Int32Array(n);
  const count = new Int32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & MASK]++;
    if (n === 0 || count[(key[0] >>> shift) & MASK] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const to = count[(key[i] >>> shift) & MASK]++;
      key2[to] = key[i];
      order2[to] = order[i];
      if (payload) payload2![to] = payload[i];
    }
    [key, key2] = [key2, key];
    [order, order2] = [order2, order];
    [payload, payload2] = [payload2, payload];
  }
  // Runs of equal keys: in input order (the sort is stable); put them in order of the full values,
  // ties still in input order, and the ties marked (values with different keys differ).
  const tied = new Uint8Array(n);
  for (let g = 0; g < n;) {
    let end = g + 1;
    while (end < n && key[end] === key[g]) end++;
    if (end - g > 1) {
      orderRun(values, order, payload, g, end);
      let previous = values[order[g]];
      for (let q = g + 1; q < end; q++) {
        const v = values[order[q]];
        if (v === previous) tied[q] = 1;
        previous = v;
      }
    }
    g = end;
  }
  return { order, tied, payload };
}

/** Sort order[from .. to) by values (stable), where the run is in input order; the payload alike. */
function orderRun(
  values: ArrayLike<number>,
  order: Int32Array,
  payload: Int32Array | null,
  from: number,
  to: number,
): void {
  if (to - from <= SHORT_RUN) {
    // Insertion: moves an entry only past strictly greater values, so ties keep their order.
    for (let q = from + 1; q < to; q++) {
      const i = order[q];
      const carried = payload ? payload[q] : 0;
      const v = values[i];
      let r = q - 1;
      while (r >= from && values[order[r]] > v) {
        order[r + 1] = order[r];
        if (payload) payload[r + 1] = payload[r];
        r--;
      }
      order[r + 1] = i;
      if (payload) payload[r + 1] = carried;
    }
    return;
  }
  const rows = order.slice(from, to);
  const carried = payload ? payload.slice(from, to) : null;
  const within = sortOrder(Float64Array.from(rows, (i) => values[i]));
  for (let q = 0; q < rows.length; q++) {
    order[from + q] = rows[within[q]];
    if (payload) payload[from + q] = carried![within[q]];
  }
}
