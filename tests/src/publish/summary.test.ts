import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { assignCategories } from '../../../src/analyses/categories.js';
import { attainment } from '../../../src/analyses/attainment.js';
import { rereferral } from '../../../src/analyses/rereferral.js';
import { demand } from '../../../src/analyses/demand.js';
import type { AttainmentResult, AttainmentRow } from '../../../src/analyses/attainment-types.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { publishResults } from '../../../src/publish/publish-results.js';
import { publishAttainment } from '../../../src/publish/publish-attainment.js';
import { summaryLifeTables } from '../../../src/publish/summary-life-tables.js';
import { VERSION } from '../../../src/version.js';
import { recoverableEntries } from './rank.js';

const council = synthesise({ assessments: 700, seed: 51 });
const data = (async () => {
  const a = await loadAssessments(council.assessmentsCsv, { fileName: 'assessments.csv' });
  const p = await loadPupils(council.pupilsCsv, { fileName: 'pupils.csv' });
  return { assessments: a.data, pupils: p.data };
})();
const options = { areaName: 'Exampleshire', generatedAt: '2024-05-01T12:00:00.000Z' };

test('the summary is deterministic and says what it is, where from, when, and under which rule', async () => {
  const d = await data;
  const s = await buildSummary(d, options);
  assert.deepEqual(await buildSummary(d, options), s);
  assert.equal(s.format, 'csc-demand-summary');
  assert.equal(s.schemaVersion, '1.1');
  const m = s.metadata;
  assert.equal(m.areaName, 'Exampleshire');
  assert.equal(m.generatedAt, '2024-05-01T12:00:00.000Z');
  assert.equal(m.packageVersion, VERSION);
  assert.match(m.period.from!, /^20\d\d-\d\d$/);
  assert.match(m.period.to!, /^20\d\d-\d\d$/);
  assert.equal(m.extractDate, s.rereferral!.options.extractDate);
  assert.equal(m.methods.model, 'national');
  assert.deepEqual(m.methods.rereferral, s.rereferral!.options);
  assert.deepEqual(
    m.methods.attainment.map((o) => [o.keyStage, o.outcome, o.threshold]),
    // Each key stage's main outcome, then the school outcomes the synthetic pupils file has.
    ([4, 2] as const).flatMap((ks) => [
      [ks, ks === 4 ? 'attainment8' : 'ks2_rwm_expected', 5],
      ...['severe_absence', 'persistent_absence', 'suspended', 'permanently_excluded'].map((o) => [ks, o, 5]),
    ]),
  );
  assert.deepEqual(
    [m.disclosure.rule, m.disclosure.threshold, m.disclosure.secondary],
    ['dfe-suppression', 5, true],
  );
  assert.match(m.disclosure.description, /^Counts from 1 to 5 are shown as c/);
  assert.deepEqual(
    s.symbols.map((x) => x.symbol),
    ['c', 'z', 'x', 'low'],
  );
  assert.equal(s.demand!.kind, 'demand');
  assert.deepEqual(m.methods.demand, s.demand!.options);
  assert.deepEqual(m.period, { from: s.demand!.years[0]!.year, to: s.demand!.years.at(-1)!.year });
  assert.equal(
    (await buildSummary(d, { ...options, generatedAt: new Date(0) })).metadata.generatedAt,
    '1970-01-01T00:00:00.000Z',
  );
});

test('publishResults on results computed apart (as the worker holds them) gives the same summary', async () => {
  const d = await data;
  const a = assignCategories(d.assessments);
  const labels = a.labels.map((l) => l.name);
  const ofAssessment = a.ofAssessment.map((k) => (k < 0 ? -1 : k));
  const source = `the national model (${a.scheme.version}), each assessment in its most likely category`;
  const categories = { codes: ofAssessment, levels: labels, labels, source };
  const rr = rereferral(d.assessments, {}, { categories });
  const tables = summaryLifeTables(d.assessments, rr, { categories });
  // The tables buildSummary publishes by default (each key stage's main outcome and its school
  // outcomes), KS2's given first: publishResults puts KS4's first, as buildSummary does.
  const school = ['severe_absence', 'persistent_absence', 'suspended', 'permanently_excluded'] as const;
  const att = ([2, 4] as const)
    .flatMap((keyStage) => [{ keyStage }, ...school.map((outcome) => ({ keyStage, outcome }))])
    .map((o) =>
      attainment(d.assessments, d.pupils, { labels, ofAssessment, source }, { ...o, threshold: 0 }),
    );
  const s = publishResults(
    {
      demand: await demand(d.assessments),
      rereferral: rr,
      rereferralTables: tables,
      attainment: att,
    },
    options,
  );
  // The three sections computed here (the sections after the assessment have tests of their own).
  const sections = ['demand', 'rereferral', 'attainment'] as const;
  assert.deepEqual(s, await buildSummary(d, { ...options, sections: [...sections] }));
  // The life tables reproduce the analysis's own 12-month and six-year figures exactly.
  for (const [k, g] of rr.groups.entries()) {
    const t = tables.groups[k]!;
    if (g.at.months12.estimate !== null) {
      assert.equal(t.nRisk[12], g.at.months12.nRisk);
      assert.ok(Math.abs(t.estimate[12]! - g.at.months12.estimate) < 1e-6);
    }
    assert.equal(t.nRisk[0], g.n);
    assert.equal(t.n, g.n);
  }
});

