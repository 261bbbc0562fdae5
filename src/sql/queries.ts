// The aggregate queries, one per aggregate file, over a table of assessments with the kit's column
// names (../shared/DESIGN.md "Inputs"; ./census-view.ts maps the CIN census names onto them). Each
// query returns the sufficient statistics of an analysis: rows grouped on exactly what the analysis
// reads, with `n`, the number of assessments in the group. Fitted from these (./aggregate-data.ts)
// the analysis gives the same figures as from the rows, because each group's assessments are
// identical as far as the analysis can tell.
// - demand: the latent class fit reads each assessment's factor codes and the financial year of its
//   assessment (codes introduced in 2016-17 and 2021-22 are missing, not absent, before then, and both
//   start on 1 April, so the year says which); the trend reads the year; the characteristics read
//   gender, ethnicity and the band of age at referral (from completed years, as the kit computes age
//   from the date of birth). The factors are grouped as written (the kit parses each distinct list once), and the
//   first and last assessment dates of each group are kept so that a year the data cover only in part
//   is found as from the rows.
// Assumes typed columns: dates as DATE, the factors as text.
import {
  cast,
  col,
  count,
  day,
  isNull,
  lit,
  max,
  min,
  month,
  op,
  when,
  year,
  type Expr,
  type Select,
} from './builder.js';
import { extentSelect } from './query-extent.js';

export interface AggregateQuery {
  /** The aggregate's name: its file is `<name>.csv` or `<name>.parquet`. */
  name: string;
  /** One line on what it holds. */
  about: string;
  select: (table: string) => Select;
}

/** Financial year (April-March) as its starting calendar year; NULL for no date. */
export function financialYear(d: Expr): Expr {
  return when(
    [
      [isNull(d), lit(null)],
      [op(month(d), '>=', lit(4)), year(d)],
    ],
    op(year(d), '-', lit(1)),
  );
}

/** Completed years from birth to a date (negative before birth), as the kit's loader computes age. */
export function completedYears(birth: Expr, at: Expr): Expr {
  const md = (e: Expr): Expr => op(op(month(e), '*', lit(100)), '+', day(e));
  return when(
    [
      [op(isNull(birth), 'OR', isNull(at)), lit(null)],
      [op(md(at), '<', md(birth)), op(op(year(at), '-', year(birth)), '-', lit(1))],
    ],
    op(year(at), '-', year(birth)),
  );
}

/**
 * The age band of demand-characteristics.ts as the band's lowest completed year (-1 for unborn,
 * then 0, 1, 5, 10, 16; NULL not known): the characteristics read only the band, and grouping on it
 * rather than the year of age keeps the aggregate small.
 */
export function ageBandFloor(age: Expr): Expr {
  return when(
    [
      [isNull(age), lit(null)],
      [op(age, '<', lit(0)), lit(-1)],
      [op(age, '<', lit(1)), lit(0)],
      [op(age, '<', lit(5)), lit(1)],
      [op(age, '<', lit(10)), lit(5)],
      [op(age, '<', lit(16)), lit(10)],
    ],
    lit(16),
  );
}

const demand: AggregateQuery = {
  name: 'demand',
  about: 'assessments by factor codes, financial year, age band at referral, gender and ethnicity',
  select: (table) => {
    const keys = ['factors', 'financial_year', 'age_band', 'gender', 'ethnicity'];
    return {
      columns: [
        ...keys.map((k) => ({ e: col(k), as: k })),
        { e: min(col('assessment_date')), as: 'first_date' },
        { e: max(col('assessment_date')), as: 'last_date' },
        { e: count(), as: 'n' },
      ],
      from: {
        as: 'b',
        // The band from the age column of the subquery below, not from the age expression repeated
        // in each WHEN.
        select: {
          columns: [
            ...['factors', 'financial_year', 'assessment_date', 'gender', 'ethnicity'].map((k) => ({
              e: col(k),
              as: k,
            })),
            { e: cast(ageBandFloor(col('age')), 'int'), as: 'age_band' },
          ],
          from: {
            as: 'a',
            select: {
              columns: [
                { e: col('factors'), as: 'factors' },
                { e: cast(financialYear(col('assessment_date')), 'int'), as: 'financial_year' },
                { e: col('assessment_date'), as: 'assessment_date' },
                { e: completedYears(col('date_of_birth'), col('referral_date')), as: 'age' },
                { e: col('gender'), as: 'gender' },
                { e: col('ethnicity'), as: 'ethnicity' },
              ],
              from: table,
            },
          },
        },
      },
      groupBy: keys.map(col),
    };
  },
};

const extent: AggregateQuery = {
  name: 'extent',
  about: 'the latest date of each date column (the extract date of the pathways windows)',
  select: extentSelect,
};

/** Every aggregate, in the order `csc-demand sql` prints them. */
export const AGGREGATE_QUERIES: readonly AggregateQuery[] = [demand, extent];
