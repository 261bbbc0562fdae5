// The Vega-Lite specs and words of <demand-category-chart>: what is drawn from which numbers and the
// one-sentence summaries. Each spec is compiled and rendered headless (to SVG, in Node) the way
// <csc-vega-chart> draws it (draw-spec.ts: stock vega-lite, the theme as config, `{ast: true}`, the
// expression interpreter, as under a strict CSP). So a spec Vega rejects, warns about, or that draws
// nothing fails here; the assertions then read the SVG and the scenegraph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawSpec, itemsOf } from './draw-spec.js';
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
import { synthesise } from '../../../src/synth/synth.js';

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

/** Renders the spec headless as <csc-vega-chart> does; fails on any Vega warning or error. */
async function render(spec: Json): Promise<string> {
  // The theme's `aria: false` keeps marks and guides out of the accessibility tree, and panel titles
  // are hidden whole (checked in the SVG: no role but the frame's outside an aria-hidden title).
  const { svg } = await drawSpec(spec);
  const shown = svg.replace(/<g class="mark-group role-title" aria-hidden="true">.*?<\/text>/g, '');
  assert.deepEqual([...new Set(shown.match(/role="[^"]*"/g))], ['role="graphics-object"']);
  return svg;
}

/** The SVG elements drawn by every instance of the mark named `name` (a rect is a path, a rule a line). */
function items(svg: string, name: string): string[] {
  const groups = svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${name}"[^>]*>(.*?)</g>`, 'g'));
  return [...groups].flatMap((g) => g[1]!.match(/<(path|line|text)\b.*?(<\/text>|\/>)/g) ?? []);
}

/** The words of a text item, its lines (tspans) joined by spaces. */
const words = (item: string): string =>
  item
    .replace(/<tspan[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim();

const attr = (item: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(item)?.[1];

/** The width of a rect drawn as Vega's path `M x,y h w v h h -w Z`. */
const rectWidth = (item: string): number => Number(/^M[^h]*h(-?[\d.]+)/.exec(attr(item, 'd')!)![1]);

test('share: a row per category with its name, share and comparison written out, bars, intervals and England', async () => {
  const r = await council;
  const spec = shareSpec(r, { width: 720 }) as Json;
  const svg = await render(spec);
  const rows = spec.data.values;
  assert.equal(rows.length, 12);
  const comparison =
    r.categories[0]!.comparison === 'similar'
      ? 'similar to England'
      : `${r.categories[0]!.comparison} than England`;
  const first = `Domestic abuse as a single factor: ${(r.categories[0]!.share * 100).toFixed(1)}%, ${comparison}`;
  assert.equal(rows[0].lines.join(' '), first);
  assert.deepEqual(
    spec.layer.map((l: Json) => l.mark.type),
    ['text', 'bar', 'rule', 'tick'],
  );
  // Drawn: the names with their words, a bar as long as each share, an interval and England's tick.
  const names = items(svg, 'names_marks');
  assert.equal(names.length, 12);
  assert.equal(words(names[0]!), first);
  const bars = items(svg, 'bars_marks');
  assert.equal(bars.length, 12);
  const domain = spec.layer[1].encoding.x.scale.domain;
  r.categories.forEach((c, k) =>
    assert.ok(Math.abs(rectWidth(bars[k]!) - (c.share / domain[1]) * 720) < 0.05, `bar ${k}`),
  );
  assert.equal(items(svg, 'intervals_marks').length, 12);
  assert.equal(items(svg, 'benchmarks_marks').length, 12);
  assert.match(svg, />Share of assessments with factors</);
  // The x scale reaches past every interval and the benchmark.
  assert.ok(
    Math.max(...r.categories.map((c) => c.upper), ...r.categories.map((c) => c.benchmark!)) <= domain[1],
  );
  // On a phone the long names wrap onto more lines, and the rows grow to hold them.
  const narrow = shareSpec(r, { width: 320 }) as Json;
  const narrowSvg = await render(narrow);
  assert.ok(narrow.data.values.some((v: Json) => v.lines.length > 1));
  assert.ok(items(narrowSvg, 'names_marks').some((t) => t.includes('<tspan')));
  assert.ok(narrow.height / 12 > spec.height / 12);
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
  const noneSvg = await render(none);
  assert.equal(items(noneSvg, 'benchmarks_marks').length, 0);
  assert.ok(!noneSvg.includes('England'));
  // A suppressed share (published figures: null) keeps its name, reads `c` as in the table, and loses
  // its bar and interval.
  const suppressed = shareSpec({
    ...r,
    categories: r.categories.map((c, k) =>
      k === 11 ? ({ ...c, share: null, lower: null, upper: null } as unknown as typeof c) : c,
    ),
  });
  const suppressedSvg = await render(suppressed);
  assert.equal(items(suppressedSvg, 'names_marks').length, 12);
  assert.match(words(items(suppressedSvg, 'names_marks')[11]!), /: c\b/);
  assert.equal(items(suppressedSvg, 'bars_marks').length, 11);
  assert.equal(items(suppressedSvg, 'intervals_marks').length, 11);
});

/** The facet's panels (Vega-Lite's `cell` groups), in order: the items of each hold its marks. */
function cells(root: Json): Json[] {
  const out: Json[] = [];
  const walk = (node: Json): void => {
    for (const m of node.items ?? []) {
      if (m.name === 'cell') out.push(...m.items);
      else walk(m);
    }
  };
  walk(root);
  return out;
}

test('trend: a panel per category of the index by financial year, partial years hollow', async () => {
  const r = await council;
  const spec = trendSpec(r, { width: 900 }) as Json;
  const svg = await render(spec);
  assert.equal(spec.facet.sort.length, 12);
  assert.equal(spec.columns, 4);
  assert.equal(spec.facet.sort[6].split('\n').join(' '), r.categories[6]!.name);
  const points = spec.data.values.filter((v: Json) => v.category === spec.facet.sort[6]);
  const index6 = r.years.map((y) => y.index[6]).filter((v) => v !== null);
  assert.deepEqual(
    points.map((p: Json) => p.index),
    index6,
  );
  assert.equal(points[0].index, 100);
  // Drawn: a panel a category titled with its name, each with a line and a point a year, the rule at
  // 100 and its last index written.
  const { root } = await drawSpec(spec);
  const panels = cells(root);
  assert.equal(panels.length, 12);
  assert.equal(itemsOf(root, 'growth').length, 12 * r.years.length);
  assert.equal(itemsOf(root, 'years').length, 12 * r.years.length);
  assert.equal(itemsOf(root, 'hundred').length, 12);
  const last = itemsOf(root, 'last').map((t: Json) => t.text);
  assert.equal(last.length, 12);
  assert.equal(last[6], String(Math.round(index6.at(-1)!)));
  // Each point of a panel sits at its index on the shared scale (110 px high, 0 at the top).
  const [lo, hi] = spec.spec.layer[1].encoding.y.scale.domain;
  const dots6 = itemsOf(panels[6], 'years');
  index6.forEach((v, j) =>
    assert.ok(Math.abs(dots6[j].y - (110 * (hi - v!)) / (hi - lo)) < 0.01, `year ${j}`),
  );
  assert.ok(svg.includes(`>${r.categories[6]!.name.split(' ')[0]}`), 'panel titles drawn');
  // Every panel shares one y scale, so growth compares across categories; each has its own axes.
  assert.equal(spec.resolve.scale, undefined);
  assert.deepEqual(spec.resolve.axis, { x: 'independent', y: 'independent' });
  // A partial year is a hollow point.
  const partial = {
    ...r,
    years: r.years.map((y, i) => (i === r.years.length - 1 ? { ...y, partial: true } : y)),
  };
  const partialSpec = trendSpec(partial) as Json;
  assert.equal(partialSpec.data.values[r.years.length - 1].filled, '#ffffff');
  const dots = itemsOf((await drawSpec(partialSpec)).root, 'years');
  assert.equal(dots[r.years.length - 1].fill, '#ffffff');
  assert.equal(dots[0].fill, '#12436D');
  assert.equal(trendSpec({ ...r, years: r.years.slice(0, 1) }), null);
  assert.equal((trendSpec(r, { width: 320 }) as Json).columns, 2);
});

test('profile: a cell per category and factor, percentages written in the cells of 10% or more', async () => {
  const r = await council;
  const spec = profileSpec(r, { width: 900 }) as Json;
  const svg = await render(spec);
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
  // Drawn: every cell, and the percentages (only those of 10% or more) in their ink.
  const { root } = await drawSpec(spec);
  const drawn = itemsOf(root, 'cells');
  assert.equal(drawn.length, values.length);
  const written = itemsOf(root, 'percentages');
  const withText = values.filter((v: Json) => v.text !== '');
  assert.equal(written.length, withText.length);
  assert.ok(written.some((t: Json) => t.text === da.text && t.fill === '#ffffff'));
  assert.match(svg, />P\(factor \| category\)</);
  // The cell of domestic abuse (parent) in the first category is in the colour of its probability.
  const order = spec.encoding.y.scale.domain;
  const row = order.indexOf('Domestic abuse (parent)');
  const daCell = drawn.find((t: Json) => t.x === 0 && t.y === row * 20)!;
  const rgb = daCell.fill.match(/\d+/g)!.map(Number);
  [243, 242, 241].forEach((low, i) =>
    assert.ok(Math.abs(rgb[i]! - (low + ([18, 67, 109][i]! - low) * da.p)) <= 1, `cell colour ${rgb}`),
  );
  // Every number written in a cell contrasts with it at 4.5:1 or more (WCAG 1.4.3): the ink is white
  // on dark cells and the text colour on light ones.
  const lum = (hex: string | number[]) => {
    const c = typeof hex === 'string' ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : hex;
    const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]!) + 0.7152 * f(c[1]!) + 0.0722 * f(c[2]!);
  };
  for (const v of withText) {
    const cell = [0, 1, 2].map((i) => [243, 242, 241][i]! + ([18, 67, 109][i]! - [243, 242, 241][i]!) * v.p);
    const [a, b] = [lum(cell), lum(v.ink)];
    assert.ok(
      (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= 4.5,
      `${v.factor} / ${v.category}: ${v.p}`,
    );
  }
  // Rows in the dictionary's order: alcohol (1A) before "other" (20).
  assert.ok(order.indexOf('Alcohol (child)') < order.indexOf('Other'));
  // Too narrow for numbers in the cells: the percentages stay in the table.
  const narrow = profileSpec(r, { width: 320 }) as Json;
  assert.equal(narrow.layer.length, 1);
  assert.equal(itemsOf((await drawSpec(narrow)).root, 'percentages').length, 0);
});

test('characteristics: a panel per group of each category\u2019s ratio, filled where the interval excludes 1', async () => {
  const r = await council;
  for (const dimension of ['gender', 'age', 'ethnicity'] as const) {
    const spec = characteristicsSpec(r, { width: 1100, dimension }) as Json;
    await render(spec);
    const { root } = await drawSpec(spec);
    const groups = r.characteristics.filter((c) => c.dimension === dimension);
    assert.equal(cells(root).length, groups.length);
    const finite = groups.flatMap((g) => g.categories.filter((c) => Number.isFinite(c.ratio)));
    assert.equal(itemsOf(root, 'ratios').length, finite.length, dimension);
    assert.equal(itemsOf(root, 'ratio_intervals').length, finite.length, dimension);
    assert.equal(itemsOf(root, 'one').length, groups.length, dimension);
  }
  const spec = characteristicsSpec(r, { width: 1100, dimension: 'gender' }) as Json;
  // Wide: side by side, with one axis of names (left of the first panel).
  const genders = r.characteristics.filter((c) => c.dimension === 'gender');
  assert.equal(spec.columns, genders.length);
  assert.equal(spec.resolve.axis.y, 'shared');
  const male = r.characteristics.find((c) => c.dimension === 'gender' && c.group === 'Male')!;
  const title = spec.facet.sort[genders.indexOf(male)];
  assert.equal(title, `Male (${male.n.toLocaleString('en-GB')})`);
  const k = r.categories.findIndex((x) => x.name === 'Disability');
  const cell = spec.data.values.find((v: Json) => v.group === title && v.category === 'Disability');
  const c = male.categories[k]!;
  assert.equal(cell.ratio, c.ratio);
  assert.equal(cell.fill, c.lower > 1 || c.upper < 1 ? '#12436D' : '#ffffff');
  // Drawn: every point of the male panel at its ratio on the log scale, filled where its interval
  // excludes 1 and hollow elsewhere (the data have both); the names once, left of the first panel.
  const { svg, root } = await drawSpec(spec);
  assert.equal(svg.split('>Disability<').length - 1, 1);
  const points = itemsOf(cells(root)[genders.indexOf(male)], 'ratios');
  const [lo, hi] = spec.spec.layer[2].encoding.x.scale.domain;
  const width = spec.spec.width;
  const fills = male.categories.map((x) => (x.lower > 1 || x.upper < 1 ? '#12436D' : '#ffffff'));
  assert.ok(fills.includes('#12436D') && fills.includes('#ffffff'));
  assert.deepEqual(
    points.map((p: Json) => p.fill),
    fills,
  );
  male.categories.forEach((x, j) => {
    const ratio = Math.min(hi, Math.max(lo, x.ratio));
    const want = (width * Math.log(ratio / lo)) / Math.log(hi / lo);
    assert.ok(Math.abs(points[j].x - want) < 0.01, `${r.categories[j]!.name}: ${points[j].x} vs ${want}`);
  });
  // Narrow: one panel a row, each with its own names.
  const narrow = characteristicsSpec(r, { width: 320, dimension: 'age' }) as Json;
  assert.equal(narrow.columns, 1);
  assert.equal(narrow.resolve.axis.y, 'independent');
  const ages = r.characteristics.filter((x) => x.dimension === 'age');
  const narrowSvg = (await drawSpec(narrow)).svg;
  assert.equal(narrowSvg.split('>Disability<').length - 1, ages.length);
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
