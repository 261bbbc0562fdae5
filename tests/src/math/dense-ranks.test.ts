import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseRanks } from '../../../src/math/dense-ranks.js';
import { random } from '../../../src/math/random.js';

test('a hand-worked case: equal values share a rank, and the ranks leave no gaps', () => {
  // Distinct values ascending: -Infinity, -2, 0 (with -0), 0.5, 3: ranks 0 .. 4.
  const r = denseRanks([0.5, -2, 0.5, 3, -0, 0, -Infinity]);
  assert.deepEqual(Array.from(r.rank), [3, 1, 3, 4, 2, 2, 0]);
  assert.equal(r.count, 5);
});

test('agrees with ranking by a comparator sort on 20,000 seeded values with many ties', () => {
  const rng = random(11);
  const values = Array.from({ length: 20000 }, () => (rng.next() < 0.5 ? rng.int(40) / 8 : rng.normal()));
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const expected = values.map((v) => distinct.indexOf(v));
  const r = denseRanks(values);
  assert.deepEqual(Array.from(r.rank), expected);
  assert.equal(r.count, distinct.length);
});

test('handles empty and single inputs', () => {
  assert.deepEqual(denseRanks([]), { rank: new Int32Array(0), count: 0 });
  assert.deepEqual(denseRanks([7]), { rank: Int32Array.of(0), count: 1 });
});
