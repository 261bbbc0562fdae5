// The pathways analysis: a council worked out by hand, the grouped logistic fits against the same
// fits on the rows, and bad options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRows } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { pathways } from '../../../src/analyses/pathways.js';
import { groupedLogistic } from '../../../src/analyses/pathways-grouped-fit.js';
import { designMatrix } from '../../../src/regression/design-matrix.js';
import { logistic } from '../../../src/regression/logistic.js';
import { random } from '../../../src/math/random.js';

// Extract 31 March 2024, window 12 months (365 days after rounding 12 x 30.4375).
// P1 closed RC8 after assessment: no further action.            (category x)
// P2 closed RC7, no plan: child in need support only.             (x)
// P3 plan 19 days after assessment: protection plan.              (x)
// P4 plan, then care 3 months later: care (the highest).          (y)
// P5 plan 17 months after assessment, open: child in need only.   (y)
// P6 assessed December 2023: window still open, left out.        (y)
// P7 two assessments; the plan is recorded on the second row only: both count it (x, y).
// P8 no category: left out.
// Plans: P3 NEG with 16A recorded; P4 NEG without 16A; P7's plan PHY with 18B on its assessment
// (the second row, the latest on or before the plan start).
const ROWS: Record<string, string>[] = [
  row('P1', '2020-01-10', '3B', '2020-01-20', 'RC8'),
  row('P2', '2020-02-01', '3B', '2020-08-01', 'RC7'),
  { ...row('P3', '2020-03-01', '16A', '', ''), cpp_start_date: '2020-03-20', cpp_category: 'NEG' },
  {
    ...row('P4', '2020-03-01', '3B', '', ''),
    cpp_start_date: '2020-03-20',
    cpp_category: 'NEG',
    care_start_date: '2020-06-01',
  },
  { ...row('P5', '2020-01-01', '3B', '', ''), cpp_start_date: '2021-06-01', cpp_category: 'EMO' },
  row('P6', '2023-12-01', '3B', '', ''),
  row('P7', '2020-01-01', '3B', '', ''),
  { ...row('P7', '2020-05-01', '18B', '', ''), cpp_start_date: '2020-05-10', cpp_category: 'PHY' },
  row('P8', '2020-01-01', '', '', ''),
];
const CATS = [0, 0, 0, 1, 1, 1, 0, 1, -1];

function row(child: string, assessment: string, factors: string, closure: string, reason: string) {
  return {
    child_id: child,
    referral_date: '2019-12-01',
    assessment_date: assessment,
    factors,
    closure_date: closure,
    closure_reason: reason,
    age: '7',
    cpp_start_date: '',
    cpp_category: '',
    care_start_date: '',
  };
}

async function tiny(): Promise<AssessmentData> {
  const r = await loadRows(ROWS, { fileName: 'tiny', kind: 'assessments' });
  assert.equal(r.rowsKept, ROWS.length, JSON.stringify(r.problems));
  return r.data as AssessmentData;
}

test('a council worked out by hand: highest intervention, windows still open, shares and intervals', async () => {
  const data = await tiny();
  const r = pathways(
    data,
    { extractDate: '2024-03-31', models: false },
    { categories: { codes: CATS, levels: ['x', 'y'], labels: ['Cat X', 'Cat Y'] } },
  );
  assert.equal(r.n, 7);
  assert.deepEqual(
    r.excluded.map((e) => [e.code, e.count]),
    [
      ['window-open', 1],
      ['no-category', 1],
    ],
  );
  const count = (g: (typeof r)['overall']) => g.shares.map((s) => s.count);
  assert.deepEqual(count(r.overall), [1, 2, 3, 1]); // P1 | P2 P5 | P3 P7 P7 | P4
  assert.deepEqual(count(r.categories[0]!), [1, 1, 2, 0]); // x: P1, P2, P3, P7
  assert.deepEqual(count(r.categories[1]!), [0, 1, 1, 1]); // y: P5, P7, P4
  // Wilson 95% for 3 of 7: R's prop.test(3, 7, correct = FALSE)$conf.int
  const cpp = r.overall.shares[2]!;
  assert.ok(
    Math.abs(cpp.lower! - 0.1582198553) < 1e-9 && Math.abs(cpp.upper! - 0.7495416355) < 1e-9,
    JSON.stringify(cpp),
  );
  // Seven assessments cannot tell a category from the council: nothing marked.
  assert.ok(r.categories.every((g) => g.shares.every((s) => s.vsCouncil === null)));
  assert.deepEqual(r.england.shares, { nfa: 0.4, cin: 0.45, cpp: 0.09, care: 0.05 });
  assert.equal(r.options.extractDate, '2024-03-31');
});

