// A CIN census child's assessments as rows of the assessments table: one row per <Assessments>, with
// the child's and the episode's values repeated, handed to the same column builder as a CSV record
// (table-builder.ts `row`), so a return and the flat CSV made from it give the same dataset. Columns
// are named by the CIN census element names, which columns.ts takes as aliases of the DESIGN.md
// fields; <InitialCategoryOfAbuse> is passed only when the assessments table has a column for it.
// An episode without assessments (a referral with no further action) makes no row.
import {
  A_AUTH,
  A_FACTORS,
  ASSESSMENT_SLOTS,
  C_DISABILITY,
  C_DOB,
  C_ETHNICITY,
  C_GENDER,
  C_ID,
  type CinChild,
  E_CLOSURE,
  E_CPP_CATEGORY,
  E_CPP_END,
  E_CPP_START,
  E_NEED,
  E_REASON,
  E_REFERRAL,
  E_SOURCE,
  EPISODE_SLOTS,
} from './cin-child.js';
import { ASSESSMENT_FIELDS, columnKey } from './columns.js';
import type { CinProblemLog } from './cin-problem-log.js';
import type { TableBuilder } from './table-builder.js';

/** [header, level (0 child, 1 episode, 2 assessment), slot, element path] */
const FIELDS: [string, number, number, string][] = [
  ['LAchildID', 0, C_ID, 'Child/ChildIdentifiers/LAchildID'],
  ['CINreferralDate', 1, E_REFERRAL, 'Child/CINdetails/CINreferralDate'],
  ['AssessmentAuthorisationDate', 2, A_AUTH, 'Child/CINdetails/Assessments/AssessmentAuthorisationDate'],
  [
    'AssessmentFactors',
    2,
    A_FACTORS,
    'Child/CINdetails/Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors',
  ],
  ['CINclosureDate', 1, E_CLOSURE, 'Child/CINdetails/CINclosureDate'],
  ['ReasonForClosure', 1, E_REASON, 'Child/CINdetails/ReasonForClosure'],
  ['ReferralSource', 1, E_SOURCE, 'Child/CINdetails/ReferralSource'],
  ['PrimaryNeedCode', 1, E_NEED, 'Child/CINdetails/PrimaryNeedCode'],
  ['PersonBirthDate', 0, C_DOB, 'Child/ChildIdentifiers/PersonBirthDate'],
  ['GenderCurrent', 0, C_GENDER, 'Child/ChildIdentifiers/GenderCurrent'],
  ['Ethnicity', 0, C_ETHNICITY, 'Child/ChildCharacteristics/Ethnicity'],
  ['Disability', 0, C_DISABILITY, 'Child/ChildCharacteristics/Disabilities/Disability'],
  ['CPPstartDate', 1, E_CPP_START, 'Child/CINdetails/ChildProtectionPlans/CPPstartDate'],
  ['CPPendDate', 1, E_CPP_END, 'Child/CINdetails/ChildProtectionPlans/CPPendDate'],
  [
    'InitialCategoryOfAbuse',
    1,
    E_CPP_CATEGORY,
    'Child/CINdetails/ChildProtectionPlans/InitialCategoryOfAbuse',
  ],
];

const known = new Set(ASSESSMENT_FIELDS.flatMap((f) => [f.field, ...(f.aliases ?? [])].map(columnKey)));
/** The fields a row carries: every one the assessments table has a column for. */
export const CIN_FIELDS = FIELDS.filter(([h]) => known.has(columnKey(h)));
export const CIN_HEADERS = CIN_FIELDS.map((f) => f[0]);
export const CIN_PATHS = CIN_FIELDS.map((f) => f[3]);

/** Writes children's assessment rows into a column builder (see file comment). */
export class CinRowWriter {
  private readonly nf = CIN_FIELDS.length;
  private readonly starts = new Int32Array(CIN_FIELDS.length);
  private readonly ends = new Int32Array(CIN_FIELDS.length);
  private readonly flags = new Uint8Array(CIN_FIELDS.length);
  private readonly level = Int32Array.from(CIN_FIELDS, (f) => f[1]);
  private readonly slot = Int32Array.from(CIN_FIELDS, (f) => f[2]);

  constructor(
    private readonly builder: TableBuilder,
    private readonly log: CinProblemLog,
    /** File name of each return, by CinChild.source / episodeSource / assessmentSource. */
    private readonly files: readonly string[],
  ) {}

  /** Every assessment of `child` as a row; returns the number of rows. */
  write(child: CinChild): number {
    const { nf, starts, ends, level, slot, log, files } = this;
    for (let a = 0; a < child.assessments; a++) {
      const ep = child.assessmentEpisode[a]!;
      for (let j = 0; j < nf; j++) {
        const l = level[j]!;
        let arr: Int32Array;
        let at: number;
        let fallback: number;
        let src: number;
        if (l === 0) {
          arr = child.child;
          at = slot[j]! * 3;
          fallback = child.line;
          src = child.source;
        } else if (l === 1) {
          arr = child.episode;
          at = (ep * EPISODE_SLOTS + slot[j]!) * 3;
          fallback = child.episodeLine[ep]!;
          src = child.episodeSource[ep]!;
        } else {
          arr = child.assessment;
          at = (a * ASSESSMENT_SLOTS + slot[j]!) * 3;
          fallback = child.assessmentLine[a]!;
          src = child.assessmentSource[a]!;
        }
        const s = arr[at]!;
        if (s < 0) {
          starts[j] = ends[j] = 0;
          log.lines[j] = fallback;
        } else {
          starts[j] = s;
          ends[j] = arr[at + 1]!;
          log.lines[j] = arr[at + 2]!;
        }
        log.files[j] = files[src]!;
      }
      this.builder.row(child.buf, starts, ends, this.flags, nf, child.assessmentLine[a]!);
    }
    return child.assessments;
  }
}
