// The Cox model's data, sorted once and centred: what every Newton step of cox-ph.ts reads.
//
// Contract
// - Inputs: time (finite), status (0/1), x (n x p, row-major, finite; or its rows on demand,
//   design-rows.ts, so that a model of millions of rows needs no dense n x p copy), and the columns
//   to keep.
// - Output: rows sorted by time (ascending, blocks of tied times marked by blockStart), the kept
//   columns centred on their means except columns whose values are all -1, 0 or 1 (R's coxph
//   `nocenter = c(-1, 0, 1)`): centring keeps exp(x'beta) in range and the information matrix free
//   of cancellation, while leaving indicators uncentred keeps them sparse. `means` holds what was
//   subtracted (0 for the uncentred columns), as coxph's `means`.
// - Storage is compressed by row (CSR): row q's non-zero entries are val[rowStart[q] ..
//   rowStart[q + 1]) in columns col[...], ascending. With factor indicators most entries are zero,
//   so each Newton step reads and multiplies only the k non-zeros of a row (O(k^2), not O(p^2)).
// - Centring changes neither the coefficients nor their variance: the partial likelihood is
//   invariant to adding a constant to a covariate.
// - Optional, as R's coxph: case weights (means are then weighted, as coxph's); strata (codes
//   0..S-1: rows sorted by stratum, then time, and each block tagged with its stratum so the risk
//   sets restart); counting-process start times (each row leaves the risk set, walking down the
//   times, before the first block at or below its start: `exitStart` / `exitRow` list, per block,
//   the sorted rows to take out before that block is processed).
import { timeRanks } from './time-ranks.js';
import type { DesignRows } from '../regression/design-rows.js';

/** x given as its rows on demand (design-rows.ts) rather than a dense array. */
export function isDesignRows(x: ArrayLike<number> | DesignRows): x is DesignRows {
  return typeof (x as DesignRows).fill === 'function' && !ArrayBuffer.isView(x) && !Array.isArray(x);
}

export interface CoxData {
  n: number;
  p: number;
  rowStart: Int32Array;
  /** Column of each entry: 16 bits (p is far below 65,536: the information matrix is p x p). */
  col: Uint16Array;
  val: Float64Array;
  status: Uint8Array;
  /** Rows blockStart[b] .. blockStart[b + 1] - 1 share the b-th distinct time. */
  blockStart: Int32Array;
  /** Input index of each sorted row. */
  order: Int32Array;
  means: Float64Array;
  nEvents: number;
  /** Case weights in sorted order, or null (all 1). */
  weight: Float64Array | null;
  /** The weights are frequencies (counts of identical rows): Efron's d counts them (cox-loglik.ts). */
  frequency: boolean;
  /** Stratum of each block, or null (one stratum). */
  blockStratum: Int32Array | null;
  /** Rows exitRow[exitStart[b] .. exitStart[b + 1]) leave the risk set before block b; or null. */
  exitStart: Int32Array | null;
  exitRow: Int32Array | null;
  /**
   * The first value of x that is not a finite number (in row order, then column order; column as
   * an index into x's columns), or null: the caller refuses the data, naming it.
   */
  nonFinite: { row: number; column: number; value: number } | null;
}

/** Weights, strata and entry times of the rows (any may be absent). */
export interface CoxExtras {
  weights?: ArrayLike<number> | null;
  /** The weights are frequencies (default false: case weights, R's). */
  frequency?: boolean;
  strata?: Int32Array | null;
  start?: ArrayLike<number> | null;
}

/**
 * Sort by time and centre the covariates (columns `keep` of x, in that order).
 * @param pIn the number of columns of x
 * @example coxData([2, 1], Uint8Array.of(1, 1), [5, 0, 7, 1], 2, [0, 1]).means // [6, 0]
 */
