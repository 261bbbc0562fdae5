// The input columns of DESIGN.md ("Inputs") and how a file's header maps onto them. Contract:
// - names match case-insensitively and ignoring spaces, underscores and hyphens, so `child_id`,
//   `Child ID` and `ChildId` are one column; the CIN census names are aliases (`LAchildID`,
//   `CINreferralDate`, `AssessmentAuthorisationDate`, `FactorsIdentifiedAtAssessment`, ...);
// - assessments: a `factors` code-list column and/or wide 0/1 columns named by code (`3B`, `f_3B`;
//   a bare number only for the dictionary's numeric codes `20`, `21`, else it could be any count);
// - a header cell matching no field is ignored (reported in LoadResult.columns), never an error;
// - a second column for the same field (`gender` twice, or `child_id` and `LAchildID`) is ignored and
//   listed in `duplicates`: the first one is read, and the load says so;
// - a missing required column is a DataError naming the column, its aliases and the columns found.
import { isKnownFactor, normaliseFactorCode } from '../domain/cin-codes.js';
import { DataError, type DatasetKind } from './types.js';

/** How a cell is read. */
export type FieldType =
  | 'id' // trimmed text, dictionary-encoded
  | 'category' // trimmed text, dictionary-encoded
  | 'category-lower' // lower-cased text (sen)
  | 'closure-reason' // RC1-RC8, upper-cased
  | 'date'
  | 'number'
  | 'integer'
  | 'flag' // 0/1, true/false, yes/no, y/n
  | 'key-stage' // 2, 4, KS2, KS4
  | 'factors'; // a list of factor codes

export interface FieldSpec {
  /** The DESIGN.md name (also the name used in messages when the header used it). */
  field: string;
  type: FieldType;
  aliases?: string[];
  required?: boolean;
  min?: number;
  max?: number;
}

export const ASSESSMENT_FIELDS: readonly FieldSpec[] = [
  { field: 'child_id', type: 'id', aliases: ['LAchildID'], required: true },
  { field: 'referral_date', type: 'date', aliases: ['CINreferralDate'], required: true },
  { field: 'assessment_date', type: 'date', aliases: ['AssessmentAuthorisationDate'], required: true },
  { field: 'factors', type: 'factors', aliases: ['FactorsIdentifiedAtAssessment', 'AssessmentFactors'] },
  { field: 'closure_date', type: 'date', aliases: ['CINclosureDate'] },
  { field: 'closure_reason', type: 'closure-reason', aliases: ['ReasonForClosure'] },
  { field: 'referral_source', type: 'category', aliases: ['ReferralSource'] },
  { field: 'primary_need', type: 'category', aliases: ['PrimaryNeedCode', 'PrimaryNeed'] },
  { field: 'date_of_birth', type: 'date', aliases: ['PersonBirthDate', 'dob'] },
  { field: 'age', type: 'number', min: 0, max: 25 },
  { field: 'gender', type: 'category', aliases: ['GenderCurrent', 'sex'] },
  { field: 'ethnicity', type: 'category' },
  { field: 'disability', type: 'category' },
  { field: 'cpp_start_date', type: 'date', aliases: ['CPPstartDate'] },
  { field: 'cpp_end_date', type: 'date', aliases: ['CPPendDate'] },
  { field: 'cpp_category', type: 'category', aliases: ['InitialCategoryOfAbuse', 'cpp_initial_category'] },
  { field: 'care_start_date', type: 'date', aliases: ['CLAstartDate'] },
  { field: 'care_end_date', type: 'date', aliases: ['CLAendDate'] },
  { field: 'imd_decile', type: 'integer', aliases: ['idaci_decile', 'deprivation_decile'], min: 1, max: 10 },
];

export const PUPIL_FIELDS: readonly FieldSpec[] = [
  { field: 'pupil_id', type: 'id', aliases: ['upn', 'PupilMatchingRefAnonymous'], required: true },
  { field: 'child_id', type: 'id', aliases: ['LAchildID'] },
  { field: 'key_stage', type: 'key-stage', aliases: ['ks'], required: true },
  {
    field: 'year',
    type: 'integer',
    aliases: ['exam_year', 'academic_year'],
    required: true,
    min: 1990,
    max: 2100,
  },
  { field: 'attainment8', type: 'number', aliases: ['att8'], min: 0, max: 90 },
  { field: 'ks2_rwm_expected', type: 'flag', aliases: ['ks2_rwm'] },
  { field: 'ks2_reading', type: 'number', min: 80, max: 120 },
  { field: 'ks2_maths', type: 'number', min: 80, max: 120 },
  { field: 'prior_attainment', type: 'number' },
  { field: 'idaci_decile', type: 'integer', aliases: ['imd_decile'], min: 1, max: 10 },
  { field: 'fsm', type: 'flag', aliases: ['fsm_ever', 'FSMeligible'] },
  { field: 'sen', type: 'category-lower', aliases: ['sen_provision'] },
  { field: 'gender', type: 'category', aliases: ['sex'] },
  { field: 'ethnicity', type: 'category' },
  { field: 'sessions_possible', type: 'number', min: 0 },
  { field: 'sessions_missed', type: 'number', min: 0 },
  { field: 'severe_absence', type: 'flag' },
  { field: 'persistent_absence', type: 'flag' },
  { field: 'suspended', type: 'flag', aliases: ['suspension', 'fixed_term_exclusion'] },
  { field: 'permanently_excluded', type: 'flag', aliases: ['permanent_exclusion'] },
];

