// The Vega-Lite specs of <rereferral-curve> as JSON, without rendering: what is drawn from which
// numbers, where the plot sits (the risk table relies on it), and nothing a strict CSP would refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LABEL_GAP,
  curveLayout,
  curveSpec,
  forestSpec,
  groupDash,
  monthTicks,
  spreadLabels,
} from '../../../components/rereferral-curve/rereferral-curve.spec.js';
import { rereferral, type RereferralResult } from '../../../src/analyses/rereferral.js';
import { loadAssessments, loadRows } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { synthesise } from '../../../src/data/synth.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a spec's JSON
type Json = any;

/** A small synthetic council grouped by age band at closure (five groups, a Cox model). */
async function result(): Promise<RereferralResult> {
  const s = synthesise({ assessments: 3000, seed: 11 });
  const { data } = await loadAssessments(s.assessmentsCsv, { fileName: 'council.csv' });
  return rereferral(data, { group: 'age' });
}

const byAge = result();

/** Every layer of a (possibly nested) layered spec, flattened. */
function layers(spec: Json): Json[] {
  return (spec.layer ?? []).flatMap((l: Json) => (l.layer ? [l, ...layers(l)] : [l]));
}

test('the curves: step areas for the bands and step lines for the estimates, from the result', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 900 }) as Json;
  const all = layers(spec);
  const area = all.find((l) => l.mark?.type === 'area');
  const line = all.find((l) => l.mark?.type === 'line' && l.encoding?.y?.field === 'estimate');
  assert.equal(area.mark.interpolate, 'step-after');
  assert.equal(area.encoding.y.field, 'lower');
  assert.equal(area.encoding.y2.field, 'upper');
  assert.equal(line.mark.interpolate, 'step-after');
  // One point per step of every group, as the result holds them.
  const points = spec.layer.find((l: Json) => l.data?.values?.[0]?.estimate !== undefined && l.layer).data
    .values;
  assert.equal(
    points.length,
    r.groups.reduce((s, g) => s + g.months.length, 0),
  );
  const g0 = r.groups[0]!;
  assert.deepEqual(points[1], {
    group: g0.level,
    months: g0.months[1],
    estimate: g0.estimate[1],
    lower: g0.lower[1],
    upper: g0.upper[1],
  });
  // Colour and dash by group, no legend (the labels at the curve ends name them).
  assert.deepEqual(
    line.encoding.color.scale.domain,
    r.groups.map((g) => g.level),
  );
  assert.equal(line.encoding.color.legend, null);
  assert.deepEqual(
    line.encoding.strokeDash.scale.range,
    r.groups.map((_, k) => groupDash(k)),
  );
  // Months on x from 0 to the horizon, ticks at whole years.
  assert.deepEqual(line.encoding.x.scale.domain, [0, r.horizonMonths]);
  assert.deepEqual(line.encoding.x.axis.values, [0, 12, 24, 36, 48, 60, 72]);
  assert.equal(line.encoding.y.axis.format, '.0%');
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
  // Longer labels take a wider right margin, never more than 30% of the width.
  assert.ok(curveLayout(900, ['x'.repeat(60)]).right <= 270);
  assert.ok(curveLayout(900, ['x'.repeat(30)]).right > curveLayout(900, ['x'.repeat(10)]).right);
});

test("12 months and six years are marked with each group's value, beside the benchmarks", async () => {
  const r = await byAge;
  const all = layers(curveSpec(r) as Json);
  const rules = all.find((l) => l.mark?.type === 'rule');
  assert.deepEqual(rules.data.values, [{ months: 12 }, { months: 72 }]);
  const marks = all.find((l) => l.mark?.type === 'point' && l.encoding?.tooltip);
  // Every value the data support: the 16 and 17 year olds cannot be followed for six years (they turn 18).
  const known = r.groups.flatMap((g) => [g.at.months12, g.at.years6]).filter((a) => a.estimate !== null);
  assert.equal(marks.data.values.length, known.length);
  assert.equal(r.groups.find((g) => g.level === '16-17')!.at.years6.estimate, null);
  const first = marks.data.values[0];
  assert.equal(first.estimate, r.groups[0]!.at.months12.estimate);
  assert.match(first['Re-referred'], /^\d+\.\d%$/);
  const bench = all.find((l) => l.data?.values?.[0]?.id === 'kingston-12m');
  assert.deepEqual(
    bench.data.values.map((b: Json) => [b.months, b.value, b.label]),
    [
      [12, 0.3, 'England 30%'],
      [72, 0.59, 'England 59%'],
      [12, 0.22, 'DfE 22%*'],
    ],
  );
});

