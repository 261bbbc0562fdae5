// EM for the latent class model: one E-step and one M-step worked out by hand on 2 classes, 3 binary
// items and 4 distinct patterns (10 records), then the properties EM must keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaEm } from '../../../src/lca/em.js';
import { lcaPosterior } from '../../../src/lca/posterior.js';
import { flatParameters } from '../../../src/lca/flat-parameters.js';
import { random } from '../../../src/math/random.js';

// Records, unsorted: (1,1,1) x 3, (1,1,0) x 2, (0,0,0) x 4, (0,1,0) x 1.
const rows = [
  [0, 0, 0],
  [1, 1, 1],
  [1, 1, 0],
  [0, 0, 0],
  [1, 1, 1],
  [0, 1, 0],
  [0, 0, 0],
  [1, 1, 0],
  [1, 1, 1],
  [0, 0, 0],
];
const columns = [0, 1, 2].map((j) => rows.map((r) => r[j]!));
const table = lcaPatterns(columns, { items: ['a', 'b', 'c'] });
// Start: shares 0.6, 0.4; P(item = 1) 0.8, 0.7, 0.6 in class 1 and 0.2, 0.3, 0.1 in class 2.
const start = flatParameters(table, {
  shares: [0.6, 0.4],
  itemProbs: [
    [0.8, 0.7, 0.6],
    [0.2, 0.3, 0.1],
  ],
});

// E-step by hand: P(pattern | class) is a product over items; joint = share x that.
//   (1,1,1): class 1 0.6 x 0.8 x 0.7 x 0.6 = 0.2016, class 2 0.4 x 0.2 x 0.3 x 0.1 = 0.0024, sum 0.204
//   (1,1,0): 0.6 x 0.8 x 0.7 x 0.4 = 0.1344,        0.4 x 0.2 x 0.3 x 0.9 = 0.0216, sum 0.156
//   (0,0,0): 0.6 x 0.2 x 0.3 x 0.4 = 0.0144,        0.4 x 0.8 x 0.7 x 0.9 = 0.2016, sum 0.216
//   (0,1,0): 0.6 x 0.2 x 0.7 x 0.4 = 0.0336,        0.4 x 0.8 x 0.3 x 0.9 = 0.0864, sum 0.12
const post1 = { '111': 0.2016 / 0.204, '110': 0.1344 / 0.156, '000': 0.0144 / 0.216, '010': 0.0336 / 0.12 };
const logLik0 = 3 * Math.log(0.204) + 2 * Math.log(0.156) + 4 * Math.log(0.216) + Math.log(0.12);

