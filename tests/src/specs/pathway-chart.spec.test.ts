// The Vega-Lite specs and words of <pathway-chart>: each view drawn headless as <csc-vega-chart> draws
// it (draw-spec.ts: the theme as config, `ast: true`, the interpreter; any Vega warning fails), then
// the marks and the SVG's text read back. On a synthetic council (planted categories, so the test does
// not wait for a latent class fit) and on its published form, where counts of 1 to 5 read `c`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawSpec, itemsOf } from './draw-spec.js';
import { viewSpec } from '../../../components/pathway-chart/pathway-chart.spec.js';
import { captionText, summaryText } from '../../../components/pathway-chart/pathway-chart.text.js';
import { viewCsv, viewTables } from '../../../components/pathway-chart/pathway-chart.tables.js';
import type { PathwaysShown } from '../../../components/pathway-chart/pathway-chart.types.js';
import { pathways } from '../../../src/analyses/pathways.js';
import { loadAssessments } from '../../../src/data/load.js';
import { synthesise } from '../../../src/synth/synth.js';
import { runDisclosurePass } from '../../../src/publish/disclosure-pass.js';
import { planPathways, type PublishedPathways } from '../../../src/publish/publish-pathways.js';

const VIEWS = ['pathways', 'adjusted', 'gradient', 'plans'] as const;

const council = (async () => {
  const s = synthesise({ assessments: 6000, seed: 21 });
  const { data } = await loadAssessments(s.assessmentsCsv, { fileName: 'council.csv' });
  const levels = s.truth.categories.map((c) => c.id);
  return pathways(data, {}, { categories: { codes: s.truth.rows.category, levels } });
})();

const published = (async (): Promise<PathwaysShown> => {
  const section = runDisclosurePass([planPathways(await council)])[0] as PublishedPathways;
  return {
    ...section,
    publication: {
      areaName: 'Anytown',
      period: { from: null, to: null },
      extractDate: null,
      generatedAt: null,
      packageVersion: 'test',
      threshold: 5,
      description: '',
    },
  };
})();

for (const view of VIEWS)
  test(`the ${view} view draws at 320 and 1280 px with no Vega warning, its figures in the table`, async () => {
    const r: PathwaysShown = await council;
    for (const width of [320, 1280]) {
      const spec = viewSpec(r, view, { width });
      assert.ok(spec, `${view} has a chart`);
      const { svg, root } = await drawSpec(spec);
      assert.ok(svg.length > 1000);
      const marks = { pathways: 'segments', adjusted: 'plan_ratios', gradient: 'points', plans: 'bars' }[
        view
      ];
      assert.ok(itemsOf(root, marks).length > 0, `${view}: ${marks} drawn`);
    }
    const tables = viewTables(r, view);
    assert.ok(tables[0]!.rows.length > 0);
    assert.ok(viewCsv(r, view).split('\n').length > 4);
    assert.match(summaryText(r, view), /\.$/);
    assert.ok(captionText(r, view).length > 80);
  });

test('pathways: every category is a bar of four segments adding to 100%, England 40/45/9/5 on top', async () => {
  const r = await council;
  const { root, svg } = await drawSpec(viewSpec(r, 'pathways', { width: 800 })!);
  const segs = itemsOf(root, 'segments');
  assert.equal(segs.length, 4 * (r.categories.length + 2));
  const widths = segs.slice(0, 4).map((s: { width: number }) => s.width);
  const total = widths.reduce((a: number, b: number) => a + b, 0);
  assert.deepEqual(
    widths.map((w: number) => Math.round((100 * w) / total)),
    [40, 45, 9, 5].map((x) => Math.round((x / 99) * 100)),
  );
  assert.match(svg, /England \(national study\)/);
  // A share marked higher or lower says so in words on the row's name, not only by colour.
  const marked = r.categories.find((g) => g.shares.some((s) => s.vsCouncil));
  assert.ok(marked);
  assert.match(svg, /(higher|lower): /);
  assert.match(svg, /▲|▼/);
});

