// The worker's publishSummaryFromAggregates against `csc-demand analyse --aggregates`: the same saved
// aggregates (the printed DuckDB queries' results, both passes, as CSV) give the same summary, byte
// for byte; a section that needs rows is refused with the CLI's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli.js';
import { synthesise } from '../../../src/synth/synth.js';
import { openDuckDB, sqlString } from '../../../src/sql/duckdb.js';
import { sqlScript } from '../../../src/sql/script.js';
import { demandData } from '../../../src/sql/aggregate-data.js';
import { categoryRows } from '../../../src/sql/category-map.js';
import { readAggregateDir } from '../../../src/sql/read-aggregates.js';
import { createAnalysisImpl } from '../../../workers/worker-impl.js';

const dir = mkdtempSync(join(tmpdir(), 'csc-worker-aggregates-'));
const stamp = '2024-09-01T09:00:00.000Z';

test('the worker publishes from aggregate files what the CLI publishes from them', async () => {
  const council = synthesise({ assessments: 800, seed: 5 });
  const csv = join(dir, 'assessments.csv');
  writeFileSync(csv, council.assessmentsCsv);
  const db = await openDuckDB({ threads: '1' });
  try {
    await db.all(`CREATE VIEW assessments AS SELECT * FROM read_csv(${sqlString(csv)}, header = true)`);
    const save = (q: { name: string; sql: string }) =>
      db.all(`COPY (${q.sql}) TO ${sqlString(join(dir, `${q.name}.csv`))} (HEADER, DELIMITER ',')`);
    for (const q of sqlScript('duckdb').queries.filter((x) => x.pass === 1)) await save(q);
    // Pass 2 with the categories fitted on pass 1 written in, as `csc-demand sql --aggregates` prints it.
    const demand = (await readAggregateDir(dir)).get('demand')!;
    const { rows } = categoryRows(demand, await demandData(demand));
    for (const q of sqlScript('duckdb', 'assessments', 'cin_census', rows).queries.filter(
      (x) => x.pass === 2,
    ))
      await save(q);
  } finally {
    db.close();
  }
  let out = '';
  let err = '';
  const code = await main(['analyse', '--aggregates', dir, '--generated-at', stamp, '--json'], {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  assert.equal(code, 0, err);

  const impl = createAnalysisImpl(false);
  await impl.init({ progress: () => {} });
  const files = ['demand', 'rereferral', 'repeatPlans', 'careReentry'].map((name) => ({
    name: `${name}.csv`,
    text: readFileSync(join(dir, `${name}.csv`), 'utf8'),
  }));
  const summary = await impl.publishSummaryFromAggregates(1, files, { generatedAt: stamp });
  assert.equal(JSON.stringify(summary, null, 2) + '\n', out);
  assert.equal(summary.demand?.categories.length, 12);
  assert.ok(summary.rereferral && Number(summary.rereferral.n) > 100);
  // Pass 1 alone: the demand section, the others not published.
  const demandOnly = await impl.publishSummaryFromAggregates(3, files.slice(0, 1), { generatedAt: stamp });
  assert.equal(demandOnly.rereferral, null);
  assert.deepEqual(demandOnly.demand, summary.demand);
  // Pathways need the second pass's files, which these are not.
  await assert.rejects(
    impl.publishSummaryFromAggregates(3, files, { generatedAt: stamp, sections: ['demand', 'pathways'] }),
    (e: { message?: string }) => /no pathways\.csv or pathways\.parquet/.test(e.message ?? ''),
  );
});
