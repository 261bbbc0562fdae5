// Harrell's concordance between a risk score and right-censored survival, as R survival's
// concordance for a coxph fit (concordancefit with reverse = TRUE, timewt "n", survival 3.5).
//
// Contract
// - Inputs: time (finite), status (0/1), risk (finite; higher = expected to fail sooner).
// - A pair is comparable when the shorter time is an event; an observation censored at the time of
//   an event counts as surviving longer (it was at risk then). Comparable pairs are concordant (the
//   event has the higher risk), discordant, or tied on risk (tiedX). Pairs of events at the same
//   time are not comparable: tiedY counts those with different risks, tiedXY those with equal risks.
// - C = (concordant + tiedX / 2) / (concordant + discordant + tiedX).
// - se: the infinitesimal-jackknife standard error R reports (concordancefit's `var`): with
//   N = concordant + discordant + tiedX, D = (concordant - discordant) / N, and c_i, d_i, t_i the
//   concordant, discordant and tied-on-risk comparable pairs observation i belongs to,
//   var(C) = sum_i ((c_i - d_i) / N - D (c_i + d_i + t_i) / N)^2 / 4.
// - weights (case weights, as coxph passes them): a pair counts w_i w_j; observation i's counts are
//   the weights of its partners, and its term in the variance is multiplied by w_i (R's dfbeta).
// - start (counting-process data, on the scale of time): an observation is compared only with
//   events at times after its start, as R's concordance for (start, stop] data.
// - strata: pairs are formed within strata only; counts and the variance are then summed over all
//   rows, as concordancefit does for a stratified coxph.
// - Cost O(n log n): one pass down the times counting risks already seen in a Fenwick tree over
//   risk ranks (each event against everyone later), one pass up (everyone against earlier events).
//   Per observation only what the variance reads is kept, c_i - d_i and c_i + d_i + t_i (two arrays,
//   not three), and no array is made that the data do not need (weights of 1, events tied on time
//   counted from the tree itself): at millions of rows fresh memory, a page fault every 4 KB, costs
//   more than the passes that fill it.
// References: Harrell et al. (1982); Therneau & Atkinson, "Concordance" (survival vignette, 2023).
import { denseRanks } from '../math/dense-ranks.js';
import { timeRanks, type TimeRanks } from './time-ranks.js';

const BLOCK_SHIFT = 4;

export interface ConcordanceResult {
  concordance: number;
  se: number;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/**
 * Concordance of a risk score with survival, with its standard error and pair counts.
 * @example concordance([1, 2, 3], [1, 1, 0], [3, 2, 1]).concordance // 1
 */
export function concordance(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
  {
    weights,
    strata,
    start,
  }: { weights?: ArrayLike<number>; strata?: Int32Array; start?: ArrayLike<number> } = {},
): ConcordanceResult {
  const n = time.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(risk[i]))
      throw new Error(`concordance: invalid risk; expected finite numbers, got ${risk[i]} at index ${i}`);
  }
  // Per observation: c - d and c + d + t (see the contract).
  let net: Float64Array = new Float64Array(strata ? n : 0);
  let all: Float64Array = new Float64Array(strata ? n : 0);
  const total = { concordant: 0, discordant: 0, tiedX: 0, tiedY: 0, tiedXY: 0 };
  const add = (part: PairCounts): void => {
    total.concordant += part.concordant;
    total.discordant += part.discordant;
    total.tiedX += part.tiedX;
    total.tiedY += part.tiedY;
    total.tiedXY += part.tiedXY;
  };
  if (strata) {
    let groups = 0;
    for (let i = 0; i < n; i++) groups = Math.max(groups, strata[i] + 1);
    for (let g = 0; g < groups; g++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (strata[i] === g) rows.push(i);
      if (rows.length === 0) continue;
      const pick = (v: ArrayLike<number>): Float64Array => Float64Array.from(rows, (i) => v[i]);
      const part = pairCounts(
        pick(time),
        pick(status),
        pick(risk),
        weights ? pick(weights) : null,
        start ? pick(start) : null,
      );
      for (let q = 0; q < rows.length; q++) {
        net[rows[q]] = part.net[q];
        all[rows[q]] = part.all[q];
      }
      add(part);
    }
  } else {
    // One stratum: its per-observation counts are the result's, no copy.
    const part = pairCounts(time, status, risk, weights ?? null, start ?? null);
    ({ net, all } = part);
    add(part);
  }
  const { concordant, discordant, tiedX } = total;
  const pairs = concordant + discordant + tiedX;
  const somers = (concordant - discordant) / pairs;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    const dfbeta = w * (net[i] / pairs - (somers * all[i]) / pairs);
    v += dfbeta * dfbeta;
  }
  return { concordance: (somers + 1) / 2, se: Math.sqrt(v / 4), ...total };
}

