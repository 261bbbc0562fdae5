// DuckDB, the embedded engine the CLI uses for files too big for memory: `analyse --engine duckdb`
// runs the aggregate queries on Parquet or CSV files where they lie, `synth --format parquet` writes
// the synthetic council as Parquet, `analyse --aggregates` reads aggregate files saved as Parquet.
// `@duckdb/node-api` is an optional dependency, imported only here and only when one of those is
// asked for: the rest of the kit (and the browser bundle) never loads it. Missing, it is named in a
// message saying how to install it.
// Node only (it is a native module).
import type { AggregateRow } from './aggregate-data.js';

export interface DuckDB {
  /** Run a statement; its rows as plain objects (dates as ISO text, big integers as numbers). */
  all: (sql: string) => Promise<AggregateRow[]>;
  close: () => void;
}

export const DUCKDB_MISSING =
  'the DuckDB engine needs the optional package @duckdb/node-api, which is not installed: run `npm install @duckdb/node-api` (it ships DuckDB for Linux, macOS and Windows; about 70 MB)';

/** A string literal in DuckDB's SQL (file paths and globs are the user's; quotes are doubled). */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * An in-memory DuckDB.
 * @param settings DuckDB settings, e.g. {threads: '2', memory_limit: '8GB'}
 */
export async function openDuckDB(settings: Record<string, string> = {}): Promise<DuckDB> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch (e) {
    throw new Error(DUCKDB_MISSING, { cause: e });
  }
  const instance = await api.DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
  return {
    all: async (sql) => {
      const reader = await connection.runAndReadAll(sql);
      // JSON values: DATE as 'YYYY-MM-DD'; BIGINT (COUNT) as text, made a number here (counts of
      // assessments are far below 2^53).
      const types = reader.columnTypes().map((t) => String(t));
      const names = reader.columnNames();
      return reader.getRowObjectsJson().map((r) => {
        const row: AggregateRow = {};
        names.forEach((name, j) => {
          const v = r[name];
          row[name] =
            v === null || v === undefined
              ? null
              : /INT|DECIMAL|HUGEINT/.test(types[j]!) && typeof v === 'string'
                ? Number(v)
                : (v as string | number);
        });
        return row;
      });
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A FROM source for files: Parquet (`*.parquet`, globs allowed) or CSV with a header. */
export function fileSource(paths: string[]): string {
  const list = `[${paths.map(sqlString).join(', ')}]`;
  if (paths.every((p) => /\.parquet$/i.test(p))) return `read_parquet(${list})`;
  if (paths.every((p) => /\.csv$/i.test(p)))
    return `read_csv(${list}, header = true, dateformat = '%Y-%m-%d', auto_type_candidates = ['DATE', 'BIGINT', 'DOUBLE', 'VARCHAR'])`;
  throw new Error(
    `the DuckDB engine reads .parquet or .csv files (all of one kind), got ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
  );
}
