import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAssessments } from '../../../src/data/load.js';
import { synthesise } from '../../../src/synth/synth.js';
import { demand } from '../../../src/analyses/demand.js';
import {
  parsePeriod,
  financialYear,
  financialYearOfDate,
  yearLabel,
} from '../../../src/analyses/demand-period.js';
import { ageBand, ethnicGroup, genderGroup } from '../../../src/analyses/demand-characteristics.js';
import { validateScheme } from '../../../src/domain/scheme.js';
import { wilson } from '../../../src/math/proportion.js';
import { daysFromCivil, parseDate } from '../../../src/data/dates.js';

// Ten assessments worked by hand. Period 2019-2021 = 1 April 2019 to 31 March 2021.
// Row 10 (February 2018) is outside it; rows 8 (21 alone) and 9 (no code) have no factors.
// Classified: 3B alone -> domestic abuse (rows 1, 2, 4, 5), 16A -> neglect (3, 7), 18C -> physical abuse (6).
const CSV = `child_id,referral_date,assessment_date,factors,gender,date_of_birth
C1,2019-04-20,2019-05-01,3B,Male,2015-01-01
C2,2019-05-20,2019-06-01,3B,Female,2010-01-01
C3,2019-06-20,2019-07-01,16A,Male,2018-12-01
C4,2020-04-20,2020-05-01,3B,Female,2005-01-01
C5,2020-05-20,2020-06-01,3B,Male,2003-01-01
C6,2020-06-20,2020-07-01,18C,Female,2012-01-01
C7,2020-07-20,2020-08-01,16A,Male,2016-01-01
C8,2020-08-20,2020-09-01,21,Male,2016-01-01
C9,2021-01-01,2021-01-15,,Female,2016-01-01
C10,2018-01-20,2018-02-01,3B,Male,2015-01-01
`;

test('demand on ten assessments worked by hand', async () => {
  const { data } = await loadAssessments(CSV, { fileName: 'hand.csv' });
  const r = await demand(data, { period: '2019-2021' });
  assert.equal(r.kind, 'demand');
  assert.equal(r.model, 'national');
  assert.deepEqual(r.period, { from: '2019-04-01', to: '2021-03-31', label: '2019-20 to 2020-21' });
  assert.deepEqual([r.n, r.classified, r.noFactors, r.outsideItems], [9, 7, 2, 0]);
  assert.deepEqual(
    r.excluded.map((e) => [e.code, e.rows]),
    [
      ['outside-period', 1],
      ['no-factors', 2],
    ],
  );
  const byId = Object.fromEntries(r.categories.map((c) => [c.id, c]));
  assert.deepEqual(
    r.categories.map((c) => c.count),
    [4, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0],
  );
  const da = byId['domestic-abuse']!;
  const w = wilson(4, 7);
  assert.equal(da.share, 4 / 7);
  assert.deepEqual([da.lower, da.upper], [w.lower, w.upper]);
  // England's 20% (published), 20/97 rescaled, lies below the local interval [0.25, 0.84].
  assert.equal(da.benchmarkPublished, 0.2);
  assert.ok(Math.abs(da.benchmark! - 20 / 97) < 1e-12);
  assert.equal(da.comparison, 'higher');
  // None of 7 is 'other': its interval [0, 0.354] still holds England's 13.4%.
  assert.equal(byId['other']!.comparison, 'similar');
  assert.ok(Math.abs(byId['other']!.upper - 3.841458820694124 / (7 + 3.841458820694124)) < 1e-9);
  // Trend: 2019-20 DA 2, neglect 1; 2020-21 DA 2, neglect 1, physical 1. The data end on 15 January
  // 2021, so 2020-21 is partial; 2019-20 is the base (= 100); physical abuse has no base count.
  assert.deepEqual(
    r.years.map((y) => [y.year, y.partial, y.total]),
    [
      ['2019-20', false, 3],
      ['2020-21', true, 4],
    ],
  );
  assert.equal(r.baseYear, '2019-20');
  const k = (id: string) => r.categories.findIndex((c) => c.id === id);
  assert.equal(r.years[1]!.index[k('domestic-abuse')], 100);
  assert.equal(r.years[1]!.index[k('neglect')], 100);
  assert.equal(r.years[1]!.index[k('physical-abuse')], null);
  assert.ok(r.warnings.some((x) => x.code === 'partial-year' && x.message.includes('2020-21')));
  // Characteristics: boys (rows 1, 3, 5, 7): DA 2 of 4 = 0.5 over 4/7 overall = 0.875; neglect
  // 2 of 4 over 2/7 = 1.75. Girls (2, 4, 6): physical abuse 1 of 3 over 1/7 = 2.333.
  const male = r.characteristics.find((c) => c.dimension === 'gender' && c.group === 'Male')!;
  const female = r.characteristics.find((c) => c.dimension === 'gender' && c.group === 'Female')!;
  assert.equal(male.n, 4);
  assert.ok(Math.abs(male.categories[k('domestic-abuse')]!.ratio - 0.875) < 1e-12);
  assert.ok(Math.abs(male.categories[k('neglect')]!.ratio - 1.75) < 1e-12);
  assert.ok(Math.abs(female.categories[k('physical-abuse')]!.ratio - 7 / 3) < 1e-12);
  const wf = wilson(1, 3);
  assert.ok(Math.abs(female.categories[k('physical-abuse')]!.lower - wf.lower * 7) < 1e-12);
  // Ages at referral: 4, 9, 0, 15, 17, 8, 4 -> 1 to 4 (2), 5 to 9 (2), Under 1, 10 to 15, 16 and over.
  const ages = r.characteristics.filter((c) => c.dimension === 'age').map((c) => [c.group, c.n]);
  assert.deepEqual(ages, [
    ['Under 1', 1],
    ['1 to 4', 2],
    ['5 to 9', 2],
    ['10 to 15', 1],
    ['16 and over', 1],
  ]);
  // Profiles: the scheme's and the local estimate (DA: 3B in all four of its assessments).
  assert.equal(r.profiles.items.length, 41);
  const j3b = r.profiles.items.findIndex((i) => i.code === '3B');
  assert.ok(r.profiles.probabilities[k('domestic-abuse')]![j3b]! > 0.99);
  assert.equal(r.profiles.items[j3b]!.meaning, 'Domestic abuse: the parent or carer is a subject');
  assert.ok(JSON.parse(JSON.stringify(r)).categories.length === 12, 'plain JSON');
});

