// How many episodes (distinct child and referral date pairs, as deriveEpisodes makes them) a
// dataset holds, without making them: the dataset's summary (summary.ts) needs only the number.
// Why: deriveEpisodes sorts each child's rows and fills seven arrays per episode; at 3.6 million
// assessments that was about 0.45 s of the worker's time between the file's last byte and the chart
// in view's analysis. Here the rows are grouped by child (a counting sort, as deriveEpisodes does)
// and each child's distinct referral dates are counted in place: children have few rows (a child
// with many is sorted instead, so one id on every row is not quadratic).
import type { AssessmentData } from './types.js';
import { rowsByChild } from './rows-by-child.js';

/** deriveEpisodes(data).n, counted (see the file comment). */
export function countEpisodes(data: AssessmentData): number {
  const ref = data.referralDate;
  const nChildren = data.childId.levels.length;
  const { start, order } = rowsByChild(data.childId.codes, nChildren);
  const dates = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) dates[k] = ref[order[k]!]!;
  let count = 0;
  for (let c = 0; c < nChildren; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (to - from > 32) {
      // A child with many rows (or a file whose ids are all one): sorted, not compared pairwise.
      const group = dates.subarray(from, to).sort();
      for (let k = 0; k < group.length; k++) if (k === 0 || group[k] !== group[k - 1]) count++;
      continue;
    }
    for (let k = from; k < to; k++) {
      let seen = false;
      for (let j = from; j < k && !seen; j++) seen = dates[j] === dates[k];
      if (!seen) count++;
    }
  }
  return count;
}
