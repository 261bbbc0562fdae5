// The pair counts behind Harrell's concordance (concordance.ts) in one stratum: in total, and per
// observation what the jackknife variance reads.
//
// Contract
// - Inputs: time (finite), status (1 = event), risk (finite), weights (or null: all 1), start (entry
//   times of counting-process data on the scale of time, or null).
// - A pair (i, j) is comparable when i is an event and j outlived it: j's time is later, or equal
//   with j censored; with start times also j had entered before i's time (j's start is below it).
//   It is concordant when risk_i > risk_j, discordant when risk_i < risk_j, tied (tiedX) otherwise,
//   and counts w_i w_j. Events at the same time are not comparable: tiedXY counts those pairs with
//   equal risks, tiedY those with different risks.
// - Output: the totals, and per observation (in the input order, side by side in `shares`)
//   c - d and c + d + t, c, d and t the weights of its concordant, discordant and tied partners (as
//   either member).
// - Method: one sweep up the risks (a radix sort, sort-order-32.ts), counting the rows already
//   passed, of lower risk, in Fenwick trees indexed by time: events, censorings (and with start
//   times, entries) per distinct time. Each event, as the shorter member, counts its lower-risk partners among the rows
//   that outlived it; each row, as the longer member, counts the lower-risk events it outlived. The
//   higher-risk partners are the rest of the comparable ones (totals per time, counted once), and a
//   run of equal risks is counted twice, before and after its own rows go into the trees, the
//   difference being its ties. Indexing the trees by time rather than by risk keeps them as small
//   as the number of distinct times (a few thousand days, in cache), where a tree over millions of
//   distinct risks is read at random, a cache miss a row; with continuous times the two are alike.
//   Without weights every count is a whole number, added exactly in any order.
// - Cost O(n log n): the sort, then O(log m) a row for m distinct times.
// References: Therneau & Atkinson, "Concordance" (survival vignette, 2023), on counting
// concordance with a balanced tree in O(n log n).
import { sortOrder32Carrying } from '../math/sort-order-32.js';
import { timeRanks } from './time-ranks.js';