test('the national model on a synthetic council: shares, trend and characteristics hang together', async () => {
  const { assessmentsCsv, truth } = synthesise({ assessments: 20000, seed: 5 });
  const { data } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  const r = await demand(data);
  assert.equal(r.classified + r.noFactors + r.outsideItems, r.n);
  assert.equal(r.noFactors, truth.rows.noFactors.length);
  assert.ok(Math.abs(r.categories.reduce((a, c) => a + c.share, 0) - 1) < 1e-12);
  for (const c of r.categories) {
    assert.ok(c.lower <= c.share && c.share <= c.upper);
    assert.ok(c.benchmark! > 0 && c.comparison !== null);
    assert.ok(c.factors.length >= 1 && c.factors[0]!.meaning.length > 0);
  }
  // The planted shares are England's: most categories are 'similar' at this size.
  assert.ok(r.categories.filter((c) => c.comparison === 'similar').length >= 6);
  // Years: every classified assessment counted once; the first full year is the base.
  assert.equal(
    r.years.reduce((a, y) => a + y.total, 0),
    r.classified,
  );
  assert.equal(r.baseYear, '2014-15');
  assert.ok(r.years[0]!.index.every((x) => x === 100));
  // Child mental health grew most (planted x2.11 from 2014-15 to 2020-21).
  const y2020 = r.years.find((y) => y.year === '2020-21')!;
  const cmh = r.categories.findIndex((c) => c.id === 'child-mental-health');
  assert.ok(y2020.index[cmh]! > 160, `child mental health index ${y2020.index[cmh]}`);
  // Planted: boys over-represented in disability, girls in sexual abuse (intervals clear of 1).
  const ratio = (group: string, id: string) =>
    r.characteristics.find((c) => c.dimension === 'gender' && c.group === group)!.categories[
      r.categories.findIndex((c) => c.id === id)
    ]!;
  assert.ok(ratio('Male', 'disability').lower > 1);
  assert.ok(ratio('Female', 'sexual-abuse').lower > 1);
  assert.ok(ratio('Female', 'disability').upper < 1);
});

