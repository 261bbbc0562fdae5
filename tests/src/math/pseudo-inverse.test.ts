import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pseudoInverse } from '../../../src/math/pseudo-inverse.js';
import { random } from '../../../src/math/random.js';

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
}

function mul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j]! += a[i * n + k]! * b[k * n + j]!;
  return c;
}

test("by hand: [[1, 1], [1, 1]] = 2 u u' with u = (1, 1)/sqrt 2, so its pseudo-inverse is u u' / 2 = 1/4 everywhere", () => {
  const r = pseudoInverse(Float64Array.of(1, 1, 1, 1), 2);
  close(r.inverse, [0.25, 0.25, 0.25, 0.25], 1e-16);
  assert.equal(r.rank, 1);
  assert.equal(r.dropped, 1);
});

test('a full-rank matrix gets its inverse: [[4, 2], [2, 5]]^-1 = [[5, -2], [-2, 4]] / 16', () => {
  const r = pseudoInverse(Float64Array.of(4, 2, 2, 5), 2);
  close(r.inverse, [5 / 16, -2 / 16, -2 / 16, 4 / 16], 1e-16);
  assert.equal(r.dropped, 0);
});

test("MASS::ginv's tolerance: a singular value at 1e-9 of the largest is dropped, one at 1e-7 kept", () => {
  // diag(1, 1e-7, 1e-9): 1e-9 <= sqrt(2^-52) ~ 1.49e-8 < 1e-7.
  const r = pseudoInverse(Float64Array.of(1, 0, 0, 0, 1e-7, 0, 0, 0, 1e-9), 3);
  close(r.inverse, [1, 0, 0, 0, 1e7, 0, 0, 0, 0], 1e-6);
  assert.equal(r.rank, 2);
  // A negative eigenvalue counts by its size, as a singular value does.
  close(pseudoInverse(Float64Array.of(-2, 0, 0, 4), 2).inverse, [-0.5, 0, 0, 0.25], 1e-16);
  assert.equal(pseudoInverse(new Float64Array(4), 2).rank, 0);
});

test('the Penrose conditions on a random rank-5 symmetric 12 x 12 matrix', () => {
  const n = 12;
  const rng = random(3);
  const b = Array.from({ length: n * 5 }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let k = 0; k < 5; k++) a[i * n + j]! += b[i * 5 + k]! * b[j * 5 + k]!;
  const { inverse: g, rank } = pseudoInverse(a, n);
  assert.equal(rank, 5);
  close(mul(mul(a, g, n), a, n), a, 1e-10);
  close(mul(mul(g, a, n), g, n), g, 1e-10);
  const ag = mul(a, g, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) assert.ok(Math.abs(ag[i * n + j]! - ag[j * n + i]!) < 1e-10);
});
