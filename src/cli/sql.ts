// `csc-demand sql --dialect duckdb|spark|tsql|postgres [--table NAME] [--census-table NAME]
// [--aggregates DIR [--categories-out FILE]] [--json]`:
// prints the aggregate queries (src/sql/) that let a SQL engine compute the analyses' sufficient
// statistics where the rows are (a secure environment, a warehouse), so that only aggregates leave it
// for `csc-demand analyse --aggregates DIR`. --table: the table with the kit's column names (default
// assessments; a dotted name is quoted part by part); --census-table: the table the printed view reads
// when the columns have the CIN census's names (default cin_census). --json prints
// {dialect, table, view, categories, queries: [{name, about, pass, sql}]}. Exit 2 for an unknown dialect.
// Pass-2 queries (re-referral, repeat plans, re-entry to care) need the demand categories fitted on
// pass 1: --aggregates DIR (DIR holding pass 1's saved demand aggregate) writes them in; without it
// they read a placeholder table the text names (src/sql/script.ts). With --aggregates DIR
// --categories-out FILE the categories are written to FILE (CSV: factors, financial_year, category)
// to be loaded as that table instead: the way for a national extract, whose factor lists as written
// run to hundreds of thousands.
import { writeFileSync } from 'node:fs';
import { parseArgs, required, UsageError, type CliIO } from './args.js';
import { DIALECT_NAMES, isDialect } from '../sql/dialects.js';
import { sqlScript, sqlText } from '../sql/script.js';
import { demandData } from '../sql/aggregate-data.js';
import { categoriesCsv, categoryRows } from '../sql/category-map.js';
import { readAggregateDir } from '../sql/read-aggregates.js';
import type { SecondPass } from '../sql/second-pass.js';
import { secondPass } from '../sql/second-pass-queries.js';
import { CATEGORIES_TABLE, type CategoryRow } from '../sql/survival-queries.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['dialect', 'table', 'census-table', 'aggregates', 'categories-out'],
    ['json'],
  );
  const dialect = required(args, 'dialect');
  if (!isDialect(dialect))
    throw new UsageError(`option --dialect: expected ${DIALECT_NAMES.join(', ')}, got '${dialect}'`);
  const table = args.options.get('table') ?? 'assessments';
  if (!/^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)*$/.test(table))
    throw new UsageError(`option --table: expected a table name such as cin.assessments, got '${table}'`);
  const census = args.options.get('census-table') ?? 'cin_census';
  const dir = args.options.get('aggregates');
  const out = args.options.get('categories-out');
  if (out !== undefined && dir === undefined)
    throw new UsageError('option --categories-out: needs --aggregates DIR, the folder holding pass 1');
  let categories: CategoryRow[] | null = null;
  let second: SecondPass | null = null;
  if (dir !== undefined) {
    const aggregates = await readAggregateDir(dir);
    const demand = aggregates.get('demand')!;
    categories = categoryRows(demand, await demandData(demand)).rows;
    // Attainment and pathways too, with pass 1's extract date.
    second = (await secondPass(aggregates)).pass;
  }
  if (out !== undefined) {
    writeFileSync(out, categoriesCsv(categories!));
    io.err(
      `${categories!.length.toLocaleString('en-GB')} categories written to ${out}: load them as ${CATEGORIES_TABLE}\n`,
    );
    categories = null;
  }
  const script = sqlScript(dialect, table, census, categories, second);
  io.out(args.flags.has('json') ? JSON.stringify(script, null, 2) + '\n' : sqlText(script));
  return 0;
}
