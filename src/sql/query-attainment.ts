// The second pass's `attainment` aggregate: pupil results by key stage, exam year, the group the
// attainment analysis places the pupil in, and every covariate its models read, with, per outcome,
// the pupils with it (n_<outcome>), its sum and its sum of squares. With the covariates fixed in a
// group the design row is the group's, so these are the sufficient statistics of the OLS / linear
// probability fits, HC1 included: X'X and X'y from the counts and sums, and each group's sum of
// squared residuals (n f^2 - 2 f sum y + sum y^2 at its fitted value f) for the meat, in one query.
// Placing (src/analyses/attainment-groups.ts's definition, in SQL): a pupil with no child_id is not
// known (-1); one whose child has no assessment is -2 and one with none authorised before 1 September
// of the exam year -3 (both excluded and counted); else the latest such assessment's category from
// the first pass's list (./second-pass.ts), or -4 when it has none (uncategorised). Each pupil row is
// numbered (ROW_NUMBER within child, key stage and year) so that rows alike stay apart through the
// join. Two assessments of a child on the same latest day are an unordered tie here, where the kit
// takes the later row of the file.
import {
  cast,
  coalesce,
  col,
  count,
  isNull,
  lit,
  makeDate,
  op,
  tcol as qcol,
  rowNumber,
  sum,
  trim,
  upper,
  when,
  type Expr,
  type Select,
} from './builder.js';
import { financialYear } from './queries.js';
import { categoryJoin, categorySource, type SecondPass } from './second-pass.js';

export const ATTAINMENT_OUTCOMES = [
  'attainment8',
  'ks2_rwm_expected',
  'ks2_reading',
  'ks2_maths',
  'severe_absence',
  'persistent_absence',
  'suspended',
  'permanently_excluded',
];
export const ATTAINMENT_KEYS = [
  'key_stage',
  'year',
  'grp',
  'fsm',
  'sen',
  'gender',
  'ethnicity',
  'idaci_decile',
  'prior_attainment',
];
const PUPIL = ['key_stage', 'year', 'fsm', 'sen', 'gender', 'ethnicity', 'idaci_decile', 'prior_attainment'];

export function attainmentSelect(tables: { assessments: string; pupils: string }, pass: SecondPass): Select {
  const p: Select = {
    columns: [
      { e: col('child_id'), as: 'child_id' },
      // Whole-number columns as integers, whatever the file's type (a Parquet double writes 4.0).
      ...[...PUPIL, ...ATTAINMENT_OUTCOMES].map((k) => ({
        e: ['key_stage', 'year', 'idaci_decile'].includes(k) ? cast(col(k), 'int') : col(k),
        as: k,
      })),
      { e: rowNumber([col('child_id'), col('key_stage'), col('year')], [col('pupil_id')]), as: 'rn' },
      // Before the exam year's 1 September, as one comparison of dates: a join condition with an OR
      // in it (year before, or the year and a month before September) is no equi-join to an engine,
      // which then compares every pupil with every assessment (DuckDB took 190 s at 360 thousand
      // assessments; a hash join on the child with this bound takes well under a second).
      { e: makeDate(cast(col('year'), 'int'), lit(9), lit(1)), as: 'cutoff' },
    ],
    from: tables.pupils,
  };
  const a = qcol('a', 'assessment_date');
  const before = op(a, '<', qcol('p', 'cutoff'));
  const pupilCols = ['child_id', 'rn', ...PUPIL, ...ATTAINMENT_OUTCOMES];
  const j: Select = {
    columns: [
      ...pupilCols.map((k) => ({ e: qcol('p', k), as: k })),
      { e: a, as: 'a_date' },
      { e: qcol('a', 'factors'), as: 'factors' },
      { e: financialYear(a), as: 'financial_year' },
      {
        e: rowNumber(
          [qcol('p', 'child_id'), qcol('p', 'key_stage'), qcol('p', 'year'), qcol('p', 'rn')],
          [{ e: a, desc: true }],
        ),
        as: 'pick',
      },
    ],
    from: { select: p, as: 'p' },
    joins: [
      {
        source: {
          select: {
            columns: ['child_id', 'assessment_date', 'factors'].map((c) => ({ e: col(c), as: c })),
            from: tables.assessments,
          },
          as: 'a',
        },
        on: op(op(qcol('a', 'child_id'), '=', qcol('p', 'child_id')), 'AND', before),
      },
    ],
  };
  const children: Select = {
    columns: [{ e: col('child_id'), as: 'child_id' }],
    from: tables.assessments,
    where: isNull(col('child_id'), true),
    groupBy: [col('child_id')],
  };
  const blank = op(isNull(qcol('j', 'child_id')), 'OR', op(upper(trim(qcol('j', 'child_id'))), '=', lit('')));
  const grp: Expr = when(
    [
      [blank, lit(-1)],
      [isNull(qcol('c', 'child_id')), lit(-2)],
      [isNull(qcol('j', 'a_date')), lit(-3)],
      [op(coalesce(qcol('m', 'category'), lit(-1)), '<', lit(0)), lit(-4)],
    ],
    qcol('m', 'category'),
  );
  const g: Select = {
    columns: [
      ...[...PUPIL, ...ATTAINMENT_OUTCOMES].map((k) => ({ e: qcol('j', k), as: k })),
      { e: grp, as: 'grp' },
    ],
    from: { select: j, as: 'j' },
    joins: [
      {
        source: { select: children, as: 'c' },
        on: op(qcol('c', 'child_id'), '=', qcol('j', 'child_id')),
      },
      { source: categorySource(pass), on: categoryJoin('j') },
    ],
    where: op(qcol('j', 'pick'), '=', lit(1)),
  };
  const columns: { e: Expr; as: string }[] = [
    ...ATTAINMENT_KEYS.map((k) => ({ e: col(k), as: k })),
    { e: count(), as: 'n' },
  ];
  for (const o of ATTAINMENT_OUTCOMES) {
    columns.push({ e: { k: 'agg', fn: 'count', e: col(o) }, as: `n_${o}` });
    columns.push({ e: sum(col(o)), as: `s_${o}` });
    columns.push({ e: sum(op(col(o), '*', col(o))), as: `q_${o}` });
  }
  return { columns, from: { select: g, as: 'g' }, groupBy: ATTAINMENT_KEYS.map(col) };
}