test('plans against the factors assessed: a neglect plan whose assessment did not record neglect', async () => {
  const r = pathways(
    await tiny(),
    { extractDate: '2024-03-31' },
    { categories: { codes: CATS, levels: ['x', 'y'] } },
  );
  const plans = r.plans!;
  assert.equal(plans.plans, 4); // P3, P4, P5, P7 (P7's repeated on one row only)
  const byCat = Object.fromEntries(plans.rows.map((p) => [p.category, [p.plans, p.notRecorded]]));
  assert.deepEqual(byCat, { NEG: [2, 1], EMO: [1, 1], PHY: [1, 0], SAB: [0, 0], MUL: [0, 0] });
  assert.equal(plans.rows[0]!.share, 0.5);
});

test('a shorter window turns a plan 19 days after assessment into child in need support', async () => {
  const r = pathways(
    await tiny(),
    { extractDate: '2024-03-31', windowMonths: 0.5, models: false },
    { categories: { codes: CATS, levels: ['x', 'y'] } },
  );
  // 15 days: P3's plan (day 19) and P4's (day 19) and care (day 92) fall outside, as does P7's plan
  // for its first row; its second row's (day 9) stays. P6's window has now ended: it counts.
  assert.deepEqual(
    r.overall.shares.map((s) => s.count),
    [1, 6, 1, 0],
  );
  assert.equal(r.n, 8);
});

test('the grouped fits equal the same logistic model fitted on the rows', () => {
  const rng = random(17);
  const n = 3000;
  const cat = new Int32Array(n);
  const age = new Int32Array(n);
  const dec = new Int32Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    cat[i] = rng.int(4);
    age[i] = rng.next() < 0.05 ? -1 : rng.int(3); // some unknown: left out of both
    dec[i] = rng.int(10);
    const eta = -1 + 0.4 * cat[i]! - 0.3 * Math.max(age[i]!, 0) + 0.05 * (9 - dec[i]!);
    y[i] = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  const use = new Uint8Array(n).fill(1);
  use[5] = 0;
  const levels = (k: number) => Array.from({ length: k }, (_, j) => `l${j}`);
  const g = groupedLogistic(y, use, [
    { name: 'cat', codes: cat, levels: levels(4), reference: 'l2' },
    { name: 'age', codes: age, levels: levels(3) },
    { name: 'dep', codes: dec, levels: Array.from({ length: 10 }, (_, k) => String(9 - k)), kind: 'numeric' },
  ]);
  const keep = [...Array(n).keys()].filter((i) => use[i] && age[i]! >= 0);
  const d = designMatrix(
    {
      y: keep.map((i) => y[i]!),
      cat: keep.map((i) => `l${cat[i]}`),
      age: keep.map((i) => `l${age[i]}`),
      dep: keep.map((i) => 9 - dec[i]!),
    },
    { outcomes: ['y'], covariates: ['dep'], factors: ['cat', 'age'], ref: { cat: 'l2' } },
  );
  const f = logistic(d.outcomes.y!, d.x, d.names);
  assert.equal(g.n, keep.length);
  const byTerm = new Map(f.coefficients.map((c) => [c.term, c]));
  for (const c of g.fit.coefficients) {
    const r = byTerm.get(c.term)!;
    // The two fits start from different values (glm's mustart uses the weights), so they stop at
    // slightly different iterates of the same maximum: estimates to 1e-8, standard errors (from the
    // last iteration's weights) to 1e-6.
    assert.ok(Math.abs(c.estimate! - r.estimate!) < 1e-8, `${c.term}: ${c.estimate} vs ${r.estimate}`);
    assert.ok(Math.abs(c.se! - r.se!) < 1e-6 * Math.abs(r.se!), `${c.term} se: ${c.se} vs ${r.se}`);
  }
  assert.equal(g.levelRecords.cat!.l2, keep.filter((i) => cat[i] === 2).length);
});

test('bad options throw naming the option, what is allowed and what came', async () => {
  const data = await tiny();
  const categories = { codes: CATS, levels: ['x', 'y'] };
  assert.throws(() => pathways(data, { windowMonths: 0 }, { categories }), /invalid windowMonths/);
  assert.throws(
    () => pathways(data, { split: 'gender' as never }, { categories }),
    /invalid split; expected one of none, age, neglect, ethnicity, got 'gender'/,
  );
  assert.throws(() => pathways(data, {}, { categories: { codes: [0], levels: ['x'] } }), /expected 9 codes/);
  assert.throws(
    () => pathways(data, { extractDate: '2024-03-31', reference: 'z' }, { categories }),
    /invalid reference/,
  );
});
