// The specs of <rereferral-curve>, read as JSON and drawn headless as the page draws them
// (draw-spec.ts: compiled by stock vega-lite with the light theme, parsed with `{ast: true}` and run by
// vega-interpreter, as under a strict CSP; any Vega warning fails): what is drawn from which numbers,
// where the plot sits (the number-at-risk table relies on it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
const palette = (THEME as Json).range.category as string[];

/**
 * Whether `label` is drawn as SVG text. Without a canvas to measure text (Node), Vega over-estimates
 * widths and shortens labels that have a `limit` sooner than a browser does: the start is enough.
 */
const shows = (svg: string, label: string): boolean =>
  svg.includes(`>${label}<`) || svg.includes(`>${label.slice(0, 4)}`);

const layer = (spec: Json, name: string): Json => spec.layer.find((l: Json) => l.name === name);
/** A layer's rows: inline, or the named dataset it draws (the curves' points). */
const rows = (spec: Json, name: string): Json[] | undefined => {
  const data = layer(spec, name)?.data;
  return data?.name ? spec.datasets[data.name] : data?.values;
};

/** The drawn marks (not their items) of a layer: one line mark per group for `lines`. */
function marksOf(root: Json, name: string): Json[] {
  const out: Json[] = [];
  const walk = (node: Json): void => {
    for (const m of node.items ?? []) {
      if (m.name === `${name}_marks`) out.push(m);
      else walk(m);
    }
  };
  walk(root);
  return out;
}

test('the curves: step areas for the bands and step lines for the estimates, from the result', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 900 }) as Json;
  assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v6.json');
  for (const name of ['bands', 'lines']) {
    assert.equal(layer(spec, name).mark.interpolate, 'step-after');
    // One point per step, as the result holds them, in time order (drawn in that order).
    assert.deepEqual(layer(spec, name).encoding.order, { value: null });
    assert.equal(
      rows(spec, name)!.length,
      r.groups.reduce((n, g) => n + g.months.length, 0),
    );
  }
  assert.deepEqual(
    [layer(spec, 'bands').encoding.y.field, layer(spec, 'bands').encoding.y2.field],
    ['lower', 'upper'],
  );
  assert.equal(layer(spec, 'lines').encoding.y.field, 'estimate');
  const g0 = r.groups[0]!;
  assert.deepEqual(rows(spec, 'lines')![1], {
    group: g0.label,
    months: g0.months[1],
    estimate: g0.estimate[1],
    lower: g0.lower[1],
    upper: g0.upper[1],
  });
  // Colour and dash by group, no legend (the labels at the curve ends name them).
  const { color, strokeDash } = layer(spec, 'lines').encoding;
  assert.deepEqual(
    color.scale.domain,
    r.groups.map((g) => g.label),
  );
  assert.equal(color.legend, null);
  assert.deepEqual(
    strokeDash.scale.range,
    r.groups.map((_, k) => groupDash(k)),
  );
  // Months on x from 0 to the horizon, ticks at whole years.
  const { x, y } = layer(spec, 'lines').encoding;
  assert.deepEqual(x.scale.domain, [0, r.horizonMonths]);
  assert.deepEqual(x.axis.values, [0, 12, 24, 36, 48, 60, 72]);
  assert.equal(y.axis.format, '.0%');

  // Drawn: a band and a curve for every group, in its palette colour and dash, through its points.
  const { svg, vega, root } = await drawSpec(spec);
  assert.equal((vega as Json).legends, undefined);
  const lines = marksOf(root, 'lines');
  const bands = marksOf(root, 'bands');
  assert.equal(lines.length, r.groups.length);
  assert.equal(bands.length, r.groups.length);
  const [, yMax] = y.scale.domain;
  for (const [k, g] of r.groups.entries()) {
    const items = lines[k].items;
    assert.equal(items.length, g.months.length);
    assert.equal(items[0].stroke, palette[k]);
    assert.deepEqual(items[0].strokeDash, groupDash(k));
    assert.equal(bands[k].items[0].fill, palette[k]);
    assert.equal(bands[k].items[0].opacity, 0.14);
    const i = Math.floor(g.months.length / 2);
    assert.ok(Math.abs(items[i].y - spec.height * (1 - g.estimate[i]! / yMax)) < 1e-9);
    assert.ok(Math.abs(bands[k].items[i].y2 - spec.height * (1 - g.upper[i]! / yMax)) < 1e-9);
  }
  assert.equal((svg.match(/class="mark-line role-mark lines_marks"/g) ?? []).length, r.groups.length);
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
  const { svg, root } = await drawSpec(spec);
  assert.match(
    svg,
    new RegExp(`^<svg[^>]* width="900" height="${layout.top + layout.height + layout.bottom}"`),
  );
  const ticks = itemsOf(root, 'years').map((i: Json) => i.x);
  assert.deepEqual(ticks, [(layout.plotWidth * 12) / r.horizonMonths, layout.plotWidth]);
  // Longer labels take a wider right margin, never more than 30% of the width.
  assert.ok(curveLayout(900, ['x'.repeat(60)]).right <= 270);
  assert.ok(curveLayout(900, ['x'.repeat(30)]).right > curveLayout(900, ['x'.repeat(10)]).right);
});