test('direct labels name every curve, at least LABEL_GAP pixels apart', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 800 }) as Json;
  const text = layers(spec).filter((l) => l.mark?.type === 'text' && l.encoding?.text?.field === 'label');
  const labels = text.find((l) => l.data?.values?.[0]?.group !== undefined).data.values;
  assert.deepEqual(
    labels.map((l: Json) => l.label),
    r.groups.map((g) => g.label),
  );
  const yMax = spec.layer[1].layer[0].encoding.y.scale.domain[1];
  const px = labels
    .map((l: Json) => (spec.height * (1 - l.value / yMax)) as number)
    .sort((a: number, b: number) => a - b);
  for (let k = 1; k < px.length; k++)
    assert.ok(px[k] - px[k - 1] >= LABEL_GAP - 1e-9, `${px[k - 1]} and ${px[k]}`);
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
  for (const spec of [curveSpec(r), forestSpec(r)]) {
    const json = JSON.stringify(spec);
    assert.ok(!/"(expr|calculate|filter|labelExpr|signal)"/.test(json), 'no expressions');
    assert.deepEqual(JSON.parse(json), spec);
  }
});

test('the forest plot: hazard ratios on a log scale, the reference on top at 1, the rest by size', async () => {
  const r = await byAge;
  const spec = forestSpec(r, { width: 900 }) as Json;
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
  const all = layers(spec);
  const point = all.find((l) => l.mark?.type === 'point');
  assert.equal(point.encoding.x.scale.type, 'log');
  assert.deepEqual(
    point.encoding.y.sort,
    rows.map((x: Json) => x.label),
  );
  const ci = all.find((l) => l.encoding?.x2);
  assert.deepEqual([ci.encoding.x.field, ci.encoding.x2.field], ['lower', 'upper']);
  const one = all.find((l) => l.data?.values?.[0]?.one === 1);
  assert.equal(one.mark.type, 'rule');
  // The x domain holds every interval.
  const [lo, hi] = point.encoding.x.scale.domain;
  assert.ok(rows.every((x: Json) => x.lower >= lo && x.upper <= hi));
});

test('no forest plot without hazard ratios (group none)', async () => {
  const { data } = await loadRows(
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
  const r = rereferral(data as AssessmentData, { group: 'none' });
  assert.equal(forestSpec(r), null);
  const spec = curveSpec(r) as Json;
  assert.equal(spec.width, curveLayout(640, ['All episodes']).plotWidth);
});

test('narrow charts: a legend under the plot names the curves instead of labels at their ends', async () => {
  const r = await byAge;
  const spec = curveSpec(r, { width: 320 }) as Json;
  const all = layers(spec);
  const line = all.find((l) => l.mark?.type === 'line' && l.encoding?.y?.field === 'estimate');
  assert.equal(line.encoding.color.legend.orient, 'bottom');
  assert.deepEqual(line.encoding.strokeDash.legend, line.encoding.color.legend);
  assert.equal(
    all.some((l) => l.data?.values?.[0]?.label !== undefined && l.data.values[0].group !== undefined),
    false,
  );
  const layout = curveLayout(
    320,
    r.groups.map((g) => g.label),
  );
  assert.equal(layout.narrow, true);
  assert.ok(layout.bottom >= 17 * r.groups.length, 'room for a legend row per group');
  // Wide charts keep the direct labels and no legend.
  const wide = layers(curveSpec(r, { width: 900 }) as Json).find(
    (l) => l.mark?.type === 'line' && l.encoding?.y?.field === 'estimate',
  );
  assert.equal(wide.encoding.color.legend, null);
});
