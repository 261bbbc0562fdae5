import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatParameters } from '../../../src/lca/flat-parameters.js';

const table = { nCategories: [2, 3], itemOffset: Int32Array.from([0, 2, 5]) };

test('lays out class x item x category probabilities, renormalising rounded rows', () => {
  const p = flatParameters(table, {
    shares: [2, 2],
    probs: [
      [
        [0.3, 0.7],
        [0.2, 0.2, 0.6],
      ],
      [
        [0.5, 0.49],
        [1, 0, 0],
      ],
    ],
  });
  assert.deepEqual(Array.from(p.shares), [0.5, 0.5]);
  assert.deepEqual(Array.from(p.probs.subarray(0, 5)), [0.3, 0.7, 0.2, 0.2, 0.6]);
  assert.ok(Math.abs(p.probs[5]! - 0.5 / 0.99) < 1e-15);
});

test('takes P(item = 1) for binary items only, and names what is wrong', () => {
  const binary = { nCategories: [2, 2], itemOffset: Int32Array.from([0, 2, 4]) };
  assert.deepEqual(
    Array.from(flatParameters(binary, { shares: [1], itemProbs: [[0.25, 1]] }).probs),
    [0.75, 0.25, 0, 1],
  );
  assert.throws(
    () => flatParameters(table, { shares: [1], itemProbs: [[0.5, 0.5]] }),
    /expected binary items, got 3/,
  );
  assert.throws(
    () => flatParameters(binary, { shares: [1], itemProbs: [[-0.1, 0.5]] }),
    /flatParameters: invalid probability; expected a number in \[0, 1\], got -0.1/,
  );
  assert.throws(() => flatParameters(binary, { shares: [-1, 2], itemProbs: [[0.1, 0.5]] }), /invalid shares/);
});