test("12 months and six years are marked with each group's value, beside the benchmarks", async () => {
  const r = await byAge;
  const spec = curveSpec(r) as Json;
  assert.equal(layer(spec, 'years').mark.type, 'rule');
  assert.deepEqual(rows(spec, 'years'), [{ months: 12 }, { months: 72 }]);
  // Every value the data support: the 16 and 17 year olds cannot be followed for six years (they turn 18).
  const known = r.groups.flatMap((g) => [g.at.months12, g.at.years6]).filter((a) => a.estimate !== null);
  const marks = rows(spec, 'dots')!;
  assert.equal(marks.length, known.length);
  assert.equal(r.groups.find((g) => g.level === '16-17')!.at.years6.estimate, null);
  const first = marks[0];
  assert.equal(first.value, r.groups[0]!.at.months12.estimate);
  assert.match(first.pct, /^\d+\.\d%$/);
  assert.deepEqual(
    rows(spec, 'benchmarks')!.map((b: Json) => [b.months, b.value, b.label]),
    [
      [12, 0.3, 'England 30%'],
      [72, 0.59, 'England 59%'],
      [12, 0.22, 'DfE 22%*'],
    ],
  );
  // Drawn: a dot per value with the tooltip the element shows, a diamond and a label per benchmark,
  // the label on the side with room (left of the six-year mark, right of the 12-month ones).
  const { svg, root } = await drawSpec(spec);
  const dots = itemsOf(root, 'dots');
  assert.equal(dots.length, known.length);
  assert.deepEqual(dots[0].tooltip, {
    Group: r.groups[0]!.label,
    'Months since closure': 12,
    'Re-referred': first.pct,
    '95% interval': first.interval,
  });
  assert.equal(dots[0].fill, palette[0]);
  assert.equal(itemsOf(root, 'diamonds').length, 3);
  assert.deepEqual(
    itemsOf(root, 'benchmarks').map((t: Json) => [t.text, t.align, t.dx]),
    [
      ['England 30%', 'left', 8],
      ['England 59%', 'right', -8],
      ['DfE 22%*', 'left', 8],
    ],
  );
  assert.ok(itemsOf(root, 'halos').every((t: Json) => t.stroke === LIGHT_COLORS.background));
  for (const label of ['England 30%', 'England 59%', 'DfE 22%*'])
    assert.equal(svg.split(`>${label}<`).length - 1, 2, `${label} over its halo`);
});

test('direct labels name every curve, at least LABEL_GAP pixels apart', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 800 }) as Json;
  assert.deepEqual(
    rows(spec, 'labels')!.map((l: Json) => l.label),
    r.groups.map((g) => g.label),
  );
  const { svg, root } = await drawSpec(spec);
  const labels = itemsOf(root, 'labels');
  assert.deepEqual(
    labels.map((t: Json) => t.text),
    r.groups.map((g) => g.label),
  );
  for (const g of r.groups) assert.ok(shows(svg, g.label), g.label);
  // In the text colour, beside the plot.
  assert.ok(labels.every((t: Json) => t.fill === LIGHT_COLORS.text));
  const { plotWidth } = curveLayout(
    800,
    r.groups.map((g) => g.label),
  );
  assert.ok(labels.every((t: Json) => t.x > plotWidth));
  const px = labels.map((t: Json) => t.y as number).sort((a: number, b: number) => a - b);
  for (let k = 1; k < px.length; k++)
    assert.ok(px[k] - px[k - 1] >= LABEL_GAP - 1e-9, `${px[k - 1]} and ${px[k]}`);
  // A swatch of each curve's colour and dash before its label, a leader from each curve's end to it.
  const swatches = itemsOf(root, 'swatches');
  assert.deepEqual(
    swatches.map((s: Json) => [s.stroke, s.strokeDash]),
    r.groups.map((_, k) => [palette[k], groupDash(k)]),
  );
  assert.deepEqual(
    swatches.map((s: Json) => s.y),
    labels.map((t: Json) => t.y),
  );
  for (const leader of itemsOf(root, 'leaders'))
    assert.ok(labels.some((t: Json) => Math.abs(t.y - leader.y2) < 1e-9));
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

