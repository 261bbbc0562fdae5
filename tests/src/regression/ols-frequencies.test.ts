// OLS with frequency weights (rows of aggregates) against the observations written out: a group of
// observations alike in x written as one row (weight n, its mean) and, for the residual sums, as two
// rows whose weighted mean and mean square are the group's (ybar +- s, n/2 each). Coefficients, both
// covariances (classical and HC1), R^2, adjusted R^2, df, n and log-likelihood equal the expanded
// fit's to 1e-9; HC2/HC3 (the observations' leverages) are refused. One row per group with its sum of
// squares as `within` gives the same; and olsMany gives each outcome's ols fit to the bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ols, olsMany } from '../../../src/regression/ols.js';

const near = (a: number | null, b: number | null, what: string) =>
  assert.ok(
    a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)),
    `${what}: ${a} vs ${b}`,
  );

test('frequencies over group moments give the expanded fit, robust covariance included', () => {
  // x = (1, group indicator g1, g2, continuous c fixed within the group); y by hand.
  const groups = [
    { x: [1, 0, 0, 0.5], y: [3, 4, 8] },
    { x: [1, 1, 0, 1.5], y: [7, 5] },
    { x: [1, 0, 1, -1], y: [1, 2, 2, 6] },
    { x: [1, 1, 0, 2], y: [9] },
    { x: [1, 0, 1, 0], y: [4, 3] },
    { x: [1, 0, 0, 3], y: [10, 12, 11] },
  ];
  const names = ['(Intercept)', 'g1', 'g2', 'c'];
  const ex: number[] = [];
  const ey: number[] = [];
  const gx: number[] = [];
  const gy: number[] = [];
  const gw: number[] = [];
  for (const g of groups) {
    for (const v of g.y) {
      ex.push(...g.x);
      ey.push(v);
    }
    const n = g.y.length;
    const mean = g.y.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(Math.max(0, g.y.reduce((a, b) => a + b * b, 0) / n - mean * mean));
    for (const v of s > 0 ? [mean - s, mean + s] : [mean]) {
      gx.push(...g.x);
      gy.push(v);
      gw.push(s > 0 ? n / 2 : n);
    }
  }
  const expanded = ols(ey, Float64Array.from(ex), names, { robust: 'hc1' });
  const grouped = ols(gy, Float64Array.from(gx), names, { robust: 'hc1', frequencies: gw });
  assert.equal(grouped.n, 15);
  assert.equal(grouped.df, expanded.df);
  near(grouped.r2, expanded.r2, 'r2');
  near(grouped.adjR2, expanded.adjR2, 'adjR2');
  near(grouped.logLik, expanded.logLik, 'logLik');
  near(grouped.rss, expanded.rss, 'rss');
  for (let j = 0; j < 4; j++) {
    near(grouped.coefficients[j]!.estimate, expanded.coefficients[j]!.estimate, `b${j}`);
    for (let k = 0; k < 4; k++) {
      near(grouped.vcov[j]![k]!, expanded.vcov[j]![k]!, `vcov ${j} ${k}`);
      near(grouped.robustVcov![j]![k]!, expanded.robustVcov![j]![k]!, `robust ${j} ${k}`);
    }
  }
  // Precision weights would not do: their meat is (w e)^2 x x'.
  const precision = ols(gy, Float64Array.from(gx), names, { robust: 'hc1', weights: gw });
  assert.ok(Math.abs(precision.robustVcov![1]![1]! - expanded.robustVcov![1]![1]!) > 1e-6);
  assert.throws(
    () => ols(gy, Float64Array.from(gx), names, { robust: 'hc3', frequencies: gw }),
    /hc0' or 'hc1/,
  );
});

