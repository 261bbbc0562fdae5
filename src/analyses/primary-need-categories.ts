// A stand-in for the demand categories while the national model's classifier is not available:
// each assessment grouped by its primary need code (CIN census N0-N9), the one grouping of
// assessments every CIN census extract carries. Assessments that record no factors (an empty cell
// or code 21, "no factors identified", alone) get no category (-1), as the national model does.
//
// Contract: assessments (AssessmentData) -> {labels, ofAssessment, source}: the labels are the
// primary need codes present, in code order, with their DfE meanings; an assessment with factors
// but no primary need recorded gets -1 too.
// Reference: DfE, Children in need census guide, PrimaryNeedCode (N0-N9).
import { hasFactor, type AssessmentData } from '../data/types.js';
import type { AssessmentCategories } from './attainment-types.js';

/** DfE primary need codes and their meanings. */
export const PRIMARY_NEEDS: Record<string, string> = {
  N0: 'Not stated',
  N1: 'Abuse or neglect',
  N2: 'Child\u2019s disability or illness',
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
};

/**
 * Each assessment's primary need as its category (a stand-in for the national model).
 * @example primaryNeedCategories(data).labels // ['N1 Abuse or neglect', 'N4 Family in acute stress', ...]
 */
export function primaryNeedCategories(assessments: AssessmentData): AssessmentCategories {
  const { codes, levels } = assessments.primaryNeed;
  const norm = levels.map((l) => l.trim().toUpperCase());
  const present = [...new Set(norm.filter((l) => l !== ''))].sort();
  const labelOf = present.map((code) => (PRIMARY_NEEDS[code] ? `${code} ${PRIMARY_NEEDS[code]}` : code));
  const indexOfLevel = norm.map((l) => present.indexOf(l));
  const j21 = assessments.factorCodes.indexOf('21');
  const ofAssessment = new Int32Array(assessments.n);
  for (let i = 0; i < assessments.n; i++) {
    let any = false;
    for (let j = 0; j < assessments.factorCodes.length && !any; j++)
      any = j !== j21 && hasFactor(assessments, i, j);
    ofAssessment[i] = any && codes[i]! >= 0 ? indexOfLevel[codes[i]!]! : -1;
  }
  return { labels: labelOf, ofAssessment, source: 'primary need (a stand-in for the national model)' };
}
