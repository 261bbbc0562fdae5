// The specs of <rereferral-curve>, pure functions of the analysis's result (and the width the element
// measured): the step curves of the cumulative proportion re-referred with their confidence bands
// (this file), and the forest plot of Cox hazard ratios (rereferral-curve.spec-forest.ts, re-exported
// here). No DOM, no Vega at run time (type imports only): importable in Node, tested as JSON and
// rendered headless (tests/src/specs/rereferral-curve.spec.test.ts).
//
// The curves are still a Vega spec, written before the kit drew Vega-Lite (the forest plot is
// Vega-Lite already; components/internal/CHARTS.md says how new charts are written): <csc-vega-chart>
// draws either. The theme (font, axis colours, the group palette as `range.category`) comes as the
// config; the colours the marks set themselves (`colors`) are explicit.
//
// Layout policy: `autosize: 'none'` with explicit padding, so the plot area sits at a known place
// (`curveLayout`): the number-at-risk table under the chart lines its columns up with the x axis from
// the same numbers, as survminer's risk table does. Direct labels at the curve ends (a thin leader, a
// swatch of the group's colour and dash pattern, the name in the text colour) replace a legend: colour
// is never the only carrier. Labels are spread apart so they never overlap (at least LABEL_GAP pixels
// between centres).
//
// What Vega runs, kept small so the kit's trimmed runtime can draw it: no transforms, no expressions
// (CSP: nothing to evaluate; percentages and tooltips come pre-formatted in the data), no facets or
// item sorting: each group's band and curve is a mark of its own over that group's points, already
// in time order. Marks: rule, area, line, symbol, text; scales: linear, log, band, ordinal.
import type { Axis, Data, Legend, Mark, Scale, Spec } from 'vega';
import type { RereferralShown as RereferralResult, ShownCurve } from './rereferral-curve.text.js';
import {
  LIGHT_COLORS,
  NARROW,
  VEGA_SCHEMA,
  clamp,
  withoutAria,
  type CurveLayout,
  type SpecColors,
} from './rereferral-curve.spec-base.js';

export { LIGHT_COLORS, type CurveLayout, type SpecColors } from './rereferral-curve.spec-base.js';
export { forestLayout, forestSpec } from './rereferral-curve.spec-forest.js';

/** Minimum distance (px) between the centres of two direct labels. */
export const LABEL_GAP = 15;
/** Length (px) of the colour and dash swatch before each direct label. */
const SWATCH = 18;
/** The height (px) of one legend row (narrow charts). */
const LEGEND_ROW = 17;
/** Dash patterns: solid for the first six groups, dashed for the next six, dotted after. */
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
];
const PALETTE_SIZE = 6;

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * Where the plot area sits in a chart `width` px wide whose direct labels are `labels`: the right
 * margin grows with the longest label (about 6.6 px a character at 12 px), up to 30% of the width.
 * Below 480 px there is no room for labels beside the curves: a legend goes under the chart.
 */
export function curveLayout(width: number, labels: readonly string[] = []): CurveLayout {
  const w = Math.max(240, Math.floor(width));
  if (w < NARROW) {
    const left = 66;
    const right = 16;
    const bottom = 80 + LEGEND_ROW * labels.length;
    return { width: w, narrow: true, left, right, plotWidth: w - left - right, height: 240, top: 16, bottom };
  }
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  const left = Math.round(clamp(w * 0.22, 56, 200));
  const right = Math.round(clamp(longest * 6.6 + SWATCH + 26, 72, Math.max(72, w * 0.3)));
  return {
    width: w,
    narrow: false,
    left,
    right,
    plotWidth: w - left - right,
    height: 340,
    top: 16,
    bottom: 48,
  };
}

/** The dash pattern of group k. */
export function groupDash(k: number): number[] {
  return DASHES[Math.min(DASHES.length - 1, Math.floor(k / PALETTE_SIZE))]!;
}

