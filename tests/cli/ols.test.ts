// `csc-demand ols` end to end: the built CLI (dist/cli.js; `npm run build` first) on R's mtcars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csc, close } from './run-cli.js';

const refDir = fileURLToPath(new URL('../fixtures/reference/ols/', import.meta.url));
const mtcars = join(refDir, 'mtcars.csv');
const expected = JSON.parse(readFileSync(join(refDir, 'mtcars_expected.json'), 'utf8'));

interface Coef {
  term: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
  robustSe?: number;
  robustT?: number;
  robustP?: number;
}

test('ols --json reproduces lm(mpg ~ wt + hp + factor(cyl)) with HC1 standard errors', () => {
  const r = csc(
    'ols',
    '--input',
    mtcars,
    '--y',
    'mpg',
    '--x',
    'wt,hp',
    '--factors',
    'cyl',
    '--robust',
    'hc1',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const lm = expected.r_lm;
  const hc1 = expected.hc_robust.HC1;
  const coefs = doc.coefficients as Coef[];
  assert.deepEqual(
    coefs.map((c) => c.term),
    ['(Intercept)', 'wt', 'hp', 'cyl=6', 'cyl=8'], // R: factor(cyl)6, factor(cyl)8
  );
  coefs.forEach((c, j) => {
    close(`estimate ${c.term}`, c.estimate, lm.coef[j], 1e-8);
    close(`se ${c.term}`, c.se, lm.se[j], 1e-8);
    close(`t ${c.term}`, c.t, lm.t[j], 1e-8);
    close(`p ${c.term}`, c.p, lm.p[j], 1e-8);
    close(`robustSe ${c.term}`, c.robustSe!, hc1.se[j], 1e-8);
    close(`robustT ${c.term}`, c.robustT!, hc1.t[j], 1e-8);
    close(`robustP ${c.term}`, c.robustP!, hc1.p_t_df_resid[j], 1e-8);
  });
  close('r2', doc.r2, lm.r_squared, 1e-10);
  close('adjR2', doc.adjR2, lm.adj_r_squared, 1e-10);
  close('sigma', doc.sigma, lm.residual_se, 1e-10);
  assert.equal(doc.df, 27);
  assert.equal(doc.n, 32);
  assert.equal(doc.robust, 'hc1');
  assert.deepEqual(doc.excluded, {});
  assert.deepEqual(doc.levels.cyl, { levels: ['4', '6', '8'], reference: '4' });
});

test('--ref moves the reference level: the cylinder contrasts become differences from 8', () => {
  const r = csc(
    'ols',
    '--input',
    mtcars,
    '--y',
    'mpg',
    '--x',
    'wt,hp',
    '--factors',
    'cyl',
    '--ref',
    'cyl=8',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const coefs = JSON.parse(r.out).coefficients as Coef[];
  assert.deepEqual(
    coefs.map((c) => c.term),
    ['(Intercept)', 'wt', 'hp', 'cyl=4', 'cyl=6'],
  );
  const [b0, , , b6, b8] = expected.r_lm.coef as number[];
  close('intercept', coefs[0]!.estimate, b0! + b8!, 1e-10);
  close('cyl=4', coefs[3]!.estimate, -b8!, 1e-10);
  close('cyl=6', coefs[4]!.estimate, b6! - b8!, 1e-10);
  assert.equal(coefs[2]!.robustSe, undefined);
});

test('prints a summary table without --json', () => {
  const r = csc(
    'ols',
    '--input',
    mtcars,
    '--y',
    'mpg',
    '--x',
    'wt,hp',
    '--factors',
    'cyl',
    '--robust',
    'hc3',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Linear regression of mpg \(mtcars\.csv\): 32 rows used of 32/);
  assert.match(r.out, /\ncyl=6 +-3\.35902 +1\.40167 .* 1\.38179 /);
  assert.match(r.out, /hc3 se/);
  assert.match(r.out, /R-squared: 0\.857219, adjusted R-squared: 0\.836067/);
  assert.match(r.out, /F-statistic: 40\.5253 on 4 and 27 DF, p-value: 4\.87e-11/);
});

test('drops rows with missing values, counts them, and warns about aliased terms', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-ols-'));
  const file = join(dir, 'small.csv');
  // y = 1 + 2 x exactly on complete rows; z = 2 x is aliased; two rows miss a value
  writeFileSync(file, 'y,x,z,g\n3,1,2,a\n5,2,4,b\nNA,3,6,a\n9,4,8,\n11,5,10,b\n13,6,12,a\n');
  const r = csc('ols', '--input', file, '--y', 'y', '--x', 'x,z', '--factors', 'g', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.n, 4);
  assert.deepEqual(doc.excluded, { missing_y: 1, missing_g: 1 });
  assert.deepEqual(doc.aliased, ['z']);
  assert.equal(doc.coefficients[2].estimate, null);
  close('slope', doc.coefficients[1].estimate, 2, 1e-12);
  assert.ok(doc.warnings.some((w: { code: string }) => w.code === 'aliased-terms'));
  const text = csc('ols', '--input', file, '--y', 'y', '--x', 'x,z', '--factors', 'g');
  assert.match(text.out, /4 rows used of 6 \(2 excluded: 1 missing y, 1 missing g\)/);
  assert.match(text.err, /warning: 1 coefficient not defined because of singularities .*: z/);
});

test('bad usage exits 2, bad data exits 1, each with a message naming the problem', () => {
  let r = csc('ols', '--input', mtcars, '--x', 'wt');
  assert.equal(r.code, 2);
  assert.match(r.err, /missing required option --y/);
  r = csc('ols', '--input', mtcars, '--y', 'mpg', '--x', 'wt', '--robust', 'hc5');
  assert.equal(r.code, 2);
  assert.match(r.err, /--robust: expected hc0, hc1, hc2 or hc3, got 'hc5'/);
  r = csc('ols', '--input', mtcars, '--y', 'mpg', '--x', 'wt', '--ref', 'cyl=6');
  assert.equal(r.code, 2);
  assert.match(r.err, /--ref: expected column=level for a column in --factors, got 'cyl=6'/);
  r = csc('ols', '--input', mtcars, '--y', 'mpg', '--x', 'weight');
  assert.equal(r.code, 1);
  assert.match(r.err, /no column 'weight'/);
  r = csc('ols', '--input', mtcars, '--y', 'mpg', '--x', 'model');
  assert.equal(r.code, 1);
  assert.match(r.err, /mtcars\.csv line 2, column model: 'Mazda RX4' is not a number/);
  r = csc('ols', '--input', mtcars, '--y', 'mpg', '--factors', 'cyl', '--ref', 'cyl=5');
  assert.equal(r.code, 1);
  assert.match(r.err, /expected a level of cyl \(4, 6, 8\), got cyl=5/);
});
