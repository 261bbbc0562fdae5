// The specs of <rereferral-curve>, read as JSON and drawn headless with stock Vega (parsed with
// `{ast: true}`, run by vega-interpreter, as the page does under a strict CSP) and the light theme:
// what is drawn from which numbers, where
// the plot sits (the risk table relies on it). The forest plot is Vega-Lite, drawn as the page draws it
// (draw-spec.ts: compiled by stock vega-lite with the theme).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Spec } from 'vega';
import {
  LABEL_GAP,
  LIGHT_COLORS,
  curveLayout,
  curveSpec,
  forestLayout,
  forestSpec,
  groupDash,
  monthTicks,
  spreadLabels,
} from '../../../components/rereferral-curve/rereferral-curve.spec.js';
import { View, parse } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { THEME, drawSpec, itemsOf } from './draw-spec.js';
import { rereferral, type RereferralResult } from '../../../src/analyses/rereferral.js';
import { loadAssessments, loadRows } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { synthesise } from '../../../src/synth/synth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a spec's JSON and Vega's scenegraph
type Json = any;

/** A small synthetic council grouped by age band at closure (five groups, a Cox model). */
async function result(): Promise<RereferralResult> {
  const s = synthesise({ assessments: 3000, seed: 11 });
  const { data } = await loadAssessments(s.assessmentsCsv, { fileName: 'council.csv' });
  return rereferral(data, { group: 'age' });
}

const byAge = result();

/** The theme as the page makes it, from a style with no tokens set (the defaults). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the theme as Vega's config
const config = THEME as any;

interface Drawn {
  svg: string;
  /** The items of the mark named `name` (their x, y, text, fill, tooltip ... as Vega drew them). */
  items: (name: string) => Json[];
  /** The dataflow operator types Vega built for the spec (the transforms the runtime must have). */
  operators: string[];
}

/** Draws `spec` as the element does, without a DOM: a spec Vega rejects or that draws nothing fails. */
async function draw(spec: Spec): Promise<Drawn> {
  const runtime = parse(spec, config, { ast: true });
  const view = new View(runtime, { renderer: 'none', expr: expressionInterpreter, logLevel: 0 });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    const marks: Json[] = (view.scenegraph() as Json).root.items[0].items;
    const items = (name: string): Json[] => {
      const mark = marks.find((m) => m.name === name);
      assert.ok(mark, `a mark named ${name}`);
      return mark.items;
    };
    return { svg, items, operators: (runtime as Json).operators.map((o: Json) => o.type) };
  } finally {
    view.finalize();
  }
}

/**
 * Whether `label` is drawn as SVG text. Without a canvas to measure text (Node), Vega over-estimates
 * widths and shortens labels that have a `limit` sooner than a browser does: the start is enough.
 */
const shows = (svg: string, label: string): boolean =>
  svg.includes(`>${label}<`) || svg.includes(`>${label.slice(0, 4)}`);

const data = (spec: Json, name: string): Json[] => spec.data.find((d: Json) => d.name === name)?.values;
const mark = (spec: Json, name: string): Json => spec.marks.find((m: Json) => m.name === name);
const scale = (spec: Json, name: string): Json => spec.scales.find((s: Json) => s.name === name);
const axis = (spec: Json, name: string): Json => spec.axes.find((a: Json) => a.scale === name);

