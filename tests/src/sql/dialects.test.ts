// The query builder's output, checked two ways: by hand on small expressions (quoting, literals, date
// parts per dialect), and by parsing every printed statement with node-sql-parser in the grammar
// closest to each engine: Hive for Spark SQL (Spark's grammar grew from HiveQL), TransactSQL for
// SQL Server, PostgreSQL for Postgres (and DuckDB, whose dialect follows Postgres's). The parser's
// Hive and TransactSQL grammars have no CREATE VIEW of a quoted name, so there the census view's
// SELECT is parsed on its own; Postgres parses the whole view (and the Postgres test runs it).
// The second-pass queries are parsed as printed before pass 1 (reading the placeholder table of
// categories) in every grammar, and with the categories written in for Spark and T-SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sqlParser from 'node-sql-parser';
import { col, lit, op, render, year } from '../../../src/sql/builder.js';
import { censusView } from '../../../src/sql/census-view.js';
import { DIALECT_NAMES, type DialectName } from '../../../src/sql/dialects.js';
import { completedYears, financialYear } from '../../../src/sql/queries.js';
import { sqlScript } from '../../../src/sql/script.js';
import type { CategoryRow } from '../../../src/sql/survival-queries.js';

const { Parser } = sqlParser;
const GRAMMAR: Record<DialectName, string> = {
  duckdb: 'postgresql',
  spark: 'hive',
  tsql: 'transactsql',
  postgres: 'postgresql',
};

test('identifiers are quoted the dialect’s way, quotes inside doubled; literals never break out', () => {
  const s = { columns: [{ e: op(col('we"ird'), '=', lit("O'Brien")), as: 'x' }], from: 'cin.t' };
  assert.equal(render(s, 'postgres'), `SELECT\n  ("we""ird" = 'O''Brien') AS "x"\nFROM "cin"."t"`);
  assert.equal(render(s, 'tsql'), `SELECT\n  ([we"ird] = 'O''Brien') AS [x]\nFROM [cin].[t]`);
  assert.equal(render(s, 'spark'), "SELECT\n  (`we\"ird` = 'O''Brien') AS `x`\nFROM `cin`.`t`");
  const year2020 = { columns: [{ e: year(col('d')), as: 'y' }], from: 't' };
  assert.match(render(year2020, 'postgres'), /CAST\(EXTRACT\(YEAR FROM "d"\) AS INTEGER\)/);
  assert.match(render(year2020, 'tsql'), /YEAR\(\[d\]\)/);
  assert.throws(() => render({ columns: [{ e: lit(NaN), as: 'x' }], from: 't' }, 'duckdb'), /finite number/);
});

test('every printed statement parses in its engine’s grammar', () => {
  const parser = new Parser();
  // Pass 2 with the categories written in: a quote inside a pattern, a year of -1 (no date).
  const categories: CategoryRow[] = [
    ['3A,3B', 2020, 4],
    ["O'x", -1, 0],
  ];
  for (const dialect of DIALECT_NAMES) {
    const script = sqlScript(dialect, 'cin.assessments', 'cin.census');
    const database = GRAMMAR[dialect];
    assert.deepEqual(
      script.queries.map((q) => `${q.pass}:${q.name}`),
      ['1:demand', '1:extent', '2:rereferral', '2:repeatPlans', '2:careReentry'],
    );
    // The written-in categories are VALUES ... AS m (columns) for DuckDB and Postgres, which the
    // parser's PostgreSQL grammar lacks: those two are run instead (tests/cli/sql*.test.ts).
    const written = ['spark', 'tsql'].includes(dialect)
      ? sqlScript(dialect, 'cin.assessments', 'cin.census', categories).queries.filter((q) => q.pass === 2)
      : [];
    for (const q of [...script.queries, ...written]) {
      const ast = parser.astify(q.sql, { database });
      assert.equal((Array.isArray(ast) ? ast[0] : ast)!.type, 'select', `${dialect} ${q.name}`);
    }
    for (const q of written) assert.match(q.sql, /'O''x'/);
    const view = database === 'postgresql' ? script.view : render(censusView('cin.census'), dialect);
    assert.ok(parser.astify(view, { database }), `${dialect} view`);
  }
});

test('a statement the grammar rejects is rejected (the parse check can fail)', () => {
  const parser = new Parser();
  const tsqlInSpark = render({ columns: [{ e: col('a'), as: 'b' }], from: 't' }, 'tsql');
  assert.throws(() => parser.astify(tsqlInSpark, { database: 'hive' }));
});

test('financial year and completed years as the kit computes them, worked on DuckDB', async () => {
  const { openDuckDB } = await import('../../../src/sql/duckdb.js');
  const db = await openDuckDB({ threads: '1' });
  try {
    const cases: [string, string, number, number][] = [
      // at, birth, financial year of `at`, completed years at `at`
      ['2020-03-31', '2010-04-01', 2019, 9],
      ['2020-04-01', '2010-04-01', 2020, 10],
      ['2021-02-28', '2020-02-29', 2020, 0],
      ['2021-03-01', '2020-02-29', 2020, 1],
      ['2020-01-01', '2020-03-01', 2019, -1],
    ];
    for (const [at, birth, fy, age] of cases) {
      const sql = render(
        {
          columns: [
            { e: financialYear(col('at')), as: 'fy' },
            { e: completedYears(col('birth'), col('at')), as: 'age' },
          ],
          from: {
            as: 'x',
            select: {
              columns: [
                { e: lit(at), as: 'at' },
                { e: lit(birth), as: 'birth' },
              ],
              from: 'one',
            },
          },
        },
        'duckdb',
      ).replace('FROM "one"', '');
      const r = (await db.all(sql.replace(/'(\d{4}-\d\d-\d\d)'/g, "DATE '$1'")))[0]!;
      assert.deepEqual([Number(r.fy), Number(r.age)], [fy, age], `${at} ${birth}`);
    }
  } finally {
    db.close();
  }
});

test('the attainment and pathways queries (pass 2) parse in each engine’s grammar', () => {
  const parser = new Parser();
  const second = { extractDate: '2024-03-31', windowDays: 365 };
  for (const dialect of DIALECT_NAMES) {
    // The categories read from a table here (the written-in VALUES are run in DuckDB and Postgres).
    const script = sqlScript(dialect, 'cin.assessments', 'cin.census', null, second);
    const mine = script.queries.filter((q) => ['pathways', 'attainment', 'pathway_plans'].includes(q.name));
    assert.equal(mine.length, 3, dialect);
    for (const q of mine) {
      const ast = parser.astify(q.sql, { database: GRAMMAR[dialect] });
      assert.equal((Array.isArray(ast) ? ast[0] : ast)!.type, 'select', `${dialect} ${q.name}`);
    }
  }
});
