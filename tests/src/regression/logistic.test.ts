// Logistic regression against R's glm(family = binomial) (tests/fixtures/reference/logit/logit.R
// made logit_expected.json), a case worked by hand, and the separation R warns about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { logistic, type LogisticResult } from '../../../src/regression/logistic.js';
import { designMatrix } from '../../../src/regression/design-matrix.js';

const dir = fileURLToPath(new URL('../../fixtures/reference/logit/', import.meta.url));
const expected = JSON.parse(readFileSync(dir + 'logit_expected.json', 'utf8'));

function readCsv(path: string): Record<string, string[]> {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const unquote = (s: string): string => s.replace(/^"|"$/g, '');
  const head = lines[0]!.split(',').map(unquote);
  const cols: Record<string, string[]> = Object.fromEntries(head.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, j) => cols[head[j]!]!.push(unquote(v)));
  return cols;
}

function close(
  label: string,
  actual: ArrayLike<number | null>,
  want: ArrayLike<number>,
  tol: number,
  floor = 0,
) {
  assert.equal(actual.length, want.length, `${label}: length`);
  for (let i = 0; i < want.length; i++) {
    const a = actual[i];
    assert.ok(a !== null && a !== undefined, `${label}[${i}] is null`);
    const e = want[i]!;
    assert.ok(
      Math.abs(a - e) <= tol * Math.max(Math.abs(e), floor),
      `${label}[${i}]: ${a} vs ${e} (tol ${tol})`,
    );
  }
}

function fitFile(
  file: string,
  y: string,
  covariates: string[],
  factors: string[],
  weights?: string,
): LogisticResult {
  const cols = readCsv(dir + file);
  const d = designMatrix(cols, { outcomes: weights ? [y, weights] : [y], covariates, factors });
  return logistic(d.outcomes[y]!, d.x, d.names, { weights: weights ? d.outcomes[weights] : null });
}

interface RFit {
  terms: string[];
  coef: number[];
  se: number[];
  z: number[];
  p: number[];
  lower: number[];
  upper: number[];
  vcov: number[][];
  deviance: number;
  null_deviance: number;
  aic: number;
  loglik: number;
  iterations: number;
  converged: boolean;
  rank: number;
  n: number;
  df_residual: number;
  df_null: number;
  fitted_first5: number[];
}

/** Everything R reports, to `tol` relative (1e-8 unless a case says why not). */
function matchesR(f: LogisticResult, r: RFit, tol = 1e-8) {
  assert.deepEqual(
    f.coefficients.map((c) => c.term),
    r.terms,
  );
  close(
    'estimate',
    f.coefficients.map((c) => c.estimate),
    r.coef,
    tol,
  );
  close(
    'se',
    f.coefficients.map((c) => c.se),
    r.se,
    tol,
  );
  close(
    'z',
    f.coefficients.map((c) => c.z),
    r.z,
    tol,
  );
  close(
    'p',
    f.coefficients.map((c) => c.p),
    r.p,
    tol,
  );
  close(
    'lower',
    f.coefficients.map((c) => c.lower),
    r.lower,
    tol,
  );
  close(
    'upper',
    f.coefficients.map((c) => c.upper),
    r.upper,
    tol,
  );
  r.vcov.forEach((row: number[], i: number) => close(`vcov[${i}]`, f.vcov[i]!, row, tol, 1e-6));
  close(
    'deviance',
    [f.deviance, f.nullDeviance, f.aic, f.logLik],
    [r.deviance, r.null_deviance, r.aic, r.loglik],
    1e-10,
  );
  assert.deepEqual(
    [f.iterations, f.converged, f.rank, f.n, f.dfResidual, f.dfNull],
    [r.iterations, r.converged, r.rank, r.n, r.df_residual, r.df_null],
  );
  close('fitted', f.fitted.subarray(0, 5), r.fitted_first5, tol);
}

test('mtcars am ~ wt + hp equals glm to 1e-8', () => {
  const f = fitFile('../ols/mtcars.csv', 'am', ['wt', 'hp'], []);
  matchesR(f, expected.mtcars);
  assert.deepEqual(f.warnings, []);
});

