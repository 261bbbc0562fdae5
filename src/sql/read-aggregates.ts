// The aggregates an engine computed, gathered by name: from a folder of saved query results
// (`<name>.csv` or `<name>.parquet`, as `csc-demand sql` says to save them), or by running the
// queries in DuckDB on the assessments' files (`analyse --engine duckdb`), both passes.
// CSV: a header and one row per group, as any engine's export writes it (comma separated, fields
// quoted where needed, UTF-8 with or without BOM; ./csv-rows.ts); an empty field is null. Node only.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from './builder.js';
import type { AggregateRow, Aggregates } from './aggregate-data.js';
import { fileSource, openDuckDB, sqlString } from './duckdb.js';
import { AGGREGATE_QUERIES } from './queries.js';
import { demandData } from './aggregate-data.js';
import { categoriesCsv, categoryRows } from './category-map.js';
import {
  CATEGORIES_TABLE,
  SURVIVAL_AGGREGATES,
  survivalQuery,
  type SurvivalAggregate,
} from './survival-queries.js';
import { csvRows } from './csv-rows.js';
import { SECOND_PASS_QUERIES, secondPass, type SecondPassOptions } from './second-pass-queries.js';

export type { Aggregates } from './aggregate-data.js';

function readCsv(path: string): AggregateRow[] {
  return csvRows(readFileSync(path, 'utf8'), path);
}

/**
 * Each aggregate from `dir`: the first pass's must be there (a missing one is an error naming the
 * files looked for); the second pass's (./survival-queries.ts) are read where saved.
 */
export async function readAggregateDir(dir: string): Promise<Aggregates> {
  const out: Aggregates = new Map();
  const parquet: [string, string][] = [];
  const optional: readonly string[] = [...SURVIVAL_AGGREGATES, ...SECOND_PASS_QUERIES.map((q) => q.name)];
  for (const name of [...AGGREGATE_QUERIES.map((q) => q.name), ...optional]) {
    const csv = join(dir, `${name}.csv`);
    const pq = join(dir, `${name}.parquet`);
    if (existsSync(csv)) out.set(name, readCsv(csv));
    else if (existsSync(pq)) parquet.push([name, pq]);
    else if (!optional.includes(name))
      throw new Error(
        `${dir}: no ${name}.csv or ${name}.parquet (csc-demand sql prints the query that makes it)`,
      );
  }
  if (parquet.length) {
    const db = await openDuckDB();
    try {
      for (const [name, path] of parquet)
        out.set(name, await db.all(`SELECT * FROM read_parquet(${sqlString(path)})`));
    } finally {
      db.close();
    }
  }
  return out;
}

/**
 * Run the aggregate queries in DuckDB over the assessments' files (Parquet or CSV; globs allowed):
 * the first pass, then the second-pass queries of `survival` with the categories fitted on it.
 * @param settings DuckDB settings (threads, memory_limit, temp_directory)
 * @param second the options of the attainment and pathways queries, to run them too
 * @param pupils the pupils' files (Parquet or CSV), for the attainment aggregate
 */
export async function runAggregatesInDuckDB(
  assessments: string[],
  settings: Record<string, string> = {},
  survival: readonly SurvivalAggregate[] = SURVIVAL_AGGREGATES,
  second: SecondPassOptions | null = null,
  pupils: string[] = [],
): Promise<Aggregates> {
  const db = await openDuckDB(settings);
  try {
    await db.all(`CREATE VIEW assessments AS SELECT * FROM ${fileSource(assessments)}`);
    if (pupils.length) await db.all(`CREATE VIEW pupils AS SELECT * FROM ${fileSource(pupils)}`);
    const out: Aggregates = new Map();
    for (const q of AGGREGATE_QUERIES)
      out.set(q.name, await db.all(render(q.select('assessments'), 'duckdb')));
    if (survival.length || second) {
      const demand = out.get('demand')!;
      const { rows } = categoryRows(demand, await demandData(demand));
      // The categories as a table rather than written into each query: a national extract has
      // hundreds of thousands of factor lists as written.
      const tmp = mkdtempSync(join(tmpdir(), 'csc-categories-'));
      try {
        const file = join(tmp, 'categories.csv');
        writeFileSync(file, categoriesCsv(rows));
        await db.all(
          `CREATE TABLE ${CATEGORIES_TABLE} AS SELECT * FROM read_csv(${sqlString(file)}, header = true, quote = '"', columns = {'factors': 'VARCHAR', 'financial_year': 'INTEGER', 'category': 'INTEGER'})`,
        );
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      for (const s of survival)
        out.set(s, await db.all(render(survivalQuery(s, 'assessments', CATEGORIES_TABLE), 'duckdb')));
      // Attainment (with pupils) and pathways, over the same table of categories.
      if (second) {
        const { pass } = await secondPass(out, second, CATEGORIES_TABLE);
        for (const q of SECOND_PASS_QUERIES.filter((q) => !q.pupils || pupils.length))
          out.set(
            q.name,
            await db.all(render(q.select({ assessments: 'assessments', pupils: 'pupils' }, pass), 'duckdb')),
          );
      }
    }
    return out;
  } finally {
    db.close();
  }
}