test('publishResults refuses what it cannot publish safely, naming the option', async () => {
  const d = await data;
  const rr = rereferral(d.assessments, { group: 'age' });
  assert.throws(
    () => publishResults({ rereferral: rr }),
    /publishResults: invalid input; the re-referral result needs its monthly life tables/,
  );
  assert.throws(
    () => publishResults({}, { threshold: 2.5 }),
    /publishResults: invalid threshold; the disclosure threshold must be a whole number of at least 3.*got 2.5/,
  );
  assert.throws(
    () => publishResults({}, { generatedAt: 'yesterday' }),
    /publishResults: invalid generatedAt/,
  );
  const other = rereferral(d.assessments, { group: 'age', extractDate: '2020-03-31' });
  assert.throws(
    () => summaryLifeTables(d.assessments, { ...other, n: other.n + 1 }),
    /summaryLifeTables: the re-referral result does not come from these assessments \(episodes followed up/,
  );
  const suppressed = result([4, 30, 60, 25], 500);
  Object.assign(suppressed.rows[0]!, { n: null, suppressed: 'primary' });
  assert.throws(() => publishAttainment([suppressed]), /compute it with threshold 0/);
  // Grouped by age, with a summary as the worker would make it for the element's grouping.
  const s = publishResults({ rereferral: rr, rereferralTables: summaryLifeTables(d.assessments, rr) });
  assert.equal(s.rereferral!.groupTitle, rr.groupTitle);
  assert.equal(s.rereferral!.groups.length, rr.groups.length);
});

// An attainment result with only its counts filled in (the rest is not read by the control).
function result(sub: number[], notKnown: number): AttainmentResult {
  const row = (id: string, kind: AttainmentRow['kind'], n: number, reference = false): AttainmentRow => ({
    id,
    kind,
    label: id,
    n,
    mean: n ? 40 : null,
    rawGap: reference ? null : 0,
    adjustedGap: null,
    se: null,
    lower: null,
    upper: null,
    p: null,
    reference,
    suppressed: null,
  });
  const cin = sub.reduce((a, b) => a + b, 0);
  return {
    method: 'attainment-gap',
    version: VERSION,
    options: {
      keyStage: 4,
      outcome: 'attainment8',
      comparison: 'not-known',
      years: null,
      threshold: 0,
      robust: 'hc1',
    },
    outcome: { id: 'attainment8', keyStage: 4, label: 'Attainment 8', scale: 'points', model: 'ols' },
    comparisonLabel: 'not known',
    years: [2022],
    categorySource: 'test',
    rows: [
      ...sub.slice(0, -1).map((n, g) => row(`category:${g}`, 'category', n)),
      row('uncategorised', 'uncategorised', sub[sub.length - 1]!),
      row('all-cin', 'all-cin', cin),
      row('not-known', 'not-known', notKnown, true),
      row('all', 'all', cin + notKnown),
    ],
    model: null,
    n: cin + notKnown,
    rowsInScope: cin + notKnown,
    rowsRead: cin + notKnown,
    excluded: [],
    rowsExcluded: 0,
    warnings: [],
  };
}

test('a small comparison group cannot be worked out from all pupils less the categories (worked by hand)', () => {
  // Categories of 40 and 50 pupils, none uncategorised, 3 pupils not known. The analysis's own rule
  // hid "not known" (3) and "all children in need" (90) but showed 40, 50 and all pupils (93): 93 -
  // 40 - 50 = 3. In the control's table the 3 lies on the line "not known" (3 = its row total) and
  // on the column of all pupils (90 + 3 = 93); the cheapest entry that puts it on a cycle is all
  // pupils itself (93, against 40 + 40 + 90 through a category), so the categories stay shown.
  const [a] = publishAttainment([result([40, 50, 0], 3)]);
  const n = Object.fromEntries(a!.rows.map((r) => [r.id, r.n]));
  assert.equal(n['not-known'], 'c');
  assert.equal(a!.rows.find((r) => r.id === 'not-known')!.suppressed, 'primary');
  const grid = [
    [n['category:0']!, n['category:1']!, n['uncategorised']!, 0, n['all-cin']!],
    [0, 0, 0, n['not-known']!, n['not-known']!],
    [n['category:0']!, n['category:1']!, n['uncategorised']!, n['not-known']!, n['all']!],
  ];
  assert.deepEqual(recoverableEntries(grid), [], JSON.stringify(n));
  assert.deepEqual(n, {
    'category:0': 40,
    'category:1': 50,
    uncategorised: 0,
    'all-cin': 90,
    'not-known': 'c',
    all: 'c',
  });
  // Raw gaps are measured from the comparison group's mean: with it hidden they would give it back.
  assert.ok(a!.rows.every((r) => r.rawGap === null));
  assert.equal(a!.rows.find((r) => r.id === 'all')!.mean, null);
  assert.equal(a!.rows.find((r) => r.id === 'all-cin')!.mean, 40);
});

test('a lone small category is protected by the next smallest row, and means are shown only above the threshold', () => {
  // Categories of 4, 30 and 60 pupils and 25 uncategorised: the 4 is hidden with the smallest
  // other row (the 25 uncategorised), so "all children in need" (119) gives only their sum.
  const [a] = publishAttainment([result([4, 30, 60, 25], 500)]);
  const n = a!.rows.map((r) => r.n);
  assert.deepEqual(n, ['c', 30, 60, 'c', 119, 500, 619]);
  assert.deepEqual(
    a!.rows.map((r) => r.suppressed),
    ['primary', null, null, 'secondary', null, null, null],
  );
  assert.deepEqual(
    a!.rows.map((r) => r.mean),
    [null, 40, 40, null, 40, 40, 40],
  );
  assert.equal(a!.warnings[0]!.code, 'suppressed-rows');
});
