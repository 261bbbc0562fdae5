import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments, loadRows } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { synthesise } from '../../../src/synth/synth.js';
import { rereferral, type RereferralResult } from '../../../src/analyses/rereferral.js';
import { assignCategories } from '../../../src/analyses/categories.js';

// A council of seven children, worked out by hand (extract date 31 December 2023):
// C1 (born 2010): closed 1 Mar 2020 (RC8), re-referred 1 Jun 2020: event at 92 days; that episode
//    closed 1 Dec 2020 (RC7), nothing after: censored at the extract, 1,125 days.
// C2 (born 15 Jun 2005): closed 1 Feb 2021 (RC8): censored at the 18th birthday, 864 days.
// C3: closed by adoption (RC1): not at risk, though referred again later (that episode is open).
// C4 (18 on 1 Jan 2021): closed 1 Feb 2021 after the 18th birthday: not at risk.
// C5: one episode with two assessments, closed 1 Apr 2022 (RC8) and re-referred the same day:
//    event at 0 days; that episode closed by transfer (RC5): not at risk.
// C6: episode 1 (1 Jan-1 Dec 2021) overlaps episode 2 (referred 1 Jun 2021, closed 1 Jul 2021);
//    episode 3 referred 10 Jan 2022, open. Episode 1: event at 40 days; episode 2: event at 193.
// C7: no date of birth, aged 16 at referral (1 Jan 2022), closed 1 Feb 2022 (RC8): 18th birthday
//    estimated at 3 Jul 2023 (referral + 1.5 years): censored at 517 days.
const ROWS: Record<string, string>[] = [
  row('C1', '2020-01-01', '2020-01-10', '2020-03-01', 'RC8', '2010-01-01', 'Male'),
  row('C1', '2020-06-01', '2020-06-05', '2020-12-01', 'RC7', '2010-01-01', 'Male'),
  row('C2', '2021-01-01', '2021-01-05', '2021-02-01', 'RC8', '2005-06-15', 'Female'),
  row('C3', '2019-03-01', '2019-03-05', '2019-05-01', 'RC1', '2012-05-05', 'Male'),
  row('C3', '2021-07-01', '2021-07-05', '', '', '2012-05-05', 'Male'),
  row('C4', '2020-10-01', '2020-10-05', '2021-02-01', 'RC7', '2003-01-01', 'Male'),
  row('C5', '2022-01-01', '2022-01-15', '2022-04-01', 'RC8', '2015-01-01', 'Female'),
  row('C5', '2022-01-01', '2022-03-01', '2022-04-01', 'RC8', '2015-01-01', 'Female'),
  row('C5', '2022-04-01', '2022-04-10', '2022-05-01', 'RC5', '2015-01-01', 'Female'),
  row('C6', '2021-01-01', '2021-01-05', '2021-12-01', 'RC7', '2011-01-01', 'Male'),
  row('C6', '2021-06-01', '2021-06-05', '2021-07-01', 'RC8', '2011-01-01', 'Male'),
  row('C6', '2022-01-10', '2022-01-12', '', '', '2011-01-01', 'Male'),
  { ...row('C7', '2022-01-01', '2022-01-05', '2022-02-01', 'RC8', '', 'Female'), age: '16' },
];

function row(
  child: string,
  referral: string,
  assessment: string,
  closure: string,
  reason: string,
  dob: string,
  gender: string,
): Record<string, string> {
  return {
    child_id: child,
    referral_date: referral,
    assessment_date: assessment,
    factors: '3B',
    closure_date: closure,
    closure_reason: reason,
    date_of_birth: dob,
    gender,
    age: '',
  };
}

async function tiny(): Promise<AssessmentData> {
  const r = await loadRows(ROWS, { fileName: 'tiny', kind: 'assessments' });
  assert.equal(r.rowsKept, ROWS.length, JSON.stringify(r.problems));
  return r.data as AssessmentData;
}

