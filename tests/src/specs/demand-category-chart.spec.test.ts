// The Vega-Lite specs and words of <demand-category-chart> as JSON and text, without rendering: what
// is drawn from which numbers, the one-sentence summaries, and nothing a strict CSP would refuse.
// Each spec is also compiled by Vega-Lite (in Node) so a spec Vega would reject fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import {
  characteristicsSpec,
  profileSpec,
  shareSpec,
  trendSpec,
  viewSpec,
  wrap,
} from '../../../components/demand-category-chart/demand-category-chart.spec.js';
import {
  captionText,
  characteristicsCsv,
  shareTable,
  summaryText,
  trendCsv,
} from '../../../components/demand-category-chart/demand-category-chart.text.js';
import { demand, type DemandResult } from '../../../src/analyses/demand.js';
import { loadAssessments } from '../../../src/data/load.js';
import { synthesise } from '../../../src/data/synth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a spec's JSON
type Json = any;

const council = (async () => {
  const s = synthesise({ assessments: 6000, seed: 21 });
  const { data } = await loadAssessments(s.assessmentsCsv, { fileName: 'council.csv' });
  return demand(data);
})();

// Ten assessments (as in tests/src/analyses/demand.test.ts): DA 4, neglect 2, physical abuse 1.
const HAND = `child_id,referral_date,assessment_date,factors,gender,date_of_birth
C1,2019-04-20,2019-05-01,3B,Male,2015-01-01
C2,2019-05-20,2019-06-01,3B,Female,2010-01-01
C3,2019-06-20,2019-07-01,16A,Male,2018-12-01
C4,2020-04-20,2020-05-01,3B,Female,2005-01-01
C5,2020-05-20,2020-06-01,3B,Male,2003-01-01
C6,2020-06-20,2020-07-01,18C,Female,2012-01-01
C7,2020-07-20,2020-08-01,16A,Male,2016-01-01
C8,2020-08-20,2020-09-01,21,Male,2016-01-01
`;
const hand = (async () => demand((await loadAssessments(HAND, { fileName: 'hand.csv' })).data))();

/** Every node of a spec (layers, concatenated and faceted specs). */
function nodes(spec: Json): Json[] {
  const kids = [...(spec.layer ?? []), ...(spec.concat ?? []), ...(spec.spec ? [spec.spec] : [])];
  return [spec, ...kids.flatMap(nodes)];
}

function checkCspAndAria(spec: Json): void {
  const text = JSON.stringify(spec);
  for (const word of ['"expr"', '"calculate"', '"test"', 'labelExpr', '"signal"'])
    assert.ok(!text.includes(word), `spec uses ${word}, which needs expression evaluation`);
  for (const n of nodes(spec))
    if (n.mark) assert.equal(n.mark.aria, false, 'marks are out of the accessibility tree');
  assert.doesNotThrow(() => compile(spec));
}

test('share: a row per category with its name, share and comparison written out, bars, intervals and England', async () => {
  const r = await council;
  const spec = shareSpec(r, { width: 720 }) as Json;
  checkCspAndAria(spec);
  assert.equal(spec.data.values.length, 12);
  const first = spec.data.values[0];
  assert.equal(first.share, r.categories[0]!.share);
  assert.equal(first.lower, r.categories[0]!.lower);
  assert.equal(first.benchmark, r.categories[0]!.benchmark);
  const words =
    r.categories[0]!.comparison === 'similar'
      ? 'similar to England'
      : `${r.categories[0]!.comparison} than England`;
  assert.equal(
    first.lines.join(' '),
    `Domestic abuse as a single factor: ${(r.categories[0]!.share * 100).toFixed(1)}%, ${words}`,
  );
  const marks = spec.layer.map((l: Json) => l.mark.type);
  assert.deepEqual(marks, ['text', 'bar', 'rule', 'tick']);
  // The x scale reaches past every interval and the benchmark.
  const domain = spec.layer[1].encoding.x.scale.domain;
  assert.ok(
    Math.max(...r.categories.map((c) => c.upper), ...r.categories.map((c) => c.benchmark!)) <= domain[1],
  );
  // On a phone the long names wrap onto more lines, and the rows grow to hold them.
  const narrow = shareSpec(r, { width: 320 }) as Json;
  assert.ok(narrow.data.values.some((v: Json) => v.lines.length > 1));
  assert.ok(narrow.height.step > spec.height.step);
  // Without a benchmark there is no tick, and no comparison words.
  const none = shareSpec({
    ...r,
    benchmark: null,
    categories: r.categories.map((c) => ({ ...c, benchmark: null, comparison: null })),
  }) as Json;
  assert.deepEqual(
    none.layer.map((l: Json) => l.mark.type),
    ['text', 'bar', 'rule'],
  );
  assert.ok(!none.data.values[0].lines.join(' ').includes('England'));
});

test('trend: a panel per category of the index by financial year, partial years hollow', async () => {
  const r = await council;
  const spec = trendSpec(r, { width: 900 }) as Json;
  checkCspAndAria(spec);
  assert.equal(spec.concat.length, 12);
  assert.equal(spec.columns, 4);
  const panel = spec.concat[6];
  assert.deepEqual(panel.title.text.join(' '), r.categories[6]!.name);
  const points = panel.layer[2].data.values;
  assert.deepEqual(
    points.map((p: Json) => p.index),
    r.years.map((y) => y.index[6]).filter((v) => v !== null),
  );
  assert.equal(points[0].index, 100);
  // Every panel shares one y scale, so growth compares across categories.
  const domains = spec.concat.map((p: Json) => JSON.stringify(p.layer[1].encoding.y.scale.domain));
  assert.equal(new Set(domains).size, 1);
  // A partial year is a hollow point.
  const partial = {
    ...r,
    years: r.years.map((y, i) => (i === r.years.length - 1 ? { ...y, partial: true } : y)),
  };
  const last = (trendSpec(partial) as Json).concat[0].layer[2].data.values.at(-1);
  assert.equal(last.filled, '#ffffff');
  assert.equal(trendSpec({ ...r, years: r.years.slice(0, 1) }), null);
  assert.equal((trendSpec(r, { width: 320 }) as Json).columns, 2);
});

