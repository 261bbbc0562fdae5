// lm's further options (weights, no intercept, level order, perfect fits), against R (tests/fixtures/reference/r/ols-extensions.R; output
// committed in ../fixtures/reference/ols/extensions_expected.json): no intercept with factors (every
// level of the first factor kept), weights (with robust SEs as sandwich::vcovHC), level order as R's
// sort() in English, saturated and perfect fits; plus small cases worked by hand.
// Tolerance: 1e-10 relative (estimates, SEs, R^2, sigma, log-likelihood), as the existing lm checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ols, type OlsResult, type RobustType } from '../../../src/regression/ols.js';
import { designMatrix, type DesignColumn } from '../../../src/regression/design-matrix.js';
import { sortLevels } from '../../../src/math/level-order.js';

const dir = fileURLToPath(new URL('../../fixtures/reference/ols/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON fixture
const R: any = JSON.parse(readFileSync(`${dir}extensions_expected.json`, 'utf8'));
const REL = 1e-10;

function csv(name: string): Record<string, string[]> {
  const lines = readFileSync(dir + name, 'utf8')
    .trim()
    .split(/\r?\n/);
  const head = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
  const cols: Record<string, string[]> = Object.fromEntries(head.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, j) => cols[head[j]!]!.push(v));
  return cols;
}

function rel(a: number | null | undefined, e: number, what: string): void {
  assert.ok(a !== null && a !== undefined, `${what}: null`);
  assert.ok(Math.abs(a - e) <= REL * Math.abs(e), `${what}: ${a} vs ${e}`);
}

/** R's term for ours: `cyl=4` -> `factor(cyl)4`, `g=B` -> `gB`. */
const rTerm = (t: string): string =>
  t.includes('=')
    ? ['cyl', 'am'].includes(t.split('=')[0]!)
      ? `factor(${t.replace('=', ')')}`
      : t.replace('=', '')
    : t;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sameFit(fit: OlsResult, r: any, what: string): void {
  assert.deepEqual(
    fit.coefficients.map((c) => rTerm(c.term)),
    r.terms,
    `${what} terms`,
  );
  fit.coefficients.forEach((c, j) => {
    rel(c.estimate, r.estimate[j], `${what} ${c.term} estimate`);
    rel(c.se, r.se[j], `${what} ${c.term} se`);
    rel(c.t, r.t[j], `${what} ${c.term} t`);
  });
  rel(fit.r2, r.r2, `${what} r2`);
  rel(fit.adjR2, r.adj_r2, `${what} adjR2`);
  rel(fit.sigma, r.sigma, `${what} sigma`);
  rel(fit.logLik, r.loglik, `${what} logLik`);
  rel(fit.aic, r.aic, `${what} aic`);
  rel(fit.rss, r.rss, `${what} rss`);
  assert.equal(fit.df, r.df, `${what} df`);
  if (r.f) rel(fit.fStatistic?.value, r.f[0], `${what} F`);
}

const mt = csv('mtcars.csv');
const num = (c: string): Float64Array => Float64Array.from(mt[c]!, Number);

function mtFit(
  formula: { x: string[]; factors: string[]; intercept: boolean },
  options: { weights?: boolean; robust?: RobustType } = {},
): OlsResult {
  const columns: Record<string, DesignColumn> = {
    mpg: num('mpg'),
    wt: num('wt'),
    hp: num('hp'),
    cyl: mt.cyl!,
    am: mt.am!,
  };
  const d = designMatrix(columns, {
    intercept: formula.intercept,
    allLevelsWithoutIntercept: true,
    outcomes: ['mpg'],
    covariates: formula.x,
    factors: formula.factors,
  });
  return ols(d.outcomes.mpg!, d.x, d.names, {
    weights: options.weights ? num('carb') : undefined,
    robust: options.robust ?? null,
  });
}

test('no intercept with a factor keeps every level, as lm(mpg ~ 0 + wt + factor(cyl)): wt -3.206', () => {
  const fit = mtFit({ x: ['wt'], factors: ['cyl'], intercept: false });
  sameFit(fit, R.no_intercept, '~ 0 + wt + cyl');
  assert.ok(Math.abs(fit.coefficients[0]!.estimate! - -3.206) < 5e-4);
  // A second factor still drops its reference level.
  sameFit(
    mtFit({ x: ['wt'], factors: ['cyl', 'am'], intercept: false }),
    R.no_intercept_two_factors,
    '~ 0 + wt + cyl + am',
  );
});

test('weighted least squares matches lm(weights = carb), with HC0-HC3 as sandwich::vcovHC', () => {
  for (const robust of ['hc0', 'hc1', 'hc2', 'hc3'] as const) {
    const fit = mtFit({ x: ['wt', 'hp'], factors: ['cyl'], intercept: true }, { weights: true, robust });
    sameFit(fit, R.weighted, `weighted ${robust}`);
    fit.coefficients.forEach((c, j) => rel(c.robustSe, R.weighted.hc[robust][j], `${robust} ${c.term}`));
  }
  sameFit(
    mtFit({ x: ['wt'], factors: ['cyl'], intercept: false }, { weights: true }),
    R.weighted_no_intercept,
    'weighted ~ 0 + wt + cyl',
  );
});

test('weights give the estimates of the repeated rows (lm counts rows, not weights, in its df)', () => {
  const fit = mtFit({ x: ['wt', 'hp'], factors: ['cyl'], intercept: true }, { weights: true });
  fit.coefficients.forEach((c, j) => rel(c.estimate, R.weighted_expanded.estimate[j], `${c.term}`));
  rel(fit.r2, R.weighted_expanded.r2, 'r2 equal to the expanded fit');
  assert.equal(fit.df, 32 - 5);
  assert.equal(R.weighted_expanded.df, 90 - 5);
});

test('by hand: weight 2 on one row is that row twice for the estimates; logLik adds sum(log w) / 2', () => {
  const x = Float64Array.of(1, 0, 1, 1, 1, 2);
  const w = ols(Float64Array.of(1, 2, 4), x, ['(Intercept)', 'x'], { weights: [1, 2, 1] });
  const rep = ols(Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 0, 1, 1, 1, 1, 1, 2), ['(Intercept)', 'x']);
  // Weighted normal equations: [4 4; 4 6] b = [9 12], so b = (0.75, 1.5); residuals 0.25, -0.25,
  // 0.25 and rss = 0.0625 + 2 * 0.0625 + 0.0625 = 0.25.
  rel(w.coefficients[0]!.estimate, 0.75, 'intercept');
  rel(w.coefficients[1]!.estimate, 1.5, 'slope');
  rel(rep.coefficients[1]!.estimate, 1.5, 'repeated slope');
  rel(w.rss, 0.25, 'rss');
  Array.from(w.residuals).forEach((e, i) => rel(e, [0.25, -0.25, 0.25][i]!, `residual ${i}`));
  const n = 3;
  rel(
    w.logLik,
    0.5 * (Math.log(2) - n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(0.25))),
    'logLik',
  );
  assert.throws(
    () => ols(Float64Array.of(1, 2), Float64Array.of(1, 1), ['(Intercept)'], { weights: [1, 0] }),
    /weights; expected finite numbers > 0, got 0 at row 2/,
  );
});