test('the curves: step areas for the bands and step lines for the estimates, from the result', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 900 }) as Json;
  assert.equal(spec.$schema, 'https://vega.github.io/schema/vega/v6.json');
  for (const [k, g] of r.groups.entries()) {
    const band = mark(spec, `band-${k}`).encode.update;
    const line = mark(spec, `line-${k}`).encode.update;
    assert.equal(mark(spec, `band-${k}`).from.data, `curve-${k}`);
    assert.equal(mark(spec, `line-${k}`).from.data, `curve-${k}`);
    assert.equal(band.interpolate.value, 'step-after');
    assert.equal(band.y.field, 'lower');
    assert.equal(band.y2.field, 'upper');
    assert.equal(line.interpolate.value, 'step-after');
    assert.equal(line.y.field, 'estimate');
    // One point per step, as the result holds them, in time order (a line joins them as given).
    assert.equal(data(spec, `curve-${k}`).length, g.months.length);
  }
  const g0 = r.groups[0]!;
  assert.deepEqual(data(spec, 'curve-0')[1], {
    group: g0.level,
    months: g0.months[1],
    estimate: g0.estimate[1],
    lower: g0.lower[1],
    upper: g0.upper[1],
  });
  // Colour and dash by group, no legend (the labels at the curve ends name them).
  assert.deepEqual(
    scale(spec, 'color').domain,
    r.groups.map((g) => g.level),
  );
  assert.equal(scale(spec, 'color').range, 'category');
  assert.deepEqual(spec.legends, []);
  assert.deepEqual(
    scale(spec, 'dash').range,
    r.groups.map((_, k) => groupDash(k)),
  );
  // Months on x from 0 to the horizon, ticks at whole years.
  assert.deepEqual(scale(spec, 'x').domain, [0, r.horizonMonths]);
  assert.deepEqual(axis(spec, 'x').values, [0, 12, 24, 36, 48, 60, 72]);
  assert.equal(axis(spec, 'y').format, '.0%');

  // Drawn: a band and a curve for every group, in its palette colour; the axis labels as formatted.
  const { svg, items } = await draw(spec);
  const palette = (config as Json).range.category;
  for (const k of r.groups.keys()) {
    const [line] = items(`line-${k}`);
    assert.equal(items(`line-${k}`).length, r.groups[k]!.months.length);
    assert.equal(line.stroke, palette[k]);
    assert.deepEqual(line.strokeDash, groupDash(k));
    assert.equal(items(`band-${k}`)[0].fill, palette[k]);
  }
  assert.equal((svg.match(/class="mark-line role-mark line-\d"/g) ?? []).length, r.groups.length);
  for (const label of ['0%', '20%', '40%', 'Months since the episode closed', 'Re-referred'])
    assert.ok(svg.includes(`>${label}<`), label);
});

test('the plot sits where curveLayout says, so the number-at-risk table can line up with it', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 900 }) as Json;
  const layout = curveLayout(
    900,
    r.groups.map((g) => g.label),
  );
  assert.deepEqual(spec.autosize, { type: 'none' });
  assert.deepEqual(spec.padding, {
    left: layout.left,
    right: layout.right,
    top: layout.top,
    bottom: layout.bottom,
  });
  assert.equal(spec.width, layout.plotWidth);
  assert.equal(layout.left + layout.plotWidth + layout.right, 900);
  // Drawn at that size: the SVG is the element's width, the axis ticks where the table puts its columns.
  const { svg, items } = await draw(spec);
  assert.match(
    svg,
    new RegExp(`^<svg[^>]* width="900" height="${layout.top + layout.height + layout.bottom}"`),
  );
  const ticks = items('year-rules').map((i: Json) => i.x);
  assert.deepEqual(ticks, [(layout.plotWidth * 12) / r.horizonMonths, layout.plotWidth]);
  // Longer labels take a wider right margin, never more than 30% of the width.
  assert.ok(curveLayout(900, ['x'.repeat(60)]).right <= 270);
  assert.ok(curveLayout(900, ['x'.repeat(30)]).right > curveLayout(900, ['x'.repeat(10)]).right);
});

test("12 months and six years are marked with each group's value, beside the benchmarks", async () => {
  const r = await byAge;
  const spec = curveSpec(r) as Json;
  assert.equal(mark(spec, 'year-rules').type, 'rule');
  assert.deepEqual(data(spec, 'year-marks'), [{ months: 12 }, { months: 72 }]);
  // Every value the data support: the 16 and 17 year olds cannot be followed for six years (they turn 18).
  const known = r.groups.flatMap((g) => [g.at.months12, g.at.years6]).filter((a) => a.estimate !== null);
  const marks = data(spec, 'marks');
  assert.equal(marks.length, known.length);
  assert.equal(r.groups.find((g) => g.level === '16-17')!.at.years6.estimate, null);
  const first = marks[0];
  assert.equal(first.estimate, r.groups[0]!.at.months12.estimate);
  assert.match(first.tooltip['Re-referred'], /^\d+\.\d%$/);
  assert.deepEqual(
    data(spec, 'benchmarks').map((b: Json) => [b.months, b.value, b.label]),
    [
      [12, 0.3, 'England 30%'],
      [72, 0.59, 'England 59%'],
      [12, 0.22, 'DfE 22%*'],
    ],
  );
  // Drawn: a dot per value with the tooltip the element shows, a diamond and a label per benchmark.
  const { svg, items } = await draw(spec);
  const dots = items('mark-points');
  assert.equal(dots.length, known.length);
  assert.deepEqual(dots[0].tooltip, {
    Group: r.groups[0]!.label,
    'Months since closure': 12,
    'Re-referred': first.tooltip['Re-referred'],
    '95% interval': first.tooltip['95% interval'],
  });
  assert.equal(items('benchmark-diamonds').length, 3);
  for (const label of ['England 30%', 'England 59%', 'DfE 22%*'])
    assert.equal(svg.split(`>${label}<`).length - 1, 2, `${label} over its halo`);
});