test('one row per group (weight n, its mean) with `within`, its sum of squares, gives the expanded fit', () => {
  // The same groups as above by hand: (3, 4, 8) has mean 5 and squares 4 + 1 + 9 = 14; (7, 5) mean
  // 6, squares 2; (1, 2, 2, 6) mean 2.75, squares 3.0625 + 0.5625 * 2 + 10.5625 = 14.75; (9) 0;
  // (4, 3) 0.5; (10, 12, 11) 2.
  const groups = [
    { x: [1, 0, 0, 0.5], y: [3, 4, 8], within: 14 },
    { x: [1, 1, 0, 1.5], y: [7, 5], within: 2 },
    { x: [1, 0, 1, -1], y: [1, 2, 2, 6], within: 14.75 },
    { x: [1, 1, 0, 2], y: [9], within: 0 },
    { x: [1, 0, 1, 0], y: [4, 3], within: 0.5 },
    { x: [1, 0, 0, 3], y: [10, 12, 11], within: 2 },
  ];
  const names = ['(Intercept)', 'g1', 'g2', 'c'];
  const ex = groups.flatMap((g) => g.y.flatMap(() => g.x));
  const ey = groups.flatMap((g) => g.y);
  const gx = Float64Array.from(groups.flatMap((g) => g.x));
  const gy = groups.map((g) => g.y.reduce((a, b) => a + b, 0) / g.y.length);
  const gw = groups.map((g) => g.y.length);
  const within = groups.map((g) => g.within);
  const expanded = ols(ey, Float64Array.from(ex), names, { robust: 'hc1' });
  const grouped = ols(gy, gx, names, { robust: 'hc1', frequencies: gw, within });
  assert.equal(grouped.n, 15);
  assert.equal(grouped.df, expanded.df);
  near(grouped.rss, expanded.rss, 'rss');
  near(grouped.r2, expanded.r2, 'r2');
  near(grouped.adjR2, expanded.adjR2, 'adjR2');
  near(grouped.logLik, expanded.logLik, 'logLik');
  near(grouped.sigma, expanded.sigma, 'sigma');
  for (let j = 0; j < 4; j++) {
    near(grouped.coefficients[j]!.estimate, expanded.coefficients[j]!.estimate, `b${j}`);
    near(grouped.coefficients[j]!.robustSe!, expanded.coefficients[j]!.robustSe!, `robust se ${j}`);
    for (let k = 0; k < 4; k++) near(grouped.vcov[j]![k]!, expanded.vcov[j]![k]!, `vcov ${j} ${k}`);
  }
  // Without the spread the residual variance and the robust errors are too small.
  const spreadless = ols(gy, gx, names, { robust: 'hc1', frequencies: gw });
  assert.ok(spreadless.rss < expanded.rss - 30);
  assert.throws(() => ols(gy, gx, names, { within }), /with frequencies/);
});

test('olsMany: several outcomes on one design give each ols fit to the bit', () => {
  const n = 200;
  const x = new Float64Array(n * 3);
  const ys = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const [a, b] = [Math.sin(i * 0.37), (i % 7) - 3];
    x.set([1, a, b], i * 3);
    ys[0]![i] = 2 + a - 0.5 * b + Math.cos(i * 1.3);
    ys[1]![i] = i % 3 === 0 ? 1 : 0;
    ys[2]![i] = 10 * a * a + Math.sin(i);
  }
  const names = ['(Intercept)', 'a', 'b'];
  const freq = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4));
  const within = Float64Array.from({ length: n }, (_, i) => (i % 5) * 0.1);
  for (const options of [{ robust: 'hc1' as const }, { robust: 'hc3' as const }, { frequencies: freq }]) {
    const many = olsMany(ys, x, names, options);
    ys.forEach((y, o) => assert.deepEqual(many[o], ols(y, x, names, options), `outcome ${o}`));
  }
  const many = olsMany(ys, x, names, { robust: 'hc1', frequencies: freq, within: [within, null, within] });
  assert.deepEqual(many[0], ols(ys[0]!, x, names, { robust: 'hc1', frequencies: freq, within }));
  assert.deepEqual(many[1], ols(ys[1]!, x, names, { robust: 'hc1', frequencies: freq }));
});