test('factor levels a, B, c are ordered as R sorts them: the reference is "a"', () => {
  const lv = csv('levels.csv');
  const d = designMatrix(
    { y: Float64Array.from(lv.y!, Number), x: Float64Array.from(lv.x!, Number), g: lv.g! },
    { outcomes: ['y'], covariates: ['x'], factors: ['g'] },
  );
  assert.equal(d.levels.g!.reference, 'a');
  assert.deepEqual(d.levels.g!.levels, R.levels.sorted);
  sameFit(ols(d.outcomes.y!, d.x, d.names), R.levels, 'y ~ x + g');
  assert.deepEqual(sortLevels(['b', 'A', 'a', 'B', '_x', 'a-b', 'a b', 'ab']), [
    '_x',
    'a',
    'A',
    'a b',
    'a-b',
    'ab',
    'b',
    'B',
  ]);
  assert.deepEqual(sortLevels(['10', '9', '-1']), ['-1', '9', '10']);
});

test('a perfect fit warns as summary.lm does; a saturated fit has log-likelihood Inf', () => {
  const x = Float64Array.of(1, 1, 1, 2, 1, 3, 1, 4, 1, 5);
  const perfect = ols(Float64Array.of(3, 5, 7, 9, 11), x, ['(Intercept)', 'x']);
  const warning = perfect.warnings.find((w) => w.code === 'perfect-fit');
  assert.ok(warning?.message.startsWith(R.perfect.warning), warning?.message);
  const sat = ols(Float64Array.of(3, 5), x.slice(0, 4), ['(Intercept)', 'x']);
  assert.equal(sat.logLik, Infinity);
  assert.equal(R.saturated.loglik, 'Infinity');
  assert.deepEqual(Array.from(sat.residuals), R.saturated.residuals);
  assert.equal(sat.sigma, null);
  assert.ok(sat.warnings.some((w) => w.code === 'saturated'));
  const ordinary = ols(Float64Array.of(3, 5, 8, 9, 11), x, ['(Intercept)', 'x']);
  assert.ok(!ordinary.warnings.some((w) => w.code === 'perfect-fit' || w.code === 'saturated'));
});
