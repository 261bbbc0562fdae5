// The specs of <rereferral-curve>, pure functions of the analysis's result (and the width the element
// measured): the step curves of the cumulative proportion re-referred with their confidence bands
// (this file), and the forest plot of Cox hazard ratios (rereferral-curve.spec-forest.ts, re-exported
// here). No DOM, no Vega at run time (type imports only): importable in Node, tested as JSON and
// rendered headless (tests/src/specs/rereferral-curve.spec.test.ts).
//
// Both are Vega-Lite (components/internal/CHARTS.md). The theme (font, axis colours, the group palette
// as `range.category`) comes as the config; the colours the marks set themselves (`colors`) are
// explicit.
//
// Layout policy: `autosize: 'none'` with explicit padding, so the plot area sits at a known place
// (`curveLayout`, rereferral-curve.spec-layout.ts): the number-at-risk table under the chart lines its columns up with the x axis from
// the same numbers, as survminer's risk table does. Direct labels at the curve ends (a thin leader, a
// swatch of the group's colour and dash pattern, the name in the text colour) replace a legend: colour
// is never the only carrier. Labels are spread apart so they never overlap (at least LABEL_GAP pixels
// between centres).
//
// One layer a kind of mark, each with its own rows: the bands and curves are one area and one line
// layer coloured (and dashed) by group, so Vega-Lite draws a band and a curve per group, from the
// points in the order the result holds them (time order). Figures are pre-formatted in the data.
//
// Highlight: with many groups (12 categories) the curves tangle, so `highlight` names one or a few
// groups (by label or level, any case) to draw in their colours with their bands and marks; the rest
// are thin grey lines without bands, still labelled, and England's marks stay. The colours do not
// move (the scale keeps every group), so a highlighted group has the colour it has among all.
import type { RereferralShown as RereferralResult, ShownCurve } from './rereferral-curve.text.js';
import {
  LIGHT_COLORS,
  VEGA_LITE_SCHEMA,
  type SpecColors,
  type VegaLiteSpec,
} from './rereferral-curve.spec-base.js';
import { SWATCH, curveLayout, groupDash, monthTicks, spreadLabels } from './rereferral-curve.spec-layout.js';

/** The x axis's title for each outcome. */
const SINCE_TITLE: Record<string, string> = {
  rereferral: 'Months since the episode closed',
  'repeat-plan': 'Months since the plan ended',
  'care-reentry': 'Months since leaving care',
};

/** The y axis's title for each outcome (the curves are drawn alike). */
const EVENT_TITLE: Record<string, string> = {
  rereferral: 'Re-referred',
  'repeat-plan': 'Another plan',
  'care-reentry': 'Back in care',
};

export { LIGHT_COLORS, type CurveLayout, type SpecColors } from './rereferral-curve.spec-base.js';
export { forestLayout, forestSpec } from './rereferral-curve.spec-forest.js';
export {
  LABEL_GAP,
  curveLayout,
  groupDash,
  monthTicks,
  spreadLabels,
} from './rereferral-curve.spec-layout.js';

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

function yTop(result: RereferralResult, groups: ShownCurve[]): number {
  let top = 0.1;
  for (const g of groups) for (const v of g.upper) top = Math.max(top, v);
  for (const b of result.benchmarks) if (b.months <= result.horizonMonths) top = Math.max(top, b.value);
  return Math.min(1, Math.ceil((top + 0.02) * 10) / 10);
}

/**
 * The curves of 1 - S(t) with their bands, the 12-month and six-year marks, the benchmarks and
 * direct labels (a legend under the plot when narrow).
 * @param width the chart's width in px (the element's content width)
 * @example curveSpec(result, {width: 900}).layer.map((l) => l.name) // ['years', 'bands', 'lines', ...]
 */
