import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAssessments, loadPupils, loadTable } from '../../../src/data/load.js';
import { dayToIso, parseDate } from '../../../src/data/dates.js';
import {
  DataError,
  MISSING_DAY,
  hasFactor,
  type AssessmentData,
  type LoadResult,
} from '../../../src/data/types.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/data/${name}`, import.meta.url));
const HEAD = 'child_id,referral_date,assessment_date,factors\n';
const factorsOf = (d: AssessmentData, i: number): string[] =>
  d.factorCodes.filter((_, j) => hasFactor(d, i, j));
const level = (c: { codes: Int32Array; levels: string[] }, i: number): string | null =>
  c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]!;

/** An async iterable giving the bytes `size` at a time. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

test('reads a CIN census extract by its census column names, streamed from disk', async () => {
  const r = await loadAssessments(createReadStream(fixture('assessments-census.csv')), {
    fileName: 'census.csv',
  });
  const d = r.data;
  assert.equal(r.rowsRead, 5);
  assert.equal(r.rowsKept, 5);
  assert.deepEqual(r.excluded, {});
  assert.equal(r.delimiter, ',');
  assert.deepEqual(d.childId.levels, ['C001', 'C002', 'C003']);
  assert.deepEqual([...d.referralDate].map(dayToIso), [
    '2021-04-01',
    '2021-04-01',
    '2022-01-10',
    '2022-05-05',
    '2022-01-01',
  ]);
  assert.equal(dayToIso(d.assessmentDate[4]!), '2022-01-09'); // Excel serial 44570
  assert.equal(d.closureDate[2], MISSING_DAY);
  assert.equal(level(d.closureReason, 0), 'RC1');
  assert.equal(level(d.primaryNeed, 3), 'N4');
  assert.equal(level(d.gender, 2), '2');
  assert.equal(dayToIso(d.cppEnd[1]!), '2022-02-01');
  // Age in completed years at referral: born 15/06/2012, referred 01/04/2021 -> 8.
  assert.equal(d.age[0], 8);
  assert.equal(d.age[2], 13); // born 29/02/2008, referred 10/01/2022
  assert.equal(d.dateOfBirth[4], parseDate('39000'));
  // Factor lists separated by ; , | and spaces, with `f_` and leading zeros, in dictionary order.
  assert.deepEqual(d.factorCodes, ['3B', '4B', '11A', '16A', '20', '21', '24A']);
  assert.deepEqual(d.factorCounts, [3, 2, 1, 1, 1, 1, 1]);
  assert.deepEqual(factorsOf(d, 1), ['3B', '4B', '16A']);
  assert.deepEqual(factorsOf(d, 3), ['11A', '24A']);
  assert.deepEqual(factorsOf(d, 4), ['3B', '20']);
  assert.deepEqual([...d.line], [2, 3, 4, 5, 6]);
  assert.deepEqual(r.unknownFactorCodes, []);
});

test('excludes bad rows, counts them by reason and names file, line, column, value and what was expected', async () => {
  const r = await loadTable(readFileSync(fixture('assessments-bad.csv')), { fileName: 'bad.csv' });
  assert.equal(r.rowsRead, 8);
  assert.equal(r.rowsKept, 2);
  assert.deepEqual([...r.data.line], [2, 9]);
  assert.deepEqual(r.excluded, {
    'invalid-date': 1,
    'assessment-before-referral': 1,
    'closure-before-referral': 1,
    'unknown-closure-reason': 1,
    'ragged-row': 1,
    'missing-value': 1,
  });
  const byLine = new Map(r.problems.map((p) => [p.line, p]));
  assert.deepEqual(byLine.get(3), {
    file: 'bad.csv',
    line: 3,
    column: 'referral_date',
    value: '31/02/2021',
    expected: 'a date such as 2023-04-01 or 01/04/2023',
    code: 'invalid-date',
    message:
      "bad.csv line 3, column referral_date: '31/02/2021' is not a date; expected a date such as 2023-04-01 or 01/04/2023",
  });
  assert.equal(
    byLine.get(4)!.message,
    "bad.csv line 4, column assessment_date: '2021-03-20' is before the referral date 2021-04-01; expected an assessment on or after the referral date",
  );
  assert.equal(byLine.get(5)!.code, 'closure-before-referral');
  assert.match(
    byLine.get(6)!.message,
    /column closure_reason: 'RC9' is not a closure reason; expected a closure reason RC1 to RC8/,
  );
  assert.equal(
    byLine.get(7)!.message,
    'bad.csv line 7: the row has 2 fields where the header has 6; expected 6 fields',
  );
  assert.match(
    byLine.get(8)!.message,
    /bad\.csv line 8, column child_id: the value is empty; expected a value \(required\)/,
  );
  assert.equal(r.problemCount, 6);
});

test('keeps unknown factor codes as factors of their own and reports them with their counts', async () => {
  const csv =
    HEAD + 'A,2023-04-01,2023-04-02,3B;99Z\nB,2023-04-01,2023-04-02,99z;25A\nC,2023-04-01,2023-04-02,\n';
  const r = await loadAssessments(csv, { fileName: 'u.csv' });
  assert.deepEqual(r.data.factorCodes, ['3B', '99Z', '25A']);
  assert.deepEqual(r.unknownFactorCodes, [
    { code: '99Z', count: 2 },
    { code: '25A', count: 1 },
  ]);
  const warning = r.warnings.find((w) => w.code === 'unknown-factor-codes');
  assert.match(
    warning!.message,
    /2 factor codes not in the CIN factor dictionary .*: 99Z \(2 assessments\), 25A \(1 assessment\)/,
  );
  assert.match(
    r.warnings.find((w) => w.code === 'no-factors')!.message,
    /1 assessment with no factor recorded/,
  );
});

test('reads wide 0/1 factor columns named by code (3B, f_4B, 21) as the same bitset', async () => {
  const csv =
    'child_id,referral_date,assessment_date,3B,f_4b,21,year\nA,2023-04-01,2023-04-02,1,0,0,2023\nB,2023-04-01,2023-04-02,1,true,,2023\nC,2023-04-01,2023-04-02,0,0,yes,2023\nD,2023-04-01,2023-04-02,2,0,0,2023\n';
  const r = await loadAssessments(csv, { fileName: 'wide.csv' });
  assert.deepEqual(r.data.factorCodes, ['3B', '4B', '21']);
  assert.deepEqual(factorsOf(r.data, 1), ['3B', '4B']);
  assert.deepEqual(factorsOf(r.data, 2), ['21']);
  assert.deepEqual(r.excluded, { 'invalid-flag': 1 });
  assert.match(r.problems[0]!.message, /wide\.csv line 5, column 3B: '2' is not 0 or 1; expected 0 or 1/);
  assert.deepEqual(
    r.columns.map((c) => c.field),
    ['child_id', 'referral_date', 'assessment_date', 'factor:3B', 'factor:4B', 'factor:21', null],
  );
});

test('reads Windows-1252 (Excel on a UK machine): £ and accented names survive', async () => {
  // "Zoë £5" in Windows-1252: ë = 0xEB, £ = 0xA3; invalid as UTF-8.
  const head = new TextEncoder().encode('child_id,referral_date,assessment_date,factors,ethnicity\r\n');
  const row = new Uint8Array([
    ...new TextEncoder().encode('Zo'),
    0xeb,
    ...new TextEncoder().encode(',01/04/2023,02/04/2023,3B,'),
    0xa3,
    0x35,
    13,
    10,
  ]);
  const bytes = new Uint8Array([...head, ...row]);
  for (const size of [bytes.length, 1]) {
    const r = await loadAssessments(chunked(bytes, size), { fileName: 'w.csv' });
    assert.equal(r.encoding, 'windows-1252');
    assert.deepEqual(r.data.childId.levels, ['Zoë']);
    assert.deepEqual(r.data.ethnicity.levels, ['£5']);
  }
});

test('reads UTF-8 with a byte order mark, semicolons and CRLF, fed one byte at a time', async () => {
  const text =
    '\uFEFFLAchildID;CINreferralDate;AssessmentAuthorisationDate;Factors\r\nZoë;01/04/2023;02/04/2023;"3B;4B"\r\nJosé £;01/04/2023;02/04/2023;21\r\n';
  const bytes = new TextEncoder().encode(text);
  const r = await loadAssessments(chunked(bytes, 1), { fileName: 'bom.csv' });
  assert.equal(r.encoding, 'utf-8');
  assert.equal(r.delimiter, ';');
  assert.deepEqual(r.data.childId.levels, ['Zoë', 'José £']);
  assert.deepEqual(factorsOf(r.data, 0), ['3B', '4B']);
});

test('reads tab-separated files and a quoted field holding a newline', async () => {
  const tsv =
    'child_id\treferral_date\tassessment_date\tfactors\tethnicity\nA\t2023-04-01\t2023-04-02\t3B\t"White\nBritish"\n';
  const r = await loadAssessments(tsv, { fileName: 't.tsv' });
  assert.equal(r.delimiter, '\t');
  assert.deepEqual(r.data.ethnicity.levels, ['White\nBritish']);
});

test('reads US month-first dates when asked', async () => {
  const csv = HEAD + 'A,04/01/2023,04/20/2023,3B\n';
  const r = await loadAssessments(csv, { fileName: 'us.csv', monthFirst: true });
  assert.equal(dayToIso(r.data.referralDate[0]!), '2023-04-01');
  await assert.rejects(
    loadAssessments(csv, { fileName: 'us.csv' }),
    (e: DataError) => e.code === 'no-usable-rows',
  );
});

test('refuses an empty file, a header alone, a missing column and a file whose every row is bad', async () => {
  await assert.rejects(
    loadTable('', { fileName: 'e.csv' }),
    /e\.csv: the file is empty; expected a header line/,
  );
  await assert.rejects(
    loadTable(HEAD, { fileName: 'h.csv' }),
    (e: DataError) =>
      e.code === 'no-usable-rows' && /h\.csv: the file has a header but no data rows/.test(e.message),
  );
  await assert.rejects(
    loadTable('child_id,referral_date,factors\nA,2023-04-01,3B\n', { fileName: 'm.csv' }),
    /m\.csv: missing required column assessment_date \(or AssessmentAuthorisationDate\); the header has child_id, referral_date, factors/,
  );
  await assert.rejects(
    loadAssessments('child_id,referral_date,assessment_date\nA,2023-04-01,2023-04-02\n', {
      fileName: 'f.csv',
    }),
    /missing required column factors \(or FactorsIdentifiedAtAssessment, AssessmentFactors\) or one 0\/1 column per factor code/,
  );
  await assert.rejects(
    loadTable(HEAD + 'A,x,y,3B\nB,2023-04-01\n', { fileName: 'b.csv' }),
    (e: DataError) => {
      assert.equal(e.code, 'no-usable-rows');
      assert.match(
        e.message,
        /b\.csv: none of the 2 rows can be used \(3 problems\); the first: b\.csv line 2, column referral_date: 'x' is not a date/,
      );
      assert.equal(e.details.problems!.length, 3);
      assert.deepEqual(e.details.excluded, { 'invalid-date': 1, 'ragged-row': 1 });
      return true;
    },
  );
  await assert.rejects(
    loadTable('name,age\nx,3\n', { fileName: 'k.csv' }),
    (e: DataError) => e.code === 'unknown-kind',
  );
});

test('skips blank lines and Excel’s empty trailing rows, saying how many', async () => {
  const r = await loadAssessments(HEAD + 'A,2023-04-01,2023-04-02,3B\n\n,,,\n', { fileName: 'x.csv' });
  assert.equal(r.rowsRead, 1);
  assert.match(r.warnings.find((w) => w.code === 'blank-rows')!.message, /2 blank rows skipped/);
});

test('reports a quoted field that is never closed', async () => {
  const r = await loadAssessments(HEAD + 'A,2023-04-01,2023-04-02,3B\nB,2023-04-01,2023-04-02,"3B\n', {
    fileName: 'q.csv',
  });
  assert.deepEqual(r.excluded, { 'unclosed-quote': 1 });
  assert.match(r.problems[0]!.message, /q\.csv line 3: the row opens a quoted field that is never closed/);
});

test('reports progress in bytes of the total and stops with an AbortError when cancelled', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `C${i},2023-04-01,2023-04-02,3B`).join('\n');
  const bytes = new TextEncoder().encode(HEAD + rows + '\n');
  const seen: [number, number][] = [];
  const r = await loadAssessments(chunked(bytes, 4096), {
    fileName: 'p.csv',
    totalBytes: bytes.length,
    onProgress: (done, total) => seen.push([done, total]),
  });
  assert.equal(r.rowsKept, 3000);
  assert.equal(seen.length, Math.ceil(bytes.length / 4096));
  assert.deepEqual(seen.at(-1), [bytes.length, bytes.length]);
  assert.ok(seen.every(([d], i) => i === 0 || d > seen[i - 1]![0]));
  let chunks = 0;
  await assert.rejects(
    loadAssessments(chunked(bytes, 4096), {
      fileName: 'p.csv',
      onProgress: () => chunks++,
      isCancelled: () => chunks >= 2,
    }),
    (e: Error) => e.name === 'AbortError' && /p\.csv: loading was cancelled/.test(e.message),
  );
  assert.equal(chunks, 2);
});

test('reads a web ReadableStream (a File or a fetch body) and a Uint8Array the same way', async () => {
  const bytes = readFileSync(fixture('assessments-census.csv'));
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += 7) c.enqueue(new Uint8Array(bytes.subarray(i, i + 7)));
      c.close();
    },
  });
  const a = (await loadTable(stream, { fileName: 'c.csv' })) as LoadResult<AssessmentData>;
  const b = (await loadTable(new Uint8Array(bytes), { fileName: 'c.csv' })) as LoadResult<AssessmentData>;
  assert.deepEqual(a.data, b.data);
});

test('reads pupils: key stages, SEN codes, flags and ranges', async () => {
  const r = await loadPupils(createReadStream(fixture('pupils.csv')), { fileName: 'pupils.csv' });
  const d = r.data;
  assert.equal(d.kind, 'pupils');
  assert.deepEqual([...d.keyStage], [4, 4, 2]);
  assert.deepEqual([...d.year], [2019, 2019, 2018]);
  assert.deepEqual(d.sen.levels, ['support', 'none', 'ehcp']);
  assert.deepEqual([...d.fsm], [1, 0, 0]);
  assert.equal(level(d.childId, 1), null);
  assert.deepEqual([...d.ks2Reading].slice(2), [104]);
  assert.deepEqual(r.excluded, { 'invalid-value': 1, 'out-of-range': 1 });
  assert.match(
    r.problems[0]!.message,
    /pupils\.csv line 5, column key_stage: '3' is not a key stage; expected a key stage, 2 or 4/,
  );
  assert.match(
    r.problems[1]!.message,
    /line 6, column attainment8: '95' is out of range; expected a number from 0 to 90/,
  );
  // Auto-detection tells pupils from assessments by the header.
  const auto = await loadTable(readFileSync(fixture('pupils.csv')), { fileName: 'pupils.csv' });
  assert.equal(auto.data.kind, 'pupils');
});

test('refuses an invalid option with the function, option, allowed values and value given', async () => {
  await assert.rejects(
    loadTable('', { fileName: 'x', kind: 'people' as 'pupils' }),
    /loadTable: invalid kind; expected 'assessments', 'pupils' or 'auto', got 'people'/,
  );
});
