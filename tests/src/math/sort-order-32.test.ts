import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortOrder } from '../../../src/math/sort-order.js';
import { sortOrder32, sortOrder32Carrying } from '../../../src/math/sort-order-32.js';
import { random } from '../../../src/math/random.js';

const stable = (values: number[]) => values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);

test('a hand-worked case: values one double apart share a single-precision key, and are still put in order', () => {
  // 1 + 2^-40 and 1 round to the same single-precision value (1): the first sort leaves them in
  // input order (indices 0, 2, 4), the run is then ordered by the full values: 2 (1), 4 (1), 0.
  const up = 1 + 2 ** -40;
  const values = [up, -3, 1, Infinity, 1, -0, 0, -Infinity];
  assert.deepEqual(Array.from(sortOrder32(values)), [7, 1, 5, 6, 2, 4, 0, 3]);
  assert.deepEqual(Array.from(sortOrder32(values)), stable(values));
});

test('the same permutation as sortOrder on 20,000 seeded values, spread out, tied and crowded', () => {
  const rng = random(17);
  for (const kind of ['spread', 'ties', 'crowded', 'long run'] as const) {
    const values = Array.from({ length: 20000 }, () => {
      if (kind === 'spread') return rng.normal() * 3;
      if (kind === 'ties') return rng.int(60) / 7 - 4;
      // Crowded: about ten distinct doubles to a single-precision step (2^-23 at 1): short runs.
      if (kind === 'crowded') return 1 + rng.next() * 2000 * 2 ** -23;
      return 1 + rng.int(5000) * 2 ** -45;
    });
    const order = Array.from(sortOrder32(values));
    assert.deepEqual(order, Array.from(sortOrder(values)), kind);
    assert.deepEqual(order, stable(values), kind);
  }
});

test('handles empty and single inputs', () => {
  assert.deepEqual(Array.from(sortOrder32([])), []);
  assert.deepEqual(Array.from(sortOrder32([3])), [0]);
});

test('carrying a payload: it comes out in sorted order, with the values equal to the one before marked', () => {
  const rng = random(23);
  const n = 5000;
  // Short and long runs of equal single-precision keys, exact ties, negatives.
  const values = Array.from({ length: n }, (_, i) =>
    i % 3 === 0 ? 1 + rng.int(3000) * 2 ** -45 : rng.int(200) / 16 - 6 + rng.int(4) * 2 ** -40,
  );
  const payload = Int32Array.from({ length: n }, (_, i) => i * 7 + 3);
  const r = sortOrder32Carrying(values, payload.slice());
  assert.deepEqual(Array.from(r.order), Array.from(sortOrder(values)));
  assert.deepEqual(
    Array.from(r.payload!),
    Array.from(r.order, (i) => payload[i]!),
  );
  for (let q = 0; q < n; q++) {
    const tie = q > 0 && values[r.order[q]!] === values[r.order[q - 1]!];
    assert.equal(r.tied[q], tie ? 1 : 0, `tied at ${q}`);
  }
  assert.ok(
    r.tied.some((t) => t === 1),
    'the values have ties',
  );
});