interface PairCounts {
  /** Per observation, its partners' weights: concordant less discordant (c - d), and all (c + d + t). */
  net: Float64Array;
  all: Float64Array;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/** Pair counts in one stratum: per observation (net, all) and in total. */
function pairCounts(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  start: ArrayLike<number> | null,
): PairCounts {
  const n = time.length;
  // Times already in order (as coxPH passes them): the blocks are the runs of equal times, and the
  // rows need no permuting in or out.
  let inOrder = true;
  // (Anything not finite goes to timeRanks, which says so.)
  for (let i = 0; i < n && inOrder; i++) {
    if (!Number.isFinite(time[i]) || (i > 0 && time[i] < time[i - 1])) inOrder = false;
  }
  const { times, blockStart, order } = inOrder
    ? runs(time)
    : (timeRanks(time, { withOrder: true }) as Required<TimeRanks>);
  const { rank: riskRank, count: k } = denseRanks(risk);
  // Counts by risk rank, and a Fenwick tree over blocks of 16 ranks: "how many below r" is the tree's
  // prefix over whole blocks plus a short scan inside r's block. With millions of distinct risks this
  // keeps the tree small enough to stay in cache, where a tree over every rank would miss on each level.
  const count = new Float64Array(k);
  const blocks = (k >> BLOCK_SHIFT) + 1;
  const tree = new Float64Array(blocks + 1);
  const add = (r: number, w: number): void => {
    count[r] += w;
    for (let i = (r >> BLOCK_SHIFT) + 1; i <= blocks; i += i & -i) tree[i] += w;
  };
  const below = (r: number): number => {
    let s = 0;
    for (let i = r >> BLOCK_SHIFT; i > 0; i -= i & -i) s += tree[i];
    for (let j = (r >> BLOCK_SHIFT) << BLOCK_SHIFT; j < r; j++) s += count[j];
    return s;
  };
  // Both passes walk the rows in time order: status, risk rank and weight in that order (the
  // input's own when it is in order already), so the passes read (and net, all are written)
  // sequentially rather than through the permutation.
  const ev = new Uint8Array(n);
  for (let q = 0; q < n; q++) ev[q] = status[order ? order[q] : q] === 1 ? 1 : 0;
  let rk = riskRank;
  let wt = weights;
  if (order) {
    rk = new Int32Array(n);
    for (let q = 0; q < n; q++) rk[q] = riskRank[order[q]];
    if (weights) {
      const w = new Float64Array(n);
      for (let q = 0; q < n; q++) w[q] = weights[order[q]];
      wt = w;
    }
  }
  const net = new Float64Array(n);
  const all = new Float64Array(n);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  const m = blockStart!.length - 1;

  // Counting-process data: the block of the last time at or before each row's start (-1: none), and
  // the rows in order of that block, so both passes can take rows out / in as they pass it.
  let entry: Int32Array | null = null;
  let byEntry: Int32Array | null = null;
  if (start) {
    entry = new Int32Array(n);
    for (let q = 0; q < n; q++) {
      const s0 = start[order ? order[q] : q];
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid] <= s0) lo = mid + 1;
        else hi = mid;
      }
      entry[q] = lo - 1;
    }
    byEntry = Int32Array.from({ length: n }, (_, q) => q).sort((a, b) => entry![a] - entry![b]);
  }
  // Down the times: each event against everyone with a later time or censored at its time (with
  // start times: only those whose interval had begun).
  let inTree = 0;
  let leaving = n - 1;
  for (let b = m - 1; b >= 0; b--) {
    const from = blockStart![b];
    const to = blockStart![b + 1];
    // Rows that entered at or after this time are not at risk here: out of the tree.
    while (byEntry && leaving >= 0 && entry![byEntry[leaving]] >= b) {
      const q = byEntry[leaving--];
      const w = wt ? wt[q] : 1;
      add(rk[q], -w);
      inTree -= w;
    }
    for (let q = from; q < to; q++) {
      if (ev[q] === 0) {
        const w = wt ? wt[q] : 1;
        add(rk[q], w);
        inTree += w;
      }
    }
    let deaths = 0;
    let deathsSquared = 0;
    const atRisk = inTree;
    for (let q = from; q < to; q++) {
      if (ev[q] === 0) continue;
      const r = rk[q];
      const less = below(r);
      const equal = count[r];
      const greater = atRisk - less - equal;
      const w = wt ? wt[q] : 1;
      net[q] = less - greater;
      // Held here until the events go into the tree below (then it becomes c + d + t).
      all[q] = equal;
      concordant += w * less;
      discordant += w * greater;
      tiedX += w * equal;
      deaths += w;
      deathsSquared += w * w;
    }
    // The events go into the tree one by one: what their rank already holds beyond what it held when
    // they were counted is the earlier events of this time at the same risk (tied on both).
    let sameRisk = 0;
    for (let q = from; q < to; q++) {
      if (ev[q] === 1) {
        const r = rk[q];
        const w = wt ? wt[q] : 1;
        sameRisk += w * (count[r] - all[q]);
        all[q] = atRisk;
        add(r, w);
        inTree += w;
      }
    }
    tiedXY += sameRisk;
    tiedY += (deaths * deaths - deathsSquared) / 2 - sameRisk;
  }

  // Up the times: everyone against the events before them (events at their own time too when censored).
  tree.fill(0);
  count.fill(0);
  let events = 0;
  const asLonger = (q: number): void => {
    const r = rk[q];
    const less = below(r);
    const equal = count[r];
    // Concordant with the events of higher risk, discordant with those of lower, tied with the rest.
    net[q] += events - less - equal - less;
    all[q] += events;
  };
  // With start times a row is compared only with the events after its entry: what asLonger counts
  // at its stop, less what it would have counted at its entry.
  const beforeEntry = (q: number): void => {
    const r = rk[q];
    const less = below(r);
    const equal = count[r];
    net[q] -= events - less - equal - less;
    all[q] -= events;
  };
  let entering = 0;
  for (let b = 0; b < m; b++) {
    const from = blockStart![b];
    const to = blockStart![b + 1];
    for (let q = from; q < to; q++) if (ev[q] === 1) asLonger(q);
    for (let q = from; q < to; q++) {
      if (ev[q] === 1) {
        const w = wt ? wt[q] : 1;
        add(rk[q], w);
        events += w;
      }
    }
    for (let q = from; q < to; q++) if (ev[q] === 0) asLonger(q);
    while (byEntry && entering < n && entry![byEntry[entering]] <= b) {
      const q = byEntry[entering++];
      if (entry![q] === b) beforeEntry(q);
    }
  }

  // net and all are in time order: return them in the input order.
  const back = (v: Float64Array): Float64Array => {
    if (!order) return v;
    const out = new Float64Array(n);
    for (let q = 0; q < n; q++) out[order![q]] = v[q];
    return out;
  };
  return { net: back(net), all: back(all), concordant, discordant, tiedX, tiedY, tiedXY };
}

/** Distinct values and block starts of times already ascending; order null (the identity). */
function runs(time: ArrayLike<number>): { times: Float64Array; blockStart: Int32Array; order: null } {
  const n = time.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || time[i] !== time[i - 1]) m++;
  const times = new Float64Array(m);
  const blockStart = new Int32Array(m + 1);
  for (let i = 0, b = 0; i < n; i++) {
    if (i === 0 || time[i] !== time[i - 1]) {
      times[b] = time[i];
      blockStart[b++] = i;
    }
  }
  blockStart[m] = n;
  return { times, blockStart, order: null };
}
