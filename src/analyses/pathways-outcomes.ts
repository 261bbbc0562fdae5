// The highest intervention within a window after each assessment: the outcome of the pathways
// analysis (pathways.ts) and of its models.
//
// Contract (the definition the README's methods section gives readers)
// - Window: from the assessment's authorisation day to `windowDays` later (12 months by default).
//   An assessment whose window ends after the extract day is not yet fully observed and is left
//   out (counted as 'window-open'), whatever has happened so far, so that recent assessments do not
//   pull the shares towards the quicker outcomes.
// - Plans and periods in care are the episode's (one child and referral date): a plan start or care
//   start recorded on any row of the episode counts for each of its assessments whose window holds
//   it (the CIN census repeats an episode's plan on each of its assessments, and a flat extract may
//   record it once). A plan of a later episode (after a re-referral) is that episode's outcome, not
//   this assessment's, even when it falls within this one's window.
// - Highest intervention: care if a period in care starts in the window; else a child protection
//   plan if a plan starts in it; else no further action if the episode closed with RC8 (case closed
//   after assessment, no further action); else support as a child in need only.
// - Also per assessment: plan (a plan started in the window, with or without care) and care (a
//   period in care started in it), the outcomes of the adjusted models.
// Cost: O(n) counting sort by child, then each child's starts against each of its assessments.
import { MISSING_DAY, type AssessmentData } from '../data/types.js';
import { rowsByChild } from '../data/rows-by-child.js';

export const NFA = 0;
export const CIN = 1;
export const CPP = 2;
export const CARE = 3;

export interface PathwayRows {
  /** Per row: NFA, CIN, CPP or CARE; -1 when the window is still open at the extract day. */
  outcome: Int8Array;
  /** Per row: 1 when a plan (care) started in the window. */
  plan: Uint8Array;
  care: Uint8Array;
  /** Rows whose window is still open. */
  windowOpen: number;
}

/**
 * Each assessment's highest intervention within `windowDays` of authorisation (see the contract).
 * @example pathwayRows(data, 365, extractDay).outcome[0] // 0 NFA, 1 CIN, 2 CPP, 3 care
 */
export function pathwayRows(data: AssessmentData, windowDays: number, extractDay: number): PathwayRows {
  const n = data.n;
  const child = data.childId.codes;
  const nChildren = data.childId.levels.length;
  const { start, order } = rowsByChild(child, nChildren);

  const reasons = data.closureReason.levels.map((l) => l.trim().toUpperCase());
  const outcome = new Int8Array(n);
  const plan = new Uint8Array(n);
  const care = new Uint8Array(n);
  let windowOpen = 0;
  for (let c = 0; c < nChildren; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    for (let r = from; r < to; r++) {
      const i = order[r]!;
      const a = data.assessmentDate[i]!;
      const end = a + windowDays;
      if (end > extractDay) {
        outcome[i] = -1;
        windowOpen++;
        continue;
      }
      let hasPlan = 0;
      let hasCare = 0;
      const referral = data.referralDate[i]!;
      for (let s = from; s < to; s++) {
        const j = order[s]!;
        if (data.referralDate[j] !== referral) continue;
        const p = data.cppStart[j]!;
        if (p !== MISSING_DAY && p >= a && p <= end) hasPlan = 1;
        const q = data.careStart[j]!;
        if (q !== MISSING_DAY && q >= a && q <= end) hasCare = 1;
      }
      plan[i] = hasPlan;
      care[i] = hasCare;
      const reason = data.closureReason.codes[i]!;
      outcome[i] = hasCare ? CARE : hasPlan ? CPP : reason >= 0 && reasons[reason] === 'RC8' ? NFA : CIN;
    }
  }
  return { outcome, plan, care, windowOpen };
}
