// How the four engines the kit targets differ in what the aggregate queries use: identifier quoting,
// date parts, type names, dates from parts, days between dates and literal rows. Everything else the queries need (CASE, COUNT, MIN/MAX, GROUP BY over a
// subquery with an alias) is standard SQL the four share.
// - duckdb: DuckDB (the CLI's embedded engine; also reads Parquet and CSV files directly);
// - spark: Spark SQL (Databricks), backticks, YEAR()/MONTH()/DAY();
// - tsql: SQL Server / Azure SQL, [brackets], YEAR()/MONTH()/DAY(), INT and FLOAT;
// - postgres: PostgreSQL, EXTRACT(... FROM ...) (which returns numeric, hence the cast to integer).

export type DialectName = 'duckdb' | 'spark' | 'tsql' | 'postgres';

export const DIALECT_NAMES: readonly DialectName[] = ['duckdb', 'spark', 'tsql', 'postgres'];

export interface Dialect {
  quote: (identifier: string) => string;
  datePart: (part: 'year' | 'month' | 'day', e: string) => string;
  types: Record<'int' | 'float' | 'text' | 'date', string>;
  /** A DATE from whole-number year, month and day. */
  makeDate: (y: string, m: string, d: string) => string;
  /** Whole days from `from` to `to`. */
  daysBetween: (from: string, to: string) => string;
  /** The natural logarithm's name (T-SQL's LOG; LN elsewhere). */
  ln: string;
  /** Literal rows (each value already a literal) as a FROM source with an alias and column names. */
  values: (rows: string[][], alias: string, columns: string[], indent: string) => string;
}

const doubleQuote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const fnPart = (part: string, e: string): string => `${part.toUpperCase()}(${e})`;
const makeDate = (y: string, m: string, d: string): string => `MAKE_DATE(${y}, ${m}, ${d})`;
// VALUES as a derived table with column names: standard SQL, as DuckDB, Postgres and SQL Server read it.
const values = (rows: string[][], alias: string, columns: string[], indent: string): string =>
  `(\n${indent}  VALUES ${rows.map((r) => `(${r.join(', ')})`).join(`,\n${indent}    `)}\n${indent}) AS ${alias} (${columns.join(', ')})`;

export const DIALECTS: Record<DialectName, Dialect> = {
  duckdb: {
    quote: doubleQuote,
    datePart: fnPart,
    types: { int: 'INTEGER', float: 'DOUBLE', text: 'VARCHAR', date: 'DATE' },
    makeDate,
    daysBetween: (from, to) => `DATE_DIFF('day', ${from}, ${to})`,
    values,
    ln: 'LN',
  },
  spark: {
    quote: (s) => `\`${s.replace(/`/g, '``')}\``,
    datePart: fnPart,
    types: { int: 'INT', float: 'DOUBLE', text: 'STRING', date: 'DATE' },
    makeDate,
    daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
    // SELECTs of literals joined by UNION ALL rather than Spark's inline table (VALUES ... AS m(...)),
    // which the Hive grammar the parse check uses does not know; for a great many rows a table of
    // the categories is the better route (see src/sql/script.ts).
    values: (rows, alias, columns, indent) =>
      `(\n${rows.map((r) => `${indent}  SELECT ${r.map((v, j) => `${v} AS ${columns[j]}`).join(', ')}`).join(`\n${indent}  UNION ALL\n`)}\n${indent}) ${alias}`,
    ln: 'LN',
  },
  tsql: {
    quote: (s) => `[${s.replace(/]/g, ']]')}]`,
    datePart: fnPart,
    types: { int: 'INT', float: 'FLOAT', text: 'NVARCHAR(4000)', date: 'DATE' },
    makeDate: (y, m, d) => `DATEFROMPARTS(${y}, ${m}, ${d})`,
    daysBetween: (from, to) => `DATEDIFF(day, ${from}, ${to})`,
    values,
    ln: 'LOG',
  },
  postgres: {
    quote: doubleQuote,
    datePart: (part, e) => `CAST(EXTRACT(${part.toUpperCase()} FROM ${e}) AS INTEGER)`,
    types: { int: 'INTEGER', float: 'DOUBLE PRECISION', text: 'TEXT', date: 'DATE' },
    makeDate,
    // date - date is a whole number of days in Postgres.
    daysBetween: (from, to) => `(${to} - ${from})`,
    values,
    ln: 'LN',
  },
};

export function isDialect(s: string): s is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(s);
}
