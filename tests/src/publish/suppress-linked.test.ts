import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressTable } from '../../../src/publish/disclosure.js';
import { entryOf, listTable, suppressLinked } from '../../../src/publish/suppress-linked.js';
import { publishWarnings, quotesSmallCount } from '../../../src/publish/publish-warnings.js';
import { listGrid, recoverableEntries } from './rank.js';

const grid = (t: ReturnType<typeof suppressTable>) => [
  ...t.cells.map((row, i) => [...row, t.rowTotals[i]!]),
  [...t.colTotals, t.grandTotal],
];

test('suppressTable hides forced entries and protects them like small counts', () => {
  const counts = [
    [40, 50, 60],
    [20, 30, 70],
  ];
  const t = suppressTable(counts, { hide: [[0, 3]] });
  assert.equal(t.rowTotals[0], 'c');
  assert.equal(t.primary, 0);
  assert.ok(t.secondary >= 2, 'a forced row total needs a partner');
  assert.deepEqual(recoverableEntries(grid(t)), []);
  assert.throws(
    () => suppressTable(counts, { hide: [[3, 0]] }),
    /suppressTable: invalid hide; expected entries within 3 x 4, got \[3, 0\]/,
  );
});

test('a count two tables share is hidden in both, and protected in each', () => {
  // Category x year, nothing small; and a table of the category totals with the assessments that
  // have no category (3: small). Protecting the 3 hides the smallest category total (22), which
  // the year table alone would show: it must hide it too and protect it there in turn (with 10, 50
  // and the total 110), and 110 then goes from the share table as well.
  const years = {
    counts: [
      [10, 12],
      [50, 60],
      [70, 80],
    ],
    key: (i: number, j: number) => (j === 2 && i < 3 ? `total${i}` : null),
  };
  const alone = suppressTable(years.counts);
  assert.deepEqual([alone.primary, alone.secondary], [0, 0]);
  const shares = listTable([22, 110, 150, 3], ['total0', 'total1', 'total2', null], 'all');
  const [y, s] = suppressLinked([years, shares]);
  assert.deepEqual(s!.cells[0], ['c', 'c', 150, 'c']);
  assert.deepEqual(y!.rowTotals, ['c', 'c', 150]);
  assert.deepEqual(y!.cells, [
    ['c', 12],
    ['c', 60],
    [70, 80],
  ]);
  assert.deepEqual(recoverableEntries(grid(y!)), [], JSON.stringify(y));
  assert.deepEqual(recoverableEntries(listGrid(s!.cells[0]!, s!.rowTotals[0]!)), []);
  for (let i = 0; i < 3; i++) assert.equal(y!.rowTotals[i] === 'c', s!.cells[0]![i] === 'c', `total ${i}`);
  assert.equal(entryOf(y!, 0, 2), 'c');
});

test('linked tables must agree on a shared count', () => {
  assert.throws(
    () => suppressLinked([listTable([10, 20], ['a']), listTable([11], ['a'])]),
    /suppressLinked: invalid keys; 'a' is 10 in one table and 11 in another/,
  );
});

test('warnings that quote a count from 1 to the threshold are withheld; codes, years and big numbers are not counts', () => {
  assert.equal(quotesSmallCount('3 episodes had no date of birth', 5), true);
  assert.equal(quotesSmallCount('1,234 episodes had no date of birth', 5), false);
  assert.equal(quotesSmallCount('Closed by RC1 to RC6 after 18th birthdays, 2024-03-31', 5), false);
  assert.equal(quotesSmallCount('a share of 0.5 at 12 months', 5), false);
  assert.equal(quotesSmallCount('7 episodes', 5), false);
  assert.equal(quotesSmallCount('7 episodes', 10), true);
  assert.deepEqual(
    publishWarnings(
      [{ code: 'no-birthday', message: '2 episodes had neither a date of birth nor an age.' }],
      5,
    ),
    [{ code: 'no-birthday', message: 'A note about 5 or fewer records was withheld (no-birthday).' }],
  );
  const big = { code: 'x', message: '120 episodes had no date of birth.' };
  assert.deepEqual(publishWarnings([big], 5), [big]);
});
