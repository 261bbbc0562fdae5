// The pathways analysis on the synthetic council: the planted outcome probabilities of every row
// (truth.rows.pathway, src/synth/child.ts) give the value each estimate converges to, so the
// intervals can be checked for coverage and the study's contrasts for direction.
// - Shares: the mean planted probability over the rows the analysis used, per category and outcome.
// - Logistic models: the "pseudo-true" coefficients, the logistic fit of the planted probabilities
//   themselves (the maximum-likelihood estimate converges to the solution of the score equations
//   with E[y | x] in place of y, whatever the true link; Huber 1967, White 1982).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments } from '../../../src/data/load.js';
import { parseDate } from '../../../src/data/dates.js';
import { synthesise } from '../../../src/synth/synth.js';
import { pathways } from '../../../src/analyses/pathways.js';
import { pathwayRows } from '../../../src/analyses/pathways-outcomes.js';
import { ageBands, ethnicGroups, genders } from '../../../src/analyses/pathways-covariates.js';
import { DAYS_PER_MONTH } from '../../../src/analyses/rereferral-follow-up.js';
import { designMatrix } from '../../../src/regression/design-matrix.js';
import { logistic } from '../../../src/regression/logistic.js';

const synth = synthesise({ assessments: 25000, seed: 2024 });
const { categories, rows: truthRows } = synth.truth;
const levels = categories.map((c) => c.id);
const setup = (async () => {
  const { data } = await loadAssessments(synth.assessmentsCsv, { fileName: 'assessments.csv' });
  const r = pathways(data, {}, { categories: { codes: truthRows.category, levels, source: 'planted' } });
  const rows = pathwayRows(data, Math.round(12 * DAYS_PER_MONTH), parseDate(r.options.extractDate));
  const used = [...Array(data.n).keys()].filter((i) => rows.outcome[i]! >= 0);
  return { data, r, used };
})();
const p = truthRows.pathway;
const pCin = (i: number) => 1 - p.nfa[i]! - p.cpp[i]! - p.care[i]!;

test('synthetic council: the pathway shares cover the planted probabilities at about the nominal rate', async () => {
  const { r, used } = await setup;
  let inside = 0;
  let total = 0;
  const misses: string[] = [];
  for (const g of r.categories) {
    const k = levels.indexOf(g.level);
    const mine = used.filter((i) => truthRows.category[i] === k);
    assert.equal(mine.length, g.n, g.level);
    const want = [
      mine.reduce((s, i) => s + p.nfa[i]!, 0),
      mine.reduce((s, i) => s + pCin(i), 0),
      mine.reduce((s, i) => s + p.cpp[i]!, 0),
      mine.reduce((s, i) => s + p.care[i]!, 0),
    ].map((x) => x / mine.length);
    g.shares.forEach((s, o) => {
      total++;
      if (s.lower! <= want[o]! && want[o]! <= s.upper!) inside++;
      else
        misses.push(
          `${g.level} ${s.outcome}: ${want[o]!.toFixed(4)} outside ${s.lower!.toFixed(4)}-${s.upper!.toFixed(4)}`,
        );
    });
  }
  assert.equal(total, 48);
  // 95% intervals: about 45.6 of 48 expected; 42 or more holds with probability above 99% if independent.
  assert.ok(inside >= 42, `${inside} of ${total} intervals hold the planted share; ${misses.join('; ')}`);
});

test("synthetic council: the overall mix is near England's 40 / 45 / 9 / 5% the generator is calibrated to", async () => {
  const { r } = await setup;
  const s = r.overall.shares.map((x) => x.share!);
  const england = [0.4, 0.45, 0.09, 0.05];
  s.forEach((v, o) => assert.ok(Math.abs(v - england[o]!) < 0.035, `outcome ${o}: ${v} vs ${england[o]}`));
});