export function curveSpec(
  result: RereferralResult,
  {
    width = 640,
    colors = LIGHT_COLORS,
    highlight = [],
  }: { width?: number; colors?: SpecColors; highlight?: readonly string[] } = {},
): VegaLiteSpec {
  // Published figures may withhold a group (no points): it is not drawn (its table row says c).
  const groups = result.groups.filter((g) => g.months.length > 0);
  const names = groups.map((g) => g.label);
  const layout = curveLayout(width, names);
  const { plotWidth, height, narrow } = layout;
  const horizon = result.horizonMonths;
  const within = (months: number) => months <= horizon + 1e-9;
  const yMax = yTop(result, groups);
  // Groups are keyed by their labels (what a narrow chart's legend shows), by level if two share one.
  const keys = new Set(names).size === names.length ? names : groups.map((g) => g.level);
  const wanted = new Set(highlight.map((h) => h.trim().toLowerCase()));
  const named = groups.map((g) => wanted.has(g.label.toLowerCase()) || wanted.has(g.level.toLowerCase()));
  // No group named (or none found): every group in colour, as without the attribute.
  const lit = named.some(Boolean) ? named : groups.map(() => true);
  const isLit = (d: { group: string }) => lit[keys.indexOf(d.group)];

  const points = groups.flatMap((g, k) =>
    g.months.map((months, i) => ({
      group: keys[k],
      months,
      estimate: g.estimate[i],
      lower: g.lower[i],
      upper: g.upper[i],
    })),
  );
  const marks = groups.flatMap((g, k) =>
    [g.at.months12, g.at.years6]
      .filter((at) => at.estimate !== null && within(at.months))
      .map((at) => ({
        group: keys[k],
        label: g.label,
        months: at.months,
        value: at.estimate,
        pct: pct(at.estimate),
        interval: `${pct(at.lower)} to ${pct(at.upper)}`,
      })),
  );
  const benchmarks = result.benchmarks
    .filter((b) => within(b.months))
    .map((b) => {
      // Left of its diamond where the plot leaves room for the words (clear of the y axis), else right.
      const left = (plotWidth * b.months) / horizon > 90;
      return {
        months: b.months,
        value: b.value,
        label: b.sameDefinition ? b.label : `${b.label}*`,
        align: left ? 'right' : 'left',
        dx: left ? -8 : 8,
      };
    });
  // A thin grey leader from the curve's end to its label, then a swatch of the curve's colour and
  // dash pattern, then the label: the key sits by the curve it names. Every label is in the right
  // margin, one column spread apart: a curve that stops early (follow-up ends; a published curve
  // stops where few episodes are still followed) would otherwise put its label inside the plot,
  // over the other curves. Such a curve has no leader (a line from its end would read as more curve).
  const ends = groups.map((g) => g.estimate[g.estimate.length - 1] ?? 0);
  const labelY = spreadLabels(ends, yMax, height);
  const perPx = horizon / plotWidth;
  const column = horizon + 10 * perPx;
  const labels = groups.map((g, k) => ({
    group: keys[k],
    label: g.label,
    end: Math.min(horizon, g.months[g.months.length - 1] ?? 0),
    value: ends[k],
    months: column,
    swatchEnd: column + SWATCH * perPx,
    labelY: labelY[k],
  }));
  const leaders = labels
    .filter((l) => l.end >= horizon - 6 * perPx)
    .map((l) => ({ ...l, months: l.end + 4 * perPx, toMonths: column }));

  const xDomain = [0, horizon];
  const yDomain = [0, yMax];
  const x = (field: string) =>
    ({
      field,
      type: 'quantitative',
      scale: { domain: xDomain, nice: false, zero: true },
      axis: {
        values: monthTicks(horizon),
        title: SINCE_TITLE[result.options.outcome] ?? 'Months since the episode closed',
        grid: false,
        labelFlush: false,
        labelOverlap: true,
      },
    }) as const;
  const y = (field: string) =>
    ({
      field,
      type: 'quantitative',
      scale: { domain: yDomain, nice: false, zero: true },
      axis: {
        format: '.0%',
        title: EVENT_TITLE[result.options.outcome] ?? 'Re-referred',
        tickCount: 5,
        titlePadding: 8,
        grid: true,
        labelOverlap: true,
      },
    }) as const;
  // Narrow: one legend (colour and dash merged: the same field, title and options) under the plot, a
  // row per group; wide: none (the direct labels name the curves).
  const legend = narrow
    ? ({
        title: null,
        orient: 'bottom',
        direction: 'vertical',
        symbolType: 'stroke',
        symbolStrokeWidth: 2.5,
        symbolOpacity: 1,
        labelFontSize: 12,
        labelLimit: layout.width - layout.left - 36,
        rowPadding: 3,
        offset: 12,
      } as const)
    : null;
  // The legend lists the groups in colour only (the grey ones are named in the table).
  const shown = legend && lit.includes(false) ? { ...legend, values: keys.filter((_, k) => lit[k]) } : legend;
  const color = { field: 'group', type: 'nominal', scale: { domain: keys }, legend: shown } as const;
  const dash = {
    field: 'group',
    type: 'nominal',
    scale: { domain: keys, range: keys.map((_, k) => groupDash(k)) },
    legend: shown,
  } as const;
  const grey = points.filter((d) => !isLit(d));
  const litPoints = points.filter(isLit);
  const text = { type: 'text', fill: colors.text, fontSize: 12, baseline: 'middle' } as const;

  return {
    $schema: VEGA_LITE_SCHEMA,
    description: 'Cumulative percentage of episodes followed by a re-referral, by months since closure.',
    width: plotWidth,
    height,
    // The plot at a known place: the number-at-risk table lines its columns up with the x axis.
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    // The curves' points (thousands at national scale) once, by name, for the bands and the lines:
    // inline in each layer, Vega-Lite would copy and hash both to find they are the same.
    datasets: { points: litPoints },
    layer: [
      {
        name: 'years',
        data: { values: [12, 72].filter(within).map((months) => ({ months })) },
        mark: { type: 'rule', stroke: colors.muted, strokeDash: [2, 3] },
        encoding: { x: x('months') },
      },
      // Every band under every curve; the points in the result's order (a step per point).
      {
        name: 'bands',
        data: { name: 'points' },
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.14 },
        encoding: {
          x: x('months'),
          y: y('lower'),
          y2: { field: 'upper' },
          color,
          order: { value: null },
        },
      },
      ...(grey.length
        ? [
            {
              name: 'context',
              data: { values: grey },
              mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, stroke: colors.muted },
              encoding: {
                x: x('months'),
                y: y('estimate'),
                detail: { field: 'group' },
                order: { value: null },
              },
            },
          ]
        : []),
      {
        name: 'lines',
        data: { name: 'points' },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x: x('months'), y: y('estimate'), color, strokeDash: dash, order: { value: null } },
      },
      {
        name: 'dots',
        data: { values: marks.filter(isLit) },
        mark: {
          type: 'point',
          filled: true,
          size: 40,
          stroke: colors.background,
          strokeWidth: 1,
          opacity: 1,
        },
        encoding: {
          x: x('months'),
          y: y('value'),
          color,
          // What the element's tooltip lists, in order.
          tooltip: [
            { field: 'label', title: 'Group' },
            { field: 'months', title: 'Months since closure' },
            { field: 'pct', title: EVENT_TITLE[result.options.outcome] ?? 'Re-referred' },
            { field: 'interval', title: '95% interval' },
          ],
        },
      },
      {
        name: 'diamonds',
        data: { values: benchmarks },
        mark: {
          type: 'point',
          shape: 'diamond',
          filled: true,
          size: 90,
          fill: colors.text,
          stroke: colors.background,
          strokeWidth: 1,
          opacity: 0.7,
        },
        encoding: { x: x('months'), y: y('value') },
      },
      // Each benchmark's label on the side with room, over a halo of the background colour.
      ...[true, false].map((halo) => ({
        name: halo ? 'halos' : 'benchmarks',
        data: { values: benchmarks },
        mark: {
          ...text,
          fontWeight: 'bold',
          align: { expr: 'datum.align' },
          dx: { expr: 'datum.dx' },
          ...(halo ? { stroke: colors.background, strokeWidth: 4, strokeOpacity: 0.9 } : {}),
        },
        encoding: { x: x('months'), y: y('value'), text: { field: 'label' } },
      })),
      ...(narrow
        ? []
        : [
            {
              name: 'leaders',
              data: { values: leaders },
              mark: { type: 'rule', stroke: colors.muted, strokeWidth: 1 },
              encoding: {
                x: x('months'),
                y: y('value'),
                x2: { field: 'toMonths' },
                y2: { field: 'labelY' },
              },
            },
            ...(grey.length
              ? [
                  {
                    name: 'grey-swatches',
                    data: { values: labels.filter((l) => !isLit(l)) },
                    mark: { type: 'rule', strokeWidth: 1.5, stroke: colors.muted },
                    encoding: { x: x('months'), y: y('labelY'), x2: { field: 'swatchEnd' } },
                  },
                ]
              : []),
            {
              name: 'swatches',
              data: { values: labels.filter(isLit) },
              mark: { type: 'rule', strokeWidth: 2.5 },
              encoding: {
                x: x('months'),
                y: y('labelY'),
                x2: { field: 'swatchEnd' },
                color,
                strokeDash: dash,
              },
            },
            {
              name: 'labels',
              data: { values: labels },
              mark: { ...text, align: 'left', dx: 4, limit: layout.right - 12 - SWATCH - 10 },
              encoding: { x: x('swatchEnd'), y: y('labelY'), text: { field: 'label' } },
            },
          ]),
    ],
  } as VegaLiteSpec;
}
