// A view that gives a table holding the CIN census's own item names (a warehouse's copy of the
// returns: LAchildID, CINreferralDate, ...) the kit's column names, so the aggregate queries
// (./queries.ts) run on it unchanged. The names are the census's, as the kit's loader accepts them
// (src/data/columns.ts aliases); Ethnicity is the census item of that name. The second-pass queries
// also read the plan and care dates.
import { col, type Select } from './builder.js';

export const CENSUS_NAMES: readonly [census: string, kit: string][] = [
  ['LAchildID', 'child_id'],
  ['CINreferralDate', 'referral_date'],
  ['AssessmentAuthorisationDate', 'assessment_date'],
  ['FactorsIdentifiedAtAssessment', 'factors'],
  ['CINclosureDate', 'closure_date'],
  ['ReasonForClosure', 'closure_reason'],
  ['ReferralSource', 'referral_source'],
  ['PrimaryNeedCode', 'primary_need'],
  ['PersonBirthDate', 'date_of_birth'],
  ['GenderCurrent', 'gender'],
  ['Ethnicity', 'ethnicity'],
  ['CPPstartDate', 'cpp_start_date'],
  ['CPPendDate', 'cpp_end_date'],
  ['InitialCategoryOfAbuse', 'cpp_category'],
  // Periods in care are not census items: the kit's loader names them so (a warehouse links them
  // from the children-looked-after return); a table without them needs them as empty columns.
  ['CLAstartDate', 'care_start_date'],
  ['CLAendDate', 'care_end_date'],
];

/** SELECT census_name AS kit_name, ... FROM the census table. */
export function censusView(censusTable: string): Select {
  return { columns: CENSUS_NAMES.map(([c, k]) => ({ e: col(c), as: k })), from: censusTable };
}
