// Row problems: how they are worded, counted and capped. Policy (DESIGN.md "Bad input"):
// - every problem names the file, the line (CSV) or row (JSON), the column, the value as written and
//   what was expected: "assessments.csv line 14, column referral_date: '31/02/2021' is not a date;
//   expected a date such as 2023-04-01 or 01/04/2023";
// - a row with any problem is excluded and counted once, under its first problem's code; all its
//   problems are listed (up to MAX_PROBLEMS, then only counted), so one pass shows everything to fix;
// - the cross-field rules of an assessment: the assessment and the closure cannot come before the
//   referral, a protection plan or a period in care cannot end before it starts, and a child cannot be
//   born more than 42 weeks after the referral. (A birth after the referral is allowed within a
//   pregnancy's length: unborn children are referred; a birth later than that is a wrong date.)
import { dayToIso, DATE_EXPECTED } from './dates.js';
import { MAX_PROBLEMS, MISSING_DAY, type Problem, type ProblemCode } from './types.js';

/** Plain-English names of the problem codes, for summaries and the check command. */
export const PROBLEM_LABELS: Record<ProblemCode, string> = {
  'ragged-row': 'wrong number of fields',
  'unclosed-quote': 'a quoted field never closed',
  'missing-value': 'a required value is empty',
  'invalid-date': 'not a date',
  'invalid-number': 'not a number',
  'out-of-range': 'a number out of range',
  'invalid-flag': 'not 0 or 1',
  'invalid-value': 'a value not allowed',
  'invalid-character': 'a zero byte in a value',
  'unknown-closure-reason': 'unknown closure reason',
  'closure-before-referral': 'closure before referral',
  'assessment-before-referral': 'assessment before referral',
  'end-before-start': 'an end before its start',
  'birth-after-referral': 'born long after the referral',
};

const shorten = (v: string): string => (v.length > 80 ? v.slice(0, 77) + '...' : v);

/** Collects a load's problems: the first MAX_PROBLEMS in full, all of them counted. */
export class ProblemLog {
  readonly problems: Problem[] = [];
  count = 0;
  readonly excluded: Partial<Record<ProblemCode, number>> = {};

  /** @param unit 'line' for CSV (header = line 1), 'row' for JSON rows. */
  constructor(
    readonly file: string,
    readonly unit: 'line' | 'row' = 'line',
  ) {}

  /** Whether another problem would still be listed in full (callers skip decoding values otherwise). */
  get listing(): boolean {
    return this.problems.length < MAX_PROBLEMS;
  }

  /**
   * Record a problem. `what` describes the value ("is not a date"); the message reads
   * "<file> line <n>, column <c>: '<value>' <what>; expected <expected>".
   */
  add(line: number, column: string, value: string, code: ProblemCode, what: string, expected: string): void {
    this.count++;
    if (!this.listing) return;
    const v = shorten(value);
    const where = `${this.file} ${this.unit} ${line}${column ? `, column ${column}` : ''}`;
    const subject = code === 'missing-value' ? 'the value' : column ? `'${v}'` : 'the row';
    this.problems.push({
      file: this.file,
      line,
      column,
      value: v,
      expected,
      code,
      message: `${where}: ${subject} ${what}; expected ${expected}`,
    });
  }

  /** Count an excluded row (or `rows` rows lost together) under its first problem's code. */
  exclude(code: ProblemCode, rows = 1): void {
    this.excluded[code] = (this.excluded[code] ?? 0) + rows;
  }
}

/** The date fields the cross-field rules look at, in the order of a row's dates array. */
export const DATE_SLOTS = [
  'referral_date',
  'assessment_date',
  'closure_date',
  'cpp_start_date',
  'cpp_end_date',
  'care_start_date',
  'care_end_date',
  'date_of_birth',
] as const;

/** The longest a referral can come before a birth: an unborn child's, at most a pregnancy (42 weeks). */
export const PREGNANCY_DAYS = 294;

/** The rules: [later slot, earlier slot, code, expected]. */
const RULES: [number, number, ProblemCode, string][] = [
  [1, 0, 'assessment-before-referral', 'an assessment on or after the referral date'],
  [2, 0, 'closure-before-referral', 'a closure on or after the referral date'],
  [4, 3, 'end-before-start', 'a plan ending on or after its start'],
  [6, 5, 'end-before-start', 'a period in care ending on or after its start'],
];

/**
 * Apply the cross-field rules to one row's dates (by DATE_SLOTS position, MISSING_DAY when absent;
 * `headers` the columns as named in the file); log each broken rule and return the first code, or
 * null when the row is consistent. A missing date never breaks a rule.
 */
export function checkAssessmentDates(
  dates: Int32Array,
  headers: readonly string[],
  line: number,
  log: ProblemLog,
): ProblemCode | null {
  let first: ProblemCode | null = null;
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r]!;
    const later = dates[rule[0]]!;
    const earlier = dates[rule[1]]!;
    if (later === MISSING_DAY || earlier === MISSING_DAY || later >= earlier) continue;
    const name = rule[1] === 0 ? 'referral date' : headers[rule[1]]!;
    log.add(
      line,
      headers[rule[0]]!,
      dayToIso(later),
      rule[2],
      `is before the ${name} ${dayToIso(earlier)}`,
      rule[3],
    );
    first ??= rule[2];
  }
  const referral = dates[0]!;
  const birth = dates[7]!;
  if (referral !== MISSING_DAY && birth !== MISSING_DAY && birth - referral > PREGNANCY_DAYS) {
    log.add(
      line,
      headers[7]!,
      dayToIso(birth),
      'birth-after-referral',
      `is more than 42 weeks after the referral date ${dayToIso(referral)}`,
      'a date of birth before the referral (or, for an unborn child, within 42 weeks after it)',
    );
    first ??= 'birth-after-referral';
  }
  return first;
}

/** Wording of the expected value for each kind of cell. */
export const EXPECTED = {
  date: DATE_EXPECTED,
  number: 'a number (or empty)',
  flag: '0 or 1 (or empty)',
  closureReason: 'a closure reason RC1 to RC8 (or empty while the episode is open)',
  keyStage: 'a key stage, 2 or 4',
  sen: 'none, support or ehcp (or the DfE codes N, K, E)',
} as const;
