// Attainment and pathways from aggregates against the rows: the queries `csc-demand sql --dialect
// duckdb` prints (pass 1, then pass 2 printed from pass 1's results with the categories written in),
// run in DuckDB on the synthetic council and its pupils in Parquet, saved as CSV and as Parquet, give
// through `analyse --aggregates` the demand, attainment and pathways sections `analyse` makes from the
// CSV rows: every published figure, counts exactly and other numbers to 1e-9. `--engine duckdb
// --pupils` does the same in one step; with gaps in the pupils, every exclusion reason and count too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { openDuckDB, sqlString } from '../../src/sql/duckdb.js';
import type { SqlScript } from '../../src/sql/script.js';
import { differences } from './summary-diff.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'csc-sql-models-'));
const stamp = '2024-07-01T10:00:00.000Z';
const synth = (format: string) =>
  cli('synth', '--assessments', '4000', '--seed', '7', '--format', format, '--out', join(dir, format));

async function summary(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await cli('analyse', ...argv, '--generated-at', stamp, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Record<string, unknown>;
}

test('the printed DuckDB queries (both passes) give the demand, attainment and pathways sections of the rows', async () => {
  assert.equal((await synth('csv')).code, 0);
  assert.equal((await synth('parquet')).code, 0);
  const fromRows = await summary(
    '--assessments',
    join(dir, 'csv', 'assessments.csv'),
    '--pupils',
    join(dir, 'csv', 'pupils.csv'),
    '--sections',
    'demand,attainment,pathways',
  );
  assert.ok((fromRows.demand as { categories: unknown[] }).categories.length === 12);
  // Attainment: KS4 and KS2 gaps and the school outcomes, each with its model.
  const att = fromRows.attainment as { model: unknown }[];
  assert.equal(att.length, 10);
  assert.ok(att.every((a) => a.model));
  // The pathways section in full (shares, both models, the gradient and its split, plans), so that
  // equal summaries say each part is equal.
  const pw = fromRows.pathways as Record<string, { groups?: unknown[] } | null>;
  for (const part of ['overall', 'adjusted', 'gradient', 'plans']) assert.ok(pw[part], part);
  assert.ok(pw.gradient!.groups!.length >= 2);

  const printed = await cli('sql', '--dialect', 'duckdb', '--table', 'assessments', '--json');
  assert.equal(printed.code, 0, printed.err);
  const script = JSON.parse(printed.out) as SqlScript;
  const db = await openDuckDB({ threads: '1' });
  const csvDir = join(dir, 'aggregates-csv');
  const parquetDir = join(dir, 'aggregates-parquet');
  mkdirSync(csvDir);
  mkdirSync(parquetDir);
  try {
    await db.all(
      `CREATE VIEW assessments AS SELECT * FROM read_parquet(${sqlString(join(dir, 'parquet', 'assessments.parquet'))})`,
    );
    await db.all(
      `CREATE VIEW pupils AS SELECT * FROM read_parquet(${sqlString(join(dir, 'parquet', 'pupils.parquet'))})`,
    );
    const save = async (queries: SqlScript['queries']) => {
      for (const q of queries) {
        await db.all(
          `COPY (${q.sql}) TO ${sqlString(join(csvDir, `${q.name}.csv`))} (HEADER, DELIMITER ',')`,
        );
        await db.all(
          `COPY (${q.sql}) TO ${sqlString(join(parquetDir, `${q.name}.parquet`))} (FORMAT parquet)`,
        );
      }
    };
    await save(script.queries.filter((q) => q.pass === 1));
    // The second pass, printed from the first's results, each factor list's category written in.
    const second = await cli('sql', '--dialect', 'duckdb', '--aggregates', csvDir, '--json');
    assert.equal(second.code, 0, second.err);
    const script2 = JSON.parse(second.out) as SqlScript;
    const pass2 = script2.queries.filter((q) => q.pass === 2);
    for (const name of ['pathways', 'attainment', 'pathway_plans'])
      assert.ok(
        pass2.some((q) => q.name === name),
        name,
      );
    assert.match(pass2.find((q) => q.name === 'pathways')!.sql, /VALUES/);
    await save(pass2);
  } finally {
    db.close();
  }
  // The aggregates are far fewer than the rows, and nothing in them names a child.
  const csv = readFileSync(join(csvDir, 'demand.csv'), 'utf8');
  assert.ok(csv.split('\n').length < 4000, `${csv.split('\n').length} aggregate lines`);
  assert.doesNotMatch(csv, /C\d{7}/);

  const pathwaysCsv = readFileSync(join(csvDir, 'pathways.csv'), 'utf8');
  assert.ok(pathwaysCsv.split('\n').length < 4000, `${pathwaysCsv.split('\n').length} pathways lines`);
  // Saved aggregates do not say which file they came from; all else is equal.
  const notFile = (d: string[]) => d.filter((x) => !x.startsWith('.pathways.file:'));
  for (const agg of [csvDir, parquetDir]) {
    const fromAggregates = await summary('--aggregates', agg, '--sections', 'demand,attainment,pathways');
    assert.deepEqual(
      differences(fromAggregates, fromRows),
      ['.pathways.file: null vs "assessments.csv"'],
      agg,
    );
  }
  const engine = await summary(
    '--engine',
    'duckdb',
    '--assessments',
    join(dir, 'parquet', 'assess*.parquet'),
    '--pupils',
    join(dir, 'parquet', 'pupils.parquet'),
    '--sections',
    'demand,attainment,pathways',
  );
  assert.deepEqual(notFile(differences(engine, fromRows)), []);
  // DuckDB reads the CSV itself too (ISO dates).
  const engineCsv = await summary(
    '--engine',
    'duckdb',
    '--assessments',
    join(dir, 'csv', 'assessments.csv'),
    '--pupils',
    join(dir, 'csv', 'pupils.csv'),
    '--sections',
    'demand,attainment,pathways',
  );
  assert.deepEqual(differences(engineCsv, fromRows), []);
});

test('attainment from aggregates excludes the pupils the rows exclude, for each reason', async () => {
  // The council's pupils with gaps: a covariate or the outcome missing, a child the assessments lack,
  // an exam before any assessment, so every exclusion reason is met.
  const text = readFileSync(join(dir, 'csv', 'pupils.csv'), 'utf8')
    .trimEnd()
    .split('\n');
  const head = text[0]!.split(',');
  const at = (name: string) => head.indexOf(name);
  const lines = text.slice(1).map((line, i) => {
    const f = line.split(',');
    if (i % 31 === 3) f[at('fsm')] = '';
    else if (i % 31 === 7) f[at('attainment8')] = '';
    else if (i % 31 === 11) f[at('child_id')] = 'C9999999';
    else if (i % 31 === 13 && f[at('child_id')]) f[at('year')] = '2012';
    else if (i % 31 === 17) f[at('sen')] = '';
    return f.join(',');
  });
  const gaps = join(dir, 'pupils-gaps.csv');
  writeFileSync(gaps, [text[0], ...lines].join('\n') + '\n');
  const assessments = join(dir, 'csv', 'assessments.csv');
  const fromRows = await summary('--assessments', assessments, '--pupils', gaps, '--sections', 'attainment');
  const fromEngine = await summary(
    '--engine',
    'duckdb',
    '--assessments',
    assessments,
    '--pupils',
    gaps,
    '--sections',
    'attainment',
  );
  type Excluded = { code: string; rows: number }[];
  const ks4 = (s: Record<string, unknown>) => (s.attainment as { excluded: Excluded }[])[0]!.excluded;
  assert.deepEqual(
    ks4(fromRows)
      .map((e) => e.code)
      .sort(),
    [
      'child-not-in-assessments',
      'missing_attainment8',
      'missing_fsm',
      'missing_sen',
      'no-assessment-before-exam',
    ],
  );
  // Aggregates have no file order: their reasons come in the order of the checks, the rows' in the
  // order the file first meets them. The same reasons and counts, and every other figure, are equal.
  assert.deepEqual(
    ks4(fromEngine).map((e) => e.code),
    [
      'missing_attainment8',
      'missing_fsm',
      'missing_sen',
      'child-not-in-assessments',
      'no-assessment-before-exam',
    ],
  );
  const byCode = (s: Record<string, unknown>) => {
    for (const a of s.attainment as { excluded: Excluded }[])
      a.excluded.sort((x, y) => (x.code < y.code ? -1 : 1));
    return s;
  };
  assert.deepEqual(differences(byCode(fromEngine), byCode(fromRows)), []);
});
