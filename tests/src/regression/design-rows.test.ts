import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designMatrix } from '../../../src/regression/design-matrix.js';
import { ols } from '../../../src/regression/ols.js';

// A model frame with a missing value, a numeric factor and a text factor: the rows written on demand
// must be the rows of the dense X, and OLS on them the same fit to the last bit.
const columns = {
  y: [3.1, 2.4, NaN, 5.0, 4.2, 6.3, 1.9, 3.3],
  x: [1, 2, 3, 4, 5, 6, 7, 8],
  decile: Float64Array.of(1, 2, 1, 3, 2, 3, 1, 2),
  g: ['a', 'b', 'b', 'a', 'c', 'c', 'b', 'a'],
};
const options = { outcomes: ['y'], covariates: ['x'], factors: ['decile', 'g'] };

test('designRows writes each row of the dense X, with or without X built', () => {
  const dense = designMatrix(columns, options);
  const lean = designMatrix(columns, { ...options, dense: false });
  assert.equal(lean.x.length, 0);
  assert.deepEqual([lean.designRows.n, lean.designRows.p], [dense.n, dense.p]);
  const row = new Float64Array(dense.p + 2).fill(9);
  for (let r = 0; r < dense.n; r++) {
    lean.designRows.fill(r, row, 1);
    assert.deepEqual(
      Array.from(row.subarray(1, 1 + dense.p)),
      Array.from(dense.x.subarray(r * dense.p, (r + 1) * dense.p)),
    );
    assert.equal(row[0], 9, 'nothing written before the offset');
  }
});

test('fillSparse lists the non-zero entries of each row of the dense X, columns ascending', () => {
  const dense = designMatrix({ ...columns, x: [0, 2, 3, 0, 5, -6, 7, 8] }, options);
  const lean = designMatrix({ ...columns, x: [0, 2, 3, 0, 5, -6, 7, 8] }, { ...options, dense: false });
  const col = new Int32Array(dense.p + 3).fill(-9);
  const val = new Float64Array(dense.p + 3);
  let zeroRows = 0;
  for (let r = 0; r < dense.n; r++) {
    const end = lean.designRows.fillSparse!(r, col, val, 2);
    const expected: [number, number][] = [];
    for (let j = 0; j < dense.p; j++) {
      const v = dense.x[r * dense.p + j]!;
      if (v !== 0) expected.push([j, v]);
    }
    if (dense.x[r * dense.p + dense.names.indexOf('x')] === 0) zeroRows++;
    assert.deepEqual(
      Array.from({ length: end - 2 }, (_, k) => [col[2 + k], val[2 + k]]),
      expected,
    );
    assert.equal(col[1], -9, 'nothing written before the offset');
  }
  assert.equal(zeroRows, 2, 'a covariate of 0 is left out as the indicators are');
});

test('ols on rows on demand equals ols on the dense X, robust errors included', () => {
  const dense = designMatrix(columns, options);
  const lean = designMatrix(columns, { ...options, dense: false });
  const a = ols(dense.outcomes['y']!, dense.x, dense.names, { robust: 'hc1' });
  const b = ols(lean.outcomes['y']!, lean.designRows, lean.names, { robust: 'hc1' });
  assert.deepEqual(b, a);
  assert.throws(
    () => ols(lean.outcomes['y']!.subarray(1), lean.designRows, lean.names),
    /ols: invalid x; expected 6 x 6 = 36 values, got 7 x 6/,
  );
});
