// The second pass of the aggregate queries. The pathways and attainment sections are by demand
// category, and an assessment's category comes from the latent class model fitted on the first
// pass's factor patterns (the demand aggregate): so the engine is asked a second time, with each
// pattern's category written into the query (a VALUES list, one row per factor list and financial
// year), and groups by category rather than by factor list, which keeps these aggregates small.
// - the list is ./category-map.ts's (one category per factor list and year, as the rows' own
//   assignment gives every assessment of that pattern), written in or read from a table.
// - the extract date (the latest date in the table, from the first pass's `extent`) fixes which
//   pathways windows are still open.
import { coalesce, col, lit, op, tcol as qcol, type Expr, type Select, type Source } from './builder.js';
import type { CategoryRow } from './survival-queries.js';
import type { AggregateRow } from './aggregate-data.js';

export interface SecondPass {
  /** The first pass's categories written in (./category-map.ts categoryRows), or the table holding them. */
  categories: readonly CategoryRow[] | string;
  /** The latest date in the assessments (YYYY-MM-DD), or the one asked for. */
  extractDate: string;
  /** The pathways window in days (12 months by default: 365). */
  windowDays: number;
}

export interface SecondPassQuery {
  name: string;
  about: string;
  /** Whether it reads the pupils table too. */
  pupils?: boolean;
  select: (tables: { assessments: string; pupils: string }, pass: SecondPass) => Select;
}

/** The category list as a joinable source `m` (factors, financial_year, category). */
export function categorySource(pass: SecondPass): Exclude<Source, string> {
  if (typeof pass.categories === 'string')
    return {
      select: {
        columns: ['factors', 'financial_year', 'category'].map((c) => ({ e: col(c), as: c })),
        from: pass.categories,
      },
      as: 'm',
    };
  const values: (string | number | null)[][] = pass.categories.map((r) => [...r]);
  // A list is never empty in SQL: a row no assessment matches (a null key) stands in.
  if (!values.length) values.push([null, null, -1]);
  return { values, columns: ['factors', 'financial_year', 'category'], as: 'm' };
}

/** The join condition of `source` (columns factors, financial_year) on the category list `m`. */
export function categoryJoin(source: string): Expr {
  return op(
    op(coalesce(qcol(source, 'factors'), lit('')), '=', qcol('m', 'factors')),
    'AND',
    op(coalesce(qcol(source, 'financial_year'), lit(-1)), '=', qcol('m', 'financial_year')),
  );
}

/** The latest date of the first pass's `extent` row (null when the table has none). */
export function extentDate(rows: readonly AggregateRow[] | undefined): string | null {
  let latest: string | null = null;
  for (const r of rows ?? [])
    for (const v of Object.values(r)) {
      if (v === null || v === undefined || v === '') continue;
      const s = String(v).slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(s) && (latest === null || s > latest)) latest = s;
    }
  return latest;
}
