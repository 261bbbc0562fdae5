// Which group each pupil result belongs to, for the attainment-gap analysis: the demand category of
// the child's latest assessment before the exam, "known without a categorised assessment", or "not
// known to children's social care".
//
// Contract
// - assessments, pupils: the loaded datasets; ofAssessment: each assessment row's category (0..K-1,
//   -1 = none: no factors, or factors no category takes), parallel to the assessment rows.
// - rows: the pupil rows to classify (indices into pupils).
// - A pupil with an empty child_id is not known to children's social care (group NOT_KNOWN).
//   Otherwise the child's assessments authorised before 1 September of the exam year (`year` is the
//   calendar year of the summer exam, so 1 September is the start of the next school year) are
//   looked at, and the latest one (by authorisation date; on the same day the later row of the
//   file) gives the group: its category, or K ("uncategorised") when it has none.
// - A child_id that the assessments file lacks, or whose assessments all come on or after that
//   1 September, cannot be placed: the row gets NO_CHILD or NO_ASSESSMENT_BEFORE and the caller
//   excludes it and says so (such a pupil is neither known at the exam nor safely "not known").
// Output: Int32Array parallel to `rows`. O(assessments + pupils).
import { daysFromCivil } from '../data/dates.js';
import { matchLevels } from '../data/match-levels.js';
import { MISSING_DAY, type AssessmentData, type PupilData } from '../data/types.js';
import { rowsByChild } from '../data/rows-by-child.js';

export const NOT_KNOWN = -1;
export const NO_CHILD = -2;
export const NO_ASSESSMENT_BEFORE = -3;

/**
 * The group of each pupil row in `rows`: 0..K-1 a category, K uncategorised, NOT_KNOWN, or one of
 * the two exclusion codes.
 * @example a pupil (KS4, 2019) whose child was assessed on 2019-05-01 (category 3) and 2019-10-01
 * (category 5) is in group 3: the October assessment came after the exam year's 1 September.
 */
export function attainmentGroups(
  assessments: AssessmentData,
  pupils: PupilData,
  ofAssessment: Int32Array,
  nCategories: number,
  rows: Int32Array,
): Int32Array {
  if (ofAssessment.length !== assessments.n) {
    throw new Error(
      `attainmentGroups: invalid ofAssessment; expected ${assessments.n} values (one per assessment row), got ${ofAssessment.length}`,
    );
  }
  const { start, byChild, childOf } = childIndex(assessments, pupils);
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const code = pupils.childId.codes[i]!;
    if (code < 0) {
      out[r] = NOT_KNOWN;
      continue;
    }
    const child = childOf[code]!;
    if (child < 0) {
      out[r] = NO_CHILD;
      continue;
    }
    const cutoff = daysFromCivil(pupils.year[i]!, 9, 1);
    let best = -1;
    let bestDay = MISSING_DAY;
    for (let k = start[child]!; k < start[child + 1]!; k++) {
      const a = byChild[k]!;
      const day = assessments.assessmentDate[a]!;
      if (day === MISSING_DAY || day >= cutoff) continue;
      if (best < 0 || day >= bestDay) {
        best = a;
        bestDay = day;
      }
    }
    if (best < 0) out[r] = NO_ASSESSMENT_BEFORE;
    else out[r] = ofAssessment[best]! >= 0 ? ofAssessment[best]! : nCategories;
  }
  return out;
}

interface ChildIndex {
  /** Assessment rows grouped by child (CSR): start[c]..start[c + 1] in `byChild`. */
  start: Int32Array;
  byChild: Int32Array;
  /** Each pupil child id level's child in the assessments' dictionary (-1 when absent). */
  childOf: Int32Array;
}

// The index depends on the two files only, not on the key stage or the years: a summary asks for
// KS4 and KS2 of the same files, and matching hundreds of thousands of child ids through a Map
// of strings is the costly part (match-levels.ts), so it is made once per pair of loaded datasets.
const indexes = new WeakMap<object, WeakMap<object, ChildIndex>>();

function childIndex(assessments: AssessmentData, pupils: PupilData): ChildIndex {
  let byPupils = indexes.get(assessments.childId);
  const cached = byPupils?.get(pupils.childId);
  if (cached) return cached;
  const { start, order: byChild } = rowsByChild(assessments.childId.codes, assessments.childId.levels.length);

  const childOf = matchLevels(pupils.childId.levels, assessments.childId.levels);

  const built = { start, byChild, childOf };
  if (!byPupils) indexes.set(assessments.childId, (byPupils = new WeakMap()));
  byPupils.set(pupils.childId, built);
  return built;
}
