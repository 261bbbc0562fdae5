// Logistic regression with continuous covariates from one aggregate query an iteration, run in DuckDB,
// against the row-level fit (src/regression/logistic.ts, itself R's glm to rounding: its own tests):
// the same iterations, estimates and standard errors to 1e-9 (the sums are taken in another order),
// rows with a covariate missing left out as na.omit does. Also: the query parses in each engine's
// grammar (the T-SQL natural log is LOG), and an aliased covariate is refused, not fitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlParser from 'node-sql-parser';
import { random } from '../../../src/math/random.js';
import { invLogit, logistic } from '../../../src/regression/logistic.js';
import { render } from '../../../src/sql/builder.js';
import { openDuckDB, sqlString } from '../../../src/sql/duckdb.js';
import { logisticFromAggregates } from '../../../src/sql/logistic-aggregates.js';
import { logisticStepSelect } from '../../../src/sql/query-logistic-step.js';

const near = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);

test('one query an IRLS iteration in DuckDB gives the row fit with continuous covariates', async () => {
  const rng = random(19);
  const lines = ['y,x1,x2,x3'];
  const keptY: number[] = [];
  const keptX: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const x1 = rng.normal();
    const x2 = rng.next() * 10;
    const x3 = i % 97 === 0 ? null : rng.normal() * 0.5 + x1 * 0.3;
    const y = rng.next() < invLogit(-0.4 + 0.8 * x1 - 0.15 * x2 + 0.5 * (x3 ?? 0)) ? 1 : 0;
    lines.push(`${y},${x1},${x2},${x3 ?? ''}`);
    if (x3 === null) continue;
    keptY.push(y);
    keptX.push(1, x1, x2, x3);
  }
  const dir = mkdtempSync(join(tmpdir(), 'csc-irls-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const db = await openDuckDB({ threads: '1' });
  try {
    await db.all(
      `CREATE TABLE rows AS SELECT * FROM read_csv(${sqlString(file)}, header = true, columns = {'y': 'INTEGER', 'x1': 'DOUBLE', 'x2': 'DOUBLE', 'x3': 'DOUBLE'})`,
    );
    let queries = 0;
    const fit = await logisticFromAggregates(
      (s) => {
        queries++;
        return db.all(render(s, 'duckdb'));
      },
      'rows',
      { outcome: 'y', covariates: ['x1', 'x2', 'x3'] },
    );
    const rows = logistic(keptY, Float64Array.from(keptX), ['(Intercept)', 'x1', 'x2', 'x3']);
    assert.ok(fit.converged && rows.converged);
    assert.equal(fit.iterations, rows.iterations);
    assert.equal(queries, fit.iterations + 1); // the start, then one an iteration
    assert.equal(fit.n, keptY.length);
    near(fit.deviance, rows.deviance, 'deviance');
    fit.coefficients.forEach((c, j) => {
      const r = rows.coefficients[j]!;
      near(c.estimate, r.estimate!, `${c.term} estimate`);
      near(c.se, r.se!, `${c.term} se`);
      near(c.p, r.p!, `${c.term} p`);
    });
    // The planted slope of x1 is found (the test data mean something).
    assert.ok(Math.abs(fit.coefficients[1]!.estimate - 0.8) < 0.2);

    await db.all('CREATE TABLE aliased AS SELECT y, x1, x1 * 2 AS x2 FROM rows');
    await assert.rejects(
      logisticFromAggregates((s) => db.all(render(s, 'duckdb')), 'aliased', {
        outcome: 'y',
        covariates: ['x1', 'x2'],
      }),
      /singular/,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the step query parses in each engine’s grammar', () => {
  const parser = new sqlParser.Parser();
  const grammar = {
    duckdb: 'postgresql',
    spark: 'hive',
    tsql: 'transactsql',
    postgres: 'postgresql',
  } as const;
  for (const [dialect, database] of Object.entries(grammar)) {
    for (const beta of [null, [0.5, -1.25e-7, 3]]) {
      const sql = render(
        logisticStepSelect('cin.rows', { outcome: 'y', covariates: ['a', 'b'] }, beta),
        dialect as 'duckdb',
      );
      assert.ok(parser.astify(sql, { database }), `${dialect}`);
      if (dialect === 'tsql') assert.match(sql, /LOG\(/);
    }
  }
});
