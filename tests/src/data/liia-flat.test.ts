// The LIIA flat CIN table (one row per event, as regional pipelines make from CIN census returns):
// recognised from its header, gathered back into one row per assessment; the synthetic council
// written as such a table reads as the same dataset as its CSV; a table of two years merges an
// episode carried over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTable } from '../../../src/data/load.js';
import { synthesiseRows } from '../../../src/synth/rows.js';
import { dayToIso } from '../../../src/data/dates.js';
import type { AssessmentData } from '../../../src/data/types.js';
import type { AssessmentRow } from '../../../src/synth/types.js';

const HEADER = [
  'LAchildID', 'Date', 'Type', 'CINreferralDate', 'ReferralSource', 'PrimaryNeedCode', 'CINclosureDate',
  'ReasonForClosure', 'DateOfInitialCPC', 'ReferralNFA', 'CINPlanStartDate', 'CINPlanEndDate',
  'S47ActualStartDate', 'InitialCPCtarget', 'ICPCnotRequired', 'AssessmentActualStartDate',
  'AssessmentInternalReviewDate', 'AssessmentAuthorisationDate', 'Factors', 'CPPstartDate', 'CPPendDate',
  'InitialCategoryOfAbuse', 'LatestCategoryOfAbuse', 'NumberOfPreviousCPP', 'UPN', 'FormerUPN', 'UPNunknown',
  'PersonBirthDate', 'ExpectedPersonBirthDate', 'GenderCurrent', 'PersonDeathDate', 'PersonSchoolYear',
  'Ethnicity', 'Disabilities', 'LA', 'Year',
]; // prettier-ignore
const ETHNIC: Record<string, string> = {
  White: 'WBRI',
  Mixed: 'MWBC',
  Asian: 'AIND',
  Black: 'BAFR',
  Other: 'OOTH',
  'Not known': 'NOBT',
};

/** A synthetic row's events, as liia-tools writes them (event_to_records). */
function events(r: AssessmentRow, year: string): string[] {
  const base: Record<string, string> = {
    LAchildID: r.child_id,
    CINreferralDate: r.referral_date,
    ReferralSource: r.referral_source,
    PrimaryNeedCode: r.primary_need,
    CINclosureDate: r.closure_date,
    ReasonForClosure: r.closure_reason,
    PersonBirthDate: r.date_of_birth,
    GenderCurrent: r.gender === 'Male' ? '1' : '2',
    Ethnicity: ETHNIC[r.ethnicity]!,
    Disabilities: r.disability === 'Yes' ? 'DDA' : 'NONE',
    LA: 'Exampleshire',
    Year: year,
  };
  const assessment = {
    AssessmentActualStartDate: r.referral_date,
    AssessmentAuthorisationDate: r.assessment_date,
    Factors: r.factors.split(';').join(','),
  };
  const plan = { CPPstartDate: r.cpp_start_date, CPPendDate: r.cpp_end_date };
  const out: Record<string, string>[] = [];
  const ev = (type: string, extra: Record<string, string>) => {
    const rec: Record<string, string> = { ...base, ...extra };
    if (rec[type]) out.push({ ...rec, Date: rec[type]!, Type: type });
  };
  ev('CINreferralDate', {});
  ev('CINclosureDate', {});
  ev('AssessmentActualStartDate', assessment);
  ev('AssessmentAuthorisationDate', assessment);
  ev('CPPstartDate', plan);
  ev('CPPendDate', plan);
  return out.map((o) => HEADER.map((h) => (/[",]/.test(o[h] ?? '') ? `"${o[h]}"` : (o[h] ?? ''))).join(','));
}

test('the synthetic council as a LIIA flat table reads as the same assessments as its CSV', async () => {
  const { assessments } = synthesiseRows({ assessments: 800, seed: 9 });
  const table = [HEADER.join(','), ...assessments.flatMap((r) => events(r, '2024'))].join('\r\n') + '\r\n';
  const liia = await loadTable(table, { fileName: 'cin_flat.csv' });
  const csv = await loadTable(
    [
      Object.keys(assessments[0]!).join(','),
      ...assessments.map((r) =>
        Object.values(r)
          .map((v) => (v.includes(',') ? `"${v}"` : v))
          .join(','),
      ),
    ].join('\n'),
    { fileName: 'a.csv' },
  );
  assert.equal(liia.warnings[0]!.code, 'liia-flat-table');
  assert.equal(liia.rowsKept, 800);
  assert.deepEqual(liia.problems, []);
  const x = liia.data as AssessmentData;
  const c = csv.data as AssessmentData;
  for (const k of [
    'referralDate',
    'assessmentDate',
    'closureDate',
    'dateOfBirth',
    'cppStart',
    'cppEnd',
    'age',
    'factors',
  ] as const)
    assert.deepEqual([...x[k]], [...c[k]], k);
  assert.deepEqual(x.factorCodes, c.factorCodes);
  assert.deepEqual(x.childId, c.childId);
  assert.deepEqual(x.closureReason, c.closureReason);

  // In pieces, as a file is streamed: the records of the first piece after the header are held
  // while the table's reader is imported, the rest go to it straight; every one is read the same.
  const bytes = new TextEncoder().encode(table);
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += 4093) yield bytes.subarray(i, i + 4093);
  }
  const split = await loadTable(pieces(), { fileName: 'cin_flat.csv' });
  assert.equal(split.rowsKept, 800);
  const y = split.data as AssessmentData;
  for (const k of ['referralDate', 'assessmentDate', 'closureDate', 'factors'] as const)
    assert.deepEqual([...y[k]], [...x[k]], `${k}, read in pieces`);
  assert.deepEqual(y.childId, x.childId);
});

test('a table of two years merges an episode carried over; a bad date is named by line and column', async () => {
  const open: AssessmentRow = {
    child_id: 'A1', referral_date: '2023-03-01', assessment_date: '2023-03-20', factors: '3B;4B', closure_date: '',
    closure_reason: '', referral_source: '2A', primary_need: 'N1', date_of_birth: '2015-02-01', gender: 'Female',
    ethnicity: 'White', disability: 'No', imd_decile: '', cpp_start_date: '', cpp_end_date: '', cpp_category: '', care_start_date: '', care_end_date: '',
  }; // prettier-ignore
  const closed = {
    ...open,
    closure_date: '2023-07-01',
    closure_reason: 'RC7',
    cpp_start_date: '2023-04-01',
    cpp_end_date: '2023-06-20',
  };
  const bad = { ...open, child_id: 'B2', referral_date: '2023-02-30' };
  const table = [
    HEADER.join(','),
    ...events(open, '2023'),
    ...events(closed, '2024'),
    ...events(bad, '2024'),
  ].join('\n');
  const r = await loadTable(table, { fileName: 'cin_flat.csv' });
  assert.equal(r.rowsKept, 1);
  assert.deepEqual(r.merged, { episodes: 1, assessments: 1 });
  const d = r.data as AssessmentData;
  assert.equal(dayToIso(d.closureDate[0]!), '2023-07-01');
  assert.equal(dayToIso(d.cppStart[0]!), '2023-04-01');
  assert.match(
    r.problems[0]!.message,
    /^cin_flat\.csv line 1[0-9], column CINreferralDate: '2023-02-30' is not a date/,
  );
});
