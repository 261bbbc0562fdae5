// A CIN census child's assessments as rows of the assessments table: one row per <Assessments>, with
// the child's and the episode's values repeated, handed to the same column builder as a CSV record
// (its fast path cin-fast-row.ts when it has one, the general path table-builder.ts `row` for the
// rest), so a return and the flat CSV made from it give the same dataset. Columns are named by the CIN census element names, which columns.ts takes as aliases of the DESIGN.md
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
  E_NEED,
  E_REASON,
  E_REFERRAL,
  E_SOURCE,
  EPISODE_SLOTS,
  P_CATEGORY,
  P_END,
  P_START,
  PLAN_SLOTS,
} from './cin-child.js';
import { ASSESSMENT_FIELDS, columnKey } from './columns.js';
import type { CinProblemLog } from './cin-problem-log.js';
import type { RangeRowBuilder } from './cin-fast-row.js';
import type { TableBuilder } from './table-builder.js';

/** [header, level (0 child, 1 episode, 2 assessment, 3 the plan placed on the row), slot, element path] */
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
  ['CPPstartDate', 3, P_START, 'Child/CINdetails/ChildProtectionPlans/CPPstartDate'],
  ['CPPendDate', 3, P_END, 'Child/CINdetails/ChildProtectionPlans/CPPendDate'],
  ['InitialCategoryOfAbuse', 3, P_CATEGORY, 'Child/CINdetails/ChildProtectionPlans/InitialCategoryOfAbuse'],
];

const known = new Set(ASSESSMENT_FIELDS.flatMap((f) => [f.field, ...(f.aliases ?? [])].map(columnKey)));
/** The fields a row carries: every one the assessments table has a column for. */
export const CIN_FIELDS = FIELDS.filter(([h]) => known.has(columnKey(h)));
export const CIN_HEADERS = CIN_FIELDS.map((f) => f[0]);
export const CIN_PATHS = CIN_FIELDS.map((f) => f[3]);

const NO_PLAN = new Int32Array(3).fill(-1);

/** Writes children's assessment rows into a column builder (see file comment). */
export class CinRowWriter {
  private readonly nf = CIN_FIELDS.length;
  private readonly starts = new Int32Array(CIN_FIELDS.length);
  private readonly ends = new Int32Array(CIN_FIELDS.length);
  private readonly flags = new Uint8Array(CIN_FIELDS.length);
  private readonly level = Int32Array.from(CIN_FIELDS, (f) => f[1]);
  private readonly slot = Int32Array.from(CIN_FIELDS, (f) => f[2]);

  constructor(
    private readonly builder: TableBuilder | RangeRowBuilder,
    private readonly log: CinProblemLog,
    /** File name of each return, by CinChild.source / episodeSource / assessmentSource. */
    private readonly files: readonly string[],
  ) {}

  /** The fields of each level (0 child, 1 episode, 2 assessment, 3 plan). */
  private readonly byLevel = [0, 1, 2, 3].map((l) =>
    Int32Array.from(CIN_FIELDS.flatMap((f, j) => (f[1] === l ? [j] : []))),
  );

  /** The ranges of `fields` from the triples of `arr` at base + slot * 3 (base -1: absent, empty). */
  private put(arr: Int32Array, base: number, fields: Int32Array): void {
    const { starts, ends, slot } = this;
    for (let k = 0; k < fields.length; k++) {
      const j = fields[k]!;
      const at = base + slot[j]! * 3;
      const s = base < 0 ? -1 : arr[at]!;
      if (s < 0) starts[j] = ends[j] = 0;
      else {
        starts[j] = s;
        ends[j] = arr[at + 1]!;
      }
    }
  }

  /** Plans on no row (an episode with more plans than assessments): count, and the first's place. */
  unplaced = 0;
  firstUnplaced: { file: string; line: number } | null = null;

  /** Every assessment of `child` as a row, each with the plan placed on it; returns the number of rows. */
  write(child: CinChild): number {
    const { nf, starts, ends } = this;
    // The fast path when the builder has it (the return's reader; the LIIA table's, in the worker's
    // first chunk, does without it, which keeps cin-fast-row.ts in the return's lazy chunk).
    const fast = 'rangeRow' in this.builder ? this.builder : null;
    const plans = child.plans;
    if (plans > 0) {
      const left = child.placePlans();
      if (left.length > 0) {
        this.unplaced += left.length;
        this.firstUnplaced ??= {
          file: this.files[child.planSource[left[0]!]!]!,
          line: child.planLine[left[0]!]!,
        };
      }
    }
    // Each field's byte range: the child's once, an episode's and a plan's when they change, the
    // assessment's every row (their lines and files are for problems, which the fast path has none
    // of: `where`, below, when a row goes the general way; neither path changes the ranges).
    this.put(child.child, 0, this.byLevel[0]!);
    let lastEp = -1;
    let lastPlan = -2;
    for (let a = 0; a < child.assessments; a++) {
      const ep = child.assessmentEpisode[a]!;
      const plan = plans > 0 ? child.assessmentPlan[a]! : -1;
      if (ep !== lastEp) this.put(child.episode, ep * EPISODE_SLOTS * 3, this.byLevel[1]!);
      lastEp = ep;
      this.put(child.assessment, a * ASSESSMENT_SLOTS * 3, this.byLevel[2]!);
      if (plan !== lastPlan) {
        if (plan >= 0) this.put(child.plan, plan * PLAN_SLOTS * 3, this.byLevel[3]!);
        else this.put(NO_PLAN, -1, this.byLevel[3]!);
      }
      lastPlan = plan;
      const line = child.assessmentLine[a]!;
      if (fast !== null && fast.rangeRow(child.buf, starts, ends, nf, line)) continue;
      this.where(child, a, ep, plan);
      this.builder.row(child.buf, starts, ends, this.flags, nf, line);
    }
    return child.assessments;
  }

  /** Each field's line and file (the element's, or where it should have been), for the problem log. */
  private where(child: CinChild, a: number, ep: number, plan: number): void {
    const { nf, level, slot, log, files } = this;
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
      } else if (l === 2) {
        arr = child.assessment;
        at = (a * ASSESSMENT_SLOTS + slot[j]!) * 3;
        fallback = child.assessmentLine[a]!;
        src = child.assessmentSource[a]!;
      } else if (plan >= 0) {
        arr = child.plan;
        at = (plan * PLAN_SLOTS + slot[j]!) * 3;
        fallback = child.planLine[plan]!;
        src = child.planSource[plan]!;
      } else {
        arr = NO_PLAN;
        at = 0;
        fallback = child.episodeLine[ep]!;
        src = child.episodeSource[ep]!;
      }
      log.lines[j] = arr[at]! < 0 ? fallback : arr[at + 2]!;
      log.files[j] = files[src]!;
    }
  }
}

/** The warning for plans on no row, or null when every plan was placed. */
export function unplacedPlansWarning(writer: CinRowWriter): { code: string; message: string } | null {
  const first = writer.firstUnplaced;
  if (writer.unplaced === 0 || first === null) return null;
  const n = writer.unplaced;
  return {
    code: 'plans-not-on-a-row',
    message: `${n.toLocaleString('en-GB')} child protection plan${n === 1 ? ' is' : 's are'} on no row (first: ${first.file} line ${first.line}, Child/CINdetails/ChildProtectionPlans): each row is an assessment and carries one plan, and ${n === 1 ? 'its episode has' : 'their episodes have'} more plans than assessments`,
  };
}
