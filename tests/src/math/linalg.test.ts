import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cholesky,
  choleskySolve,
  choleskyInverse,
  solveUpper,
  solveUpperTranspose,
  solveLower,
  invertUpper,
  crossprodUpper,
  matMul,
  transpose,
  identity,
} from '../../../src/math/linalg.js';

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    assert.ok(d <= tol * Math.max(1, Math.abs(expected[i]!)), `element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

test('factors a 2 x 2 matrix worked by hand', () => {
  // [[4, 2], [2, 5]] = L L' with L = [[2, 0], [1, 2]]; inverse = [[5, -2], [-2, 4]] / 16.
  const a = Float64Array.of(4, 2, 2, 5);
  const l = cholesky(a, 2)!;
  assert.deepEqual([...l], [2, 0, 1, 2]);
  close(choleskyInverse(l, 2), [5 / 16, -2 / 16, -2 / 16, 4 / 16], 1e-15);
  // A x = [8, 9] has x = A^-1 [8, 9] = [5 * 8 - 2 * 9, -2 * 8 + 4 * 9] / 16 = [22, 20] / 16
  close(choleskySolve(l, 2, [8, 9]), [22 / 16, 20 / 16], 1e-15);
});

test('factors the 4 x 4 Hilbert matrix and inverts it to its known integer inverse', () => {
  const p = 4;
  const h = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) h[i * p + j] = 1 / (i + j + 1);
  const inv = choleskyInverse(cholesky(h, p)!, p);
  const known = [
    16, -120, 240, -140, -120, 1200, -2700, 1680, 240, -2700, 6480, -4200, -140, 1680, -4200, 2800,
  ];
  close(inv, known, 1e-10);
  close(matMul(h, inv, p, p, p), identity(p), 1e-11);
});

test('returns null for matrices that are not positive definite', () => {
  assert.equal(cholesky(Float64Array.of(1, 2, 2, 1), 2), null);
  assert.equal(cholesky(Float64Array.of(1, 1, 1, 1), 2), null); // singular
  assert.equal(cholesky(Float64Array.of(0, 0, 0, 1), 2), null);
  assert.throws(() => cholesky(new Float64Array(3), 2), /cholesky: invalid a/);
});

test('triangular solvers and inverse agree with each other', () => {
  const r = Float64Array.of(2, -1, 3, 0, 0.5, 4, 0, 0, -3);
  const b = [1, 2, 3];
  const x = solveUpper(r, 3, b);
  close(matMul(r, x, 3, 3, 1), b, 1e-15);
  const y = solveUpperTranspose(r, 3, b);
  close(matMul(transpose(r, 3, 3), y, 3, 3, 1), b, 1e-15);
  const z = solveLower(transpose(r, 3, 3), 3, b);
  close(z, y, 1e-15);
  close(matMul(r, invertUpper(r, 3), 3, 3, 3), identity(3), 1e-15);
  // R'R is the cross product of R's columns
  close(crossprodUpper(r, 3), matMul(transpose(r, 3, 3), r, 3, 3, 3), 1e-15);
});
