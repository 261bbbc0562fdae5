// The SQL route against the rows: the queries `csc-demand sql --dialect duckdb` prints, run in DuckDB
// on the synthetic council in Parquet, saved as CSV and as Parquet, give through `analyse
// --aggregates` the summary `analyse` makes from the same council's CSV rows: every published
// figure, counts exactly and other numbers to 1e-9 (they differ only in the order floating-point
// sums are taken, about 1e-15). `--engine duckdb` does the same in one step.
// Two passes: pass 1 (demand) as printed; pass 2 (re-referral, repeat plans, re-entry to care) as
// `sql --aggregates DIR` prints it with the categories fitted on DIR's pass 1 written in. The
// survival sections equal the rows' but for the hazard ratios, which adjust for continuous
// covariates and are left out from aggregates, saying so (withoutCox says exactly what is set aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { openDuckDB, sqlString } from '../../src/sql/duckdb.js';
import type { SqlScript } from '../../src/sql/script.js';
import { differences, SURVIVAL, withoutCox } from './summary-diff.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'csc-sql-'));
const stamp = '2024-07-01T10:00:00.000Z';
const synth = (format: string) =>
  cli('synth', '--assessments', '4000', '--seed', '7', '--format', format, '--out', join(dir, format));

const ALL = ['demand', ...SURVIVAL].join(',');

