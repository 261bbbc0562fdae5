import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments } from '../../../src/data/load.js';
import { synthesise } from '../../../src/synth/synth.js';
import { NATIONAL_SCHEME } from '../../../src/domain/national-scheme.js';
import { assignCategories, NO_FACTORS, OUTSIDE_SCHEME } from '../../../src/analyses/categories.js';
import { factorPatterns } from '../../../src/analyses/factor-patterns.js';

const HEADER = 'child_id,referral_date,assessment_date,factors\n';
async function assessments(rows: [string, string][]) {
  const csv =
    HEADER + rows.map(([date, factors], i) => `C${i},${date},${date},"${factors}"`).join('\n') + '\n';
  return (await loadAssessments(csv, { fileName: 'small.csv' })).data;
}

test('the national model puts at least 90% of the synthetic council in its planted category', async () => {
  const { assessmentsCsv, truth } = synthesise({ assessments: 50000, seed: 11 });
  const { data } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  assert.equal(data.n, 50000);
  for (const estimate of ['shares', 'full'] as const) {
    const a = assignCategories(data, { estimate });
    assert.deepEqual(
      a.labels.map((l) => l.id),
      truth.categories.map((c) => c.id),
    );
    let right = 0;
    for (let i = 0; i < data.n; i++) if (a.ofAssessment[i] === truth.rows.category[i]) right++;
    const accuracy = right / a.classified;
    assert.ok(accuracy >= 0.9, `${estimate}: ${(100 * accuracy).toFixed(1)}% in the planted category`);
    // Rows without factors (empty or 21 alone) are exactly the ones planted so, and counted apart.
    assert.equal(a.noFactors, truth.rows.noFactors.length);
    for (const i of truth.rows.noFactors) assert.equal(a.ofAssessment[i], NO_FACTORS);
    assert.equal(a.classified + a.noFactors + a.outsideScheme, data.n);
    assert.equal(
      a.counts.reduce((x, y) => x + y, 0),
      a.classified,
    );
    // Estimated shares within 1.5 points of the realised planted shares.
    a.fit.shares.forEach((share, k) =>
      assert.ok(Math.abs(share - truth.categories[k]!.realisedShare) < 0.015, `${estimate} share ${k}`),
    );
    assert.ok(a.fit.converged);
    assert.ok(
      a.maxPosterior.every((p, i) => (a.ofAssessment[i]! >= 0 ? p > 0.08 && p <= 1 : Number.isNaN(p))),
    );
  }
});

test('21 alone and empty cells are "no factors"; codes outside the scheme are counted apart', async () => {
  const data = await assessments([
    ['2022-05-01', '3B'],
    ['2022-05-01', '21'],
    ['2022-05-01', ''],
    ['2022-05-01', '99Z'],
    ['2022-05-01', '99Z;16A'],
    ['2022-05-01', '21;18C'],
  ]);
  const a = assignCategories(data);
  assert.equal(a.ofAssessment[0], 0); // domestic abuse as a single factor
  assert.equal(a.ofAssessment[1], NO_FACTORS);
  assert.equal(a.ofAssessment[2], NO_FACTORS);
  assert.equal(a.ofAssessment[3], OUTSIDE_SCHEME);
  assert.equal(a.labels[a.ofAssessment[4]!]!.id, 'neglect');
  assert.equal(a.labels[a.ofAssessment[5]!]!.id, 'physical-abuse');
  assert.deepEqual([a.classified, a.noFactors, a.outsideScheme], [3, 2, 1]);
  assert.deepEqual(a.ignoredCodes, [{ code: '99Z', count: 2 }]);
  assert.ok(a.warnings.some((w) => w.code === 'outside-scheme' && w.message.includes('99Z')));
});