test("synthetic council: adjusted odds ratios cover the pseudo-true values and keep the study's directions", async () => {
  const { data, r, used } = await setup;
  const age = ageBands(data);
  const gender = genders(data);
  const eth = ethnicGroups(data);
  const keep = used.filter((i) => age.codes[i]! >= 0 && gender.codes[i]! >= 0 && eth.codes[i]! >= 0);
  const adj = r.adjusted!;
  assert.equal(adj.plan.n, keep.length);
  let inside = 0;
  let total = 0;
  for (const [model, prob] of [
    [adj.plan, p.cpp],
    [adj.care, p.care],
  ] as const) {
    const d = designMatrix(
      {
        y: keep.map((i) => prob[i]!),
        category: keep.map((i) => levels[truthRows.category[i]!]!),
        age: keep.map((i) => age.levels[age.codes[i]!]!),
        gender: keep.map((i) => gender.levels[gender.codes[i]!]!),
        ethnicity: keep.map((i) => eth.levels[eth.codes[i]!]!),
      },
      {
        outcomes: ['y'],
        factors: ['category', 'age', 'gender', 'ethnicity'],
        ref: { category: adj.reference.level },
      },
    );
    const truth = new Map(
      logistic(d.outcomes.y!, d.x, d.names).coefficients.map((c) => [c.term, c.estimate!]),
    );
    for (const t of model.terms.filter((x) => x.kind === 'category')) {
      total++;
      const want = truth.get(t.term)!;
      if (Math.log(t.lower!) <= want && want <= Math.log(t.upper!)) inside++;
    }
  }
  assert.equal(total, 22);
  assert.ok(inside >= 19, `${inside} of ${total} category odds ratios hold the pseudo-true value`);

  const or = (m: typeof adj.plan, id: string) => m.terms.find((t) => t.term === `category=${id}`)!;
  assert.equal(adj.reference.level, 'domestic-abuse', 'the largest category is the reference');
  // Risks outside the home: less likely a plan, more likely care, than domestic abuse alone.
  assert.ok(or(adj.plan, 'risks-outside-home').upper! < 1);
  assert.ok(or(adj.care, 'risks-outside-home').lower! > 1);
  // Domestic abuse with other factors (complex): more likely a plan.
  assert.ok(or(adj.plan, 'complex-domestic-abuse').lower! > 1);
});

test('synthetic council: the social gradient is steeper for under-5s, as planted, and its slopes cover the pseudo-true ones', async () => {
  const { data, r, used } = await setup;
  const g = r.gradient!;
  assert.equal(g.split, 'age');
  const age = ageBands(data);
  const under5 = (i: number) => age.codes[i]! <= 1;
  const slopeOf = (rows: number[]) => {
    const y = rows.map((i) => p.cpp[i]! + p.care[i]!);
    const x = Float64Array.from(rows.flatMap((i) => [1, 10 - data.deprivationDecile[i]!]));
    return logistic(y, x, ['(Intercept)', 'deprivation']).coefficients[1]!.estimate!;
  };
  const known = used.filter((i) => age.codes[i]! >= 0 && data.deprivationDecile[i]! >= 1);
  const groups = [known.filter(under5), known.filter((i) => !under5(i))];
  assert.deepEqual(
    g.groups.map((x) => x.level),
    ['under-5', '5-17'],
  );
  g.groups.forEach((group, k) => {
    assert.equal(group.n, groups[k]!.length);
    const want = slopeOf(groups[k]!);
    assert.ok(
      Math.log(group.slope.lower!) <= want && want <= Math.log(group.slope.upper!),
      `${group.label}: pseudo-true ${want} outside ${Math.log(group.slope.lower!)}-${Math.log(group.slope.upper!)}`,
    );
  });
  const want = slopeOf(known);
  assert.ok(
    Math.log(g.overall.slope.lower!) <= want && want <= Math.log(g.overall.slope.upper!),
    'overall slope',
  );
  // More deprived, more interventions; and more so for the youngest (planted 0.12 against 0.04 a decile).
  assert.ok(g.overall.slope.lower! > 1);
  assert.ok(g.groups[0]!.slope.coef! > g.groups[1]!.slope.coef!);
  assert.ok(g.interaction!.p! < 0.05, `interaction p ${g.interaction!.p}`);
});

test('synthetic council: the gradient is steeper when neglect was recorded (split neglect)', async () => {
  const { data } = await setup;
  const r = pathways(data, { split: 'neglect' }, { categories: { codes: truthRows.category, levels } });
  const [neglect, other] = r.gradient!.groups;
  assert.equal(neglect!.level, 'neglect');
  assert.ok(neglect!.slope.coef! > other!.slope.coef!, `${neglect!.slope.coef} vs ${other!.slope.coef}`);
});
