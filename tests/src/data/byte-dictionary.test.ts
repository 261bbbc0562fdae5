import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteDictionary } from '../../../src/data/byte-dictionary.js';
import { random } from '../../../src/math/random.js';

const latin1 = (b: Uint8Array, s: number, e: number): string => String.fromCharCode(...b.subarray(s, e));

/** Level numbers a Map keyed by the bytes would give: first appearance order. */
function reference(values: Uint8Array[]): { levels: number[]; keys: string[] } {
  const seen = new Map<string, number>();
  const levels = values.map((v) => {
    const key = Array.from(v).join(',');
    let level = seen.get(key);
    if (level === undefined) seen.set(key, (level = seen.size));
    return level;
  });
  return { levels, keys: [...seen.keys()] };
}

test('numbers byte strings of every length (short, medium, long) in order of first appearance', () => {
  const rng = random(7);
  // Lengths 0..20 cross the packed (<= 4), inline (5..11) and pooled (>= 12) paths; few distinct
  // bytes (including 0, which must not be confused with a shorter value) force collisions.
  const pool: Uint8Array[] = [];
  for (let i = 0; i < 3000; i++) {
    const len = rng.int(21);
    pool.push(Uint8Array.from({ length: len }, () => [0, 1, 65, 66, 200][rng.int(5)]!));
  }
  const values = Array.from({ length: 20000 }, () => pool[rng.int(pool.length)]!);
  const dict = new ByteDictionary(latin1);
  const got = values.map((v) => {
    const b = new Uint8Array(v.length + 6);
    b.set(v, 3); // at an offset inside a larger buffer
    return dict.lookup(b, 3, 3 + v.length);
  });
  const want = reference(values);
  assert.deepEqual(got, want.levels);
  assert.deepEqual(
    dict.levels,
    want.keys.map((k) => (k === '' ? '' : String.fromCharCode(...k.split(',').map(Number)))),
  );
});

test('an id repeated on consecutive rows, then another, then the first again, keeps its level', () => {
  const dict = new ByteDictionary(latin1);
  const enc = new TextEncoder();
  const look = (s: string): number => {
    const b = enc.encode(s);
    return dict.lookup(b, 0, b.length);
  };
  assert.deepEqual(
    ['LA1234567', 'LA1234567', 'LA1234568', 'LA1234567', 'LA123456', 'LA12345678', 'LA123456789012'].map(
      look,
    ),
    [0, 0, 1, 0, 2, 3, 4],
  );
  assert.deepEqual(dict.levels, ['LA1234567', 'LA1234568', 'LA123456', 'LA12345678', 'LA123456789012']);
});
