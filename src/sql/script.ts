// The text `csc-demand sql` prints: the CIN census view and every aggregate query in one dialect,
// each statement ended by a semicolon and introduced by a comment naming the file its result is
// saved as (what `csc-demand analyse --aggregates DIR` reads).
// Two passes. The first (the demand aggregate) needs nothing; the second (re-referral, repeat plans,
// re-entry to care: ./survival-queries.ts) needs each factor pattern's demand category, which is
// fitted on the first pass's result: given those categories (`csc-demand sql --aggregates DIR`,
// DIR holding the saved demand aggregate), the second-pass queries carry them as literal rows;
// without, they read a table named CATEGORIES_TABLE in their place, and the text says how to get
// the queries with the categories written in.
import { render, renderView } from './builder.js';
import { censusView } from './census-view.js';
import type { DialectName } from './dialects.js';
import { AGGREGATE_QUERIES } from './queries.js';
import type { SecondPass } from './second-pass.js';
import { SECOND_PASS_QUERIES } from './second-pass-queries.js';
import {
  CATEGORIES_TABLE,
  SURVIVAL_AGGREGATES,
  survivalAbout,
  survivalQuery,
  type CategoryRow,
} from './survival-queries.js';

export interface SqlScript {
  dialect: DialectName;
  table: string;
  /** CREATE VIEW <table> over a table with the CIN census's names. */
  view: string;
  /** Pass 2's categories: 'written-in' (literal rows) or the table they are read from. */
  categories: 'written-in' | string;
  queries: { name: string; about: string; pass: 1 | 2; sql: string }[];
}

/**
 * The aggregate queries over `table` (the kit's column names) in a dialect.
 * @param categories the first pass's categories (categoryRows), to write into the second pass
 * @example sqlScript('postgres', 'cin.assessments').queries[0].name // 'demand'
 */
export function sqlScript(
  dialect: DialectName,
  table = 'assessments',
  censusTable = 'cin_census',
  categories: readonly CategoryRow[] | null = null,
  second: Omit<SecondPass, 'categories'> | null = null,
): SqlScript {
  // Attainment and pathways (./second-pass-queries.ts) need the extract date of pass 1 as well: they
  // are printed once pass 1's results are given (--aggregates DIR).
  const more = second ? { ...second, categories: categories ?? CATEGORIES_TABLE } : null;
  return {
    dialect,
    table,
    view: renderView(table, censusView(censusTable), dialect),
    categories: categories ? 'written-in' : CATEGORIES_TABLE,
    queries: [
      ...AGGREGATE_QUERIES.map((q) => ({
        name: q.name,
        about: q.about,
        pass: 1 as const,
        sql: render(q.select(table), dialect),
      })),
      ...SURVIVAL_AGGREGATES.map((name) => ({
        name,
        about: survivalAbout(name),
        pass: 2 as const,
        sql: render(survivalQuery(name, table, categories ?? CATEGORIES_TABLE), dialect),
      })),
      ...(more
        ? SECOND_PASS_QUERIES.map((q) => ({
            name: q.name,
            about: q.about,
            pass: 2 as const,
            sql: render(q.select({ assessments: table, pupils: 'pupils' }, more), dialect),
          }))
        : []),
    ],
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
    '-- Pass 1.',
    '',
  ];
  for (const q of s.queries.filter((x) => x.pass === 1))
    out.push(`-- ${q.name}: ${q.about}`, `${q.sql};`, '');
  out.push(
    '-- Pass 2: each episode, plan or period in care takes the demand category of its latest assessment,',
    '-- fitted on the demand aggregate of pass 1.',
    ...(s.categories === 'written-in'
      ? ['-- The categories of that fit are written into these queries (VALUES ... AS m).']
      : [
          `-- PLACEHOLDER: these queries read the categories from a table ${s.categories} (factors, financial_year,`,
          '-- category) that does not exist yet. Save pass 1 in FOLDER, then print these queries with the',
          '-- categories written in:',
          `--   csc-demand sql --dialect ${s.dialect} --table ${s.table} --aggregates FOLDER`,
          '-- or, for many factor lists (a national extract), write them to a file and load it as that table:',
          `--   csc-demand sql --dialect ${s.dialect} --table ${s.table} --aggregates FOLDER --categories-out categories.csv`,
        ]),
    '-- They read the date of birth, not an `age` column; the hazard ratios need the rows (analyse --assessments).',
    "-- Attainment and pathways (printed with --aggregates FOLDER) read a `pupils` table with the kit's pupil columns",
    '-- (attainment) and the extract date and window of pass 1 written in (pathways).',
    '',
  );
  for (const q of s.queries.filter((x) => x.pass === 2))
    out.push(`-- ${q.name}: ${q.about}`, `${q.sql};`, '');
  return out.join('\n');
}