/** One used header column: where it sits and what it feeds. */
export interface PlannedColumn {
  index: number;
  header: string;
  spec: FieldSpec;
  /** For wide factor columns: the normalised code. */
  code?: string;
}

export interface ColumnPlan {
  kind: DatasetKind;
  headers: string[];
  columns: PlannedColumn[];
  /** Field name -> planned column, for the fields present. */
  byField: Map<string, PlannedColumn>;
  /** Wide 0/1 factor columns. */
  wide: PlannedColumn[];
  /** Header columns naming a field (or wide factor code) an earlier column already feeds: ignored. */
  duplicates: { index: number; header: string; of: PlannedColumn }[];
}

/** Lower case without spaces, underscores, hyphens and dots. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, '');
}

const WIDE_FACTOR = /^(f_?)?\d{1,2}[a-z]?$/i;
const WIDE_FLAG: FieldSpec = { field: 'factor', type: 'flag' };

/** The factor code a wide column stands for, or null when the header is not one. */
export function wideFactorCode(header: string): string | null {
  const h = header.trim();
  if (!WIDE_FACTOR.test(h)) return null;
  const code = normaliseFactorCode(h);
  // A bare number (`20`) is a factor column only when the dictionary has that code.
  if (/^\d+$/.test(h) && !isKnownFactor(code)) return null;
  return code;
}

/** Decide the input kind from a header: pupils if it has pupil_id or key_stage, else assessments. */
export function detectKind(headers: string[], fileName: string): DatasetKind {
  const keys = new Set(headers.map(columnKey));
  const has = (spec: FieldSpec): boolean =>
    [spec.field, ...(spec.aliases ?? [])].some((n) => keys.has(columnKey(n)));
  if (has(PUPIL_FIELDS[0]!) || has(PUPIL_FIELDS[2]!)) return 'pupils';
  if (ASSESSMENT_FIELDS.slice(0, 3).some(has)) return 'assessments';
  throw new DataError(
    `${fileName}: cannot tell whether this is an assessments or a pupils file; expected a header with ` +
      `child_id, referral_date and assessment_date (assessments) or pupil_id and key_stage (pupils); found ${headers.join(', ')}`,
    'unknown-kind',
    fileName,
  );
}

/** Map a header onto the fields of `kind`; throws DataError for a missing required column. */
export function planColumns(headers: string[], kind: DatasetKind, fileName: string): ColumnPlan {
  const specs = kind === 'assessments' ? ASSESSMENT_FIELDS : PUPIL_FIELDS;
  const byKey = new Map<string, FieldSpec>();
  for (const spec of specs)
    for (const n of [spec.field, ...(spec.aliases ?? [])]) byKey.set(columnKey(n), spec);
  const columns: PlannedColumn[] = [];
  const byField = new Map<string, PlannedColumn>();
  const wide: PlannedColumn[] = [];
  const duplicates: ColumnPlan['duplicates'] = [];
  headers.forEach((header, index) => {
    const spec = byKey.get(columnKey(header));
    if (spec) {
      const first = byField.get(spec.field);
      if (first) {
        duplicates.push({ index, header: header.trim(), of: first });
        return;
      }
      const col = { index, header: header.trim(), spec };
      byField.set(spec.field, col);
      columns.push(col);
      return;
    }
    const code = kind === 'assessments' ? wideFactorCode(header) : null;
    if (code === null) return;
    const first = wide.find((w) => w.code === code);
    if (first) {
      duplicates.push({ index, header: header.trim(), of: first });
      return;
    }
    const col = { index, header: header.trim(), spec: WIDE_FLAG, code };
    wide.push(col);
    columns.push(col);
  });
  const missing = specs.filter((s) => s.required && !byField.has(s.field));
  if (kind === 'assessments' && !byField.has('factors') && wide.length === 0)
    missing.push(ASSESSMENT_FIELDS[3]!);
  if (missing.length > 0) {
    const what = missing
      .map((s) => (s.aliases?.length ? `${s.field} (or ${s.aliases.join(', ')})` : s.field))
      .join('; ');
    const extra = missing.some((s) => s.field === 'factors')
      ? ' or one 0/1 column per factor code such as 3B'
      : '';
    throw new DataError(
      `${fileName}: missing required column${missing.length > 1 ? 's' : ''} ${what}${extra}; ` +
        `the header has ${headers.map((h) => h.trim()).join(', ')}`,
      'missing-column',
      fileName,
    );
  }
  return { kind, headers, columns, byField, wide, duplicates };
}
