// School outcomes (absence, suspension, exclusion) as linear probability models, worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRows } from '../../../src/data/load-rows.js';
import type { AssessmentData, PupilData } from '../../../src/data/types.js';
import { attainment } from '../../../src/analyses/attainment.js';

// KS2 pupils of 2019, every one White, male, no SEN, IDACI decile 5. Severe absence comes from
// sessions missed (160 of 300: severe; 20 of 300: not; 40 of 300: persistent only). Cell means
// follow an additive model exactly:
//   not known: fsm 0 -> 0, 0 (mean 0); fsm 1 -> 1, 0 (mean 0.5)        a = 0, fsm = 0.5
//   category A: fsm 0 -> 1, 0 (mean 0.5); fsm 1 -> 1 (mean 1)           A = 0.5
// so the adjusted gap of A is 0.5 and the raw gap 2/3 - 1/4.
const PUPILS = [
  ['', 20, 0],
  ['', 40, 0],
  ['', 160, 1],
  ['', 20, 1],
  ['C1', 160, 0],
  ['C2', 20, 0],
  ['C3', 160, 1],
].map(([child, missed, fsm], i) => ({
  pupil_id: `P${i + 1}`,
  child_id: String(child),
  key_stage: '2',
  year: '2019',
  ethnicity: 'White',
  gender: 'Male',
  sen: 'none',
  idaci_decile: '5',
  fsm: String(fsm),
  sessions_possible: '300',
  sessions_missed: String(missed),
}));

async function tiny(): Promise<{ a: AssessmentData; p: PupilData }> {
  const a = await loadRows(
    ['C1', 'C2', 'C3'].map((child_id) => ({
      child_id,
      referral_date: '2018-12-01',
      assessment_date: '2019-01-01',
      factors: '3B',
    })),
    { fileName: 'assessments', kind: 'assessments' },
  );
  const p = await loadRows(PUPILS, { fileName: 'pupils', kind: 'pupils' });
  assert.equal(p.rowsKept, PUPILS.length, JSON.stringify(p.problems));
  return { a: a.data as AssessmentData, p: p.data as PupilData };
}

test('severe and persistent absence come from sessions missed when the flags are absent', async () => {
  const { p } = await tiny();
  assert.deepEqual(Array.from(p.severeAbsence), [0, 0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(p.persistentAbsence), [0, 1, 1, 0, 1, 0, 1]);
  assert.ok(p.suspended.every(Number.isNaN), 'no suspension column: unknown');
});

test('severe absence by category: a linear probability model with HC1 errors and the DfE figures', async () => {
  const { a, p } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A'], ofAssessment: Int32Array.of(0, 0, 0) },
    { keyStage: 2, outcome: 'severe_absence', threshold: 0 },
  );
  assert.equal(r.outcome.model, 'lpm');
  assert.equal(r.outcome.scale, 'proportion');
  assert.deepEqual([r.outcome.national?.childrenInNeed, r.outcome.national?.allPupils], [0.101, 0.022]);
  const A = r.rows.find((x) => x.id === 'category:0')!;
  assert.ok(Math.abs(A.mean! - 2 / 3) < 1e-12);
  assert.ok(Math.abs(A.rawGap! - (2 / 3 - 1 / 4)) < 1e-12);
  assert.ok(Math.abs(A.adjustedGap! - 0.5) < 1e-12, `${A.adjustedGap}`);
  assert.equal(r.options.robust, 'hc1');
});

test('a school outcome the pupils file lacks leaves every row out, counted by reason', async () => {
  const { a, p } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A'], ofAssessment: Int32Array.of(0, 0, 0) },
    { keyStage: 2, outcome: 'suspended', threshold: 0 },
  );
  assert.equal(r.n, 0);
  assert.deepEqual(
    r.excluded.map((e) => [e.code, e.rows]),
    [['missing_suspended', 7]],
  );
});
