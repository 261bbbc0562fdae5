import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeRanks } from '../../../src/survival/time-ranks.js';

for (const [label, time] of [
  ['whole days (the table path)', [5, 2, 5, 9, 2, 2]],
  ['fractional times (the radix path)', [5.5, 2.25, 5.5, 9, 2.25, 2.25]],
  ['whole numbers too spread for a table', [5e9, 2, 5e9, 9e9, 2, 2]],
] as const) {
  test(`ranks, order and blocks for ${label}`, () => {
    const r = timeRanks(time, { withOrder: true });
    const distinct = [...new Set(time)].sort((a, b) => a - b);
    assert.deepEqual(Array.from(r.times), distinct);
    assert.deepEqual(Array.from(r.rank), [1, 0, 1, 2, 0, 0]);
    // Stable: tied rows keep their input order.
    assert.deepEqual(Array.from(r.order!), [1, 4, 5, 0, 2, 3]);
    assert.deepEqual(Array.from(r.blockStart!), [0, 3, 5, 6]);
  });
}

test('rejects a missing time', () => {
  assert.throws(
    () => timeRanks([1, NaN]),
    /timeRanks: invalid time; expected finite numbers, got NaN at index 1/,
  );
});
