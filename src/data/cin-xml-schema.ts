// The elements of the CIN census return (DfE's XML schema, census years 2013-14 to 2025-26) that the
// reader knows, where each may stand, and which of them it keeps. Differences between years, all
// accepted in any year's file:
// - the child's sex: <GenderCurrent> (codes 0, 1, 2, 9) until 2023-24, then <Sex> (M, F, U or the
//   same digits); either feeds `gender`;
// - <CINPlanDates> (CIN plan start and end) from 2017-18 on; earlier years have none;
// - <ChildProtectionPlans> lost <SeenSocialWorker> in 2017; <PreProceedingsandFGDM>
//   from 2025-26; <ExpectedPersonBirthDate>, <PersonDeathDate>, <DateOfInitialCPC> in every year;
// - factor codes change between years (18A/19A split into B/C in 2017; 8A-8E renumbered 8B-8F; 24A
//   from 2022): the codes are read as written and normalised by cin-codes.ts, which knows the years;
// - closure reason RC9 (closed after assessment, referred to early help) from 2023-24.
// An element not listed here, or listed but met under another parent, is skipped with its contents
// and reported in a warning (its name, path and first line), never an error.

/** Known element names; the index is the tokenizer's id. */
export const CIN_ELEMENTS = [
  // 0-3: structure
  'Message',
  'Header',
  'Children',
  'Child',
  // 4-5
  'ChildIdentifiers',
  'ChildCharacteristics',
  // 6-11
  'CINdetails',
  'Assessments',
  'FactorsIdentifiedAtAssessment',
  'ChildProtectionPlans',
  'Disabilities',
  'CollectionDetails',
] as const;

/** Value elements the reader keeps: name, parent, and the slot it fills. */
export const CIN_VALUES = [
  // child (parent ChildIdentifiers / ChildCharacteristics)
  ['LAchildID', 'ChildIdentifiers'],
  ['PersonBirthDate', 'ChildIdentifiers'],
  ['GenderCurrent', 'ChildIdentifiers'],
  ['Sex', 'ChildIdentifiers'],
  ['Ethnicity', 'ChildCharacteristics'],
  ['Disability', 'Disabilities'],
  // episode (parent CINdetails)
  ['CINreferralDate', 'CINdetails'],
  ['ReferralSource', 'CINdetails'],
  ['PrimaryNeedCode', 'CINdetails'],
  ['CINclosureDate', 'CINdetails'],
  ['ReasonForClosure', 'CINdetails'],
  // assessment (parent Assessments)
  ['AssessmentActualStartDate', 'Assessments'],
  ['AssessmentAuthorisationDate', 'Assessments'],
  ['AssessmentFactors', 'FactorsIdentifiedAtAssessment'],
  // child protection plan (parent ChildProtectionPlans)
  ['CPPstartDate', 'ChildProtectionPlans'],
  ['CPPendDate', 'ChildProtectionPlans'],
  ['InitialCategoryOfAbuse', 'ChildProtectionPlans'],
  // the return's date (parent CollectionDetails)
  ['ReferenceDate', 'CollectionDetails'],
] as const;

/** Elements of the schema the analyses do not use: skipped silently where the schema puts them. */
export const CIN_IGNORED: readonly (readonly [string, string])[] = [
  ['Collection', 'CollectionDetails'],
  ['Year', 'CollectionDetails'],
  ['Source', 'Header'],
  ['SourceLevel', 'Source'],
  ['LEA', 'Source'],
  ['SoftwareCode', 'Source'],
  ['Release', 'Source'],
  ['SerialNo', 'Source'],
  ['DateTime', 'Source'],
  ['UPN', 'ChildIdentifiers'],
  ['FormerUPN', 'ChildIdentifiers'],
  ['UPNunknown', 'ChildIdentifiers'],
  ['ExpectedPersonBirthDate', 'ChildIdentifiers'],
  ['PersonDeathDate', 'ChildIdentifiers'],
  ['PersonSchoolYear', 'ChildIdentifiers'],
  ['DateOfInitialCPC', 'CINdetails'],
  ['ReferralNFA', 'CINdetails'],
  ['CINPlanDates', 'CINdetails'],
  ['Section47', 'CINdetails'],
  ['PreProceedingsandFGDM', 'CINdetails'],
  ['AssessmentInternalReviewDate', 'Assessments'],
  ['LatestCategoryOfAbuse', 'ChildProtectionPlans'],
  ['NumberOfPreviousCPP', 'ChildProtectionPlans'],
  ['SeenSocialWorker', 'ChildProtectionPlans'],
  ['Reviews', 'ChildProtectionPlans'],
];

/** Where each structural element belongs (its parent), -1 for the root. */
export const STRUCTURE_PARENT: Record<(typeof CIN_ELEMENTS)[number], string | null> = {
  Message: null,
  Header: 'Message',
  Children: 'Message',
  Child: 'Children',
  ChildIdentifiers: 'Child',
  ChildCharacteristics: 'Child',
  CINdetails: 'Child',
  Assessments: 'CINdetails',
  FactorsIdentifiedAtAssessment: 'Assessments',
  ChildProtectionPlans: 'CINdetails',
  Disabilities: 'ChildCharacteristics',
  CollectionDetails: 'Header',
};

/** All names, in tokenizer id order: structure, values, ignored. */
export const ALL_NAMES: string[] = [
  ...CIN_ELEMENTS,
  ...CIN_VALUES.map((v) => v[0]),
  ...CIN_IGNORED.map((v) => v[0]),
];
export const VALUE_BASE = CIN_ELEMENTS.length;
export const IGNORED_BASE = VALUE_BASE + CIN_VALUES.length;

/** Parent id of every known id (-1 for the root). */
export const PARENT: Int32Array = (() => {
  const id = (n: string | null): number => (n === null ? -1 : ALL_NAMES.indexOf(n));
  const p = new Int32Array(ALL_NAMES.length);
  CIN_ELEMENTS.forEach((n, i) => (p[i] = id(STRUCTURE_PARENT[n])));
  CIN_VALUES.forEach(([, parent], i) => (p[VALUE_BASE + i] = id(parent)));
  CIN_IGNORED.forEach(([, parent], i) => (p[IGNORED_BASE + i] = id(parent)));
  return p;
})();

// prettier-ignore
export const MESSAGE = 0, HEADER = 1, CHILDREN = 2, CHILD = 3, IDENTIFIERS = 4, CHARACTERISTICS = 5,
  CINDETAILS = 6, ASSESSMENTS = 7, FACTORS = 8, CPP = 9, DISABILITIES = 10, COLLECTION = 11;

/** Value slots (id - VALUE_BASE). */
// prettier-ignore
export const V_ID = 0, V_DOB = 1, V_GENDER = 2, V_SEX = 3, V_ETHNICITY = 4, V_DISABILITY = 5,
  V_REFERRAL = 6, V_SOURCE = 7, V_NEED = 8, V_CLOSURE = 9, V_REASON = 10,
  V_START = 11, V_AUTH = 12, V_FACTOR = 13, V_CPP_START = 14, V_CPP_END = 15, V_CPP_CATEGORY = 16,
  V_REFERENCE_DATE = 17;

/** The element path of each value, for messages. */
export const VALUE_PATH: string[] = CIN_VALUES.map(([name, parent]) => {
  const chain: string[] = [name];
  let p = ALL_NAMES.indexOf(parent);
  while (p >= 0) {
    chain.unshift(ALL_NAMES[p]!);
    p = PARENT[p]!;
  }
  return chain.join('/');
});
