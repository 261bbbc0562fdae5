// Repeat plans and re-entry to care as outcomes of the re-referral analysis, worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRows } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { rereferral } from '../../../src/analyses/rereferral.js';

// Extract 31 December 2023.
// R1: plan 1 Jan-30 Jun 2020 (on two rows, the end on one only), plan 2 from 1 Jan 2021 (to 1 Mar
//     2021): repeat at 185 days; plan 2 censored at the extract, 1,035 days.
// R2: plan from 1 Jan 2021, no end: open, not at risk.
// R3 (born 1 Jun 2004): plan ends 1 Jan 2022: censored at the 18th birthday, 151 days.
// R4: plans 1 Jan-1 Dec 2019, 1 Nov-15 Dec 2019 (overlapping the first: not its repeat) and
//     1 Feb-1 May 2020: events at 62 and 48 days; the last censored at 1,339 days.
// KM: 48 (e), 62 (e), 151 (c), 185 (e), 1,035 (c), 1,339 (c): S(12 months) = 5/6 x 4/5 x 2/3 = 4/9.
// Care: C1 in care 1 Jan-1 Mar 2020, again 1 Sep 2020 (to 1 Jan 2021): re-entry at 184 days, the
//     second censored at 1,094; C2 in care 2020 then adopted (RC1): not at risk.
const base = {
  referral_date: '2019-01-01',
  assessment_date: '2019-01-05',
  factors: '3B',
  date_of_birth: '2010-01-01',
  closure_date: '',
  closure_reason: '',
  cpp_start_date: '',
  cpp_end_date: '',
  care_start_date: '',
  care_end_date: '',
};
const ROWS: Record<string, string>[] = [
  { ...base, child_id: 'R1', cpp_start_date: '2020-01-01', cpp_end_date: '2020-06-30' },
  { ...base, child_id: 'R1', assessment_date: '2019-02-01', cpp_start_date: '2020-01-01' },
  { ...base, child_id: 'R1', cpp_start_date: '2021-01-01', cpp_end_date: '2021-03-01' },
  { ...base, child_id: 'R2', cpp_start_date: '2021-01-01' },
  {
    ...base,
    child_id: 'R3',
    date_of_birth: '2004-06-01',
    cpp_start_date: '2021-06-01',
    cpp_end_date: '2022-01-01',
  },
  { ...base, child_id: 'R4', cpp_start_date: '2019-01-01', cpp_end_date: '2019-12-01' },
  { ...base, child_id: 'R4', cpp_start_date: '2019-11-01', cpp_end_date: '2019-12-15' },
  { ...base, child_id: 'R4', cpp_start_date: '2020-02-01', cpp_end_date: '2020-05-01' },
  {
    ...base,
    child_id: 'C1',
    care_start_date: '2020-01-01',
    care_end_date: '2020-03-01',
    closure_date: '2020-03-01',
    closure_reason: 'RC7',
  },
  { ...base, child_id: 'C1', care_start_date: '2020-09-01', care_end_date: '2021-01-01' },
  {
    ...base,
    child_id: 'C2',
    care_start_date: '2020-01-01',
    care_end_date: '2020-12-01',
    closure_date: '2020-12-01',
    closure_reason: 'RC1',
  },
];

async function tiny(): Promise<AssessmentData> {
  const r = await loadRows(ROWS, { fileName: 'tiny', kind: 'assessments' });
  assert.equal(r.rowsKept, ROWS.length, JSON.stringify(r.problems));
  return r.data as AssessmentData;
}

test('repeat plans: from the end of a plan to the start of another, censoring at 18 and at the extract', async () => {
  const r = rereferral(await tiny(), {
    outcome: 'repeat-plan',
    group: 'none',
    extractDate: '2023-12-31',
    cox: false,
  });
  assert.equal(r.options.outcome, 'repeat-plan');
  assert.equal(r.episodes.total, 7);
  assert.equal(r.n, 6);
  assert.equal(r.events, 3);
  assert.deepEqual(
    r.episodes.notAtRisk.map((x) => [x.code, x.episodes]),
    [['open', 1]],
  );
  assert.deepEqual(
    r.censored.map((c) => [c.code, c.episodes]),
    [
      ['data-end', 2],
      ['birthday-18', 1],
    ],
  );
  const at12 = r.overall.at.months12.estimate!;
  assert.ok(Math.abs(at12 - 5 / 9) < 1e-12, `${at12}`);
  assert.deepEqual(
    r.benchmarks.map((b) => [b.id, b.sameDefinition]),
    [['dfe-repeat-plan', false]],
  );
});

test('re-entry to care: from leaving care to entering again; adoption takes a period out of the risk set', async () => {
  const r = rereferral(await tiny(), {
    outcome: 'care-reentry',
    group: 'none',
    extractDate: '2023-12-31',
    cox: false,
  });
  assert.equal(r.n, 2);
  assert.equal(r.events, 1);
  assert.deepEqual(
    r.episodes.notAtRisk.map((x) => [x.code, x.episodes]),
    [['adopted-or-died', 1]],
  );
  assert.equal(r.overall.at.months12.estimate, 0.5);
  assert.deepEqual(r.benchmarks, []);
});

test('an unknown outcome throws naming the allowed ones', async () => {
  assert.throws(
    () => rereferral(ROWS as never, { outcome: 'relapse' as never }),
    /invalid outcome; expected one of rereferral, repeat-plan, care-reentry, got 'relapse'/,
  );
});