const close = (a: number | null, b: number, tol: number, what: string): void =>
  assert.ok(a !== null && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('episodes worked out by hand: at risk, events, censoring at 18 and at the extract, not at risk by reason', async () => {
  const r = rereferral(await tiny(), { group: 'none', extractDate: '2023-12-31' });
  assert.equal(r.episodes.total, 12);
  assert.equal(r.n, 7);
  assert.equal(r.events, 4);
  assert.deepEqual(
    r.censored.map((c) => [c.code, c.episodes]),
    [
      ['data-end', 1],
      ['birthday-18', 2],
    ],
  );
  assert.deepEqual(Object.fromEntries(r.episodes.notAtRisk.map((x) => [x.code, x.episodes])), {
    open: 2,
    RC1: 1,
    RC5: 1,
    'closed-at-18': 1,
  });
  assert.equal(r.episodes.notAtRisk.find((x) => x.code === 'RC1')!.reason, 'closed: adopted (RC1)');
  // Steps at 0, 40, 92 and 193 days: S = 6/7, 5/7, 4/7, 3/7.
  const c = r.overall;
  const days = (m: number): number => Math.round((m * 365.25) / 12);
  assert.deepEqual(c.months.slice(0, 5).map(days), [0, 0, 40, 92, 193]);
  assert.deepEqual(c.estimate.slice(0, 5), [0, 0.142857, 0.285714, 0.428571, 0.571429]);
  // The curve ends at the longest follow-up (1,125 days), which also cuts the horizon.
  assert.equal(days(c.months.at(-1)!), 1125);
  assert.equal(c.estimate.at(-1), 0.571429);
  close(r.horizonMonths, (1125 / 365.25) * 12, 1e-4, 'horizon');
  assert.ok(r.warnings.some((w) => w.code === 'horizon-cut'));
  // R: summary(survfit(Surv(t, e) ~ 1, conf.type = 'log-log'), times = 365.25): 1 - S and 1 - limits.
  const at = c.at.months12;
  close(at.estimate, 4 / 7, 1e-12, '12-month estimate');
  close(at.lower, 0.2656265829485529, 1e-10, '12-month lower');
  close(at.upper, 0.9022477978830712, 1e-10, '12-month upper');
  assert.equal(at.nRisk, 3);
  // Nobody was followed for six years: no value rather than an extrapolation.
  assert.deepEqual(c.at.years6, { months: 72, estimate: null, lower: null, upper: null, nRisk: 0 });
  assert.deepEqual(
    c.risk.map((x) => [x.months, x.nRisk]),
    [
      [0, 7],
      [12, 3],
      [24, 2],
      [36, 1],
    ],
  );
  assert.ok(r.warnings.some((w) => w.code === 'birthday-estimated' && w.message.startsWith('1 ')));
  assert.ok(r.warnings.some((w) => w.code === 'overlapping-episodes' && w.message.startsWith('1 ')));
  assert.equal(r.logRank, null);
  assert.equal(r.cox, null);
  assert.equal(r.options.extractDate, '2023-12-31');
  // Plain JSON: survives a round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('the extract date defaults to the latest date in the file, and ends follow-up there', async () => {
  const r = rereferral(await tiny(), { group: 'none' });
  assert.equal(r.options.extractDate, '2022-05-01');
  // C1's second closure (1 Dec 2020) is now censored at 1 May 2022: 516 days; C2 and C7 at the extract too.
  assert.equal(r.n, 7);
  assert.deepEqual(
    r.censored.map((c) => c.episodes),
    [3, 0],
  );
  const last = Math.round((r.overall.lastMonths * 365.25) / 12);
  assert.equal(last, 516);
});

test('an earlier extract date makes later closures open and ignores later referrals', async () => {
  const r = rereferral(await tiny(), { group: 'none', extractDate: '2021-11-30' });
  // At risk: C1 (event at 92; second episode censored at 364 days), C2 (censored at 302 days), C6's
  // second episode (closed 1 Jul 2021, re-referred after the extract: censored at 152 days).
  assert.equal(r.n, 4);
  assert.equal(r.events, 1);
  const notAtRisk = Object.fromEntries(r.episodes.notAtRisk.map((x) => [x.code, x.episodes]));
  // Open: C3's second episode, and C6's first (closed after the extract). Referred after it: C5 (two), C6, C7.
  assert.deepEqual(notAtRisk, { open: 2, 'after-extract': 4, RC1: 1, 'closed-at-18': 1 });
  assert.equal(Math.round((r.overall.lastMonths * 365.25) / 12), 364);
});

test('grouped by gender: curves in order, log-rank as R survdiff, the reference is the largest group', async () => {
  const r = rereferral(await tiny(), { group: 'gender', extractDate: '2023-12-31' });
  assert.deepEqual(
    r.groups.map((g) => [g.label, g.n, g.events]),
    [
      ['Female', 3, 1],
      ['Male', 4, 3],
    ],
  );
  assert.equal(r.groupTitle, 'Gender');
  close(r.logRank!.chisq, 0.45774597834585073, 1e-10, 'log-rank chi-square');
  assert.equal(r.logRank!.df, 1);
  // No referral source in the file: the model is adjusted without it, and says so.
  assert.ok(
    r.warnings.some((w) => w.code === 'cox-covariate-missing' && w.message.includes('referral source')),
  );
  assert.equal(r.cox!.reference.label, 'Male');
  assert.deepEqual(r.cox!.adjustedFor, ['age at closure', 'episode length']);
  assert.equal(r.cox!.terms[0]!.term, 'group=Female');
});

test('the reference group may be named by its level or by its label', async () => {
  const data = await tiny();
  for (const reference of ['16-17', '16 and 17']) {
    const r = rereferral(data, { group: 'age', extractDate: '2023-12-31', reference });
    assert.equal(r.cox!.reference.level, '16-17');
    assert.equal(r.options.reference, '16-17');
  }
});

test('grouped by age band at closure', async () => {
  const r = rereferral(await tiny(), { group: 'age', extractDate: '2023-12-31', cox: false });
  // Ages at closure: C1 10.2 and 10.9, C2 15.6, C5 7.2, C6 10.9 and 10.5, C7 16.6 (estimated).
  assert.deepEqual(
    r.groups.map((g) => [g.level, g.n]),
    [
      ['5-9', 1],
      ['10-15', 5],
      ['16-17', 1],
    ],
  );
});

test('invalid options are refused with the option named', async () => {
  const data = await tiny();
  assert.throws(() => rereferral(data, { group: 'category' }), /rereferral: invalid categories/);
  assert.throws(
    () => rereferral(data, { group: 'postcode' as never }),
    /rereferral: invalid group; expected one of category, age/,
  );
  assert.throws(() => rereferral(data, { confType: 'arcsin' as never }), /invalid confType/);
  assert.throws(() => rereferral(data, { group: 'none', horizonMonths: 0 }), /invalid horizonMonths/);
  assert.throws(() => rereferral(data, { group: 'none', extractDate: '31/02/2023' }), /invalid extractDate/);
  assert.throws(
    () => rereferral(data, { group: 'gender', reference: 'Other' }),
    /invalid reference; expected one of Female, Male, got 'Other'/,
  );
});

test('a reference the data lack lists at most twelve levels and counts the rest', async () => {
  // Thirty genders: the message names twelve of them and says how many more, not all thirty; the
  // value given is shortened too.
  const rows = ROWS.flatMap((r, i) =>
    Array.from({ length: 3 }, (_, j) => ({
      ...r,
      child_id: `${r.child_id}-${j}`,
      gender: `G${(i * 3 + j) % 30}`,
    })),
  );
  const r = await loadRows(rows, { fileName: 'many', kind: 'assessments' });
  const err = (() => {
    try {
      rereferral(r.data as AssessmentData, { group: 'gender', reference: 'x'.repeat(500) });
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  })();
  const present = /expected one of (.*) and (\d+) more, got '(x+)\.\.\.'$/.exec(err);
  assert.ok(present, err);
  assert.equal(present[1]!.split(', ').length, 12);
  assert.ok(err.length < 200, `${err.length} characters`);
});

// The synthetic council, grouped two ways: by the category the generator planted in each row, and by
// the national model's classifier (src/analyses/categories.ts, assigning each assessment its most
// likely category; about 95% land in their planted one), as the element groups them.
const synth = synthesise({ assessments: 25000, seed: 2024 });
const loaded = loadAssessments(synth.assessmentsCsv, { fileName: 'assessments.csv' });
async function synthResult(by: 'planted' | 'classifier'): Promise<RereferralResult> {
  const { data } = await loaded;
  const { categories, rows } = synth.truth;
  const levels = categories.map((c) => c.id);
  const labels = categories.map((c) => c.name);
  if (by === 'planted')
    return rereferral(data, {}, { categories: { codes: rows.category, levels, labels, source: 'planted' } });
  const a = assignCategories(data);
  assert.deepEqual(
    a.labels.map((l) => l.id),
    levels,
  );
  return rereferral(
    data,
    {},
    { categories: { codes: a.ofAssessment, levels, labels, source: 'national model' } },
  );
}
const result = synthResult('planted');
const classified = synthResult('classifier');

test('synthetic council: the pooled 12-month and six-year intervals contain the true values', async () => {
  const r = await result;
  // A pooled Kaplan-Meier converges to truth.expectedKm under the file's own censoring (the
  // categories differ in how soon their children turn 18); see src/synth/tally.ts.
  const truth = synth.truth.rereferral.expectedKm;
  for (const [at, want] of [
    [r.overall.at.months12, truth.months12],
    [r.overall.at.years6, truth.years6],
  ] as const) {
    assert.ok(
      at.lower! <= want && want <= at.upper!,
      `${at.months} months: ${want} outside [${at.lower}, ${at.upper}]`,
    );
  }
  assert.equal(r.horizonMonths, 72);
  assert.ok(Math.abs(r.n - synth.truth.rereferral.closuresAtRisk) / r.n < 0.01, `${r.n} at risk`);
});

for (const [by, promise] of [
  ['planted categories', result],
  ['categories from the national classifier', classified],
] as const) {
  test(`synthetic council, ${by}: the intervals contain the planted proportions (as often as 95% intervals should)`, async () => {
    const r = await promise;
    const misses: string[] = [];
    for (const g of r.groups) {
      const truth = synth.truth.categories.find((c) => c.id === g.level)!.rereferral;
      for (const [at, want] of [
        [g.at.months12, truth.months12],
        [g.at.years6, truth.years6],
      ] as const) {
        if (!(at.lower! <= want && want <= at.upper!)) misses.push(`${g.level} at ${at.months} months`);
      }
    }
    assert.equal(r.groups.length, 12);
    // 24 intervals: 4 or more misses has probability 0.03 if they cover 95%.
    assert.ok(misses.length <= 3, `outside: ${misses.join(', ')}`);
  });
}

for (const [by, promise] of [
  ['planted categories', result],
  ['categories from the national classifier', classified],
] as const) {
  test(`synthetic council, ${by}: the hazard ratios follow the planted ordering`, async () => {
    const r = await promise;
    const cox = r.cox!;
    const planted = new Map(synth.truth.categories.map((c) => [c.id, c.hazardRatio]));
    // Reference: the largest category (domestic abuse as a single factor, the planted reference).
    assert.equal(cox.reference.level, 'domestic-abuse');
    const est = new Map<string, number>([[cox.reference.level, 1]]);
    for (const t of cox.terms) if (t.kind === 'group') est.set(t.level!, t.hr!);
    assert.equal(est.size, 12);
    const ids = [...est.keys()];
    let concordant = 0;
    let pairs = 0;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i]!, ids[j]!];
        const plantedRatio = planted.get(a)! / planted.get(b)!;
        const sameWay = Math.sign(Math.log(plantedRatio)) === Math.sign(Math.log(est.get(a)! / est.get(b)!));
        pairs++;
        if (sameWay) concordant++;
        // Categories whose planted hazards differ by 15% or more are always told apart in this order.
        if (Math.abs(Math.log(plantedRatio)) >= Math.log(1.15)) assert.ok(sameWay, `${a} against ${b}`);
      }
    }
    const tau = (2 * concordant - pairs) / pairs;
    assert.ok(tau >= 0.9, `Kendall's tau ${tau}`);
    // And every planted hazard ratio lies within its estimate's 95% interval but for a few.
    const outside = cox.terms.filter(
      (t) =>
        t.kind === 'group' && !(t.lower! <= planted.get(t.level!)! && planted.get(t.level!)! <= t.upper!),
    );
    // The classifier's misassignments (about 5%) pull the ratios towards 1, so its intervals may
    // just miss a few more of the planted values (seed 2024 since the planted social gradient:
    // parental mental health 1.144-1.296 and another person 1.175-1.488 for 1.3 and 1.5).
    const allowed = by === 'planted categories' ? 2 : 3;
    assert.ok(outside.length <= allowed, outside.map((t) => t.level).join(', '));
    assert.deepEqual(cox.adjustedFor, ['age at closure', 'gender', 'referral source', 'episode length']);
  });
}

test('synthetic council: curves are thinned for postMessage without moving the value at whole years', async () => {
  const r = await result;
  for (const g of r.groups) {
    assert.ok(g.months.length <= 300, `${g.level}: ${g.months.length} points`);
    for (const year of [1, 2, 3, 4, 5, 6]) {
      const m = 12 * year;
      let k = 0;
      while (k + 1 < g.months.length && g.months[k + 1]! <= m + 1e-9) k++;
      if (year === 1) close(g.estimate[k]!, g.at.months12.estimate!, 1e-6, `${g.level} at 12 months`);
      if (year === 6) close(g.estimate[k]!, g.at.years6.estimate!, 1e-6, `${g.level} at six years`);
    }
    for (let k = 1; k < g.months.length; k++) {
      assert.ok(g.months[k]! >= g.months[k - 1]!, 'times ascend');
      assert.ok(g.estimate[k]! >= g.estimate[k - 1]!, 'the cumulative proportion never falls');
    }
  }
  assert.ok(r.groups.some((g) => g.thinned));
  assert.ok(JSON.stringify(r).length < 200_000, `${JSON.stringify(r).length} characters`);
});
