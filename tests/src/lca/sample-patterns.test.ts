import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcaPatterns } from '../../../src/lca/patterns.js';
import { samplePatterns } from '../../../src/lca/sample-patterns.js';
import { random } from '../../../src/math/random.js';

test('draws records in proportion to their patterns, keeping items and the cell index consistent', () => {
  // Pattern (1, 0) has 900 records, (0, 1) 100.
  const a = Array.from({ length: 1000 }, (_, i) => (i < 900 ? 1 : 0));
  const table = lcaPatterns([a, a.map((x) => 1 - x)]);
  const sample = samplePatterns(table, 20_000, random(1));
  assert.equal(sample.n, 20_000);
  assert.equal(sample.nPatterns, 2);
  assert.deepEqual(Array.from(sample.values), [1, 0, 0, 1]);
  assert.ok(Math.abs(sample.counts[0]! / 20_000 - 0.9) < 0.01);
  assert.deepEqual(Array.from(sample.itemOffset), Array.from(table.itemOffset));
  assert.equal(sample.nzStart[2], sample.nzCell.length);
});