export function coxData(
  time: ArrayLike<number>,
  status: Uint8Array,
  xIn: ArrayLike<number> | DesignRows,
  pIn: number,
  keep: number[],
  { weights = null, frequency = false, strata = null, start = null }: CoxExtras = {},
): CoxData {
  const n = time.length;
  const p = keep.length;
  if (p >= 65536) throw new Error(`coxData: invalid x; expected fewer than 65,536 columns, got ${p}`);
  // Rows on demand are written one at a time into a row buffer and read from there: the same
  // values in the same order as from a dense x.
  const rows = isDesignRows(xIn) ? xIn : null;
  const buffer = new Float64Array(rows ? pIn : 0);
  const x: ArrayLike<number> = rows ? buffer : (xIn as ArrayLike<number>);
  const rowAt = (i: number): number => {
    if (!rows) return i * pIn;
    rows.fill(i, buffer, 0);
    return 0;
  };
  const ranked = timeRanks(time, { withOrder: true });
  let blockStart = ranked.blockStart!;
  let order = ranked.order!;
  let blockStratum: Int32Array | null = null;
  if (strata) {
    ({ order, blockStart, blockStratum } = byStratum(order, ranked.rank, strata));
  }
  // Row i's non-zero entries (kept columns in order) into rawCol/rawVal; returns how many. Rows
  // that can list them (design rows of mostly zero indicators, all columns kept) do so; others are
  // written out whole and scanned. Three passes read the input in its own order (sequential
  // reads): column sums and the -1/0/1 test, then the number of non-zeros once centred, then the
  // deal into time order.
  const rawCol = new Int32Array(p);
  const rawVal = new Float64Array(p);
  const sparse = rows?.fillSparse && p === pIn && keep.every((k, j) => k === j) ? rows : null;
  const entries = (i: number): number => {
    if (sparse) return sparse.fillSparse!(i, rawCol, rawVal, 0);
    const row = rowAt(i);
    let k = 0;
    for (let j = 0; j < p; j++) {
      const v = x[row + keep[j]];
      if (v !== 0) {
        rawCol[k] = j;
        rawVal[k++] = v;
      }
    }
    return k;
  };
  const sums = new Float64Array(p);
  const indicator = new Uint8Array(p).fill(1);
  let total = 0;
  let nonFinite: CoxData['nonFinite'] = null;
  // With at most 32 columns, each row's count of entries and the set of its columns (a bit each),
  // from which its size once centred follows without reading it again (see below).
  const few = p <= 32;
  const listed = new Uint8Array(few ? n : 0);
  const present = new Int32Array(few ? n : 0);
  for (let i = 0; i < n; i++) {
    // coxph weights the means, except for counting-process data, where R's agreg.fit takes plain
    // column means; we report what R reports (the fit does not depend on it).
    const w = weights && !start ? weights[i] : 1;
    total += w;
    // Zeros add nothing to the sums and pass the -1/0/1 test.
    const e = entries(i);
    for (let s = 0; s < e; s++) {
      const v = rawVal[s];
      sums[rawCol[s]] += w * v;
      if (v !== 1 && v !== -1) indicator[rawCol[s]] = 0;
      if (!Number.isFinite(v) && nonFinite === null)
        nonFinite = { row: i, column: keep[rawCol[s]], value: v };
    }
    if (few) {
      listed[i] = e;
      let bits = 0;
      for (let s = 0; s < e; s++) bits |= 1 << rawCol[s];
      present[i] = bits;
    }
  }
  const means = sums.map((s, j) => (indicator[j] ? 0 : s / total));
  // Centred columns (ascending): their zeros become -mean, so each is visited in every row; the
  // other columns only where non-zero.
  const centred = Int32Array.from(keep.keys()).filter((j) => means[j] !== 0);
  const nc = centred.length;
  // Position of each input row in time order, and each row's number of entries once centred (the
  // entries the deal below writes, in the same column order): its own, and every centred column it
  // does not list (a zero becomes -mean). A listed value equal to its column's mean becomes an
  // entry of 0 with the column sets (rather than reading every row again to leave it out): adding
  // 0 x beta or r x 0 leaves every sum of the fit as it was, to the bit.
  const pos = new Int32Array(n);
  for (let q = 0; q < n; q++) pos[order![q]] = q;
  const rowStart = new Int32Array(n + 1);
  let centredBits = 0;
  for (let u = 0; u < nc; u++) centredBits |= 1 << centred[u];
  for (let i = 0; few && i < n; i++)
    rowStart[pos[i] + 1] = listed[i] + nc - bitCount(present[i] & centredBits);
  for (let i = 0; !few && i < n; i++) {
    let k = 0;
    let s = 0;
    const e = entries(i);
    for (let u = 0; u < nc; u++) {
      const j = centred[u];
      while (s < e && rawCol[s] < j) {
        s++;
        k++;
      }
      const v = s < e && rawCol[s] === j ? rawVal[s++] : 0;
      if (v - means[j] !== 0) k++;
    }
    rowStart[pos[i] + 1] = k + (e - s);
  }
  for (let q = 0; q < n; q++) rowStart[q + 1] += rowStart[q];
  const nnz = rowStart[n];
  // Each row straight to its place in time order: the writes land at random, but a store that
  // misses the cache does not stall the loop as a load would, and a scratch copy in between (dealing
  // rows into buckets first) costs more in fresh memory, a page fault every 4 KB, than it saves.
  // Where each row starts is looked up first, in a loop of its own (pos becomes it): those reads
  // land at random too, and inside the deal each would wait out its cache miss.
  for (let i = 0; i < n; i++) pos[i] = rowStart[pos[i]];
  const col = new Uint16Array(nnz);
  const val = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    let k = pos[i];
    let s = 0;
    const e = entries(i);
    for (let u = 0; u < nc; u++) {
      const j = centred[u];
      while (s < e && rawCol[s] < j) {
        col[k] = rawCol[s];
        val[k++] = rawVal[s++];
      }
      const v = (s < e && rawCol[s] === j ? rawVal[s++] : 0) - means[j];
      if (v !== 0 || few) {
        col[k] = j;
        val[k++] = v;
      }
    }
    while (s < e) {
      col[k] = rawCol[s];
      val[k++] = rawVal[s++];
    }
  }
  const st = new Uint8Array(n);
  let nEvents = 0;
  for (let q = 0; q < n; q++) {
    st[q] = status[order![q]];
    // Frequencies: a row's events are as many as the rows it stands for.
    nEvents += frequency && weights ? st[q] * weights[order![q]] : st[q];
  }
  let weight: Float64Array | null = null;
  if (weights) {
    weight = new Float64Array(n);
    for (let q = 0; q < n; q++) weight[q] = weights[order[q]];
  }
  const exits = start ? exitLists(time, start, order, blockStart, blockStratum) : null;
  return {
    n,
    p,
    rowStart,
    col,
    val,
    status: st,
    blockStart,
    order,
    means,
    nEvents,
    weight,
    frequency: frequency && weights !== null,
    blockStratum,
    exitStart: exits && exits.exitStart,
    exitRow: exits && exits.exitRow,
    nonFinite,
  };
}

