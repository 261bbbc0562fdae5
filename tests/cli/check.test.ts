import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/data/${name}`, import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('check lists each bad row as file:line: column: message, sums up and exits 1', async () => {
  const r = await cli('check', fixture('assessments-bad.csv'));
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.equal(
    lines[0],
    "assessments-bad.csv:3: referral_date: '31/02/2021' is not a date; expected a date such as 2023-04-01 or 01/04/2023",
  );
  assert.equal(
    lines[4],
    'assessments-bad.csv:7: the row has 2 fields where the header has 6; expected 6 fields',
  );
  assert.match(
    lines.at(-1)!,
    /^assessments-bad\.csv: assessments, 8 rows read, 2 kept, 6 excluded \(1 not a date, 1 assessment before referral, .*\); utf-8, delimiter ','$/,
  );
});

test('check exits 0 on a clean file and prints its counts', async () => {
  const r = await cli('check', fixture('assessments-census.csv'));
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    "assessments-census.csv: assessments, 5 rows read, 5 kept, 0 excluded; utf-8, delimiter ','\n",
  );
});

test('check --json prints one document with the problems', async () => {
  const r = await cli('check', fixture('pupils.csv'), '--json');
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(doc.ok, false);
  assert.equal(doc.kind, 'pupils');
  assert.equal(doc.rowsKept, 3);
  assert.deepEqual(doc.excluded, { 'invalid-value': 1, 'out-of-range': 1 });
  assert.equal(doc.problems[0].line, 5);
  assert.equal(doc.problems[0].column, 'key_stage');
});

test('check reports an unusable file on stderr with exit 1, and bad usage with exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-check-'));
  const header = join(dir, 'header.csv');
  writeFileSync(header, 'child_id,referral_date,assessment_date,factors\r\n');
  const r = await cli('check', header);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'csc-demand check: header.csv: the file has a header but no data rows\n');
  const allBad = join(dir, 'bad.csv');
  writeFileSync(allBad, 'child_id,referral_date,assessment_date,factors\nA,01/13/2023,2023-02-01,3B\n');
  const b = await cli('check', allBad);
  assert.equal(b.code, 1);
  assert.match(b.out, /^bad\.csv:2: referral_date: '01\/13\/2023' is not a date/);
  assert.match(b.err, /none of the 1 row can be used/);
  const m = await cli('check', allBad, '--month-first');
  assert.equal(m.code, 0, m.out + m.err);
  assert.equal((await cli('check', join(dir, 'missing.csv'))).code, 1);
  assert.equal((await cli('check')).code, 2);
  assert.equal((await cli('check', header, '--kind', 'people')).code, 2);
});

const malformed = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/malformed/${name}`, import.meta.url));

test('check answers each file of the malformed-input corpus by file, line and column, counting every row', async () => {
  // [file, exit code, the lines printed (problems, then the counts), what stderr says]
  const cases: [string, number, RegExp[], RegExp | null][] = [
    [
      'unclosed-quote.csv',
      1,
      [
        /^unclosed-quote\.csv:5: the row opens a quoted field that is never closed: the rest of the file, lines 5 to 45 \(41 rows\), went into it/,
        /^unclosed-quote\.csv: assessments, 44 rows read, 3 kept, 41 excluded \(41 a quoted field never closed\)/,
      ],
      null,
    ],
    [
      'nul-in-value.csv',
      1,
      [
        /^nul-in-value\.csv:3: gender: 'Ma\\0le' holds a zero byte/,
        /^nul-in-value\.csv:4: gender: 'Male\\0' holds a zero byte/,
        /^nul-in-value\.csv: assessments, 4 rows read, 2 kept, 2 excluded \(2 a zero byte in a value\)/,
      ],
      null,
    ],
    [
      'birth-after-referral.csv',
      1,
      [
        /^birth-after-referral\.csv:3: date_of_birth: '2031-04-02' is more than 42 weeks after the referral date 2023-04-01/,
        /^birth-after-referral\.csv: assessments, 3 rows read, 2 kept, 1 excluded \(1 born long after the referral\)/,
      ],
      null,
    ],
    [
      'duplicate-column.csv',
      0,
      [
        /^duplicate-column\.csv: assessments, 2 rows read, 2 kept, 0 excluded/,
        /^warning: duplicate-column\.csv: columns are duplicated: Gender \(columns 5 and 6\), LAchildID \(column 7, another name for child_id in column 1\)/,
      ],
      null,
    ],
    [
      'utf16le-no-bom.csv',
      0,
      [
        /^utf16le-no-bom\.csv: assessments, 3 rows read, 3 kept, 0 excluded; utf-16le/,
        /^warning: utf16le-no-bom\.csv: read as UTF-16LE: the file has no byte order mark/,
      ],
      null,
    ],
    [
      'utf16-unrecognised.csv',
      1,
      [],
      /^csc-demand check: utf16-unrecognised\.csv: the header line holds zero bytes, as text saved as UTF-16 does/,
    ],
  ];
  for (const [name, code, lines, err] of cases) {
    const r = await cli('check', malformed(name));
    assert.equal(r.code, code, `${name}: ${r.out}${r.err}`);
    const out = r.out.trim() === '' ? [] : r.out.trim().split('\n');
    assert.equal(out.length, lines.length, `${name}: ${r.out}`);
    lines.forEach((re, i) => assert.match(out[i]!, re, name));
    if (err) assert.match(r.err, err);
    else assert.equal(r.err, '');
  }
  // A 200 KB field in a date column: a problem of line 3, not a crash of the whole file.
  const dir = mkdtempSync(join(tmpdir(), 'csc-check-long-'));
  const long = join(dir, 'long.csv');
  writeFileSync(
    long,
    'child_id,referral_date,assessment_date,factors\nA,2023-04-01,2023-04-02,3B\n' +
      `B,${'1'.repeat(200_000)},2023-04-02,3B\n`,
  );
  const r = await cli('check', long);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^long\.csv:3: referral_date: '1{77}\.\.\.' is not a date/);
  assert.match(r.out, /long\.csv: assessments, 2 rows read, 1 kept, 1 excluded \(1 not a date\)/);
});
