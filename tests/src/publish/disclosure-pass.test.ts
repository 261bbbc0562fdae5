import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDisclosurePass, type SectionPlan } from '../../../src/publish/disclosure-pass.js';
import { auditTables } from '../../../src/publish/disclosure-audit.js';
import type { SuppressedTable } from '../../../src/publish/disclosure.js';
import { listTable, suppressLinked } from '../../../src/publish/suppress-linked.js';

// Worked by hand: three years 3, 50, 60 (total 113), and a second table giving the last two years'
// sum (110), as the eras of code introduction do. Each table alone is safe once 3, 50 and 60 are
// hidden (two hidden cells against one total), but together 113 - 110 = 3.
const tables = () => [
  listTable([3, 50, 60], ['y1', 'y2', 'y3'], 'all'),
  listTable([50, 60], ['y2', 'y3'], 'later'),
];

test('suppressLinked alone leaves a small count that two tables pin together; the audit finds it', () => {
  const t = tables();
  const out = suppressLinked(t, { threshold: 5 });
  assert.deepEqual(out[0]!.cells[0], ['c', 'c', 'c']);
  assert.equal(out[0]!.rowTotals[0], 113);
  assert.equal(out[1]!.rowTotals[0], 110);
  const pinned = auditTables(t, out, 5);
  assert.equal(pinned.length, 1);
  assert.deepEqual([pinned[0]!.table, pinned[0]!.i, pinned[0]!.j, pinned[0]!.value], [0, 0, 0, 3]);
});

test('the disclosure pass hides one more figure so that the two tables no longer pin it', () => {
  const plan: SectionPlan<SuppressedTable[]> = { section: 'years', tables: tables(), finish: (t) => t };
  const [out] = runDisclosurePass([plan], [], { threshold: 5 }) as SuppressedTable[][];
  assert.ok(out![0]!.rowTotals[0] === 'c' || out![1]!.rowTotals[0] === 'c', JSON.stringify(out));
  assert.deepEqual(auditTables(tables(), out!, 5), []);
});

test('two sections counting the same records are linked through their difference', () => {
  // Section a: 150 assessments = 149 classified + 1 without factors; section b: 150 episodes.
  const a: SectionPlan<SuppressedTable[]> = {
    section: 'a',
    // As publishDemand does: with few left out, give up the total rather than the classified.
    tables: [{ ...listTable([149, 1], ['classified', 'noFactors'], 'n'), hide: [[0, 2]] }],
    finish: (t) => t,
  };
  const b: SectionPlan<SuppressedTable[]> = {
    section: 'b',
    tables: [listTable([140, 10], ['followed', 'other'], 'episodes')],
    finish: (t) => t,
  };
  const alone = runDisclosurePass([a, b], [], { threshold: 5 }) as SuppressedTable[][];
  assert.equal(alone[0]![0]!.rowTotals[0], 'c');
  assert.equal(alone[1]![0]!.rowTotals[0], 150); // the episodes give the assessments back: 150 - 149
  const linked = runDisclosurePass(
    [a, b],
    [{ a: { key: 'a:n', value: 150 }, b: { key: 'b:episodes', value: 150 } }],
    { threshold: 5 },
  ) as SuppressedTable[][];
  assert.equal(linked[0]![0]!.cells[0]![1], 'c');
  assert.equal(linked[1]![0]!.rowTotals[0], 'c');
});
