// Choosing the number of classes by BIC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaSelect } from '../../../src/lca/select.js';
import { lcaStarts } from '../../../src/lca/starts.js';
import { withStandardErrors } from '../../../src/lca/with-standard-errors.js';
import { readCodes, readExpected } from './reference-data.js';

test("chooses poLCA's lowest-BIC number of classes for carcinoma and returns every fit", () => {
  const table = lcaPatterns(readCodes('carcinoma_01.csv').columns);
  const sel = lcaSelect(table, { classes: [1, 4], starts: 50, seed: 1 });
  const ref = readExpected('carcinoma').fits;
  const bics = [1, 2, 3, 4].map((k) => ref[`K${k}`]!.bic);
  assert.equal(sel.chosen, bics.indexOf(Math.min(...bics)) + 1);
  assert.deepEqual(
    sel.table.map((r) => r.classes),
    [1, 2, 3, 4],
  );
  sel.table.forEach((r, i) => assert.ok(Math.abs(r.bic - bics[i]!) / bics[i]! < 1e-6));
  assert.equal(sel.fits.length, 4);
  // The same seed for every K: the chosen K is the fit lcaStarts gives alone, standard errors
  // included; the others come without standard errors (they cost an eigen-decomposition each).
  assert.equal(sel.chosen, 3);
  assert.deepEqual(
    sel.fits[2],
    withStandardErrors(table, lcaStarts(table, { classes: 3, starts: 50, seed: 1 })),
  );
  assert.deepEqual(sel.fits[1], lcaStarts(table, { classes: 2, starts: 50, seed: 1 }));
  assert.deepEqual(
    sel.fits.map((f) => f.sharesSe !== null),
    [false, false, true, false],
  );
  const bare = lcaSelect(table, { classes: [1, 4], starts: 50, seed: 1, standardErrors: false });
  assert.deepEqual(
    bare.fits.map((f) => f.sharesSe),
    [null, null, null, null],
  );
});

test('warns when the largest K tried is chosen', () => {
  const table = lcaPatterns(readCodes('carcinoma_01.csv').columns);
  const sel = lcaSelect(table, { classes: [1, 2], starts: 10, seed: 1 });
  assert.equal(sel.chosen, 2);
  assert.ok(sel.warnings.some((w) => w.code === 'largest-k-chosen'));
  assert.throws(() => lcaSelect(table, { classes: [3, 2] }), /lcaSelect: invalid classes/);
});
