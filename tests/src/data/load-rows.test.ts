import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRows } from '../../../src/data/load.js';
import { dayToIso } from '../../../src/data/dates.js';
import type { AssessmentData, DataError, PupilData } from '../../../src/data/types.js';

test('reads row objects with the same aliases and checks as a CSV file, naming row numbers', async () => {
  const rows = [
    {
      LAchildID: 'A',
      CINreferralDate: '01/04/2023',
      AssessmentAuthorisationDate: 45020,
      Factors: ['3B', '4B'],
    },
    {
      LAchildID: 'B',
      CINreferralDate: '2023-04-01',
      AssessmentAuthorisationDate: '2023-03-01',
      Factors: '3B',
    },
    {
      LAchildID: 'C',
      CINreferralDate: new Date(Date.UTC(2023, 3, 1)),
      AssessmentAuthorisationDate: '2023-04-02',
      Factors: null,
      age: 7,
    },
  ];
  const seen: number[] = [];
  const r = await loadRows(rows, { fileName: 'data', onProgress: (done) => seen.push(done) });
  const d = r.data as AssessmentData;
  assert.equal(r.encoding, 'json');
  assert.equal(d.n, 2);
  assert.deepEqual(d.childId.levels, ['A', 'C']);
  assert.equal(dayToIso(d.assessmentDate[0]!), '2023-04-04'); // Excel serial 45020
  assert.equal(dayToIso(d.referralDate[1]!), '2023-04-01'); // a Date at UTC midnight is that day
  assert.deepEqual(d.factorCodes, ['3B', '4B']);
  assert.deepEqual([...d.age], [NaN, 7]);
  assert.deepEqual([...d.line], [1, 3]);
  assert.equal(
    r.problems[0]!.message,
    "data row 2, column AssessmentAuthorisationDate: '2023-03-01' is before the referral date 2023-04-01; expected an assessment on or after the referral date",
  );
  assert.deepEqual(seen, [3]);
});

test('reads pupils from rows, and refuses no rows or a row list that is not an array', async () => {
  const r = await loadRows([{ pupil_id: 'P1', key_stage: 4, year: 2019, attainment8: 20.5, fsm: true }], {
    fileName: 'p',
  });
  const d = r.data as PupilData;
  assert.equal(d.kind, 'pupils');
  assert.deepEqual([d.keyStage[0], d.attainment8[0], d.fsm[0]], [4, 20.5, 1]);
  await assert.rejects(loadRows([], { fileName: 'p' }), /p: there are no rows/);
  await assert.rejects(
    loadRows({} as unknown as [], { fileName: 'p' }),
    (e: DataError) =>
      e.code === 'invalid-source' &&
      /loadRows: invalid rows; expected an array of row objects/.test(e.message),
  );
});