test('direct labels name every curve, at least LABEL_GAP pixels apart', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 800 }) as Json;
  assert.deepEqual(
    data(spec, 'labels').map((l: Json) => l.label),
    r.groups.map((g) => g.label),
  );
  const { svg, items } = await draw(spec);
  const labels = items('label-texts');
  assert.deepEqual(
    labels.map((t: Json) => t.text),
    r.groups.map((g) => g.label),
  );
  for (const g of r.groups) assert.ok(shows(svg, g.label), g.label);
  // In the text colour (Vega's config has no text colour: the spec sets it), beside the plot.
  assert.ok(labels.every((t: Json) => t.fill === LIGHT_COLORS.text));
  const { plotWidth } = curveLayout(
    800,
    r.groups.map((g) => g.label),
  );
  assert.ok(labels.every((t: Json) => t.x > plotWidth));
  const px = labels.map((t: Json) => t.y as number).sort((a: number, b: number) => a - b);
  for (let k = 1; k < px.length; k++)
    assert.ok(px[k] - px[k - 1] >= LABEL_GAP - 1e-9, `${px[k - 1]} and ${px[k]}`);
  // A swatch of each curve's colour and dash before its label.
  assert.deepEqual(
    items('swatch-rules').map((s: Json) => s.strokeDash),
    r.groups.map((_, k) => groupDash(k)),
  );
});

test('spreadLabels leaves labels alone when apart, spreads them when close, pushes them up from the bottom', () => {
  const px = (values: number[]) =>
    spreadLabels(values, 1, 300).map((v) => Math.round(300 * (1 - v) * 10) / 10);
  assert.deepEqual(px([0.1, 0.5, 0.9]), [270, 150, 30]);
  const close = px([0.5, 0.5, 0.5]);
  assert.deepEqual(close, [150, 165, 180]);
  // Three labels at the very bottom are pushed up, not below the axis.
  assert.deepEqual(px([0, 0, 0]), [277.5, 292.5, 307.5]);
});

test('month ticks: whole years, every six months for short horizons', () => {
  assert.deepEqual(monthTicks(72), [0, 12, 24, 36, 48, 60, 72]);
  assert.deepEqual(monthTicks(40), [0, 12, 24, 36]);
  assert.deepEqual(monthTicks(18), [0, 6, 12, 18]);
});

test('nothing in the specs needs an expression evaluated (strict CSP) and they survive JSON', async () => {
  const r = await byAge;
  for (const spec of [curveSpec(r), curveSpec(r, { width: 320 }), forestSpec(r)! as Json]) {
    const json = JSON.stringify(spec);
    assert.ok(
      !/"(expr|signal|signals|transform|calculate|filter|labelExpr|on)":/.test(json),
      'no expressions',
    );
    assert.deepEqual(JSON.parse(json), spec);
  }
});