test('the specs are plain JSON: they survive a round trip unchanged', async () => {
  const r = await byAge;
  for (const spec of [curveSpec(r), curveSpec(r, { width: 320 }), forestSpec(r)! as Json]) {
    const json = JSON.stringify(spec);
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
  const { svg } = await drawSpec(spec);
  assert.ok(shows(svg, 'All episodes'));
});

test('narrow charts: a legend under the plot names the curves instead of labels at their ends', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 320 }) as Json;
  // Colour and dash in one legend, keyed by the groups' labels in the groups' order.
  const { color, strokeDash } = layer(spec, 'lines').encoding;
  assert.deepEqual(color.legend, strokeDash.legend);
  assert.equal(color.legend.orient, 'bottom');
  assert.deepEqual(
    color.scale.domain,
    r.groups.map((g) => g.label),
  );
  assert.equal(layer(spec, 'labels'), undefined);
  const layout = curveLayout(
    320,
    r.groups.map((g) => g.label),
  );
  assert.equal(layout.narrow, true);
  assert.ok(layout.bottom >= 17 * r.groups.length, 'room for a legend row per group');
  // Drawn: one legend, of strokes in each group's colour and dash, saying "Under 1", not "under-1".
  const { svg, vega, root } = await drawSpec(spec);
  const [legend, ...more] = (vega as Json).legends;
  assert.equal(more.length, 0);
  assert.ok(legend.stroke && legend.strokeDash, 'colour and dash merged');
  for (const g of r.groups) assert.ok(svg.includes(`>${g.label}<`), g.label);
  assert.ok(!svg.includes('>under-1<'));
  assert.equal(itemsOf(root, 'labels').length, 0);
  // Wide charts keep the direct labels and no legend.
  assert.equal((await drawSpec(curveSpec(r, { width: 900 }))).vega.legends, undefined);
});

test('highlight: the named groups in their colours with bands and marks, the rest thin grey lines, England kept', async () => {
  const r = await byAge;
  const [a, b] = [r.groups[1]!, r.groups[3]!];
  // By label or by level, in any case, with spaces around.
  const spec = curveSpec(r, { width: 900, highlight: [` ${a.label.toUpperCase()}`, b.level] }) as Json;
  const plain = curveSpec(r, { width: 900 }) as Json;
  const lit = new Set([a.label, b.label]);
  const groupsOf = (name: string) => new Set(rows(spec, name)!.map((d: Json) => d.group));
  assert.deepEqual(groupsOf('bands'), lit);
  assert.deepEqual(groupsOf('lines'), lit);
  assert.deepEqual(groupsOf('dots'), lit);
  assert.deepEqual(
    groupsOf('context'),
    new Set(r.groups.filter((g) => !lit.has(g.label)).map((g) => g.label)),
  );
  // England's marks and every group's label stay; the colour scale still holds every group.
  assert.deepEqual(rows(spec, 'diamonds'), rows(plain, 'diamonds'));
  assert.equal(rows(spec, 'labels')!.length, r.groups.length);
  assert.deepEqual(
    layer(spec, 'lines').encoding.color.scale.domain,
    r.groups.map((g) => g.label),
  );

  // Drawn: two curves and two bands in their own palette colours, the others grey without bands.
  const { root } = await drawSpec(spec);
  const lines = marksOf(root, 'lines');
  assert.deepEqual(
    lines.map((m: Json) => m.items[0].stroke),
    [palette[1], palette[3]],
  );
  assert.equal(marksOf(root, 'bands').length, 2);
  const context = marksOf(root, 'context');
  assert.equal(context.length, r.groups.length - 2);
  for (const m of context) assert.equal(m.items[0].stroke, LIGHT_COLORS.muted);

  // A name that matches no group leaves every group in colour: the spec without highlight.
  assert.deepEqual(curveSpec(r, { width: 900, highlight: ['nobody'] }), plain);
  // Narrow: the legend lists the highlighted groups only.
  const narrow = curveSpec(r, { width: 320, highlight: [a.label] }) as Json;
  assert.deepEqual(layer(narrow, 'lines').encoding.color.legend.values, [a.label]);
});