test('birthwt with five factors (race, smoke, ht, ui, ftv) equals glm to 1e-8', () => {
  const f = fitFile('birthwt.csv', 'low', ['age', 'lwt'], ['race', 'smoke', 'ht', 'ui', 'ftv']);
  matchesR(f, expected.birthwt);
});

test('UCBAdmissions with frequencies as case weights equals glm(weights = freq) to 1e-8', () => {
  const f = fitFile('ucb.csv', 'admitted', [], ['gender', 'dept'], 'freq');
  matchesR(f, expected.ucb);
  // odds ratio Male vs Female adjusted for department: exp(coefficient)
  const male = f.coefficients[1]!;
  close(
    'or',
    [male.oddsRatio, male.orLower],
    [Math.exp(expected.ucb.coef[1]), Math.exp(expected.ucb.lower[1])],
    1e-8,
  );
});

test('a level with no events (quasi-separation) follows glm through its 16 iterations', () => {
  // The g=c estimate runs off towards -infinity; R stops where the deviance stops moving. The same
  // iterations give the same numbers, but each step now amplifies rounding: 1e-6 here.
  const f = fitFile('quasi.csv', 'y', ['x'], ['g']);
  matchesR(f, expected.quasi, 1e-6);
});

test('complete separation is a warning, not a crash, as R\'s "fitted probabilities numerically 0 or 1"', () => {
  const f = fitFile('separation.csv', 'y', ['x'], []);
  const r = expected.separation;
  assert.equal(f.converged, r.converged);
  assert.equal(f.iterations, r.iterations);
  assert.deepEqual(
    f.warnings.map((w) => w.code),
    ['not-converged', 'fitted-probabilities-0-or-1'],
  );
  assert.ok(f.deviance < 1e-8, `deviance ${f.deviance} near 0 as R's ${r.deviance}`);
  assert.ok(f.coefficients[1]!.estimate! > 10, 'slope runs off towards +infinity');
});

test('an aliased column gets a null estimate and a warning, as glm gives NA', () => {
  const cols = readCsv(dir + '../ols/mtcars.csv');
  const wt2 = cols.wt!.map((v) => String(2 * Number(v)));
  const d = designMatrix({ ...cols, wt2 }, { outcomes: ['am'], covariates: ['wt', 'wt2', 'hp'] });
  const f = logistic(d.outcomes.am!, d.x, d.names);
  const r = expected.aliased;
  assert.equal(f.coefficients[2]!.estimate, null);
  assert.deepEqual(f.aliased, ['wt2']);
  assert.ok(f.warnings.some((w) => w.code === 'aliased-terms'));
  const kept = [0, 1, 3];
  close(
    'estimate',
    kept.map((j) => f.coefficients[j]!.estimate),
    kept.map((j) => r.coef[j]),
    1e-8,
  );
  close(
    'se',
    kept.map((j) => f.coefficients[j]!.se),
    kept.map((j) => r.se[j]),
    1e-8,
  );
  assert.equal(f.rank, 3);
});

// ---------------------------------------------------------------------------------------------------
// Worked by hand: a 2 x 2 table, rows shuffled. x = 0: y = 0, 1, 0 (1 of 3); x = 1: y = 1, 1, 0.
// MLE: intercept log(1/2), slope log(2) - log(1/2) = log 4; se(slope) = sqrt(1/1 + 1/2 + 1/2 + 1/1)
// = sqrt(3), se(intercept) = sqrt(1/1 + 1/2). Deviance -2 sum log L = -4 (log(1/3) + 2 log(2/3));
// null deviance 12 log 2 (mu = 1/2). First IRLS step from R's start mu = (y + 0.5) / 2 = 1/4 or 3/4:
// eta = -+log 3, weights all 3/16, z = eta + (y - mu) / (3/16) = +-c with c = log 3 + 4/3; equal
// weights make it least squares on group means: intercept -c/3, slope 2c/3.
// ---------------------------------------------------------------------------------------------------
const hx = [1, 0, 0, 1, 0, 1];
const hy = [1, 0, 1, 0, 0, 1];
const hX = Float64Array.from(hx.flatMap((v) => [1, v]));

