// fixedTimeRanks is timefix followed by timeRanks, from one sort: the two ways must agree exactly
// (values, ranks, how many moved), on hand-made ties and on seeded data full of near-ties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedTimeRanks } from '../../../src/survival/fixed-time-ranks.js';
import { timefix, TIMEFIX_TOLERANCE } from '../../../src/survival/timefix.js';
import { timeRanks } from '../../../src/survival/time-ranks.js';
import { random } from '../../../src/math/random.js';

function both(time: ArrayLike<number>, fix: boolean): void {
  const one = fixedTimeRanks(time, fix);
  const fixed = fix ? timefix(time) : { time, changed: 0 };
  const two = timeRanks(fixed.time);
  assert.deepEqual(Array.from(one.time), Array.from(fixed.time));
  assert.equal(one.changed, fixed.changed);
  assert.deepEqual(Array.from(one.times), Array.from(two.times));
  assert.deepEqual(Array.from(one.rank), Array.from(two.rank));
  if (one.order) {
    // Ascending in the merged time, and a permutation.
    for (let q = 1; q < one.order.length; q++)
      assert.ok(one.rank[one.order[q]] >= one.rank[one.order[q - 1]], `order at ${q}`);
    assert.equal(new Set(one.order).size, time.length);
  }
}

test('by hand: 0.1 + 0.2 and 0.3 are one time, ranked together; timefix off keeps them apart', () => {
  const t = [1, 0.1 + 0.2, 0.3, 0.5];
  const r = fixedTimeRanks(t, true);
  assert.deepEqual(Array.from(r.times), [0.3, 0.5, 1]);
  assert.deepEqual(Array.from(r.rank), [2, 0, 0, 1]);
  assert.deepEqual(Array.from(r.time), [1, 0.3, 0.3, 0.5]);
  assert.equal(r.changed, 1);
  const off = fixedTimeRanks(t, false);
  assert.deepEqual(Array.from(off.rank), [3, 1, 0, 2]);
  assert.equal(off.changed, 0);
  assert.equal(off.time, t);
});

test('agrees with timefix then timeRanks on seeded data with chains of near-ties, days and large whole numbers', () => {
  const rng = random(7);
  const near = Array.from({ length: 5000 }, () => {
    const base = Math.round(rng.next() * 300) / 7;
    return base + (rng.next() < 0.3 ? rng.int(3) * 0.9 * TIMEFIX_TOLERANCE : 0);
  });
  const negatives = near.map((t, i) => (i % 3 === 0 ? -t : t));
  const days = Array.from({ length: 5000 }, () => 1 + rng.int(2000));
  const huge = Array.from({ length: 2000 }, () => rng.int(1000) * 1e9 + rng.int(3));
  for (const data of [near, negatives, days, huge, [], [2.5]]) {
    both(data, true);
    both(data, false);
  }
});
