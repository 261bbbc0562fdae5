import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilson } from '../../../src/math/proportion.js';

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('wilson(20, 100) worked by hand', () => {
  // z = 1.9599640, z^2 = 3.8414588; p = 0.2; denominator 1 + 3.8414588/100 = 1.0384146;
  // centre (0.2 + 0.0192073) / 1.0384146 = 0.2110980;
  // half 1.9599640 / 1.0384146 * sqrt(0.0016 + 3.8414588/40000) = 1.8874580 * 0.0411830 = 0.0777311;
  // so [0.1333669, 0.2888291] to the 7 digits carried here.
  const w = wilson(20, 100);
  assert.equal(w.estimate, 0.2);
  close(w.lower, 0.211098 - 0.0777311, 2e-7, 'lower');
  close(w.upper, 0.211098 + 0.0777311, 2e-7, 'upper');
});

test('wilson matches R prop.test(x, n, correct = FALSE) to 1e-12', () => {
  // Rscript -e 'prop.test(x, n, correct = FALSE)$conf.int', printed with 15 digits.
  const cases: [number, number, number, number][] = [
    [20, 100, 0.133366933331033, 0.288829165593159],
    [0, 50, 0, 0.0713475991333587],
    [50, 50, 0.928652400866641, 1],
    [1, 3, 0.0614919447203963, 0.7923403991979523],
    [7, 2000, 0.00169643169704242, 0.00720719625324174],
  ];
  for (const [x, n, lo, hi] of cases) {
    const w = wilson(x, n);
    close(w.lower, lo, 1e-12, `${x}/${n} lower`);
    close(w.upper, hi, 1e-12, `${x}/${n} upper`);
  }
});

test('wilson: other levels, n = 0 and invalid input', () => {
  const w90 = wilson(20, 100, { level: 0.9 });
  const w95 = wilson(20, 100);
  assert.ok(w90.lower > w95.lower && w90.upper < w95.upper);
  assert.ok(Number.isNaN(wilson(0, 0).lower));
  assert.throws(() => wilson(5, 3), /wilson: invalid x/);
  assert.throws(() => wilson(1, 3, { level: 95 }), /wilson: invalid level/);
});
