import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankKeys } from '../../../src/data/rank-keys.js';
import { random } from '../../../src/math/random.js';

const keysOf = (triples: [number, number, number][]): Int32Array => Int32Array.from(triples.flat());

test('numbers five keys by first appearance: A B A C B -> 0 1 0 2 1', () => {
  const A: [number, number, number] = [1, 0, 0];
  const B: [number, number, number] = [0, 1, 0]; // same words as A in another order
  const C: [number, number, number] = [-1, -1, -1];
  const r = rankKeys(keysOf([A, B, A, C, B]), 5);
  assert.equal(r.count, 3);
  assert.deepEqual([...r.level], [0, 1, 0, 2, 1]);
  assert.deepEqual([...r.first], [0, 1, 3]);
});

test('no keys, and one key', () => {
  assert.equal(rankKeys(new Int32Array(0), 0).count, 0);
  const r = rankKeys(Int32Array.of(7, 8, 9), 1);
  assert.deepEqual([...r.level], [0]);
  assert.deepEqual([...r.first], [0]);
});

test('agrees with a Map on 300,000 keys: distinct keys whose 32-bit hashes collide stay apart', () => {
  // 200,000 distinct keys give about 200,000^2 / 2^33 = 4.7 pairs of equal hashes (the sort's
  // collision branch); each key comes back up to three times, at random places.
  const rng = random(11);
  const distinct = 200_000;
  const n = 300_000;
  const keys = new Int32Array(3 * n);
  const want: number[] = [];
  const seen = new Map<number, number>();
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = i < distinct && (i < 1000 || rng.next() < 0.8) ? i : rng.int(Math.min(i, distinct));
    keys[3 * i] = id * 2654435761;
    keys[3 * i + 1] = id >> 3;
    keys[3 * i + 2] = 0x0b000000 | (id & 7);
    let l = seen.get(id);
    if (l === undefined) {
      seen.set(id, (l = seen.size));
      firsts.push(i);
    }
    want.push(l);
  }
  const r = rankKeys(keys, n);
  assert.equal(r.count, seen.size);
  assert.deepEqual(Array.from(r.level), want);
  assert.deepEqual(Array.from(r.first), firsts);
});