test('adjusted: the reference sits at 1 and every estimable odds ratio is a point with its interval', async () => {
  const r = await council;
  const { root } = await drawSpec(viewSpec(r, 'adjusted', { width: 640 })!);
  const cats = r.adjusted!.plan.terms.filter(
    (t) => t.kind === 'category' && [t.or, t.lower, t.upper].every((v) => v !== null && Number.isFinite(v)),
  );
  assert.equal(itemsOf(root, 'plan_ratios').length, cats.length);
  assert.equal(itemsOf(root, 'reference_point').length, 1);
  assert.match(summaryText(r, 'adjusted'), /^Against /);
});

test('gradient: the overall line has ten deciles, and the summary states the slope per decile', async () => {
  const r = await council;
  const { root } = await drawSpec(viewSpec(r, 'gradient', { width: 640 })!);
  assert.equal(itemsOf(root, 'intervals').length, 10);
  assert.match(summaryText(r, 'gradient'), /decile more deprived|no clear gradient/);
  assert.equal(viewTables(r, 'gradient').length, 2);
});

test('plans: a quarter of neglect plans without neglect recorded, as the synthetic council plants it', async () => {
  const r = await council;
  const neg = r.plans!.rows.find((x) => x.category === 'NEG')!;
  assert.ok(neg.share! > 0.12 && neg.share! < 0.4, String(neg.share));
  assert.match(
    summaryText(r, 'plans'),
    /^Of [\d,]+ neglect plans, \d+% followed an assessment that had not recorded neglect\.$/,
  );
});

test('pathways: whiskers under the bars span the Wilson intervals, no further action from 0 and care from 100%', async () => {
  const r = await council;
  const width = 800;
  const { root } = await drawSpec(viewSpec(r, 'pathways', { width })!);
  const rules = itemsOf(root, 'intervals').filter((m: { x2?: number }) => m.x2 !== undefined);
  // Every share of the council and of each category has one (England's published mix has none).
  assert.equal(rules.length, 4 * (r.categories.length + 1));
  const px = (v: number) => v * width;
  const near = (a: number, b: number) => Math.abs(a - b) < 0.6;
  const span = (m: { x: number; x2: number }) => [Math.min(m.x, m.x2), Math.max(m.x, m.x2)];
  const [nfa, cin, cpp, care] = r.overall.shares;
  const row = rules.slice(0, 4).map(span);
  assert.ok(near(row[0]![0]!, px(nfa!.lower!)) && near(row[0]![1]!, px(nfa!.upper!)), `nfa ${row[0]}`);
  // Child in need support from where its segment starts, the share of no further action.
  assert.ok(near(row[1]![0]!, px(nfa!.share! + cin!.lower!)), `cin ${row[1]}`);
  assert.ok(near(row[2]![1]!, px(nfa!.share! + cin!.share! + cpp!.upper!)), `plan ${row[2]}`);
  assert.ok(
    near(row[3]![0]!, px(1 - care!.upper!)) && near(row[3]![1]!, px(1 - care!.lower!)),
    `care ${row[3]}`,
  );
});

test('published figures: withheld counts read c in the tables and the charts still draw', async () => {
  const r = await published;
  for (const view of VIEWS) {
    const spec = viewSpec(r, view, { width: 320 });
    if (spec) await drawSpec(spec);
  }
  const csv = VIEWS.map((v) => viewCsv(r, v)).join('\n');
  const cells = VIEWS.flatMap((v) => viewTables(r, v)).flatMap((t) =>
    t.rows.flatMap((row) => Object.values(row)),
  );
  const hasC = cells.some((c) => c === 'c') || /,c,|,c$/m.test(csv);
  assert.ok(hasC, 'some figure of a small category is withheld');
  assert.ok(viewTables(r, 'pathways')[0]!.threshold === 5);
});
