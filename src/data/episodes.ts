// Child-in-need episodes from assessment rows, for the re-referral analysis. Contract:
// - an episode is one child and one referral date; its assessments are the rows with both;
// - episodes come sorted by child (dictionary code) then referral date, so a child's next episode is
//   the next entry with the same child, and `nextReferral` gives its referral date directly;
// - closure: the latest closure date recorded on the episode's rows, with that row's reason; an
//   episode with no closure date on any row is open (MISSING_DAY, reason -1). Rows of one episode
//   that disagree about the closure are counted in `inconsistentClosures` (the CIN census repeats
//   the episode's closure on every assessment, so a disagreement is worth a look, not a failure);
// - `latestAssessment`: the row of the episode's latest assessment (latest assessment date, then
//   latest line), whose factors (`data.factors` row) stand for the episode in the analyses.
// Cost: O(n) counting sort by child code, then a small insertion sort within each child.
import { MISSING_DAY, type AssessmentData } from './types.js';
import { rowsByChild } from './rows-by-child.js';

export interface Episodes {
  n: number;
  /** Child code (index into data.childId.levels). */
  child: Int32Array;
  referralDate: Int32Array;
  /** MISSING_DAY while open. */
  closureDate: Int32Array;
  /** Code into data.closureReason.levels, -1 when missing. */
  closureReason: Int32Array;
  /** Row in the dataset of the episode's latest assessment. */
  latestAssessment: Int32Array;
  /** Assessments in the episode. */
  assessments: Int32Array;
  /** Referral date of the child's next episode, MISSING_DAY when there is none. */
  nextReferral: Int32Array;
  /** Episodes whose rows record different closure dates or reasons. */
  inconsistentClosures: number;
}

/**
 * Group assessment rows into episodes (see file comment).
 * @example const e = deriveEpisodes(result.data); e.n // distinct child and referral date pairs
 */
export function deriveEpisodes(data: AssessmentData): Episodes {
  const n = data.n;
  const child = data.childId.codes;
  const ref = data.referralDate;
  const ass = data.assessmentDate;
  // Rows by child code (every assessment has its child: codes are never -1 here).
  const nChildren = data.childId.levels.length;
  const { start, order } = rowsByChild(child, nChildren);
  // Within a child: by referral date, then assessment date, then row (insertion sort: groups are small).
  const later = (a: number, b: number): boolean =>
    ref[a]! !== ref[b]! ? ref[a]! > ref[b]! : ass[a]! !== ass[b]! ? ass[a]! > ass[b]! : a > b;
  for (let c = 0; c < nChildren; c++) {
    for (let i = start[c]! + 1; i < start[c + 1]!; i++) {
      const row = order[i]!;
      let j = i - 1;
      while (j >= start[c]! && later(order[j]!, row)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = row;
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    const p = i > 0 ? order[i - 1]! : -1;
    if (p < 0 || child[p] !== child[r] || ref[p] !== ref[r]) count++;
  }
  const out: Episodes = {
    n: count,
    child: new Int32Array(count),
    referralDate: new Int32Array(count),
    closureDate: new Int32Array(count).fill(MISSING_DAY),
    closureReason: new Int32Array(count).fill(-1),
    latestAssessment: new Int32Array(count),
    assessments: new Int32Array(count),
    nextReferral: new Int32Array(count).fill(MISSING_DAY),
    inconsistentClosures: 0,
  };
  const clo = data.closureDate;
  const reason = data.closureReason.codes;
  let e = -1;
  let inconsistent = false;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    const p = i > 0 ? order[i - 1]! : -1;
    if (p < 0 || child[p] !== child[r] || ref[p] !== ref[r]) {
      if (inconsistent) out.inconsistentClosures++;
      inconsistent = false;
      e++;
      out.child[e] = child[r]!;
      out.referralDate[e] = ref[r]!;
      if (e > 0 && out.child[e - 1] === child[r]) out.nextReferral[e - 1] = ref[r]!;
      out.closureDate[e] = clo[r]!;
      out.closureReason[e] = reason[r]!;
    } else if (clo[r] !== out.closureDate[e] || reason[r] !== out.closureReason[e]) {
      inconsistent = true;
      if (clo[r] !== MISSING_DAY && (out.closureDate[e] === MISSING_DAY || clo[r]! > out.closureDate[e]!)) {
        out.closureDate[e] = clo[r]!;
        out.closureReason[e] = reason[r]!;
      }
    }
    out.latestAssessment[e] = r; // rows come in assessment order, so the last one is the latest
    out.assessments[e]!++;
  }
  if (inconsistent) out.inconsistentClosures++;
  return out;
}