/** The number of bits set in a 32-bit integer. */
function bitCount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Re-sort a time order by stratum (stable, so time order holds within each), with its blocks. */
function byStratum(
  timeOrder: Int32Array,
  rank: Int32Array,
  strata: Int32Array,
): { order: Int32Array; blockStart: Int32Array; blockStratum: Int32Array } {
  const n = timeOrder.length;
  let groups = 0;
  for (let i = 0; i < n; i++) groups = Math.max(groups, strata[i] + 1);
  const next = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) next[strata[i] + 1]++;
  for (let g = 0; g < groups; g++) next[g + 1] += next[g];
  const order = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    const i = timeOrder[q];
    order[next[strata[i]]++] = i;
  }
  const starts: number[] = [];
  const stratumOf: number[] = [];
  for (let q = 0; q < n; q++) {
    const i = order[q];
    if (q === 0 || strata[i] !== strata[order[q - 1]] || rank[i] !== rank[order[q - 1]]) {
      starts.push(q);
      stratumOf.push(strata[i]);
    }
  }
  starts.push(n);
  return { order, blockStart: Int32Array.from(starts), blockStratum: Int32Array.from(stratumOf) };
}

/**
 * For counting-process rows: the block before which each sorted row leaves the risk set, the
 * highest block of its stratum whose time is at or below its start (none: it never leaves).
 */
function exitLists(
  time: ArrayLike<number>,
  start: ArrayLike<number>,
  order: Int32Array,
  blockStart: Int32Array,
  blockStratum: Int32Array | null,
): { exitStart: Int32Array; exitRow: Int32Array } {
  const m = blockStart.length - 1;
  const n = order.length;
  const exitBlock = new Int32Array(n).fill(-1);
  // Stratum boundaries among the blocks.
  let first = 0;
  let block = 0;
  for (let q = 0; q < n; q++) {
    // Block of row q and the first block of its stratum.
    while (blockStart[block + 1] <= q) block++;
    const b = block;
    if (blockStratum && (b === 0 || blockStratum[b] !== blockStratum[b - 1])) first = b;
    else if (!blockStratum) first = 0;
    // Binary search for the last block in [first, b) with time <= start.
    const s = start[order[q]];
    let lo = first;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[order[blockStart[mid]]] <= s) lo = mid + 1;
      else hi = mid;
    }
    exitBlock[q] = lo - 1 >= first ? lo - 1 : -1;
  }
  const exitStart = new Int32Array(m + 1);
  for (let q = 0; q < n; q++) if (exitBlock[q] >= 0) exitStart[exitBlock[q] + 1]++;
  for (let b = 0; b < m; b++) exitStart[b + 1] += exitStart[b];
  const cursor = exitStart.slice(0, m);
  const exitRow = new Int32Array(exitStart[m]);
  for (let q = 0; q < n; q++) if (exitBlock[q] >= 0) exitRow[cursor[exitBlock[q]]++] = q;
  return { exitStart, exitRow };
}
