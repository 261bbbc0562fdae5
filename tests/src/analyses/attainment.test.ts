import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRows } from '../../../src/data/load-rows.js';
import type { AssessmentData, PupilData } from '../../../src/data/types.js';
import { attainment, type AttainmentRow } from '../../../src/analyses/attainment.js';
import { attainmentRows } from '../../../src/analyses/attainment-rows.js';
import { NOT_KNOWN, attainmentGroups } from '../../../src/analyses/attainment-groups.js';

// A tiny council worked out by hand. KS2 reading, exam year 2019 (so the cut-off is 2019-09-01).
// Every pupil is White, male, no SEN, IDACI decile 5: only group and free school meals vary.
// Cell means follow an additive model exactly:
//   not known: fsm 0 -> 104, 106 (mean 105); fsm 1 -> 101, 103 (mean 102)   a = 105, fsm = -3
//   category A: fsm 0 -> 98, 102 (mean 100); fsm 1 -> 97                       A = -5
//   uncategorised: fsm 1 -> 99, 101, 100 (mean 100 = 105 - 3 + U)               U = -2
// so OLS of y ~ group + fsm fits the cell means exactly and its group coefficients are -5 and -2,
// while the raw gaps are 99 - 103.5 = -4.5 and 100 - 103.5 = -3.5 (A has fewer FSM pupils).
// Children: C1 assessed 2019-05-01 (A) and 2019-10-01 (B, after the cut-off) -> A;
// C2 2018-03-01 (B) and 2019-08-31 (A, the last day before the cut-off) -> A; C3 2019-06-01 (A);
// C4 2017-01-01 (A) then 2019-02-01 (no category) -> uncategorised; C5, C6 no category;
// C7 assessed only on 2019-09-01 (the cut-off itself) -> excluded; C99 not in the file -> excluded.
const ASSESSMENTS = [
  ['C1', '2019-04-01', '2019-05-01', 0],
  ['C1', '2019-09-20', '2019-10-01', 1],
  ['C2', '2018-02-01', '2018-03-01', 1],
  ['C2', '2019-08-01', '2019-08-31', 0],
  ['C3', '2019-05-01', '2019-06-01', 0],
  ['C4', '2016-12-01', '2017-01-01', 0],
  ['C4', '2019-01-10', '2019-02-01', -1],
  ['C5', '2018-12-01', '2019-01-01', -1],
  ['C6', '2017-12-01', '2018-01-01', -1],
  ['C7', '2019-08-20', '2019-09-01', 0],
] as const;

const base = {
  ethnicity: 'White',
  gender: 'Male',
  sen: 'none',
  idaci_decile: '5',
  key_stage: '2',
  year: '2019',
};
const PUPILS: Record<string, string>[] = [
  ['', 104, 0],
  ['', 106, 0],
  ['', 101, 1],
  ['', 103, 1],
  ['C1', 98, 0],
  ['C2', 102, 0],
  ['C3', 97, 1],
  ['C4', 99, 1],
  ['C5', 101, 1],
  ['C6', 100, 1],
  ['C7', 90, 0],
  ['C99', 90, 0],
  ['', '', 0], // no reading score
].map(([child, reading, fsm], i) => ({
  ...base,
  pupil_id: `P${i + 1}`,
  child_id: String(child),
  ks2_reading: String(reading),
  ks2_maths: '100',
  ks2_rwm_expected: Number(reading) >= 100 ? '1' : '0',
  fsm: String(fsm),
}));
// Out of scope by default options: a KS4 result and a KS2 result of another year.
PUPILS.push({
  ...base,
  pupil_id: 'P20',
  child_id: '',
  key_stage: '4',
  attainment8: '50',
  prior_attainment: '105',
  ks2_reading: '',
});
PUPILS.push({ ...base, pupil_id: 'P21', child_id: '', year: '2018', ks2_reading: '103', fsm: '0' });

async function tiny(): Promise<{ a: AssessmentData; p: PupilData; of: Int32Array }> {
  const a = await loadRows(
    ASSESSMENTS.map(([child_id, referral_date, assessment_date]) => ({
      child_id,
      referral_date,
      assessment_date,
      factors: '3B',
    })),
    { fileName: 'assessments', kind: 'assessments' },
  );
  const p = await loadRows(PUPILS, { fileName: 'pupils', kind: 'pupils' });
  assert.equal(p.rowsKept, PUPILS.length, JSON.stringify(p.problems));
  return {
    a: a.data as AssessmentData,
    p: p.data as PupilData,
    of: Int32Array.from(ASSESSMENTS, (r) => r[3]),
  };
}

