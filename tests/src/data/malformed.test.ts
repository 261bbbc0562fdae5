// The malformed-input corpus: files that broke the reader in an outside audit, each with
// what it must be answered by. Every case either loads, with each row it could not use named by file,
// line and column (where a column exists) and counted, so rows read = rows kept + rows excluded, or
// is refused with a message that says what is wrong with the file. The files are in
// tests/fixtures/malformed (make-fixtures.mjs says how each was made); a field of 200 KB is made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAssessments, loadTable } from '../../../src/data/load.js';
import { DataError, type LoadResult } from '../../../src/data/types.js';

const path = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/malformed/${name}`, import.meta.url));
const HEAD = 'child_id,referral_date,assessment_date,factors,gender,date_of_birth\n';

/** Nothing lost uncounted: every data row read is kept or excluded under a reason. */
function accounted(r: LoadResult): void {
  const excluded = Object.values(r.excluded).reduce((a, b) => a + (b ?? 0), 0);
  assert.equal(
    r.rowsRead,
    r.rowsKept + excluded,
    `rows read ${r.rowsRead}, kept ${r.rowsKept}, excluded ${excluded}`,
  );
  if (excluded > 0) assert.ok(r.problemCount > 0, 'excluded rows come with a problem saying why');
}

/** The bytes in chunks of `size`, as a slow stream or a File would give them. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

test('a field of 200 KB in a date column is a problem of its line and column, and the other rows load', async () => {
  const big = '1'.repeat(200_000);
  const text =
    HEAD +
    'A,2023-04-01,2023-04-02,3B,Male,2010-01-01\n' +
    `B,${big},2023-04-02,3B,Male,2010-01-01\n` +
    'C,2023-04-01,2023-04-02,3B,Female,2010-01-01\n';
  // Whole, and in 64 KB chunks (the field spans several).
  for (const source of [text, chunked(new TextEncoder().encode(text), 65536)]) {
    const r = await loadAssessments(source, { fileName: 'long.csv' });
    accounted(r);
    assert.equal(r.rowsKept, 2);
    assert.deepEqual(r.excluded, { 'invalid-date': 1 });
    const p = r.problems[0]!;
    assert.equal(p.line, 3);
    assert.equal(p.column, 'referral_date');
    assert.ok(
      p.message.startsWith(`long.csv line 3, column referral_date: '${'1'.repeat(77)}...' is not a date`),
    );
    assert.ok(p.message.length < 300, 'the value is shortened in the message');
  }
});

test('a field of 200 KB in a code column loads as a value; a 200 KB factor code is kept and shortened when listed', async () => {
  const big = 'M'.repeat(200_000);
  const code = '3'.repeat(200_000);
  const r = await loadAssessments(
    HEAD +
      `A,2023-04-01,2023-04-02,3B,${big},2010-01-01\n` +
      `B,2023-04-01,2023-04-02,${code},Male,2010-01-01\n`,
    { fileName: 'long-code.csv' },
  );
  accounted(r);
  assert.equal(r.rowsKept, 2);
  assert.equal(r.data.gender.levels.find((l) => l.length > 1000)?.length, 200_000);
  const w = r.warnings.find((x) => x.code === 'unknown-factor-codes')!;
  assert.ok(w.message.length < 400, `${w.message.length} characters`);
  assert.match(w.message, /33333\.\.\. \(1 assessment\)/);
});

test('an unclosed quote: its message gives the lines it swallowed, and they are counted as excluded', async () => {
  const r = await loadAssessments(createReadStream(path('unclosed-quote.csv')), {
    fileName: 'unclosed-quote.csv',
  });
  accounted(r);
  assert.equal(r.rowsKept, 3);
  // Lines 5 to 45: the row that opened the quote and the 40 rows after it.
  assert.deepEqual(r.excluded, { 'unclosed-quote': 41 });
  assert.equal(r.rowsRead, 44);
  assert.equal(r.problems.length, 1);
  assert.equal(
    r.problems[0]!.message,
    'unclosed-quote.csv line 5: the row opens a quoted field that is never closed: the rest of the file, lines 5 to 45 (41 rows), went into it and is excluded; expected a closing " for every opening "',
  );
});

test('UTF-16 without a byte order mark is read as UTF-16 and said to be', async () => {
  for (const [name, enc] of [
    ['utf16le-no-bom.csv', 'utf-16le'],
    ['utf16be-no-bom.csv', 'utf-16be'],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(path(name)));
    // Fed whole, and three bytes at a time (the guess waits for enough of the start).
    for (const source of [bytes, chunked(bytes, 3)]) {
      const r = await loadAssessments(source, { fileName: name });
      accounted(r);
      assert.equal(r.encoding, enc);
      assert.equal(r.rowsKept, 3);
      assert.deepEqual(r.excluded, {});
      assert.equal(r.data.gender.levels.join(','), 'Male,Female');
      const w = r.warnings.find((x) => x.code === 'utf16-without-bom');
      assert.match(
        w!.message,
        new RegExp(`^${name}: read as ${enc.toUpperCase()}: the file has no byte order mark`),
      );
    }
  }
});

test('UTF-16 that cannot be recognised is refused as UTF-16, not with the columns "found"', async () => {
  await assert.rejects(
    loadTable(new Uint8Array(readFileSync(path('utf16-unrecognised.csv'))), { fileName: 'u.csv' }),
    (e: DataError) => {
      assert.equal(e.code, 'unreadable-encoding');
      assert.equal(
        e.message,
        'u.csv: the header line holds zero bytes, as text saved as UTF-16 does; save the file as UTF-8 (or as UTF-16 with a byte order mark)',
      );
      assert.doesNotMatch(e.message, /found|c\0h/);
      return true;
    },
  );
});

test('a duplicated column is named as duplicated, with its place, not as a column not used', async () => {
  const r = await loadAssessments(createReadStream(path('duplicate-column.csv')), { fileName: 'dup.csv' });
  accounted(r);
  assert.deepEqual(
    r.warnings.map((w) => w.message),
    [
      'dup.csv: columns are duplicated: Gender (columns 5 and 6), LAchildID (column 7, another name for child_id in column 1); the first of each is read, the others are ignored',
    ],
  );
  // The first gender column is the one read.
  assert.deepEqual(
    Array.from(r.data.gender.codes, (c) => r.data.gender.levels[c]),
    ['Male', 'Female'],
  );
  assert.deepEqual(
    r.columns.map((c) => c.field),
    ['child_id', 'referral_date', 'assessment_date', 'factors', 'gender', null, null],
  );
});

test('a zero byte inside a value is a problem of its line and column, not a second "Male"', async () => {
  const r = await loadAssessments(createReadStream(path('nul-in-value.csv')), { fileName: 'nul.csv' });
  accounted(r);
  assert.equal(r.rowsKept, 2);
  assert.deepEqual(r.excluded, { 'invalid-character': 2 });
  assert.deepEqual(
    r.data.gender.levels,
    ['Male', 'Female'].filter((l) => r.data.gender.levels.includes(l)),
  );
  assert.equal(r.data.gender.levels.length, 2);
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.column, p.value]),
    [
      [3, 'gender', 'Ma\\0le'],
      [4, 'gender', 'Male\\0'],
    ],
  );
  assert.match(r.problems[0]!.message, /^nul\.csv line 3, column gender: 'Ma\\0le' holds a zero byte/);
  // The same from the general path alone (one byte at a time gives the fast path nothing whole).
  const slow = await loadAssessments(chunked(new Uint8Array(readFileSync(path('nul-in-value.csv'))), 1), {
    fileName: 'nul.csv',
  });
  assert.deepEqual(slow.problems, r.problems);
});

test('a zero byte in a value of rows in memory is the same problem', async () => {
  const { loadRows } = await import('../../../src/data/load-rows.js');
  const r = await loadRows(
    [
      {
        child_id: 'A',
        referral_date: '2023-04-01',
        assessment_date: '2023-04-02',
        factors: '3B',
        gender: 'Male',
      },
      {
        child_id: 'B',
        referral_date: '2023-04-01',
        assessment_date: '2023-04-02',
        factors: '3B',
        gender: 'Male\0',
      },
    ],
    { fileName: 'rows', kind: 'assessments' },
  );
  accounted(r);
  assert.deepEqual(r.excluded, { 'invalid-character': 1 });
  assert.match(r.problems[0]!.message, /^rows row 2, column gender: 'Male\\0' holds a zero byte/);
});

test('a birth more than 42 weeks after the referral is a problem of its line; an unborn child’s referral is not', async () => {
  const r = await loadAssessments(createReadStream(path('birth-after-referral.csv')), {
    fileName: 'dob.csv',
  });
  accounted(r);
  assert.equal(r.rowsKept, 2);
  assert.deepEqual(r.excluded, { 'birth-after-referral': 1 });
  assert.equal(
    r.problems[0]!.message,
    "dob.csv line 3, column date_of_birth: '2031-04-02' is more than 42 weeks after the referral date 2023-04-01; expected a date of birth before the referral (or, for an unborn child, within 42 weeks after it)",
  );
});
