// Posterior class membership by pattern and by record, against Bayes' rule computed directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaPosterior } from '../../../src/lca/posterior.js';

test('matches Bayes rule computed directly, with missing responses left out of the likelihood', () => {
  const rows = [
    [1, 0, 2],
    [0, NaN, 1],
    [1, 1, 0],
    [1, 0, 2],
    [0, 0, NaN],
  ];
  const table = lcaPatterns(
    [0, 1, 2].map((j) => rows.map((r) => r[j]!)),
    { missing: 'include' },
  );
  const params = {
    shares: [0.5, 0.3, 0.2],
    probs: [
      [
        [0.9, 0.1],
        [0.8, 0.2],
        [0.5, 0.3, 0.2],
      ],
      [
        [0.2, 0.8],
        [0.3, 0.7],
        [0.1, 0.1, 0.8],
      ],
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.2, 0.6, 0.2],
      ],
    ],
  };
  const post = lcaPosterior(table, params);
  rows.forEach((r, i) => {
    const joint = params.shares.map(
      (pi, k) => pi * r.reduce((p, v, j) => (Number.isNaN(v) ? p : p * params.probs[k]![j]![v]!), 1),
    );
    const total = joint.reduce((a, b) => a + b, 0);
    const s = table.recordPattern[i]!;
    joint.forEach((x, k) => assert.ok(Math.abs(post.patternPosterior[s * 3 + k]! - x / total) < 1e-14));
    const modal = joint.indexOf(Math.max(...joint));
    assert.equal(post.modal[i], modal);
    assert.ok(Math.abs(post.maxPosterior[i]! - joint[modal]! / total) < 1e-14);
  });
});

test('gives a dropped record no class', () => {
  const table = lcaPatterns([[1, NaN, 0]]);
  const post = lcaPosterior(table, { shares: [0.5, 0.5], itemProbs: [[0.9], [0.1]] });
  assert.deepEqual(Array.from(post.modal), [0, -1, 1]);
  assert.ok(Number.isNaN(post.maxPosterior[1]!));
});

test('keeps a pattern impossible under every class finite (boundary probabilities of 0)', () => {
  const table = lcaPatterns([[1, 0]]);
  const post = lcaPosterior(table, { shares: [0.5, 0.5], itemProbs: [[0], [0]] });
  assert.ok(Number.isFinite(post.patternPosterior[0]!));
  assert.ok(Math.abs(post.patternPosterior[0]! + post.patternPosterior[1]! - 1) < 1e-12);
});
