import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FactorRegistry, compactFactors } from '../../../src/data/factor-bits.js';
import { random } from '../../../src/math/random.js';

const decode = (b: Uint8Array, s: number, e: number): string => new TextDecoder().decode(b.subarray(s, e));

test('normalises listed codes like cin-codes.ts and gives unknown codes bits of their own', () => {
  const reg = new FactorRegistry(decode);
  const bits: number[] = [];
  const text = new TextEncoder().encode(' 03b;4B | f_21,,X99 longcode ');
  assert.equal(
    reg.parseList(text, 0, text.length, (j) => bits.push(j)),
    5,
  );
  assert.deepEqual(
    bits.map((j) => reg.codes[j]),
    ['3B', '4B', '21', 'X99', 'LONGCODE'],
  );
  assert.equal(reg.index('3b'), bits[0]);
});

test('compaction keeps exactly the codes in use, renumbered, with their counts (checked against a bit loop)', () => {
  const r = random(5);
  for (let trial = 0; trial < 10; trial++) {
    const words = 3;
    const n = 300;
    const codes = Array.from({ length: 70 }, (_, j) => `c${j}`);
    const bits = new Uint32Array(n * words);
    const used = codes.map(() => r.next() < 0.5);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 70; j++)
        if (used[j] && r.next() < 0.1) bits[i * words + (j >> 5)]! |= 1 << (j & 31);
    const c = compactFactors(bits, words, n, codes);
    const has = (w: Uint32Array, W: number, i: number, j: number): boolean =>
      ((w[i * W + (j >> 5)]! >>> (j & 31)) & 1) === 1;
    for (let i = 0; i < n; i++) {
      const want = codes.filter((_, j) => has(bits, words, i, j));
      const got = c.codes.filter((_, k) => has(c.bits, c.words, i, k));
      assert.deepEqual(got, want, `row ${i}`);
    }
    c.codes.forEach((code, k) => {
      const j = codes.indexOf(code);
      let count = 0;
      for (let i = 0; i < n; i++) if (has(bits, words, i, j)) count++;
      assert.equal(c.counts[k], count);
      assert.ok(count > 0);
    });
  }
});

test('compaction with every code in use copies the rows it has (not the spare capacity)', () => {
  // Two rows of one word, codes a b c: row 0 has a and c, row 1 has b; room for a third row.
  const bits = Uint32Array.of(0b101, 0b010, 0);
  const c = compactFactors(bits, 1, 2, ['a', 'b', 'c']);
  assert.deepEqual(c.codes, ['a', 'b', 'c']);
  assert.deepEqual(c.counts, [1, 1, 1]);
  assert.deepEqual([...c.bits], [0b101, 0b010]);
  assert.equal(c.bits.buffer.byteLength, 8);
  // With b unused, c moves down to bit 1.
  const d = compactFactors(Uint32Array.of(0b101, 0b001), 1, 2, ['a', 'b', 'c']);
  assert.deepEqual(d.codes, ['a', 'c']);
  assert.deepEqual([...d.bits], [0b11, 0b01]);
});