export interface PairCounts {
  /**
   * Per observation i, its partners' weights: concordant less discordant (c - d) at 2i, and all of
   * them (c + d + t) at 2i + 1. Side by side, the two writes of a row in the sweep (at random, in
   * risk order) land in one cache line, not two.
   */
  shares: Float64Array;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/** A Fenwick tree over positions 0 .. size - 1: add at a position, sum up to a position. */
function fenwick(size: number): {
  add: (at: number, w: number) => void;
  upTo: (at: number) => number;
} {
  const tree = new Float64Array(size + 1);
  return {
    add(at, w) {
      for (let i = at + 1; i <= size; i += i & -i) tree[i] += w;
    },
    /** Sum over positions 0 .. at (0 for at < 0). */
    upTo(at) {
      let s = 0;
      for (let i = at + 1; i > 0; i -= i & -i) s += tree[i];
      return s;
    },
  };
}

/**
 * Pair counts of one stratum (see the file comment).
 * @example concordancePairs([1, 2, 3], [1, 1, 0], [3, 2, 1], null, null).concordant // 3
 */
export function concordancePairs(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  start: ArrayLike<number> | null,
): PairCounts {
  const n = time.length;
  // Each row's time as its index among the distinct times (anything not finite: timeRanks says so).
  const { times, rank: at } = timeRanks(time);
  const m = times.length;
  // Counting-process data: the index of the last time at or before each row's start (-1: none). The
  // row is at risk from the next time on, up to its own.
  let entry: Int32Array | null = null;
  if (start) {
    entry = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid] <= start[i]) lo = mid + 1;
        else hi = mid;
      }
      entry[i] = lo - 1;
    }
  }
  // Per time: events and censorings (their weights) and the events' squared weights; entries by
  // the index after the time they follow (0: before every time).
  const eventsAt = new Float64Array(m);
  const squaresAt = new Float64Array(m);
  const censoredAt = new Float64Array(m);
  const entriesAt = new Float64Array(entry ? m + 1 : 0);
  let everyone = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (status[i] === 1) {
      eventsAt[at[i]] += w;
      squaresAt[at[i]] += w * w;
    } else censoredAt[at[i]] += w;
    if (entry) entriesAt[entry[i] + 1] += w;
    everyone += w;
  }
  // The same sums over all rows, up to each time: eventsBelow[b] over times before b (b = 0 .. m),
  // and so on; every comparable partner of a row, whatever its risk, is counted from these.
  const eventsBelow = new Float64Array(m + 1);
  const censoredBelow = new Float64Array(m + 1);
  const entriesUpTo = new Float64Array(entry ? m + 1 : 0);
  for (let b = 0; b < m; b++) {
    eventsBelow[b + 1] = eventsBelow[b] + eventsAt[b];
    censoredBelow[b + 1] = censoredBelow[b] + censoredAt[b];
  }
  if (entry) {
    entriesUpTo[0] = entriesAt[0];
    for (let b = 1; b <= m; b++) entriesUpTo[b] = entriesUpTo[b - 1] + entriesAt[b];
  }
  // Pairs of events at one time: all of them, less (below) those tied on risk.
  let tiedY = 0;
  for (let b = 0; b < m; b++) tiedY += (eventsAt[b] * eventsAt[b] - squaresAt[b]) / 2;

  // The rows in order of risk, each carrying its time index and whether it is an event (one integer,
  // time x 2 + event) through the sort, so that the sweep reads them in sequence rather than through
  // the permutation, a cache miss a row. Weights and entries, when there are any, are gathered
  // after, in a loop of their own (independent reads, which the processor overlaps).
  const packed = new Int32Array(n);
  for (let i = 0; i < n; i++) packed[i] = at[i] * 2 + (status[i] === 1 ? 1 : 0);
  const sorted = sortOrder32Carrying(risk, packed);
  const { order, tied } = sorted;
  const row = sorted.payload!;
  const weightOf = weights ? new Float64Array(n) : null;
  const entryOf = entry ? new Int32Array(n) : null;
  for (let q = 0; (weightOf || entryOf) && q < n; q++) {
    if (weightOf) weightOf[q] = weights![order[q]];
    if (entryOf) entryOf[q] = entry![order[q]];
  }

  // The rows passed so far (lower risks): events, censorings and entries by time, their total, and
  // the events by time again as plain sums, for the single time an event's own partners begin at.
  const events = fenwick(m);
  const censored = fenwick(m);
  const entries = entry ? fenwick(m + 1) : null;
  const eventsSeenAt = new Float64Array(m);
  // The events of a run of equal risks by time (zero between runs).
  const runAt = new Float64Array(m);
  let seen = 0;
  // Row q's lower-risk partners as the shorter member (an event): rows that outlived it (later
  // times, or censored at its time) and, with start times, had entered by then (rows entering at
  // or after its time have later times too, so they are taken off the total). Its partners of any
  // risk: the same count over every row.
  const shorter = (q: number): number => {
    if ((row[q] & 1) === 0) return 0;
    const b = row[q] >> 1;
    let outlived = seen - events.upTo(b - 1) - eventsSeenAt[b] - censored.upTo(b - 1);
    if (entries) outlived -= seen - entries.upTo(b);
    return outlived;
  };
  const shorterAll = (b: number): number => {
    let outlived = everyone - eventsBelow[b + 1] - censoredBelow[b];
    if (entry) outlived -= everyone - entriesUpTo[b];
    return outlived;
  };
  // Row q's lower-risk partners as the longer member: events before its time (or at it, when it is
  // censored), after its entry.
  const longer = (q: number): number => {
    const b = row[q] >> 1;
    let before = events.upTo(b - 1);
    if ((row[q] & 1) === 0) before += eventsSeenAt[b];
    if (entryOf && entryOf[q] >= 0) before -= events.upTo(entryOf[q]);
    return before;
  };
  const longerAll = (q: number): number => {
    const b = row[q] >> 1;
    let before = (row[q] & 1) === 1 ? eventsBelow[b] : eventsBelow[b + 1];
    if (entryOf) before -= eventsBelow[entryOf[q] + 1];
    return before;
  };
  const pass = (q: number): void => {
    const w = weightOf ? weightOf[q] : 1;
    const b = row[q] >> 1;
    if ((row[q] & 1) === 1) {
      events.add(b, w);
      eventsSeenAt[b] += w;
    } else censored.add(b, w);
    if (entries) entries.add(entryOf![q] + 1, w);
    seen += w;
  };

  const shares = new Float64Array(2 * n);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedXY = 0;
  // A row's counts, given its lower-risk partners (less) and lower-or-equal ones (upTo, itself never
  // among them), as the shorter member (events) and as the longer one (every row); written to its
  // place in the input order (stores at random do not hold the sweep up as loads would).
  const finish = (q: number, lessS: number, upToS: number, lessL: number, upToL: number): void => {
    // As the longer member: the lower-risk events it outlived are discordant pairs.
    let c = longerAll(q) - upToL;
    let d = lessL;
    let t = upToL - lessL;
    if ((row[q] & 1) === 1) {
      const w = weightOf ? weightOf[q] : 1;
      const totalS = shorterAll(row[q] >> 1);
      c += lessS;
      d += totalS - upToS;
      t += upToS - lessS;
      concordant += w * lessS;
      discordant += w * (totalS - upToS);
      tiedX += w * (upToS - lessS);
    }
    const at2 = 2 * order[q];
    shares[at2] = c - d;
    shares[at2 + 1] = c + d + t;
  };

  // Scratch for a run of equal risks: its rows' first counts.
  let firstS = new Float64Array(16);
  let firstL = new Float64Array(16);
  for (let g = 0; g < n;) {
    // A run of equal risks: sorted rows g .. end - 1.
    let end = g + 1;
    while (end < n && tied[end] === 1) end++;
    if (end === g + 1) {
      // Alone at its risk (the usual case with a continuous covariate): no ties to count.
      const lessS = shorter(g);
      const lessL = longer(g);
      finish(g, lessS, lessS, lessL, lessL);
      pass(g);
    } else {
      // Counted before the run goes in (lower risks) and after (lower or equal).
      if (end - g > firstS.length) {
        firstS = new Float64Array(2 * (end - g));
        firstL = new Float64Array(2 * (end - g));
      }
      for (let q = g; q < end; q++) {
        firstS[q - g] = shorter(q);
        firstL[q - g] = longer(q);
      }
      for (let q = g; q < end; q++) pass(q);
      for (let q = g; q < end; q++) finish(q, firstS[q - g], shorter(q), firstL[q - g], longer(q));
      // Events of the run at one time: pairs tied on both.
      for (let q = g; q < end; q++) {
        if ((row[q] & 1) === 0) continue;
        const w = weightOf ? weightOf[q] : 1;
        tiedXY += w * runAt[row[q] >> 1];
        runAt[row[q] >> 1] += w;
      }
      for (let q = g; q < end; q++) runAt[row[q] >> 1] = 0;
    }
    g = end;
  }
  tiedY -= tiedXY;
  return { shares, concordant, discordant, tiedX, tiedY, tiedXY };
}