test('reproduces a 2 x 2 table worked by hand', () => {
  const f = logistic(hy, hX, ['(Intercept)', 'x']);
  close(
    'estimate',
    f.coefficients.map((c) => c.estimate),
    [Math.log(0.5), Math.log(4)],
    1e-9,
  );
  // R's standard errors come from the last iteration's weights (those of the previous mu), which
  // stopped when the deviance moved by less than 1e-8 relative: the exact values to about 1e-7.
  close(
    'se',
    f.coefficients.map((c) => c.se),
    [Math.sqrt(1.5), Math.sqrt(3)],
    1e-6,
  );
  close(
    'deviance',
    [f.deviance, f.nullDeviance],
    [-4 * (Math.log(1 / 3) + 2 * Math.log(2 / 3)), 12 * Math.log(2)],
    1e-12,
  );
  close('aic', [f.aic], [f.deviance + 4], 1e-14);
  close('or', [f.coefficients[1]!.oddsRatio], [4], 1e-9);
  const se = Math.sqrt(3);
  close(
    'wald',
    [f.coefficients[1]!.lower, f.coefficients[1]!.upper],
    [Math.log(4) - 1.959963984540054 * se, Math.log(4) + 1.959963984540054 * se],
    1e-6,
  );
  assert.ok(f.converged);
});

test("one IRLS step from R's starting values is least squares on the working response", () => {
  const f = logistic(hy, hX, ['(Intercept)', 'x'], { maxIter: 1 });
  const c = Math.log(3) + 4 / 3;
  close(
    'step 1',
    f.coefficients.map((x) => x.estimate),
    [-c / 3, (2 * c) / 3],
    1e-14,
  );
  assert.equal(f.converged, false);
  assert.equal(f.warnings[0]!.code, 'not-converged');
});

test('weights as numbers of trials give the same fit as the rows they stand for', () => {
  // The 2 x 2 table as two rows: proportions 1/3 and 2/3 with 3 trials each.
  const g = logistic([1 / 3, 2 / 3], Float64Array.of(1, 0, 1, 1), ['(Intercept)', 'x'], { weights: [3, 3] });
  const f = logistic(hy, hX, ['(Intercept)', 'x']);
  close(
    'estimate',
    g.coefficients.map((c) => c.estimate),
    f.coefficients.map((c) => c.estimate!),
    1e-9,
    1,
  );
  close(
    'se',
    g.coefficients.map((c) => c.se),
    f.coefficients.map((c) => c.se!),
    1e-6,
  ); // see above

  // Grouped deviance: the saturated model fits both groups, so 0; R's aic adds log choose(3, k).
  assert.ok(Math.abs(g.deviance) < 1e-9);
  close('aic', [g.aic], [f.deviance - 4 * Math.log(3) + 4], 1e-9);
});

test('a zero weight leaves the row out of the fit and of the degrees of freedom', () => {
  const f = logistic([...hy, 1], Float64Array.from([...hX, 1, 5]), ['(Intercept)', 'x'], {
    weights: [1, 1, 1, 1, 1, 1, 0],
  });
  close(
    'estimate',
    f.coefficients.map((c) => c.estimate),
    [Math.log(0.5), Math.log(4)],
    1e-9,
  );
  assert.equal(f.n, 6);
  assert.equal(f.dfResidual, 4);
});

test('bad input throws naming the argument, the row and what was expected', () => {
  assert.throws(
    () => logistic([0, 2], Float64Array.of(1, 1), ['(Intercept)']),
    /invalid y; expected values from 0 to 1, got 2 at row 2/,
  );
  assert.throws(
    () => logistic([0, 1], Float64Array.of(1, 1), ['(Intercept)'], { weights: [1, -1] }),
    /invalid weights.*-1 at row 2/,
  );
  assert.throws(
    () => logistic([0, 1], Float64Array.of(1), ['(Intercept)']),
    /expected 2 x 1 = 2 values, got 1/,
  );
});
