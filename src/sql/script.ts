// The text `csc-demand sql` prints: the CIN census view and every aggregate query in one dialect,
// each statement ended by a semicolon and introduced by a comment naming the file its result is
// saved as (what `csc-demand analyse --aggregates DIR` reads).
import { render, renderView } from './builder.js';
import { censusView } from './census-view.js';
import type { DialectName } from './dialects.js';
import { AGGREGATE_QUERIES } from './queries.js';

export interface SqlScript {
  dialect: DialectName;
  table: string;
  /** CREATE VIEW <table> over a table with the CIN census's names. */
  view: string;
  queries: { name: string; about: string; sql: string }[];
}

/**
 * The aggregate queries over `table` (the kit's column names) in a dialect.
 * @example sqlScript('postgres', 'cin.assessments').queries[0].name // 'demand'
 */
export function sqlScript(
  dialect: DialectName,
  table = 'assessments',
  censusTable = 'cin_census',
): SqlScript {
  return {
    dialect,
    table,
    view: renderView(table, censusView(censusTable), dialect),
    queries: AGGREGATE_QUERIES.map((q) => ({
      name: q.name,
      about: q.about,
      sql: render(q.select(table), dialect),
    })),
  };
}

/** The script as one text: the view commented out (needed only for census names), then the queries. */
export function sqlText(s: SqlScript): string {
  const out = [
    `-- csc-demand aggregate queries (${s.dialect}) over ${s.table}, a table with the kit's column names.`,
    '-- Save each result as <name>.csv or <name>.parquet in one folder, then:',
    '--   csc-demand analyse --aggregates FOLDER --out summary.json',
    '-- If the table holds the CIN census names instead, first create this view and query it:',
    ...s.view.split('\n').map((l) => `--   ${l}`),
    '',
  ];
  for (const q of s.queries) out.push(`-- ${q.name}: ${q.about}`, `${q.sql};`, '');
  return out.join('\n');
}
