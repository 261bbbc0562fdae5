import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../../src/math/symmetric-eigen.js';
import { random } from '../../../src/math/random.js';

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
}

/** Column k of a row-major n x n matrix, sign fixed so its largest-magnitude entry is positive. */
function column(v: Float64Array, n: number, k: number): number[] {
  const c = Array.from({ length: n }, (_, i) => v[i * n + k]!);
  const big = c.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
  return c.map((x) => (big < 0 ? -x : x));
}

test('2 x 2 by hand: [[2, 1], [1, 2]] has eigenvalues 1 and 3 with vectors (1, -1)/sqrt 2 and (1, 1)/sqrt 2', () => {
  // det([[2 - l, 1], [1, 2 - l]]) = (2 - l)^2 - 1 = 0 gives l = 1, 3.
  const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
  close(values, [1, 3], 1e-15);
  const r = Math.SQRT1_2;
  const v1 = column(vectors, 2, 0);
  close(v1[0]! > 0 ? v1 : v1.map((x) => -x), [r, -r], 1e-15);
  close(column(vectors, 2, 1), [r, r], 1e-15);
});

test('3 x 3 by hand: the second-difference matrix has eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2', () => {
  // tridiag(-1, 2, -1), n = 3: l_k = 2 - 2 cos(k pi / 4), vectors (sin(k pi / 4), sin(2k pi / 4), sin(3k pi / 4)).
  const a = Float64Array.of(2, -1, 0, -1, 2, -1, 0, -1, 2);
  const { values, vectors } = symmetricEigen(a, 3);
  close(values, [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 1e-14);
  close(column(vectors, 3, 0), [0.5, Math.SQRT1_2, 0.5], 1e-14);
  close(
    column(vectors, 3, 1),
    [Math.SQRT1_2, 0, -Math.SQRT1_2].map((x) => x),
    1e-14,
  );
});

test('a diagonal matrix, a zero matrix and a 1 x 1 matrix come back as they are', () => {
  const d = symmetricEigen(Float64Array.of(3, 0, 0, 0, -1, 0, 0, 0, 2), 3);
  close(d.values, [-1, 2, 3], 0);
  close(symmetricEigen(new Float64Array(4), 2).values, [0, 0], 0);
  close(symmetricEigen(Float64Array.of(7), 1).values, [7], 0);
  close(symmetricEigen(Float64Array.of(7), 1).vectors, [1], 0);
});

test("random symmetric 40 x 40 (rank 25, repeated zero eigenvalue): V diag(values) V' = A and V'V = I", () => {
  const n = 40;
  const rng = random(7);
  // A = B B' with B 40 x 25: positive semidefinite with 15 zero eigenvalues, like a singular information matrix.
  const b = Array.from({ length: n * 25 }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < 25; k++) s += b[i * 25 + k]! * b[j * 25 + k]!;
      a[i * n + j] = s;
    }
  const { values, vectors } = symmetricEigen(a, n);
  for (let i = 1; i < n; i++) assert.ok(values[i]! >= values[i - 1]!);
  const scale = values[n - 1]!;
  for (let k = 0; k < 15; k++) assert.ok(Math.abs(values[k]!) < 1e-12 * scale, `value ${k}: ${values[k]}`);
  assert.ok(values[15]! > 1e-6 * scale);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let r = 0;
      let o = 0;
      for (let k = 0; k < n; k++) {
        r += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        o += vectors[k * n + i]! * vectors[k * n + j]!;
      }
      assert.ok(Math.abs(r - a[i * n + j]!) < 1e-12 * scale, `A[${i},${j}]`);
      assert.ok(Math.abs(o - (i === j ? 1 : 0)) < 1e-13, `V'V[${i},${j}]`);
    }
});

test('names the function on a wrong size', () => {
  assert.throws(() => symmetricEigen(new Float64Array(3), 2), /symmetricEigen: invalid a/);
});
