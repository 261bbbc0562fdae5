import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGenericTable } from '../../../src/data/generic-table.js';
import { RepeatStrings, shortAscii } from '../../../src/data/repeat-strings.js';
import { random } from '../../../src/math/random.js';

const lung = fileURLToPath(new URL('../../fixtures/reference/survival/lung.csv', import.meta.url));

test('reads the R lung data streamed from disk, with NA as NaN and names looked up in any case', async () => {
  const t = await readGenericTable(createReadStream(lung), { fileName: 'lung.csv' });
  const lines = readFileSync(lung, 'utf8').trim().split('\n');
  assert.equal(t.n, lines.length - 1);
  assert.deepEqual(t.names, lines[0]!.split(','));
  const time = t.numeric('TIME');
  assert.equal(time[0], 306);
  assert.ok(Number.isNaN(t.numeric('wt.loss')[0]!)); // an empty cell in the first row
  assert.equal(t.lines[0], 2);
});

test('resolves quotes and names the line and column of a value that is not a number', async () => {
  const t = await readGenericTable('a;b\r\n1;"x ""y"""\r\n2,5;3\r\n', { fileName: 't.csv' });
  assert.deepEqual(t.text('b'), ['x "y"', '3']);
  assert.throws(
    () => t.numeric('a'),
    /t\.csv line 3, column a: '2,5' is not a number; expected a number or NA/,
  );
  assert.throws(() => t.numeric('zz'), /no column 'zz'; columns are a, b/);
});

test('refuses an empty file, a header alone and a ragged row', async () => {
  await assert.rejects(readGenericTable('', { fileName: 'e.csv' }), /e\.csv: the file is empty/);
  await assert.rejects(
    readGenericTable('a,b\n', { fileName: 'h.csv' }),
    /h\.csv: the file has a header but no data rows/,
  );
  await assert.rejects(
    readGenericTable('a,b\n1,2\n3\n', { fileName: 'r.csv' }),
    /r\.csv line 3: 1 field where the header has 2/,
  );
});

test('readGenericTable with columns decodes only those, reads them as without, and refuses the others', async () => {
  const csv = 'Time,event,grp,note\n5,1,a,"x, y"\n\n3,0,b,z\n';
  const all = await readGenericTable(csv, { fileName: 't.csv' });
  const some = await readGenericTable(csv, { fileName: 't.csv', columns: ['time', 'GRP'] });
  assert.equal(some.n, 2);
  assert.deepEqual([...some.numeric('time')], [...all.numeric('Time')]);
  assert.deepEqual(some.text('grp'), ['a', 'b']);
  assert.deepEqual([...some.lines], [...all.lines]);
  assert.throws(() => some.text('note'), /column 'note' was not among the columns asked for/);
  assert.throws(() => some.text('nothing'), /t\.csv: no column 'nothing'/);
  await assert.rejects(
    readGenericTable('a,b\n1,2\n3\n', { fileName: 'r.csv', columns: ['a'] }),
    /r\.csv line 3: 1 field where the header has 2/,
  );
});

test('repeated short values, distinct ones, long and non-ASCII fields all read as written, in every column', async () => {
  // A category column that repeats (strings reused), a column of distinct numbers (the reuse turns
  // itself off after a few thousand rows), fields longer than 16 bytes, accents and quoted values.
  const rows: string[] = ['grp,x,note'];
  const expected: string[][] = [[], [], []];
  for (let i = 0; i < 10_000; i++) {
    const grp = ['c01', 'c02', 'école', 'a much longer label than sixteen bytes', ''][i % 5]!;
    const x = (i * 1.25).toFixed(2);
    const note = i % 7 === 0 ? '"q, ""r"""' : `n${i % 3}`;
    rows.push(`${grp},${x},${note}`);
    expected[0]!.push(grp);
    expected[1]!.push(x);
    expected[2]!.push(i % 7 === 0 ? 'q, "r"' : `n${i % 3}`);
  }
  const t = await readGenericTable(new TextEncoder().encode(rows.join('\n') + '\n'), { fileName: 'r.csv' });
  assert.deepEqual(t.text('grp'), expected[0]);
  assert.deepEqual(t.text('x'), expected[1]);
  assert.deepEqual(t.text('note'), expected[2]);
  assert.deepEqual([...t.numeric('x')], expected[1]!.map(Number));
});

test('a one-column file skips its blank lines; numbers with spaces, signs and NA read as before', async () => {
  const t = await readGenericTable('v\n1\n\n 2 \n-3.5\nNA\n+4e2\n', { fileName: 'v.csv' });
  assert.equal(t.n, 5);
  assert.deepEqual([...t.numeric('v')], [1, 2, -3.5, NaN, 400]);
  assert.deepEqual([...t.lines], [2, 4, 5, 6, 7]);
});

test("shortAscii and RepeatStrings give the decoder's text for every length up to 16 bytes", () => {
  const bytes = new TextEncoder().encode('0123456789abcdefghij');
  const reuse = new RepeatStrings();
  for (let len = 0; len <= 16; len++) {
    for (const s of [0, 3]) {
      const want = new TextDecoder().decode(bytes.subarray(s, s + len));
      assert.equal(shortAscii(bytes, s, len), want);
      assert.equal(reuse.get(bytes, s, s + len), want);
      assert.equal(reuse.get(bytes, s, s + len), want); // the second time from the store
    }
  }
  assert.equal(reuse.get(bytes, 0, 17), null); // longer: the caller decodes
  assert.equal(reuse.get(new TextEncoder().encode('é'), 0, 2), null); // not ASCII: likewise
});

test('numbers: plain decimals parsed from the bytes equal Number() of their text; other cells read as without', async () => {
  const rng = random(11);
  const cells = [
    '-0',
    '0.0',
    '007',
    '1.5',
    '-2.25',
    '123456789012345',
    '1234567890123456',
    '0.1',
    '.5',
    '5.',
    '+4',
    '1e3',
    '',
    'NA',
    ' 7 ',
    '"8.5"',
    'true',
    '9007199254740993',
    '0.30000000000000004',
    '129.13948867784713',
  ];
  for (let i = 0; i < 2000; i++)
    cells.push((rng.next() * 10 ** rng.int(8) * (rng.next() < 0.2 ? -1 : 1)).toFixed(rng.int(9)));
  const csv = 't,g\n' + cells.map((c, i) => `${c},g${i % 3}`).join('\n') + '\n';
  const plain = await readGenericTable(csv, { fileName: 'n.csv' });
  const fast = await readGenericTable(csv, { fileName: 'n.csv', numbers: ['T'] });
  const a = plain.numeric('t');
  const b = fast.numeric('t');
  for (let i = 0; i < cells.length; i++) assert.ok(Object.is(a[i], b[i]), `${cells[i]}: ${a[i]} vs ${b[i]}`);
  assert.deepEqual(fast.text('g'), plain.text('g'));
  // Text of a number column: cells that were not plain decimals as written, the rest in shortest form.
  const text = fast.text('t');
  assert.equal(text[2], '7'); // 007
  assert.equal(text[8], '.5');
  assert.equal(text[14], ' 7 ');
  const bad = await readGenericTable('t\n1\nx\n', { fileName: 'b.csv', numbers: ['t'] });
  assert.throws(() => bad.numeric('t'), /b\.csv line 3, column t: 'x' is not a number/);
});
