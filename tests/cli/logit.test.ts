// `csc-demand logit` end to end: the built CLI (dist/cli.js; `npm run build` first) against R's glm
// (tests/fixtures/reference/logit/logit.R).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csc, close } from './run-cli.js';

const refDir = fileURLToPath(new URL('../fixtures/reference/logit/', import.meta.url));
const expected = JSON.parse(readFileSync(join(refDir, 'logit_expected.json'), 'utf8'));

interface Coef {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  oddsRatio: number;
}

test('logit --json reproduces glm(am ~ wt + hp, binomial) on mtcars', () => {
  const r = csc('logit', '--input', join(refDir, '../ols/mtcars.csv'), '--y', 'am', '--x', 'wt,hp', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const want = expected.mtcars;
  const coefs = doc.coefficients as Coef[];
  assert.deepEqual(
    coefs.map((c) => c.term),
    ['(Intercept)', 'wt', 'hp'],
  );
  coefs.forEach((c, j) => {
    close(`estimate ${c.term}`, c.estimate, want.coef[j], 1e-8);
    close(`se ${c.term}`, c.se, want.se[j], 1e-8);
    close(`z ${c.term}`, c.z, want.z[j], 1e-8);
    close(`p ${c.term}`, c.p, want.p[j], 1e-8);
    close(`odds ratio ${c.term}`, c.oddsRatio, Math.exp(want.coef[j]), 1e-8);
  });
  close('deviance', doc.deviance, want.deviance, 1e-10);
  close('nullDeviance', doc.nullDeviance, want.null_deviance, 1e-10);
  close('aic', doc.aic, want.aic, 1e-10);
  assert.equal(doc.iterations, want.iterations);
  assert.equal(doc.n, 32);
  assert.deepEqual(doc.warnings, []);
});

test('--factors and --weights reproduce glm(admitted ~ gender + dept, weights = freq)', () => {
  const r = csc(
    'logit',
    '--input',
    join(refDir, 'ucb.csv'),
    '--y',
    'admitted',
    '--factors',
    'gender,dept',
    '--weights',
    'freq',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const want = expected.ucb;
  (doc.coefficients as Coef[]).forEach((c, j) => {
    assert.equal(c.term, want.terms[j]);
    close(`estimate ${c.term}`, c.estimate, want.coef[j], 1e-8);
    close(`se ${c.term}`, c.se, want.se[j], 1e-8);
  });
  close('deviance', doc.deviance, want.deviance, 1e-10);
  close('aic', doc.aic, want.aic, 1e-10);
  assert.equal(doc.weights, 'freq');
});

test("separation prints R's warning on stderr and still exits 0 with the table", () => {
  const r = csc('logit', '--input', join(refDir, 'separation.csv'), '--y', 'y', '--x', 'x');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Residual deviance/);
  assert.match(r.out, /Number of Fisher Scoring iterations: 25/);
  assert.match(r.err, /warning: fitted probabilities numerically 0 or 1 occurred/);
  assert.match(r.err, /warning: the fit did not converge/);
});

test('an outcome outside 0-1 is an error naming the file, line, column and value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-logit-'));
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 'y,x\n0,1\n1,2\n2,3\n');
  const r = csc('logit', '--input', file, '--y', 'y', '--x', 'x');
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.csv: line 4, column y: expected a value from 0 to 1 \(0\/1 outcome\), got 2/);
});

test('bad usage exits 2: no --y, a --ref outside --factors, a --level of 2', () => {
  const mt = join(refDir, '../ols/mtcars.csv');
  assert.equal(csc('logit', '--input', mt).code, 2);
  const ref = csc('logit', '--input', mt, '--y', 'am', '--x', 'wt', '--ref', 'cyl=6');
  assert.equal(ref.code, 2);
  assert.match(ref.err, /--ref: expected column=level for a column in --factors/);
  assert.equal(csc('logit', '--input', mt, '--y', 'am', '--level', '2').code, 2);
});

test('--help names every option', () => {
  const r = csc('logit', '--help');
  assert.equal(r.code, 0);
  for (const o of ['--input', '--y', '--x', '--factors', '--ref', '--weights', '--json'])
    assert.ok(r.out.includes(o), o);
});
