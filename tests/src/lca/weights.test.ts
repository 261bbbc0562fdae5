// Frequency weights in LCA: poLCA has none, so the reference is the fit on the expanded records.
// carcinoma_counts.csv (tests/fixtures/reference/r/lca-counts.R) holds poLCA's carcinoma data as its
// 20 distinct patterns with counts, in order of first appearance: the weighted pattern table must be
// the expanded one, and so every fit from it identical to the last bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { lcaStarts } from '../../../src/lca/starts.js';
import { withStandardErrors } from '../../../src/lca/with-standard-errors.js';

const dir = fileURLToPath(new URL('../../fixtures/reference/lca/', import.meta.url));
function columns(name: string): { head: string[]; cols: number[][] } {
  const lines = readFileSync(dir + name, 'utf8')
    .trim()
    .split(/\r?\n/);
  const head = lines[0]!.split(',');
  const cols = head.map(() => [] as number[]);
  for (const line of lines.slice(1)) line.split(',').forEach((v, j) => cols[j]!.push(Number(v)));
  return { head, cols };
}

test('lca on (pattern, count) rows equals lca on the expanded rows (carcinoma, K = 2 and 3)', () => {
  const expanded = columns('carcinoma_01.csv');
  const counted = columns('carcinoma_counts.csv');
  const items = counted.head.slice(0, 7);
  const a = lcaPatterns(expanded.cols, { items });
  const b = lcaPatterns(counted.cols.slice(0, 7), { items, weights: counted.cols[7] });
  assert.equal(b.n, 118);
  assert.equal(b.nRecords, 20);
  assert.deepEqual(b.values, a.values);
  assert.deepEqual(b.counts, a.counts);
  for (const classes of [2, 3]) {
    const fa = withStandardErrors(a, lcaStarts(a, { classes, starts: 8, seed: 3 }));
    const fb = withStandardErrors(b, lcaStarts(b, { classes, starts: 8, seed: 3 }));
    assert.equal(fb.logLik, fa.logLik, `K = ${classes} logLik`);
    assert.equal(fb.bic, fa.bic);
    assert.deepEqual(fb.shares, fa.shares);
    assert.deepEqual(fb.itemProbs, fa.itemProbs);
    assert.deepEqual(fb.sharesSe, fa.sharesSe);
    assert.equal(fb.entropy, fa.entropy);
  }
});

test('lca weights by hand: a record of weight 3 counts as three; bad weights are refused', () => {
  const t = lcaPatterns(
    [
      [0, 1, 0],
      [1, 1, 1],
    ],
    { weights: [3, 1, 2] },
  );
  assert.deepEqual(Array.from(t.counts), [5, 1]);
  assert.equal(t.n, 6);
  assert.throws(
    () => lcaPatterns([[0, 1]], { weights: [1, -2] }),
    /weights; expected finite numbers > 0, got -2 at record 2/,
  );
  assert.throws(() => lcaPatterns([[0, 1]], { weights: [1] }), /expected 2 values/);
});
