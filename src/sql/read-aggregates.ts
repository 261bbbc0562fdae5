// The aggregates an engine computed, gathered by name: from a folder of saved query results
// (`<name>.csv` or `<name>.parquet`, as `csc-demand sql` says to save them), or by running the
// queries in DuckDB on the assessments' files (`analyse --engine duckdb`).
// CSV: a header and one row per group, as any engine's export writes it (comma separated, fields
// quoted where needed, UTF-8 with or without BOM; ./csv-rows.ts); an empty field is null. Node only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from './builder.js';
import type { AggregateRow } from './aggregate-data.js';
import { fileSource, openDuckDB, sqlString } from './duckdb.js';
import { AGGREGATE_QUERIES } from './queries.js';
import { csvRows } from './csv-rows.js';

export type Aggregates = Map<string, AggregateRow[]>;

function readCsv(path: string): AggregateRow[] {
  return csvRows(readFileSync(path, 'utf8'), path);
}

/** Each aggregate from `dir`; a missing one is an error naming the files looked for. */
export async function readAggregateDir(dir: string): Promise<Aggregates> {
  const out: Aggregates = new Map();
  const parquet: [string, string][] = [];
  for (const q of AGGREGATE_QUERIES) {
    const csv = join(dir, `${q.name}.csv`);
    const pq = join(dir, `${q.name}.parquet`);
    if (existsSync(csv)) out.set(q.name, readCsv(csv));
    else if (existsSync(pq)) parquet.push([q.name, pq]);
    else
      throw new Error(
        `${dir}: no ${q.name}.csv or ${q.name}.parquet (csc-demand sql prints the query that makes it)`,
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
 * Run every aggregate query in DuckDB over the assessments' files (Parquet or CSV; globs allowed).
 * @param settings DuckDB settings (threads, memory_limit, temp_directory)
 */
export async function runAggregatesInDuckDB(
  assessments: string[],
  settings: Record<string, string> = {},
): Promise<Aggregates> {
  const db = await openDuckDB(settings);
  try {
    await db.all(`CREATE VIEW assessments AS SELECT * FROM ${fileSource(assessments)}`);
    const out: Aggregates = new Map();
    for (const q of AGGREGATE_QUERIES)
      out.set(q.name, await db.all(render(q.select('assessments'), 'duckdb')));
    return out;
  } finally {
    db.close();
  }
}