test('profile: a cell per category and factor, percentages written in the cells of 10% or more', async () => {
  const r = await council;
  const spec = profileSpec(r, { width: 900 }) as Json;
  checkCspAndAria(spec);
  const values = spec.data.values;
  const shownFactors = new Set(values.map((v: Json) => v.factor));
  assert.equal(values.length, shownFactors.size * 12);
  // Codes under 5% in every category are left out of the picture (not of the table).
  const kept = r.profiles.items.filter((_, j) => r.profiles.probabilities.some((row) => row[j]! >= 0.05));
  assert.equal(shownFactors.size, kept.length);
  const da = values.find(
    (v: Json) => v.category === 'Domestic abuse as a single factor' && v.factor === 'Domestic abuse (parent)',
  );
  assert.ok(da.p > 0.9);
  assert.equal(da.text, String(Math.round(da.p * 100)));
  assert.equal(da.ink, '#ffffff');
  assert.ok(values.filter((v: Json) => v.p < 0.1).every((v: Json) => v.text === ''));
  // Every number written in a cell contrasts with it at 4.5:1 or more (WCAG 1.4.3): the ink is white
  // on dark cells and the text colour on light ones.
  const lum = (hex: string | number[]) => {
    const c = typeof hex === 'string' ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : hex;
    const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]!) + 0.7152 * f(c[1]!) + 0.0722 * f(c[2]!);
  };
  for (const v of values.filter((x: Json) => x.text !== '')) {
    const cell = [0, 1, 2].map((i) => [243, 242, 241][i]! + ([18, 67, 109][i]! - [243, 242, 241][i]!) * v.p);
    const [a, b] = [lum(cell), lum(v.ink)];
    assert.ok(
      (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= 4.5,
      `${v.factor} / ${v.category}: ${v.p}`,
    );
  }
  // Rows in the dictionary's order: alcohol (1A) before "other" (20).
  const order = spec.encoding.y.sort;
  assert.ok(order.indexOf('Alcohol (child)') < order.indexOf('Other'));
  // Too narrow for numbers in the cells: the percentages stay in the table.
  assert.equal((profileSpec(r, { width: 320 }) as Json).layer.length, 1);
});

test('characteristics: a panel per group of each category\u2019s ratio, filled where the interval excludes 1', async () => {
  const r = await council;
  for (const dimension of ['gender', 'age', 'ethnicity'] as const) {
    const spec = characteristicsSpec(r, { width: 1100, dimension }) as Json;
    checkCspAndAria(spec);
    const groups = r.characteristics.filter((c) => c.dimension === dimension);
    assert.equal(new Set(spec.data.values.map((v: Json) => v.group)).size, groups.length);
  }
  const spec = characteristicsSpec(r, { width: 1100, dimension: 'gender' }) as Json;
  assert.ok(spec.facet.column, 'wide: side by side with one axis of names');
  const male = r.characteristics.find((c) => c.dimension === 'gender' && c.group === 'Male')!;
  const cell = spec.data.values.find((v: Json) => v.group.startsWith('Male') && v.category === 'Disability');
  const c = male.categories[r.categories.findIndex((x) => x.name === 'Disability')]!;
  assert.equal(cell.ratio, c.ratio);
  assert.equal(cell.fill, c.lower > 1 || c.upper < 1 ? '#12436D' : '#ffffff');
  const narrow = characteristicsSpec(r, { width: 320, dimension: 'age' }) as Json;
  assert.equal(narrow.columns, 1);
  assert.equal(viewSpec(r, 'characteristics', { dimension: 'gender' }) !== null, true);
});

test('summaries and captions say the main finding in one sentence', async () => {
  const r = await hand;
  assert.equal(
    summaryText(r, 'share'),
    'Domestic abuse as a single factor was the largest category, 57% of assessments, above England\u2019s 21%; 2 of the 12 categories differ significantly from England.',
  );
  // 2020-21 is partial (the data end in September 2020): one full year, no growth to show.
  assert.equal(
    summaryText(r, 'trend'),
    'The data cover one full financial year (2019-20), so there is no growth to show yet.',
  );
  assert.match(
    summaryText(r, 'profile'),
    /in the largest, Domestic abuse as a single factor, 100% record domestic abuse \(parent\)\.$/,
  );
  assert.match(
    summaryText(r, 'characteristics', 'gender'),
    /^By gender, (the largest difference: assessments of (boys|girls) were|no category is significantly)/,
  );
  assert.match(
    captionText(r, 'share'),
    /^Share of the 7 assessments with factors in each of the 12 national categories of demand, with 95% intervals/,
  );
  const c = await council;
  assert.match(
    summaryText(c, 'trend'),
    /^.+ grew most, to \d+ in 2023-24 against 100 in 2014-15 \(all assessments with factors: \d+\)\.$/,
  );
  assert.equal(
    wrap('Concerns about another person in the household', 20).join('|'),
    'Concerns about|another person in|the household',
  );
  // Tables and CSV carry the same numbers.
  const table = shareTable(c);
  assert.equal(table.rows.length, 12);
  assert.equal(trendCsv(c).split('\r\n').length, 1 + 12 * c.years.length + 1);
  assert.ok(characteristicsCsv(c).startsWith('Dimension,Group,Group assessments,Category'));
  const _check: DemandResult = c;
  void _check;
});