// M-step by hand: expected class-1 count N1 = 3 x 0.98824 + 2 x 0.86154 + 4 x 0.06667 + 0.28 = 5.23445;
// share = N1 / 10; P(item = 1 | class 1) = expected class-1 records with the item / N1.
const n1 = 3 * post1['111'] + 2 * post1['110'] + 4 * post1['000'] + post1['010'];
const n2 = 10 - n1;
const q = (p: number): number => 1 - p; // class-2 posterior
const hand = {
  shares: [n1 / 10, n2 / 10],
  class1: [
    (3 * post1['111'] + 2 * post1['110']) / n1,
    (3 * post1['111'] + 2 * post1['110'] + post1['010']) / n1,
    (3 * post1['111']) / n1,
  ],
  class2: [
    (3 * q(post1['111']) + 2 * q(post1['110'])) / n2,
    (3 * q(post1['111']) + 2 * q(post1['110']) + q(post1['010'])) / n2,
    (3 * q(post1['111'])) / n2,
  ],
};

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} differs from ${expected} by more than ${tol}`);

test('compresses 10 records to 4 patterns in order of first appearance', () => {
  assert.equal(table.nPatterns, 4);
  assert.deepEqual(Array.from(table.counts), [4, 3, 2, 1]);
  assert.deepEqual(Array.from(table.values), [0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0]);
});

test('the log-likelihood at the start is the one worked out by hand', () => {
  const r = lcaEm(table, start, { maxIter: 0 });
  close(r.logLik, logLik0);
  assert.equal(r.iterations, 0);
  close(logLik0, -16.7348754, 1e-7); // the same number written out
});

test('the E-step gives the posteriors worked out by hand', () => {
  const p = lcaPosterior(table, start);
  // Patterns in table order: (0,0,0), (1,1,1), (1,1,0), (0,1,0).
  const expected = [post1['000'], post1['111'], post1['110'], post1['010']];
  expected.forEach((e, s) => {
    close(p.patternPosterior[2 * s]!, e);
    close(p.patternPosterior[2 * s + 1]!, 1 - e);
  });
  close(post1['111'], 0.98823529, 1e-8);
  close(post1['000'], 0.06666667, 1e-8);
  assert.deepEqual(Array.from(p.patternModal), [1, 0, 0, 1]);
  assert.deepEqual(Array.from(p.modal), [1, 0, 0, 1, 0, 1, 1, 0, 0, 1]);
});

test('one EM step gives the M-step worked out by hand', () => {
  const r = lcaEm(table, start, { maxIter: 1, accelerate: false, quiet: true });
  assert.equal(r.iterations, 1);
  close(n1, 5.23444947, 1e-8);
  hand.shares.forEach((s, k) => close(r.shares[k]!, s));
  // Flat layout: class k, item j, category c at k * 6 + 2 * j + c.
  hand.class1.forEach((p, j) => close(r.probs[2 * j + 1]!, p));
  hand.class2.forEach((p, j) => close(r.probs[6 + 2 * j + 1]!, p));
  for (let i = 0; i < 12; i += 2) close(r.probs[i]! + r.probs[i + 1]!, 1, 1e-15);
  close(hand.class1[0]!, 0.89556, 1e-5);
  // and the log-likelihood returned is the one at those parameters
  close(r.logLik, lcaEm(table, r, { maxIter: 0 }).logLik);
});

test('never lowers the log-likelihood, with or without acceleration', () => {
  for (const accelerate of [false, true]) {
    let prev = -Infinity;
    let p = start;
    for (let i = 0; i < 30; i++) {
      const r = lcaEm(table, p, { maxIter: 3, accelerate, quiet: true });
      assert.ok(r.logLik >= prev - 1e-12, `step ${i}: ${r.logLik} < ${prev}`);
      prev = r.logLik;
      p = r;
    }
  }
});

test('accelerated and plain EM reach the same maximum, the accelerated in fewer steps', () => {
  const rng = random(5);
  const J = 6;
  const cols = Array.from({ length: J }, () => new Float64Array(400));
  for (let i = 0; i < 400; i++) {
    const k = rng.next() < 0.35 ? 0 : 1;
    for (let j = 0; j < J; j++) cols[j]![i] = rng.next() < (k === 0 ? 0.8 - 0.1 * j : 0.1 + 0.05 * j) ? 1 : 0;
  }
  const t = lcaPatterns(cols);
  const s = flatParameters(t, {
    shares: [0.5, 0.5],
    itemProbs: [Array(J).fill(0.6), Array(J).fill(0.4)].map((r, k) => r.map((p, j) => p + 0.01 * j * k)),
  });
  const plain = lcaEm(t, s, { accelerate: false, tol: 1e-14, maxIter: 20000 });
  const fast = lcaEm(t, s, { accelerate: true, tol: 1e-14, maxIter: 20000 });
  assert.ok(plain.converged && fast.converged);
  close(fast.logLik, plain.logLik, 1e-9);
  for (let i = 0; i < plain.probs.length; i++) close(fast.probs[i]!, plain.probs[i]!, 1e-5);
  assert.ok(fast.iterations < plain.iterations, `${fast.iterations} >= ${plain.iterations}`);
});

test('warns when it stops at maxIter, and for probabilities on the boundary', () => {
  const r = lcaEm(table, start, { maxIter: 2, tol: 0 });
  assert.equal(r.converged, false);
  assert.ok(r.warnings.some((w) => w.code === 'not-converged'));
  // Item c is never 1 outside pattern (1,1,1): the class holding (0,0,0) drives P(c = 1) to 0.
  const fit = lcaEm(table, start, { maxIter: 5000 });
  assert.ok(fit.converged);
  assert.ok(fit.warnings.some((w) => w.code === 'boundary'));
});

test('rejects a start that does not fit the table', () => {
  assert.throws(
    () => lcaEm(table, { shares: new Float64Array([1]), probs: new Float64Array(3) }),
    /lcaEm: invalid start; expected 6 probabilities, got 3/,
  );
  assert.throws(() => lcaEm(table, start, { maxIter: -1 }), /lcaEm: invalid maxIter/);
});

test('with missing responses, one EM step divides by the records that answered the item', () => {
  const data = [
    [1, 1, NaN],
    [0, NaN, 0],
    [1, 0, 1],
    [NaN, 1, 1],
    [0, 0, 0],
    [1, 1, 1],
  ];
  const t = lcaPatterns(
    [0, 1, 2].map((j) => data.map((r) => r[j]!)),
    { missing: 'include' },
  );
  const s0 = flatParameters(t, {
    shares: [0.55, 0.45],
    itemProbs: [
      [0.7, 0.6, 0.8],
      [0.3, 0.2, 0.25],
    ],
  });
  const post = lcaPosterior(t, s0);
  const r = lcaEm(t, s0, { maxIter: 1, accelerate: false, quiet: true });
  for (let k = 0; k < 2; k++) {
    const w = data.map((_, i) => post.patternPosterior[t.recordPattern[i]! * 2 + k]!);
    close(r.shares[k]!, w.reduce((a, b) => a + b, 0) / 6);
    for (let j = 0; j < 3; j++) {
      let yes = 0;
      let answered = 0;
      data.forEach((row, i) => {
        if (Number.isNaN(row[j]!)) return;
        answered += w[i]!;
        yes += w[i]! * row[j]!;
      });
      close(r.probs[k * 6 + 2 * j + 1]!, yes / answered);
    }
  }
});
