// Pattern compression and the sparse index EM runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { sparseIndex } from '../../../src/lca/sparse-index.js';
import { MISSING, type PatternTable } from '../../../src/lca/types.js';
import { random } from '../../../src/math/random.js';

/** Rebuild every pattern's codes from its cells: the index must say exactly what the values say. */
function decode(t: PatternTable): Uint8Array {
  const J = t.nCategories.length;
  const out = new Uint8Array(t.nPatterns * J);
  for (let s = 0; s < t.nPatterns; s++)
    for (let e = t.nzStart[s]!; e < t.nzStart[s + 1]!; e++) {
      const u = t.nzCell[e]!;
      for (let i = t.cellStart[u]!; i < t.cellStart[u + 1]!; i++)
        out[s * J + t.cellItem[i]!] = t.cellValue[i]!;
    }
  return out;
}

test('counts identical records once, keeps first-appearance order and maps every record', () => {
  const t = lcaPatterns([
    [1, 0, 1, 1, 0],
    [0, 0, 0, 0, 1],
  ]);
  assert.equal(t.nPatterns, 3);
  assert.deepEqual(Array.from(t.values), [1, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(t.counts), [3, 1, 1]);
  assert.deepEqual(Array.from(t.recordPattern), [0, 1, 0, 0, 2]);
  assert.equal(t.n, 5);
  assert.deepEqual(t.items, ['item1', 'item2']);
  assert.deepEqual(t.nCategories, [2, 2]);
});

test('drops records with a missing response by default and says how many', () => {
  const t = lcaPatterns([
    [1, NaN, 0, 1],
    [0, 1, -1, 0],
  ]);
  assert.equal(t.n, 2);
  assert.equal(t.nDropped, 2);
  assert.deepEqual(Array.from(t.recordPattern), [0, -1, -1, 0]);
  assert.ok(t.warnings.some((w) => w.code === 'records-dropped' && /2 of 4 records/.test(w.message)));
});

test("keeps missing responses as their own digit with missing = 'include'", () => {
  const t = lcaPatterns(
    [
      [1, NaN, 0],
      [0, 1, NaN],
    ],
    { missing: 'include' },
  );
  assert.equal(t.n, 3);
  assert.deepEqual(Array.from(t.values), [1, 0, MISSING, 1, 0, MISSING]);
  assert.deepEqual(Array.from(decode(t)), Array.from(t.values));
});

test('names the item and record of a bad value', () => {
  assert.throws(
    () =>
      lcaPatterns(
        [
          [0, 1],
          [1, 0.5],
        ],
        { items: ['a', 'b'] },
      ),
    /lcaPatterns: invalid value; expected a category code 0-254, got 0.5 in item b, record 2/,
  );
  assert.throws(
    () => lcaPatterns([[0, NaN]], { missing: 'error' }),
    /lcaPatterns: invalid value; expected no missing responses, got NaN in item item1, record 2/,
  );
  assert.throws(
    () => lcaPatterns([[0], [1, 1]]),
    /lcaPatterns: invalid columns; expected 1 values in item 2/,
  );
});

test('infers the categories of polytomous items and accepts them given', () => {
  const t = lcaPatterns([
    [0, 2, 1],
    [0, 0, 1],
  ]);
  assert.deepEqual(t.nCategories, [3, 2]);
  assert.deepEqual(Array.from(t.itemOffset), [0, 3, 5]);
  assert.deepEqual(lcaPatterns([[0, 1]], { nCategories: [4] }).nCategories, [4]);
  assert.throws(() => lcaPatterns([[0, 3]], { nCategories: [3] }), /invalid nCategories/);
});

test('warns about an item that never takes a value above 0', () => {
  const t = lcaPatterns([
    [0, 0],
    [0, 1],
  ]);
  assert.ok(t.warnings.some((w) => w.code === 'constant-item' && /item1/.test(w.message)));
});

test('the sparse index reproduces every pattern, for sparse, dense, polytomous and missing data', () => {
  const rng = random(11);
  for (const [J, C, pOne, pMiss] of [
    [45, 2, 0.05, 0], // like CIN factors
    [20, 2, 0.5, 0], // dense binary
    [9, 4, 0.6, 0.1], // polytomous with missing
  ] as const) {
    const cols = Array.from({ length: J }, () =>
      Float64Array.from({ length: 3000 }, () =>
        rng.next() < pMiss ? NaN : rng.next() < pOne ? 1 + rng.int(C - 1) : 0,
      ),
    );
    const t = lcaPatterns(cols, { missing: 'include' });
    assert.deepEqual(Array.from(decode(t)), Array.from(t.values));
    // A pattern never lists a cell twice, and a cell never lists an item twice.
    for (let u = 0; u < t.nCells; u++) {
      const items = Array.from(t.cellItem.subarray(t.cellStart[u]!, t.cellStart[u + 1]!));
      assert.equal(new Set(items).size, items.length);
    }
    const counted = t.counts.reduce((a, b) => a + b, 0);
    assert.equal(counted, 3000);
  }
});

test('sparseIndex lists no cell for an all-zero pattern', () => {
  const idx = sparseIndex(Uint8Array.from([0, 0, 0, 1, 0, 1]), 2, [2, 2, 2]);
  assert.deepEqual(Array.from(idx.nzStart), [0, 0, 1]);
  assert.equal(idx.nCells, 1);
  assert.deepEqual(Array.from(idx.cellItem), [0, 2]);
});
