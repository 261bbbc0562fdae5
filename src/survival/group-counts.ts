// Events and censorings by group at each distinct time: one pass over the data after one sort of
// the times (time-ranks.ts), so that every grouped survival summary is then counting. With few
// distinct times (days) the counts go straight into a groups x times grid; with many (continuous
// times) the rows are walked in time order instead, so memory stays O(n) either way.
// Rows with group code -1 (missing) are left out and counted.
import { timeRanks, type TimeRanks } from './time-ranks.js';

export interface GroupTimeCounts {
  /** Index into GroupCounts.times of each of this group's distinct times, ascending. */
  rank: Int32Array;
  events: Float64Array;
  censored: Float64Array;
}

export interface GroupCounts {
  /** Distinct times over all kept rows, ascending. */
  times: Float64Array;
  /** One entry per group code 0..groups-1. */
  byGroup: GroupTimeCounts[];
  /** Rows left out because their group was missing. */
  missing: number;
}

/**
 * Event and censoring counts by group and distinct time.
 * @param status 0/1 per row; codes: group 0..groups-1 per row, -1 = missing
 * @param ranked the times' ranks already made (fixed-time-ranks.ts), with the sort order if any:
 *   the times are then not sorted again (with groups missing, the kept rows' ranks are taken from
 *   it, and its order is not used)
 */
export function groupCounts(
  time: ArrayLike<number>,
  status: Uint8Array,
  codes: Int32Array,
  groups: number,
  ranked?: TimeRanks,
): GroupCounts {
  const size = new Int32Array(groups);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0) missing++;
    else size[codes[i]]++;
  }
  const rows = new Int32Array(codes.length - missing);
  for (let i = 0, k = 0; i < codes.length; i++) if (codes[i] >= 0) rows[k++] = i;
  const {
    times,
    rank,
    order: sorted,
  } = !ranked
    ? timeRanks(missing > 0 ? gather(time, rows) : time)
    : missing === 0
      ? ranked
      : keptRanks(ranked, rows);
  const m = times.length;
  const rankOut = Array.from(size, (s) => new Int32Array(Math.min(s, m)));
  const eventsOut = Array.from(size, (s) => new Float64Array(Math.min(s, m)));
  const censoredOut = Array.from(size, (s) => new Float64Array(Math.min(s, m)));
  const used = new Int32Array(groups);
  if (groups * m <= Math.max(4 * rows.length, 1 << 16)) {
    // Few distinct times (whole days): count into a groups x times grid in one sequential pass.
    const events = new Float64Array(groups * m);
    const censored = new Float64Array(groups * m);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      const cell = codes[i] * m + rank[k];
      if (status[i] === 1) events[cell]++;
      else censored[cell]++;
    }
    for (let g = 0; g < groups; g++) {
      for (let r = 0, u = 0; r < m; r++) {
        const e = events[g * m + r];
        const c = censored[g * m + r];
        if (e + c === 0) continue;
        rankOut[g][u] = r;
        eventsOut[g][u] = e;
        censoredOut[g][u] = c;
        used[g] = ++u;
      }
    }
  } else {
    // Many distinct times: walk the rows in time order instead (memory O(n), not groups x times),
    // along the sort the ranks came from when there was one.
    const order = sorted ?? sortByRank(rank, m);
    for (let k = 0; k < order.length; k++) {
      const j = order[k];
      const i = rows[j];
      const g = codes[i];
      const r = rank[j];
      let u = used[g];
      if (u === 0 || rankOut[g][u - 1] !== r) {
        rankOut[g][u] = r;
        used[g] = ++u;
      }
      if (status[i] === 1) eventsOut[g][u - 1]++;
      else censoredOut[g][u - 1]++;
    }
  }
  // Views, not copies: each array was sized for its group, so little of it goes unused.
  const byGroup = Array.from(size, (_, g) => ({
    rank: rankOut[g].subarray(0, used[g]),
    events: eventsOut[g].subarray(0, used[g]),
    censored: censoredOut[g].subarray(0, used[g]),
  }));
  return { times, byGroup, missing };
}

function gather(time: ArrayLike<number>, rows: Int32Array): Float64Array {
  const t = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) t[k] = time[rows[k]];
  return t;
}

/**
 * The distinct times of the kept rows and their ranks among them, from the ranking of every row:
 * what timeRanks of the kept rows' times gives (the same values, in the same order), without copying
 * the times out and ranking them again.
 */
function keptRanks(ranked: TimeRanks, rows: Int32Array): TimeRanks {
  const m = ranked.times.length;
  // New rank of each old one that a kept row has (-1: none has it).
  const to = new Int32Array(m).fill(-1);
  for (let k = 0; k < rows.length; k++) to[ranked.rank[rows[k]]] = 0;
  let used = 0;
  for (let r = 0; r < m; r++) if (to[r] === 0) to[r] = used++;
  const times = new Float64Array(used);
  for (let r = 0; r < m; r++) if (to[r] >= 0) times[to[r]] = ranked.times[r];
  const rank = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) rank[k] = to[ranked.rank[rows[k]]];
  return { times, rank };
}

/** Counting sort of row positions by rank (stable). */
function sortByRank(rank: Int32Array, m: number): Int32Array {
  const start = new Int32Array(m + 1);
  for (let k = 0; k < rank.length; k++) start[rank[k] + 1]++;
  for (let r = 0; r < m; r++) start[r + 1] += start[r];
  const order = new Int32Array(rank.length);
  for (let k = 0; k < rank.length; k++) order[start[rank[k]]++] = k;
  return order;
}