test('a local fit saved as a scheme classifies the same assessments the same way', async () => {
  const { assessmentsCsv } = synthesise({ assessments: 4000, seed: 3 });
  const { data } = await loadAssessments(assessmentsCsv, { fileName: 'synthetic.csv' });
  const r = await demand(data, { model: 'local', classes: 4, starts: 4 });
  assert.equal(r.model, 'local');
  assert.equal(r.categories.length, 4);
  assert.equal(r.fits!.length, 1);
  assert.equal(r.chosen, 4);
  const scheme = validateScheme(r.localScheme);
  assert.deepEqual(
    scheme.categories.map((c) => c.name),
    r.categories.map((c) => c.name),
  );
  const again = await demand(data, { scheme: r.localScheme, benchmark: 'england' });
  assert.deepEqual(
    again.categories.map((c) => c.count),
    r.categories.map((c) => c.count),
  );
  assert.equal(again.benchmark!.name, 'the scheme');
  // Names are distinct and descriptions name their dominant factors.
  assert.equal(new Set(r.categories.map((c) => c.name)).size, 4);
  assert.ok(r.categories.every((c) => c.description.startsWith('Dominant factors: ')));
});

test('period, groups and option errors', async () => {
  assert.equal(parsePeriod(null), null);
  assert.equal(parsePeriod(''), null);
  assert.deepEqual(parsePeriod('2021-22'), {
    from: parseDate('2021-04-01'),
    to: parseDate('2022-03-31'),
    label: '2021-22',
  });
  assert.equal(parsePeriod('2018-2024')!.label, '2018-19 to 2023-24');
  assert.throws(() => parsePeriod('2021-23'), /demand: invalid period/);
  assert.throws(() => parsePeriod('last year'), /demand: invalid period/);
  assert.equal(yearLabel(financialYear(parseDate('2020-03-31'))), '2019-20');
  assert.equal(yearLabel(financialYear(parseDate('2020-04-01'))), '2020-21');
  assert.equal(financialYear(daysFromCivil(1900, 4, 1)), 1900);
  assert.equal(financialYear(daysFromCivil(1900, 3, 31)), 1899);
  assert.equal(financialYear(daysFromCivil(2100, 3, 31)), 2099);
  assert.deepEqual(
    [ageBand(-0.5), ageBand(0.9), ageBand(4.99), ageBand(15), ageBand(16), ageBand(NaN)],
    ['Unborn', 'Under 1', '1 to 4', '10 to 15', '16 and over', 'Not known'],
  );
  assert.deepEqual(
    ['WBRI', 'MWBC', 'CHNE', 'BCRB', 'OOTH', 'REFU', '', 'White British', 'Black African'].map(ethnicGroup),
    ['White', 'Mixed', 'Asian', 'Black', 'Other', 'Not known', 'Not known', 'White', 'Black'],
  );
  assert.deepEqual(['1', 'f', 'Male', '9', 'Non-binary'].map(genderGroup), [
    'Male',
    'Female',
    'Male',
    'Not known',
    'Non-binary',
  ]);
  const { data } = await loadAssessments(CSV, { fileName: 'hand.csv' });
  await assert.rejects(demand(data, { model: 'regional' as 'local' }), /demand: invalid model/);
  await assert.rejects(demand(data, { classes: 0 }), /demand: invalid classes/);
  await assert.rejects(demand(data, { benchmark: 'wales' as 'none' }), /demand: invalid benchmark/);
  await assert.rejects(demand(data, { model: 'local', scheme: {} }), /demand: invalid scheme/);
  const none = await demand(data, { benchmark: 'none' });
  assert.ok(none.categories.every((c) => c.benchmark === null && c.comparison === null));
  assert.equal(none.benchmark, null);
});

test('financialYear, from the mean year, equals the calendar definition on every day from 1800 to 2200', () => {
  // Both sides of each 1 April, leap years and the century rules (1900 and 2100 not leap, 2000 leap) included.
  const from = daysFromCivil(1800, 1, 1);
  const to = daysFromCivil(2200, 12, 31);
  let wrong = 0;
  for (let d = from; d <= to; d++) if (financialYear(d) !== financialYearOfDate(d)) wrong++;
  assert.equal(wrong, 0);
  assert.equal(to - from + 1, 146_097 + 365);
});
