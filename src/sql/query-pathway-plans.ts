// The second pass's `pathway_plans` aggregate: child protection plans by their initial category and
// the factor list of the assessment that stands for them, with `n`, for the pathways plans table
// (src/analyses/pathways-plans.ts's definition): a plan is one child and plan start date among the
// rows giving a category; its assessment is the child's latest authorised on or before the start,
// else the earliest after it (ROW_NUMBER within the plan, in that order). The factor list is read as
// the kit reads a file's (src/sql/aggregate-pathways.ts) to say whether it records the category.
// Rows of one plan alike in date but not in factor list or category are an unordered tie here, where
// the kit takes the first in the file: an engine's table has no order to follow.
import { col, count, isNull, lit, op, rowNumber, trim, upper, when, type Select } from './builder.js';

export function pathwayPlansSelect(tables: { assessments: string }): Select {
  const before = op(col('assessment_date'), '<=', col('cpp_start_date'));
  const ranked: Select = {
    columns: [
      { e: col('cpp_category'), as: 'cpp_category' },
      { e: col('factors'), as: 'factors' },
      {
        e: rowNumber(
          [col('child_id'), col('cpp_start_date')],
          [
            when([[before, lit(0)]], lit(1)),
            { e: when([[before, col('assessment_date')]], lit(null)), desc: true },
            col('assessment_date'),
          ],
        ),
        as: 'rank',
      },
    ],
    from: tables.assessments,
    where: op(
      isNull(col('cpp_start_date'), true),
      'AND',
      op(isNull(col('cpp_category'), true), 'AND', op(upper(trim(col('cpp_category'))), '>', lit(''))),
    ),
  };
  return {
    columns: [
      { e: col('cpp_category'), as: 'cpp_category' },
      { e: col('factors'), as: 'factors' },
      { e: count(), as: 'n' },
    ],
    from: { select: ranked, as: 'p' },
    where: op(col('rank'), '=', lit(1)),
    groupBy: [col('cpp_category'), col('factors')],
  };
}
