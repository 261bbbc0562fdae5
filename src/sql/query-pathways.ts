// The second pass's `pathways` aggregate: assessments by demand category, what followed them and the
// characteristics the models and the gradient read, each group with `n`. What followed is
// src/analyses/pathways-outcomes.ts's definition, written in SQL:
// - each assessment is numbered within its episode (child and referral date: ROW_NUMBER, so rows alike
//   in every column stay apart), then joined to every row of its episode: a plan (care) started
//   from the authorisation day to `windowDays` later on any of them is the assessment's plan (care);
// - outcome: -1 when the window ends after the extract date (open), else 3 care, 2 plan, 0 no further
//   action (closed with RC8, any case and spaces), 1 support as a child in need;
// - category and the neglect flag from the first pass's list (./second-pass.ts); the age band as the
//   demand aggregate's (./queries.ts ageBandFloor); gender, ethnicity and imd_decile as written (the
//   kit reads them as it reads a file's: src/sql/aggregate-pathways.ts).
// Rows with no child or no referral date match no other row, so only their own starts count (the
// kit's loader drops such rows from a file: an engine's table is expected to hold none).
import {
  cast,
  coalesce,
  col,
  count,
  daysBetween,
  lit,
  max,
  op,
  rowNumber,
  tcol as qcol,
  trim,
  upper,
  when,
  type Expr,
  type Select,
} from './builder.js';
import { ageBandFloor, completedYears, financialYear } from './queries.js';
import { categoryJoin, categorySource, type SecondPass } from './second-pass.js';

/** 1 when `start` (a column of s) lies in r's window, else 0. */
function inWindow(start: string, windowDays: number): Expr {
  const s = qcol('s', start);
  const a = qcol('r', 'assessment_date');
  return when([[op(op(s, '>=', a), 'AND', op(daysBetween(a, s), '<=', lit(windowDays))), lit(1)]], lit(0));
}

const KEYS = [
  'category',
  'neglect',
  'age_band',
  'gender',
  'ethnicity',
  'imd_decile',
  'outcome',
  'plan',
  'care',
];
/** Columns of each assessment carried through the episode join. */
const ROW = [
  'assessment_date',
  'factors',
  'financial_year',
  'rc8',
  'age_band',
  'gender',
  'ethnicity',
  'imd_decile',
];

export function pathwaysSelect(tables: { assessments: string }, pass: SecondPass): Select {
  const { assessments: table } = tables;
  const r: Select = {
    columns: [
      { e: col('child_id'), as: 'child_id' },
      { e: col('referral_date'), as: 'referral_date' },
      { e: col('assessment_date'), as: 'assessment_date' },
      { e: col('factors'), as: 'factors' },
      { e: cast(financialYear(col('assessment_date')), 'int'), as: 'financial_year' },
      { e: when([[op(upper(trim(col('closure_reason'))), '=', lit('RC8')), lit(1)]], lit(0)), as: 'rc8' },
      {
        e: cast(ageBandFloor(completedYears(col('date_of_birth'), col('referral_date'))), 'int'),
        as: 'age_band',
      },
      { e: col('gender'), as: 'gender' },
      { e: col('ethnicity'), as: 'ethnicity' },
      { e: col('imd_decile'), as: 'imd_decile' },
      {
        e: rowNumber([col('child_id'), col('referral_date')], [col('assessment_date')]),
        as: 'rn',
      },
    ],
    from: table,
  };
  const episodeKey = ['child_id', 'referral_date', 'rn', ...ROW];
  const x: Select = {
    columns: [
      ...ROW.map((k) => ({ e: qcol('r', k), as: k })),
      { e: max(inWindow('cpp_start_date', pass.windowDays)), as: 'plan' },
      { e: max(inWindow('care_start_date', pass.windowDays)), as: 'care' },
    ],
    from: { select: r, as: 'r' },
    joins: [
      {
        source: {
          select: {
            columns: ['child_id', 'referral_date', 'cpp_start_date', 'care_start_date'].map((c) => ({
              e: col(c),
              as: c,
            })),
            from: table,
          },
          as: 's',
        },
        on: op(
          op(qcol('s', 'child_id'), '=', qcol('r', 'child_id')),
          'AND',
          op(qcol('s', 'referral_date'), '=', qcol('r', 'referral_date')),
        ),
      },
    ],
    groupBy: episodeKey.map((k) => qcol('r', k)),
  };
  // Open: the window's end (the assessment plus windowDays) after the extract date.
  const extract = cast(lit(pass.extractDate), 'date');
  const open = op(daysBetween(qcol('x', 'assessment_date'), extract), '<', lit(pass.windowDays));
  const y: Select = {
    columns: [
      { e: coalesce(qcol('m', 'category'), lit(-1)), as: 'category' },
      // The neglect split is not in the category list: 0 here, and the split refused from aggregates.
      { e: lit(0), as: 'neglect' },
      ...['age_band', 'gender', 'ethnicity', 'imd_decile', 'plan', 'care'].map((k) => ({
        e: qcol('x', k),
        as: k,
      })),
      {
        e: when(
          [
            [open, lit(-1)],
            [op(qcol('x', 'care'), '=', lit(1)), lit(3)],
            [op(qcol('x', 'plan'), '=', lit(1)), lit(2)],
            [op(qcol('x', 'rc8'), '=', lit(1)), lit(0)],
          ],
          lit(1),
        ),
        as: 'outcome',
      },
    ],
    from: { select: x, as: 'x' },
    joins: [{ source: categorySource(pass), on: categoryJoin('x') }],
  };
  // The window and extract date the query was written with, so that the summary says them (and
  // refuses other options) however long after the query ran.
  return {
    columns: [
      ...KEYS.map((k) => ({ e: col(k), as: k })),
      { e: count(), as: 'n' },
      { e: lit(pass.windowDays), as: 'window_days' },
      { e: extract, as: 'extract_date' },
    ],
    from: { select: y, as: 'y' },
    groupBy: KEYS.map(col),
  };
}
