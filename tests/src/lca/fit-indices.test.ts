// Fit indices from their definitions, on a case small enough to write out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaFitIndices } from '../../../src/lca/fit-indices.js';

test('nParams, AIC, BIC, entropy R^2 and average posteriors from their definitions', () => {
  // 3 binary items and one with 3 categories, K = 2: nParams = 2 x (1 + 1 + 1 + 2) + 1 = 11.
  // Two patterns, counts 3 and 1, posteriors (0.9, 0.1) and (0.2, 0.8); n = 4.
  const idx = lcaFitIndices(
    { nCategories: [2, 2, 2, 3], counts: Float64Array.from([3, 1]), n: 4, nPatterns: 2 },
    -10,
    {
      classes: 2,
      patternPosterior: Float64Array.from([0.9, 0.1, 0.2, 0.8]),
      patternModal: Int32Array.from([0, 1]),
    },
  );
  assert.equal(idx.nParams, 11);
  assert.equal(idx.aic, 20 + 22);
  assert.ok(Math.abs(idx.bic - (20 + Math.log(4) * 11)) < 1e-12);
  const h = (p: number): number => -p * Math.log(p) - (1 - p) * Math.log(1 - p);
  assert.ok(Math.abs(idx.entropy! - (1 - (3 * h(0.9) + h(0.2)) / (4 * Math.log(2)))) < 1e-15);
  assert.deepEqual(idx.averagePosterior, [0.9, 0.8]);
  assert.deepEqual(idx.modalCounts, [3, 1]);
});

test('entropy is null for one class and average posterior null for a class no record is modal in', () => {
  const one = lcaFitIndices({ nCategories: [2], counts: Float64Array.from([2]), n: 2, nPatterns: 1 }, -1, {
    classes: 1,
    patternPosterior: Float64Array.from([1]),
    patternModal: Int32Array.from([0]),
  });
  assert.equal(one.entropy, null);
  assert.equal(one.nParams, 1);
  const two = lcaFitIndices({ nCategories: [2], counts: Float64Array.from([2]), n: 2, nPatterns: 1 }, -1, {
    classes: 2,
    patternPosterior: Float64Array.from([0.6, 0.4]),
    patternModal: Int32Array.from([0]),
  });
  assert.deepEqual(two.averagePosterior, [0.6, null]);
});