test('retired codes 18A and 19A count as 18C and 19C; 24A is missing before April 2021', async () => {
  const data = await assessments([
    ['2015-06-01', '18A'],
    ['2015-06-01', '19A'],
    ['2020-06-01', '14A;10A'],
    ['2022-06-01', '14A;10A'],
  ]);
  const a = assignCategories(data);
  assert.equal(a.labels[a.ofAssessment[0]!]!.id, 'physical-abuse');
  assert.equal(a.labels[a.ofAssessment[1]!]!.id, 'sexual-abuse');
  assert.deepEqual(a.mappedCodes, [
    { from: '18A', to: '18C', count: 1 },
    { from: '19A', to: '19C', count: 1 },
  ]);
  // 24A could not be recorded in 2015 or 2020: missing there, absent (recorded as not present) in 2022.
  const fp = factorPatterns(data, a.items);
  const j24 = a.items.indexOf('24A');
  const value = (row: number) => fp.table.values[fp.table.recordPattern[row]! * a.items.length + j24];
  assert.deepEqual([value(0), value(2), value(3)], [255, 255, 0]);
  assert.deepEqual(
    a.missingBeforeIntroduced.find((m) => m.code === '24A'),
    { code: '24A', from: '2021-04-01', rows: 3 },
  );
  // 22A and 23A (from 2016-17) are missing for the 2015 rows only.
  assert.equal(a.missingBeforeIntroduced.find((m) => m.code === '22A')?.rows, 2);
});

test('a user scheme classifies the same way and ignores the codes it lacks', async () => {
  const data = await assessments([
    ['2022-05-01', '3B'],
    ['2022-05-01', '3B;3A'],
    ['2022-05-01', '4A;15A'],
    ['2022-05-01', '4A'],
    ['2022-05-01', '16A'],
  ]);
  const scheme = {
    version: 'local-2023',
    source: 'test',
    categories: [
      {
        id: 'da',
        name: 'Domestic abuse',
        share: 0.6,
        profile: { '3A': 0.5, '3B': 0.9, '4A': 0.05, '15A': 0.01 },
      },
      {
        id: 'mh',
        name: 'Child mental health',
        share: 0.4,
        profile: { '3A': 0.05, '3B': 0.05, '4A': 0.9, '15A': 0.4 },
      },
    ],
  };
  const a = assignCategories(data, { scheme: JSON.stringify(scheme) });
  assert.deepEqual(a.items, ['3A', '3B', '4A', '15A']);
  assert.deepEqual(Array.from(a.ofAssessment), [0, 0, 1, 1, OUTSIDE_SCHEME]);
  assert.deepEqual(a.counts, [2, 2]);
  assert.equal(a.scheme.version, 'local-2023');
  assert.deepEqual(
    a.fit.shares.map((x) => Math.round(x * 1000) / 1000),
    [0.5, 0.5],
  );
});

test('invalid options are named', async () => {
  const data = await assessments([['2022-05-01', '3B']]);
  assert.throws(
    () => assignCategories(data, { estimate: 'all' as 'full' }),
    /assignCategories: invalid estimate/,
  );
  assert.throws(() => assignCategories(data, { model: 'local' as 'national' }), /invalid model/);
  assert.throws(
    () => assignCategories(data, { scheme: { version: 'x' } }),
    /validateScheme: invalid categories/,
  );
  // The national scheme is the default and is not modified.
  assert.equal(assignCategories(data, { scheme: NATIONAL_SCHEME }).labels.length, 12);
});

test('the default assignment is made once per dataset and shared; other options are fitted afresh', async () => {
  const { assessmentsCsv } = synthesise({ assessments: 3000, seed: 4 });
  const { data } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  const first = assignCategories(data);
  const again = assignCategories(data, { rows: new Uint8Array(data.n).fill(1) });
  assert.equal(again.ofAssessment, first.ofAssessment, 'every row selected: the same assignment');
  assert.notEqual(again.warnings, first.warnings, 'each caller its own list of warnings');
  const some = new Uint8Array(data.n).fill(1);
  some[0] = 0;
  const part = assignCategories(data, { rows: some });
  assert.notEqual(part.ofAssessment, first.ofAssessment);
  assert.equal(part.ofAssessment[0], -3);
  const full = assignCategories(data, { estimate: 'full' });
  assert.notEqual(full.ofAssessment, first.ofAssessment);
  // A fresh dataset (another load of the same file) gets its own, equal, assignment.
  const { data: other } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  const theirs = assignCategories(other);
  assert.notEqual(theirs.ofAssessment, first.ofAssessment);
  assert.deepEqual([...theirs.ofAssessment], [...first.ofAssessment]);
});
