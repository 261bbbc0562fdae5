import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressTable, type SuppressedTable } from '../../../src/publish/disclosure.js';
import { random } from '../../../src/math/random.js';
import { recoverableEntries } from './rank.js';

// Independent check of the guarantee (rank test by Gaussian elimination, in rank.ts): whatever
// method chose the suppressions, no suppressed entry may be determined by what is published.
function recoverable(t: SuppressedTable): string[] {
  const grid: (number | string)[][] = [
    ...t.cells.map((row, i) => [...row, t.rowTotals[i]!]),
    [...t.colTotals, t.grandTotal],
  ];
  return recoverableEntries(grid);
}

test('a lone small count is protected by suppressing the smallest other cells of its row and column', () => {
  const t = suppressTable([
    [3, 40, 50],
    [20, 30, 60],
    [25, 35, 45],
  ]);
  assert.equal(t.cells[0]![0], 'c');
  assert.equal(t.primary, 1);
  // Hand-worked: row 0 pairs 3 with 20 (column 0) and the cheapest cycle closes through 30 and 40.
  assert.deepEqual(t.cells, [
    ['c', 'c', 50],
    ['c', 'c', 60],
    [25, 35, 45],
  ]);
  assert.deepEqual(recoverable(t), []);
});

test('small totals are suppressed too, and zero is published as zero', () => {
  const t = suppressTable([
    [0, 2],
    [0, 40],
  ]);
  assert.equal(t.cells[0]![0], 0);
  assert.equal(t.rowTotals[0], 'c');
  assert.deepEqual(recoverable(t), []);
});

test('rejects counts that are not non-negative integers, naming the value', () => {
  assert.throws(
    () => suppressTable([[1.5]]),
    /suppressTable: invalid count; expected a non-negative integer, got 1.5/,
  );
});

test('property: over many random tables no published count is 1 to 5 and nothing suppressed is recoverable', () => {
  const rng = random(20261123);
  for (let trial = 0; trial < 400; trial++) {
    const r = 1 + rng.int(6);
    const c = 1 + rng.int(8);
    const scale = [3, 10, 40, 200][rng.int(4)]!;
    const counts = Array.from({ length: r }, () =>
      Array.from({ length: c }, () => (rng.next() < 0.15 ? 0 : rng.int(scale))),
    );
    const threshold = rng.next() < 0.8 ? 5 : 10;
    const t = suppressTable(counts, { threshold });
    const published = [...t.cells.flat(), ...t.rowTotals, ...t.colTotals, t.grandTotal];
    for (const v of published)
      if (typeof v === 'number')
        assert.ok(v === 0 || v > threshold, `published ${v} in ${JSON.stringify(counts)}`);
    assert.deepEqual(recoverable(t), [], `recoverable entries in ${JSON.stringify(counts)}`);
  }
});
