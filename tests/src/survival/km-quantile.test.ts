import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmQuantile } from '../../../src/survival/km-quantile.js';

// R's rule itself, survival 3.5.3's internal findq(x, y, p, tol) with x = c(0, time) and
// y = c(0, 1 - curve), tol = sqrt(.Machine$double.eps). Outputs below printed by R on this machine.
const q = (time: number[], curve: number[], ps: number[]): number[] =>
  ps.map((p) => kmQuantile(time, curve, p));

test('a curve with undefined points (NA) at both ends: R skips them, keeps the first, and ends at the last defined drop', () => {
  // findq(c(0,1,2,3,4,5), c(0, NA, 0.3, 0.5, 0.5, NA), c(0.3, 0.5, 0.1, 0.6), tol) -> 2.5 4.0 2.0 NA
  assert.deepEqual(q([1, 2, 3, 4, 5], [NaN, 0.7, 0.5, 0.5, NaN], [0.3, 0.5, 0.1, 0.6]), [2.5, 4, 2, NaN]);
  // findq(c(0,1,2,3,4,5), c(0, NA, 0.3, 0.5, 0.5, 0.75), c(0.3, 0.5, 0.75, 0.6), tol) -> 2.5 4 5 5
  assert.deepEqual(q([1, 2, 3, 4, 5], [NaN, 0.7, 0.5, 0.5, 0.25], [0.3, 0.5, 0.75, 0.6]), [2.5, 4, 5, 5]);
});

test('a limit that rises somewhere: the smallest value at or above p, as approx sorts it, not the first', () => {
  // findq(c(0,1,2,3,4), c(0, 0.8, 0.4, 0.6, 0.9), c(0.5, 0.85, 0.6), tol) -> 3 4 2
  assert.deepEqual(q([1, 2, 3, 4], [0.2, 0.6, 0.4, 0.1], [0.5, 0.85, 0.6]), [3, 4, 2]);
});

test('a million-point curve answers every p without a set of its values, the same as a short curve of its steps', () => {
  // Each step of the short curve is held over many times in the long one: duplicates R drops.
  const steps = [0.9, 0.75, 0.5, 0.5, 0.3, 0.1];
  const n = 1_000_000;
  const time = new Float64Array(n);
  const curve = new Float64Array(n);
  const per = Math.ceil(n / steps.length);
  for (let i = 0; i < n; i++) {
    time[i] = i + 1;
    curve[i] = steps[Math.floor(i / per)];
  }
  // The first time of each step in the long curve, and the flat 0.5 stretch ends at the 0.3 drop.
  const at = (k: number): number => k * per + 1;
  assert.equal(kmQuantile(time, curve, 0.5), (at(2) + at(4)) / 2);
  assert.equal(kmQuantile(time, curve, 0.6), at(4));
  assert.equal(kmQuantile(time, curve, 0.9), (at(5) + n) / 2);
  assert.ok(Number.isNaN(kmQuantile(time, curve, 0.95)));
});
