// `synth --format parquet`: the synthetic council's CSV files rewritten as Parquet through DuckDB
// (src/sql/duckdb.ts), with typed columns (dates as DATE, numbers as numbers, the rest as text) as a
// warehouse would hold them, for the `analyse --engine duckdb` route and its tests. The CSV files are
// removed once their Parquet twins are written.
import { rmSync, statSync } from 'node:fs';
import { openDuckDB, sqlString } from '../sql/duckdb.js';

const DATES = /(_date|^date_of_birth)$/;
const NUMBERS = new Set([
  'imd_decile',
  'age',
  'key_stage',
  'year',
  'attainment8',
  'ks2_rwm_expected',
  'ks2_reading',
  'ks2_maths',
  'fsm',
  'idaci_decile',
  'prior_attainment',
  'sessions_possible',
  'sessions_missed',
  'severe_absence',
  'persistent_absence',
  'suspended',
  'permanently_excluded',
]);

export interface ParquetFile {
  file: string;
  path: string;
  rows: number;
  bytes: number;
}

/** Each CSV (with a header) as `<name>.parquet` beside it; the CSV removed. */
export async function csvToParquet(paths: string[]): Promise<ParquetFile[]> {
  const db = await openDuckDB({ threads: '2' });
  const out: ParquetFile[] = [];
  try {
    for (const csv of paths) {
      const src = `read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
      const names = (await db.all(`DESCRIBE SELECT * FROM ${src}`)).map((r) => String(r.column_name));
      const cols = names.map((c) => {
        const q = `"${c.replace(/"/g, '""')}"`;
        if (DATES.test(c)) return `CAST(${q} AS DATE) AS ${q}`;
        if (NUMBERS.has(c)) return `CAST(${q} AS DOUBLE) AS ${q}`;
        return q;
      });
      const parquet = csv.replace(/\.csv$/, '.parquet');
      await db.all(`COPY (SELECT ${cols.join(', ')} FROM ${src}) TO ${sqlString(parquet)} (FORMAT parquet)`);
      const rows = Number(
        (await db.all(`SELECT COUNT(*) AS n FROM read_parquet(${sqlString(parquet)})`))[0]!.n,
      );
      rmSync(csv);
      out.push({ file: parquet.split(/[\\/]/).pop()!, path: parquet, rows, bytes: statSync(parquet).size });
    }
  } finally {
    db.close();
  }
  return out;
}