const row = (rows: AttainmentRow[], id: string) => rows.find((r) => r.id === id)!;
const near = (a: number | null, e: number, tol = 1e-9, what = '') =>
  assert.ok(a !== null && Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}: ${a} vs ${e}`);

test('the tiny council: groups from the latest assessment before 1 September, gaps worked out by hand', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', years: [2019], threshold: 0 },
  );
  assert.equal(r.rowsInScope, 13);
  assert.equal(r.n, 10);
  assert.deepEqual(r.excluded.map((e) => [e.code, e.rows]).sort(), [
    ['child-not-in-assessments', 1],
    ['missing_ks2_reading', 1],
    ['no-assessment-before-exam', 1],
  ]);
  assert.deepEqual(r.years, [2019]);
  const A = row(r.rows, 'category:0');
  const B = row(r.rows, 'category:1');
  const U = row(r.rows, 'uncategorised');
  assert.equal(A.n, 3);
  assert.equal(B.n, 0);
  assert.equal(B.adjustedGap, null, 'a category without pupils has no gap');
  assert.equal(U.n, 3);
  near(A.mean, 99);
  near(A.rawGap, -4.5);
  near(A.adjustedGap, -5, 1e-12, 'A adjusted');
  near(U.rawGap, -3.5);
  near(U.adjustedGap, -2, 1e-12, 'U adjusted');
  // All children in need: the average of the categories' adjusted gaps over their pupils.
  const cin = row(r.rows, 'all-cin');
  assert.equal(cin.n, 6);
  near(cin.rawGap, 99.5 - 103.5);
  near(cin.adjustedGap, -3.5, 1e-12);
  const all = row(r.rows, 'all');
  near(all.mean, 101.1);
  near(all.adjustedGap, 0.3 * -5 + 0.3 * -2, 1e-12);
  const nk = row(r.rows, 'not-known');
  assert.equal(nk.reference, true);
  assert.equal(nk.adjustedGap, null);
  near(nk.mean, 103.5);

  // Robust (HC1) standard errors as R computes them: B = solve(crossprod(X));
  // V = B %*% crossprod(X * resid) %*% B * n / (n - k) for lm(y ~ g + fsm) on these ten pupils.
  const V = { AA: 1.633333333333346, UU: 1.070370370370372, AU: 0.766666666666671 };
  near(A.se, 1.278019300845393, 1e-10, 'A se');
  near(U.se, 1.034587053065315, 1e-10, 'U se');
  near(cin.se, Math.sqrt(0.25 * (V.AA + V.UU + 2 * V.AU)), 1e-10, 'CIN se');
  const t6 = 2.44691185114497; // qt(0.975, 6)
  near(A.lower, -5 - t6 * A.se!, 1e-10);
  near(A.upper, -5 + t6 * A.se!, 1e-10);
  assert.equal(r.model!.df, 6);
  assert.equal(r.model!.robust, 'hc1');
  near(r.model!.r2, 0.796806966618286, 1e-10, 'R^2');
  assert.deepEqual(
    r.model!.terms.map((t) => t.term),
    ['(Intercept)', 'fsm', 'category=A', 'category=Children in need without a categorised assessment'],
  );
  // Single-level covariates (everyone White, male, no SEN, decile 5) add no term and say so.
  assert.equal(r.warnings.filter((w) => w.code === 'single-level-factor').length, 4);
});

test('classical standard errors when robust is null, as R lm', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', years: [2019], threshold: 0, robust: null },
  );
  near(row(r.rows, 'category:0').se, 1.183215956619927, 1e-10);
  near(row(r.rows, 'uncategorised').se, 1.308094458023243, 1e-10);
  near(row(r.rows, 'category:0').p, 5.52589382671982e-3, 1e-8);
});

test('against all pupils, every gap is measured from the all-pupil average', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', years: [2019], threshold: 0, comparison: 'all' },
  );
  const avg = 0.3 * -5 + 0.3 * -2;
  near(row(r.rows, 'category:0').adjustedGap, -5 - avg, 1e-12);
  near(row(r.rows, 'not-known').adjustedGap, -avg, 1e-12);
  near(row(r.rows, 'category:0').rawGap, 99 - 101.1);
  assert.equal(row(r.rows, 'all').reference, true);
  assert.equal(r.comparisonLabel, 'All pupils');
});

test('default years take every exam year at the key stage; the other key stage is out of scope', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', threshold: 0 },
  );
  assert.equal(r.rowsInScope, 14);
  assert.deepEqual(r.years, [2018, 2019]);
  assert.ok(r.model!.covariates.includes('exam year'));
});

test('rows of 1 to 5 pupils are suppressed in the result itself', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', years: [2019] },
  );
  const A = row(r.rows, 'category:0');
  assert.equal(A.suppressed, 'primary');
  assert.equal(A.n, null);
  assert.equal(A.mean, null);
  assert.equal(A.adjustedGap, null);
  // The comparison group has 4 pupils (hidden); all children in need, 6, would then follow from the
  // total, so it is hidden too; all pupils (10) stays.
  assert.equal(row(r.rows, 'not-known').suppressed, 'primary');
  assert.equal(row(r.rows, 'all-cin').suppressed, 'secondary');
  assert.equal(row(r.rows, 'all').n, 10);
  const term = r.model!.terms.find((t) => t.term === 'category=A')!;
  assert.equal(term.suppressed, true);
  assert.equal(term.estimate, null);
  assert.ok(r.warnings.some((w) => w.code === 'suppressed-rows'));
});

test('a single hidden category is protected by hiding the next smallest', () => {
  const rows = attainmentRows(
    {
      labels: ['A', 'B', 'C'],
      counts: Float64Array.of(3, 40, 12, 0, 100),
      sums: Float64Array.of(3, 40, 12, 0, 100),
    },
    null,
    'not-known',
    5,
  );
  assert.deepEqual(
    rows.map((r) => [r.id, r.suppressed]),
    [
      ['category:0', 'primary'],
      ['category:1', null],
      ['category:2', 'secondary'],
      ['uncategorised', null],
      ['all-cin', null],
      ['not-known', null],
      ['all', null],
    ],
  );
  assert.equal(rows[3]!.n, 0, 'an empty row is shown as 0, not suppressed');
});

test('options are checked and named', async () => {
  const { a, p, of } = await tiny();
  const cats = { labels: ['A', 'B'], ofAssessment: of };
  assert.throws(
    () => attainment(a, p, cats, { keyStage: 3 as 2 }),
    /attainment: invalid keyStage; expected 2 or 4, got 3/,
  );
  assert.throws(
    () => attainment(a, p, cats, { keyStage: 4, outcome: 'ks2_reading' }),
    /attainment: invalid outcome; expected a key stage 4 outcome \(attainment8, severe_absence, persistent_absence, suspended, permanently_excluded\)/,
  );
  assert.throws(() => attainment(a, p, cats, { threshold: -1 }), /invalid threshold/);
  assert.throws(
    () => attainment(a, p, { labels: ['A'], ofAssessment: of }),
    /invalid categories; expected categories from -1 to 0, got 1/,
  );
  assert.throws(
    () => attainment(a, p, { labels: ['A', 'B'], ofAssessment: new Int32Array(3) }),
    /one category per assessment row \(10\)/,
  );
});

test('the KS2 expected standard is a linear probability model with HC1, said in the result', async () => {
  const { a, p, of } = await tiny();
  const r = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, years: [2019], threshold: 0 },
  );
  assert.equal(r.outcome.id, 'ks2_rwm_expected');
  assert.equal(r.model!.type, 'lpm');
  assert.equal(r.model!.robust, 'hc1');
  near(row(r.rows, 'category:0').mean, 1 / 3); // 98, 102, 97: one at the expected standard
  const off = attainment(
    a,
    p,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, years: [2019], threshold: 0, robust: null },
  );
  assert.ok(off.warnings.some((w) => w.code === 'lpm-classical-se'));
});

test('no comparison pupils: a warning, no gaps', async () => {
  const { a, p, of } = await tiny();
  const known = { ...p, childId: { ...p.childId, codes: p.childId.codes.map((c) => (c < 0 ? 0 : c)) } };
  const r = attainment(
    a,
    known,
    { labels: ['A', 'B'], ofAssessment: of },
    { keyStage: 2, outcome: 'ks2_reading', years: [2019], threshold: 0 },
  );
  assert.equal(r.model, null);
  assert.ok(r.warnings.some((w) => w.code === 'no-comparison-group'));
  assert.ok(r.rows.every((x) => x.adjustedGap === null));
});

test('two assessments on the same day: the later row of the file gives the group', async () => {
  const a = await loadRows(
    [
      { child_id: 'C1', referral_date: '2019-01-01', assessment_date: '2019-03-01', factors: '3B' },
      { child_id: 'C1', referral_date: '2019-01-01', assessment_date: '2019-03-01', factors: '3B' },
      { child_id: 'C2', referral_date: '2019-01-01', assessment_date: '2019-03-01', factors: '3B' },
      { child_id: 'C2', referral_date: '2019-01-01', assessment_date: '2019-03-01', factors: '3B' },
    ],
    { fileName: 'a', kind: 'assessments' },
  );
  const p = await loadRows(
    ['C1', 'C2', ''].map((child_id, i) => ({ ...base, pupil_id: `P${i}`, child_id, ks2_reading: '100' })),
    { fileName: 'p', kind: 'pupils' },
  );
  const groups = attainmentGroups(
    a.data as AssessmentData,
    p.data as PupilData,
    Int32Array.of(1, 0, 0, -1),
    2,
    Int32Array.of(0, 1, 2),
  );
  assert.deepEqual([...groups], [0, 2, NOT_KNOWN]);
});