/** Label positions (data units) no closer than LABEL_GAP px, kept within the plot where possible. */
export function spreadLabels(values: number[], yMax: number, height: number): number[] {
  const px = values.map((v) => height * (1 - v / yMax));
  const order = px.map((_, i) => i).sort((a, b) => px[a]! - px[b]!);
  const placed = new Array<number>(px.length);
  let prev = -Infinity;
  for (const i of order) {
    placed[i] = Math.max(px[i]!, prev + LABEL_GAP);
    prev = placed[i]!;
  }
  // Pushed below the plot: shift the whole stack up from the bottom.
  let limit = height + LABEL_GAP / 2;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    if (placed[i]! > limit) placed[i] = limit;
    limit = placed[i]! - LABEL_GAP;
  }
  return placed.map((p) => yMax * (1 - p / height));
}

/** Yearly ticks up to the horizon (every 6 months below two years). */
export function monthTicks(horizon: number): number[] {
  const step = horizon <= 24 ? 6 : 12;
  const ticks: number[] = [];
  for (let m = 0; m <= horizon + 1e-9; m += step) ticks.push(m);
  return ticks;
}

function yTop(result: RereferralResult, groups: ShownCurve[]): number {
  let top = 0.1;
  for (const g of groups) for (const v of g.upper) top = Math.max(top, v);
  for (const b of result.benchmarks) if (b.months <= result.horizonMonths) top = Math.max(top, b.value);
  return Math.min(1, Math.ceil((top + 0.02) * 10) / 10);
}

/** A point at (months, value) on the x and y scales. */
const at = (y = 'value') => ({ x: { scale: 'x', field: 'months' }, y: { scale: 'y', field: y } });

/**
 * The curves of 1 - S(t) with their bands, the 12-month and six-year marks, the benchmarks and
 * direct labels.
 * @param width the chart's width in px (the element's content width)
 */
