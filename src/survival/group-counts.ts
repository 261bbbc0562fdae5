// Events and censorings by group at each distinct time: one pass over the data after one sort of
// the times (time-ranks.ts), so that every grouped survival summary is then counting. Memory is
// O(n) whatever the number of distinct times (continuous times do not build a groups x times grid).
// Rows with group code -1 (missing) are left out and counted.
import { timeRanks } from './time-ranks.js';

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
 */
export function groupCounts(
  time: ArrayLike<number>,
  status: Uint8Array,
  codes: Int32Array,
  groups: number,
): GroupCounts {
  const size = new Int32Array(groups);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0) missing++;
    else size[codes[i]]++;
  }
  const rows = new Int32Array(codes.length - missing);
  for (let i = 0, k = 0; i < codes.length; i++) if (codes[i] >= 0) rows[k++] = i;
  const { times, rank, order } = timeRanks(missing > 0 ? Float64Array.from(rows, (i) => time[i]) : time, {
    withOrder: true,
  });
  const rankOut = Array.from(size, (s) => new Int32Array(s));
  const eventsOut = Array.from(size, (s) => new Float64Array(s));
  const censoredOut = Array.from(size, (s) => new Float64Array(s));
  const used = new Int32Array(groups);
  for (let k = 0; k < order!.length; k++) {
    const j = order![k];
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
  const byGroup = Array.from(size, (_, g) => ({
    rank: rankOut[g].slice(0, used[g]),
    events: eventsOut[g].slice(0, used[g]),
    censored: censoredOut[g].slice(0, used[g]),
  }));
  return { times, byGroup, missing };
}
