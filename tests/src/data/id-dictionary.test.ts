import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdDictionary } from '../../../src/data/id-dictionary.js';
import { ByteDictionary } from '../../../src/data/byte-dictionary.js';
import { loadAssessments } from '../../../src/data/load.js';
import { random } from '../../../src/math/random.js';

const latin1 = (b: Uint8Array, s: number, e: number): string => String.fromCharCode(...b.subarray(s, e));
const enc = new TextEncoder();

test('numbers ids by first appearance once the last is pushed: LA1 LA22 LA1 <long> LA22', () => {
  const dict = new IdDictionary(latin1);
  const push = (s: string): number => {
    const b = enc.encode(`,${s},`); // inside a larger buffer
    return dict.push(b, 1, b.length - 1);
  };
  const long = 'LA123456789012'; // 14 bytes: numbered by a ByteDictionary underneath
  const positions = ['LA1', 'LA22', 'LA1', long, 'LA22', long, ''].map(push);
  assert.deepEqual(positions, [0, 1, 2, 3, 4, 5, 6]);
  assert.throws(() => dict.levels, /before resolve/);
  assert.deepEqual([...dict.resolve()], [0, 1, 0, 2, 1, 2, 3]);
  assert.deepEqual(dict.levels, ['LA1', 'LA22', long, '']);
});

test('numbers every length (0 to 20 bytes, zero bytes, high bytes) as ByteDictionary does', () => {
  const rng = random(5);
  const pool: Uint8Array[] = [];
  for (let i = 0; i < 2000; i++) {
    const len = rng.int(21);
    pool.push(Uint8Array.from({ length: len }, () => [0, 1, 65, 66, 200, 255][rng.int(6)]!));
  }
  const ids = new IdDictionary(latin1);
  const bytes = new ByteDictionary(latin1);
  ids.reserve(10);
  const want: number[] = [];
  for (let i = 0; i < 20000; i++) {
    const v = pool[rng.int(pool.length)]!;
    const b = new Uint8Array(v.length + 4);
    b.set(v, 2);
    ids.push(b, 2, 2 + v.length);
    want.push(bytes.lookup(b, 2, 2 + v.length));
  }
  assert.deepEqual(Array.from(ids.resolve()), want);
  assert.deepEqual(ids.levels, bytes.levels);
});

test('a loaded file gives each child one code whatever the chunk size (ids cut across chunks)', async () => {
  let csv = 'child_id,referral_date,assessment_date,factors\n';
  const rng = random(3);
  const children = ['LA7', 'LA1234567', 'LA12345678901', 'Zoë', 'LA1234568'];
  const order: string[] = [];
  for (let i = 0; i < 300; i++) {
    const c = children[rng.int(children.length)]!;
    order.push(c);
    csv += `${c},01/04/2023,02/04/2023,3B\n`;
  }
  const bytes = enc.encode(csv);
  const whole = await loadAssessments(bytes, { fileName: 'a.csv' });
  const want = [...new Set(order)];
  assert.deepEqual(whole.data.childId.levels, want);
  assert.deepEqual(
    Array.from(whole.data.childId.codes, (c) => whole.data.childId.levels[c]),
    order,
  );
  for (const size of [1, 7, 64]) {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
    }
    const r = await loadAssessments(chunks(), { fileName: 'a.csv' });
    assert.deepEqual(r.data.childId.levels, want, `chunks of ${size}`);
    assert.deepEqual(r.data.childId.codes, whole.data.childId.codes, `chunks of ${size}`);
  }
});