export function curveSpec(
  result: RereferralResult,
  { width = 640, colors = LIGHT_COLORS }: { width?: number; colors?: SpecColors } = {},
): Spec {
  // Published figures may withhold a group (no points): it is not drawn (its table row says c).
  const groups = result.groups.filter((g) => g.months.length > 0);
  const layout = curveLayout(
    width,
    groups.map((g) => g.label),
  );
  const { plotWidth, height } = layout;
  const horizon = result.horizonMonths;
  const levels = groups.map((g) => g.level);
  const yMax = yTop(result, groups);
  // One data set per group: its band and its curve are marks of their own (a line joins all its points).
  const curves: Data[] = groups.map((g, k) => ({
    name: `curve-${k}`,
    values: g.months.map((months, i) => ({
      group: g.level,
      months,
      estimate: g.estimate[i],
      lower: g.lower[i],
      upper: g.upper[i],
    })),
  }));
  const marks: Record<string, unknown>[] = [];
  for (const g of groups) {
    for (const mark of [g.at.months12, g.at.years6]) {
      if (mark.estimate === null || mark.months > horizon + 1e-9) continue;
      marks.push({
        group: g.level,
        months: mark.months,
        estimate: mark.estimate,
        // What the element's tooltip lists, in order (plain data: nothing to evaluate).
        tooltip: {
          Group: g.label,
          'Months since closure': mark.months,
          'Re-referred': pct(mark.estimate),
          '95% interval': `${pct(mark.lower)} to ${pct(mark.upper)}`,
        },
      });
    }
  }
  const benchmarks = result.benchmarks
    .filter((b) => b.months <= horizon + 1e-9)
    .map((b) => {
      // Left of its diamond where the plot leaves room for the words (clear of the y axis), else right.
      const left = (plotWidth * b.months) / horizon > 90;
      return {
        months: b.months,
        value: b.value,
        label: b.sameDefinition ? b.label : `${b.label}*`,
        id: b.id,
        side: left ? 'left' : 'right',
        align: left ? 'right' : 'left',
        dx: left ? -8 : 8,
      };
    });
  const ends = groups.map((g) => g.estimate[g.estimate.length - 1] ?? 0);
  const labelY = spreadLabels(ends, yMax, height);
  // A thin grey leader from the curve's end to its label, then a swatch of the curve's colour and
  // dash pattern, then the label: the key sits by the curve it names. Every label is in the right
  // margin, one column spread apart: a curve that stops early (follow-up ends; a published curve
  // stops where few episodes are still followed) would otherwise put its label inside the plot,
  // over the other curves. Such a curve has no leader (a line from its end would read as more curve).
  const perPx = horizon / plotWidth;
  const column = horizon + 10 * perPx;
  const leaders: Record<string, unknown>[] = [];
  const swatches: Record<string, unknown>[] = [];
  const labels = groups.map((g, k) => {
    const end = Math.min(horizon, g.months[g.months.length - 1] ?? 0);
    if (end >= horizon - 6 * perPx)
      leaders.push({
        group: g.level,
        months: end + 4 * perPx,
        value: ends[k],
        toMonths: column,
        toValue: labelY[k],
      });
    swatches.push({ group: g.level, months: column, toMonths: column + SWATCH * perPx, value: labelY[k] });
    return { group: g.level, months: column + SWATCH * perPx, value: labelY[k], label: g.label };
  });

  const color = (field = 'group') => ({ scale: 'color', field });
  const text = {
    fill: { value: colors.text },
    fontSize: { value: 12 },
    baseline: { value: 'middle' as const },
  };
  const drawn: Mark[] = [
    {
      type: 'rule',
      name: 'year-rules',
      from: { data: 'year-marks' },
      encode: {
        update: {
          x: { scale: 'x', field: 'months' },
          y: { value: 0 },
          y2: { field: { group: 'height' } },
          stroke: { value: colors.muted },
          strokeDash: { value: [2, 3] },
        },
      },
    },
    // Every band under every curve, as Vega-Lite's layers drew them.
    ...groups.map((_, k): Mark => ({
      type: 'area',
      name: `band-${k}`,
      from: { data: `curve-${k}` },
      encode: {
        update: {
          ...at('lower'),
          y2: { scale: 'y', field: 'upper' },
          orient: { value: 'vertical' },
          interpolate: { value: 'step-after' },
          fill: color(),
          opacity: { value: 0.14 },
        },
      },
    })),
    ...groups.map((_, k): Mark => ({
      type: 'line',
      name: `line-${k}`,
      from: { data: `curve-${k}` },
      encode: {
        update: {
          ...at('estimate'),
          interpolate: { value: 'step-after' },
          stroke: color(),
          strokeDash: { scale: 'dash', field: 'group' },
          strokeWidth: { value: 2 },
        },
      },
    })),
    {
      type: 'symbol',
      name: 'mark-points',
      from: { data: 'marks' },
      encode: {
        update: {
          ...at('estimate'),
          fill: color(),
          size: { value: 40 },
          stroke: { value: colors.background },
          strokeWidth: { value: 1 },
          opacity: { value: 1 },
          tooltip: { field: 'tooltip' },
        },
      },
    },
    {
      type: 'symbol',
      name: 'benchmark-diamonds',
      from: { data: 'benchmarks' },
      encode: {
        update: {
          ...at(),
          shape: { value: 'diamond' },
          size: { value: 90 },
          fill: { value: colors.text },
          stroke: { value: colors.background },
          strokeWidth: { value: 1 },
          opacity: { value: 0.7 },
        },
      },
    },
    // Each benchmark's label on the side with room, over a halo of the background colour.
    ...[true, false].map((halo): Mark => ({
      type: 'text',
      name: halo ? 'benchmark-halos' : 'benchmark-labels',
      from: { data: 'benchmarks' },
      encode: {
        update: {
          ...at(),
          ...text,
          text: { field: 'label' },
          align: { field: 'align' },
          dx: { field: 'dx' },
          fontWeight: { value: 'bold' },
          ...(halo
            ? {
                stroke: { value: colors.background },
                strokeWidth: { value: 4 },
                strokeOpacity: { value: 0.9 },
              }
            : {}),
        },
      },
    })),
    ...(layout.narrow
      ? []
      : ([
          {
            type: 'rule',
            name: 'leader-rules',
            from: { data: 'leaders' },
            encode: {
              update: {
                ...at(),
                x2: { scale: 'x', field: 'toMonths' },
                y2: { scale: 'y', field: 'toValue' },
                stroke: { value: colors.muted },
                strokeWidth: { value: 1 },
              },
            },
          },
          {
            type: 'rule',
            name: 'swatch-rules',
            from: { data: 'swatches' },
            encode: {
              update: {
                ...at(),
                x2: { scale: 'x', field: 'toMonths' },
                stroke: color(),
                strokeDash: { scale: 'dash', field: 'group' },
                strokeWidth: { value: 2.5 },
              },
            },
          },
          {
            type: 'text',
            name: 'label-texts',
            from: { data: 'labels' },
            encode: {
              update: {
                ...at(),
                ...text,
                text: { field: 'label' },
                align: { value: 'left' },
                dx: { value: 4 },
                limit: { value: layout.right - 12 - SWATCH - 10 },
              },
            },
          },
        ] satisfies Mark[])),
  ];

  const scales: Scale[] = [
    { name: 'x', type: 'linear', domain: [0, horizon], range: 'width', nice: false, zero: true },
    { name: 'y', type: 'linear', domain: [0, yMax], range: 'height', nice: false, zero: true },
    { name: 'color', type: 'ordinal', domain: levels, range: 'category' },
    { name: 'dash', type: 'ordinal', domain: levels, range: levels.map((_, k) => groupDash(k)) },
  ];
  // The y axis (with its grid) first: the x axis's domain line is drawn over the grid line at 0.
  const axes: Axis[] = [
    {
      scale: 'y',
      orient: 'left',
      format: '.0%',
      title: 'Re-referred',
      tickCount: 5,
      titlePadding: 8,
      grid: true,
      labelOverlap: true,
    },
    {
      scale: 'x',
      orient: 'bottom',
      values: monthTicks(horizon),
      title: 'Months since the episode closed',
      grid: false,
      labelFlush: false,
      labelOverlap: true,
    },
  ];
  // Narrow: one legend (colour and dash merged) under the plot, a row per group, naming the groups by
  // their labels (scales of their own keyed by label, in the groups' order, so the colours match).
  const legends: Legend[] = [];
  const names = groups.map((g) => g.label);
  if (layout.narrow) {
    const keys = new Set(names).size === names.length ? names : levels;
    scales.push(
      { name: 'legend-color', type: 'ordinal', domain: keys, range: 'category' },
      { name: 'legend-dash', type: 'ordinal', domain: keys, range: keys.map((_, k) => groupDash(k)) },
    );
    legends.push({
      stroke: 'legend-color',
      strokeDash: 'legend-dash',
      orient: 'bottom',
      direction: 'vertical',
      symbolType: 'stroke',
      symbolStrokeWidth: 2.5,
      symbolOpacity: 1,
      labelFontSize: 12,
      labelLimit: layout.width - layout.left - 36,
      rowPadding: 3,
      offset: 12,
    });
  }
  return withoutAria({
    $schema: VEGA_SCHEMA,
    description: 'Cumulative percentage of episodes followed by a re-referral, by months since closure.',
    width: plotWidth,
    height,
    autosize: { type: 'none' },
    padding: { left: layout.left, right: layout.right, top: layout.top, bottom: layout.bottom },
    data: [
      { name: 'year-marks', values: [12, 72].filter((m) => m <= horizon + 1e-9).map((m) => ({ months: m })) },
      ...curves,
      { name: 'marks', values: marks },
      { name: 'benchmarks', values: benchmarks },
      ...(layout.narrow
        ? []
        : [
            { name: 'leaders', values: leaders },
            { name: 'swatches', values: swatches },
            { name: 'labels', values: labels },
          ]),
    ],
    scales,
    axes,
    legends,
    marks: drawn,
  });
}
