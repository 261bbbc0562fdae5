import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvTokenizer } from '../../../src/data/csv.js';
import { unescapeField } from '../../../src/data/csv-decode.js';

interface Rec {
  fields: string[];
  line: number;
}

/** Tokenize bytes fed in chunks of `size` bytes; fields decoded as UTF-8 with quotes resolved. */
function tokenize(input: string | Uint8Array, size = Infinity): { records: Rec[]; t: CsvTokenizer } {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const records: Rec[] = [];
  const dec = new TextDecoder();
  const t = new CsvTokenizer({
    row(b, starts, ends, flags, nf, line) {
      const fields: string[] = [];
      for (let j = 0; j < nf; j++) {
        if (flags[j] === 2) {
          const out = new Uint8Array(ends[j]! - starts[j]!);
          fields.push(dec.decode(out.subarray(0, unescapeField(b, starts[j]!, ends[j]!, out))));
        } else fields.push(dec.decode(b.subarray(starts[j]!, ends[j]!)));
      }
      records.push({ fields, line });
    },
  });
  const step = Math.min(size, bytes.length || 1);
  for (let i = 0; i < bytes.length; i += step) t.push(bytes.slice(i, i + step));
  t.finish();
  return { records, t };
}

const tricky =
  '\uFEFFid,note,amount\r\n' +
  '1,"two\r\nlines, and a comma",£5\r\n' +
  '2,"say ""hi""",€7\r\n' +
  '\r\n' +
  '3,,"x"\r\n' +
  '4,"""quoted"" start",9';

test('splits quoted commas, quoted newlines and doubled quotes, and numbers the lines where records start', () => {
  const { records, t } = tokenize(tricky);
  assert.equal(t.bom, true);
  assert.deepEqual(
    records.map((r) => r.fields),
    [
      ['id', 'note', 'amount'],
      ['1', 'two\r\nlines, and a comma', '£5'],
      ['2', 'say "hi"', '€7'],
      [''],
      ['3', '', 'x'],
      ['4', '"quoted" start', '9'],
    ],
  );
  // The record after the quoted newline starts on line 4; the blank line 5 is a record of one empty field.
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 4, 5, 6, 7],
  );
});

test('gives the same records whatever the chunk size, down to one byte (inside quotes and inside £)', () => {
  const whole = tokenize(tricky).records;
  for (const size of [1, 2, 3, 5, 7, 64])
    assert.deepEqual(tokenize(tricky, size).records, whole, `chunks of ${size}`);
});

test('detects semicolons and tabs from the header, and reads LF, CRLF and lone CR line ends', () => {
  const semi = tokenize('a;b;c\n1;"2;3";4\n');
  assert.equal(String.fromCharCode(semi.t.delimiter), ';');
  assert.deepEqual(semi.records[1]!.fields, ['1', '2;3', '4']);
  const tab = tokenize('a\tb,c\td\n1\t2,5\t3\n');
  assert.equal(tab.t.delimiter, 9);
  assert.deepEqual(tab.records[1]!.fields, ['1', '2,5', '3']);
  const cr = tokenize('a,b\r1,2\r3,4');
  assert.deepEqual(
    cr.records.map((r) => [r.fields.join('|'), r.line]),
    [
      ['a|b', 1],
      ['1|2', 2],
      ['3|4', 3],
    ],
  );
});

test('keeps a trailing empty field and a ragged record as they are (the builder judges them)', () => {
  const { records } = tokenize('a,b,c\n1,2,\n3\n4,5,6,7\n');
  assert.deepEqual(
    records.map((r) => r.fields.length),
    [3, 3, 1, 4],
  );
  assert.deepEqual(records[1]!.fields, ['1', '2', '']);
});

test('reports a quoted field never closed, with the line where it opened', () => {
  const { records, t } = tokenize('a,b\n1,"open\n2,3\n');
  assert.equal(t.unclosedQuoteLine, 2);
  assert.equal(records.length, 2);
  assert.equal(records[1]!.line, 2);
});

test('reads an empty input as no records', () => {
  assert.equal(tokenize('').records.length, 0);
  assert.equal(tokenize('\uFEFF').records.length, 0);
});
