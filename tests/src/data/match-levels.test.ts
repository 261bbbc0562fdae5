import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchLevels } from '../../../src/data/match-levels.js';

/** What a Map from `into`'s strings to their index gives: the reference the matcher must equal. */
function byMap(from: string[], into: string[]): number[] {
  const index = new Map<string, number>();
  into.forEach((s, i) => index.set(s, i));
  return from.map((s) => index.get(s) ?? -1);
}

test('matchLevels gives each string its index in the other list, -1 when absent (worked by hand)', () => {
  assert.deepEqual([...matchLevels(['b', 'x', 'a'], ['a', 'b'])], [1, -1, 0]);
});

test('matchLevels tells apart strings that differ only in length, case or trailing characters', () => {
  const into = ['C1', 'C10', 'c1', 'C1 ', '', 'C0000001', 'C00000010', 'ABCDEFGHIJK'];
  const from = [
    'C10',
    'C1',
    'c1',
    '',
    'C1 ',
    'ABCDEFGHIJ',
    'ABCDEFGHIJK',
    'C00000010',
    'C0000001',
    'C1\u0000',
  ];
  assert.deepEqual([...matchLevels(from, into)], byMap(from, into));
});

test('matchLevels matches strings too long or too wide to pack (over 11 characters, or beyond U+00FF)', () => {
  const into = ['LA-0000000000001', 'Zoë', 'Łukasz', 'ŁUKASZ', 'LA-0000000000002'];
  const from = ['Łukasz', 'LA-0000000000002', 'LA-000000000000', 'Zoë', 'ŁUKASZ', 'lukasz'];
  assert.deepEqual([...matchLevels(from, into)], [2, 4, -1, 1, 3, -1]);
});

test('matchLevels maps a string listed twice to its last index, as a Map would', () => {
  assert.deepEqual([...matchLevels(['a', 'b'], ['a', 'b', 'a'])], [2, 1]);
});

test('matchLevels equals a Map on many ids (enough for several partitions of the grouping)', () => {
  const into: string[] = [];
  const from: string[] = [];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 40_000; i++) into.push(`C${String(next() % 100_000).padStart(7, '0')}`);
  for (let i = 0; i < 30_000; i++) from.push(`C${String(next() % 120_000).padStart(7, '0')}`);
  from.push('a much longer identifier', 'Ō1');
  into.push('a much longer identifier');
  assert.deepEqual([...matchLevels(from, into)], byMap(from, into));
});
