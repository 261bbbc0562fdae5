// How the four engines the kit targets differ in what the aggregate queries use: identifier quoting,
// date parts and type names. Everything else the queries need (CASE, COUNT, MIN/MAX, GROUP BY over a
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
  types: Record<'int' | 'float' | 'text', string>;
}

const doubleQuote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const fnPart = (part: string, e: string): string => `${part.toUpperCase()}(${e})`;

export const DIALECTS: Record<DialectName, Dialect> = {
  duckdb: {
    quote: doubleQuote,
    datePart: fnPart,
    types: { int: 'INTEGER', float: 'DOUBLE', text: 'VARCHAR' },
  },
  spark: {
    quote: (s) => `\`${s.replace(/`/g, '``')}\``,
    datePart: fnPart,
    types: { int: 'INT', float: 'DOUBLE', text: 'STRING' },
  },
  tsql: {
    quote: (s) => `[${s.replace(/]/g, ']]')}]`,
    datePart: fnPart,
    types: { int: 'INT', float: 'FLOAT', text: 'NVARCHAR(4000)' },
  },
  postgres: {
    quote: doubleQuote,
    datePart: (part, e) => `CAST(EXTRACT(${part.toUpperCase()} FROM ${e}) AS INTEGER)`,
    types: { int: 'INTEGER', float: 'DOUBLE PRECISION', text: 'TEXT' },
  },
};

export function isDialect(s: string): s is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(s);
}