async function summary(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await cli('analyse', ...argv, '--generated-at', stamp, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Record<string, unknown>;
}

test('the printed DuckDB queries on the council in Parquet give the summary analyse makes from its CSV rows', async () => {
  assert.equal((await synth('csv')).code, 0);
  assert.equal((await synth('parquet')).code, 0);
  const fromRows = await summary('--assessments', join(dir, 'csv', 'assessments.csv'), '--sections', ALL);
  assert.ok((fromRows.demand as { categories: unknown[] }).categories.length === 12);
  for (const section of SURVIVAL) assert.ok((fromRows[section] as { n: number }).n > 100, section);

  const printed = await cli('sql', '--dialect', 'duckdb', '--table', 'assessments', '--json');
  assert.equal(printed.code, 0, printed.err);
  const script = JSON.parse(printed.out) as SqlScript;
  assert.equal(script.categories, 'csc_demand_categories');
  const db = await openDuckDB({ threads: '1' });
  const csvDir = join(dir, 'aggregates-csv');
  const parquetDir = join(dir, 'aggregates-parquet');
  mkdirSync(csvDir);
  mkdirSync(parquetDir);
  const save = async (q: { name: string; sql: string }) => {
    await db.all(`COPY (${q.sql}) TO ${sqlString(join(csvDir, `${q.name}.csv`))} (HEADER, DELIMITER ',')`);
    await db.all(`COPY (${q.sql}) TO ${sqlString(join(parquetDir, `${q.name}.parquet`))} (FORMAT parquet)`);
  };
  try {
    await db.all(
      `CREATE VIEW assessments AS SELECT * FROM read_parquet(${sqlString(join(dir, 'parquet', 'assessments.parquet'))})`,
    );
    // Pass 2 prints the attainment query too, over the pupils (tests/cli/sql-models.test.ts).
    await db.all(
      `CREATE VIEW pupils AS SELECT * FROM read_parquet(${sqlString(join(dir, 'parquet', 'pupils.parquet'))})`,
    );
    for (const q of script.queries.filter((x) => x.pass === 1)) await save(q);
    // Pass 2 as printed before pass 1 ran reads a table that does not exist: the placeholder fails loudly.
    await assert.rejects(db.all(script.queries.find((x) => x.pass === 2)!.sql), /csc_demand_categories/);
    const second = await cli('sql', '--dialect', 'duckdb', '--aggregates', csvDir, '--json');
    assert.equal(second.code, 0, second.err);
    const pass2 = JSON.parse(second.out) as SqlScript;
    assert.equal(pass2.categories, 'written-in');
    for (const q of pass2.queries.filter((x) => x.pass === 2)) await save(q);
    // The other route: the categories written to a file, loaded as the placeholder table, and the
    // queries as first printed: the same counts.
    const file = join(dir, 'categories.csv');
    const out = await cli('sql', '--dialect', 'duckdb', '--aggregates', csvDir, '--categories-out', file);
    assert.equal(out.code, 0, out.err);
    assert.match(out.err, /categories written to .*: load them as csc_demand_categories/);
    await db.all(
      `CREATE TABLE csc_demand_categories AS SELECT * FROM read_csv(${sqlString(file)}, header = true)`,
    );
    for (const q of script.queries.filter((x) => x.pass === 2)) {
      const sorted = (sql: string) => `SELECT * FROM (${sql}) q ORDER BY ALL`;
      const viaTable = await db.all(sorted(q.sql));
      const writtenIn = await db.all(sorted(pass2.queries.find((x) => x.name === q.name)!.sql));
      assert.ok(viaTable.length > 10);
      assert.deepEqual(viaTable, writtenIn, q.name);
    }
  } finally {
    db.close();
  }
  // The aggregates are far fewer than the rows, and nothing in them names a child.
  for (const name of ['demand', ...SURVIVAL]) {
    const csv = readFileSync(join(csvDir, `${name}.csv`), 'utf8');
    assert.ok(csv.split('\n').length < 4000, `${name}: ${csv.split('\n').length} aggregate lines`);
    assert.doesNotMatch(csv, /C\d{7}/);
  }

  const expected = withoutCox(fromRows);
  for (const agg of [csvDir, parquetDir]) {
    const fromAggregates = await summary('--aggregates', agg, '--sections', ALL);
    assert.deepEqual(differences(withoutCox(fromAggregates), expected), [], agg);
    // Nothing else is set aside: the hazard ratios are left out, and the summary says why.
    for (const section of SURVIVAL) {
      const x = fromAggregates[section] as { cox: unknown; warnings: { code: string }[] };
      assert.equal(x.cox, null);
      assert.ok(
        x.warnings.some((w) => w.code === 'cox-needs-rows'),
        section,
      );
    }
    // Pass 1 alone still gives the demand section.
    const demandOnly = await summary('--aggregates', agg, '--sections', 'demand');
    assert.equal(demandOnly.rereferral, null);
  }
  const engine = await summary(
    '--engine',
    'duckdb',
    '--assessments',
    join(dir, 'parquet', 'assess*.parquet'),
    '--sections',
    ALL,
  );
  assert.deepEqual(differences(withoutCox(engine), expected), []);
  // DuckDB reads the CSV itself too (ISO dates).
  const engineCsv = await summary(
    '--engine',
    'duckdb',
    '--assessments',
    join(dir, 'csv', 'assessments.csv'),
    '--sections',
    ALL,
  );
  assert.deepEqual(differences(withoutCox(engineCsv), expected), []);
});

test('analyse from aggregates refuses sections that need the rows, naming them', async () => {
  const pass1 = join(dir, 'pass1-only');
  mkdirSync(pass1);
  copyFileSync(join(dir, 'aggregates-csv', 'demand.csv'), join(pass1, 'demand.csv'));
  copyFileSync(join(dir, 'aggregates-csv', 'extent.csv'), join(pass1, 'extent.csv'));
  const r = await cli('analyse', '--aggregates', pass1, '--sections', 'demand,pathways', '--json');
  assert.equal(r.code, 1);
  assert.match(r.err, /no pathways\.csv or pathways\.parquet/);
  const noPass2 = await cli('analyse', '--aggregates', pass1, '--sections', 'demand,repeatPlans', '--json');
  assert.equal(noPass2.code, 1);
  assert.match(noPass2.err, /no repeatPlans\.csv or repeatPlans\.parquet: pass 2 of csc-demand sql makes it/);
  const earlier = await cli(
    'analyse',
    '--aggregates',
    join(dir, 'aggregates-csv'),
    '--extract-date',
    '2023-03-31',
    '--json',
  );
  assert.equal(earlier.code, 1);
  assert.match(earlier.err, /another grouping or extract date needs the rows/);
  const both = await cli('analyse', '--aggregates', dir, '--engine', 'duckdb', '--json');
  assert.equal(both.code, 2);
  const missing = await cli('analyse', '--aggregates', join(dir, 'nowhere'), '--json');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no demand\.csv or demand\.parquet/);
});

test('sql prints each dialect and refuses an unknown one or a table name that is not one', async () => {
  for (const dialect of ['duckdb', 'spark', 'tsql', 'postgres']) {
    const r = await cli('sql', '--dialect', dialect, '--table', 'cin.assessments');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /-- demand: /);
  }
  assert.match((await cli('sql', '--dialect', 'tsql')).out, /FROM \[assessments\]/);
  assert.match((await cli('sql', '--dialect', 'spark')).out, /FROM `assessments`/);
  assert.equal((await cli('sql', '--dialect', 'oracle')).code, 2);
  assert.equal((await cli('sql', '--dialect', 'duckdb', '--table', 'x; DROP TABLE y')).code, 2);
});
