// Aggregate rows as frequency-weighted assessments: worked by hand, a group of three counts as three
// identical rows in every demand figure, an unborn child's band survives, and bad counts are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demand } from '../../../src/analyses/demand.js';
import { loadRows } from '../../../src/data/load-rows.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { demandData } from '../../../src/sql/aggregate-data.js';

const group = (over: Record<string, string | number | null>) => ({
  factors: '3B;4B',
  financial_year: 2020,
  age_band: 5,
  gender: 'Female',
  ethnicity: 'WBRI',
  first_date: '2020-05-01',
  last_date: '2020-05-01',
  n: 1,
  ...over,
});

test('a group of n assessments is n identical rows to the demand analysis', async () => {
  const groups = [
    group({ n: 3, first_date: '2020-05-01', last_date: '2021-01-10' }),
    group({ factors: '17A', age_band: -1, gender: 'Male', n: 2 }),
    group({ factors: '21', financial_year: 2021, first_date: '2021-06-01', last_date: '2021-06-01' }),
  ];
  const weighted = await demandData(groups);
  // The first group became two rows (3 - 1 on its first date, 1 on its last): 4 rows in all.
  assert.deepEqual(Array.from(weighted.weight!), [2, 1, 2, 1]);
  assert.deepEqual(Array.from(weighted.age), [5, 5, -1, 5]);
  const rows = [
    ...['2020-05-01', '2020-05-01', '2021-01-10'].map((d) => ({
      factors: '3B;4B',
      date_of_birth: '2012-01-01',
      gender: 'Female',
      ethnicity: 'WBRI',
      assessment_date: d,
    })),
    ...[1, 2].map(() => ({
      factors: '17A',
      date_of_birth: '2021-01-01',
      gender: 'Male',
      ethnicity: 'WBRI',
      assessment_date: '2020-05-01',
    })),
    {
      factors: '21',
      date_of_birth: '2012-01-01',
      gender: 'Female',
      ethnicity: 'WBRI',
      assessment_date: '2021-06-01',
    },
  ].map((r, i) => ({ child_id: `c${i}`, referral_date: r.assessment_date, ...r }));
  const plain = (await loadRows(rows, { fileName: 'rows', kind: 'assessments' })).data as AssessmentData;
  assert.deepEqual(Array.from(plain.age), [8, 8, 9, -1, -1, 9]);
  const a = await demand(weighted);
  const b = await demand(plain);
  assert.equal(a.n, 6);
  assert.equal(a.noFactors, 1);
  assert.deepEqual(
    a.categories.map((c) => c.count),
    b.categories.map((c) => c.count),
  );
  assert.deepEqual(a.years, b.years);
  assert.deepEqual(a.characteristics, b.characteristics);
  assert.ok(a.characteristics.some((c) => c.dimension === 'age' && c.group === 'Unborn' && c.n === 2));
  assert.ok(Math.abs(a.fit.logLik - b.fit.logLik) < 1e-9);
});

test('a count that is not a whole number of 1 or more is named with its row', async () => {
  await assert.rejects(demandData([group({ n: 0 })]), /demand: row 1, column n: expected a whole number/);
  await assert.rejects(demandData([group({ n: '2.5' })]), /row 1, column n/);
  await assert.rejects(
    demandData([group({ first_date: '01/05/2020' })]),
    /column first_date: expected a date/,
  );
});

test('columns are matched whatever their case, and a missing one is named', async () => {
  const upper = Object.fromEntries(Object.entries(group({ n: 2 })).map(([k, v]) => [k.toUpperCase(), v]));
  assert.deepEqual(Array.from((await demandData([upper])).weight!), [2]);
  const noGender: Record<string, string | number | null> = group({});
  delete noGender.gender;
  await assert.rejects(
    demandData([noGender]),
    /demand: no column gender; expected the columns csc-demand sql names/,
  );
});

test('a saved CSV result is read as an engine writes it: quoted fields, doubled quotes, CRLF, empty as null', async () => {
  const { csvRows } = await import('../../../src/sql/csv-rows.js');
  const text = '\uFEFFfactors,gender,n\r\n"3B,4B","say ""x""",2\r\n21,,1\r\n';
  assert.deepEqual(csvRows(text, 'demand.csv'), [
    { factors: '3B,4B', gender: 'say "x"', n: '2' },
    { factors: '21', gender: null, n: '1' },
  ]);
  assert.throws(() => csvRows('a,b\n1\n', 'demand.csv'), /demand\.csv: line 2: expected 2 fields/);
  assert.throws(() => csvRows('a\n"open\n', 'demand.csv'), /line 2: a quoted field is never closed/);
});
