import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hungarian } from '../../../src/math/hungarian.js';

// Every permutation of n columns, for a brute-force check of small cases.
function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

test('hungarian matches rows to columns at least total cost (hand-worked 3 x 3)', () => {
  // Row 0 is cheapest in column 1, row 1 in column 1 too; the optimum gives row 1 column 0:
  // (0,1) 1 + (1,0) 2 + (2,2) 2 = 5, against 6 or more for every other permutation.
  const cost = [
    [4, 1, 3],
    [2, 0, 5],
    [3, 2, 2],
  ];
  assert.deepEqual(hungarian(cost), [1, 0, 2]);
});

test('hungarian agrees with brute force on seeded 6 x 6 matrices and handles n < m', () => {
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let rep = 0; rep < 20; rep++) {
    const cost = Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => Math.round(rnd() * 20)));
    const total = (p: number[]) => p.reduce((a, c, r) => a + cost[r]![c]!, 0);
    const best = Math.min(...permutations(6).map(total));
    const got = hungarian(cost);
    assert.equal(new Set(got).size, 6);
    assert.equal(total(got), best);
  }
  assert.deepEqual(hungarian([[5, 1, 9]]), [1]);
  assert.deepEqual(hungarian([]), []);
  assert.throws(() => hungarian([[1], [2]]), /hungarian: invalid cost/);
});
