import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortOrder } from '../../../src/math/sort-order.js';
import { random } from '../../../src/math/random.js';

test('sorts negatives, zeros, fractions, huge and tiny values, stably', () => {
  const values = [2.5, -1, 2.5, 0, -0, 1e300, -1e-300, 5e-324, -Infinity, Infinity, -1];
  const order = Array.from(sortOrder(values));
  const expected = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  assert.deepEqual(order, expected);
});

test('agrees with a stable comparator sort on 20,000 seeded values with many ties', () => {
  const rng = random(7);
  const values = Array.from({ length: 20000 }, () => (rng.next() < 0.5 ? rng.int(50) : rng.normal() * 1e3));
  const order = Array.from(sortOrder(values));
  const expected = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  assert.deepEqual(order, expected);
});

test('handles empty and single inputs', () => {
  assert.deepEqual(Array.from(sortOrder([])), []);
  assert.deepEqual(Array.from(sortOrder([3])), [0]);
});
