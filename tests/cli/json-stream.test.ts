import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeJson } from '../../src/cli/json-stream.js';

function collect(doc: unknown): string[] {
  const chunks: string[] = [];
  writeJson(doc, (t) => chunks.push(t));
  return chunks;
}

test('writes compact JSON with R\'s conventions: NA as null, Inf as "Infinity", typed arrays as arrays', () => {
  const doc = {
    a: new Float64Array([1.5, NaN, Infinity, -Infinity, -0.25e-12]),
    b: new Int32Array([3, -4]),
    s: 'quote " and \\ and \n and é',
    n: null,
    skipped: undefined,
    list: [1, undefined, { x: true, y: false }, []],
    empty: {},
  };
  const text = collect(doc).join('');
  assert.equal(
    text,
    '{"a":[1.5,null,"Infinity","-Infinity",-2.5e-13],"b":[3,-4],' +
      '"s":"quote \\" and \\\\ and \\n and é","n":null,"list":[1,null,{"x":true,"y":false},[]],"empty":{}}\n',
  );
  // What JSON.stringify makes of the same document once typed arrays and non-finite numbers are mapped.
  const plain = JSON.parse(text);
  assert.deepEqual(plain.a, [1.5, null, 'Infinity', '-Infinity', -2.5e-13]);
});

test('a million-number column leaves in chunks of about 64 KB, never as one string', () => {
  const column = new Float64Array(1_000_000).map((_, i) => i / 7);
  const chunks = collect({ column });
  assert.ok(chunks.length > 100, `${chunks.length} chunks`);
  for (const c of chunks) assert.ok(c.length < (1 << 16) + 64, `chunk of ${c.length}`);
  const back = JSON.parse(chunks.join('')).column as number[];
  assert.equal(back.length, column.length);
  assert.equal(back[999_999], 999_999 / 7);
});
