// A small SQL query builder: the aggregate queries are written once, as data (expressions and
// SELECTs), and rendered for each engine's dialect (./dialects.ts). Only what the kit's queries use
// is here: columns, literals, arithmetic and comparison, CASE, the date parts, aggregates, casts,
// UPPER and TRIM, a date from its parts and the days between two dates, ROW_NUMBER() OVER, a SELECT
// from a table, a subquery or literal rows (VALUES), LEFT and CROSS JOIN, WHERE, GROUP BY, ORDER BY
// and UNION ALL.
// Rendering quotes every identifier the dialect's way, so a column or table named like a keyword
// (`year`, `group`) is safe, and never interpolates a data value: literals are numbers, or strings
// written by the kit itself (quotes doubled all the same).
import { DIALECTS, type Dialect, type DialectName } from './dialects.js';

export type Expr =
  | { k: 'col'; name: string; table?: string }
  | { k: 'lit'; value: number | string | null }
  | {
      k: 'op';
      op: '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>=' | '>' | 'AND' | 'OR';
      l: Expr;
      r: Expr;
    }
  | { k: 'case'; when: [Expr, Expr][]; else: Expr }
  | { k: 'isNull'; e: Expr; not: boolean }
  | { k: 'part'; part: 'year' | 'month' | 'day'; e: Expr }
  | { k: 'agg'; fn: 'count' | 'min' | 'max' | 'sum'; e: Expr | null }
  | { k: 'cast'; e: Expr; type: 'int' | 'float' | 'text' | 'date' }
  | { k: 'fn'; fn: 'upper' | 'trim' | 'exp' | 'ln'; e: Expr }
  | { k: 'coalesce'; e: Expr[] }
  | { k: 'makeDate'; y: Expr; m: Expr; d: Expr }
  | { k: 'daysBetween'; from: Expr; to: Expr }
  | { k: 'rowNumber'; partitionBy: Expr[]; orderBy: Order[] };

/** An ORDER BY term: descending when `desc`. */
export type Order = Expr | { e: Expr; desc: boolean };

/** A FROM source: a table (dotted parts quoted one by one), a subquery, or literal rows. */
export type Source =
  | string
  | { select: Select; as: string }
  | { values: (number | string | null)[][]; columns: string[]; as: string };

export interface Select {
  columns: { e: Expr; as: string }[];
  from: Source;
  /** Further sources: LEFT JOIN ... ON, or CROSS JOIN (no `on`). */
  joins?: { source: Source; on?: Expr }[];
  where?: Expr;
  groupBy?: Expr[];
  orderBy?: Expr[];
  /** SELECTs appended with UNION ALL (same columns). */
  unionAll?: Select[];
  /** Named subqueries (WITH name AS (...)), rendered only on the outermost SELECT. */
  with?: { name: string; select: Select }[];
}

export const col = (name: string): Expr => ({ k: 'col', name });
/** A column of a named source (`alias.name`), where a join makes a bare name ambiguous. */
export const tcol = (table: string, name: string): Expr => ({ k: 'col', name, table });
export const lit = (value: number | string | null): Expr => ({ k: 'lit', value });
export const op = (l: Expr, o: Extract<Expr, { k: 'op' }>['op'], r: Expr): Expr => ({ k: 'op', op: o, l, r });
export const when = (cases: [Expr, Expr][], otherwise: Expr): Expr => ({
  k: 'case',
  when: cases,
  else: otherwise,
});
export const isNull = (e: Expr, not = false): Expr => ({ k: 'isNull', e, not });
export const year = (e: Expr): Expr => ({ k: 'part', part: 'year', e });
export const month = (e: Expr): Expr => ({ k: 'part', part: 'month', e });
export const day = (e: Expr): Expr => ({ k: 'part', part: 'day', e });
export const count = (e: Expr | null = null): Expr => ({ k: 'agg', fn: 'count', e });
export const min = (e: Expr): Expr => ({ k: 'agg', fn: 'min', e });
export const max = (e: Expr): Expr => ({ k: 'agg', fn: 'max', e });
export const sum = (e: Expr): Expr => ({ k: 'agg', fn: 'sum', e });
export const cast = (e: Expr, type: 'int' | 'float' | 'text' | 'date'): Expr => ({ k: 'cast', e, type });
export const upper = (e: Expr): Expr => ({ k: 'fn', fn: 'upper', e });
export const trim = (e: Expr): Expr => ({ k: 'fn', fn: 'trim', e });
export const exp = (e: Expr): Expr => ({ k: 'fn', fn: 'exp', e });
export const ln = (e: Expr): Expr => ({ k: 'fn', fn: 'ln', e });
export const coalesce = (...e: Expr[]): Expr => ({ k: 'coalesce', e });
export const makeDate = (y: Expr, m: Expr, d: Expr): Expr => ({ k: 'makeDate', y, m, d });
/** Whole days from `from` to `to` (to - from). */
export const daysBetween = (from: Expr, to: Expr): Expr => ({ k: 'daysBetween', from, to });
export const rowNumber = (partitionBy: Expr[], orderBy: Order[]): Expr => ({
  k: 'rowNumber',
  partitionBy,
  orderBy,
});
export const desc = (e: Expr): Order => ({ e, desc: true });