test('the forest plot: hazard ratios on a log scale, the reference on top at 1, the rest by size', async () => {
  const r = await byAge;
  const spec = forestSpec(r, { width: 900 }) as Json;
  assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v6.json');
  const rows = spec.data.values;
  assert.equal(rows.length, r.groups.length);
  assert.equal(rows[0].label, r.cox!.reference.label);
  assert.equal(rows[0].text, '1 (reference)');
  assert.deepEqual([rows[0].hr, rows[0].lower, rows[0].upper], [1, 1, 1]);
  const hrs = rows.slice(1).map((x: Json) => x.hr);
  assert.deepEqual(
    hrs,
    [...hrs].sort((a: number, b: number) => b - a),
  );
  const term = r.cox!.terms.find((t) => t.label === rows[1].label)!;
  assert.equal(rows[1].lower, term.lower);
  assert.equal(
    rows[1].text,
    `${term.hr!.toFixed(2)} (${term.lower!.toFixed(2)} to ${term.upper!.toFixed(2)})`,
  );
  const layer = (name: string): Json => spec.layer.find((l: Json) => l.name === name);
  const ci = layer('intervals').encoding;
  assert.deepEqual([ci.x.field, ci.x2.field], ['lower', 'upper']);
  assert.equal(ci.x.scale.type, 'log');
  assert.equal(spec.encoding.y.sort, null, 'rows in the order given');
  assert.equal(layer('reference').encoding.x.datum, 1);
  // The x domain holds every interval.
  const [lo, hi] = ci.x.scale.domain;
  assert.ok(rows.every((x: Json) => x.lower >= lo && x.upper <= hi));

  // Drawn: a row per group from the top in that order, the reference a diamond on the line at 1.
  const { svg, root } = await drawSpec(spec);
  const points = itemsOf(root, 'ratios');
  assert.deepEqual(
    points.map((p: Json) => p.datum.label),
    rows.map((x: Json) => x.label),
  );
  const ys = points.map((p: Json) => p.y);
  assert.deepEqual(
    ys,
    [...ys].sort((a: number, b: number) => a - b),
  );
  assert.deepEqual(
    points.map((p: Json) => p.shape),
    rows.map((_: Json, k: number) => (k === 0 ? 'diamond' : 'square')),
  );
  const [one] = itemsOf(root, 'reference');
  assert.equal(points[0].x, one.x);
  assert.equal(one.y2 - one.y, spec.height, 'the line at 1 spans the plot');
  assert.deepEqual(points[1].tooltip, { Group: rows[1].label, 'Hazard ratio': rows[1].text });
  const intervals = itemsOf(root, 'intervals');
  assert.ok(intervals.every((i: Json, k: number) => i.x <= points[k].x && points[k].x <= i.x2));
  for (const x of rows) assert.ok(svg.includes(`>${x.label}<`) && svg.includes(`>${x.text}<`), x.label);
  assert.ok(svg.includes('>Hazard ratio (log scale)<'));
  // The plot sits where forestLayout says (the element sizes the chart from it).
  const layout = forestLayout(
    900,
    rows.length,
    rows.map((x: Json) => x.label),
  );
  assert.deepEqual([spec.width, spec.padding.left], [layout.plotWidth, layout.left]);
});

test('no forest plot without hazard ratios (group none)', async () => {
  const { data: rows } = await loadRows(
    [
      {
        child_id: 'A',
        referral_date: '2020-01-01',
        assessment_date: '2020-01-02',
        factors: '3B',
        closure_date: '2020-02-01',
        closure_reason: 'RC8',
      },
      {
        child_id: 'A',
        referral_date: '2020-05-01',
        assessment_date: '2020-05-02',
        factors: '3B',
        closure_date: '',
        closure_reason: '',
      },
    ],
    { fileName: 'two', kind: 'assessments' },
  );
  const r = rereferral(rows as AssessmentData, { group: 'none' });
  assert.equal(forestSpec(r), null);
  const spec = curveSpec(r) as Json;
  assert.equal(spec.width, curveLayout(640, ['All episodes']).plotWidth);
  const { svg } = await draw(spec);
  assert.ok(shows(svg, 'All episodes'));
});

test('narrow charts: a legend under the plot names the curves instead of labels at their ends', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 320 }) as Json;
  assert.equal(spec.legends.length, 1);
  const [legend] = spec.legends;
  assert.equal(legend.orient, 'bottom');
  // Colour and dash in one legend, keyed by the groups' labels in the groups' order.
  assert.deepEqual([legend.stroke, legend.strokeDash], ['legend-color', 'legend-dash']);
  assert.deepEqual(
    scale(spec, 'legend-color').domain,
    r.groups.map((g) => g.label),
  );
  assert.deepEqual(scale(spec, 'legend-dash').range, scale(spec, 'dash').range);
  assert.equal(data(spec, 'labels'), undefined);
  assert.equal(mark(spec, 'label-texts'), undefined);
  const layout = curveLayout(
    320,
    r.groups.map((g) => g.label),
  );
  assert.equal(layout.narrow, true);
  assert.ok(layout.bottom >= 17 * r.groups.length, 'room for a legend row per group');
  // Drawn: the legend says "Under 1", not the level's code "under-1".
  const { svg } = await draw(spec);
  for (const g of r.groups) assert.ok(svg.includes(`>${g.label}<`), g.label);
  assert.ok(!svg.includes('>under-1<'));
  // Wide charts keep the direct labels and no legend.
  assert.deepEqual((curveSpec(r, { width: 900 }) as Json).legends, []);
});
