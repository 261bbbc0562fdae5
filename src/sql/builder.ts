// A small SQL query builder: the aggregate queries are written once, as data (expressions and
// SELECTs), and rendered for each engine's dialect (./dialects.ts). Only what the kit's queries use
// is here: columns, literals, arithmetic and comparison, CASE, the date parts, aggregates, casts,
// a SELECT from a table or from a subquery, WHERE, GROUP BY and ORDER BY.
// Rendering quotes every identifier the dialect's way, so a column or table named like a keyword
// (`year`, `group`) is safe, and never interpolates a data value: literals are numbers, or strings
// written by the kit itself (quotes doubled all the same).
import { DIALECTS, type Dialect, type DialectName } from './dialects.js';

export type Expr =
  | { k: 'col'; name: string }
  | { k: 'lit'; value: number | string | null }
  | { k: 'op'; op: '+' | '-' | '*' | '=' | '<' | '<=' | '>=' | '>' | 'AND' | 'OR'; l: Expr; r: Expr }
  | { k: 'case'; when: [Expr, Expr][]; else: Expr }
  | { k: 'isNull'; e: Expr; not: boolean }
  | { k: 'part'; part: 'year' | 'month' | 'day'; e: Expr }
  | { k: 'agg'; fn: 'count' | 'min' | 'max' | 'sum'; e: Expr | null }
  | { k: 'cast'; e: Expr; type: 'int' | 'float' | 'text' };

export interface Select {
  columns: { e: Expr; as: string }[];
  /** A table name (dotted parts are quoted one by one) or a subquery with its alias. */
  from: string | { select: Select; as: string };
  where?: Expr;
  groupBy?: Expr[];
  orderBy?: Expr[];
}

export const col = (name: string): Expr => ({ k: 'col', name });
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
export const count = (): Expr => ({ k: 'agg', fn: 'count', e: null });
export const min = (e: Expr): Expr => ({ k: 'agg', fn: 'min', e });
export const max = (e: Expr): Expr => ({ k: 'agg', fn: 'max', e });
export const sum = (e: Expr): Expr => ({ k: 'agg', fn: 'sum', e });
export const cast = (e: Expr, type: 'int' | 'float' | 'text'): Expr => ({ k: 'cast', e, type });

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
      return d.quote(e.name);
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
  }
}

function table(name: string, d: Dialect): string {
  return name
    .split('.')
    .map((p) => d.quote(p))
    .join('.');
}

/** The SELECT as text in a dialect, indented two spaces a level. */
export function render(s: Select, dialect: DialectName, indent = ''): string {
  const d = DIALECTS[dialect];
  const i2 = indent + '  ';
  const lines = [
    `${indent}SELECT`,
    s.columns.map((c) => `${i2}${expr(c.e, d)} AS ${d.quote(c.as)}`).join(',\n'),
    typeof s.from === 'string'
      ? `${indent}FROM ${table(s.from, d)}`
      : `${indent}FROM (\n${render(s.from.select, dialect, i2)}\n${indent}) ${d.quote(s.from.as)}`,
  ];
  if (s.where) lines.push(`${indent}WHERE ${expr(s.where, d)}`);
  if (s.groupBy?.length) lines.push(`${indent}GROUP BY ${s.groupBy.map((e) => expr(e, d)).join(', ')}`);
  if (s.orderBy?.length) lines.push(`${indent}ORDER BY ${s.orderBy.map((e) => expr(e, d)).join(', ')}`);
  return lines.join('\n');
}

/** CREATE VIEW name AS SELECT ... in a dialect. */
export function renderView(name: string, s: Select, dialect: DialectName): string {
  return `CREATE VIEW ${table(name, DIALECTS[dialect])} AS\n${render(s, dialect)}`;
}