function literal(v: number | string | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`sql: invalid literal; expected a finite number, got ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

function expr(e: Expr, d: Dialect): string {
  switch (e.k) {
    case 'col':
      return e.table ? `${d.quote(e.table)}.${d.quote(e.name)}` : d.quote(e.name);
    case 'lit':
      return literal(e.value);
    case 'op':
      return `(${expr(e.l, d)} ${e.op} ${expr(e.r, d)})`;
    case 'case':
      return `CASE ${e.when.map(([c, v]) => `WHEN ${expr(c, d)} THEN ${expr(v, d)}`).join(' ')} ELSE ${expr(e.else, d)} END`;
    case 'isNull':
      return `${expr(e.e, d)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'part':
      return d.datePart(e.part, expr(e.e, d));
    case 'agg':
      return e.fn === 'count' && e.e === null
        ? 'COUNT(*)'
        : `${e.fn.toUpperCase()}(${e.e ? expr(e.e, d) : '*'})`;
    case 'cast':
      return `CAST(${expr(e.e, d)} AS ${d.types[e.type]})`;
    case 'fn':
      return `${e.fn === 'ln' ? d.ln : e.fn.toUpperCase()}(${expr(e.e, d)})`;
    case 'coalesce':
      return `COALESCE(${e.e.map((x) => expr(x, d)).join(', ')})`;
    case 'makeDate':
      return d.makeDate(expr(e.y, d), expr(e.m, d), expr(e.d, d));
    case 'daysBetween':
      return d.daysBetween(expr(e.from, d), expr(e.to, d));
    case 'rowNumber':
      return `ROW_NUMBER() OVER (PARTITION BY ${e.partitionBy.map((p) => expr(p, d)).join(', ')} ORDER BY ${e.orderBy.map((o) => order(o, d)).join(', ')})`;
  }
}

function order(o: Order, d: Dialect): string {
  return 'k' in o ? expr(o, d) : `${expr(o.e, d)}${o.desc ? ' DESC' : ''}`;
}

function table(name: string, d: Dialect): string {
  return name
    .split('.')
    .map((p) => d.quote(p))
    .join('.');
}

function source(s: Source, dialect: DialectName, indent: string): string {
  const d = DIALECTS[dialect];
  if (typeof s === 'string') return table(s, d);
  if ('select' in s) return `(\n${render(s.select, dialect, indent + '  ')}\n${indent}) ${d.quote(s.as)}`;
  if (!s.values.length) throw new Error(`sql: invalid values; expected one row or more for ${s.as}`);
  const rows = s.values.map((r) => r.map(literal));
  return d.values(
    rows,
    d.quote(s.as),
    s.columns.map((c) => d.quote(c)),
    indent,
  );
}

/** The SELECT as text in a dialect, indented two spaces a level. */
export function render(s: Select, dialect: DialectName, indent = ''): string {
  const d = DIALECTS[dialect];
  const i2 = indent + '  ';
  const lines: string[] = [];
  if (s.with?.length) {
    if (indent) throw new Error('sql: WITH is rendered only on the outermost SELECT');
    // Names bare (the kit's own, checked): some grammars take no quoted name here.
    s.with.forEach((w, i) => {
      if (!/^[a-z_]+$/.test(w.name))
        throw new Error(`sql: invalid WITH name; expected a-z and _, got '${w.name}'`);
      lines.push(`${i ? ', ' : 'WITH '}${w.name} AS (`, render(w.select, dialect, '  '), ')');
    });
  }
  lines.push(
    `${indent}SELECT`,
    s.columns.map((c) => `${i2}${expr(c.e, d)} AS ${d.quote(c.as)}`).join(',\n'),
    `${indent}FROM ${source(s.from, dialect, indent)}`,
  );
  for (const j of s.joins ?? [])
    lines.push(
      j.on
        ? `${indent}LEFT JOIN ${source(j.source, dialect, indent)} ON ${expr(j.on, d)}`
        : `${indent}CROSS JOIN ${source(j.source, dialect, indent)}`,
    );
  if (s.where) lines.push(`${indent}WHERE ${expr(s.where, d)}`);
  if (s.groupBy?.length) lines.push(`${indent}GROUP BY ${s.groupBy.map((e) => expr(e, d)).join(', ')}`);
  if (s.orderBy?.length) lines.push(`${indent}ORDER BY ${s.orderBy.map((e) => expr(e, d)).join(', ')}`);
  for (const u of s.unionAll ?? []) lines.push(`${indent}UNION ALL`, render(u, dialect, indent));
  return lines.join('\n');
}

/** CREATE VIEW name AS SELECT ... in a dialect. */
export function renderView(name: string, s: Select, dialect: DialectName): string {
  return `CREATE VIEW ${table(name, DIALECTS[dialect])} AS\n${render(s, dialect)}`;
}
